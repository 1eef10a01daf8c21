//! Scheduling through the API, on both stores: setting up a calendar, availability, booking,
//! the 50-way race for one slot, idempotency, the hold sweep, lists, and calendar feeds.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use frontdesk_domain::scheduling::{Actor, AppointmentKind, AppointmentSource, AppointmentStatus};
use frontdesk_domain::{AccountId, ClinicId, PatientId, PractitionerId, ServiceId, Slug};

use crate::helpers::{TestApp, User, expect};
use crate::on_both_backends;

on_both_backends!(
    a_clinic_sets_up_its_calendar_and_books,
    fifty_simultaneous_bookings_leave_one,
    overlapping_simultaneous_bookings_never_fail_the_server,
    dates_at_the_edge_are_refused_naming_the_field,
    idempotency_keys_replay_the_first_booking,
    lapsed_holds_are_swept_free,
    lists_page_by_cursor_and_find_patients_by_phone,
    patients_are_found_by_name_or_number_whatever_the_accents,
    appointment_lists_carry_the_names_to_show,
    calendar_feeds_parse_and_revoke,
    patients_book_only_what_availability_offers,
    practitioners_change_only_their_own_calendar,
    a_refused_booking_or_move_names_the_appointment_in_the_way,
    calendars_hear_of_every_change_live,
);

/// A clinic (Europe/Istanbul) with a practitioner working every day 09:00–17:00, a 30-minute
/// service with a 10-minute clean-up, and a patient.
pub struct Calendar {
    pub owner: User,
    pub practitioner: String,
    pub service: String,
    pub patient: String,
}

pub async fn calendar(app: &TestApp, slug: &str) -> Calendar {
    let owner = app.signup(&format!("owner@{slug}.com"), slug).await;
    let base = format!("/api/v1/clinics/{slug}");
    let day = json!(["09:00-17:00"]);
    let p = app
        .post_ok(
            &format!("{base}/practitioners"),
            Some(&owner.access),
            json!({"name": "Dr. Elif Şahin", "title": "Dt.", "languages": ["tr", "en"],
                   "working_hours": {"monday": day, "tuesday": day, "wednesday": day, "thursday": day,
                                     "friday": day, "saturday": day, "sunday": day}}),
            StatusCode::CREATED,
        )
        .await;
    let practitioner = p["id"].as_str().unwrap().to_string();
    let s = app
        .post_ok(
            &format!("{base}/services"),
            Some(&owner.access),
            json!({"name": {"en": "Cleaning", "tr": "Diş temizliği"}, "duration_minutes": 30,
                   "buffer_after_minutes": 10, "price": {"amount_minor": 150000, "currency": "try"},
                   "practitioner_ids": [practitioner]}),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(s["price"]["currency"], "TRY");
    let patient = app
        .post_ok(
            &format!("{base}/patients"),
            Some(&owner.access),
            json!({"name": "Ayşe Yılmaz", "phone": "+90 532 123 45 67", "language": "tr"}),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(patient["phone"], "+905321234567");
    Calendar {
        owner,
        practitioner,
        service: s["id"].as_str().unwrap().to_string(),
        patient: patient["id"].as_str().unwrap().to_string(),
    }
}

fn tomorrow() -> String {
    (Utc::now() + Duration::days(1))
        .format("%Y-%m-%d")
        .to_string()
}

async fn slots(app: &TestApp, slug: &str, c: &Calendar, day: &str) -> Vec<Value> {
    let path = format!(
        "/api/v1/clinics/{slug}/availability?service_id={}&from={day}&to={day}",
        c.service
    );
    let body = app
        .get_ok(&path, Some(&c.owner.access), StatusCode::OK)
        .await;
    assert_eq!(body["time_zone"], "Europe/Istanbul");
    body["slots"].as_array().unwrap().clone()
}

/// Staff bookings at `starts`, all sent at once: each answer's status, content type and body.
async fn book_at_once(
    app: &TestApp,
    c: &Calendar,
    starts: Vec<String>,
) -> Vec<(StatusCode, String, Value)> {
    let url = format!("{}/api/v1/clinics/clinic-a/appointments", app.base);
    let mut tasks = tokio::task::JoinSet::new();
    for start in starts {
        let (client, url, token, body) = (
            app.client.clone(),
            url.clone(),
            c.owner.access.clone(),
            booking(c, &start),
        );
        tasks.spawn(async move {
            let res = client
                .post(&url)
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = res.status();
            let ct = res.headers()["content-type"].to_str().unwrap().to_string();
            (status, ct, res.json::<Value>().await.unwrap())
        });
    }
    tasks.join_all().await
}

fn booking(c: &Calendar, starts_at: &str) -> Value {
    json!({"service_id": c.service, "practitioner_id": c.practitioner, "patient_id": c.patient, "starts_at": starts_at})
}

async fn a_clinic_sets_up_its_calendar_and_books(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let base = "/api/v1/clinics/clinic-a";

    // 09:00–17:00 Istanbul (UTC+3) is 06:00–14:00 UTC; a 30-minute visit on a 15-minute grid.
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    assert_eq!(offered.len(), 31);
    assert!(
        offered[0]["starts_at"]
            .as_str()
            .unwrap()
            .contains("T06:00:00"),
        "{}",
        offered[0]
    );
    assert_eq!(offered[0]["practitioner_id"], c.practitioner.as_str());

    let first = offered[0]["starts_at"].as_str().unwrap().to_string();
    let a = app
        .post_ok(
            &format!("{base}/appointments"),
            token,
            booking(&c, &first),
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(
        (
            a["status"].as_str(),
            a["source"].as_str(),
            a["sequence"].as_i64()
        ),
        (Some("confirmed"), Some("staff"), Some(0))
    );
    assert_eq!(
        a["price"]["amount_minor"], 150000,
        "the price is kept with the booking"
    );
    let id = a["id"].as_str().unwrap().to_string();

    // 06:00 is gone, and so are 06:15 and 06:30 (the 10-minute clean-up runs to 06:40).
    let after: Vec<String> = slots(&app, "clinic-a", &c, &tomorrow())
        .await
        .iter()
        .map(|s| s["starts_at"].as_str().unwrap().to_string())
        .collect();
    assert!(after[0].contains("T06:45:00"), "{after:?}");

    // Booking the same time again is refused with a problem naming the conflict.
    let res = app
        .post(&format!("{base}/appointments"), token, booking(&c, &first))
        .await;
    let problem = expect(res, StatusCode::CONFLICT).await;
    assert_eq!(problem["type"], "urn:frontdesk:problem:slot-taken");

    // Reschedule, then cancel; history and reminders follow.
    let later = offered[8]["starts_at"].as_str().unwrap().to_string();
    let moved = app
        .post_ok(
            &format!("{base}/appointments/{id}/reschedule"),
            token,
            json!({"starts_at": later}),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (moved["starts_at"].as_str(), moved["sequence"].as_i64()),
        (Some(later.as_str()), Some(1))
    );
    let detail = app
        .get_ok(&format!("{base}/appointments/{id}"), token, StatusCode::OK)
        .await;
    let actions: Vec<&str> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["created", "rescheduled"]);
    assert_eq!(
        detail["history"][0]["actor"]["account_id"],
        c.owner.account_id.as_str()
    );
    // Tomorrow's visit is under 24 hours away for some slots; the 2-hour reminder always exists.
    assert!(
        detail["reminders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["offset_minutes"] == 120)
    );
    let cancelled = app
        .post_ok(
            &format!("{base}/appointments/{id}/cancel"),
            token,
            json!({"by": "patient", "reason": "travelling"}),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (
            cancelled["status"].as_str(),
            cancelled["cancelled_by"].as_str()
        ),
        (Some("cancelled"), Some("patient"))
    );
    let detail = app
        .get_ok(&format!("{base}/appointments/{id}"), token, StatusCode::OK)
        .await;
    assert!(
        detail["reminders"].as_array().unwrap().is_empty(),
        "cancelling removes reminders"
    );
    // A cancelled appointment cannot be completed or moved.
    let problem = app
        .post_ok(
            &format!("{base}/appointments/{id}/complete"),
            token,
            json!({}),
            StatusCode::CONFLICT,
        )
        .await;
    assert_eq!(problem["type"], "urn:frontdesk:problem:invalid-transition");
    assert_eq!(
        problem["detail"],
        "a cancelled appointment cannot be completed"
    );

    // Bad input is named, field by field.
    let problem = app
        .post_ok(
            &format!("{base}/services"),
            token,
            json!({"name": {"xx": ""}, "duration_minutes": 2}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    let fields: BTreeSet<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, BTreeSet::from(["name.xx", "duration_minutes"]));
    let problem = app
        .post_ok(
            &format!("{base}/patients"),
            token,
            json!({"name": "X", "phone": "0532"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(problem["errors"][0]["field"], "phone");
    let problem = app
        .post_ok(
            &format!("{base}/appointments"),
            token,
            booking(&c, "2020-01-01T10:00:00Z"),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(problem["errors"][0]["field"], "starts_at");
    let problem = app
        .call(
            Method::PATCH,
            &format!("{base}/services/{}", c.service),
            token,
            Some(json!({"duration_minutes": "long"})),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert_eq!(problem["errors"][0]["field"], "duration_minutes");

    // A deactivated service cannot be booked or searched.
    app.call(
        Method::PATCH,
        &format!("{base}/services/{}", c.service),
        token,
        Some(json!({"active": false})),
        StatusCode::OK,
    )
    .await;
    let path = format!("{base}/availability?service_id={}", c.service);
    app.get_ok(&path, token, StatusCode::UNPROCESSABLE_ENTITY)
        .await;

    // A closure and time off remove availability.
    app.call(
        Method::PATCH,
        &format!("{base}/services/{}", c.service),
        token,
        Some(json!({"active": true})),
        StatusCode::OK,
    )
    .await;
    let closure = app
        .post_ok(
            &format!("{base}/closures"),
            token,
            json!({"first_day": tomorrow(), "reason": "Holiday"}),
            StatusCode::CREATED,
        )
        .await;
    assert!(slots(&app, "clinic-a", &c, &tomorrow()).await.is_empty());
    app.call(
        Method::DELETE,
        &format!("{base}/closures/{}", closure["id"].as_str().unwrap()),
        token,
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let day_start = offered[0]["starts_at"].as_str().unwrap();
    let start: DateTime<Utc> = day_start.parse().unwrap();
    app.post_ok(
        &format!("{base}/practitioners/{}/exceptions", c.practitioner),
        token,
        json!({"kind": "time_off", "starts_at": start, "ends_at": start + Duration::hours(4)}),
        StatusCode::CREATED,
    )
    .await;
    let left = slots(&app, "clinic-a", &c, &tomorrow()).await;
    assert!(
        left[0]["starts_at"].as_str().unwrap().contains("T10:00:00"),
        "{}",
        left[0]
    );
}

async fn fifty_simultaneous_bookings_leave_one(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let first = slots(&app, "clinic-a", &c, &tomorrow()).await[4]["starts_at"]
        .as_str()
        .unwrap()
        .to_string();
    let results = book_at_once(&app, &c, (0..50).map(|_| first.clone()).collect()).await;
    let created = results
        .iter()
        .filter(|(s, _, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(
        created, 1,
        "exactly one of 50 simultaneous bookings succeeds"
    );
    for (status, content_type, body) in &results {
        if *status != StatusCode::CREATED {
            assert_eq!(*status, StatusCode::CONFLICT, "{body}");
            assert_eq!(content_type, "application/problem+json");
            assert_eq!(body["type"], "urn:frontdesk:problem:slot-taken");
            assert!(
                body["detail"]
                    .as_str()
                    .unwrap()
                    .contains("already has an appointment"),
                "{body}"
            );
        }
    }
    let day = app
        .get_ok(
            &format!("/api/v1/clinics/clinic-a/appointments?day={}", tomorrow()),
            Some(&c.owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(day["items"].as_array().unwrap().len(), 1);
}

/// Fifty staff bookings at once of one practitioner, starting 10 minutes apart (a 30-minute
/// service with clean-up, so each overlaps its neighbours), raced many times: every answer
/// is a booking or the overlap's 409, never a 5xx (PostgreSQL's exclusion constraint
/// answered `deadlock detected` here), and no two bookings overlap.
async fn overlapping_simultaneous_bookings_never_fail_the_server(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    // FRONTDESK_RACE_RUNS=100 for the issue's figure; the suite runs fewer.
    let runs: i64 = std::env::var("FRONTDESK_RACE_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(12);
    let mut refused = 0;
    let mut created = 0;
    for run in 0..runs {
        // Runs spread over the booking horizon, 09:00 Istanbul onwards (06:00 UTC); each
        // cancels its bookings at the end so a later run on the same day starts afresh.
        let day = (Utc::now() + Duration::days(2 + run % 60)).date_naive();
        let opening = day.and_hms_opt(6, 0, 0).unwrap().and_utc();
        let starts = (0..50)
            .map(|i| (opening + Duration::minutes(10 * (i % 45))).to_rfc3339())
            .collect();
        let results = book_at_once(&app, &c, starts).await;
        let mut booked: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for (status, _, body) in &results {
            match *status {
                StatusCode::CREATED => {
                    booked.push((
                        body["starts_at"].as_str().unwrap().parse().unwrap(),
                        body["ends_at"].as_str().unwrap().parse().unwrap(),
                    ));
                    let id = body["id"].as_str().unwrap();
                    app.post_ok(
                        &format!("/api/v1/clinics/clinic-a/appointments/{id}/cancel"),
                        Some(&c.owner.access),
                        json!({"reason": "race test"}),
                        StatusCode::OK,
                    )
                    .await;
                }
                StatusCode::CONFLICT => refused += 1,
                other => panic!("run {run}: {other} {body}"),
            }
        }
        assert!(!booked.is_empty(), "run {run}: nothing was booked");
        created += booked.len();
        booked.sort();
        for pair in booked.windows(2) {
            assert!(pair[0].1 <= pair[1].0, "run {run}: overlapping {pair:?}");
        }
    }
    println!("{runs} runs of 50: {created} booked, {refused} refused with 409, none failed");
}

/// Far dates answer 422 naming the field, never 500 (SQLite compared the year 10000 as text
/// before 9999); staff keep to the booking horizon unless they say `beyond_horizon`.
async fn dates_at_the_edge_are_refused_naming_the_field(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let base = "/api/v1/clinics/clinic-a";
    for starts in [
        "9999-12-31T23:30:00Z",
        "9000-06-01T09:00:00Z",
        "2100-01-01T09:00:00Z",
    ] {
        let res = app
            .post(&format!("{base}/appointments"), token, booking(&c, starts))
            .await;
        let body = expect(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["errors"][0]["field"], "starts_at", "{starts}: {body}");
    }
    // Past the 90-day horizon: refused, unless staff say so.
    let far = (Utc::now() + Duration::days(200)).date_naive();
    let far = far.and_hms_opt(7, 0, 0).unwrap().and_utc().to_rfc3339();
    let res = app
        .post(&format!("{base}/appointments"), token, booking(&c, &far))
        .await;
    let body = expect(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "starts_at", "{body}");
    assert!(body.to_string().contains("beyond_horizon"), "{body}");
    let mut beyond = booking(&c, &far);
    beyond["beyond_horizon"] = json!(true);
    let booked = expect(
        app.post(&format!("{base}/appointments"), token, beyond)
            .await,
        StatusCode::CREATED,
    )
    .await;
    let id = booked["id"].as_str().unwrap();
    let res = app
        .post(
            &format!("{base}/appointments/{id}/reschedule"),
            token,
            json!({"starts_at": "9999-12-31T23:30:00Z"}),
        )
        .await;
    let body = expect(res, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(body["errors"][0]["field"], "starts_at", "{body}");
    // Query dates too.
    for query in [
        format!(
            "{base}/availability?service_id={}&from=9999-12-31",
            c.service
        ),
        format!("{base}/appointments?day=1500-01-01"),
        format!("{base}/appointments?from=9999-12-31T00:00:00Z"),
        format!("{base}/closures?from=3000-01-01"),
    ] {
        let res = app.get(&query, token).await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert!(
            body.to_string().contains("from 2000 up to 2100"),
            "{query}: {body}"
        );
    }
}

async fn idempotency_keys_replay_the_first_booking(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let url = format!("{}/api/v1/clinics/clinic-a/appointments", app.base);
    let send = |body: Value, key: &'static str| {
        app.client
            .post(&url)
            .bearer_auth(&c.owner.access)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first_slot = offered[2]["starts_at"].as_str().unwrap();
    let one = send(booking(&c, first_slot), "retry-1").await.unwrap();
    assert_eq!(one.status(), StatusCode::CREATED);
    assert!(one.headers().get("idempotent-replayed").is_none());
    let one: Value = one.json().await.unwrap();
    // The retry lists the same fields in another order and spacing.
    let reordered = format!(
        r#"{{ "starts_at": "{first_slot}", "patient_id": "{}", "practitioner_id": "{}", "service_id": "{}" }}"#,
        c.patient, c.practitioner, c.service
    );
    let again = app
        .client
        .post(&url)
        .bearer_auth(&c.owner.access)
        .header("Idempotency-Key", "retry-1")
        .header("content-type", "application/json")
        .body(reordered)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(one["id"], again["id"]);
    // The same key with another request is an error, not a silent replay.
    let other = send(
        booking(&c, offered[10]["starts_at"].as_str().unwrap()),
        "retry-1",
    )
    .await
    .unwrap();
    let problem = expect(other, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(problem["errors"][0]["field"], "Idempotency-Key");
    let list = app
        .get_ok(
            "/api/v1/clinics/clinic-a/appointments",
            Some(&c.owner.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

async fn lapsed_holds_are_swept_free(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let at = offered[0]["starts_at"].as_str().unwrap();
    let mut body = booking(&c, at);
    body["status"] = json!("held");
    let held = app
        .post_ok(
            "/api/v1/clinics/clinic-a/appointments",
            token,
            body,
            StatusCode::CREATED,
        )
        .await;
    assert_eq!(held["status"], "held");
    let expires: DateTime<Utc> = held["hold_expires_at"].as_str().unwrap().parse().unwrap();
    assert!(
        (expires - Utc::now() - Duration::minutes(10))
            .num_seconds()
            .abs()
            < 30,
        "default hold is 10 minutes"
    );
    assert_ne!(
        slots(&app, "clinic-a", &c, &tomorrow()).await[0]["starts_at"],
        offered[0]["starts_at"]
    );

    // The sweep (which `serve` runs every few seconds) releases it once it has lapsed.
    let swept =
        frontdesk::sweeper::sweep_once(&*app.state.store, Utc::now() + Duration::minutes(11))
            .await
            .unwrap();
    assert_eq!(swept.holds_released, 1);
    let id = held["id"].as_str().unwrap();
    let detail = app
        .get_ok(
            &format!("/api/v1/clinics/clinic-a/appointments/{id}"),
            token,
            StatusCode::OK,
        )
        .await;
    assert_eq!(detail["status"], "expired");
    assert_eq!(detail["history"][1]["actor"]["kind"], "system");
    assert_eq!(
        slots(&app, "clinic-a", &c, &tomorrow()).await[0]["starts_at"],
        offered[0]["starts_at"]
    );
    let problem = app
        .post_ok(
            &format!("/api/v1/clinics/clinic-a/appointments/{id}/confirm"),
            token,
            json!({}),
            StatusCode::CONFLICT,
        )
        .await;
    assert_eq!(problem["type"], "urn:frontdesk:problem:invalid-transition");

    // The background task does the same on its own: a hold whose time ran out while the
    // server was down (written straight to the store) is released by the next sweep.
    let clinic = clinic_id(&app, &c).await;
    let start: DateTime<Utc> = offered[8]["starts_at"].as_str().unwrap().parse().unwrap();
    let lapsed = frontdesk_store::NewAppointment {
        busy_until: start + Duration::minutes(40),
        status: AppointmentStatus::Held,
        hold_expires_at: Some(Utc::now() - Duration::seconds(1)),
        source: AppointmentSource::Assistant,
        ..frontdesk_store::testing::appointment(
            ServiceId::from_uuid(c.service.parse().unwrap()),
            PractitionerId::from_uuid(c.practitioner.parse().unwrap()),
            PatientId::from_uuid(c.patient.parse().unwrap()),
            start,
            30,
        )
    };
    app.state
        .store
        .book(clinic, &lapsed, Utc::now() - Duration::minutes(10))
        .await
        .unwrap();
    let task = frontdesk::sweeper::spawn(
        app.state.store.clone(),
        app.state.knowledge.clone(),
        std::time::Duration::from_millis(20),
        frontdesk::pruning::JobRetention::default(),
    );
    let path = format!("/api/v1/clinics/clinic-a/appointments/{}", lapsed.id);
    let mut status = Value::Null;
    for _ in 0..100 {
        status = app.get_ok(&path, token, StatusCode::OK).await["status"].clone();
        if status == "expired" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    task.abort();
    assert_eq!(
        status, "expired",
        "the background sweep released the lapsed hold"
    );
}

async fn clinic_id(app: &TestApp, c: &Calendar) -> ClinicId {
    let account = AccountId::from_uuid(c.owner.account_id.parse().unwrap());
    let slug = Slug::parse("slug", "clinic-a").unwrap();
    app.state
        .store
        .clinic_access(account, &slug)
        .await
        .unwrap()
        .unwrap()
        .0
        .id
}

async fn lists_page_by_cursor_and_find_patients_by_phone(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    for slot in offered.iter().step_by(4).take(5) {
        app.post_ok(
            "/api/v1/clinics/clinic-a/appointments",
            token,
            booking(&c, slot["starts_at"].as_str().unwrap()),
            StatusCode::CREATED,
        )
        .await;
    }
    let mut seen = vec![];
    let mut path = format!(
        "/api/v1/clinics/clinic-a/appointments?week={}&limit=2",
        tomorrow()
    );
    loop {
        let page = app.get_ok(&path, token, StatusCode::OK).await;
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["starts_at"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                path = format!(
                    "/api/v1/clinics/clinic-a/appointments?week={}&limit=2&cursor={cursor}",
                    tomorrow()
                )
            }
            None => break,
        }
    }
    let expected: Vec<String> = offered
        .iter()
        .step_by(4)
        .take(5)
        .map(|s| s["starts_at"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(seen, expected);
    let by_status = app
        .get_ok(
            &format!(
                "/api/v1/clinics/clinic-a/appointments?status=cancelled&patient_id={}",
                c.patient
            ),
            token,
            StatusCode::OK,
        )
        .await;
    assert!(by_status["items"].as_array().unwrap().is_empty());
    app.get_ok(
        "/api/v1/clinics/clinic-a/appointments?cursor=nope",
        token,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    app.get_ok(
        "/api/v1/clinics/clinic-a/appointments?status=lost",
        token,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;

    // A parent and a child share a phone; looking the phone up finds both, in any format.
    app.post_ok(
        "/api/v1/clinics/clinic-a/patients",
        token,
        json!({"name": "Can Yılmaz", "phone": "+905321234567", "date_of_birth": "2018-04-02"}),
        StatusCode::CREATED,
    )
    .await;
    let found = app
        .get_ok(
            "/api/v1/clinics/clinic-a/patients?phone=%2B90%20532%20123%2045%2067",
            token,
            StatusCode::OK,
        )
        .await;
    assert_eq!(found["items"].as_array().unwrap().len(), 2);
    let id = c.patient.as_str();
    let changed = app
        .call(
            Method::PATCH,
            &format!("/api/v1/clinics/clinic-a/patients/{id}"),
            token,
            Some(json!({"notes": "Prefers mornings"})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        (changed["notes"].as_str(), changed["name"].as_str()),
        (Some("Prefers mornings"), Some("Ayşe Yılmaz"))
    );
}

/// `?q=` finds patients by words of their name in order (any case, any accents) or by part
/// of their number; within one clinic only.
async fn patients_are_found_by_name_or_number_whatever_the_accents(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    for (name, phone) in [
        ("Şükrü Işık", "+905551112233"),
        ("María José Núñez", "+34611222333"),
        ("João da Conceição", "+351912345678"),
        ("Susan Kirk", "+447700900123"),
    ] {
        app.post_ok(
            "/api/v1/clinics/clinic-a/patients",
            token,
            json!({"name": name, "phone": phone}),
            StatusCode::CREATED,
        )
        .await;
    }
    let other = app.signup("owner@b.test", "clinic-b").await;
    app.post_ok(
        "/api/v1/clinics/clinic-b/patients",
        Some(other.access.as_str()),
        json!({"name": "Şükrü Başka", "phone": "+905551119999"}),
        StatusCode::CREATED,
    )
    .await;
    let names = |q: &'static str| {
        let app = &app;
        async move {
            let page = app
                .get_ok(
                    &format!("/api/v1/clinics/clinic-a/patients?q={q}"),
                    token,
                    StatusCode::OK,
                )
                .await;
            let mut names: Vec<String> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_string())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(names("sukru").await, ["Şükrü Işık"]);
    assert_eq!(
        names("%C5%9E%C3%9CKR%C3%9C%20I%C5%9EIK").await,
        ["Şükrü Işık"]
    );
    assert_eq!(names("maria%20nunez").await, ["María José Núñez"]);
    assert_eq!(names("conceicao").await, ["João da Conceição"]);
    assert_eq!(names("JOAO").await, ["João da Conceição"]);
    assert!(names("nunez%20maria").await.is_empty(), "words in order");
    // Part of a number, however it is written.
    assert_eq!(names("555%20111").await, ["Şükrü Işık"]);
    assert_eq!(names("%2B34%20611").await, ["María José Núñez"]);
    assert_eq!(names("(0)%20912-345").await, Vec::<String>::new());
    assert_eq!(names("912-345").await, ["João da Conceição"]);
    // Only a name or number: a letter of one is not a digit of the other.
    assert!(names("zz").await.is_empty());
    for bad in ["x", "%20%20"] {
        let problem = app
            .get_ok(
                &format!("/api/v1/clinics/clinic-a/patients?q={bad}"),
                token,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        assert_eq!(problem["errors"][0]["field"], "q", "{bad:?}: {problem}");
    }
}

/// Each appointment of a list carries its service's name (in the clinic's default language,
/// else the first of its languages the service is named in, else any; and every name it has),
/// its practitioner's and its patient's, read with it in one query.
async fn appointment_lists_carry_the_names_to_show(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let base = "/api/v1/clinics/clinic-a";
    // The clinic speaks Turkish (its default), Spanish and English.
    app.call(
        Method::PATCH,
        base,
        token,
        Some(json!({"languages": ["tr", "es", "en"]})),
        StatusCode::OK,
    )
    .await;
    let day = json!(["09:00-17:00"]);
    let hours = json!({"monday": day, "tuesday": day, "wednesday": day, "thursday": day,
                       "friday": day, "saturday": day, "sunday": day});
    let second = app
        .post_ok(
            &format!("{base}/practitioners"),
            token,
            json!({"name": "Dr. Kemal Aydın", "working_hours": hours}),
            StatusCode::CREATED,
        )
        .await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut services = vec![c.service.clone()];
    for name in [
        json!({"en": "Whitening", "es": "Blanqueamiento"}),
        json!({"pt": "Consulta"}),
    ] {
        let s = app
            .post_ok(
                &format!("{base}/services"),
                token,
                json!({"name": name, "duration_minutes": 30, "practitioner_ids": [second]}),
                StatusCode::CREATED,
            )
            .await;
        services.push(s["id"].as_str().unwrap().to_string());
    }
    let mut patients = vec![c.patient.clone()];
    for name in ["Lucía Fernández", "João Conceição"] {
        let p = app
            .post_ok(
                &format!("{base}/patients"),
                token,
                json!({"name": name}),
                StatusCode::CREATED,
            )
            .await;
        patients.push(p["id"].as_str().unwrap().to_string());
    }
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let practitioners = [c.practitioner.as_str(), &second, &second];
    for i in 0..3 {
        app.post_ok(
            &format!("{base}/appointments"),
            token,
            json!({"service_id": services[i], "practitioner_id": practitioners[i],
                   "patient_id": patients[i], "starts_at": offered[i * 4]["starts_at"]}),
            StatusCode::CREATED,
        )
        .await;
    }
    let page = app
        .get_ok(
            &format!("{base}/appointments?day={}", tomorrow()),
            token,
            StatusCode::OK,
        )
        .await;
    let items = page["items"].as_array().unwrap();
    let shown: Vec<(&Value, &Value, &Value, &Value, &Value)> = items
        .iter()
        .map(|a| {
            (
                &a["service_name"],
                &a["service_names"],
                &a["practitioner_name"],
                &a["patient_name"],
                &a["service_id"],
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            (
                &json!("Diş temizliği"),
                &json!({"en": "Cleaning", "tr": "Diş temizliği"}),
                &json!("Dr. Elif Şahin"),
                &json!("Ayşe Yılmaz"),
                &json!(services[0]),
            ),
            (
                &json!("Blanqueamiento"),
                &json!({"en": "Whitening", "es": "Blanqueamiento"}),
                &json!("Dr. Kemal Aydın"),
                &json!("Lucía Fernández"),
                &json!(services[1]),
            ),
            (
                &json!("Consulta"),
                &json!({"pt": "Consulta"}),
                &json!("Dr. Kemal Aydın"),
                &json!("João Conceição"),
                &json!(services[2]),
            ),
        ],
        "{page}"
    );
    // Beside the names, the appointment as a single one reads (which adds its history).
    let one = app
        .get_ok(
            &format!("{base}/appointments/{}", items[0]["id"].as_str().unwrap()),
            token,
            StatusCode::OK,
        )
        .await;
    let names = [
        "service_name",
        "service_names",
        "practitioner_name",
        "patient_name",
    ];
    for (field, value) in items[0].as_object().unwrap() {
        if !names.contains(&field.as_str()) {
            assert_eq!(&one[field], value, "{field}");
        }
    }
    assert!(items[0]["starts_at"].is_string() && items[0]["status"] == "confirmed");
    // A renamed patient shows under the new name (read, not copied at booking).
    app.call(
        Method::PATCH,
        &format!("{base}/patients/{}", patients[1]),
        token,
        Some(json!({"name": "Lucía Fernández García"})),
        StatusCode::OK,
    )
    .await;
    let page = app
        .get_ok(
            &format!("{base}/appointments?patient_id={}", patients[1]),
            token,
            StatusCode::OK,
        )
        .await;
    assert_eq!(page["items"][0]["patient_name"], "Lucía Fernández García");
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

async fn calendar_feeds_parse_and_revoke(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let kept = app
        .post_ok(
            "/api/v1/clinics/clinic-a/appointments",
            token,
            booking(&c, offered[0]["starts_at"].as_str().unwrap()),
            StatusCode::CREATED,
        )
        .await;
    let dropped = app
        .post_ok(
            "/api/v1/clinics/clinic-a/appointments",
            token,
            booking(&c, offered[8]["starts_at"].as_str().unwrap()),
            StatusCode::CREATED,
        )
        .await;
    let dropped_id = dropped["id"].as_str().unwrap();
    // No body at all: cancelled by the clinic, no reason.
    let cancelled = app
        .call(
            Method::POST,
            &format!("/api/v1/clinics/clinic-a/appointments/{dropped_id}/cancel"),
            token,
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(cancelled["cancelled_by"], "clinic");
    // A body that is there must still be JSON.
    let res = app
        .client
        .post(format!(
            "{}/api/v1/clinics/clinic-a/appointments/{dropped_id}/cancel",
            app.base
        ))
        .bearer_auth(&c.owner.access)
        .body("reason=ill")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let feed = app
        .post_ok(
            "/api/v1/clinics/clinic-a/calendar-feeds",
            token,
            json!({"practitioner_id": c.practitioner, "label": "Elif's phone"}),
            StatusCode::CREATED,
        )
        .await;
    let url = feed["url"].as_str().unwrap();
    let path = &url[url.find("/calendar/").unwrap()..];
    let res = app.get(path, None).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let text = res.text().await.unwrap();

    // An independent parser reads it.
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        prop(&calendar.properties, "X-WR-TIMEZONE"),
        "Europe/Istanbul"
    );
    assert_eq!(calendar.events.len(), 2);
    let event_of = |id: &str| {
        calendar
            .events
            .iter()
            .find(|e| prop(&e.properties, "UID") == format!("{id}@frontdesk"))
            .unwrap()
    };
    let kept_event = event_of(kept["id"].as_str().unwrap());
    let start: DateTime<Utc> = kept["starts_at"].as_str().unwrap().parse().unwrap();
    let dtstart = prop(&kept_event.properties, "DTSTART");
    assert_eq!(dtstart, start.format("%Y%m%dT%H%M%SZ").to_string());
    // 09:00 in Istanbul is 06:00 UTC.
    assert!(dtstart.ends_with("T060000Z"), "{dtstart}");
    assert_eq!(
        prop(&kept_event.properties, "DTEND"),
        (start + Duration::minutes(30))
            .format("%Y%m%dT%H%M%SZ")
            .to_string()
    );
    assert_eq!(prop(&kept_event.properties, "STATUS"), "CONFIRMED");
    assert_eq!(
        prop(&kept_event.properties, "SUMMARY"),
        "Diş temizliği — Ayşe Y."
    );
    let dropped_event = event_of(dropped_id);
    assert_eq!(prop(&dropped_event.properties, "STATUS"), "CANCELLED");
    assert_eq!(prop(&dropped_event.properties, "SEQUENCE"), "1");

    // Revoked: the URL stops working at once.
    let id = feed["id"].as_str().unwrap();
    app.call(
        Method::DELETE,
        &format!("/api/v1/clinics/clinic-a/calendar-feeds/{id}"),
        token,
        None,
        StatusCode::NO_CONTENT,
    )
    .await;
    let res = app.get(path, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = app.get("/calendar/not-a-token.ics", None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn patients_book_only_what_availability_offers(app: TestApp) {
    use frontdesk::service::scheduling::{BookingRequest, book};
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let account = AccountId::from_uuid(c.owner.account_id.parse().unwrap());
    let slug = Slug::parse("slug", "clinic-a").unwrap();
    let clinic = app
        .state
        .store
        .clinic_access(account, &slug)
        .await
        .unwrap()
        .unwrap()
        .0;
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let request = |starts_at: &str| BookingRequest {
        service_id: ServiceId::from_uuid(c.service.parse().unwrap()),
        practitioner_id: None,
        patient_id: PatientId::from_uuid(c.patient.parse().unwrap()),
        starts_at: starts_at.parse().unwrap(),
        hold: true,
        kind: AppointmentKind::InPerson,
        source: AppointmentSource::Assistant,
        notes: String::new(),
        actor: Actor {
            kind: frontdesk_domain::scheduling::ActorKind::Assistant,
            account_id: None,
        },
        idempotency: None,
        beyond_horizon: false,
    };
    // 03:00 in Istanbul is outside working hours: staff could book it, the assistant cannot.
    let night = offered[0]["starts_at"]
        .as_str()
        .unwrap()
        .replace("T06:00:00", "T00:00:00");
    let err = book(&*app.state.store, &clinic, request(&night), Utc::now())
        .await
        .unwrap_err();
    assert!(
        matches!(err, frontdesk::problem::ApiError::SlotTaken(_)),
        "{err:?}"
    );
    // An offered slot: held for the patient, with the practitioner availability chose.
    let at = offered[3]["starts_at"].as_str().unwrap();
    let held = book(&*app.state.store, &clinic, request(at), Utc::now())
        .await
        .unwrap()
        .appointment;
    assert_eq!(
        (held.status, held.source),
        (AppointmentStatus::Held, AppointmentSource::Assistant)
    );
    assert_eq!(held.practitioner_id.to_string(), c.practitioner);
    // Held by the assistant, it can move 15 minutes later, into part of its own time.
    let later: DateTime<Utc> = offered[4]["starts_at"].as_str().unwrap().parse().unwrap();
    let assistant = Actor {
        kind: frontdesk_domain::scheduling::ActorKind::Assistant,
        account_id: None,
    };
    let moved = frontdesk::service::scheduling::reschedule(
        &*app.state.store,
        &clinic,
        held.id,
        frontdesk::service::scheduling::NewTime {
            starts_at: later,
            practitioner_id: None,
            beyond_horizon: false,
        },
        assistant,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(moved.starts_at, later);

    // A service only staff may book is not offered to patients at all.
    let path = format!("/api/v1/clinics/clinic-a/services/{}", c.service);
    app.call(
        Method::PATCH,
        &path,
        token,
        Some(json!({"patient_bookable": false})),
        StatusCode::OK,
    )
    .await;
    let err = book(
        &*app.state.store,
        &clinic,
        request(offered[10]["starts_at"].as_str().unwrap()),
        Utc::now(),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, frontdesk::problem::ApiError::Validation(_)),
        "{err:?}"
    );
    let patient_view = format!(
        "/api/v1/clinics/clinic-a/availability?service_id={}&patient_facing=true",
        c.service
    );
    app.get_ok(&patient_view, token, StatusCode::UNPROCESSABLE_ENTITY)
        .await;
}

async fn practitioners_change_only_their_own_calendar(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let owner = Some(c.owner.access.as_str());
    let doc = app
        .join(&c.owner, "clinic-a", "doc@clinic-a.com", "practitioner")
        .await;
    let base = "/api/v1/clinics/clinic-a";
    // Linking needs an account that is a member; a stranger's id is refused.
    let path = format!("{base}/practitioners/{}", c.practitioner);
    let problem = app
        .call(
            Method::PATCH,
            &path,
            owner,
            Some(json!({"account_id": uuid::Uuid::now_v7()})),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    assert!(
        problem["detail"].as_str().unwrap().contains("not a member"),
        "{problem}"
    );
    app.call(
        Method::PATCH,
        &path,
        owner,
        Some(json!({"account_id": doc.account_id})),
        StatusCode::OK,
    )
    .await;
    // A colleague the doctor is not.
    let other = app
        .post_ok(
            &format!("{base}/practitioners"),
            owner,
            json!({"name": "Dr. Other", "working_hours": {"monday": ["09:00-17:00"]}}),
            StatusCode::CREATED,
        )
        .await;
    let offered = slots(&app, "clinic-a", &c, &tomorrow()).await;
    let at = offered[2]["starts_at"].as_str().unwrap();

    let mine = app
        .post_ok(
            &format!("{base}/appointments"),
            Some(&doc.access),
            booking(&c, at),
            StatusCode::CREATED,
        )
        .await;
    let mut theirs = booking(&c, at);
    theirs["practitioner_id"] = other["id"].clone();
    app.post_ok(
        &format!("{base}/appointments"),
        Some(&doc.access),
        theirs.clone(),
        StatusCode::FORBIDDEN,
    )
    .await;
    // The owner books for the colleague (who performs nothing yet, so add the service first).
    let service_path = format!("{base}/services/{}", c.service);
    let ids = json!([c.practitioner, other["id"]]);
    app.call(
        Method::PATCH,
        &service_path,
        owner,
        Some(json!({"practitioner_ids": ids})),
        StatusCode::OK,
    )
    .await;
    theirs["starts_at"] = json!(format!("{}T09:00:00Z", next_monday()));
    let colleague = app
        .post_ok(
            &format!("{base}/appointments"),
            owner,
            theirs,
            StatusCode::CREATED,
        )
        .await;

    // The doctor sees the whole calendar but changes only their own.
    let all = app
        .get_ok(
            &format!("{base}/appointments"),
            Some(&doc.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let cancel = |id: &Value| format!("{base}/appointments/{}/cancel", id.as_str().unwrap());
    app.post_ok(
        &cancel(&colleague["id"]),
        Some(&doc.access),
        json!({}),
        StatusCode::FORBIDDEN,
    )
    .await;
    let done = app
        .post_ok(
            &cancel(&mine["id"]),
            Some(&doc.access),
            json!({}),
            StatusCode::OK,
        )
        .await;
    assert_eq!(done["status"], "cancelled");
}

fn next_monday() -> String {
    use chrono::Datelike;
    let today = Utc::now().date_naive();
    let ahead = 7 - i64::from(today.weekday().num_days_from_monday());
    (today + Duration::days(ahead))
        .format("%Y-%m-%d")
        .to_string()
}

/// A 409 on booking or moving names the appointments in the way (patient, service, time), so
/// the calendar can say who holds the time; a cancelled appointment holds none.
async fn a_refused_booking_or_move_names_the_appointment_in_the_way(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let base = "/api/v1/clinics/clinic-a";
    let day = tomorrow();
    let at = |hm: &str| format!("{day}T{hm}:00Z");
    // Ayşe at 07:00–07:30 UTC (10:00 in Istanbul), clean-up to 07:40.
    let held = app
        .post_ok(
            &format!("{base}/appointments"),
            token,
            booking(&c, &at("07:00")),
            StatusCode::CREATED,
        )
        .await;
    let other = app
        .post_ok(
            &format!("{base}/patients"),
            token,
            json!({"name": "Mehmet Demir", "phone": "+90 532 000 00 01"}),
            StatusCode::CREATED,
        )
        .await;
    let mut later = booking(&c, &at("09:00"));
    later["patient_id"] = other["id"].clone();
    let moving = app
        .post_ok(
            &format!("{base}/appointments"),
            token,
            later,
            StatusCode::CREATED,
        )
        .await;
    let named = |problem: &Value| -> Vec<String> {
        problem["conflicts"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["appointment_id"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    // Booking into its clean-up, and moving the other appointment onto it.
    for (res, what) in [
        (
            app.post(
                &format!("{base}/appointments"),
                token,
                booking(&c, &at("07:30")),
            )
            .await,
            "booking",
        ),
        (
            app.post(
                &format!(
                    "{base}/appointments/{}/reschedule",
                    moving["id"].as_str().unwrap()
                ),
                token,
                json!({"starts_at": at("06:45")}),
            )
            .await,
            "move",
        ),
    ] {
        let problem = expect(res, StatusCode::CONFLICT).await;
        assert_eq!(
            problem["type"], "urn:frontdesk:problem:slot-taken",
            "{what}"
        );
        assert_eq!(
            named(&problem),
            [held["id"].as_str().unwrap()],
            "{what}: {problem}"
        );
        let conflict = &problem["conflicts"][0];
        assert_eq!(conflict["patient_name"], "Ayşe Yılmaz", "{what}");
        assert_eq!(
            conflict["service_name"], "Diş temizliği",
            "{what}: the clinic's language"
        );
        assert_eq!(conflict["starts_at"], held["starts_at"], "{what}");
        let detail = problem["detail"].as_str().unwrap();
        assert!(
            detail.contains("Ayşe Yılmaz") && detail.contains("10:00"),
            "{what}: in the clinic's time: {detail}"
        );
    }
    // Moving an appointment a little within its own time is not a conflict with itself.
    app.post_ok(
        &format!(
            "{base}/appointments/{}/reschedule",
            moving["id"].as_str().unwrap()
        ),
        token,
        json!({"starts_at": at("09:15")}),
        StatusCode::OK,
    )
    .await;
    // A cancelled appointment is in nobody's way.
    app.post_ok(
        &format!(
            "{base}/appointments/{}/cancel",
            held["id"].as_str().unwrap()
        ),
        token,
        json!({"reason": "patient called"}),
        StatusCode::OK,
    )
    .await;
    app.post_ok(
        &format!("{base}/appointments"),
        token,
        booking(&c, &at("07:30")),
        StatusCode::CREATED,
    )
    .await;
}

/// Every change to an appointment reaches the clinic's live stream as an `appointment`
/// event (booked, moved, status), and another clinic's stream hears none of it.
async fn calendars_hear_of_every_change_live(app: TestApp) {
    let c = calendar(&app, "clinic-a").await;
    let token = Some(c.owner.access.as_str());
    let base = "/api/v1/clinics/clinic-a";
    let stranger = app.signup("owner@clinic-b.com", "clinic-b").await;
    let open = |slug: &str, access: &str| {
        app.client
            .get(format!("{}/api/v1/clinics/{slug}/inbox/events", app.base))
            .bearer_auth(access.to_string())
            .send()
    };
    let mut stream = open("clinic-a", &c.owner.access).await.unwrap();
    let mut theirs = open("clinic-b", &stranger.access).await.unwrap();
    let day = tomorrow();
    let a = app
        .post_ok(
            &format!("{base}/appointments"),
            token,
            booking(&c, &format!("{day}T07:00:00Z")),
            StatusCode::CREATED,
        )
        .await;
    let id = a["id"].as_str().unwrap();
    app.post_ok(
        &format!("{base}/appointments/{id}/reschedule"),
        token,
        json!({"starts_at": format!("{day}T08:00:00Z")}),
        StatusCode::OK,
    )
    .await;
    app.post_ok(
        &format!("{base}/appointments/{id}/cancel"),
        token,
        json!({"reason": "moved away"}),
        StatusCode::OK,
    )
    .await;
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while seen.matches("event: appointment").count() < 3 {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("appointment events arrive")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let events: Vec<Value> = seen
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .filter_map(|d| serde_json::from_str::<Value>(d).ok())
        .filter(|e| e["kind"] == "appointment")
        .collect();
    let story: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            (
                e["status"].as_str().unwrap().to_string(),
                e["starts_at"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        story
            .iter()
            .map(|(s, t)| (s.as_str(), &t[11..16]))
            .collect::<Vec<_>>(),
        [
            ("confirmed", "07:00"),
            ("confirmed", "08:00"),
            ("cancelled", "08:00")
        ],
        "{seen}"
    );
    assert!(
        events
            .iter()
            .all(|e| e["appointment_id"] == id && e["practitioner_id"] == c.practitioner.as_str())
    );
    let quiet = tokio::time::timeout(std::time::Duration::from_millis(300), theirs.chunk()).await;
    if let Ok(Ok(Some(chunk))) = quiet {
        assert!(
            !String::from_utf8_lossy(&chunk).contains("appointment"),
            "leaked across clinics"
        );
    }
}
