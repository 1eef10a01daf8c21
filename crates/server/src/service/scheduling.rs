//! Availability and booking: the rules every caller (staff API, the assistant, the web) shares.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_domain::scheduling::catalog::{MAX_BUFFER_MINUTES, MAX_DURATION_MINUTES};
use frontdesk_domain::scheduling::local_time;
use frontdesk_domain::scheduling::{
    Actor, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus, Availability,
    BusyBlock, PartOfDay, Practitioner, PractitionerCalendar, SchedulingPolicy, Service, Slot,
    SlotQuery,
};
use frontdesk_domain::validation::calendar_range;
use frontdesk_domain::{AppointmentId, ClinicId, Invalid, PatientId, PractitionerId, ServiceId};
use frontdesk_store::{Booking, NewAppointment, Reschedule, Store};

use crate::problem::ApiError;

/// The longest span one availability search may cover.
pub const MAX_SEARCH_DAYS: i64 = 31;

/// An availability search, validated.
#[derive(Debug, Clone)]
pub struct SlotSearch {
    /// The service.
    pub service_id: ServiceId,
    /// One practitioner, or any who performs the service.
    pub practitioner_id: Option<PractitionerId>,
    /// First local day.
    pub from: NaiveDate,
    /// Last local day (inclusive).
    pub to: NaiveDate,
    /// Part of the day.
    pub part_of_day: Option<PartOfDay>,
    /// At most this many slots.
    pub limit: usize,
    /// Only what patients may book themselves (the assistant, the web).
    pub patient_facing: bool,
    /// Busy time to treat as free: the appointment being moved, which may overlap its own
    /// new time.
    pub ignore: Option<(PractitionerId, BusyBlock)>,
}

/// Everything a search or a booking needs about one service.
struct Bookable {
    policy: SchedulingPolicy,
    service: Service,
    practitioners: Vec<Practitioner>,
}

async fn bookable(
    store: &dyn Store,
    clinic: ClinicId,
    service_id: ServiceId,
    practitioner_id: Option<PractitionerId>,
    patient_facing: bool,
) -> Result<Bookable, ApiError> {
    // Independent reads, issued together: on PostgreSQL each takes its own connection.
    let (service, practitioners, policy) = tokio::try_join!(
        store.service(clinic, service_id),
        store.practitioners(clinic),
        store.scheduling_policy(clinic),
    )?;
    eligible(
        service,
        practitioners,
        policy,
        practitioner_id,
        patient_facing,
    )
}

/// The service if it can be booked (by patients, when `patient_facing`), and the active
/// practitioners who perform it (only `practitioner_id`, when given).
fn eligible(
    service: Option<Service>,
    practitioners: Vec<Practitioner>,
    policy: SchedulingPolicy,
    practitioner_id: Option<PractitionerId>,
    patient_facing: bool,
) -> Result<Bookable, ApiError> {
    let service = service
        .filter(|s| s.details.active && (s.details.patient_bookable || !patient_facing))
        .ok_or_else(|| {
            Invalid::field(
                "service_id",
                "no bookable service with this id in this clinic",
            )
        })?;
    let practitioners: Vec<Practitioner> = practitioners
        .into_iter()
        .filter(|p| p.details.active && service.details.practitioner_ids.contains(&p.id))
        .filter(|p| practitioner_id.is_none_or(|wanted| wanted == p.id))
        .collect();
    if practitioners.is_empty() {
        let field = if practitioner_id.is_some() {
            "practitioner_id"
        } else {
            "service_id"
        };
        return Err(Invalid::field(
            field,
            "no active practitioner of this clinic performs this service",
        )
        .into());
    }
    Ok(Bookable {
        policy,
        service,
        practitioners,
    })
}

/// The bookable slots for a search, earliest first.
pub async fn find_slots(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    search: &SlotSearch,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>, ApiError> {
    Ok(search_slots(store, clinic, search, now).await?.1)
}

/// The slots, and the service, practitioners and policy they were found with.
async fn search_slots(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    search: &SlotSearch,
    now: DateTime<Utc>,
) -> Result<(Bookable, Vec<Slot>), ApiError> {
    if search.to < search.from || (search.to - search.from).num_days() >= MAX_SEARCH_DAYS {
        return Err(Invalid::field(
            "to",
            format!("must be on or after `from` and at most {MAX_SEARCH_DAYS} days later"),
        )
        .into());
    }
    let tz = clinic.profile.time_zone.0;
    let window_from = local_time::day_start(tz, search.from);
    let window_until = local_time::day_start(tz, search.to.succ_opt().unwrap_or(search.to));
    // A slot starting inside the window occupies its buffers and its length around it; the
    // service is read in the same round, so reach as far as any service can.
    let reach = Duration::minutes(i64::from(MAX_DURATION_MINUTES + MAX_BUFFER_MINUTES));
    // Every read at once: one round trip's latency instead of six.
    let (service, practitioners, policy, exceptions, closures, busy) = tokio::try_join!(
        store.service(clinic.id, search.service_id),
        store.practitioners(clinic.id),
        store.scheduling_policy(clinic.id),
        store.exceptions(clinic.id, search.practitioner_id, window_from, window_until),
        store.closures(clinic.id, search.from, search.to),
        store.busy_blocks(clinic.id, window_from - reach, window_until + reach, now),
    )?;
    let b = eligible(
        service,
        practitioners,
        policy,
        search.practitioner_id,
        search.patient_facing,
    )?;
    let mut policy = b.policy.clone();
    if !search.patient_facing {
        // Staff may book at short notice; the clinic's notice protects it from patients.
        policy.min_notice_minutes = 0;
    }
    let calendars: Vec<PractitionerCalendar<'_>> = b
        .practitioners
        .iter()
        .map(|p| PractitionerCalendar {
            id: p.id,
            working_hours: &p.details.working_hours,
            exceptions: exceptions
                .iter()
                .filter(|e| e.practitioner_id == p.id)
                .collect(),
            busy: busy
                .iter()
                .filter(|(who, _)| *who == p.id)
                .filter(|entry| Some(**entry) != search.ignore)
                .map(|(_, block)| *block)
                .collect(),
        })
        .collect();
    let availability = Availability {
        tz,
        policy: &policy,
        closures: &closures,
    };
    let slots = availability.slots(
        &b.service.details,
        &calendars,
        &SlotQuery {
            from: search.from,
            to: search.to,
            part_of_day: search.part_of_day,
            now,
            limit: search.limit,
        },
    );
    Ok((b, slots))
}

/// A booking request, validated.
#[derive(Debug, Clone)]
pub struct BookingRequest {
    /// What.
    pub service_id: ServiceId,
    /// With whom; none picks the practitioner the search would offer at that time.
    pub practitioner_id: Option<PractitionerId>,
    /// For whom.
    pub patient_id: PatientId,
    /// When.
    pub starts_at: DateTime<Utc>,
    /// Hold (tentative) or confirm now.
    pub hold: bool,
    /// In person, online, follow-up.
    pub kind: AppointmentKind,
    /// Who asks.
    pub source: AppointmentSource,
    /// Notes for staff.
    pub notes: String,
    /// Who books.
    pub actor: Actor,
    /// `Idempotency-Key` and the request's fingerprint.
    pub idempotency: Option<(String, String)>,
    /// Staff asked to book past the booking horizon.
    pub beyond_horizon: bool,
}

/// Books a slot. Staff may book any free time of a practitioner who performs the service;
/// patients (assistant, web) only a slot that availability offers them.
pub async fn book(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    req: BookingRequest,
    now: DateTime<Utc>,
) -> Result<Booking, ApiError> {
    let patient_facing = req.source != AppointmentSource::Staff;
    let practitioner_id = match req.practitioner_id {
        Some(p) => p,
        None => pick_practitioner(store, clinic, &req, patient_facing, now).await?,
    };
    let wanted = Wanted {
        service_id: req.service_id,
        practitioner_id: Some(practitioner_id),
        starts_at: req.starts_at,
        patient_facing,
        ignore: None,
        beyond_horizon: req.beyond_horizon,
    };
    let (b, (ends_at, busy_from, busy_until)) = checked_span(store, clinic, &wanted, now).await?;
    let new = NewAppointment {
        id: AppointmentId::new(),
        service_id: req.service_id,
        practitioner_id,
        patient_id: req.patient_id,
        starts_at: req.starts_at,
        ends_at,
        busy_from,
        busy_until,
        status: if req.hold {
            AppointmentStatus::Held
        } else {
            AppointmentStatus::Confirmed
        },
        hold_expires_at: req.hold.then(|| now + b.policy.hold()),
        kind: req.kind,
        source: req.source,
        price: b.service.details.price.clone(),
        notes: req.notes,
        actor: req.actor,
        idempotency: req.idempotency,
    };
    Ok(store.book(clinic.id, &new, now).await?)
}

/// Where an appointment moves.
#[derive(Debug, Clone, Copy)]
pub struct NewTime {
    /// The new start.
    pub starts_at: DateTime<Utc>,
    /// Another practitioner, if it changes.
    pub practitioner_id: Option<PractitionerId>,
    /// Staff asked to move past the booking horizon.
    pub beyond_horizon: bool,
}

/// Moves an appointment to another start (and optionally practitioner), same rules as booking.
pub async fn reschedule(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    id: AppointmentId,
    to: NewTime,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Appointment, ApiError> {
    let NewTime {
        starts_at,
        practitioner_id,
        beyond_horizon,
    } = to;
    let current = store
        .appointment(clinic.id, id)
        .await?
        .ok_or_else(|| ApiError::NotFound("no such appointment in this clinic".into()))?;
    let practitioner_id = practitioner_id.unwrap_or(current.practitioner_id);
    let patient_facing = actor.kind != frontdesk_domain::scheduling::ActorKind::Staff;
    let wanted = Wanted {
        service_id: current.service_id,
        practitioner_id: Some(practitioner_id),
        starts_at,
        patient_facing,
        beyond_horizon,
        // The appointment may move into part of its own current time.
        ignore: Some((
            current.practitioner_id,
            BusyBlock {
                from: current.busy_from,
                until: current.busy_until,
            },
        )),
    };
    let (_, (ends_at, busy_from, busy_until)) = checked_span(store, clinic, &wanted, now).await?;
    let to = Reschedule {
        practitioner_id,
        starts_at,
        ends_at,
        busy_from,
        busy_until,
    };
    Ok(store.reschedule(clinic.id, id, &to, actor, now).await?)
}

/// End, and busy span with buffers, of the service starting at `start`.
fn spans(service: &Service, start: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>) {
    let d = &service.details;
    let end = start + Duration::minutes(i64::from(d.duration_minutes));
    (
        end,
        start - Duration::minutes(i64::from(d.buffer_before_minutes)),
        end + Duration::minutes(i64::from(d.buffer_after_minutes)),
    )
}

/// A time someone asks for.
struct Wanted {
    service_id: ServiceId,
    practitioner_id: Option<PractitionerId>,
    starts_at: DateTime<Utc>,
    patient_facing: bool,
    ignore: Option<(PractitionerId, BusyBlock)>,
    beyond_horizon: bool,
}

/// The service and practitioner can take the wanted time: it is in the future and, for
/// patients, a slot availability offers. Returns them and the appointment's end and busy span.
async fn checked_span(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    wanted: &Wanted,
    now: DateTime<Utc>,
) -> Result<(Bookable, (DateTime<Utc>, DateTime<Utc>, DateTime<Utc>)), ApiError> {
    // Patients need an offered slot: the search reads the service, practitioners and policy
    // anyway, so its reads serve both checks.
    let (b, offered) = if wanted.patient_facing {
        let (b, slot) = offered_at(store, clinic, wanted, now).await?;
        (b, slot.is_some())
    } else {
        let b = bookable(
            store,
            clinic.id,
            wanted.service_id,
            wanted.practitioner_id,
            false,
        )
        .await?;
        (b, true)
    };
    if wanted.starts_at <= now {
        return Err(Invalid::field("starts_at", "must be in the future").into());
    }
    if !calendar_range::contains(wanted.starts_at) {
        return Err(Invalid::field(
            "starts_at",
            format!("must be before {}", calendar_range::END_YEAR),
        )
        .into());
    }
    let horizon = now + Duration::days(i64::from(b.policy.horizon_days));
    if !wanted.patient_facing && !wanted.beyond_horizon && wanted.starts_at > horizon {
        return Err(Invalid::field(
            "starts_at",
            format!(
                "is past the clinic's booking horizon of {} days; send \"beyond_horizon\": true to book it anyway",
                b.policy.horizon_days
            ),
        )
        .into());
    }
    if !offered {
        return Err(ApiError::SlotTaken(
            "that time is not available; search availability again and pick an offered slot".into(),
        ));
    }
    let span = spans(&b.service, wanted.starts_at);
    Ok((b, span))
}

/// The slot availability offers at exactly the wanted time, if any.
async fn offered_at(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    wanted: &Wanted,
    now: DateTime<Utc>,
) -> Result<(Bookable, Option<Slot>), ApiError> {
    let day = local_time::local(clinic.profile.time_zone.0, wanted.starts_at).date();
    let search = SlotSearch {
        service_id: wanted.service_id,
        practitioner_id: wanted.practitioner_id,
        from: day,
        to: day,
        part_of_day: None,
        limit: usize::MAX,
        patient_facing: wanted.patient_facing,
        ignore: wanted.ignore,
    };
    let (b, offered) = search_slots(store, clinic, &search, now).await?;
    let slot = offered
        .into_iter()
        .find(|s| s.starts_at == wanted.starts_at);
    Ok((b, slot))
}

/// With "any practitioner", the one availability offers at that start.
async fn pick_practitioner(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    req: &BookingRequest,
    patient_facing: bool,
    now: DateTime<Utc>,
) -> Result<PractitionerId, ApiError> {
    let wanted = Wanted {
        service_id: req.service_id,
        practitioner_id: None,
        starts_at: req.starts_at,
        patient_facing,
        ignore: None,
        beyond_horizon: req.beyond_horizon,
    };
    offered_at(store, clinic, &wanted, now)
        .await?
        .1
        .map(|s| s.practitioner_id)
        .ok_or_else(|| {
            ApiError::SlotTaken(
                "no practitioner is free at that time; search availability again and pick an offered slot".into(),
            )
        })
}

/// Turns a refusal to book or move into one that names the appointments in the way: the
/// live appointments of `practitioner` whose busy time meets what `service` would take from
/// `starts_at` (other than `moving`). Any other error, or a refusal nothing explains (off
/// hours, a closure), passes unchanged.
pub async fn naming_conflicts(
    store: &dyn Store,
    clinic: &frontdesk_domain::Clinic,
    refusal: ApiError,
    (service_id, practitioner, starts_at): (ServiceId, Option<PractitionerId>, DateTime<Utc>),
    moving: Option<AppointmentId>,
) -> ApiError {
    let ApiError::SlotTaken(detail) = refusal else {
        return refusal;
    };
    let (Some(practitioner), Ok(Some(service))) =
        (practitioner, store.service(clinic.id, service_id).await)
    else {
        return ApiError::SlotTaken(detail);
    };
    let (_, busy_from, busy_until) = spans(&service, starts_at);
    let filter = frontdesk_store::AppointmentFilter {
        // Nothing lasts a day; a day each way holds every appointment that can meet the span.
        from: Some(busy_from - Duration::days(1)),
        until: Some(busy_until + Duration::days(1)),
        practitioner: Some(practitioner),
        limit: 500,
        ..Default::default()
    };
    let Ok(nearby) = store.appointments(clinic.id, &filter).await else {
        return ApiError::SlotTaken(detail);
    };
    let language = clinic.profile.default_language.code();
    // One read of the catalogue names every conflict's service.
    let services = store.services(clinic.id).await.unwrap_or_default();
    let mut conflicts = Vec::new();
    for a in nearby.into_iter().filter(|a| {
        a.status.blocks_time()
            && Some(a.id) != moving
            && a.busy_from < busy_until
            && busy_from < a.busy_until
    }) {
        let patient_name = match store.patient(clinic.id, a.patient_id).await {
            Ok(Some(p)) => p.details.name,
            _ => String::new(),
        };
        let service_name = services
            .iter()
            .find(|s| s.id == a.service_id)
            .and_then(|s| {
                s.details
                    .name
                    .get(language)
                    .or_else(|| s.details.name.values().next())
            })
            .cloned()
            .unwrap_or_default();
        conflicts.push(crate::problem::SlotConflict {
            appointment_id: a.id,
            practitioner_id: a.practitioner_id,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            patient_name,
            service_name,
        });
    }
    let Some(first) = conflicts.first() else {
        return ApiError::SlotTaken(detail);
    };
    let zone = clinic.profile.time_zone.0;
    let words = format!(
        "{} In the way: {} ({}, {}–{}){}.",
        detail.trim_end_matches('.').to_string() + ".",
        first.patient_name,
        first.service_name,
        local_time::local(zone, first.starts_at).format("%Y-%m-%d %H:%M"),
        local_time::local(zone, first.ends_at).format("%H:%M"),
        match conflicts.len() {
            1 => String::new(),
            n => format!(" and {} more", n - 1),
        }
    );
    ApiError::SlotTakenBy(words, conflicts)
}
