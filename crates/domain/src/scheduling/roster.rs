//! Who works when: practitioners, their weekly hours, time off, extra hours, and closures.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, ClosureId, ExceptionId, PractitionerId};
use crate::language::Language;
use crate::opening_hours::OpeningHours;
use crate::validation::{Checker, Invalid, bounded_text};

/// A practitioner as the clinic describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PractitionerDetails {
    /// Full name, as patients should read it.
    #[schema(max_length = 120, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// Title, e.g. "Dr." or "Dt.".
    #[serde(default)]
    #[schema(max_length = 40, pattern = "TEXT")]
    pub title: String,
    /// Specialty, e.g. "Orthodontics".
    #[serde(default)]
    #[schema(max_length = 120, pattern = "TEXT")]
    pub specialty: String,
    /// Languages they speak with patients.
    #[serde(default)]
    pub languages: Vec<Language>,
    /// Their staff account, if they log in.
    #[serde(default)]
    pub account_id: Option<AccountId>,
    /// Weekly working hours in the clinic's time zone; several ranges a day leave breaks.
    #[serde(default)]
    pub working_hours: OpeningHours,
    /// Whether they take appointments.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl PractitionerDetails {
    /// Checks every rule; returns all problems at once.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if let Some(v) = c.check(bounded_text("name", &self.name, 1, 120)) {
            self.name = v;
        }
        if let Some(v) = c.check(bounded_text("title", &self.title, 0, 40)) {
            self.title = v;
        }
        if let Some(v) = c.check(bounded_text("specialty", &self.specialty, 0, 120)) {
            self.specialty = v;
        }
        self.languages.dedup();
        if let Some(h) = c.check(self.working_hours.clone().normalized("working_hours")) {
            self.working_hours = h;
        }
        c.finish().map(|()| self)
    }
}

/// A stored practitioner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Practitioner {
    /// Their id.
    pub id: PractitionerId,
    /// Who they are and when they work.
    #[serde(flatten)]
    pub details: PractitionerDetails,
}

/// Whether an exception removes or adds working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// Not available (holiday, sick leave, a conference).
    TimeOff,
    /// Available outside the weekly hours (a Saturday clinic).
    ExtraHours,
}

impl ExceptionKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionKind::TimeOff => "time_off",
            ExceptionKind::ExtraHours => "extra_hours",
        }
    }

    /// Parses a stored name.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        match value {
            "time_off" => Ok(ExceptionKind::TimeOff),
            "extra_hours" => Ok(ExceptionKind::ExtraHours),
            _ => Err(Invalid::field(field, "use time_off or extra_hours")),
        }
    }
}

/// A practitioner's time off or extra hours, as instants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ScheduleException {
    /// Its id.
    pub id: ExceptionId,
    /// Whose.
    pub practitioner_id: PractitionerId,
    /// Time off or extra hours.
    pub kind: ExceptionKind,
    /// From.
    pub starts_at: DateTime<Utc>,
    /// Until (exclusive).
    pub ends_at: DateTime<Utc>,
    /// Why, for staff.
    pub note: String,
}

impl ScheduleException {
    /// Checks an exception's span: forwards, at most a year.
    pub fn check_span(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<(), Invalid> {
        if ends_at <= starts_at {
            return Err(Invalid::field("ends_at", "must be after starts_at"));
        }
        if ends_at - starts_at > chrono::Duration::days(366) {
            return Err(Invalid::field(
                "ends_at",
                "an exception lasts at most a year",
            ));
        }
        Ok(())
    }
}

/// Days the whole clinic is closed (a public holiday), in its own calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Closure {
    /// Its id.
    pub id: ClosureId,
    /// First closed day.
    pub first_day: NaiveDate,
    /// Last closed day (inclusive).
    pub last_day: NaiveDate,
    /// Why, e.g. "Republic Day".
    pub reason: String,
}

impl Closure {
    /// Checks a closure's days: forwards, at most a year.
    pub fn check_days(first_day: NaiveDate, last_day: NaiveDate) -> Result<(), Invalid> {
        if last_day < first_day {
            return Err(Invalid::field("last_day", "must be on or after first_day"));
        }
        if (last_day - first_day).num_days() > 366 {
            return Err(Invalid::field("last_day", "a closure lasts at most a year"));
        }
        Ok(())
    }

    /// Whether `day` is closed.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.first_day <= day && day <= self.last_day
    }
}
