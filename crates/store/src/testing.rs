//! Fresh databases for tests: a temporary SQLite file, or a new PostgreSQL schema.
//!
//! PostgreSQL is required, never skipped: when it cannot be reached the test fails and says
//! how to start it.

use sqlx::Connection;
use sqlx::postgres::PgConnection;

/// Server URL (no database) of the PostgreSQL that tests use.
pub fn postgres_server() -> String {
    std::env::var("FRONTDESK_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_string())
}

/// The database tests create their schemas in.
pub const TEST_DATABASE: &str = "frontdesk_test";

/// A URL to a new, empty schema in the test database, created now.
pub async fn fresh_postgres_url() -> String {
    let server = postgres_server();
    let hint =
        "PostgreSQL must be running for the test suite (see README: `scripts/test` starts it)";
    let mut admin = PgConnection::connect(&format!("{server}/postgres"))
        .await
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {server}: {e}. {hint}"));
    let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(TEST_DATABASE)
        .fetch_optional(&mut admin)
        .await
        .expect("query pg_database");
    if exists.is_none() {
        // Two test binaries may race here; the loser's "already exists" is fine.
        let _ = sqlx::raw_sql("CREATE DATABASE frontdesk_test")
            .execute(&mut admin)
            .await;
    }
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let mut conn = PgConnection::connect(&format!("{server}/{TEST_DATABASE}"))
        .await
        .unwrap_or_else(|e| panic!("cannot reach the {TEST_DATABASE} database: {e}. {hint}"));
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&mut conn)
        .await
        .expect("create test schema");
    format!("{server}/{TEST_DATABASE}?options=-csearch_path%3D{schema}")
}

/// A URL to a new SQLite file inside `dir`.
pub fn fresh_sqlite_url(dir: &std::path::Path) -> String {
    format!("sqlite://{}", dir.join("frontdesk.db").display())
}

/// A confirmed, in-person appointment that staff booked: `minutes` long from `starts_at`, no
/// buffers, no price, no notes. Tests change what they are about with struct update syntax
/// (`NewAppointment { status: Held, ..appointment(…) }`).
pub fn appointment(
    service: frontdesk_domain::ServiceId,
    practitioner: frontdesk_domain::PractitionerId,
    patient: frontdesk_domain::PatientId,
    starts_at: chrono::DateTime<chrono::Utc>,
    minutes: i64,
) -> crate::NewAppointment {
    use frontdesk_domain::scheduling::{
        Actor, AppointmentKind, AppointmentSource, AppointmentStatus,
    };
    let ends_at = starts_at + chrono::Duration::minutes(minutes);
    crate::NewAppointment {
        id: frontdesk_domain::AppointmentId::new(),
        service_id: service,
        practitioner_id: practitioner,
        patient_id: patient,
        starts_at,
        ends_at,
        busy_from: starts_at,
        busy_until: ends_at,
        status: AppointmentStatus::Confirmed,
        hold_expires_at: None,
        kind: AppointmentKind::InPerson,
        source: AppointmentSource::Staff,
        price: None,
        notes: String::new(),
        actor: Actor::system(),
        idempotency: None,
    }
}
