//! Mail: composing messages from the templates ([`compose`]) with their data ([`context`]), and
//! sending what the outbox holds ([`send`]).

pub(crate) mod bundle;
pub(crate) mod compose;
pub(crate) mod context;
mod flowed;
pub(crate) mod notify;
pub(crate) mod report;
pub(crate) mod send;
