//! What the world around the daemon tells it (`Event`), and how the loop takes it (`Events`): what
//! comes during a pass waits, except a stop; a burst of inbox changes is one.
//!
//! It must not act on an event: that is the loop's (`daemon::serve`).

use tokio::sync::mpsc::UnboundedReceiver;

/// What the world around the daemon tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Event {
    /// Stop after the job at hand (SIGTERM, SIGINT).
    Stop,
    /// Read the config again (SIGHUP).
    Reload,
    /// A file in a source folder changed (inotify).
    InboxChanged,
}

/// The events as the loop takes them. During a pass only a stop is acted on: a reload or an inbox
/// change that comes then is held until the pass is over (as a signal waited in its stream). A burst
/// of inbox changes (one save makes several) is one. The end of the events (every sender gone) is a
/// stop, since nothing could stop the daemon any more.
pub(super) struct Events<'a> {
    rx: &'a mut UnboundedReceiver<Event>,
    held_stop: bool,
    held_reload: bool,
    held_change: bool,
}

impl<'a> Events<'a> {
    pub(super) fn new(rx: &'a mut UnboundedReceiver<Event>) -> Self {
        Events { rx, held_stop: false, held_reload: false, held_change: false }
    }

    /// Returns at a stop, holding the other events that come before it. Cancel-safe.
    pub(super) async fn stop(&mut self) {
        if std::mem::take(&mut self.held_stop) {
            return;
        }
        loop {
            match self.rx.recv().await {
                Some(Event::Stop) | None => return,
                Some(other) => self.hold(other),
            }
        }
    }

    /// The next event, those held first. Cancel-safe.
    pub(super) async fn next(&mut self) -> Event {
        for (held, event) in [
            (&mut self.held_stop, Event::Stop),
            (&mut self.held_reload, Event::Reload),
            (&mut self.held_change, Event::InboxChanged),
        ] {
            if std::mem::take(held) {
                return event;
            }
        }
        let event = self.rx.recv().await.unwrap_or(Event::Stop);
        if event == Event::InboxChanged {
            while let Ok(more) = self.rx.try_recv() {
                if more != Event::InboxChanged {
                    self.hold(more);
                }
            }
        }
        event
    }

    fn hold(&mut self, event: Event) {
        match event {
            Event::Stop => self.held_stop = true,
            Event::Reload => self.held_reload = true,
            Event::InboxChanged => self.held_change = true,
        }
    }
}
