//! `pledgewatch check`: the shipped config validates; a wrong one exits 78 with file, line and column.

use crate::support::Env;

#[test]
fn shipped_config_checks_with_a_summary() {
    let env = Env::new();
    let out = env.run(&["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("is valid."), "{}", out.stdout);
    assert!(out.stdout.contains("Time zone:    Europe/Stockholm"));
    assert!(out.stdout.contains("medborgarkontakter   at least 3 per week on average"), "{}", out.stdout);
    assert!(out.stdout.contains("grannsamverkan       at least 1 each quarter"));
    assert_eq!(out.stdout.matches("owners:").count(), 9);
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
            "{config}:{rule_line}:17: unknown rule kind \"minst\"; expected one of: total, rate, ongoing, qualitative"
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
