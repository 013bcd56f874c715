//! `pledgewatch run` as a real process: the start-up pass, SIGHUP with a good and a bad config,
//! SIGTERM, and the lock that keeps a second daemon off the same state.

use std::io::Read;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::support::Env;

fn start(env: &Env, notify_socket: &std::path::Path) -> Child {
    env.command(&["run"])
        .env("PLEDGEWATCH_NOW", "2019-10-14T07:00:00+02:00")
        .env("NOTIFY_SOCKET", notify_socket)
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(env.path("daemon.log")).unwrap()))
        .spawn()
        .unwrap()
}

fn log(env: &Env) -> String {
    let mut s = String::new();
    std::fs::File::open(env.path("daemon.log")).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Waits until the daemon's log contains `text`.
fn wait_for(env: &Env, text: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !log(env).contains(text) {
        assert!(Instant::now() < deadline, "no {text:?} in the log:\n{}", log(env));
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn signal(child: &Child, name: &str) {
    let ok = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{name} {}", child.id()))
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn the_daemon_catches_up_reloads_and_stops_cleanly() {
    let env = Env::new();
    env.sample();
    // systemd's side of the notify protocol: a datagram socket the daemon writes its state to.
    let socket_path = env.path("notify.sock");
    let socket = std::os::unix::net::UnixDatagram::bind(&socket_path).unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let mut told = Vec::new();
    let receive_until = |want: &str, told: &mut Vec<String>| {
        let mut buf = [0u8; 4096];
        while !told.iter().any(|m: &String| m.contains(want)) {
            let n = socket.recv(&mut buf).expect("a notify message");
            told.push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
    };
    let mut daemon = start(&env, &socket_path);
    receive_until("READY=1", &mut told);
    wait_for(&env, "job done job=\"digest\"");
    // The 5 mails of 14 October 2019, as `once` would have sent (the LPO chief's and the coordinator's
    // 13 reminders and outcomes in one mail each, the police log keeper's notice, two digests).
    assert_eq!(std::fs::read_dir(env.path("data/outbox")).unwrap().count(), 5);

    // A second daemon on the same state refuses, and says why.
    let second = env.run(&["run"]);
    assert_eq!(second.code, 75, "{}", second.stderr);
    assert!(second.stderr.contains("another pledgewatch daemon is running"), "{}", second.stderr);
    let pass = env.run(&["once"]);
    assert_eq!(pass.code, 75, "nor a pass beside it: {}", pass.stderr);

    // SIGHUP with a good config: reloaded.
    signal(&daemon, "HUP");
    wait_for(&env, "config reloaded");
    // SIGHUP with a broken config: refused, the old one kept, the daemon runs on.
    let good = std::fs::read_to_string(env.path("config.toml")).unwrap();
    env.write("config.toml", format!("{good}\nmunicipality = 3\n").as_bytes());
    signal(&daemon, "HUP");
    wait_for(&env, "the new config is not valid; the old one is kept");
    assert!(daemon.try_wait().unwrap().is_none(), "still running");

    // SIGTERM: exit 0, soon.
    let t = Instant::now();
    signal(&daemon, "TERM");
    let status = daemon.wait().unwrap();
    assert!(status.success(), "{status:?}\n{}", log(&env));
    assert!(t.elapsed() < Duration::from_secs(10));
    assert!(log(&env).contains("daemon stopped"));
    receive_until("STOPPING=1", &mut told);
    assert!(told.iter().any(|m| m.contains("RELOADING=1")), "{told:?}");
    assert!(told.iter().any(|m| m.contains("STATUS=next job at")), "{told:?}");
    // The lock went with it.
    env.write("config.toml", good.as_bytes());
    let out = env.run(&["once", "--now", "2019-10-14 07:00"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The shipped unit passes `systemd-analyze verify` (with ExecStart pointing at the binary under
/// test, since it is not installed here). `.ci/run` installs systemd if it is missing.
#[test]
fn the_systemd_unit_verifies() {
    let unit = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/pledgewatch.service"),
    )
    .unwrap();
    assert!(unit.contains("ExecStart=/usr/local/bin/pledgewatch --config /etc/pledgewatch/config.toml run"));
    for needed in
        ["Type=notify", "ProtectSystem=strict", "NoNewPrivileges=yes", "ReadWritePaths=", "User=pledgewatch"]
    {
        assert!(unit.contains(needed), "{needed}");
    }
    let dir = tempfile::tempdir().unwrap();
    let local = unit.replace("/usr/local/bin/pledgewatch", env!("CARGO_BIN_EXE_pledgewatch"));
    let path = dir.path().join("pledgewatch.service");
    std::fs::write(&path, local).unwrap();
    let out = std::process::Command::new("systemd-analyze")
        .arg("verify")
        .arg(&path)
        .output()
        .expect("systemd-analyze (Debian: apt-get install systemd; .ci/run installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify: {stderr}");
}

#[test]
fn sigterm_during_a_send_that_hangs_exits_within_ten_seconds_and_loses_nothing() {
    use crate::smtp::{SmtpServer, free_port, received};
    let port = free_port();
    let maildir = tempfile::tempdir().unwrap();
    let hang = SmtpServer::start(port, "hang", maildir.path());
    let env = crate::mail::smtp_env(port, 60);
    env.sample();
    let socket_path = env.path("notify.sock");
    let _socket = std::os::unix::net::UnixDatagram::bind(&socket_path).unwrap();
    let mut daemon = start(&env, &socket_path);
    wait_for(&env, "job starts job=\"reminders\"");
    std::thread::sleep(Duration::from_millis(300)); // into the first send, which never gets an answer
    let t = Instant::now();
    signal(&daemon, "TERM");
    let status = daemon.wait().unwrap();
    assert!(status.success(), "{status:?}\n{}", log(&env));
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    assert!(log(&env).contains("did not finish within 8 s"), "{}", log(&env));
    // Restarted later with the server answering: every mail of the day, once.
    drop(hang);
    let _server = SmtpServer::start(port, "accept", maildir.path());
    let out = env.run(&["once", "--now", "2019-10-14 07:05"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(received(maildir.path()).len(), 5, "{}", out.stdout);
}

#[test]
fn a_log_saved_while_the_daemon_sleeps_is_read_once_the_folder_is_quiet() {
    let env = Env::new();
    env.edit_config("watch_quiet_seconds = 10", "watch_quiet_seconds = 1");
    let socket_path = env.path("notify.sock");
    let _socket = std::os::unix::net::UnixDatagram::bind(&socket_path).unwrap();
    let mut daemon = start(&env, &socket_path);
    wait_for(&env, "job done job=\"digest\"");
    // Saved in two steps, as a program writing a file does: read once, after both.
    env.log("data/inbox/polisen/ny.xlsx", &[("2019-10-10", "Trafikkontroll", 1)]);
    std::thread::sleep(Duration::from_millis(300));
    env.log(
        "data/inbox/polisen/ny.xlsx",
        &[("2019-10-10", "Trafikkontroll", 1), ("2019-10-11", "Trafikkontroll", 1)],
    );
    wait_for(&env, "the inbox changed: read");
    signal(&daemon, "TERM");
    assert!(daemon.wait().unwrap().success());
    assert_eq!(log(&env).matches("the inbox changed: read").count(), 1, "{}", log(&env));
    assert_eq!(env.activities().len(), 2, "both rows of the finished save");
}

#[test]
fn the_watchdog_is_fed_while_the_inbox_keeps_changing() {
    let env = Env::new();
    let socket_path = env.path("notify.sock");
    let socket = std::os::unix::net::UnixDatagram::bind(&socket_path).unwrap();
    socket.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    // WATCHDOG_USEC = 1 s: a ping at least every half second is expected.
    let mut daemon = env
        .command(&["run"])
        .env("PLEDGEWATCH_NOW", "2019-10-14T07:00:00+02:00")
        .env("NOTIFY_SOCKET", &socket_path)
        .env("WATCHDOG_USEC", "1000000")
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(env.path("daemon.log")).unwrap()))
        .spawn()
        .unwrap();
    wait_for(&env, "job done job=\"digest\"");
    let start = Instant::now();
    let mut pings = Vec::new();
    let mut buf = [0u8; 4096];
    let mut n = 0;
    while start.elapsed() < Duration::from_secs(3) {
        // A file that never stops changing.
        env.log("data/inbox/polisen/kopiering.xlsx", &[("2019-10-10", "Trafikkontroll", n)]);
        n += 1;
        if let Ok(len) = socket.recv(&mut buf)
            && String::from_utf8_lossy(&buf[..len]).contains("WATCHDOG=1")
        {
            pings.push(start.elapsed());
        }
    }
    // Keep reading, as systemd does, until the daemon is gone.
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        let mut told = Vec::new();
        while let Ok(len) = socket.recv(&mut buf) {
            told.push(String::from_utf8_lossy(&buf[..len]).into_owned());
            if told.last().unwrap().contains("STOPPING=1") {
                break;
            }
        }
        told
    });
    signal(&daemon, "TERM");
    assert!(daemon.wait().unwrap().success());
    let _ = reader.join();
    assert!(pings.len() >= 4, "pings at {pings:?}");
    let longest = pings.windows(2).map(|w| w[1] - w[0]).max().unwrap();
    assert!(longest < Duration::from_millis(900), "a gap of {longest:?} between pings");
}
