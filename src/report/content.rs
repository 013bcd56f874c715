//! What the follow-up says: the standings of a period, the activities, the data quality and the
//! comments → a [`Document`], the full follow-up (the one-page public summary is [`super::public`]'s).
//!
//! Pure. The date of the document comes from the config and the data, never from the clock, and
//! every list has a fixed order, so the same store gives the same document (and the same bytes).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::comments::Comments;
use super::doc::{Block, Column, Document, Fact, Span, Table, Tone};
use super::pledge::{pledge_section, result};
pub(super) use super::pledge::{row_error_table, section_data, verdict_word};
use super::sources::{SourceKeys, appendix, local_date, quality};
use crate::config::Config;
use crate::messages::report::{self as words, heading, label};
use crate::model::{Activity, Log};
use crate::pledge::{Period, Pledge};
use crate::rules::verdict::{Verdict, verdict};
use crate::rules::{self, PledgeStanding, Status};
use crate::store::{FileRecord, FileState, ProblemDetail};

/// What a follow-up is made of.
pub(crate) struct Input<'a> {
    /// The config: pledges, parties, people, plans.
    pub(crate) config: &'a Config,
    /// The period reported on.
    pub(crate) period: &'a Period,
    /// The day the figures are of: the period's last day once it has ended, else the day of a draft.
    pub(crate) as_of: NaiveDate,
    /// The period is over (the day asked for is after its last day).
    is_final: bool,
    /// Every activity and row error in the store.
    pub(crate) log: &'a Log,
    /// Every file in the store.
    pub(crate) files: &'a [FileRecord],
    /// The files that could not be read.
    pub(crate) refusals: &'a [ProblemDetail],
    /// The coordinators' comments.
    pub comments: &'a Comments,
    /// The period's pledges with their standings, computed once (see [`Input::entries`]).
    entries: std::cell::OnceCell<Vec<Entry<'a>>>,
    /// When this is a corrected version of a follow-up that was mailed.
    corrected: Option<Corrected>,
    /// An interim follow-up ("Delrapport"): the period so far, mailed on a day of `[[period.interim]]`.
    interim: bool,
}

/// A corrected version of a mailed follow-up (a figure changed since): when that went, and the day
/// this version is made (its date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Corrected {
    /// The day the follow-up it replaces was mailed.
    pub(crate) mailed_on: NaiveDate,
    /// The day this version is made.
    pub(crate) made_on: NaiveDate,
}

/// One pledge of the period, with its standing and verdict.
pub(super) struct Entry<'a> {
    pub(super) pledge: &'a Pledge,
    pub(super) standing: PledgeStanding,
    pub(super) verdict: Option<Verdict>,
    /// The pledge's period before this one, if it has one, with its final standing and verdict when
    /// the store holds that period's logs (`None`: they are not there to say).
    pub(super) previous: Option<(&'a Period, Option<Box<Entry<'a>>>)>,
}

impl<'a> Entry<'a> {
    /// A pledge's standing and verdict, with nothing of another period.
    pub(super) fn of(pledge: &'a Pledge, standing: PledgeStanding, verdict: Option<Verdict>) -> Entry<'a> {
        Entry { pledge, standing, verdict, previous: None }
    }
}

impl<'a> Input<'a> {
    /// What a follow-up of `period` on `as_of` is made of. `as_of` is clamped to the period's last day;
    /// the follow-up is final (not a draft) when `as_of` is after it, as every label is.
    pub(crate) fn new(
        config: &'a Config,
        period: &'a Period,
        as_of: NaiveDate,
        log: &'a Log,
        files: &'a [FileRecord],
        refusals: &'a [ProblemDetail],
        comments: &'a Comments,
    ) -> Input<'a> {
        let is_final = as_of > period.end;
        let as_of = as_of.min(period.end);
        let entries = std::cell::OnceCell::new();
        let (corrected, interim) = (None, false);
        Input { config, period, as_of, is_final, log, files, refusals, comments, entries, corrected, interim }
    }

    /// This input as an interim follow-up, while the period runs (see [`Input::is_interim`]).
    pub(crate) fn interim(mut self, interim: bool) -> Input<'a> {
        self.interim = interim && !self.is_final;
        self
    }

    /// Whether this is an interim follow-up ("Delrapport"), not a draft or the follow-up itself.
    pub(crate) fn is_interim(&self) -> bool {
        self.interim
    }

    /// The running footer of a page: as it is, or a Delrapport's (`Delrapport: Uppföljning …`; a
    /// draft has its banner).
    pub(crate) fn footer(&self, footer: &str) -> String {
        if self.interim { words::interim_title(footer) } else { footer.to_owned() }
    }

    /// The title of a document of this input made from `title`: as it is, or a draft's or interim
    /// follow-up's (`Utkast: …`, `Delrapport: …`).
    pub(crate) fn titled(&self, title: &str) -> String {
        match (self.is_final, self.interim) {
            (true, _) => title.to_owned(),
            (false, true) => words::interim_title(title),
            (false, false) => words::draft_title(title),
        }
    }

    /// This input as a corrected version of the mailed follow-up (see [`Corrected`]).
    pub(crate) fn corrected(mut self, corrected: Option<Corrected>) -> Input<'a> {
        self.corrected = corrected.filter(|_| self.is_final);
        self
    }

    /// Whether the period is over on the as-of day (its figures are final).
    pub(crate) fn is_final(&self) -> bool {
        self.is_final
    }

    /// The date the document is of: the day it is sent (configured), or the period's last day when no
    /// day is configured; for a draft, the as-of day.
    pub(crate) fn date(&self) -> NaiveDate {
        if !self.is_final() {
            return self.as_of;
        }
        if let Some(c) = self.corrected {
            return c.made_on;
        }
        self.config.report.plan(&self.period.id).map_or(self.period.end, |p| p.send_on)
    }

    /// The day the standings are computed on: the as-of day of a draft; for the final follow-up the
    /// day after the period, when its last day is over too (on its last day a month or a target not
    /// yet reached can still be).
    fn standing_day(&self) -> NaiveDate {
        match self.is_final() {
            true => self.period.end.succ_opt().unwrap_or(self.period.end),
            false => self.as_of,
        }
    }

    pub(super) fn period_name(&self) -> String {
        words::period_name(self.period.start, self.period.end)
    }

    /// The period's pledges, each with its standing and verdict (computed on first use).
    pub(super) fn entries(&self) -> &[Entry<'a>] {
        self.entries.get_or_init(|| {
            self.config
                .pledges
                .iter()
                .filter(|p| p.periods.contains(&self.period.id))
                .map(|p| {
                    let standing = rules::standing_in(
                        p,
                        self.period,
                        &self.config.periods,
                        self.log,
                        self.standing_day(),
                    );
                    let verdict = verdict(&standing, self.is_final());
                    Entry { previous: self.previous(p), ..Entry::of(p, standing, verdict) }
                })
                .collect()
        })
    }

    /// The period of `pledge` before this one, and its final figures when its logs are in the store.
    fn previous(&self, pledge: &'a Pledge) -> Option<(&'a Period, Option<Box<Entry<'a>>>)> {
        let config = self.config;
        let before = rules::previous_period(pledge, &config.periods, self.period)?;
        if !crate::supply::Supply::period_delivered(config, self.files, self.log, pledge, before) {
            return Some((before, None));
        }
        let after = before.end.succ_opt().unwrap_or(before.end);
        let standing = rules::standing_in(pledge, before, &config.periods, self.log, after);
        let verdict = verdict(&standing, true);
        Some((before, Some(Box::new(Entry::of(pledge, standing, verdict)))))
    }

    /// The row errors that may concern the period: dated in it up to the as-of day, in no period at
    /// all, or not dated (as a pledge's standing lists them).
    pub(super) fn row_errors(&self) -> Vec<&crate::model::RowError> {
        let (period, periods) = (self.period, &self.config.periods);
        self.log
            .row_errors
            .iter()
            .filter(|r| rules::row_error_concerns(r, period, periods, self.as_of))
            .collect()
    }

    /// The files the period's figures rest on, by path: those holding activities or row errors of
    /// the period, and those refused by the day of the report. Files of other periods, and files
    /// refused later, do not change the report of this one.
    pub(super) fn files(&self) -> Vec<&FileRecord> {
        let mut paths: HashSet<&str> = self
            .log
            .activities
            .iter()
            .filter(|a| self.period.contains(a.date))
            .map(|a| &*a.source.file)
            .collect();
        paths.extend(self.row_errors().iter().map(|r| &*r.source.file));
        let measured = self.log.readings.iter().filter(|r| self.period.contains(r.measured.day()));
        paths.extend(measured.map(|r| &*r.source.file));
        let date = self.date();
        let mut files: Vec<&FileRecord> = self
            .files
            .iter()
            .filter(|f| {
                paths.contains(f.path.as_str())
                    || (f.state == FileState::Refused
                        && local_date(self.config, &f.first_seen).is_some_and(|d| d <= date))
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }

    pub(super) fn draft(&self) -> Option<super::doc::Draft> {
        let (banner, mark) = match (self.is_final, self.interim) {
            (true, _) => return None,
            (false, true) => (words::interim(self.as_of), words::interim_watermark()),
            (false, false) => (words::draft(self.as_of), words::draft_watermark()),
        };
        Some(super::doc::Draft { banner, mark })
    }
}

/// One pledge in a short summary (the report mail).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its title.
    pub(crate) title: String,
    /// Its verdict (or, in a draft, its state) in words.
    pub(crate) verdict: String,
    /// Its result in words.
    pub(crate) result: String,
    /// The colour of its verdict.
    pub(crate) tone: Tone,
}

/// Per pledge of the period: its line in a short summary, and its verdict (`None` in a draft).
pub(crate) fn summary(input: &Input<'_>) -> Vec<Line> {
    input
        .entries()
        .iter()
        .map(|e| {
            let (word, tone) = verdict_word(e);
            Line { title: e.pledge.title.clone(), verdict: word.to_owned(), result: result(e), tone }
        })
        .collect()
}

/// How many pledges got each verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// All pledges of the period.
    pub(crate) total: usize,
    /// Met.
    pub(crate) met: usize,
    /// Partly met.
    pub(crate) partly: usize,
    /// Not met.
    pub(crate) not_met: usize,
    /// Done (without a number).
    pub(crate) done: usize,
    /// Not measured (an indicator without a value for the period).
    pub(crate) not_measured: usize,
}

impl Input<'_> {
    /// How many pledges got each verdict (all zero but `total` in a draft).
    pub(crate) fn counts(&self) -> Counts {
        let entries = self.entries();
        let n = |v: Verdict| entries.iter().filter(|e| e.verdict == Some(v)).count();
        Counts {
            total: entries.len(),
            met: n(Verdict::Met),
            partly: n(Verdict::PartlyMet),
            not_met: n(Verdict::NotMet),
            done: n(Verdict::Done),
            not_measured: n(Verdict::NotMeasured),
        }
    }
}

/// The full written follow-up.
pub(crate) fn full(input: &Input<'_>) -> Document {
    let config = input.config;
    let entries = input.entries();
    let by_id: HashMap<i64, &Activity> = input.log.activities.iter().map(|a| (a.id, a)).collect();
    let keys = SourceKeys::new(entries, &by_id);
    let period = input.period_name();
    let mut blocks = vec![cover(input)];

    blocks.push(Block::Heading {
        level: 1,
        text: heading::SUMMARY.into(),
        id: Some("sammanfattning".into()),
    });
    blocks.push(Block::Paragraph(vec![Span::plain(summary_sentence(input))]));
    blocks.push(Block::Table(Table {
        class: "summary",
        columns: vec![
            Column::text(label::PLEDGE, 30),
            Column::text(label::TARGET, 25),
            Column::text(label::RESULT, 30),
            Column::text(if input.is_final() { label::VERDICT } else { label::STATUS_NOW }, 15),
        ],
        rows: entries
            .iter()
            .map(|e| {
                vec![
                    e.pledge.title.clone(),
                    words::target(e.pledge, e.standing.target),
                    result(e),
                    verdict_word(e).0.to_owned(),
                ]
            })
            .collect(),
    }));
    blocks.push(Block::Heading { level: 2, text: heading::ABOUT.into(), id: None });
    let indicators = entries.iter().any(|e| e.standing.indicator.is_some());
    blocks.extend(words::method(indicators).into_iter().map(|p| Block::Paragraph(vec![Span::plain(p)])));

    blocks.push(Block::PageBreak);
    blocks.push(Block::Heading { level: 1, text: heading::PLEDGES.into(), id: Some("loftena".into()) });
    for e in entries {
        blocks.push(pledge_section(input, e, &by_id, &keys));
    }

    blocks.push(Block::PageBreak);
    blocks.extend(quality(input));
    blocks.push(Block::PageBreak);
    blocks.extend(appendix(input, entries, &by_id, &keys));

    Document {
        title: if let Some(c) = input.corrected {
            words::corrected_title(&words::title(&period), c.mailed_on)
        } else {
            input.titled(&words::title(&period))
        },
        date: input.date(),
        authors: vec![config.municipality.clone(), config.police_area.clone()],
        draft: input.draft(),
        footer: input
            .footer(&words::footer(&period, &words::signatories(&config.municipality, &config.police_area))),
        leaflet: false,
        blocks,
    }
}

fn cover(input: &Input<'_>) -> Block {
    let config = input.config;
    let mut facts = vec![
        Fact::plain(label::PERIOD, words::period_span(input.period.start, input.period.end)),
        Fact::plain(label::DATE, words::long_date(input.date())),
    ];
    if let Some(plan) = config.report.plan(&input.period.id) {
        let people = |ids: &[String]| {
            ids.iter()
                .filter_map(|id| config.person(id))
                .map(|p| words::person(&p.name, &p.title))
                .collect::<Vec<_>>()
                .join("; ")
        };
        facts.push(Fact::plain(label::TO, people(&plan.to)));
        if !plan.cc.is_empty() {
            facts.push(Fact::plain(label::CC, people(&plan.cc)));
        }
    }
    facts.push(Fact::plain(label::BASIS, basis(input)));
    if let Some(c) = input.corrected {
        facts.push(Fact::plain(label::CORRECTED, words::corrected(c.mailed_on)));
    }
    Block::Cover {
        // A Delrapport says so in its heading too; a draft has its banner.
        title: match input.is_interim() {
            true => words::interim_title(&words::title(&input.period_name())),
            false => words::title(&input.period_name()),
        },
        subtitle: words::signatories(&config.municipality, &config.police_area),
        facts,
    }
}

/// What the figures rest on: `2 aktivitetsloggar, senast uppdaterad 14 januari 2020` (the day the
/// latest version of a counted file was saved, `FileRecord::changed_on`).
pub(crate) fn basis(input: &Input<'_>) -> String {
    let counted: Vec<&FileRecord> = input
        .files()
        .into_iter()
        .filter(|f| matches!(f.state, FileState::Read | FileState::Missing))
        .collect();
    let last = counted.iter().filter_map(|f| f.changed_on(input.config)).max();
    let all_logs = counted.iter().all(|f| f.rows_read > 0);
    words::basis(counted.len(), all_logs, last)
}

/// The summary's sentence: how many pledges were met, partly met, not met (or, in a draft, where
/// they stand).
pub(crate) fn summary_sentence(input: &Input<'_>) -> String {
    let entries = input.entries();
    if input.is_final() {
        let c = input.counts();
        let done: Vec<String> = entries
            .iter()
            .filter(|e| e.verdict == Some(Verdict::Done))
            .map(|e| e.pledge.title.clone())
            .collect();
        words::summary(c.total, (c.met, c.partly, c.not_met, c.not_measured), &done)
    } else {
        // An indicator has no pace: its latest value reaches the target or not.
        let n = |s: Status, measured: bool| {
            entries
                .iter()
                .filter(|e| e.standing.status == s && e.standing.indicator.is_some() == measured)
                .count()
        };
        words::draft_summary(
            entries.len(),
            n(Status::Met, false),
            n(Status::OnTrack, false),
            n(Status::Behind, false),
            n(Status::Missed, false),
            (
                n(Status::Qualitative, false),
                n(Status::Unmeasured, true),
                n(Status::OnTrack, true),
                n(Status::Behind, true),
            ),
        )
    }
}
