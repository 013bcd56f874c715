//! `pledgewatch run`: the service. A lock so that one daemon runs per state folder, a pass over the due
//! jobs at start (the catch-up) and at every slot after, sleeping in between; systemd's notify
//! protocol (READY, WATCHDOG, RELOADING, STOPPING); SIGHUP reloads the config, SIGTERM and SIGINT stop
//! after the job at hand.
//!
//! The edge: the clock is read here, once per wake-up, and handed to `jobs::run_due`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::signal::unix::{SignalKind, signal};

use crate::config::Config;
use crate::jobs;
use crate::store::Store;

/// Why the daemon could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    /// Another daemon holds the lock on this state folder.
    #[error("another pledgewatch daemon is running on {0} (it holds the lock); stop it first")]
    Locked(PathBuf),
    /// The lock file could not be made.
    #[error("cannot create the lock file {path}: {source}")]
    LockFile { path: PathBuf, source: std::io::Error },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// Signals could not be set up.
    #[error("cannot listen for signals: {0}")]
    Signals(std::io::Error),
}

/// The longest sleep between two looks at the clock: a wall clock set forward (or a suspended
/// machine) is noticed within this, without busy polling.
const MAX_SLEEP: Duration = Duration::from_secs(300);

/// Holds the state folder's lock for as long as it lives (released by the OS when the process ends,
/// also on kill -9).
pub struct Lock(#[allow(dead_code)] File);

/// Takes the lock of the state folder, or says who has it.
pub fn lock(state_dir: &Path) -> Result<Lock, DaemonError> {
    let path = state_dir.join("pledgewatch.lock");
    std::fs::create_dir_all(state_dir)
        .map_err(|source| DaemonError::LockFile { path: path.clone(), source })?;
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| DaemonError::LockFile { path: path.clone(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(Lock(file)),
        Err(std::fs::TryLockError::WouldBlock) => Err(DaemonError::Locked(state_dir.to_owned())),
        Err(std::fs::TryLockError::Error(source)) => Err(DaemonError::LockFile { path, source }),
    }
}

fn sd(state: &[sd_notify::NotifyState<'_>]) {
    // Not under systemd (no NOTIFY_SOCKET): nothing to tell, and nothing wrong.
    let _ = sd_notify::notify(state);
}

/// Runs until SIGTERM or SIGINT. `load` reads the config again on SIGHUP.
pub async fn run(
    mut config: Config,
    load: impl Fn() -> Result<Config, String>,
    clock: impl Fn() -> DateTime<Utc>,
) -> Result<(), DaemonError> {
    let _lock = lock(&config.state_dir)?;
    let mut store = Store::open(&config.store_path())?;
    let mut term = signal(SignalKind::terminate()).map_err(DaemonError::Signals)?;
    let mut int = signal(SignalKind::interrupt()).map_err(DaemonError::Signals)?;
    let mut hup = signal(SignalKind::hangup()).map_err(DaemonError::Signals)?;
    let watchdog = sd_notify::watchdog_enabled().map(|d| d / 2);
    let (changed_tx, mut changed) = tokio::sync::mpsc::unbounded_channel::<()>();
    // Kept alive for as long as the folders are to be watched.
    let mut _watcher = watch(&config, changed_tx.clone());
    // When the inbox last changed, while a read is pending.
    let mut pending: Option<tokio::time::Instant> = None;
    tracing::info!(config = %config.path.display(), store = %config.store_path().display(), "daemon started");
    sd(&[sd_notify::NotifyState::Ready, sd_notify::NotifyState::Status("catching up")]);
    // The watchdog is fed on its own beat, during passes too, so that neither a long pass nor an
    // inbox that keeps changing starves it; a pass that hangs for good is what it is for.
    let mut beat = tokio::time::interval(watchdog.unwrap_or(MAX_SLEEP));
    beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let stopping = std::cell::Cell::new(false);
    let mut last_status: Option<String> = None;
    loop {
        // A pass. A stop signal lets no new job or mail begin and gives the one at hand GRACE to
        // finish; it can cut a pass only at a wait (a send in flight), never inside a transaction,
        // since SQLite work has no await points.
        {
            let stop_flag = || stopping.get();
            let pass_clock = || clock();
            let pass = jobs::Pass { clock: &pass_clock, stop: &stop_flag };
            let run = jobs::run_due(&config, &mut store, &pass);
            tokio::pin!(run);
            let mut deadline: Option<tokio::time::Instant> = None;
            loop {
                let grace = async {
                    match deadline {
                        Some(d) => tokio::time::sleep_until(d).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    r = &mut run => { report(r); break; }
                    _ = beat.tick() => sd(&[sd_notify::NotifyState::Watchdog]),
                    _ = term.recv(), if deadline.is_none() => {
                        stopping.set(true);
                        sd(&[sd_notify::NotifyState::Stopping]);
                        deadline = Some(tokio::time::Instant::now() + GRACE);
                    }
                    _ = int.recv(), if deadline.is_none() => {
                        stopping.set(true);
                        sd(&[sd_notify::NotifyState::Stopping]);
                        deadline = Some(tokio::time::Instant::now() + GRACE);
                    }
                    _ = grace => {
                        tracing::warn!(
                            "the job at hand did not finish within {} s; stopping anyway (a mail in flight is \
                             retried at the next start, with the same Message-ID)",
                            GRACE.as_secs()
                        );
                        break;
                    }
                }
            }
        }
        if stopping.get() {
            break;
        }
        let next = next_slot(&config, clock());
        let status = next.map_or_else(
            || "idle: no job scheduled".to_owned(),
            |t| format!("next job at {}", crate::schedule::local_label(config.timezone, t)),
        );
        if last_status.as_deref() != Some(status.as_str()) {
            // Only when it changes: an inbox that keeps changing must not flood systemd's socket.
            tracing::debug!("{status}");
            sd(&[sd_notify::NotifyState::Status(&status)]);
            last_status = Some(status);
        }
        let mut sleep =
            next.map_or(MAX_SLEEP, |t| (t - clock()).to_std().unwrap_or(Duration::ZERO).min(MAX_SLEEP));
        if let (Some(since), Some(quiet)) = (pending, config.watch_inbox) {
            sleep = sleep.min((since + quiet).saturating_duration_since(tokio::time::Instant::now()));
        }
        tokio::select! {
            _ = beat.tick() => sd(&[sd_notify::NotifyState::Watchdog]),
            _ = tokio::time::sleep(sleep) => {
                if let (Some(since), Some(quiet)) = (pending, config.watch_inbox)
                    && since.elapsed() >= quiet
                {
                    pending = None;
                    match jobs::ingest_once(&config, &mut store, &clock) {
                        Ok(summary) => tracing::info!(detail = %summary, "the inbox changed: read"),
                        Err(e) => tracing::error!(error = %e, "the inbox changed, but reading it failed"),
                    }
                }
            }
            Some(()) = changed.recv() => {
                // Wait for quiet: every change restarts the wait, so a save in progress is not read.
                while changed.try_recv().is_ok() {}
                pending = Some(tokio::time::Instant::now());
            }
            _ = term.recv() => break,
            _ = int.recv() => break,
            _ = hup.recv() => {
                sd(&[sd_notify::NotifyState::Reloading]);
                match load() {
                    Ok(new) if new.state_dir == config.state_dir => {
                        tracing::info!(config = %new.path.display(), "config reloaded");
                        config = new;
                        _watcher = watch(&config, changed_tx.clone());
                    }
                    Ok(new) => tracing::error!(
                        old = %config.state_dir.display(), new = %new.state_dir.display(),
                        "the new config moves the state folder; restart the service for that; the old config is kept"
                    ),
                    Err(e) => tracing::error!("the new config is not valid; the old one is kept:\n{e}"),
                }
                sd(&[sd_notify::NotifyState::Ready]);
            }
        }
    }
    sd(&[sd_notify::NotifyState::Stopping]);
    tracing::info!("daemon stopped");
    Ok(())
}

/// Watches the source folders (when `watch_inbox` is on): each change to a file in them is a message
/// on `tx`. Reading files does not count (access events are ignored), so a read does not trigger
/// another. A folder that cannot be watched is logged and left to the `ingest` slots.
fn watch(config: &Config, tx: tokio::sync::mpsc::UnboundedSender<()>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    config.watch_inbox?;
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event
            && matches!(e.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
            && !matches!(e.kind, EventKind::Modify(notify::event::ModifyKind::Metadata(_)))
        {
            let _ = tx.send(());
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            tracing::error!(error = %e, "cannot watch the inbox; logs are read at the ingest slots only");
            return None;
        }
    };
    for source in &config.sources {
        if let Err(e) = watcher.watch(&source.dir, RecursiveMode::Recursive) {
            tracing::warn!(folder = %source.dir.display(), error = %e, "cannot watch this folder; it is read at the ingest slots");
        }
    }
    Some(watcher)
}

/// How long a stop signal waits for the job at hand (the promise is an exit within 10 s).
const GRACE: Duration = Duration::from_secs(8);

fn report(r: Result<Vec<jobs::JobOutcome>, crate::store::StoreError>) {
    match r {
        Ok(outcomes) => {
            for o in outcomes.iter().filter(|o| o.outcome == "failed") {
                tracing::error!(job = o.job.name(), detail = %o.detail, "job failed");
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "the store failed during a pass; trying again at the next slot")
        }
    }
}

/// The next slot of any job after `now`.
fn next_slot(config: &Config, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    config
        .jobs
        .iter()
        .filter_map(|j| j.schedule.next(config.timezone, now, 1, chrono::Duration::days(8)).first().copied())
        .min()
}
