//! `pledgewatch run`: the service. A pass over the due jobs at start (the catch-up) and at every slot
//! after, sleeping in between; a stop lets the job at hand finish (`GRACE` at most), a reload takes the
//! new config only if it is valid and keeps the state folder, a change in the inbox is read once the
//! folder is quiet; systemd is told READY, WATCHDOG, RELOADING, STOPPING and what comes next.
//!
//! The loop (`serve`) is driven from outside, as mini-redis's `server::run(listener, shutdown)`: the
//! clock and a stream of `Event`s are passed in, and systemd is told through an `Edge`. `run` sets up
//! the process's edge (`edge`: the lock, signals, inotify, sd_notify); a test drives `serve` in-process
//! under tokio's paused time. It must not decide what is due (that is `schedule`, through `jobs`), nor
//! read the wall clock but through the `clock` passed in (tokio's clock only measures its waits).

mod edge;
mod events;
#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sd_notify::NotifyState;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{Instant, Interval, MissedTickBehavior};

pub(crate) use edge::lock;
pub(crate) use events::Event;
use events::Events;

use crate::config::{ConfigErrors, Install};
use crate::jobs;
use crate::store::{Store, StoreError};

/// Why the daemon could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DaemonError {
    /// Another daemon holds the lock on this state folder.
    #[error("another pledgewatch daemon is running on {0} (it holds the lock); stop it first")]
    Locked(PathBuf),
    /// The lock file could not be made.
    #[error("cannot create the lock file {path}: {source}")]
    LockFile { path: PathBuf, source: std::io::Error },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Signals could not be set up.
    #[error("cannot listen for signals: {0}")]
    Signals(std::io::Error),
}

/// The longest sleep between two looks at the clock: a wall clock set forward (or a suspended
/// machine) is noticed within this, without busy polling.
const MAX_SLEEP: Duration = Duration::from_secs(300);

/// What a job calls as it reads: the watchdog is fed at most every `WATCHDOG_EVERY` from inside a
/// long read (the beat of the loop cannot tick while a read holds the thread).
fn alive(edge: &dyn Edge) -> impl Fn() + '_ {
    let last = Cell::new(Instant::now());
    move || {
        if last.get().elapsed() >= WATCHDOG_EVERY {
            last.set(Instant::now());
            edge.tell(&[NotifyState::Watchdog]);
        }
    }
}

/// How often a long read feeds the watchdog from inside (systemd's is far longer: 15 min).
const WATCHDOG_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// How long a stop waits for the job at hand (the promise is an exit within 10 s).
const GRACE: Duration = Duration::from_secs(8);

/// What the loop needs from its surroundings besides the events.
pub(crate) trait Edge {
    /// Tells the service manager (systemd's notify protocol).
    fn tell(&self, state: &[NotifyState<'_>]);
    /// The config as it is now, on `Event::Reload`, or why it is not valid.
    fn load(&self) -> Result<Install, ConfigErrors>;
    /// A new config replaced the old one: watch its source folders from now on.
    fn rewatch(&mut self, install: &Install);
    /// How often to feed systemd's watchdog; `None` when it is off (then every `MAX_SLEEP`).
    fn watchdog(&self) -> Option<Duration>;
}

/// Runs until SIGTERM or SIGINT. `load` reads the config again on SIGHUP.
pub(crate) async fn run(
    install: Install,
    load: impl Fn() -> Result<Install, ConfigErrors>,
    clock: impl Fn() -> DateTime<Utc>,
) -> Result<(), DaemonError> {
    let _lock = lock(&install.shared.state_dir)?;
    let mut store = Store::open(&install.shared.store_path())?;
    let (tx, mut events) = tokio::sync::mpsc::unbounded_channel();
    let mut edge = edge::Process::start(&install, load, tx)?;
    serve(install, &mut store, &clock, &mut events, &mut edge).await;
    Ok(())
}

/// The loop: a pass, then a wait for the next slot, the beat or an event, until `Event::Stop` (or
/// the end of the events). Nothing in it fails: a failing job, or store, is logged and tried again.
pub(crate) async fn serve(
    install: Install,
    store: &mut Store,
    clock: &dyn Fn() -> DateTime<Utc>,
    events: &mut UnboundedReceiver<Event>,
    edge: &mut dyn Edge,
) {
    let shared = &install.shared;
    tracing::info!(config = %shared.path.display(), store = %shared.store_path().display(), "daemon started");
    edge.tell(&[NotifyState::Ready, NotifyState::Status("catching up")]);
    // The watchdog is fed on its own beat, during passes too, so that neither a long pass nor an
    // inbox that keeps changing starves it; a pass that hangs for good is what it is for.
    let mut beat = tokio::time::interval(edge.watchdog().unwrap_or(MAX_SLEEP));
    beat.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let events = Events::new(events);
    let mut d = Daemon { install, store, clock, events, edge, beat, pending: None, last_status: None };
    loop {
        if d.pass().await {
            break;
        }
        let next = next_slot(&d.install, clock());
        d.tell_status(next);
        match d.wait(next).await {
            Wake::Beat => d.edge.tell(&[NotifyState::Watchdog]),
            Wake::Slept => d.read_inbox_if_quiet(),
            // Wait for quiet: every change restarts the wait, so a save in progress is not read.
            Wake::Event(Event::InboxChanged) => d.pending = Some(Instant::now()),
            Wake::Event(Event::Reload) => d.reload(),
            Wake::Event(Event::Stop) => break,
        }
    }
    d.edge.tell(&[NotifyState::Stopping]);
    tracing::info!("daemon stopped");
}

/// The loop's state from one wake-up to the next.
struct Daemon<'a> {
    install: Install,
    store: &'a mut Store,
    clock: &'a dyn Fn() -> DateTime<Utc>,
    events: Events<'a>,
    edge: &'a mut dyn Edge,
    beat: Interval,
    /// When the inbox last changed, while a read is pending.
    pending: Option<Instant>,
    /// Told to systemd only when it changes: an inbox that keeps changing must not flood its socket.
    last_status: Option<String>,
}

/// What ended a wait.
enum Wake {
    Beat,
    Slept,
    Event(Event),
}

impl Daemon<'_> {
    /// One pass over the due jobs; whether the daemon is to stop. A stop lets no new job or mail
    /// begin and gives the one at hand GRACE to finish; it can cut a pass only at a wait (a send in
    /// flight), never inside a transaction, since SQLite work has no await points.
    async fn pass(&mut self) -> bool {
        let stopping = Cell::new(false);
        let stop_flag = || stopping.get();
        let alive = alive(&*self.edge);
        let pass = jobs::Pass { clock: self.clock, stop: &stop_flag, force: false, alive: &alive };
        let run = jobs::run_due(&self.install, self.store, &pass);
        tokio::pin!(run);
        let mut deadline: Option<Instant> = None;
        loop {
            let grace = async {
                match deadline {
                    Some(d) => tokio::time::sleep_until(d).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                r = &mut run => { log_pass(r); break; }
                _ = self.beat.tick() => self.edge.tell(&[NotifyState::Watchdog]),
                () = self.events.stop(), if deadline.is_none() => {
                    stopping.set(true);
                    self.edge.tell(&[NotifyState::Stopping]);
                    deadline = Some(Instant::now() + GRACE);
                }
                () = grace => {
                    tracing::warn!(
                        "the job at hand did not finish within {} s; stopping anyway (a mail in flight is \
                         retried at the next start, with the same Message-ID)",
                        GRACE.as_secs()
                    );
                    break;
                }
            }
        }
        stopping.get()
    }

    /// Tells systemd when the next job is, if that changed.
    fn tell_status(&mut self, next: Option<DateTime<Utc>>) {
        let status = next.map_or_else(
            || "idle: no job scheduled".to_owned(),
            |t| format!("next job at {}", crate::schedule::local_label(self.install.shared.timezone, t)),
        );
        if self.last_status.as_deref() != Some(status.as_str()) {
            tracing::debug!("{status}");
            self.edge.tell(&[NotifyState::Status(&status)]);
            self.last_status = Some(status);
        }
    }

    /// Sleeps until the next slot (at most MAX_SLEEP) or until a changed inbox has been quiet long
    /// enough, unless the beat or an event comes first.
    async fn wait(&mut self, next: Option<DateTime<Utc>>) -> Wake {
        let mut sleep = next
            .map_or(MAX_SLEEP, |t| (t - (self.clock)()).to_std().unwrap_or(Duration::ZERO).min(MAX_SLEEP));
        if let (Some(since), Some(quiet)) = (self.pending, self.install.shared.watch_inbox) {
            sleep = sleep.min((since + quiet).saturating_duration_since(Instant::now()));
        }
        tokio::select! {
            _ = self.beat.tick() => Wake::Beat,
            () = tokio::time::sleep(sleep) => Wake::Slept,
            event = self.events.next() => Wake::Event(event),
        }
    }

    /// Reads the inbox if it changed and has been quiet for `watch_quiet_seconds` since.
    fn read_inbox_if_quiet(&mut self) {
        if let (Some(since), Some(quiet)) = (self.pending, self.install.shared.watch_inbox)
            && since.elapsed() >= quiet
        {
            self.pending = None;
            let alive = alive(&*self.edge);
            match jobs::ingest_once(&self.install, self.store, self.clock, &alive) {
                Ok(summary) => tracing::info!(detail = %summary, "the inbox changed: read"),
                Err(e) => tracing::error!(error = %e, "the inbox changed, but reading it failed"),
            }
        }
    }

    /// A new config replaces the old one only if it is valid and keeps the state folder (where the
    /// store and the lock are): a typo must not stop the service.
    fn reload(&mut self) {
        self.edge.tell(&[NotifyState::Reloading]);
        match self.edge.load() {
            Ok(new) if new.shared.state_dir == self.install.shared.state_dir => {
                tracing::info!(config = %new.shared.path.display(), "config reloaded");
                self.install = new;
                self.edge.rewatch(&self.install);
            }
            Ok(new) => tracing::error!(
                old = %self.install.shared.state_dir.display(), new = %new.shared.state_dir.display(),
                "the new config moves the state folder; restart the service for that; the old config is kept"
            ),
            Err(e) => tracing::error!("the new config is not valid; the old one is kept:\n{e}"),
        }
        self.edge.tell(&[NotifyState::Ready]);
    }
}

/// Logs what went wrong in a pass: each job that failed, or the store.
fn log_pass(r: Result<Vec<jobs::JobOutcome>, StoreError>) {
    match r {
        Ok(outcomes) => {
            for o in outcomes.iter().filter(|o| o.outcome == crate::store::RunOutcome::Failed) {
                tracing::error!(job = o.job.name(), detail = %o.detail, "job failed");
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "the store failed during a pass; trying again at the next slot")
        }
    }
}

/// The next slot of any job after `now`.
fn next_slot(install: &Install, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let tz = install.shared.timezone;
    install
        .jobs()
        .iter()
        .filter_map(|j| j.schedule.next(tz, now, 1, chrono::Duration::days(8)).first().copied())
        .min()
}
