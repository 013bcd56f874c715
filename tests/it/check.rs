//! `pledgewatch check`: the shipped config validates; a wrong one exits 78 with file, line and column.

use crate::support::Env;

#[test]
fn shipped_config_checks_with_a_summary() {
    let env = Env::new();
    let out = env.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("is valid."), "{}", out.stdout);
    assert!(out.stdout.contains("Time zone:    Europe/Stockholm"));
    assert!(out.stdout.contains("medborgarkontakter   minst 3 i snitt per vecka"), "{}", out.stdout);
    assert!(out.stdout.contains("grannsamverkan       löpande, minst 1 varje kvartal"));
    assert_eq!(out.stdout.matches("owners:").count(), 9);
}

#[test]
fn check_says_a_follow_up_is_to_be_sent_and_of_a_past_day_only_that_it_was_due() {
    let env = Env::new();
    let line = |now: &str| {
        let out = env.run_at(now, &["check"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
            .lines()
            .find(|l| l.starts_with("  2019: "))
            .unwrap_or_else(|| panic!("{}", out.stdout))
            .to_owned()
    };
    let before = line("2020-02-03T07:00:00+01:00");
    assert!(
        before.starts_with(
            "  2019: to be sent Mon 2020-02-03 08:00 (2020-02-01 is not a working day) to Åsa Lindqvist"
        ),
        "{before}"
    );
    // check reads no store: it cannot say that the follow-up went, so it does not.
    let after = line("2020-02-04T07:00:00+01:00");
    assert!(
        after.starts_with(
            "  2019: was due Mon 2020-02-03 08:00 (2020-02-01 is not a working day) to Åsa Lindqvist"
        ),
        "{after}"
    );
    assert!(
        after.ends_with("(past: `pledgewatch outbox` shows whether it was sent)")
            && !after.contains(" sent Mon"),
        "{after}"
    );
}

#[test]
fn bad_config_exits_78_naming_file_line_and_column() {
    let env = Env::new();
    env.edit_config("rule = { kind = \"total\", at_least = 4 }", "rule = { kind = \"minst\", at_least = 4 }");
    env.edit_config("activities = [\"hundsok-skola\"]", "activities = [\"hundsök\"]");
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78);
    let config = env.path("config.toml").display().to_string();
    let text = std::fs::read_to_string(env.path("config.toml")).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (rule_line, activities_line) = (line_of("kind = \"minst\""), line_of("[\"hundsök\"]"));
    assert!(
        out.stderr.contains(&format!(
            "{config}:{rule_line}:17: unknown rule kind \"minst\"; expected one of: total, rate, ongoing, share, indicator, qualitative"
        )),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!(
            ":{activities_line}:15: pledge counts activity \"hundsök\", which is not defined"
        )),
        "{}",
        out.stderr
    );
    // Every verb refuses to run on a bad config.
    assert_eq!(env.run(&["ingest"]).code, 78);
}

#[test]
fn missing_config_file_exits_78() {
    let env = Env::new();
    std::fs::remove_file(env.path("config.toml")).unwrap();
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78);
    assert!(out.stderr.contains("cannot read the config file"), "{}", out.stderr);
}

#[test]
fn every_verb_has_help() {
    let env = Env::new();
    for verb in ["check", "ingest"] {
        let out = env.run(&[verb, "--help"]);
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Usage: pledgewatch"), "{verb}: {}", out.stdout);
    }
}

#[test]
fn check_refuses_a_folder_it_cannot_write_and_the_defaults_live_under_state_dir() {
    let env = Env::new();
    let out = env.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The shipped config names no report or mail folder: both are under state_dir.
    let root = env.path("");
    let line = |key: &str| {
        out.stdout.lines().find(|l| l.trim_start().starts_with(key)).unwrap_or_default().to_owned()
    };
    assert!(
        line("report.dir").contains(&format!("{}data/reports  writable", root.display())),
        "{}",
        out.stdout
    );
    assert!(line("mail.dir").contains(&format!("{}data/outbox  writable", root.display())), "{}", out.stdout);
    // A folder nobody may create files in (as /etc/pledgewatch/data is for the service).
    env.edit_config("[report]\n", "[report]\ndir = \"/proc/pledgewatch/reports\"\n");
    let out = env.run(&["check"]);
    assert_eq!(out.code, 78, "{}", out.stdout);
    assert!(
        out.stdout.contains("report.dir /proc/pledgewatch/reports  (error: not writable)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "`report.dir` /proc/pledgewatch/reports: it does not exist, and cannot be created in /proc"
        ),
        "{}",
        out.stderr
    );
}
