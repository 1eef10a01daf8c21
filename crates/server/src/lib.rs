//! The Frontdesk server: configuration, HTTP API, authentication and start-up.

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod assistant;
pub mod auth;
pub mod chat;
pub mod configuration;
pub mod credentials;
pub mod dashboard;
pub mod demo;
pub mod evaluation;
pub mod ical;
pub mod jobs;
pub mod knowledge;
pub mod messaging;
pub mod openapi;
pub mod problem;
pub mod pruning;
pub mod routes;
pub mod service;
pub mod startup;
pub mod state;
pub mod sweeper;
pub mod telemetry;
