//! HTTP tests: values and parsers, then the client against in-memory servers.

mod challenges;
mod client_auth;
mod client_connections;
mod client_redirects;
mod cookies;
mod harness;
mod messages;
mod response_parser;
mod server;
mod url;
