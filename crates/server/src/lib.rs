//! The Frontdesk server: configuration, HTTP API, authentication and start-up.

pub mod assistant;
pub mod auth;
pub mod chat;
pub mod configuration;
pub mod credentials;
pub mod dashboard;
pub mod demo;
pub mod ical;
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
