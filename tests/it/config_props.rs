//! No value that `check` accepts can panic a verb (issue 14.5): the shipped config with its numbers
//! and names replaced by arbitrary ones, every verb run on the sample logs. `check` either refuses
//! the config with its place in the file (exit 78), or every verb ends without a panic.
//! `PROPTEST_CASES` runs more cases than the 32 of the suite.

use proptest::prelude::*;

use crate::support::{Env, Output};

/// The lines of the shipped config that are replaced (the first line starting so), and how.
const NUMBERS: [(&str, &str); 14] = [
    ("max_unpacked_mb = ", "max_unpacked_mb = {}"),
    ("max_rows = ", "max_rows = {}"),
    ("max_cells = ", "max_cells = {}"),
    ("reader_memory_mb = ", "reader_memory_mb = {}"),
    ("reader_cpu_seconds = ", "reader_cpu_seconds = {}"),
    ("max_cell_chars = ", "max_cell_chars = {}"),
    ("reminder_repeat_weeks = ", "reminder_repeat_weeks = {}"),
    ("stale_after_weeks = ", "stale_after_weeks = {}"),
    ("send_timeout_seconds = ", "send_timeout_seconds = {}"),
    ("retry_for_hours = ", "retry_for_hours = {}"),
    ("catch_up_hours = ", "catch_up_hours = {}"),
    ("watch_quiet_seconds = ", "watch_quiet_seconds = {}"),
    ("rule = { kind = \"rate\"", "rule = { kind = \"rate\", at_least = {}, per = \"week\" }"),
    ("rule = { kind = \"total\", at_least = 4", "rule = { kind = \"total\", at_least = {} }"),
];

const STRINGS: [(&str, &str); 9] = [
    ("municipality = ", "municipality = {}"),
    ("police_area = ", "police_area = {}"),
    ("from_name = ", "from_name = {}"),
    ("name = \"Lena Holmgren\"", "name = {}"),
    ("title = \"kommunpolis\"", "title = {}"),
    ("title = \"Medborgarkontakter\"", "title = {}"),
    ("promise = \"Genomföra minst tre", "promise = {}"),
    ("name = \"Trygghetsvandring\"", "name = {}"),
    ("name = \"Kalix kommun\"", "name = {}"),
];

/// Mostly values a person might write (so that `check` accepts many of the configs), some at the
/// edges of the ranges, some anything.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (0i64..2_000).prop_map(|n| n.to_string()),
        3 => prop::sample::select(vec![
            1i64, 52, 53, 100, 256, 366, 600, 3_600, 8_760, 32_767, 65_536, 86_400, 1_048_576,
            16_777_216, 1_000_000_000,
        ])
        .prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => prop::sample::select(vec!["0.5", "2.5", "1e300", "999999.5", "-0.0", "inf", "nan"]).prop_map(str::to_owned),
    ]
}

/// A name as a person, a paste or an attacker may type it: mostly letters, marks that mean something
/// to HTML, TOML or a mail header, now and then a character from anywhere or a control character.
fn text() -> impl Strategy<Value = String> {
    let c = prop_oneof![
        16 => prop::char::range('a', 'z'),
        4 => prop::sample::select(vec!['Å', 'ä', 'Ö', 'é', 'ß', 'Ѩ', '周', ' ', ' ', '-']),
        3 => prop::sample::select(vec!['"', '\\', '<', '>', '&', '\'', '{', '}', '%', '#', '=', '@', ',', ':', ';']),
        2 => prop::sample::select(vec!['\u{202e}', '😀', '\u{feff}', '\u{200b}', '\u{fffd}', '\u{a0}']),
        1 => any::<char>().prop_filter("not a control character", |c| !c.is_control()),
        1 => prop::sample::select(vec!['\n', '\r', '\t', '\0', '\u{1b}', '\u{85}']),
    ];
    prop::collection::vec(c, 1..60).prop_map(|cs| {
        // As a TOML basic string: JSON's escapes are TOML's.
        serde_json::to_string(&cs.into_iter().collect::<String>()).unwrap()
    })
}

/// The shipped config with `changes` made: (index into NUMBERS then STRINGS, value).
fn mutated(shipped: &str, changes: &[(usize, String)]) -> String {
    let mut lines: Vec<String> = shipped.lines().map(str::to_owned).collect();
    for (i, value) in changes {
        let (prefix, template) = NUMBERS.iter().chain(&STRINGS).nth(*i).unwrap();
        // A line changed already (the same one drawn twice) stays as first changed.
        if let Some(at) = lines.iter().position(|l| l.starts_with(prefix)) {
            lines[at] = template.replace("{}", value);
        }
    }
    lines.join("\n") + "\n"
}

fn no_panic(verb: &str, out: &Output) {
    assert!(
        out.code != 101 && !out.stderr.contains("panicked"),
        "{verb} panicked (exit {}):\n{}",
        out.code,
        out.stderr
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(32),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_config_value_that_check_accepts_panics_a_verb(
        changes in prop::collection::vec(
            prop_oneof![
                (0..NUMBERS.len(), number()),
                (NUMBERS.len()..NUMBERS.len() + STRINGS.len(), text()),
            ],
            1..4,
        )
    ) {
        let env = Env::new();
        env.sample();
        let shipped = std::fs::read_to_string(env.path("config.toml")).unwrap();
        env.write("config.toml", mutated(&shipped, &changes).as_bytes());
        let check = env.run(&["check"]);
        no_panic("check", &check);
        if check.code != 0 {
            prop_assert_eq!(check.code, 78, "{}", check.stderr);
            // Where in the file, for a value TOML could parse.
            prop_assert!(check.stderr.contains("config.toml:"), "{}", check.stderr);
            return Ok(());
        }
        for verb in [
            &["once", "--now", "2020-02-03 08:00"][..],
            &["status", "--json"],
            &["preview", "all"],
            &["report", "--period", "2019"],
            &["jobs"],
            &["outbox"],
            &["test-mail", "anna@kalix.example"],
        ] {
            let out = env.run(verb);
            no_panic(&verb.join(" "), &out);
        }
    }
}

/// The values the attack found, each alone: refused by `check`, with their place.
#[test]
fn the_values_that_crashed_verbs_are_refused_by_check() {
    let env = Env::new();
    let shipped = std::fs::read_to_string(env.path("config.toml")).unwrap();
    for (line, value) in [
        (2, "\"Medborgarlöften\\nKalix\""),
        (10, "100000000000"),
        (10, "2562047788016"),
        (8, "9223372036854"),
        (0, "17592186044416"),
    ] {
        let index = if line == 2 { NUMBERS.len() + 2 } else { line };
        env.write("config.toml", mutated(&shipped, &[(index, value.to_owned())]).as_bytes());
        let out = env.run(&["check"]);
        assert_eq!(out.code, 78, "{value}: {}", out.stdout);
        assert!(out.stderr.contains("config.toml:"), "{}", out.stderr);
    }
}
