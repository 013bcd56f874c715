//! `once` and `jobs`: the daemon's pass over its jobs, with the clock set by `--now`.

use crate::support::Env;

fn once(env: &Env, now: &str) -> String {
    let out = env.run(&["once", "--now", now]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    out.stdout
}

/// The job lines of a pass: "job slot outcome".
fn lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .skip(1)
        .filter(|l| l.starts_with("  ") && l.trim() != "none")
        .map(|l| l.split_whitespace().take(6).collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn a_pass_runs_each_due_job_once_and_a_second_pass_nothing() {
    let env = Env::new();
    env.sample();
    let out = once(&env, "2019-10-14 07:00");
    assert_eq!(
        lines(&out),
        [
            "ingest slot 2019-10-14 07:00 CEST ok",
            "reminders slot 2019-10-14 07:00 CEST ok",
            "digest slot 2019-10-14 07:00 CEST ok",
        ]
    );
    // 13 reminders and outcomes in one mail to each of their two people, and the data-quality notice.
    assert!(out.contains("3 mails decided, 3 new"), "{out}");
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), 5);
    assert!(lines(&once(&env, "2019-10-14 07:00")).is_empty());
    assert!(lines(&once(&env, "2019-10-14 07:10")).is_empty(), "nothing due until 07:15");
    assert_eq!(lines(&once(&env, "2019-10-14 07:16")), ["ingest slot 2019-10-14 07:15 CEST ok"]);
}

#[test]
fn after_three_days_down_each_job_runs_once_and_a_stale_slot_is_skipped() {
    let env = Env::new();
    env.sample();
    once(&env, "2019-10-14 07:00");
    // Down from Monday 07:00 to Thursday 10:02: each job once, for its latest slot.
    assert_eq!(
        lines(&once(&env, "2019-10-17 10:02")),
        ["ingest slot 2019-10-17 10:00 CEST ok", "reminders slot 2019-10-17 07:00 CEST ok"]
    );
    // Down until the Thursday after next: Monday's digest slot is more than 72 h old, skipped.
    let out = once(&env, "2019-10-24 10:02");
    assert!(lines(&out).contains(&"digest slot 2019-10-21 07:00 CEST skipped".to_owned()), "{out}");
    let jobs = env.run_at("2019-10-24T10:05:00+02:00", &["jobs"]).stdout;
    assert!(
        jobs.contains("digest") && jobs.contains("skipped") && jobs.contains("2019-10-28 07:00 CET "),
        "{jobs}"
    );
}

#[test]
fn check_prints_the_next_five_firings() {
    let env = Env::new();
    let out = env.run_at("2019-03-29T12:00:00+01:00", &["check"]).stdout;
    assert!(
        out.contains(
            "next: Sat 2019-03-30 07:00 CET, Sun 2019-03-31 07:00 CEST, Mon 2019-04-01 07:00 CEST, \
             Tue 2019-04-02 07:00 CEST, Wed 2019-04-03 07:00 CEST"
        ),
        "{out}"
    );
}

#[test]
fn after_a_pass_with_the_clock_ahead_the_operator_decides_and_slots_do_not_hold_jobs_back() {
    let env = Env::new();
    env.sample();
    // Someone ran a pass with the clock ten years ahead: mail was decided for 2029.
    once(&env, "2029-10-15 07:00");
    // Back at the right time, the pass refuses (it cannot tell a clock behind from one that was
    // ahead, and would send older figures than the last ones) until forced.
    let out = env.run(&["once", "--now", "2019-10-16 07:00"]);
    assert_eq!(out.code, 64, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("mail was decided for 2029-10-15 already"), "{}", out.stderr);
    // Forced, the job slots recorded in 2029 do not hold the jobs back.
    let out = env.run(&["once", "--now", "2019-10-16 07:00", "--force"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        lines(&out.stdout).contains(&"reminders slot 2019-10-16 07:00 CEST ok".to_owned()),
        "{}",
        out.stdout
    );
}

#[test]
fn a_failed_job_is_tried_again_at_the_next_pass() {
    let env = Env::new();
    env.sample();
    // Mail cannot be written: every job that sends fails, and is not recorded.
    env.edit_config("transport = \"dir\"\n", "transport = \"dir\"\ndir = \"/proc/no-such-outbox\"\n");
    let out = env.run(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(lines(&out.stdout).iter().all(|l| l.ends_with("failed")), "{}", out.stdout);
    // Fixed: the same slots run at the next pass.
    env.edit_config("dir = \"/proc/no-such-outbox\"\n", "");
    assert_eq!(
        lines(&once(&env, "2019-10-14 07:05")),
        [
            "ingest slot 2019-10-14 07:00 CEST ok",
            "reminders slot 2019-10-14 07:00 CEST ok",
            "digest slot 2019-10-14 07:00 CEST ok",
        ]
    );
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), 5);
}

#[test]
fn an_ingest_run_is_recorded_with_its_start_and_its_end() {
    let env = Env::new();
    env.sample();
    let config = pledgewatch::config::Install::load(&env.path("config.toml")).unwrap();
    let mut store = pledgewatch::store::Store::open(&config.municipalities[0].store_path()).unwrap();
    // A clock that moves a minute each time it is read.
    let reads = std::cell::Cell::new(0);
    let clock = || {
        reads.set(reads.get() + 1);
        let start: chrono::DateTime<chrono::Utc> = "2019-10-14T05:00:00Z".parse().unwrap();
        start + chrono::Duration::minutes(reads.get() - 1)
    };
    // Told as each file is begun and as its rows come in: what feeds the daemon's watchdog during
    // a long read.
    let alive = std::cell::Cell::new(0);
    pledgewatch::jobs::ingest_once(&config, &mut store, &clock, &|| alive.set(alive.get() + 1)).unwrap();
    assert!(alive.get() >= 2, "told {} times for two files", alive.get());
    drop(store);
    let run: (String, String) = env
        .db()
        .query_row("SELECT started_at, finished_at FROM ingest_runs", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(run, ("2019-10-14T05:00:00Z".into(), "2019-10-14T05:01:00Z".into()));
    let files: Vec<String> = env
        .db()
        .prepare("SELECT last_seen FROM files ORDER BY path")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(files, ["2019-10-14T05:00:00Z", "2019-10-14T05:00:00Z"], "files are stamped with the start");
}
