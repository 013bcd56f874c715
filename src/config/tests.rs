use std::path::Path;

use super::*;
use crate::pledge::{RateUnit, Rule, SubPeriod};

/// The smallest valid config; cases append to it.
const BASE: &str = r#"municipality = "Kalix kommun"
police_area = "LPO Östra Norrbotten"
timezone = "Europe/Stockholm"

[[party]]
id = "polisen"
name = "Polisen"

[[source]]
name = "polisen"
dir = "inbox"
party = "polisen"

[[period]]
id = "2019"
start = 2019-01-01
end = 2019-12-31

[[activity]]
id = "kontakt"
name = "Medborgarkontakt"
"#;

fn parse(text: &str) -> Result<Config, ConfigErrors> {
    Config::parse(text, Path::new("/etc/pledgewatch/config.toml"))
}

/// Asserts that `BASE + extra` fails with exactly these "line:col: message" errors.
fn check_errors(extra: &str, expected: &[&str]) {
    let text = format!("{BASE}{extra}");
    let errors = parse(&text).expect_err("config should be refused");
    let got: Vec<String> = errors
        .0
        .iter()
        .map(|e| match e.location {
            Some((l, c)) => format!("{l}:{c}: {}", e.message),
            None => e.message.clone(),
        })
        .collect();
    assert_eq!(got, expected, "config:\n{extra}");
    for e in &errors.0 {
        assert!(e.to_string().starts_with("/etc/pledgewatch/config.toml"), "{e}");
    }
}

#[test]
fn shipped_config_is_valid_and_complete() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.toml");
    let config = Config::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(config.timezone, chrono_tz::Europe::Stockholm);
    let ids: Vec<&str> = config.pledges.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "medborgarkontakter",
            "trafiksakerhet",
            "narkotika",
            "tidiga-insatser",
            "hundsok-skola",
            "grannsamverkan",
            "trygghetsvandringar",
            "inbrott-skoter",
            "kommunikation"
        ]
    );
    let pledge = |id: &str| config.pledges.iter().find(|p| p.id == id).unwrap();
    assert_eq!(pledge("medborgarkontakter").rule, Rule::Rate { at_least: 3.0, per: RateUnit::Week });
    assert_eq!(pledge("trafiksakerhet").rule, Rule::Total { at_least: 4 });
    assert_eq!(pledge("trafiksakerhet").report_tags, ["A-traktor"]);
    assert!(pledge("narkotika").partners.non_empty);
    assert_eq!(pledge("tidiga-insatser").rule, Rule::Qualitative);
    assert_eq!(pledge("grannsamverkan").rule, Rule::Ongoing { at_least: 1, each: SubPeriod::Quarter });
    assert_eq!(pledge("kommunikation").rule, Rule::Ongoing { at_least: 1, each: SubPeriod::Month });
    assert_eq!(pledge("trygghetsvandringar").partners.all_of.len(), 2);
    assert_eq!(pledge("inbrott-skoter").activities, ["inbrottsinsats", "skoterstoldsinsats"]);
    let dirs: Vec<_> = config.sources.iter().map(|s| s.dir.strip_prefix(&config.base_dir).unwrap()).collect();
    assert_eq!(dirs, [Path::new("data/inbox/polisen"), Path::new("data/inbox/kommun")]);
    assert_eq!(config.store_path(), config.base_dir.join("data/pledgewatch.sqlite"));
}

#[test]
fn paths_are_relative_to_the_config_file() {
    let config = parse(BASE).unwrap();
    assert_eq!(config.sources[0].dir, Path::new("/etc/pledgewatch/inbox"));
    assert_eq!(config.state_dir, Path::new("/etc/pledgewatch/data"));
    assert_eq!(config.ingest, IngestSettings::default());
}

#[test]
fn unknown_key_names_line_and_column() {
    check_errors(
        "colour = \"blue\"\n",
        &["22:1: unknown field `colour`, expected one of `id`, `name`, `aliases`"],
    );
    let text = BASE.replace("timezone =", "colour = \"blue\"\ntimezone =");
    let errors = parse(&text).unwrap_err();
    assert_eq!(errors.0[0].location, Some((3, 1)));
    assert!(errors.0[0].message.starts_with("unknown field `colour`, expected one of `municipality`"));
}

#[test]
fn toml_syntax_error_names_line_and_column() {
    check_errors("[[pledge]\n", &["22:10: unclosed array table, expected `]`"]);
}

#[test]
fn unknown_rule_kind() {
    check_errors(
        "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\nactivities = [\"kontakt\"]\nrule = { kind = \"atleast\", at_least = 2 }\n",
        &[
            "28:17: unknown rule kind \"atleast\"; expected one of: total, rate, ongoing, share, indicator, qualitative",
        ],
    );
}

#[test]
fn an_indicator_rule_says_what_is_wrong_with_it() {
    let pledge = |rule: &str, more: &str| {
        format!(
            "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n{more}rule = {rule}\n"
        )
    };
    check_errors(
        &pledge("{ kind = \"indicator\", at_least = 95.1, at_most = 16 }", ""),
        &[
            "27:8: a rule of kind \"indicator\" needs `indicator`, the indicator's name in the indicator sheet",
            "27:57: an indicator's target is `at_least` or `at_most`, not both",
        ],
    );
    check_errors(
        &pledge(
            "{ kind = \"indicator\", indicator = \"Trygg\", at_least = 95.1234, baseline_year = 1800 }",
            "",
        ),
        &[
            "27:62: `at_least` of an indicator has at most three decimals, not 95.1234",
            "27:87: `baseline_year` must be a year from 1900 to 2200",
        ],
    );
    check_errors(
        &pledge("{ kind = \"indicator\", indicator = \"Trygg\" }", "activities = [\"kontakt\"]\n"),
        &[
            "28:8: a rule of kind \"indicator\" needs a target: `at_least` or `at_most`",
            "27:15: a pledge measured by an indicator counts no activities; leave `activities` out",
        ],
    );
    check_errors(
        &pledge("{ kind = \"total\", at_least = 2, unit = \"%\" }", "activities = [\"kontakt\"]\n"),
        &["28:47: `unit` does not apply to a rule of kind \"total\""],
    );
}

#[test]
fn pledge_counting_an_undefined_activity() {
    check_errors(
        "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\nactivities = [\"kontakt\", \"hundsok\"]\nrule = { kind = \"total\", at_least = 2 }\n",
        &["27:26: pledge counts activity \"hundsok\", which is not defined; expected one of: kontakt"],
    );
}

#[test]
fn duplicate_ids() {
    check_errors(
        "[[activity]]\nid = \"kontakt\"\nname = \"Kontakt\"\n",
        &["23:6: duplicate activity id \"kontakt\" (first defined on line 20)"],
    );
}

#[test]
fn rule_fields_must_fit_the_kind() {
    let pledge = |rule: &str| {
        format!(
            "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\nactivities = [\"kontakt\"]\nrule = {rule}\n"
        )
    };
    check_errors(
        &pledge("{ kind = \"rate\", at_least = 3 }"),
        &["28:8: a rule of kind \"rate\" needs `per` (\"week\" or \"month\")"],
    );
    check_errors(
        &pledge("{ kind = \"total\", at_least = 2, each = \"month\" }"),
        &["28:47: `each` does not apply to a rule of kind \"total\""],
    );
    check_errors(
        &pledge("{ kind = \"ongoing\", at_least = 1.5, each = \"quarter\" }"),
        &["28:39: `at_least` must be a whole number of at least 1 for a rule of kind \"ongoing\""],
    );
    check_errors(
        &pledge("{ kind = \"ongoing\", at_least = 1, each = \"year\" }"),
        &[
            "28:49: unknown sub-period \"year\"; expected \"day\", \"week\", \"month\", \"quarter\", \"term\" or \"occasion\"",
        ],
    );
}

#[test]
fn references_and_values_are_checked() {
    check_errors(
        "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"kommunen\"]\nperiods = [\"2020\"]\nactivities = [\"kontakt\"]\nrule = { kind = \"qualitative\" }\nseason = { from = \"11-31\", to = \"04-30\" }\n",
        &[
            "26:11: unknown party \"kommunen\"; expected one of: polisen",
            "27:12: unknown period \"2020\"; expected one of: 2019",
            "30:19: season day \"11-31\" must be month-day, e.g. \"11-01\"",
        ],
    );
    let text = BASE.replace("Europe/Stockholm", "Europe/Kalix");
    let errors = parse(&text).unwrap_err();
    assert_eq!(errors.0[0].location, Some((3, 12)));
    assert!(errors.0[0].message.contains("unknown time zone \"Europe/Kalix\""));
}

#[test]
fn an_activity_name_means_one_activity() {
    check_errors(
        "[[activity]]\nid = \"kontakt2\"\nname = \"Kontakt\"\naliases = [\"  medborgarKONTAKT \"]\n",
        &[
            "25:12: activity name \"  medborgarKONTAKT \" is already a name of activity \"kontakt\"; a name must mean one activity (case and spaces do not count)",
        ],
    );
}

#[test]
fn a_pledge_may_not_span_overlapping_periods() {
    check_errors(
        "[[period]]\nid = \"2019-2020\"\nstart = 2019-01-01\nend = 2020-12-31\n[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\nactivities = [\"kontakt\"]\nrule = { kind = \"total\", at_least = 1 }\n",
        &[
            "27:6: pledge \"p\" applies to periods \"2019\" and \"2019-2020\", which overlap; list only periods that do not share a day (`periods = [...]`)",
        ],
    );
}

#[test]
fn ingest_limits_must_be_positive() {
    check_errors(
        "[ingest]\nmax_rows = 0\n",
        &["23:12: `ingest.max_rows` must be a whole number from 1 to 16777216"],
    );
    let config =
        parse(&format!("{BASE}[ingest]\nmax_unpacked_mb = 5\nmax_rows = 100\ntotal_labels = [\"Summa:\"]\n"))
            .unwrap();
    assert_eq!(config.ingest.max_unpacked_bytes, 5 << 20);
    assert_eq!(config.ingest.max_rows, 100);
    assert_eq!(config.ingest.total_labels, ["summa"]);
}

#[test]
fn reading_fingerprint_follows_names_not_targets() {
    let a = parse(BASE).unwrap().reading_fingerprint();
    let with_alias = parse(
        &BASE.replace("name = \"Medborgarkontakt\"", "name = \"Medborgarkontakt\"\naliases = [\"Kontakt\"]"),
    )
    .unwrap();
    assert_ne!(a, with_alias.reading_fingerprint());
    let pledge = |rule: &str| {
        parse(&format!("{BASE}[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\nactivities = [\"kontakt\"]\nrule = {rule}\n")).unwrap().reading_fingerprint()
    };
    // A plan sheet names pledges: a new one is read for; its target, promise or rule is not.
    let with_pledge = pledge("{ kind = \"qualitative\" }");
    assert_ne!(a, with_pledge);
    assert_eq!(with_pledge, pledge("{ kind = \"total\", at_least = 4 }"));
}

#[test]
fn each_period_must_give_the_rule_something_to_measure() {
    let pledge = |extra: &str| {
        format!(
            "[[period]]\nid = \"kort\"\nstart = 2019-03-15\nend = 2019-03-20\n\
             [[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\"]\n{extra}\n"
        )
    };
    // 15–20 March 2019 (Friday to Wednesday) holds no Thursday.
    check_errors(
        &pledge("periods = [\"kort\"]\nrule = { kind = \"rate\", at_least = 3, per = \"week\" }"),
        &[
            "33:8: pledge \"p\", period \"kort\": the period holds no whole week (a week belongs to the period that holds its Thursday); use `total`",
        ],
    );
    check_errors(
        &pledge("periods = [\"kort\"]\nrule = { kind = \"ongoing\", at_least = 1, each = \"week\" }"),
        &[
            "33:8: pledge \"p\", period \"kort\": the period holds no whole week (a week belongs to the period that holds its Thursday); use `total`",
        ],
    );
    check_errors(
        &pledge(
            "periods = [\"2019\", \"kort\"]\nrule = { kind = \"ongoing\", at_least = 1, each = \"quarter\" }",
        ),
        &[
            "27:6: pledge \"p\" applies to periods \"2019\" and \"kort\", which overlap; list only periods that do not share a day (`periods = [...]`)",
            "33:8: pledge \"p\", period \"kort\": an ongoing rule needs a period of whole sub-periods; 2019-03-15 – 2019-03-20 must start on the first day of a quarter (January, April, July, October) and end on the last day of one",
        ],
    );
    check_errors(
        &pledge(
            "periods = [\"kort\"]\nrule = { kind = \"total\", at_least = 1 }\nseason = { from = \"06-01\", to = \"08-31\" }",
        ),
        &["34:10: pledge \"p\", period \"kort\": the season has no day in the period"],
    );
    check_errors(
        &pledge("periods = []\nrule = { kind = \"total\", at_least = 1 }"),
        &["27:6: pledge \"p\" has `periods = []`; name at least one period"],
    );
    // Whole months, quarters and terms are fine, also over New Year.
    let ok = "[[period]]\nid = \"lasar-2019\"\nstart = 2019-07-01\nend = 2020-06-30\n\
              [[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
              activities = [\"kontakt\"]\nperiods = [\"lasar-2019\"]\nrule = { kind = \"ongoing\", at_least = 1, each = \"term\" }\n";
    parse(&format!("{BASE}{ok}")).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn places_are_names_none_empty_or_twice() {
    let pledge = |places: &str| {
        format!(
            "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\"]\nrule = {{ kind = \"total\", at_least = 9 }}\nplaces = {places}\n"
        )
    };
    let c = parse(&format!("{BASE}{}", pledge("{ any_of = [\" Metro \", \"Kåken\"] }"))).unwrap();
    assert_eq!(c.pledges.last().unwrap().places.any_of, ["Metro", "Kåken"]);
    check_errors(
        &pledge("{ any_of = [\"Metro\", \"\", \"metro\"] }"),
        &["29:31: a place must not be empty", "29:35: place \"metro\" is listed twice"],
    );
    check_errors(
        &pledge("{ any_of = [] }"),
        &["29:10: `any_of` lists no place; name one or more, or leave `places` out"],
    );
    check_errors(
        &pledge("{ each = [\"Metro\"] }"),
        &["29:12: unknown field `each`, expected one of `any_of`, `at_each`, `called`"],
    );
    check_errors(
        &pledge("{ any_of = [\"Metro\"], at_each = [\"Kåken\"] }"),
        &[
            "29:10: `places` takes `any_of` (a row at one of them counts) or `at_each` (one part per place), not both",
        ],
    );
    // One part per place, each with the pledge's rule and kinds.
    let c =
        parse(&format!("{BASE}{}", pledge("{ at_each = [\"Metro\", \"Kåken\"], called = \"fritidsgård\" }")))
            .unwrap();
    let parts = &c.pledges.last().unwrap().parts;
    assert_eq!((parts.by_place, parts.called.as_deref()), (true, Some("fritidsgård")));
    let names: Vec<(&str, &[String], Rule)> =
        parts.list.iter().map(|p| (p.name.as_str(), &p.places.any_of[..], p.rule.clone())).collect();
    let nine = Rule::Total { at_least: 9 };
    assert_eq!(
        names,
        [("Metro", &["Metro".to_owned()][..], nine.clone()), ("Kåken", &["Kåken".to_owned()][..], nine)]
    );
}

#[test]
fn parts_are_named_count_the_pledges_kinds_and_fit_its_rule() {
    let pledge = |rule: &str, parts: &str| {
        format!(
            "[[activity]]\nid = \"trafik\"\nname = \"Trafik\"\n\
             [[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\", \"trafik\"]\nrule = {rule}\n{parts}"
        )
    };
    let total = "{ kind = \"total\", at_least = 15 }";
    let two = "[[pledge.part]]\nname = \"Kontakter\"\nactivities = [\"kontakt\"]\n\
               [[pledge.part]]\nname = \"Trafik\"\nactivities = [\"trafik\"]\nat_least = 10\n";
    let c = parse(&format!("{BASE}{}", pledge(total, two))).unwrap_or_else(|e| panic!("{e}"));
    let parts = &c.pledges.last().unwrap().parts;
    let got: Vec<(&str, &[String], Rule)> =
        parts.list.iter().map(|p| (p.name.as_str(), &p.activities[..], p.rule.clone())).collect();
    assert_eq!(
        got,
        [
            ("Kontakter", &["kontakt".to_owned()][..], Rule::Total { at_least: 15 }),
            ("Trafik", &["trafik".to_owned()][..], Rule::Total { at_least: 10 })
        ]
    );
    assert!(!parts.by_place);
    let bad = "[[pledge.part]]\nname = \"Kontakter\"\nactivities = [\"narkotika\"]\nat_least = 1.5\n\
               [[pledge.part]]\nname = \"kontakter\"\n";
    check_errors(
        &pledge(total, bad),
        &[
            "34:15: part \"Kontakter\" counts activity \"narkotika\", which its pledge does not; add it to the pledge's `activities`",
            "35:12: `at_least` must be a whole number of at least 1 for a rule of kind \"total\"",
            "37:8: part \"kontakter\" is named twice; give each part its own name",
        ],
    );
    check_errors(
        &pledge(total, "[[pledge.part]]\nname = \"Tom\"\nactivities = []\n"),
        &[
            "33:8: part \"Tom\" has `activities = []` and would count nothing; name its activities or leave the key out",
        ],
    );
    check_errors(
        &pledge("{ kind = \"qualitative\" }", "[[pledge.part]]\nname = \"A\"\n"),
        &[
            "31:8: a pledge without a number (`qualitative`) has no parts to count; give its rule a number, or leave the parts out",
        ],
    );
}

#[test]
fn weekdays_in_either_language_or_their_first_letters() {
    let pledge = |weekdays: &str| {
        format!(
            "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\"]\nrule = {{ kind = \"ongoing\", at_least = 1, each = \"day\" }}\n\
             weekdays = {weekdays}\nexcept_holidays = true\n"
        )
    };
    let days = |w: &str| {
        let c = parse(&format!("{BASE}{}", pledge(w))).unwrap_or_else(|e| panic!("{e}"));
        c.pledges.last().unwrap().days.weekdays.list()
    };
    use chrono::Weekday::*;
    assert_eq!(days("[\"Tor\"]"), [Thu]);
    assert_eq!(days("[\"thu\", \"Torsdag\"]"), [Thu]);
    assert_eq!(days("[\"MÅN\", \"tis\", \"wednesday\", \"fre\", \"Fri\"]"), [Mon, Tue, Wed, Fri]);
    check_errors(
        &pledge("[\"torsdg\", \"to\"]"),
        &[
            "29:13: unknown weekday \"torsdg\" (did you mean \"torsdag\"?); expected monday, tuesday, wednesday, thursday, friday, saturday or sunday, their Swedish names, or the first three letters of one",
            "29:23: unknown weekday \"to\"; expected monday, tuesday, wednesday, thursday, friday, saturday or sunday, their Swedish names, or the first three letters of one",
        ],
    );
    check_errors(
        &pledge("[]"),
        &["29:12: `weekdays = []` names no day; leave it out for every day of the week"],
    );
}

#[test]
fn a_periods_terms_are_within_it_and_in_order() {
    let period = |terms: &str| {
        format!("[[period]]\nid = \"lasar\"\nstart = 2019-07-01\nend = 2020-06-30\nterms = [{terms}]\n")
    };
    let ok = period("{ start = 2019-08-19, end = 2019-12-20 }, { start = 2020-01-08, end = 2020-06-12 }");
    let c = parse(&format!("{BASE}{ok}")).unwrap_or_else(|e| panic!("{e}"));
    let p = c.periods.iter().find(|p| p.id == "lasar").unwrap();
    assert_eq!(p.terms.len(), 2);
    check_errors(
        &period(
            "{ start = 2020-01-08, end = 2020-06-12 }, { start = 2019-08-19, end = 2019-12-20 }, \
             { start = 2020-06-01, end = 2020-08-20 }, { start = 2019-09-01, end = 2019-08-01 }",
        ),
        &[
            "26:52: period \"lasar\": the term 2019-08-19 – 2019-12-20 starts before the one before it ends (2020-06-12); list the terms in order",
            "26:94: period \"lasar\": the term 2020-06-01 – 2020-08-20 is not within the period (2019-07-01 – 2020-06-30)",
            "26:164: period \"lasar\": a term ends before it starts",
        ],
    );
}

#[test]
fn people_and_mail() {
    let text = format!(
        "{BASE}[[person]]\nid = \"lpo\"\nname = \"Åsa Öhman\"\ntitle = \"LPO-chef\"\nemail = \"asa@polisen.example\"\n\
         [mail]\nfrom = \"pw@kalix.example\"\ntransport = \"smtp\"\ndigest_to = [\"lpo\"]\nreminder_repeat_weeks = 2\n\
         [mail.smtp]\nhost = \"smtp.kalix.example\"\nuser = \"pw\"\npassword_env = \"PW_SMTP\"\n"
    );
    let c = parse(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.person("lpo").unwrap().name, "Åsa Öhman");
    assert_eq!(c.mail.digest_to, ["lpo"]);
    assert_eq!(c.mail.reminder_repeat_weeks, Some(2));
    let mail::Transport::Smtp(smtp) = &c.mail.transport else { panic!("{:?}", c.mail.transport) };
    assert_eq!((smtp.port, smtp.security), (587, mail::Security::StartTls));
    assert_eq!(smtp.password, Some(mail::PasswordSource::Env("PW_SMTP".into())));
    // Without [mail]: .eml files in data/outbox next to the config.
    let c = parse(BASE).unwrap();
    assert_eq!(c.mail.transport, mail::Transport::Dir(PathBuf::from("/etc/pledgewatch/data/outbox")));
}

#[test]
fn mail_mistakes_are_refused() {
    check_errors(
        "[[person]]\nid = \"lpo\"\nname = \"L\"\nemail = \"not an address\"\n",
        &["25:9: \"not an address\" is not a mail address; expected e.g. \"anna.lind@kalix.se\""],
    );
    check_errors(
        "[mail]\nfrom = \"pw@kalix.example\"\ntransport = \"smtp\"\ndigest_to = [\"chef\"]\n\
         [mail.smtp]\nhost = \"smtp.kalix.example\"\nsecurity = \"none\"\nuser = \"pw\"\npassword_file = \"/etc/pw\"\n",
        &[
            "25:14: unknown person \"chef\"; expected one of the [[person]] ids: (none defined)",
            "27:8: refusing to log in to \"smtp.kalix.example\" without encryption: the password would cross the network in plain text; use security = \"starttls\" or \"tls\" (plain AUTH is allowed only to localhost)",
        ],
    );
    check_errors(
        "[mail]\nfrom = \"pw@kalix.example\"\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"localhost\"\nuser = \"pw\"\n",
        &[
            "27:8: `mail.smtp.user` needs a password: `password_env = \"NAME\"` (an environment variable) or `password_file = \"/etc/pledgewatch/smtp-password\"`; the password itself never goes in config.toml",
        ],
    );
    check_errors(
        "[mail]\nfrom = \"pw@kalix.example\"\ntransport = \"pigeon\"\n",
        &["24:13: unknown transport \"pigeon\"; expected \"dir\" or \"smtp\""],
    );
    // Relays refuse a bare host name after EHLO.
    check_errors(
        "[mail]\nfrom = \"pw@kalix.example\"\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"localhost\"\nhelo_name = \"vm\"\n",
        &["27:13: \"vm\" is not a fully qualified domain name; expected e.g. \"mail.kalix.se\""],
    );
    // A password in the config itself is not a key at all.
    check_errors(
        "[mail]\nfrom = \"pw@kalix.example\"\ntransport = \"smtp\"\n[mail.smtp]\nhost = \"localhost\"\npassword = \"hemligt\"\n",
        &[
            "27:1: unknown field `password`, expected one of `host`, `port`, `security`, `user`, `password_env`, `password_file`, `helo_name`",
        ],
    );
}

#[test]
fn the_store_and_the_mail_folder_stay_out_of_the_inbox() {
    let text = BASE.replace("dir = \"inbox\"", "dir = \".\"");
    let errors = parse(&text).expect_err("the state folder lies inside the source");
    assert!(errors.to_string().contains("contains `state_dir`"), "{errors}");
    assert!(errors.to_string().contains("contains `mail.dir`"), "{errors}");
}

#[test]
fn report_dates_and_recipients() {
    let people = "[[person]]\nid = \"bra\"\nname = \"Åsa\"\nemail = \"asa@kalix.example\"\n\
                  [[person]]\nid = \"lpo\"\nname = \"Lena\"\nemail = \"lena@polisen.example\"\n\
                  [[pledge]]\nid = \"p\"\ntitle = \"P\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
                  activities = [\"kontakt\"]\nrule = { kind = \"total\", at_least = 1 }\n";
    let with = |report: &str, extra: &str| {
        format!(
            "{}{people}{extra}",
            BASE.replace("end = 2019-12-31\n", &format!("end = 2019-12-31\n{report}"))
        )
    };
    let c = parse(&with("[period.report]\ndate = 2020-02-01\nto = [\"bra\"]\ncc = [\"lpo\"]\n", "")).unwrap();
    let plan = c.report.plan("2019").unwrap();
    // 1 February 2020 is a Saturday: sent on Monday the 3rd, at 08:00 by default.
    assert_eq!((plan.date.to_string(), plan.send_on.to_string()), ("2020-02-01".into(), "2020-02-03".into()));
    assert_eq!((plan.to.clone(), plan.cc.clone()), (vec!["bra".to_owned()], vec!["lpo".to_owned()]));
    assert_eq!(c.report.time.to_string(), "08:00:00");
    assert_eq!(c.report.dir, PathBuf::from("/etc/pledgewatch/data/reports"));
    assert_eq!(c.report.comments, PathBuf::from("/etc/pledgewatch/data/kommentarer.toml"));
    let job = c
        .jobs
        .iter()
        .find(|j| j.job == Job::Report { scope: None, period: "2019".into(), interim: None })
        .expect("a report job");
    assert_eq!(job.schedule.describe(), "once, 2020-02-03 08:00");
    // Without [period.report]: no report job.
    let c = parse(&with("", "")).unwrap();
    assert!(c.report.plans.is_empty() && !c.jobs.iter().any(|j| matches!(j.job, Job::Report { .. })));
    // Settings of [report] and schedule.report.
    let c = parse(&with(
        "[period.report]\ndate = 2020-01-15\nto = [\"bra\"]\n",
        "[report]\ndir = \"/srv/rapporter\"\ncomments = \"kommentarer.toml\"\n[schedule]\nreport = \"09:30\"\n",
    ))
    .unwrap();
    assert_eq!(c.report.dir, PathBuf::from("/srv/rapporter"));
    assert_eq!(c.report.comments, PathBuf::from("/etc/pledgewatch/kommentarer.toml"));
    assert_eq!(c.report.time.to_string(), "09:30:00");
}

#[test]
fn report_mistakes_are_refused() {
    let at = |report: &str| BASE.replace("end = 2019-12-31\n", &format!("end = 2019-12-31\n{report}"));
    let errors = |text: String| parse(&text).expect_err("refused").to_string();
    let e = errors(at("[period.report]\ndate = 2019-12-31\nto = [\"nobody\"]\n"));
    assert!(e.contains("19:8: period \"2019\": the report date 2019-12-31 must be after the period's last day (2019-12-31)"), "{e}");
    assert!(e.contains("20:7: unknown person \"nobody\""), "{e}");
    let e = errors(at("[period.report]\ndate = 2020-02-01\nto = []\n"));
    assert!(e.contains("`report.to` names nobody"), "{e}");
    let e = errors(at("[period.report]\ndate = 2021-02-01\nto = []\n"));
    assert!(e.contains("more than a year after the period"), "{e}");
    let e = errors(at("[period.report]\ndate = \"1 februari\"\nto = []\n"));
    assert!(e.contains("invalid type: string"), "{e}");
    let with_people = |report: &str| {
        format!(
            "{}[[person]]\nid = \"bra\"\nname = \"Åsa\"\nemail = \"asa@kalix.example\"\n\
             [[pledge]]\nid = \"p\"\ntitle = \"P\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\"]\nrule = {{ kind = \"total\", at_least = 1 }}\nperiods = [\"x\"]\n",
            at(report)
        )
    };
    let e = errors(with_people("[period.report]\ndate = 2020-02-03\nto = [\"bra\"]\ncc = [\"bra\"]\n"));
    assert!(e.contains("\"bra\" is named twice"), "{e}");
    assert!(e.contains("period \"2019\" has a [period.report] but no pledge applies to it"), "{e}");
    let e = errors(format!(
        "{BASE}[[person]]\nid = \"b\"\nname = \"B\"\nemail = \"\\\"berg, jonas\\\"@polisen.example\"\n"
    ));
    assert!(e.contains("is not a mail address"), "{e}");
    let e = errors(format!("{BASE}[schedule]\nreport = \"8 am\"\n"));
    assert!(e.contains("`schedule.report` must be a time of day such as \"08:00\", not \"8 am\""), "{e}");
}

#[test]
fn the_reminders_are_decided_at_their_first_slot_of_the_day() {
    let at = |extra: &str, day: &str| {
        let config = parse(&format!("{BASE}{extra}")).expect("valid");
        let day: chrono::NaiveDate = day.parse().unwrap();
        config.reminders_at(day).with_timezone(&config.timezone).naive_local().to_string()
    };
    assert_eq!(at("", "2019-10-14"), "2019-10-14 07:00:00", "the default time");
    assert_eq!(at("[schedule]\nreminders = \"06:30\"\n", "2019-10-14"), "2019-10-14 06:30:00");
    let weekdays = "[schedule]\nreminders = \"mon-fri 06:30\"\n";
    assert_eq!(at(weekdays, "2019-10-14"), "2019-10-14 06:30:00", "a Monday");
    assert_eq!(at(weekdays, "2019-10-13"), "2019-10-13 00:00:00", "no pass on a Sunday: the day's start");
    let cron = "[schedule]\nreminders = \"0 7,15 * * *\"\n";
    assert_eq!(at(cron, "2019-03-31"), "2019-03-31 07:00:00", "the first of two, on the night of DST");
}

#[test]
fn the_advice_to_log_keepers_takes_its_examples_from_the_config() {
    use crate::model::{Reason, RowReason};
    let config = parse(&BASE.replace("2019", "2025")).unwrap();
    let hints = crate::messages::Hints::of(&config);
    let date = crate::messages::problem_and_advice(&Reason::Row(RowReason::MissingDate), &hints);
    assert!(date.ends_with("t.ex. 2025-03-05."), "{date}");
    let name = RowReason::UnknownActivity { value: "Fotboll".into(), suggestion: None };
    let name = crate::messages::problem_and_advice(&Reason::Row(name), &hints);
    assert!(name.contains("(t.ex. Medborgarkontakt)"), "{name}");
}

/// Every number of the config has a range, and `check` names it with its place in the file: values
/// outside it once passed `check` and then overflowed a date, a time-out or a size in a verb.
#[test]
fn every_number_has_a_range_that_check_names_with_its_place() {
    for (section, key, bad, range) in [
        ("schedule", "catch_up_hours", "2562047788016", "1 to 8760"),
        ("schedule", "catch_up_hours", "100000000000", "1 to 8760"),
        ("schedule", "watch_quiet_seconds", "0", "1 to 600"),
        ("mail", "send_timeout_seconds", "9223372036854", "1 to 3600"),
        ("mail", "retry_for_hours", "100000000000", "1 to 8760"),
        ("mail", "reminder_repeat_weeks", "-1", "0 to 52"),
        ("mail", "stale_after_weeks", "0", "1 to 52"),
        ("mail", "news_for_days", "9999", "0 to 366"),
        ("mail", "plan_reminder_days", "61", "0 to 60"),
        ("ingest", "max_unpacked_mb", "17592186044416", "1 to 1048576"),
        ("ingest", "max_rows", "-5", "1 to 16777216"),
        ("ingest", "max_cells", "9223372036854775807", "1 to 1000000000"),
        ("ingest", "reader_memory_mb", "16", "256 to 65536"),
        ("ingest", "reader_cpu_seconds", "0", "1 to 86400"),
        ("ingest", "max_cell_chars", "40000", "100 to 32767"),
    ] {
        let from = if section == "mail" { "from = \"a@kalix.se\"\ntransport = \"dir\"\n" } else { "" };
        let text = format!("{BASE}[{section}]\n{from}{key} = {bad}\n");
        let errors = parse(&text).expect_err(&text).0;
        let got: Vec<(Option<(usize, usize)>, &str)> =
            errors.iter().map(|e| (e.location, e.message.as_str())).collect();
        let line = BASE.lines().count() + 2 + from.lines().count();
        let message = format!("`{section}.{key}` must be a whole number from {range}");
        assert_eq!(got, [(Some((line, key.len() + 4)), message.as_str())], "{section}.{key} = {bad}");
    }
}

#[test]
fn a_name_that_goes_into_a_mail_header_must_be_one_line() {
    check_errors(
        "[mail]\nfrom = \"a@kalix.se\"\ntransport = \"dir\"\nfrom_name = \"Kalix\\nkommun\"\n",
        &["25:13: `mail.from_name` must be one line, without line breaks, tabs or other control characters"],
    );
    check_errors(
        "[[person]]\nid = \"p\"\nname = \"Anna\\tLind\"\nemail = \"anna@kalix.se\"\n",
        &["24:8: `name` must be one line, without line breaks, tabs or other control characters"],
    );
}

#[test]
fn an_alias_may_not_take_another_columns_name_and_a_name_is_at_most_200_characters() {
    check_errors(
        "[columns]\ndate = [\"Dag\", \"Aktivitet\"]\n",
        &["23:16: column name \"Aktivitet\" is already used for `activity`"],
    );
    let long = "x".repeat(201);
    check_errors(
        &format!("[[person]]\nid = \"p\"\nname = \"{long}\"\nemail = \"anna@kalix.se\"\n"),
        &["24:8: `name` must be at most 200 characters"],
    );
}

#[test]
fn occasions_are_computed_or_given_and_their_days_apart() {
    let pledge = |rule: &str, occasions: &str| {
        format!(
            "[[pledge]]\nid = \"p\"\ntitle = \"T\"\npromise = \"P\"\nowners = [\"polisen\"]\n\
             activities = [\"kontakt\"]\nrule = {rule}\noccasions = {occasions}\n"
        )
    };
    let ongoing = "{ kind = \"ongoing\", at_least = 1, each = \"occasion\" }";
    let own = "[[occasion]]\nname = \"Studenten\"\ndates = [2019-06-12, 2020-06-10]\n";
    let c = parse(&format!(
        "{BASE}{}{own}",
        pledge(ongoing, "{ names = [\"valborg\", \"Studenten\", \"nyår\"], days_before = 2 }")
    ))
    .unwrap_or_else(|e| panic!("{e}"));
    let p = c.pledges.last().unwrap();
    assert_eq!(p.rule, Rule::Ongoing { at_least: 1, each: SubPeriod::Occasion });
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let windows: Vec<(&str, chrono::NaiveDate, chrono::NaiveDate)> =
        p.occasions.windows.iter().map(|w| (w.name.as_str(), w.start, w.end)).collect();
    // Valborg 30 April, studenten on its given day, nyår on nyårsafton.
    assert_eq!(
        windows,
        [
            ("valborg", d("2019-04-28"), d("2019-04-30")),
            ("studenten", d("2019-06-10"), d("2019-06-12")),
            ("nyår", d("2019-12-29"), d("2019-12-31")),
        ]
    );
    // A day after nyårsafton is the next period's: its rows could not count for this one.
    check_errors(
        &pledge(ongoing, "{ names = [\"nyår\"], days_after = 1 }"),
        &[
            "29:13: pledge \"p\", period \"2019\": the days around nyår (2019-12-31 – 2020-01-01) run past the period (2019-01-01 – 2019-12-31), and a row there belongs to the period before or after; make `days_before` or `days_after` smaller",
        ],
    );
    check_errors(
        &format!(
            "{}{own}",
            pledge(ongoing, "{ names = [\"midsomar\", \"skolavslutning\", \"valborg\", \"valborg\"] }")
        ),
        &[
            "29:24: unknown occasion \"midsomar\" (did you mean \"midsommar\"?); expected one of: valborg, påsk, nationaldagen, midsommar, jul, nyår, studenten, or one of the municipality's own given as [[occasion]] with its `dates`",
            "29:36: unknown occasion \"skolavslutning\"; expected one of: valborg, påsk, nationaldagen, midsommar, jul, nyår, studenten, or one of the municipality's own given as [[occasion]] with its `dates`",
            "29:65: occasion \"valborg\" is named twice",
        ],
    );
    // Jul (24–26 December) and nyår (31 December) are apart unless the days around join them; a
    // total pools their days, so only a pledge kept at each is refused.
    let joined = "{ names = [\"jul\", \"nyår\"], days_before = 5 }";
    check_errors(
        &pledge(ongoing, joined),
        &[
            "29:13: pledge \"p\": the days around jul (2019-12-19 – 2019-12-26) and nyår (2019-12-26 – 2019-12-31) overlap, so a row would count for both; make `days_before` or `days_after` smaller",
        ],
    );
    parse(&format!("{BASE}{}", pledge("{ kind = \"total\", at_least = 4 }", joined)))
        .unwrap_or_else(|e| panic!("{e}"));
    check_errors(
        &format!(
            "{}[[occasion]]\nname = \"studenten\"\ndates = [2020-06-10]\n",
            pledge(ongoing, "{ names = [\"studenten\"], days_before = 40 }")
        ),
        &[
            "29:52: `days_before` must be from 0 to 31 days",
            "29:13: pledge \"p\", period \"2019\": occasion \"studenten\" has no day in the period; give its date under [[occasion]] `dates`",
        ],
    );
    check_errors(
        &pledge(ongoing, "{ names = [] }").replace("occasions = { names = [] }\n", ""),
        &[
            "28:8: pledge \"p\" is kept each occasion but names none; add `occasions = { names = [\"midsommar\", ...] }`",
        ],
    );
    check_errors(
        "[[occasion]]\nname = \"midsommar\"\ndates = [2019-06-21]\n[[occasion]]\nname = \"lov\"\n",
        &[
            "23:8: occasion \"midsommar\" is computed from the calendar; remove this [[occasion]]",
            "26:8: occasion \"lov\" has no days; give `dates = [2019-06-14, ...]` or `spans = [{ start = ..., end = ... }]`",
        ],
    );
}
