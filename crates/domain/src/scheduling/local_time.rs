//! Turning a clinic's wall-clock times into instants, across daylight-saving changes.
//!
//! A working range such as 09:00–17:00 is wall-clock time in the clinic's zone. On the day
//! clocks spring forward some wall-clock times do not exist, and on the day they fall back
//! some happen twice. We resolve a range's start to the earliest instant that wall-clock time
//! (or, inside a gap, the first one after it) names, and its end to the latest, so a range
//! always covers every instant whose wall-clock reading lies inside it.

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant a range starting at `local` begins.
pub fn range_start(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    resolve(tz, local, true)
}

/// The instant a range ending at `local` ends.
pub fn range_end(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    resolve(tz, local, false)
}

fn resolve(tz: Tz, local: NaiveDateTime, earliest: bool) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            if earliest { a.min(b) } else { a.max(b) }
        }
        LocalResult::None => {
            // Inside a spring-forward gap: the first wall-clock minute after it exists. Gaps
            // are at most a few hours anywhere in the tz database.
            let mut probe = local;
            for _ in 0..(24 * 60) {
                probe += Duration::minutes(1);
                if let Some(t) = tz.from_local_datetime(&probe).earliest() {
                    return t.with_timezone(&Utc);
                }
            }
            // No zone has a day-long gap; fall back to reading the time as UTC.
            local.and_utc()
        }
    }
}

/// The first instant of a local calendar day.
pub fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    range_start(tz, day.and_time(NaiveTime::MIN))
}

/// The local calendar day and wall-clock time of an instant.
pub fn local(tz: Tz, at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn gaps_resolve_to_the_first_instant_after() {
        // New York springs forward at 02:00 on 2026-03-08: 02:30 does not exist.
        let tz: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            range_start(tz, at("2026-03-08 02:30")).to_rfc3339(),
            "2026-03-08T07:00:00+00:00"
        );
    }

    #[test]
    fn repeated_times_widen_the_range() {
        // New York falls back at 02:00 on 2026-11-01: 01:30 happens at 05:30Z and 06:30Z.
        let tz: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            range_start(tz, at("2026-11-01 01:30")).to_rfc3339(),
            "2026-11-01T05:30:00+00:00"
        );
        assert_eq!(
            range_end(tz, at("2026-11-01 01:30")).to_rfc3339(),
            "2026-11-01T06:30:00+00:00"
        );
    }
}
