//! The only place with `unsafe` code and libpurple calls.
#![allow(unsafe_code)]

pub mod ffi;
