//! SIP message codec.
