//! HTTP tests: values and parsers, then the client against in-memory servers.

mod cookies;
mod messages;
mod response_parser;
mod url;
