//! Availability search: the bookable slots for a service, in the clinic's time zone.
//!
//! A practitioner's open time is their weekly hours on each local day, plus extra hours,
//! minus time off and clinic closures, clipped to the booking window (minimum notice to
//! horizon). A slot starts on the clinic's local grid, fits inside open time, and its busy
//! span (buffers included) does not touch another appointment's busy span (buffers included).

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::ids::PractitionerId;
use crate::opening_hours::OpeningHours;

use super::catalog::ServiceDetails;
use super::local_time::{day_start, local, range_end, range_start};
use super::policy::SchedulingPolicy;
use super::roster::{Closure, ExceptionKind, ScheduleException};

/// Time a practitioner is already committed to (an appointment with its buffers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusyBlock {
    /// From.
    pub from: DateTime<Utc>,
    /// Until (exclusive).
    pub until: DateTime<Utc>,
}

/// One practitioner's week, exceptions and commitments, as the search needs them.
#[derive(Debug, Clone)]
pub struct PractitionerCalendar<'a> {
    /// Who.
    pub id: PractitionerId,
    /// Weekly hours in the clinic's zone.
    pub working_hours: &'a OpeningHours,
    /// Their time off and extra hours.
    pub exceptions: Vec<&'a ScheduleException>,
    /// Their held and confirmed appointments, any order.
    pub busy: Vec<BusyBlock>,
}

/// Part of the local day a patient asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    /// Starts before 12:00.
    Morning,
    /// Starts 12:00–16:59.
    Afternoon,
    /// Starts at 17:00 or later.
    Evening,
}

impl PartOfDay {
    fn contains(self, hour: u32) -> bool {
        match self {
            PartOfDay::Morning => hour < 12,
            PartOfDay::Afternoon => (12..17).contains(&hour),
            PartOfDay::Evening => hour >= 17,
        }
    }
}

/// What to search.
#[derive(Debug, Clone)]
pub struct SlotQuery {
    /// First local day.
    pub from: NaiveDate,
    /// Last local day (inclusive).
    pub to: NaiveDate,
    /// Only slots starting in this part of the day.
    pub part_of_day: Option<PartOfDay>,
    /// The current time (notice and horizon count from it).
    pub now: DateTime<Utc>,
    /// At most this many slots.
    pub limit: usize,
}

/// A bookable slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Slot {
    /// With whom.
    pub practitioner_id: PractitionerId,
    /// Starts (UTC).
    pub starts_at: DateTime<Utc>,
    /// Ends (UTC).
    pub ends_at: DateTime<Utc>,
}

/// The clinic-wide inputs of a search.
#[derive(Debug, Clone, Copy)]
pub struct Availability<'a> {
    /// The clinic's zone.
    pub tz: Tz,
    /// Its booking rules.
    pub policy: &'a SchedulingPolicy,
    /// Its closures.
    pub closures: &'a [Closure],
}

type Span = (DateTime<Utc>, DateTime<Utc>);

impl Availability<'_> {
    /// The bookable slots for `service` with any of `calendars`, earliest first. With more
    /// than one practitioner, each start time is offered once, with the practitioner who has
    /// the least booked time so far (counting slots already offered), so load spreads evenly.
    pub fn slots(
        &self,
        service: &ServiceDetails,
        calendars: &[PractitionerCalendar<'_>],
        query: &SlotQuery,
    ) -> Vec<Slot> {
        let duration = Duration::minutes(i64::from(service.duration_minutes));
        let before = Duration::minutes(i64::from(service.buffer_before_minutes));
        let after = Duration::minutes(i64::from(service.buffer_after_minutes));
        let window = self.window(query);
        let mut per_practitioner: Vec<Vec<Slot>> = Vec::with_capacity(calendars.len());
        let mut load: Vec<i64> = Vec::with_capacity(calendars.len());
        for cal in calendars {
            let mut busy = cal.busy.clone();
            busy.sort_by_key(|b| b.from);
            load.push(
                busy.iter()
                    .filter(|b| b.until > window.0 && b.from < window.1)
                    .map(|b| (b.until - b.from).num_minutes())
                    .sum(),
            );
            let mut slots = Vec::new();
            for (open_from, open_until) in self.open_time(cal, query, window) {
                let mut start = self.align(open_from);
                while start + duration <= open_until {
                    let (from, until) = (start - before, start + duration + after);
                    // Busy blocks of one practitioner never overlap each other (the store
                    // guarantees it), so sorted by start they are sorted by end too.
                    let next = busy.partition_point(|b| b.until <= from);
                    let free = busy.get(next).is_none_or(|b| b.from >= until);
                    let wanted = query
                        .part_of_day
                        .is_none_or(|p| p.contains(local(self.tz, start).hour()));
                    if free && wanted {
                        slots.push(Slot {
                            practitioner_id: cal.id,
                            starts_at: start,
                            ends_at: start + duration,
                        });
                    }
                    start += self.policy.grid();
                }
            }
            per_practitioner.push(slots);
        }
        spread(per_practitioner, load, duration.num_minutes(), query.limit)
    }

    /// The instants a search may offer: its days, after the notice, before the horizon.
    fn window(&self, q: &SlotQuery) -> Span {
        let earliest = q.now + Duration::minutes(i64::from(self.policy.min_notice_minutes));
        let latest = q.now + Duration::days(i64::from(self.policy.horizon_days));
        let first = day_start(self.tz, q.from);
        let last = day_start(self.tz, q.to.succ_opt().unwrap_or(q.to));
        (first.max(earliest), last.min(latest))
    }

    /// A practitioner's open time inside `window`, as sorted, disjoint spans.
    fn open_time(&self, cal: &PractitionerCalendar<'_>, q: &SlotQuery, window: Span) -> Vec<Span> {
        let mut open: Vec<Span> = Vec::new();
        let mut day = q.from;
        while day <= q.to {
            for range in cal.working_hours.day(chrono::Datelike::weekday(&day)) {
                open.push((
                    range_start(self.tz, day.and_time(range.start)),
                    range_end(self.tz, day.and_time(range.end)),
                ));
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        let mut closed: Vec<Span> = self
            .closures
            .iter()
            .map(|c| {
                let end = c.last_day.succ_opt().unwrap_or(c.last_day);
                (day_start(self.tz, c.first_day), day_start(self.tz, end))
            })
            .collect();
        for e in &cal.exceptions {
            match e.kind {
                ExceptionKind::ExtraHours => open.push((e.starts_at, e.ends_at)),
                ExceptionKind::TimeOff => closed.push((e.starts_at, e.ends_at)),
            }
        }
        let open = merge(open);
        let closed = merge(closed);
        subtract(&open, &closed)
            .into_iter()
            .filter_map(|(a, b)| {
                let (a, b) = (a.max(window.0), b.min(window.1));
                (a < b).then_some((a, b))
            })
            .collect()
    }

    /// The first instant at or after `t` whose local time is on the slot grid.
    fn align(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let grid = i64::from(self.policy.slot_grid_minutes.max(1));
        let wall = local(self.tz, t);
        let seconds = i64::from(wall.num_seconds_from_midnight());
        let into_slot = seconds % (grid * 60);
        if into_slot == 0 && t.timestamp_subsec_nanos() == 0 {
            t
        } else {
            let whole = t - Duration::nanoseconds(i64::from(t.timestamp_subsec_nanos()));
            whole + Duration::seconds(grid * 60 - into_slot)
        }
    }
}

/// Sorts spans and joins the ones that touch or overlap.
fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.retain(|(a, b)| a < b);
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// `open` minus `closed`; both sorted and disjoint.
fn subtract(open: &[Span], closed: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &(mut a, b) in open {
        for &(c, d) in closed {
            if d <= a || c >= b {
                continue;
            }
            if c > a {
                out.push((a, c));
            }
            a = a.max(d);
            if a >= b {
                break;
            }
        }
        if a < b {
            out.push((a, b));
        }
    }
    out
}

/// One slot per start time; the least-loaded practitioner takes each, ties to the first.
fn spread(
    per_practitioner: Vec<Vec<Slot>>,
    mut load: Vec<i64>,
    minutes: i64,
    limit: usize,
) -> Vec<Slot> {
    if per_practitioner.len() == 1 {
        let mut only = per_practitioner.into_iter().next().unwrap_or_default();
        only.truncate(limit);
        return only;
    }
    let mut all: Vec<(usize, Slot)> = per_practitioner
        .into_iter()
        .enumerate()
        .flat_map(|(i, slots)| slots.into_iter().map(move |s| (i, s)))
        .collect();
    all.sort_by_key(|(i, s)| (s.starts_at, *i));
    let mut out: Vec<Slot> = Vec::new();
    let mut group_start = 0;
    while group_start < all.len() && out.len() < limit {
        let at = all[group_start].1.starts_at;
        let group_end =
            group_start + all[group_start..].partition_point(|(_, s)| s.starts_at == at);
        let group = &all[group_start..group_end];
        // `group` is non-empty: it starts at `group_start`, which is in bounds.
        let (index, slot) = group
            .iter()
            .min_by_key(|(i, _)| (load[*i], *i))
            .copied()
            .unwrap_or(group[0]);
        load[index] += minutes;
        out.push(slot);
        group_start = group_end;
    }
    out
}
