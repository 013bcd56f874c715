//! Decisions on the shipped config with standings made by hand.

use std::path::Path;

use super::*;
use crate::rules::PledgeStanding;

fn config() -> Config {
    Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml")).unwrap()
}

/// The decisions with no mailed follow-up's standings (the corrections' test gives its own).
fn decide(
    config: &Config,
    standings: &[PledgeStanding],
    problems: &[ProblemRef],
    memory: &Memory,
    as_of: NaiveDate,
    which: Which,
    supply: &Supply,
) -> Decisions {
    super::decide(
        config,
        Facts { standings, finished: &[], ended: &[], problems, supply, follow_up: None },
        memory,
        as_of,
        which,
    )
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn standing(pledge: &str, status: Status, as_of: &str) -> PledgeStanding {
    PledgeStanding {
        expected: Some(1.0),
        projection: Some(1.0),
        ..PledgeStanding::fixture(pledge, status, 1, Some(2), d(as_of))
    }
}

/// Runs the decisions of each day in turn, carrying the memory, and returns every key of a pledge's
/// mail (reminder, met, missed) decided.
fn days(config: &Config, steps: &[(&str, Status)], pledge: &str) -> Vec<String> {
    let mut memory = Memory::default();
    let mut keys = Vec::new();
    for (day, status) in steps {
        let d = decide(
            config,
            &[standing(pledge, *status, day)],
            &[],
            &memory,
            super::tests::d(day),
            Which::ALL,
            &Supply::default(),
        );
        keys.extend(
            d.notices
                .iter()
                .filter(|n| matches!(n.kind, Kind::Reminder | Kind::Met | Kind::Missed))
                .map(|n| n.key.clone()),
        );
        memory.pledges = d.pledges;
        memory.digest = d.digest.or(memory.digest);
    }
    keys
}

#[test]
fn one_reminder_per_lapse_rearmed_on_recovery() {
    use Status::*;
    let keys = days(
        &config(),
        &[
            ("2019-04-01", OnTrack),
            ("2019-04-02", Behind),
            ("2019-04-03", Behind),
            ("2019-05-20", Behind),
            ("2019-06-01", OnTrack),
            ("2019-09-01", Behind),
            ("2019-09-02", Behind),
        ],
        "hundsok-skola",
    );
    assert_eq!(
        keys,
        ["reminder/hundsok-skola/2019/lapse-1/lpo-chef", "reminder/hundsok-skola/2019/lapse-2/lpo-chef"]
    );
}

#[test]
fn a_pledge_of_both_parties_reminds_both_contacts() {
    let keys = days(&config(), &[("2019-04-02", Status::Behind)], "narkotika");
    assert_eq!(
        keys,
        ["reminder/narkotika/2019/lapse-1/lpo-chef", "reminder/narkotika/2019/lapse-1/trygghetssamordnare"]
    );
}

#[test]
fn an_optional_repeat_while_it_stays_behind() {
    let mut c = config();
    c.mail.reminder_repeat_weeks = Some(2);
    use Status::*;
    let keys = days(
        &c,
        &[
            ("2019-04-02", Behind),
            ("2019-04-15", Behind),
            ("2019-04-16", Behind),
            ("2019-04-17", Behind),
            ("2019-04-30", Behind),
        ],
        "hundsok-skola",
    );
    assert_eq!(
        keys,
        [
            "reminder/hundsok-skola/2019/lapse-1/lpo-chef",
            "reminder/hundsok-skola/2019/lapse-1-2/lpo-chef",
            "reminder/hundsok-skola/2019/lapse-1-3/lpo-chef"
        ]
    );
}

#[test]
fn met_and_missed_are_told_once_and_old_news_not_at_all() {
    use Status::*;
    let keys = days(
        &config(),
        &[("2019-05-01", OnTrack), ("2019-05-02", Met), ("2019-05-03", Met)],
        "hundsok-skola",
    );
    assert_eq!(keys, ["met/hundsok-skola/2019/outcome/lpo-chef"]);
    let keys = days(
        &config(),
        &[("2019-12-30", Behind), ("2019-12-31", Missed), ("2020-01-02", Missed)],
        "hundsok-skola",
    );
    assert_eq!(
        keys,
        ["reminder/hundsok-skola/2019/lapse-1/lpo-chef", "missed/hundsok-skola/2019/outcome/lpo-chef"]
    );
    // A new install in 2026 does not mail 2019's outcome.
    assert!(days(&config(), &[("2026-11-24", Missed)], "hundsok-skola").is_empty());
}

#[test]
fn qualitative_pledges_get_no_mail() {
    assert!(days(&config(), &[("2019-04-02", Status::Qualitative)], "tidiga-insatser").is_empty());
}

#[test]
fn the_digest_goes_once_a_week_from_monday() {
    let c = config();
    let s = [standing("hundsok-skola", Status::OnTrack, "2019-10-07")];
    let mut memory = Memory::default();
    let mut sent = Vec::new();
    for day in ["2019-10-05", "2019-10-06", "2019-10-07", "2019-10-08", "2019-10-15", "2019-10-16"] {
        let dec = decide(&c, &s, &[], &memory, d(day), Which::ALL, &Supply::default());
        for n in dec.notices.iter().filter(|n| n.kind == Kind::Digest) {
            sent.push(format!("{day} {}", n.key));
        }
        memory.digest = dec.digest.or(memory.digest);
    }
    // Saturday 5 October belongs to week 40, whose Monday had passed: a first digest then.
    assert_eq!(
        sent,
        [
            "2019-10-05 digest/2019-W40/lpo-chef",
            "2019-10-05 digest/2019-W40/kommunalrad",
            "2019-10-07 digest/2019-W41/lpo-chef",
            "2019-10-07 digest/2019-W41/kommunalrad",
            "2019-10-15 digest/2019-W42/lpo-chef",
            "2019-10-15 digest/2019-W42/kommunalrad",
        ]
    );
}

#[test]
fn data_quality_notices_tell_each_new_problem_once_to_its_log_keeper() {
    let c = config();
    let p = |key: &str, source: &str, id| ProblemRef {
        key: key.into(),
        source: source.into(),
        id,
        municipality: String::new(),
    };
    let problems = vec![p("a", "polisen", 1), p("b", "polisen", 2), p("c", "kommun", 3)];
    let dec = decide(&c, &[], &problems, &Memory::default(), d("2019-10-08"), Which::ALL, &Supply::default());
    let got: Vec<(&str, &str, &[i64])> = dec
        .notices
        .iter()
        .filter(|n| n.kind == Kind::DataQuality)
        .map(|n| (n.to.as_str(), n.source.as_deref().unwrap(), n.problems.as_slice()))
        .collect();
    assert_eq!(got, [("kommunpolis", "polisen", &[1, 2][..]), ("trygghetssamordnare", "kommun", &[3][..])]);
    let memory =
        Memory { noticed: dec.noticed.into_iter().collect(), digest: dec.digest, ..Memory::default() };
    let more = vec![p("a", "polisen", 1), p("b", "polisen", 2), p("c", "kommun", 3), p("d", "polisen", 4)];
    let dec = decide(&c, &[], &more, &memory, d("2019-10-09"), Which::ALL, &Supply::default());
    assert_eq!(dec.notices.len(), 1, "{:?}", dec.notices);
    assert_eq!((dec.notices[0].to.as_str(), dec.notices[0].problems.as_slice()), ("kommunpolis", &[4][..]));
}

#[test]
fn a_lapse_ends_only_back_at_pace_not_within_the_slack() {
    let c = config();
    let at = |status, count, expected: f64, day: &str| PledgeStanding {
        count,
        expected: Some(expected),
        ..standing("medborgarkontakter", status, day)
    };
    let steps = [
        at(Status::Behind, 112, 125.2, "2019-10-20"),
        at(Status::OnTrack, 134, 135.5, "2019-11-13"), // within the slack, below the pace
        at(Status::Behind, 134, 135.9, "2019-11-14"),  // the same lapse
        at(Status::OnTrack, 138, 136.3, "2019-11-15"), // back at pace: re-armed
        at(Status::Behind, 138, 140.0, "2019-11-25"),  // a new lapse
    ];
    let mut memory = Memory::default();
    let mut keys = Vec::new();
    for s in &steps {
        let dec = decide(&c, std::slice::from_ref(s), &[], &memory, s.as_of, Which::ALL, &Supply::default());
        keys.extend(dec.notices.iter().filter(|n| n.kind == Kind::Reminder).map(|n| n.key.clone()));
        memory.pledges = dec.pledges;
    }
    assert_eq!(
        keys,
        [
            "reminder/medborgarkontakter/2019/lapse-1/lpo-chef",
            "reminder/medborgarkontakter/2019/lapse-2/lpo-chef"
        ]
    );
}

#[test]
fn the_digest_remembers_counts_per_pledge_and_period() {
    let dec = decide(
        &config(),
        &[standing("hundsok-skola", Status::OnTrack, "2019-10-07")],
        &[],
        &Memory::default(),
        d("2019-10-07"),
        Which::ALL,
        &Supply::default(),
    );
    let counts = dec.digest.unwrap().counts;
    assert_eq!(counts.get(&digest_key("hundsok-skola", "2019")), Some(&1));
    assert_eq!(counts.get(&digest_key("hundsok-skola", "2020")), None, "a new period has no trend");
}

#[test]
fn a_round_decides_only_the_kinds_asked_for() {
    let c = config();
    let s = [standing("hundsok-skola", Status::Behind, "2019-10-08")];
    let p = [ProblemRef { key: "a".into(), source: "polisen".into(), id: 1, municipality: String::new() }];
    let only_digest = Which { pledges: false, digest: true, data_quality: false };
    let dec = decide(&c, &s, &p, &Memory::default(), d("2019-10-08"), only_digest, &Supply::default());
    assert!(dec.notices.iter().all(|n| n.kind == Kind::Digest) && !dec.notices.is_empty());
    assert!(dec.pledges.is_empty() && dec.noticed.is_empty(), "the others' memory is left as it was");
    let no_digest = Which { digest: false, ..Which::ALL };
    let dec = decide(&c, &s, &p, &Memory::default(), d("2019-10-08"), no_digest, &Supply::default());
    assert!(dec.digest.is_none() && dec.notices.iter().all(|n| n.kind != Kind::Digest));
    assert_eq!(dec.notices.len(), 2, "the reminder and the data-quality notice");
}

/// The supply with these sources awaited (their folders there).
fn awaiting(sources: &[&str]) -> Supply {
    let awaited = sources
        .iter()
        .map(|s| crate::supply::Awaited { source: (*s).to_owned(), folder: crate::supply::Folder::Listed })
        .collect();
    Supply { awaited }
}

#[test]
fn no_figures_while_a_source_of_the_owners_is_awaited_and_the_keepers_are_told_once() {
    let c = config();
    let day = "2019-10-07";
    // medborgarkontakter is the police's own; trygghetsvandringar is joint.
    let s = [
        standing("medborgarkontakter", Status::Behind, day),
        standing("trygghetsvandringar", Status::Behind, day),
    ];
    // Nothing delivered: no reminder, no digest; each source's keeper and the coordinator told.
    let none = decide(&c, &s, &[], &Memory::default(), d(day), Which::ALL, &awaiting(&["polisen", "kommun"]));
    let keys: Vec<&str> = none.notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "logs_awaited/polisen/kommunpolis",
            "logs_awaited/polisen/trygghetssamordnare",
            "logs_awaited/kommun/trygghetssamordnare",
        ]
    );
    assert!(none.pledges.is_empty() && none.digest.is_none(), "nothing remembered of the pledges");
    // Told once: the memory holds it.
    let memory = Memory { noticed: none.noticed.iter().cloned().collect(), ..Memory::default() };
    let again = decide(&c, &s, &[], &memory, d("2019-10-08"), Which::ALL, &awaiting(&["polisen", "kommun"]));
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    // The police's log in, the municipality's not: the police's own pledge has its reminder and
    // the digest shows it alone; the joint one waits.
    let police = decide(&c, &s, &[], &memory, d("2019-10-08"), Which::ALL, &awaiting(&["kommun"]));
    let kinds: Vec<(Kind, Option<&str>)> =
        police.notices.iter().map(|n| (n.kind, n.pledge.as_deref())).collect();
    assert_eq!(
        kinds,
        [(Kind::Reminder, Some("medborgarkontakter")), (Kind::Digest, None), (Kind::Digest, None),]
    );
    let counts: Vec<&str> = police.digest.as_ref().unwrap().counts.keys().map(String::as_str).collect();
    assert_eq!(counts, ["medborgarkontakter/2019"]);
    // Before any period begins, nothing is awaited yet.
    let early = decide(&c, &[], &[], &Memory::default(), d("2018-12-01"), Which::ALL, &awaiting(&["kommun"]));
    assert!(early.notices.is_empty());
}

#[test]
fn the_digest_stops_once_no_period_is_current_or_to_come_and_the_last_ones_account_is_closed() {
    let c = config();
    let s = [standing("hundsok-skola", Status::Met, "2020-02-10")];
    let mailed = Memory {
        reports_mailed: [("2019".to_owned(), "2020-02-03T07:00:00Z".to_owned())].into(),
        ..Memory::default()
    };
    // During the period, and after it until the follow-up has gone: digests as before.
    assert!(all_ended(&c, &mailed, d("2019-12-31")).is_none());
    assert!(all_ended(&c, &Memory::default(), d("2020-02-10")).is_none(), "its follow-up still to go");
    // The follow-up gone (or its day more than news_for_days past): no digest, one notice.
    assert_eq!(all_ended(&c, &mailed, d("2020-02-10")).map(|p| p.id.as_str()), Some("2019"));
    assert!(all_ended(&c, &Memory::default(), d("2020-04-04")).is_some(), "never mailed, long past");
    let dec = decide(&c, &s, &[], &mailed, d("2020-02-10"), Which::ALL, &Supply::default());
    let keys: Vec<&str> =
        dec.notices.iter().filter(|n| n.kind != Kind::Met).map(|n| n.key.as_str()).collect();
    assert_eq!(
        keys,
        ["no_period/2019/lpo-chef", "no_period/2019/kommunalrad", "no_period/2019/trygghetssamordnare"]
    );
    assert!(dec.digest.is_none());
    let told = Memory { noticed: dec.noticed.iter().cloned().collect(), ..mailed };
    let again = decide(&c, &s, &[], &told, d("2020-02-17"), Which::ALL, &Supply::default());
    assert!(again.notices.iter().all(|n| n.kind != Kind::NoPeriod && n.kind != Kind::Digest));
}

#[test]
fn after_the_follow_up_a_changed_figure_is_one_correction_to_its_recipients_and_the_coordinator() {
    let c = config();
    let day = "2020-02-10";
    // The follow-up stated hundsok-skola 1 of 2 (partly met); a log re-saved since makes it 2 of 2.
    let was = ReportedFigure {
        period: "2019".into(),
        pledge: "hundsok-skola".into(),
        count: 1,
        verdict: "partly_met".into(),
    };
    let memory = Memory {
        reports_mailed: [("2019".to_owned(), "2020-02-03T07:00:00Z".to_owned())].into(),
        reported: vec![was],
        ..Memory::default()
    };
    let mut now = PledgeStanding::fixture("hundsok-skola", Status::Met, 2, Some(2), d(day));
    now.last_day = d("2019-12-31");
    let standings = [now.clone()];
    let supply = Supply::default();
    let facts = Facts {
        standings: &standings,
        finished: &standings,
        ended: &[],
        problems: &[],
        supply: &supply,
        follow_up: None,
    };
    let dec = super::decide(
        &c,
        facts,
        &memory,
        d(day),
        Which { pledges: true, digest: false, data_quality: false },
    );
    let keys: Vec<&str> = dec.notices.iter().map(|n| n.key.as_str()).collect();
    assert_eq!(keys.len(), 4, "{keys:?}");
    assert!(keys.iter().all(|k| k.starts_with("correction/2019/")), "no outcome mail: {keys:?}");
    let to: Vec<&str> = dec.notices.iter().map(|n| n.to.as_str()).collect();
    // The follow-up's recipients, and the coordinator, who makes the corrected version.
    assert_eq!(to, ["bra-ordforande", "lpo-chef", "kommunalrad", "trygghetssamordnare"]);
    assert_eq!(dec.reported, [ReportedFigure::of(&now)], "the new figure is what was last told");
    assert!(dec.pledges.is_empty(), "the closed period's pledges are not decided on");
    // Told: nothing more until the figure changes again.
    let told = Memory { reported: dec.reported.clone(), ..memory };
    assert!(
        super::decide(&c, facts, &told, d("2020-02-11"), Which::ALL)
            .notices
            .iter()
            .all(|n| n.kind != Kind::Correction)
    );
}

#[test]
fn what_the_follow_up_of_this_pass_says_is_not_sent_apart() {
    let c = config();
    let day = d("2020-02-03");
    let p = |key: &str, source: &str, id| ProblemRef {
        key: key.into(),
        source: source.into(),
        id,
        municipality: String::new(),
    };
    let problems = [p("a", "polisen", 1), p("b", "kommun", 2)];
    let facts = |follow_up, supply| Facts {
        standings: &[],
        finished: &[],
        ended: &[],
        problems: &problems,
        supply,
        follow_up,
    };
    let quality = |d: &Decisions| -> Vec<String> {
        d.notices.iter().filter(|n| n.kind == Kind::DataQuality).map(|n| n.to.clone()).collect()
    };
    // The follow-up goes to the municipality's log keeper (in copy) and shows its problem: that keeper
    // gets no notice apart; the police's keeper, not a recipient, does; both problems are told.
    let goes = FollowUpToday {
        to: vec!["bra-ordforande".into(), "trygghetssamordnare".into()],
        goes: true,
        carries: [1, 2].into(),
    };
    let none = Supply::default();
    let dec = super::decide(&c, facts(Some(&goes), &none), &Memory::default(), day, Which::ALL);
    assert_eq!(quality(&dec), ["kommunpolis"]);
    assert_eq!(dec.noticed.len(), 2, "{:?}", dec.noticed);
    // A problem it does not show, or a follow-up that is held, and the notice goes.
    let partly = FollowUpToday { carries: [1].into(), ..goes.clone() };
    let dec = super::decide(&c, facts(Some(&partly), &none), &Memory::default(), day, Which::ALL);
    assert_eq!(quality(&dec), ["kommunpolis", "trygghetssamordnare"]);
    let held = FollowUpToday { goes: false, ..goes.clone() };
    let dec = super::decide(&c, facts(Some(&held), &none), &Memory::default(), day, Which::ALL);
    assert_eq!(quality(&dec), ["kommunpolis", "trygghetssamordnare"]);
    // Held for awaited logs: the report job's one mail says they are awaited; no notice apart, and
    // nothing remembered (the report job remembers it with its mail).
    let awaited = awaiting(&["kommun"]);
    let dec = super::decide(&c, facts(Some(&held), &awaited), &Memory::default(), day, Which::ALL);
    assert!(dec.notices.iter().all(|n| n.kind != Kind::LogsAwaited), "{:?}", dec.notices);
    assert!(!dec.noticed.iter().any(|k| k.starts_with("logs_awaited/")));
    let dec = super::decide(&c, facts(None, &awaited), &Memory::default(), day, Which::ALL);
    assert_eq!(dec.notices.iter().filter(|n| n.kind == Kind::LogsAwaited).count(), 1);
}
