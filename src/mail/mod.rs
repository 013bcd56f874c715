//! Mail: composing messages from the templates ([`compose`]) with their data ([`context`]), and
//! sending what the outbox holds ([`send`]).

pub mod compose;
pub mod context;
pub mod notify;
pub mod report;
pub mod send;
