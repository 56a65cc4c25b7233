//! The only place with `unsafe` code and libpurple calls.
//!
//! Everything here is glue: it reads what libpurple hands over, calls the pure parts of the
//! crate, and carries out what they decide. Every `extern "C"` function goes through
//! [`guard`] so that no panic reaches C.
#![allow(unsafe_code)]

mod account;
mod connection;
pub mod ffi;
mod guard;
mod log;
mod plugin;
mod prpl;
mod strings;
