//! A real SMTP server for the mail tests: aiosmtpd (tests/smtp_server.py) on 127.0.0.1, started as a
//! child process; `.ci/run` installs it with pip. Each accepted message lands in a folder, as received.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// A running server; killed when dropped.
pub(crate) struct SmtpServer {
    child: Child,
    maildir: PathBuf,
}

/// A free port on 127.0.0.1 (bound, then released for the server to take).
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl SmtpServer {
    /// Starts the server on `port` in `mode` (`accept`, `reject`, `busy`, `hang`, `ack-late`), writing
    /// messages to `maildir`, and waits until it listens.
    pub(crate) fn start(port: u16, mode: &str, maildir: &Path) -> SmtpServer {
        Self::start_with(port, mode, maildir, &[])
    }

    /// As [`SmtpServer::start`], with more arguments (`--tls-cert`, `--tls-key`, `--login`).
    pub(crate) fn start_with(port: u16, mode: &str, maildir: &Path, extra: &[&str]) -> SmtpServer {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_server.py");
        let mut child = Command::new("python3")
            .arg(script)
            .args(["--port", &port.to_string(), "--mode", mode, "--maildir"])
            .arg(maildir)
            .args(extra)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 tests/smtp_server.py (needs python3 and `pip install aiosmtpd`; .ci/run installs it)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(
            line.starts_with("ready"),
            "the SMTP server did not start (is aiosmtpd installed? `pip install aiosmtpd`): {line:?}"
        );
        SmtpServer { child, maildir: maildir.to_owned() }
    }

    /// The messages received so far, in order, as bytes.
    pub(crate) fn messages(&self) -> Vec<Vec<u8>> {
        received(&self.maildir)
    }
}

/// The messages in a server's folder, in order.
pub(crate) fn received(maildir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(maildir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
