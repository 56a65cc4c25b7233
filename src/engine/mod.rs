//! The sans-IO sign-in and session engine (DESIGN.md §1).
//!
//! No sockets, no clock, no threads, no libpurple: the glue feeds inputs with `now` and
//! carries out the outputs. Same inputs, same outputs.

pub mod discovery;
pub mod ids;
pub mod random;
pub mod timers;
