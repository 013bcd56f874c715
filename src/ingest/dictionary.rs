//! What the row parser knows of the config, for the logs of one source: the header names, the
//! activities, the totals labels, and whose rows they are (a municipality's, or in a police area's
//! shared log, the one each row's `Kommun` cell names). Pure.

use crate::config::{Config, Install, Source};
use crate::model::Column;
use crate::names::Lookup;
use crate::names::{Municipalities, Vocabulary, normalize};
use crate::pledge::{ActivityKind, Pledge, Rule};

/// What the parser needs to know about the config, for the logs of one source.
#[derive(Debug, Clone)]
pub(crate) struct Dictionary {
    /// Activity names and aliases (of a shared log of a police area: every municipality's, to tell
    /// what a row without a known municipality would have been).
    pub(crate) vocabulary: Vocabulary,
    /// Normalized header name → column.
    pub(crate) headers: Vec<(String, Column)>,
    /// Normalized words that start a totals row.
    pub(crate) total_labels: Vec<String>,
    /// The indicators the pledges follow, for an indicator sheet (of a shared log: every
    /// municipality's, as for `vocabulary`).
    pub(crate) indicators: Indicators,
    /// The pledges a plan sheet may name (of a shared log: every municipality's).
    pub(crate) plans: Plans,
    /// Whose rows these are.
    pub(crate) route: Route,
}

/// What a plan sheet's rows are read against: the pledges (by id or title) and their owners (by id
/// or name).
#[derive(Debug, Clone)]
pub(crate) struct Plans {
    pledges: Vocabulary,
    /// Each pledge's id and its owners' ids and names.
    owners: Vec<(String, Vec<(String, String)>)>,
}

impl Plans {
    /// The pledges of `config`.
    pub(crate) fn of(config: &Config) -> Plans {
        let kinds: Vec<ActivityKind> = config
            .pledges
            .iter()
            .map(|p| ActivityKind { id: p.id.clone(), name: p.title.clone(), aliases: vec![p.id.clone()] })
            .collect();
        let owners = config
            .pledges
            .iter()
            .map(|p| {
                let named = p
                    .owners
                    .iter()
                    .map(|o| (o.clone(), config.party(o).map_or_else(|| o.clone(), |x| x.name.clone())))
                    .collect();
                (p.id.clone(), named)
            })
            .collect();
        Plans { pledges: Vocabulary::new(&kinds), owners }
    }

    /// The pledge `written` names (its id), or the one it resembles.
    pub(crate) fn pledge(&self, written: &str) -> Lookup<'_> {
        self.pledges.lookup(written)
    }

    /// The owner of `pledge` that `written` names (its id), or the owners' names.
    pub(crate) fn owner(&self, pledge: &str, written: &str) -> Result<String, Vec<String>> {
        let owners = self.owners.iter().find(|(p, _)| p == pledge).map_or(&[][..], |(_, o)| o.as_slice());
        let key = normalize(written);
        owners
            .iter()
            .find(|(id, name)| normalize(id) == key || normalize(name) == key)
            .map(|(id, _)| id.clone())
            .ok_or_else(|| owners.iter().map(|(_, name)| name.clone()).collect())
    }
}

/// The outcome indicators of pledges, as an indicator sheet's `Indikator` may name them.
#[derive(Debug, Clone)]
pub(crate) struct Indicators {
    names: Vocabulary,
    /// Those whose values are per cent on a scale to 100 (`IndicatorRule::per_cent_scale`).
    per_cent: Vec<String>,
    /// Each one's unit (`anmälningar`), which a value may be written with.
    units: Vec<(String, String)>,
}

impl Indicators {
    /// The indicators of `pledges` measured by one.
    pub(crate) fn of<'p>(pledges: impl IntoIterator<Item = &'p Pledge>) -> Indicators {
        let mut kinds: Vec<ActivityKind> = Vec::new();
        let mut per_cent = Vec::new();
        let mut units = Vec::new();
        for p in pledges {
            let Rule::Indicator(i) = &p.rule else { continue };
            if !i.unit.is_empty() && !units.iter().any(|(n, _)| *n == i.indicator) {
                units.push((i.indicator.clone(), i.unit.clone()));
            }
            if !kinds.iter().any(|k| k.id == i.indicator) {
                let name = i.indicator.clone();
                kinds.push(ActivityKind { id: name.clone(), name, aliases: Vec::new() });
            }
            if i.per_cent_scale() && !per_cent.contains(&i.indicator) {
                per_cent.push(i.indicator.clone());
            }
        }
        Indicators { names: Vocabulary::new(&kinds), per_cent, units }
    }

    /// The indicator `written` names (by its name in the config), or the one it resembles.
    pub(crate) fn lookup(&self, written: &str) -> Lookup<'_> {
        self.names.lookup(written)
    }

    /// `indicator`'s unit; empty when it has none.
    pub(crate) fn unit_of(&self, indicator: &str) -> &str {
        self.units.iter().find(|(n, _)| n == indicator).map_or("", |(_, u)| u.as_str())
    }

    /// Whether `indicator`'s values are per cent on a scale to 100.
    pub(crate) fn per_cent_scale(&self, indicator: &str) -> bool {
        self.per_cent.iter().any(|p| p == indicator)
    }
}

/// Which municipality a row belongs to.
#[derive(Debug, Clone)]
pub(crate) enum Route {
    /// Every row to this one (its scope: empty for a municipality alone).
    One(String),
    /// A municipality's own log in a police area: every row is its own, but a row whose `Kommun`
    /// cell names another municipality of the area is a row error (it would count for the wrong one).
    Own {
        /// Its scope.
        scope: String,
        /// Its name, for the message.
        name: String,
        /// How a cell may name each municipality of the area.
        names: Municipalities,
        /// Its index in `names`.
        own: usize,
    },
    /// A shared log of a police area: the row's `Kommun` cell says, and its activity is one of that
    /// municipality's.
    ByColumn {
        /// How the cell may name each municipality.
        names: Municipalities,
        /// Each municipality's scope, name, activities and indicators, in the order of `names`' indices.
        each: Vec<(String, String, Vocabulary, Indicators, Plans)>,
    },
}

impl Dictionary {
    /// The dictionary of a municipality alone: its activities, column names and totals labels.
    pub(crate) fn new(config: &Config) -> Dictionary {
        let lists = (Indicators::of(&config.pledges), Plans::of(config));
        Dictionary::of(config, &config.activities, lists, Route::One(String::new()))
    }

    /// The dictionary of a source of `install`: a municipality's own log, or a shared one told
    /// apart by its `Kommun` column (in a police area; a municipality alone has no such column).
    pub(crate) fn for_source(install: &Install, source: &Source) -> Dictionary {
        let shared = &install.shared;
        if !install.is_area() {
            return Dictionary::new(shared);
        }
        let names = Municipalities::new(
            install
                .municipalities
                .iter()
                .map(|m| (m.scope.as_deref().unwrap_or(""), m.municipality.as_str())),
        );
        let own = source
            .municipality
            .as_deref()
            .and_then(|id| install.municipalities.iter().position(|m| m.id() == id));
        if let Some(own) = own {
            let m = &install.municipalities[own];
            let route = Route::Own { scope: m.id(), name: m.municipality.clone(), names, own };
            return Dictionary::of(shared, &m.activities, (Indicators::of(&m.pledges), Plans::of(m)), route);
        }
        let each = install
            .municipalities
            .iter()
            .map(|m| {
                let (activities, indicators) = (Vocabulary::new(&m.activities), Indicators::of(&m.pledges));
                (m.id(), m.municipality.clone(), activities, indicators, Plans::of(m))
            })
            .collect();
        let mut all: Vec<ActivityKind> = Vec::new();
        for a in install.municipalities.iter().flat_map(|m| &m.activities) {
            if !all.iter().any(|x| x.id == a.id) {
                all.push(a.clone());
            }
        }
        let indicators = Indicators::of(install.municipalities.iter().flat_map(|m| &m.pledges));
        // A plan sheet of a shared log names its municipality: its pledges are looked up there.
        let plans = Plans { pledges: Vocabulary::new(&[]), owners: Vec::new() };
        Dictionary::of(shared, &all, (indicators, plans), Route::ByColumn { names, each })
    }

    fn of(
        config: &Config,
        activities: &[ActivityKind],
        (indicators, plans): (Indicators, Plans),
        route: Route,
    ) -> Dictionary {
        let alone = matches!(route, Route::One(_));
        let headers = config
            .columns
            .iter()
            // The log of a municipality alone may have a Kommun column: it is read as any other
            // column pledgewatch does not know.
            .filter(|(col, _)| *col != Column::Municipality || !alone)
            .flat_map(|(col, names)| names.iter().map(move |n| (normalize(n), *col)))
            .collect();
        Dictionary {
            vocabulary: Vocabulary::new(activities),
            headers,
            total_labels: config.ingest.total_labels.clone(),
            indicators,
            plans,
            route,
        }
    }

    /// The columns a sheet must have to be read: a shared log of a police area says the municipality.
    pub(super) fn required(&self) -> &'static [Column] {
        match self.route {
            Route::One(_) | Route::Own { .. } => &Column::REQUIRED,
            Route::ByColumn { .. } => &[Column::Date, Column::Activity, Column::Municipality],
        }
    }

    /// The indicators of the municipality whose scope is `scope` (in a shared log, the one a row's
    /// `Kommun` names; else the log's own).
    pub(super) fn indicators_of(&self, scope: &str) -> &Indicators {
        match &self.route {
            Route::ByColumn { each, .. } => {
                each.iter().find(|e| e.0 == scope).map_or(&self.indicators, |e| &e.3)
            }
            Route::One(_) | Route::Own { .. } => &self.indicators,
        }
    }

    /// The pledges of the municipality whose scope is `scope`, for a plan sheet.
    pub(super) fn plans_of(&self, scope: &str) -> &Plans {
        match &self.route {
            Route::ByColumn { each, .. } => each.iter().find(|e| e.0 == scope).map_or(&self.plans, |e| &e.4),
            Route::One(_) | Route::Own { .. } => &self.plans,
        }
    }

    pub(super) fn column_named(&self, text: &str) -> Option<Column> {
        let key = normalize(text);
        self.headers.iter().find(|(name, _)| *name == key).map(|(_, c)| *c)
    }

    /// Whether `text` is a totals label: a label as a whole word, alone or followed by more
    /// ("Summa", "Summa:", "Totalt 2019"), not a word that merely starts like one ("Summan").
    pub(super) fn is_total_label(&self, text: &str) -> bool {
        let key = normalize(text);
        self.total_labels.iter().any(|label| {
            key.strip_prefix(label.as_str())
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        })
    }
}
