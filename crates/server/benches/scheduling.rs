//! Scheduling numbers, in process, on SQLite and on PostgreSQL:
//!
//! - availability for one service over 10 practitioners and 14 days with 2,000 existing
//!   appointments: the whole search (store reads and the computation), and the computation
//!   alone on loaded data;
//! - bookings of distinct slots per second through the store, 16 at a time.
//!
//! `cargo bench -p frontdesk --bench scheduling` prints the numbers. Under `cargo test` (no
//! `--bench` argument) it runs a small smoke version so the suite keeps it working.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use frontdesk::configuration::{Config, RawSettings};
use frontdesk::service::scheduling::{SlotSearch, find_slots};
use frontdesk::state::AppState;
use frontdesk_domain::scheduling::{
    Actor, AppointmentKind, AppointmentSource, AppointmentStatus, Availability, BusyBlock,
    PatientDetails, PractitionerCalendar, PractitionerDetails, ServiceDetails, SlotQuery,
};
use frontdesk_domain::{
    AccountId, AppointmentId, Clinic, ClinicName, ClinicProfile, Email, Language, PatientId,
    PersonName, PractitionerId, ServiceId, Slug, TimeZone,
};
use frontdesk_store::{NewAccount, NewAppointment, testing};

struct Sizes {
    practitioners: usize,
    appointments: usize,
    searches: usize,
    bookings: usize,
}

const FULL: Sizes = Sizes {
    practitioners: 10,
    appointments: 2_000,
    searches: 200,
    bookings: 4_000,
};
const SMOKE: Sizes = Sizes {
    practitioners: 3,
    appointments: 60,
    searches: 3,
    bookings: 40,
};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let full = std::env::args().any(|a| a == "--bench");
    let sizes = if full { FULL } else { SMOKE };
    let dir = tempfile::tempdir()?;
    for backend in ["sqlite", "postgres"] {
        let url = match backend {
            "sqlite" => testing::fresh_sqlite_url(dir.path()),
            _ => testing::fresh_postgres_url().await,
        };
        run(backend, &url, dir.path(), &sizes).await?;
    }
    Ok(())
}

async fn app(url: &str, dir: &std::path::Path) -> anyhow::Result<AppState> {
    let env = [
        ("FRONTDESK_DATABASE_URL", url.to_string()),
        ("FRONTDESK_DATA_DIR", dir.display().to_string()),
        ("FRONTDESK_DATABASE_MAX_CONNECTIONS", "16".to_string()),
        (
            "FRONTDESK_SECRET_KEY",
            "YmVuY2gtc2VjcmV0LWtleS10aGF0LWlzLWxvbmctZW5vdWdo".to_string(),
        ),
    ];
    let env = env.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let config =
        Config::from_sources(RawSettings::default(), &env).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    frontdesk::startup::prepare(config).await
}

struct Seeded {
    clinic: Clinic,
    service: ServiceId,
    practitioners: Vec<PractitionerId>,
    patients: Vec<PatientId>,
}

async fn seed(state: &AppState, sizes: &Sizes) -> anyhow::Result<Seeded> {
    let store = &state.store;
    let account = NewAccount {
        id: AccountId::new(),
        email: Email::parse("email", "bench@example.com")?,
        name: PersonName::parse("name", "Bench")?,
        password_hash: "$argon2id$unused".into(),
        hq_role: None,
        created_at: Utc::now(),
    };
    let profile = ClinicProfile::new(
        ClinicName::parse("name", "Bench Clinic")?,
        TimeZone::parse("tz", "Europe/Lisbon")?,
        Language::Pt,
    );
    let (_, clinic) = store
        .create_account_with_clinic(&account, &Slug::parse("slug", "bench")?, &profile)
        .await?;
    let day = serde_json::json!(["08:00-13:00", "14:00-20:00"]);
    let hours = serde_json::json!({"monday": day, "tuesday": day, "wednesday": day, "thursday": day,
        "friday": day, "saturday": day, "sunday": day});
    let mut practitioners = vec![];
    for i in 0..sizes.practitioners {
        let details: PractitionerDetails = serde_json::from_value(
            serde_json::json!({"name": format!("Dr. {i}"), "working_hours": hours}),
        )?;
        let id = PractitionerId::new();
        store
            .create_practitioner(clinic.id, id, &details.validated()?)
            .await?;
        practitioners.push(id);
    }
    let service = ServiceId::new();
    let details: ServiceDetails = serde_json::from_value(serde_json::json!({
        "name": {"pt": "Consulta"}, "duration_minutes": 30, "buffer_after_minutes": 5,
        "practitioner_ids": practitioners}))?;
    store
        .create_service(clinic.id, service, &details.validated()?)
        .await?;
    let mut patients = vec![];
    for i in 0..200 {
        let details: PatientDetails =
            serde_json::from_value(serde_json::json!({"name": format!("Patient {i}")}))?;
        let id = PatientId::new();
        store
            .create_patient(clinic.id, id, &details, Utc::now())
            .await?;
        patients.push(id);
    }
    Ok(Seeded {
        clinic,
        service,
        practitioners,
        patients,
    })
}

fn appointment(s: &Seeded, i: usize, start: DateTime<Utc>) -> NewAppointment {
    NewAppointment {
        id: AppointmentId::new(),
        service_id: s.service,
        practitioner_id: s.practitioners[i % s.practitioners.len()],
        patient_id: s.patients[i % s.patients.len()],
        starts_at: start,
        ends_at: start + Duration::minutes(30),
        busy_from: start,
        busy_until: start + Duration::minutes(35),
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

/// Start of the `slot`-th 40-minute slot of a practitioner's day `day` days from `origin`
/// (08:00 UTC onwards, 15 a day), so distinct (practitioner, day, slot) never overlap.
fn slot_start(origin: DateTime<Utc>, day: usize, slot: usize) -> DateTime<Utc> {
    origin + Duration::days(day as i64) + Duration::hours(8) + Duration::minutes(40 * slot as i64)
}

fn percentile(sorted: &[StdDuration], p: f64) -> StdDuration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: StdDuration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

async fn run(backend: &str, url: &str, dir: &std::path::Path, sizes: &Sizes) -> anyhow::Result<()> {
    let state = app(url, dir).await?;
    let s = seed(&state, sizes).await?;
    let origin = (Utc::now() + Duration::days(1))
        .date_naive()
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    for i in 0..sizes.appointments {
        // Spread each practitioner's appointments over 14 days, about 14 a day, each
        // practitioner's day shifted a little so their free times differ.
        let n = i / sizes.practitioners;
        let (day, slot) = (n % 14, (n / 14) % 15);
        let shift = Duration::minutes(10 * (i % sizes.practitioners) as i64);
        let start = slot_start(origin, day, slot) + shift;
        state
            .store
            .book(s.clinic.id, &appointment(&s, i, start), Utc::now())
            .await?;
    }

    for pass in ["fresh table", "after VACUUM"] {
        if pass == "after VACUUM" {
            if backend != "postgres" {
                continue;
            }
            // Autovacuum keeps a table in service mostly all-visible, so its index-only
            // scans skip the heap; a table filled a moment ago has not been vacuumed yet.
            let pool = sqlx::PgPool::connect(url).await?;
            sqlx::raw_sql("VACUUM ANALYZE appointments")
                .execute(&pool)
                .await?;
        }
        search_numbers(backend, pass, &state, &s, origin, sizes).await?;
    }

    // Bookings of distinct slots, 16 at a time, a month out (free days).
    let start = origin + Duration::days(30);
    let bookings: Vec<NewAppointment> = (0..sizes.bookings)
        .map(|i| {
            let n = i / s.practitioners.len();
            appointment(&s, i, slot_start(start, n / 15, n % 15))
        })
        .collect();
    let t = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    let store = state.store.clone();
    let clinic = s.clinic.id;
    let chunks: Vec<Vec<NewAppointment>> = (0..16)
        .map(|w| bookings.iter().skip(w).step_by(16).cloned().collect())
        .collect();
    for chunk in chunks {
        let store = store.clone();
        tasks.spawn(async move {
            for a in chunk {
                store.book(clinic, &a, Utc::now()).await?;
            }
            Ok::<_, frontdesk_store::StoreError>(())
        });
    }
    for r in tasks.join_all().await {
        r?;
    }
    let elapsed = t.elapsed();
    println!(
        "{backend}: {} bookings of distinct slots, 16 at a time: {:.0} bookings/s",
        sizes.bookings,
        sizes.bookings as f64 / elapsed.as_secs_f64()
    );
    Ok(())
}

/// Availability numbers on the seeded clinic.
async fn search_numbers(
    backend: &str,
    pass: &str,
    state: &AppState,
    s: &Seeded,
    origin: DateTime<Utc>,
    sizes: &Sizes,
) -> anyhow::Result<()> {
    // Availability: the whole search, store reads included.
    let search = SlotSearch {
        service_id: s.service,
        practitioner_id: None,
        from: origin.date_naive(),
        to: origin.date_naive() + Duration::days(13),
        part_of_day: None,
        limit: usize::MAX,
        patient_facing: false,
        ignore: None,
    };
    let mut times = vec![];
    let mut offered = 0;
    for _ in 0..sizes.searches {
        let t = Instant::now();
        offered = find_slots(&*state.store, &s.clinic, &search, Utc::now())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .len();
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{backend} ({pass}): availability, {} practitioners × 14 days, {} appointments: p50 {}, p99 {} ({} slots offered)",
        sizes.practitioners,
        sizes.appointments,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        offered
    );

    // The largest read alone: every busy span of the 14 days.
    let mut times = vec![];
    for _ in 0..sizes.searches {
        let t = Instant::now();
        state
            .store
            .busy_blocks(s.clinic.id, origin, origin + Duration::days(14), Utc::now())
            .await?;
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "{backend} ({pass}): busy-time read ({} rows): p50 {}",
        sizes.appointments,
        ms(percentile(&times, 0.5))
    );

    // The computation alone, on data already loaded.
    let hours = state.store.practitioners(s.clinic.id).await?;
    let service = state
        .store
        .service(s.clinic.id, s.service)
        .await?
        .ok_or_else(|| anyhow::anyhow!("service"))?;
    let busy = state
        .store
        .busy_blocks(s.clinic.id, origin, origin + Duration::days(15), Utc::now())
        .await?;
    let policy = state.store.scheduling_policy(s.clinic.id).await?;
    let calendars: Vec<PractitionerCalendar<'_>> = hours
        .iter()
        .map(|p| PractitionerCalendar {
            id: p.id,
            working_hours: &p.details.working_hours,
            exceptions: vec![],
            busy: busy
                .iter()
                .filter(|(w, _)| *w == p.id)
                .map(|(_, b)| *b)
                .collect::<Vec<BusyBlock>>(),
        })
        .collect();
    let availability = Availability {
        tz: s.clinic.profile.time_zone.0,
        policy: &policy,
        closures: &[],
    };
    let query = SlotQuery {
        from: search.from,
        to: search.to,
        part_of_day: None,
        now: Utc::now(),
        limit: usize::MAX,
    };
    let mut times = vec![];
    for _ in 0..sizes.searches.max(1) * 5 {
        let t = Instant::now();
        let slots = availability.slots(&service.details, &calendars, &query);
        times.push(t.elapsed());
        assert_eq!(slots.len(), offered);
    }
    times.sort();
    println!(
        "{backend} ({pass}): availability computation alone: p50 {}, p99 {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99))
    );

    Ok(())
}
