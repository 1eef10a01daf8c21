//! The clinic's calendar: what it offers, who works when, and the rules of booking.

pub mod appointment;
pub mod availability;
pub mod catalog;
pub mod local_time;
pub mod patient;
pub mod policy;
pub mod roster;

pub use appointment::{
    Actor, ActorKind, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus,
    CancelledBy, StatusChange, TransitionRefused,
};
pub use availability::{Availability, BusyBlock, PartOfDay, PractitionerCalendar, Slot, SlotQuery};
pub use catalog::{Price, Service, ServiceDetails};
pub use patient::{Patient, PatientDetails};
pub use policy::SchedulingPolicy;
pub use roster::{Closure, ExceptionKind, Practitioner, PractitionerDetails, ScheduleException};
