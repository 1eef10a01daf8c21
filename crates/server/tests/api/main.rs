//! Black-box tests of the HTTP API: each test gets its own server on a random port and its
//! own database, and runs once on SQLite and once on PostgreSQL.

mod fake_provider;
mod helpers;

mod assistant;
mod auth;
mod clinics;
mod dashboard;
mod dialogs;
mod dialogs_llm;
mod errors;
mod hq;
mod inbox_desk;
mod isolation;
mod knowledge;
mod llm;
mod messaging;
mod openapi;
mod reliability;
mod scheduling;
mod webchat;
