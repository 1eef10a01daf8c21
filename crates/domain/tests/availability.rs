//! Availability search: hours, breaks, buffers, exceptions, closures, notice, horizon,
//! fairness, and daylight-saving days in Lisbon and New York.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use frontdesk_domain::scheduling::{
    Availability, BusyBlock, Closure, ExceptionKind, PartOfDay, PractitionerCalendar,
    ScheduleException, SchedulingPolicy, ServiceDetails, Slot, SlotQuery,
};
use frontdesk_domain::{ClosureId, ExceptionId, OpeningHours, PractitionerId};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn hours(json: &str) -> OpeningHours {
    serde_json::from_str::<OpeningHours>(json)
        .unwrap()
        .normalized("h")
        .unwrap()
}

fn every_day(range: &str) -> OpeningHours {
    let days = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let body: Vec<String> = days
        .iter()
        .map(|d| format!("\"{d}\": [\"{range}\"]"))
        .collect();
    hours(&format!("{{{}}}", body.join(",")))
}

fn service(minutes: u32, before: u32, after: u32) -> ServiceDetails {
    serde_json::from_value(serde_json::json!({
        "name": {"en": "Visit"}, "duration_minutes": minutes,
        "buffer_before_minutes": before, "buffer_after_minutes": after
    }))
    .unwrap()
}

fn policy(grid: u32) -> SchedulingPolicy {
    SchedulingPolicy {
        slot_grid_minutes: grid,
        min_notice_minutes: 0,
        horizon_days: 365,
        ..SchedulingPolicy::default()
    }
}

fn query(from: &str, to: &str, now: &str) -> SlotQuery {
    SlotQuery {
        from: day(from),
        to: day(to),
        part_of_day: None,
        now: utc(now),
        limit: 10_000,
    }
}

fn starts(slots: &[Slot]) -> Vec<String> {
    slots
        .iter()
        .map(|s| s.starts_at.format("%Y-%m-%dT%H:%MZ").to_string())
        .collect()
}

fn search(
    tz: &str,
    policy: &SchedulingPolicy,
    cal: PractitionerCalendar<'_>,
    svc: &ServiceDetails,
    q: &SlotQuery,
) -> Vec<Slot> {
    let tz: Tz = tz.parse().unwrap();
    Availability {
        tz,
        policy,
        closures: &[],
    }
    .slots(svc, &[cal], q)
}

fn calendar(h: &OpeningHours) -> PractitionerCalendar<'_> {
    PractitionerCalendar {
        id: PractitionerId::new(),
        working_hours: h,
        exceptions: vec![],
        busy: vec![],
    }
}

#[test]
fn lisbon_spring_forward_moves_utc_times_and_loses_the_missing_hour() {
    // Lisbon: 2026-03-29 01:00 WET becomes 02:00 WEST.
    let p = policy(60);
    let svc = service(60, 0, 0);
    let h = every_day("09:00-11:00");
    let slots = search(
        "Europe/Lisbon",
        &p,
        calendar(&h),
        &svc,
        &query("2026-03-28", "2026-03-29", "2026-03-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&slots),
        [
            "2026-03-28T09:00Z",
            "2026-03-28T10:00Z",
            "2026-03-29T08:00Z",
            "2026-03-29T09:00Z"
        ]
    );

    // A night range across the gap has three real hours, not four.
    let night = every_day("00:00-04:00");
    let slots = search(
        "Europe/Lisbon",
        &p,
        calendar(&night),
        &svc,
        &query("2026-03-29", "2026-03-29", "2026-03-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&slots),
        [
            "2026-03-29T00:00Z",
            "2026-03-29T01:00Z",
            "2026-03-29T02:00Z"
        ]
    );
}

#[test]
fn lisbon_fall_back_keeps_wall_clock_hours() {
    // Lisbon: 2026-10-25 02:00 WEST becomes 01:00 WET.
    let p = policy(30);
    let svc = service(30, 0, 0);
    let h = every_day("09:00-10:00");
    let slots = search(
        "Europe/Lisbon",
        &p,
        calendar(&h),
        &svc,
        &query("2026-10-24", "2026-10-25", "2026-10-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&slots),
        [
            "2026-10-24T08:00Z",
            "2026-10-24T08:30Z",
            "2026-10-25T09:00Z",
            "2026-10-25T09:30Z"
        ]
    );
}

#[test]
fn new_york_spring_forward() {
    // New York: 2026-03-08 02:00 EST becomes 03:00 EDT.
    let p = policy(60);
    let svc = service(60, 0, 0);
    let h = every_day("09:00-10:00");
    let slots = search(
        "America/New_York",
        &p,
        calendar(&h),
        &svc,
        &query("2026-03-07", "2026-03-08", "2026-03-01T00:00:00Z"),
    );
    assert_eq!(starts(&slots), ["2026-03-07T14:00Z", "2026-03-08T13:00Z"]);
    let night = every_day("01:00-04:00");
    let slots = search(
        "America/New_York",
        &p,
        calendar(&night),
        &svc,
        &query("2026-03-08", "2026-03-08", "2026-03-01T00:00:00Z"),
    );
    // 01:00 EST, then 03:00 EDT: 02:00 never happens.
    assert_eq!(starts(&slots), ["2026-03-08T06:00Z", "2026-03-08T07:00Z"]);
}

#[test]
fn new_york_fall_back_has_the_repeated_hour_twice() {
    // New York: 2026-11-01 02:00 EDT becomes 01:00 EST; 01:00–02:00 happens twice.
    let p = policy(60);
    let svc = service(60, 0, 0);
    let night = every_day("00:00-03:00");
    let slots = search(
        "America/New_York",
        &p,
        calendar(&night),
        &svc,
        &query("2026-11-01", "2026-11-01", "2026-10-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&slots),
        [
            "2026-11-01T04:00Z",
            "2026-11-01T05:00Z",
            "2026-11-01T06:00Z",
            "2026-11-01T07:00Z"
        ]
    );
    let h = every_day("09:00-10:00");
    let slots = search(
        "America/New_York",
        &p,
        calendar(&h),
        &svc,
        &query("2026-10-31", "2026-11-01", "2026-10-01T00:00:00Z"),
    );
    assert_eq!(starts(&slots), ["2026-10-31T13:00Z", "2026-11-01T14:00Z"]);
}

#[test]
fn breaks_buffers_and_appointments_are_respected() {
    let p = policy(15);
    // 30 minutes with 15 before and 15 after; an appointment busy 10:00–10:45 (buffers included).
    let svc = service(30, 15, 15);
    let h = hours(r#"{"monday": ["09:00-11:00", "12:00-13:00"]}"#);
    let mut cal = calendar(&h);
    cal.busy.push(BusyBlock {
        from: utc("2026-11-23T10:00:00Z"),
        until: utc("2026-11-23T10:45:00Z"),
    });
    let slots = search(
        "UTC",
        &p,
        cal,
        &svc,
        &query("2026-11-23", "2026-11-23", "2026-11-01T00:00:00Z"),
    );
    // 09:00 (busy 08:45–09:45) and 09:15 (busy 09:00–10:00, touching) fit; 09:30 would run into
    // the appointment; after it, the first start whose busy span begins at 10:45 is 11:00, but
    // 11:00 is outside working hours (ends 11:30); the break ends at 12:00.
    assert_eq!(
        starts(&slots),
        [
            "2026-11-23T09:00Z",
            "2026-11-23T09:15Z",
            "2026-11-23T12:00Z",
            "2026-11-23T12:15Z",
            "2026-11-23T12:30Z"
        ]
    );
}

#[test]
fn exceptions_and_closures() {
    let p = policy(60);
    let svc = service(60, 0, 0);
    let h = hours(r#"{"monday": ["09:00-12:00"], "tuesday": ["09:00-12:00"]}"#);
    let time_off = ScheduleException {
        id: ExceptionId::new(),
        practitioner_id: PractitionerId::new(),
        kind: ExceptionKind::TimeOff,
        starts_at: utc("2026-11-23T10:00:00Z"),
        ends_at: utc("2026-11-23T11:00:00Z"),
        note: String::new(),
    };
    let extra = ScheduleException {
        kind: ExceptionKind::ExtraHours,
        starts_at: utc("2026-11-28T10:00:00Z"),
        ends_at: utc("2026-11-28T12:00:00Z"),
        ..time_off.clone()
    };
    let closure = Closure {
        id: ClosureId::new(),
        first_day: day("2026-11-24"),
        last_day: day("2026-11-24"),
        reason: "Holiday".into(),
    };
    let mut cal = calendar(&h);
    cal.exceptions = vec![&time_off, &extra];
    let tz: Tz = "UTC".parse().unwrap();
    let closures = [closure];
    let slots = Availability {
        tz,
        policy: &p,
        closures: &closures,
    }
    .slots(
        &svc,
        &[cal],
        &query("2026-11-23", "2026-11-28", "2026-11-01T00:00:00Z"),
    );
    assert_eq!(
        starts(&slots),
        [
            "2026-11-23T09:00Z",
            "2026-11-23T11:00Z",
            "2026-11-28T10:00Z",
            "2026-11-28T11:00Z"
        ]
    );
}

#[test]
fn notice_horizon_grid_and_part_of_day() {
    let p = SchedulingPolicy {
        slot_grid_minutes: 30,
        min_notice_minutes: 120,
        horizon_days: 1,
        ..SchedulingPolicy::default()
    };
    let svc = service(30, 0, 0);
    let h = every_day("08:00-20:00");
    // Now is 09:07: notice pushes the first slot to 11:07, the grid to 11:30; the horizon
    // ends at 09:07 tomorrow, so the last slot starts 08:30.
    let q = query("2026-11-23", "2026-11-25", "2026-11-23T09:07:00Z");
    let slots = search("UTC", &p, calendar(&h), &svc, &q);
    assert_eq!(
        slots.first().unwrap().starts_at,
        utc("2026-11-23T11:30:00Z")
    );
    assert_eq!(slots.last().unwrap().starts_at, utc("2026-11-24T08:30:00Z"));
    let evening = SlotQuery {
        part_of_day: Some(PartOfDay::Evening),
        ..q
    };
    let slots = search("UTC", &p, calendar(&h), &svc, &evening);
    assert_eq!(
        starts(&slots),
        [
            "2026-11-23T17:00Z",
            "2026-11-23T17:30Z",
            "2026-11-23T18:00Z",
            "2026-11-23T18:30Z",
            "2026-11-23T19:00Z",
            "2026-11-23T19:30Z"
        ]
    );
}

#[test]
fn any_practitioner_spreads_the_load() {
    let p = policy(30);
    let svc = service(30, 0, 0);
    let h = every_day("09:00-13:00");
    let (a, b) = (PractitionerId::new(), PractitionerId::new());
    // `a` already has an hour booked elsewhere that day; `b` has nothing.
    let busy = vec![BusyBlock {
        from: utc("2026-11-23T15:00:00Z"),
        until: utc("2026-11-23T16:00:00Z"),
    }];
    let cals = [
        PractitionerCalendar {
            id: a,
            working_hours: &h,
            exceptions: vec![],
            busy,
        },
        PractitionerCalendar {
            id: b,
            working_hours: &h,
            exceptions: vec![],
            busy: vec![],
        },
    ];
    let tz: Tz = "UTC".parse().unwrap();
    let slots = Availability {
        tz,
        policy: &p,
        closures: &[],
    }
    .slots(
        &svc,
        &cals,
        &query("2026-11-23", "2026-11-23", "2026-11-01T00:00:00Z"),
    );
    assert_eq!(slots.len(), 8, "one offer per start time");
    let who: Vec<_> = slots
        .iter()
        .map(|s| if s.practitioner_id == a { 'a' } else { 'b' })
        .collect();
    // b catches up on a's booked hour first, then they alternate.
    assert_eq!(who.iter().collect::<String>(), "bbababab");
    let a_count = who.iter().filter(|c| **c == 'a').count();
    assert_eq!(
        a_count, 3,
        "b got the extra slot that balances a's booked hour: {who:?}"
    );
    assert!(slots.windows(2).all(|w| w[0].starts_at < w[1].starts_at));
}
