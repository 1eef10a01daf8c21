//! Appointments and the rules of how their status may change.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, AppointmentId, PatientId, PractitionerId, ServiceId};

use super::catalog::Price;

stored_enum!(
    /// Where an appointment is in its life.
    AppointmentStatus {
        /// Tentatively kept for a patient who is deciding; released at `hold_expires_at`.
        Held = "held",
        /// Booked.
        Confirmed = "confirmed",
        /// Called off by the patient or the clinic.
        Cancelled = "cancelled",
        /// A hold that lapsed without confirmation.
        Expired = "expired",
        /// Took place.
        Completed = "completed",
        /// The patient did not come.
        NoShow = "no_show",
    }
);

impl AppointmentStatus {
    /// Whether the appointment occupies its practitioner's time.
    pub fn blocks_time(self) -> bool {
        matches!(self, AppointmentStatus::Held | AppointmentStatus::Confirmed)
    }
}

stored_enum!(
    /// How the visit happens.
    AppointmentKind {
        /// At the clinic.
        InPerson = "in_person",
        /// By video.
        Online = "online",
        /// A follow-up to an earlier visit.
        FollowUp = "follow_up",
    }
);

stored_enum!(
    /// Who created the appointment.
    AppointmentSource {
        /// The assistant, in a conversation.
        Assistant = "assistant",
        /// Clinic staff, in the dashboard or API.
        Staff = "staff",
        /// The patient, on the web.
        Web = "web",
    }
);

stored_enum!(
    /// Who called an appointment off.
    CancelledBy {
        /// The patient.
        Patient = "patient",
        /// The clinic.
        Clinic = "clinic",
    }
);

stored_enum!(
    /// The kind of party that changed an appointment.
    ActorKind {
        /// A staff account.
        Staff = "staff",
        /// The patient (through the assistant or the web).
        Patient = "patient",
        /// The assistant acting for the patient.
        Assistant = "assistant",
        /// Frontdesk itself (hold expiry).
        System = "system",
    }
);

/// Who made a change, for the appointment's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Actor {
    /// Staff, patient, assistant or system.
    pub kind: ActorKind,
    /// The staff account, when a person logged in did it.
    pub account_id: Option<AccountId>,
}

impl Actor {
    /// A logged-in staff member.
    pub fn staff(account: AccountId) -> Self {
        Actor {
            kind: ActorKind::Staff,
            account_id: Some(account),
        }
    }

    /// Frontdesk itself.
    pub fn system() -> Self {
        Actor {
            kind: ActorKind::System,
            account_id: None,
        }
    }
}

/// A stored appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Appointment {
    /// Its id.
    pub id: AppointmentId,
    /// What is done.
    pub service_id: ServiceId,
    /// By whom.
    pub practitioner_id: PractitionerId,
    /// For whom.
    pub patient_id: PatientId,
    /// Starts (UTC).
    pub starts_at: DateTime<Utc>,
    /// Ends (UTC).
    pub ends_at: DateTime<Utc>,
    /// The practitioner's time it occupies, buffers included.
    pub busy_from: DateTime<Utc>,
    /// End of the occupied time, buffers included.
    pub busy_until: DateTime<Utc>,
    /// Where it is in its life.
    pub status: AppointmentStatus,
    /// When a hold lapses.
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// In person, online or follow-up.
    pub kind: AppointmentKind,
    /// Who created it.
    pub source: AppointmentSource,
    /// The price when booked (later price changes do not alter it).
    pub price: Option<Price>,
    /// Who cancelled it.
    pub cancelled_by: Option<CancelledBy>,
    /// Cancelled inside the clinic's cancellation notice.
    pub late_cancellation: bool,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// When the patient arrived.
    pub arrived_at: Option<DateTime<Utc>>,
    /// Notes for staff.
    pub notes: String,
    /// Grows with every change, for calendar clients (iCalendar SEQUENCE).
    pub sequence: i32,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A change of status requested by someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusChange {
    /// A hold becomes a booking.
    Confirm,
    /// Called off.
    Cancel {
        /// By whom.
        by: CancelledBy,
        /// Why.
        reason: Option<String>,
    },
    /// The patient is at the front desk.
    Arrive,
    /// The visit took place.
    Complete,
    /// The patient did not come.
    NoShow,
    /// A hold lapsed (the sweep).
    Expire,
}

impl StatusChange {
    /// The history's name for it.
    pub fn action(&self) -> &'static str {
        match self {
            StatusChange::Confirm => "confirmed",
            StatusChange::Cancel { .. } => "cancelled",
            StatusChange::Arrive => "arrived",
            StatusChange::Complete => "completed",
            StatusChange::NoShow => "no_show",
            StatusChange::Expire => "expired",
        }
    }
}

/// Why a change is not allowed now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TransitionRefused(pub String);

impl Appointment {
    /// Applies `change` at `now`; `cancellation_notice` decides whether a cancellation is late.
    pub fn apply(
        &mut self,
        change: &StatusChange,
        now: DateTime<Utc>,
        cancellation_notice: Duration,
    ) -> Result<(), TransitionRefused> {
        use AppointmentStatus::*;
        let refuse = |what: &str| {
            Err(TransitionRefused(format!(
                "a {} appointment cannot be {what}",
                self.status.as_str().replace('_', "-")
            )))
        };
        let live_hold = self.status == Held && self.hold_expires_at.is_some_and(|t| t > now);
        match change {
            StatusChange::Confirm => {
                if self.status == Held && !live_hold {
                    return Err(TransitionRefused(
                        "the hold has expired; find a new slot and hold it again".into(),
                    ));
                }
                if self.status != Held {
                    return refuse("confirmed");
                }
                self.status = Confirmed;
                self.hold_expires_at = None;
            }
            StatusChange::Cancel { by, reason } => {
                if !matches!(self.status, Held | Confirmed) {
                    return refuse("cancelled");
                }
                self.late_cancellation =
                    self.status == Confirmed && now > self.starts_at - cancellation_notice;
                self.status = Cancelled;
                self.cancelled_by = Some(*by);
                self.cancel_reason = reason.clone();
                self.hold_expires_at = None;
            }
            StatusChange::Arrive => {
                if self.status != Confirmed {
                    return refuse("marked arrived");
                }
                if self.arrived_at.is_some() {
                    return Err(TransitionRefused(
                        "the patient is already marked arrived".into(),
                    ));
                }
                self.arrived_at = Some(now);
            }
            StatusChange::Complete | StatusChange::NoShow => {
                let what = if *change == StatusChange::Complete {
                    "completed"
                } else {
                    "marked no-show"
                };
                if self.status != Confirmed {
                    return refuse(what);
                }
                if now < self.starts_at {
                    return Err(TransitionRefused(format!(
                        "an appointment cannot be {what} before it starts"
                    )));
                }
                self.status = if *change == StatusChange::Complete {
                    Completed
                } else {
                    NoShow
                };
            }
            StatusChange::Expire => {
                if self.status != Held || live_hold {
                    return refuse("expired");
                }
                self.status = Expired;
            }
        }
        self.sequence += 1;
        self.updated_at = now;
        Ok(())
    }

    /// Whether it can be moved to another time now.
    pub fn check_reschedulable(&self, now: DateTime<Utc>) -> Result<(), TransitionRefused> {
        match self.status {
            AppointmentStatus::Confirmed => Ok(()),
            AppointmentStatus::Held if self.hold_expires_at.is_some_and(|t| t > now) => Ok(()),
            s => Err(TransitionRefused(format!(
                "a {} appointment cannot be rescheduled",
                s.as_str().replace('_', "-")
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appointment(
        status: AppointmentStatus,
        starts_in_hours: i64,
        now: DateTime<Utc>,
    ) -> Appointment {
        let starts_at = now + Duration::hours(starts_in_hours);
        Appointment {
            id: AppointmentId::new(),
            service_id: ServiceId::new(),
            practitioner_id: PractitionerId::new(),
            patient_id: PatientId::new(),
            starts_at,
            ends_at: starts_at + Duration::minutes(30),
            busy_from: starts_at,
            busy_until: starts_at + Duration::minutes(30),
            status,
            hold_expires_at: (status == AppointmentStatus::Held)
                .then(|| now + Duration::minutes(10)),
            kind: AppointmentKind::InPerson,
            source: AppointmentSource::Staff,
            price: None,
            cancelled_by: None,
            late_cancellation: false,
            cancel_reason: None,
            arrived_at: None,
            notes: String::new(),
            sequence: 0,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn holds_confirm_until_they_expire() {
        let now = Utc::now();
        let notice = Duration::hours(24);
        let mut a = appointment(AppointmentStatus::Held, 48, now);
        a.apply(&StatusChange::Confirm, now, notice).unwrap();
        assert_eq!(
            (a.status, a.hold_expires_at, a.sequence),
            (AppointmentStatus::Confirmed, None, 1)
        );

        let mut lapsed = appointment(AppointmentStatus::Held, 48, now);
        let later = now + Duration::minutes(11);
        assert!(lapsed.apply(&StatusChange::Confirm, later, notice).is_err());
        assert!(
            lapsed.apply(&StatusChange::Expire, now, notice).is_err(),
            "still live"
        );
        lapsed.apply(&StatusChange::Expire, later, notice).unwrap();
        assert_eq!(lapsed.status, AppointmentStatus::Expired);
    }

    #[test]
    fn late_cancellations_are_flagged() {
        let now = Utc::now();
        let notice = Duration::hours(24);
        let by = CancelledBy::Patient;
        let mut early = appointment(AppointmentStatus::Confirmed, 48, now);
        early
            .apply(&StatusChange::Cancel { by, reason: None }, now, notice)
            .unwrap();
        assert!(!early.late_cancellation);
        let mut late = appointment(AppointmentStatus::Confirmed, 3, now);
        late.apply(
            &StatusChange::Cancel {
                by,
                reason: Some("sick".into()),
            },
            now,
            notice,
        )
        .unwrap();
        assert!(late.late_cancellation);
        assert_eq!(late.cancelled_by, Some(CancelledBy::Patient));
        // A cancelled appointment stays cancelled.
        let err = late.apply(&StatusChange::Confirm, now, notice).unwrap_err();
        assert_eq!(err.0, "a cancelled appointment cannot be confirmed");
    }

    #[test]
    fn visits_complete_only_once_started() {
        let now = Utc::now();
        let notice = Duration::hours(24);
        let mut future = appointment(AppointmentStatus::Confirmed, 2, now);
        assert!(future.apply(&StatusChange::Complete, now, notice).is_err());
        future.apply(&StatusChange::Arrive, now, notice).unwrap();
        assert!(future.apply(&StatusChange::Arrive, now, notice).is_err());
        let mut past = appointment(AppointmentStatus::Confirmed, -1, now);
        past.apply(&StatusChange::NoShow, now, notice).unwrap();
        assert_eq!(past.status, AppointmentStatus::NoShow);
        assert!(past.check_reschedulable(now).is_err());
        assert!(past.apply(&StatusChange::Complete, now, notice).is_err());
    }
}
