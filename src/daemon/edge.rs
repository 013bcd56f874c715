//! The daemon's edge in a real process: the lock on the state folder, signals and inotify turned into
//! `Event`s (SIGTERM and SIGINT stop, SIGHUP reloads, a changed file in a source folder), and systemd's
//! notify protocol.
//!
//! It must not decide anything: what an event does, and when systemd is told what, is the loop's
//! (`daemon::serve`). Its logs keep the target `pledgewatch::daemon`, as before the split.

use std::fs::File;
use std::path::Path;
use std::time::Duration;

use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc::UnboundedSender;

use super::{DaemonError, Edge, Event};
use crate::config::{ConfigErrors, Install};

/// Holds the state folder's lock for as long as it lives (released by the OS when the process ends,
/// also on kill -9).
pub(crate) struct Lock(#[allow(dead_code)] File);

/// Takes the lock of the state folder, or says who has it.
pub(crate) fn lock(state_dir: &Path) -> Result<Lock, DaemonError> {
    let path = state_dir.join("pledgewatch.lock");
    crate::durable::create_dir_all(state_dir)
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

/// The process's surroundings: signals and inotify send to `tx`, systemd is told through its socket.
pub(crate) struct Process<L> {
    tx: UnboundedSender<Event>,
    /// Kept alive for as long as the folders are to be watched.
    watcher: Option<notify::RecommendedWatcher>,
    watchdog: Option<Duration>,
    load: L,
}

impl<L: Fn() -> Result<Install, ConfigErrors>> Process<L> {
    /// Listens for signals and watches `config`'s source folders; `load` reads the config again.
    pub(crate) fn start(install: &Install, load: L, tx: UnboundedSender<Event>) -> Result<Self, DaemonError> {
        signals(tx.clone()).map_err(DaemonError::Signals)?;
        // Fed at twice the rate systemd expects.
        let watchdog = sd_notify::watchdog_enabled().map(|d| d / 2);
        let watcher = watch(install, tx.clone());
        Ok(Process { tx, watcher, watchdog, load })
    }
}

impl<L: Fn() -> Result<Install, ConfigErrors>> Edge for Process<L> {
    fn tell(&self, state: &[sd_notify::NotifyState<'_>]) {
        // Not under systemd (no NOTIFY_SOCKET): nothing to tell, and nothing wrong.
        let _ = sd_notify::notify(state);
    }

    fn load(&self) -> Result<Install, ConfigErrors> {
        (self.load)()
    }

    fn rewatch(&mut self, install: &Install) {
        self.watcher = watch(install, self.tx.clone());
    }

    fn watchdog(&self) -> Option<Duration> {
        self.watchdog
    }
}

/// SIGTERM and SIGINT are `Stop`, SIGHUP is `Reload`: registered now, forwarded by a task for as long
/// as the runtime runs. Signals that come while the loop is busy wait in the channel, as they waited
/// in the signal streams.
fn signals(tx: UnboundedSender<Event>) -> std::io::Result<()> {
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    let mut hup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        loop {
            let event = tokio::select! {
                Some(()) = term.recv() => Event::Stop,
                Some(()) = int.recv() => Event::Stop,
                Some(()) = hup.recv() => Event::Reload,
                else => break,
            };
            if tx.send(event).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Watches the source folders (when `watch_inbox` is on): each change to a file in them is an
/// `InboxChanged`. Reading files does not count (access events are ignored), so a read does not trigger
/// another. A folder that cannot be watched is logged and left to the `ingest` slots.
fn watch(install: &Install, tx: UnboundedSender<Event>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    install.shared.watch_inbox?;
    let handler = move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event
            && matches!(e.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
            && !matches!(e.kind, EventKind::Modify(notify::event::ModifyKind::Metadata(_)))
        {
            let _ = tx.send(Event::InboxChanged);
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(w) => w,
        Err(e) => {
            tracing::error!(target: "pledgewatch::daemon", error = %e, "cannot watch the inbox; logs are read at the ingest slots only");
            return None;
        }
    };
    for source in install.sources() {
        if let Err(e) = watcher.watch(&source.dir, RecursiveMode::Recursive) {
            tracing::warn!(target: "pledgewatch::daemon", folder = %source.dir.display(), error = %e, "cannot watch this folder; it is read at the ingest slots");
        }
    }
    Some(watcher)
}
