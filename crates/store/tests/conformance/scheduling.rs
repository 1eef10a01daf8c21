//! Scheduling stories, on both backends: catalog, patients, booking without double booking,
//! idempotency, holds, history, reminders, feeds, and clinic isolation.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_domain::scheduling::{
    Actor, AppointmentStatus, CancelledBy, Closure, ExceptionKind, PatientDetails,
    PractitionerDetails, Price, ScheduleException, SchedulingPolicy, ServiceDetails, StatusChange,
};
use frontdesk_domain::{
    CalendarFeedId, ClinicId, ClosureId, ExceptionId, PatientId, PractitionerId, ServiceId,
};
use frontdesk_store::{
    AppointmentFilter, CalendarFeed, NewAppointment, PatientFilter, Reschedule, Store, StoreError,
    testing,
};

use super::clinic_with_owner;

on_both_backends!(
    catalog_round_trips_and_refuses_foreign_ids,
    patients_share_phones_and_page_by_cursor,
    fifty_bookings_of_one_slot_leave_exactly_one,
    buffers_keep_neighbours_apart,
    idempotent_bookings_replay_the_first_result,
    lapsed_holds_free_the_slot,
    changes_keep_history_and_move_reminders,
    appointments_list_by_filter_and_cursor,
    calendar_feeds_open_by_token_until_revoked,
);

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A clinic with one practitioner, one 30-minute service (10 minutes' buffer after) and
/// one patient.
struct Setup {
    clinic: ClinicId,
    practitioner: PractitionerId,
    service: ServiceId,
    patient: PatientId,
}

async fn setup(store: &dyn Store, slug: &str) -> Setup {
    let (clinic, _) = clinic_with_owner(store, slug, &format!("owner@{slug}.com")).await;
    let practitioner = PractitionerId::new();
    let details: PractitionerDetails = serde_json::from_value(serde_json::json!({
        "name": "Dr. Ana Costa", "languages": ["pt", "en"],
        "working_hours": {"monday": ["09:00-13:00", "14:00-18:00"]}
    }))
    .unwrap();
    store
        .create_practitioner(clinic.id, practitioner, &details.validated().unwrap())
        .await
        .unwrap();
    let service = ServiceId::new();
    let details = ServiceDetails {
        name: [("en".to_string(), "Cleaning".to_string())].into(),
        aliases: vec!["scaling".into()],
        description: String::new(),
        duration_minutes: 30,
        price: Some(Price {
            amount_minor: 15000,
            currency: "EUR".into(),
        }),
        buffer_before_minutes: 0,
        buffer_after_minutes: 10,
        active: true,
        patient_bookable: true,
        practitioner_ids: vec![practitioner],
    };
    store
        .create_service(clinic.id, service, &details)
        .await
        .unwrap();
    let patient = PatientId::new();
    store
        .create_patient(
            clinic.id,
            patient,
            &patient_details("Ayşe", "+905321234567"),
            Utc::now(),
        )
        .await
        .unwrap();
    Setup {
        clinic: clinic.id,
        practitioner,
        service,
        patient,
    }
}

fn patient_details(name: &str, phone: &str) -> PatientDetails {
    PatientDetails {
        name: name.into(),
        phone: Some(phone.into()),
        email: None,
        language: None,
        date_of_birth: NaiveDate::from_ymd_opt(1990, 5, 17),
        notes: String::new(),
    }
}

fn booking(s: &Setup, start: DateTime<Utc>, status: AppointmentStatus) -> NewAppointment {
    NewAppointment {
        busy_until: start + Duration::minutes(40),
        status,
        hold_expires_at: (status == AppointmentStatus::Held)
            .then(|| Utc::now() + Duration::minutes(10)),
        price: Some(Price {
            amount_minor: 15000,
            currency: "EUR".into(),
        }),
        ..testing::appointment(s.service, s.practitioner, s.patient, start, 30)
    }
}

async fn catalog_round_trips_and_refuses_foreign_ids(store: &dyn Store) {
    let a = setup(store, "clinic-a").await;
    let b = setup(store, "clinic-b").await;

    assert_eq!(
        store.scheduling_policy(a.clinic).await.unwrap(),
        SchedulingPolicy::default()
    );
    let policy = SchedulingPolicy {
        slot_grid_minutes: 30,
        ..SchedulingPolicy::default()
    };
    store
        .set_scheduling_policy(a.clinic, &policy)
        .await
        .unwrap();
    store
        .set_scheduling_policy(a.clinic, &policy)
        .await
        .unwrap();
    assert_eq!(store.scheduling_policy(a.clinic).await.unwrap(), policy);
    assert_eq!(
        store.scheduling_policy(b.clinic).await.unwrap(),
        SchedulingPolicy::default()
    );

    let service = store.service(a.clinic, a.service).await.unwrap().unwrap();
    assert_eq!(service.details.practitioner_ids, [a.practitioner]);
    assert_eq!(service.details.price.as_ref().unwrap().amount_minor, 15000);
    assert!(
        store.service(b.clinic, a.service).await.unwrap().is_none(),
        "other clinic's id"
    );

    // A service of clinic A cannot name clinic B's practitioner.
    let mut details = service.details.clone();
    details.practitioner_ids.push(b.practitioner);
    let err = store
        .update_service(a.clinic, a.service, &details)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownReference(_)), "{err:?}");
    assert_eq!(
        store.service(a.clinic, a.service).await.unwrap().unwrap(),
        service,
        "unchanged"
    );
    let err = store
        .update_service(b.clinic, a.service, &service.details)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound | StoreError::UnknownReference(_)),
        "{err:?}"
    );

    let mut p = store
        .practitioner(a.clinic, a.practitioner)
        .await
        .unwrap()
        .unwrap();
    p.details.title = "Dr.".into();
    let updated = store
        .update_practitioner(a.clinic, a.practitioner, &p.details)
        .await
        .unwrap();
    assert_eq!(updated.details.title, "Dr.");
    assert_eq!(store.practitioners(a.clinic).await.unwrap().len(), 1);
    assert!(
        store
            .practitioner(b.clinic, a.practitioner)
            .await
            .unwrap()
            .is_none()
    );

    let off = ScheduleException {
        id: ExceptionId::new(),
        practitioner_id: a.practitioner,
        kind: ExceptionKind::TimeOff,
        starts_at: at("2026-12-01T00:00:00Z"),
        ends_at: at("2026-12-03T00:00:00Z"),
        note: "Congress".into(),
    };
    store.add_exception(a.clinic, &off).await.unwrap();
    let foreign = ScheduleException {
        id: ExceptionId::new(),
        ..off.clone()
    };
    assert!(matches!(
        store.add_exception(b.clinic, &foreign).await.unwrap_err(),
        StoreError::UnknownReference(_)
    ));
    let found = store
        .exceptions(
            a.clinic,
            None,
            at("2026-12-02T00:00:00Z"),
            at("2026-12-10T00:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(found, std::slice::from_ref(&off));
    assert!(
        store
            .exceptions(
                b.clinic,
                None,
                at("2026-01-01T00:00:00Z"),
                at("2027-01-01T00:00:00Z")
            )
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store
            .remove_exception(b.clinic, a.practitioner, off.id)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .remove_exception(a.clinic, a.practitioner, off.id)
        .await
        .unwrap();

    let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let closure = Closure {
        id: ClosureId::new(),
        first_day: day("2026-12-24"),
        last_day: day("2026-12-26"),
        reason: "Christmas".into(),
    };
    store.add_closure(a.clinic, &closure).await.unwrap();
    assert_eq!(
        store
            .closures(a.clinic, day("2026-12-26"), day("2026-12-31"))
            .await
            .unwrap(),
        std::slice::from_ref(&closure)
    );
    assert!(
        store
            .closures(a.clinic, day("2026-12-27"), day("2026-12-31"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.remove_closure(b.clinic, closure.id).await,
        Err(StoreError::NotFound)
    ));
    store.remove_closure(a.clinic, closure.id).await.unwrap();
}

async fn patients_share_phones_and_page_by_cursor(store: &dyn Store) {
    let a = setup(store, "clinic-a").await;
    let b = setup(store, "clinic-b").await;
    for name in ["Child One", "Child Two"] {
        store
            .create_patient(
                a.clinic,
                PatientId::new(),
                &patient_details(name, "+905321234567"),
                Utc::now(),
            )
            .await
            .unwrap();
    }
    let by_phone = |_| PatientFilter {
        phone: Some("+905321234567".into()),
        limit: 10,
        ..Default::default()
    };
    let family = store.patients(a.clinic, &by_phone(a.clinic)).await.unwrap();
    assert_eq!(family.len(), 3, "a parent and two children share one phone");
    assert_eq!(
        store
            .patients(b.clinic, &by_phone(b.clinic))
            .await
            .unwrap()
            .len(),
        1,
        "B sees only its own"
    );

    let first = store
        .patients(
            a.clinic,
            &PatientFilter {
                limit: 2,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let rest = store
        .patients(
            a.clinic,
            &PatientFilter {
                after: Some(first[1].id),
                limit: 2,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!((first.len(), rest.len()), (2, 1));
    assert!(!first.iter().any(|p| p.id == rest[0].id));

    let mut details = family[0].details.clone();
    details.notes = "Allergic to latex".into();
    let updated = store
        .update_patient(a.clinic, family[0].id, &details, Utc::now())
        .await
        .unwrap();
    assert_eq!(updated.details.notes, "Allergic to latex");
    assert!(matches!(
        store
            .update_patient(b.clinic, family[0].id, &details, Utc::now())
            .await,
        Err(StoreError::NotFound)
    ));
}

async fn fifty_bookings_of_one_slot_leave_exactly_one(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let start = Utc::now() + Duration::days(3);
    let attempts: Vec<_> = (0..50)
        .map(|i| {
            // Half aim at the slot itself, half at a start 20 minutes in: all overlap.
            let offset = if i % 2 == 0 { 0 } else { 20 };
            booking(
                &s,
                start + Duration::minutes(offset),
                AppointmentStatus::Confirmed,
            )
        })
        .collect();
    let results = futures_util::future::join_all(
        attempts
            .iter()
            .map(|new| store.book(s.clinic, new, Utc::now())),
    )
    .await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "exactly one booking wins");
    for r in &results {
        if let Err(e) = r {
            assert!(
                matches!(e, StoreError::SlotTaken(_)),
                "losers get SlotTaken: {e:?}"
            );
            assert!(e.to_string().contains("already has an appointment"), "{e}");
        }
    }
    let booked = store
        .appointments(
            s.clinic,
            &AppointmentFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(booked.len(), 1);
}

async fn buffers_keep_neighbours_apart(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let start = at("2030-01-07T10:00:00Z");
    store
        .book(
            s.clinic,
            &booking(&s, start, AppointmentStatus::Confirmed),
            Utc::now(),
        )
        .await
        .unwrap();
    // 10:30 falls in the first one's 10-minute clean-up.
    let err = store
        .book(
            s.clinic,
            &booking(
                &s,
                start + Duration::minutes(30),
                AppointmentStatus::Confirmed,
            ),
            Utc::now(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::SlotTaken(_)), "{err:?}");
    // 10:40 touches it and is fine; so is 09:20 (busy until 10:00).
    store
        .book(
            s.clinic,
            &booking(
                &s,
                start + Duration::minutes(40),
                AppointmentStatus::Confirmed,
            ),
            Utc::now(),
        )
        .await
        .unwrap();
    store
        .book(
            s.clinic,
            &booking(&s, start - Duration::minutes(40), AppointmentStatus::Held),
            Utc::now(),
        )
        .await
        .unwrap();
    // A cancelled appointment frees its time.
    let list = store
        .appointments(
            s.clinic,
            &AppointmentFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let ten = list.iter().find(|a| a.starts_at == start).unwrap();
    store
        .change_status(
            s.clinic,
            ten.id,
            &StatusChange::Cancel {
                by: CancelledBy::Clinic,
                reason: None,
            },
            Actor::system(),
            Utc::now(),
        )
        .await
        .unwrap();
    store
        .book(
            s.clinic,
            &booking(&s, start, AppointmentStatus::Confirmed),
            Utc::now(),
        )
        .await
        .unwrap();
}

async fn idempotent_bookings_replay_the_first_result(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let start = Utc::now() + Duration::days(2);
    let with_key = |fingerprint: &str| NewAppointment {
        idempotency: Some(("key-1".into(), fingerprint.into())),
        ..booking(&s, start, AppointmentStatus::Confirmed)
    };
    let requests: Vec<_> = (0..10).map(|_| with_key("f1")).collect();
    let results = futures_util::future::join_all(
        requests.iter().map(|r| store.book(s.clinic, r, Utc::now())),
    )
    .await;
    let ids: std::collections::BTreeSet<_> = results
        .iter()
        .map(|r| r.as_ref().unwrap().appointment.id)
        .collect();
    assert_eq!(ids.len(), 1, "every repeat returns the first booking");
    assert_eq!(
        results
            .iter()
            .filter(|r| !r.as_ref().unwrap().replayed)
            .count(),
        1
    );
    let err = store
        .book(s.clinic, &with_key("f2"), Utc::now())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::IdempotencyMismatch), "{err:?}");
    // Keys are per clinic.
    let b = setup(store, "clinic-b").await;
    let other = NewAppointment {
        idempotency: Some(("key-1".into(), "f1".into())),
        ..booking(&b, start, AppointmentStatus::Confirmed)
    };
    assert!(
        !store
            .book(b.clinic, &other, Utc::now())
            .await
            .unwrap()
            .replayed
    );
}

async fn lapsed_holds_free_the_slot(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let start = Utc::now() + Duration::days(1);
    let hold = store
        .book(
            s.clinic,
            &booking(&s, start, AppointmentStatus::Held),
            Utc::now(),
        )
        .await
        .unwrap()
        .appointment;
    assert_eq!(hold.status, AppointmentStatus::Held);
    // While live it blocks, and shows as busy.
    assert!(matches!(
        store
            .book(
                s.clinic,
                &booking(&s, start, AppointmentStatus::Confirmed),
                Utc::now()
            )
            .await,
        Err(StoreError::SlotTaken(_))
    ));
    let busy = store
        .busy_blocks(
            s.clinic,
            start - Duration::hours(1),
            start + Duration::hours(1),
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(busy.len(), 1);
    // Eleven minutes later it has lapsed: not busy, and a booking takes the slot even before
    // the sweep runs.
    let later = Utc::now() + Duration::minutes(11);
    assert!(
        store
            .busy_blocks(
                s.clinic,
                start - Duration::hours(1),
                start + Duration::hours(1),
                later
            )
            .await
            .unwrap()
            .is_empty()
    );
    store
        .book(
            s.clinic,
            &booking(&s, start, AppointmentStatus::Confirmed),
            later,
        )
        .await
        .unwrap();
    let expired = store.appointment(s.clinic, hold.id).await.unwrap().unwrap();
    assert_eq!(expired.status, AppointmentStatus::Expired);
    let history = store.appointment_history(s.clinic, hold.id).await.unwrap();
    assert_eq!(history.last().unwrap().action, "expired");

    // The sweep expires lapsed holds everywhere, once.
    let other = store
        .book(
            s.clinic,
            &booking(&s, start + Duration::hours(2), AppointmentStatus::Held),
            Utc::now(),
        )
        .await
        .unwrap()
        .appointment;
    assert_eq!(store.release_expired_holds(Utc::now()).await.unwrap(), 0);
    assert_eq!(store.release_expired_holds(later).await.unwrap(), 1);
    assert_eq!(store.release_expired_holds(later).await.unwrap(), 0);
    let other = store
        .appointment(s.clinic, other.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(other.status, AppointmentStatus::Expired);
    let err = store
        .change_status(
            s.clinic,
            other.id,
            &StatusChange::Confirm,
            Actor::system(),
            later,
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
}

async fn changes_keep_history_and_move_reminders(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let now = Utc::now();
    let start = at("2030-03-04T10:00:00Z");
    let held = store
        .book(s.clinic, &booking(&s, start, AppointmentStatus::Held), now)
        .await
        .unwrap()
        .appointment;
    assert!(
        store.reminders(s.clinic, held.id).await.unwrap().is_empty(),
        "holds get no reminders"
    );
    let staff = Actor::system();
    let confirmed = store
        .change_status(s.clinic, held.id, &StatusChange::Confirm, staff, now)
        .await
        .unwrap();
    assert_eq!(confirmed.sequence, 1);
    let due: Vec<_> = store
        .reminders(s.clinic, held.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.due_at)
        .collect();
    assert_eq!(
        due,
        [start - Duration::hours(24), start - Duration::hours(2)]
    );

    let new_start = start + Duration::days(1);
    let moved = store
        .reschedule(
            s.clinic,
            held.id,
            &Reschedule {
                practitioner_id: s.practitioner,
                starts_at: new_start,
                ends_at: new_start + Duration::minutes(30),
                busy_from: new_start,
                busy_until: new_start + Duration::minutes(40),
            },
            staff,
            now,
        )
        .await
        .unwrap();
    assert_eq!((moved.starts_at, moved.sequence), (new_start, 2));
    let due: Vec<_> = store
        .reminders(s.clinic, held.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.due_at)
        .collect();
    assert_eq!(
        due,
        [
            new_start - Duration::hours(24),
            new_start - Duration::hours(2)
        ]
    );

    // The 24-hour reminder falls due; the sweep records it once.
    let day_before = new_start - Duration::hours(23);
    let recorded = store.record_due_reminders(day_before).await.unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(
        (recorded[0].appointment_id, recorded[0].offset_minutes),
        (held.id, 1440)
    );
    assert!(
        store
            .record_due_reminders(day_before)
            .await
            .unwrap()
            .is_empty()
    );

    let cancelled = store
        .change_status(
            s.clinic,
            held.id,
            &StatusChange::Cancel {
                by: CancelledBy::Patient,
                reason: Some("travel".into()),
            },
            staff,
            day_before,
        )
        .await
        .unwrap();
    assert!(cancelled.late_cancellation, "inside the 24-hour notice");
    let stored = store.appointment(s.clinic, held.id).await.unwrap().unwrap();
    assert_eq!(
        cancelled, stored,
        "what a change returns is what was stored"
    );
    let left: Vec<_> = store
        .reminders(s.clinic, held.id)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        left,
        ["due"],
        "the pending 2-hour reminder is gone; the recorded one stays"
    );

    let history = store.appointment_history(s.clinic, held.id).await.unwrap();
    let actions: Vec<_> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        ["created", "confirmed", "rescheduled", "cancelled"]
    );
    assert_eq!(history[3].note.as_deref(), Some("travel"));
    assert_eq!(history[2].starts_at, new_start);
    assert!(
        store
            .appointment_history(setup(store, "clinic-b").await.clinic, held.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn appointments_list_by_filter_and_cursor(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let base = at("2030-05-06T09:00:00Z");
    for i in 0..5 {
        store
            .book(
                s.clinic,
                &booking(&s, base + Duration::hours(i), AppointmentStatus::Confirmed),
                Utc::now(),
            )
            .await
            .unwrap();
    }
    let page = |after| AppointmentFilter {
        from: Some(base),
        until: Some(base + Duration::days(1)),
        practitioner: Some(s.practitioner),
        patient: Some(s.patient),
        status: Some(AppointmentStatus::Confirmed),
        after,
        limit: 2,
    };
    let mut seen = vec![];
    let mut after = None;
    loop {
        let rows = store.appointments(s.clinic, &page(after)).await.unwrap();
        if rows.is_empty() {
            break;
        }
        after = rows.last().map(|a| (a.starts_at, a.id));
        seen.extend(rows.into_iter().map(|a| a.starts_at));
    }
    assert_eq!(
        seen,
        (0..5)
            .map(|i| base + Duration::hours(i))
            .collect::<Vec<_>>()
    );
    // The same list with the names: the same rows in the same order, pages and all.
    let mut after = None;
    loop {
        let plain = store.appointments(s.clinic, &page(after)).await.unwrap();
        let named = store
            .named_appointments(s.clinic, &page(after))
            .await
            .unwrap();
        assert_eq!(
            named
                .iter()
                .map(|n| n.appointment.clone())
                .collect::<Vec<_>>(),
            plain
        );
        for n in &named {
            assert_eq!(
                (
                    n.service_name.get("en").map(String::as_str),
                    n.practitioner_name.as_str(),
                    n.patient_name.as_str()
                ),
                (Some("Cleaning"), "Dr. Ana Costa", "Ayşe")
            );
        }
        let Some(last) = plain.last() else { break };
        after = Some((last.starts_at, last.id));
    }
    let none = AppointmentFilter {
        status: Some(AppointmentStatus::Cancelled),
        limit: 10,
        ..Default::default()
    };
    assert!(
        store
            .appointments(s.clinic, &none)
            .await
            .unwrap()
            .is_empty()
    );
    let b = setup(store, "clinic-b").await;
    assert!(
        store
            .appointments(
                b.clinic,
                &AppointmentFilter {
                    limit: 10,
                    ..Default::default()
                }
            )
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .named_appointments(
                b.clinic,
                &AppointmentFilter {
                    limit: 10,
                    ..Default::default()
                }
            )
            .await
            .unwrap()
            .is_empty()
    );
    // Clinic B cannot book clinic A's patient.
    let foreign = NewAppointment {
        patient_id: s.patient,
        ..booking(&b, base, AppointmentStatus::Confirmed)
    };
    assert!(matches!(
        store.book(b.clinic, &foreign, Utc::now()).await,
        Err(StoreError::UnknownReference(_))
    ));
}

async fn calendar_feeds_open_by_token_until_revoked(store: &dyn Store) {
    let s = setup(store, "clinic-a").await;
    let feed = CalendarFeed {
        id: CalendarFeedId::new(),
        practitioner_id: Some(s.practitioner),
        label: "Ana's phone".into(),
        created_at: Utc::now(),
    };
    store
        .create_calendar_feed(s.clinic, &feed, "hash-1")
        .await
        .unwrap();
    let (clinic, found) = store
        .calendar_feed_by_token("hash-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((clinic, found.id), (s.clinic, feed.id));
    assert_eq!(store.calendar_feeds(s.clinic).await.unwrap().len(), 1);
    let b = setup(store, "clinic-b").await;
    assert!(matches!(
        store
            .revoke_calendar_feed(b.clinic, feed.id, Utc::now())
            .await,
        Err(StoreError::NotFound)
    ));
    let foreign = CalendarFeed {
        id: CalendarFeedId::new(),
        ..feed.clone()
    };
    assert!(matches!(
        store
            .create_calendar_feed(b.clinic, &foreign, "hash-2")
            .await,
        Err(StoreError::UnknownReference(_))
    ));
    store
        .revoke_calendar_feed(s.clinic, feed.id, Utc::now())
        .await
        .unwrap();
    assert!(
        store
            .calendar_feed_by_token("hash-1")
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.calendar_feeds(s.clinic).await.unwrap().is_empty());
}

/// The PostgreSQL guarantee does not depend on the store's own check: two overlapping rows
/// written straight into the table are refused by the exclusion constraint.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_constraint_refuses_overlaps_written_directly() {
    let url = frontdesk_store::testing::fresh_postgres_url().await;
    let store = frontdesk_store::connect(&url, 2).await.unwrap();
    store.migrate().await.unwrap();
    let s = setup(&*store, "clinic-a").await;
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let insert = |start: DateTime<Utc>, status: &'static str| {
        sqlx::query(
            "INSERT INTO appointments (id, clinic_id, service_id, practitioner_id, patient_id, starts_at, \
             ends_at, busy_from, busy_until, status, kind, source, late_cancellation, notes, sequence, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, $8, 'in_person', 'staff', \
             false, '', 0, now(), now())",
        )
        .bind(uuid::Uuid::now_v7())
        .bind(s.clinic.as_uuid())
        .bind(s.service.as_uuid())
        .bind(s.practitioner.as_uuid())
        .bind(s.patient.as_uuid())
        .bind(start)
        .bind(start + Duration::minutes(30))
        .bind(status)
        .execute(&pool)
    };
    let start = at("2030-02-04T10:00:00Z");
    insert(start, "confirmed").await.unwrap();
    let err = insert(start + Duration::minutes(15), "held")
        .await
        .unwrap_err();
    let code = err
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.to_string());
    assert_eq!(code.as_deref(), Some("23P01"), "{err}");
    // Cancelled rows do not occupy time, and touching spans do not overlap.
    insert(start + Duration::minutes(15), "cancelled")
        .await
        .unwrap();
    insert(start + Duration::minutes(30), "confirmed")
        .await
        .unwrap();
}
