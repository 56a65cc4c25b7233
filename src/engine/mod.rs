//! The sans-IO sign-in and session engine (DESIGN.md §1).
//!
//! No sockets, no clock, no threads, no libpurple: the glue feeds inputs with `now` and
//! carries out the outputs. Same inputs, same outputs.

mod autodiscover;
pub mod certificate;
mod chat;
mod contacts;
mod dialog;
pub mod discovery;
mod events;
pub mod ids;
mod im;
mod liveness;
mod presence;
mod provision;
pub mod random;
mod register;
mod search;
pub mod security;
mod session;
mod subscriptions;
pub mod timers;
mod tls_dsk;
mod transaction;
mod web;

pub use chat::{ChatCommand, ChatEvent, ChatId};
pub use contacts::ContactCommand;
pub use events::{Command, ConnId, Delivery, Event, Input, LogLevel, Output, Progress};
pub use presence::ContactStatus;
pub use session::{Config, Session, default_user_agent};
