//! A clinic's booking rules: slot grid, notice, horizon, holds, cancellations, reminders.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use crate::validation::{Checker, Invalid};

/// How a clinic takes bookings. Every field has a default, so `{}` is a valid policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SchedulingPolicy {
    /// Slots start on this grid of minutes past midnight, local time (e.g. 15 → :00, :15 …).
    pub slot_grid_minutes: u32,
    /// The earliest a patient can book, from now.
    #[schema(maximum = 43200)]
    pub min_notice_minutes: u32,
    /// How far ahead bookings open.
    #[schema(minimum = 1, maximum = 730)]
    pub horizon_days: u32,
    /// How long a tentative hold keeps a slot.
    #[schema(minimum = 1, maximum = 1440)]
    pub hold_minutes: u32,
    /// Cancelling closer than this to the start is a late cancellation.
    #[schema(maximum = 336)]
    pub cancellation_notice_hours: u32,
    /// When reminders go out, in minutes before the start (default 24 h and 2 h).
    pub reminder_offsets_minutes: Vec<u32>,
}

impl Default for SchedulingPolicy {
    fn default() -> Self {
        SchedulingPolicy {
            slot_grid_minutes: 15,
            min_notice_minutes: 60,
            horizon_days: 90,
            hold_minutes: 10,
            cancellation_notice_hours: 24,
            reminder_offsets_minutes: vec![24 * 60, 120],
        }
    }
}

impl SchedulingPolicy {
    /// Checks every rule; returns all problems at once.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if !(5..=240).contains(&self.slot_grid_minutes) || 1440 % self.slot_grid_minutes != 0 {
            c.push(
                "slot_grid_minutes",
                "must divide a day evenly and be 5 to 240 minutes (5, 10, 15, 20, 30, 60 …)",
            );
        }
        if self.min_notice_minutes > 60 * 24 * 30 {
            c.push("min_notice_minutes", "must be at most 30 days");
        }
        if !(1..=730).contains(&self.horizon_days) {
            c.push("horizon_days", "must be between 1 and 730 days");
        }
        if !(1..=1440).contains(&self.hold_minutes) {
            c.push("hold_minutes", "must be between 1 and 1440 minutes");
        }
        if self.cancellation_notice_hours > 24 * 14 {
            c.push("cancellation_notice_hours", "must be at most 14 days");
        }
        self.reminder_offsets_minutes
            .sort_unstable_by(|a, b| b.cmp(a));
        self.reminder_offsets_minutes.dedup();
        if self.reminder_offsets_minutes.len() > 5
            || self
                .reminder_offsets_minutes
                .iter()
                .any(|m| !(5..=60 * 24 * 14).contains(m))
        {
            c.push(
                "reminder_offsets_minutes",
                "at most 5 reminders, each 5 minutes to 14 days before",
            );
        }
        c.finish().map(|()| self)
    }

    /// The slot grid.
    pub fn grid(&self) -> Duration {
        Duration::minutes(i64::from(self.slot_grid_minutes.max(1)))
    }

    /// How long a hold lasts.
    pub fn hold(&self) -> Duration {
        Duration::minutes(i64::from(self.hold_minutes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_document_is_the_default_and_bad_values_are_named() {
        let p: SchedulingPolicy = serde_json::from_str("{}").unwrap();
        assert_eq!(p.validated().unwrap(), SchedulingPolicy::default());
        let bad: SchedulingPolicy =
            serde_json::from_str(r#"{"slot_grid_minutes": 7, "reminder_offsets_minutes": [0]}"#)
                .unwrap();
        let fields: Vec<_> = bad
            .validated()
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["slot_grid_minutes", "reminder_offsets_minutes"]);
    }
}
