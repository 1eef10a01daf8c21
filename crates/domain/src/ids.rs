//! Identifiers. Each is a distinct type so a clinic id can never be passed as an account id.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(Uuid);

        impl $name {
            /// A new, time-ordered id (UUIDv7).
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// Wraps an id read back from storage.
            pub fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            /// The underlying UUID, for storage.
            pub fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A clinic (tenant). Handlers obtain one only from a verified membership.
    ClinicId
);
id_type!(
    /// A person's login account.
    AccountId
);
id_type!(
    /// A pending invitation to join a clinic.
    InvitationId
);
id_type!(
    /// Something a clinic offers, such as a cleaning or a first consultation.
    ServiceId
);
id_type!(
    /// A doctor, dentist or therapist who sees patients.
    PractitionerId
);
id_type!(
    /// A practitioner's time off or extra hours.
    ExceptionId
);
id_type!(
    /// A day or days the whole clinic is closed.
    ClosureId
);
id_type!(
    /// A patient of one clinic.
    PatientId
);
id_type!(
    /// An appointment (held, confirmed or past).
    AppointmentId
);
id_type!(
    /// A subscribable calendar feed.
    CalendarFeedId
);
id_type!(
    /// A clinic's messaging channel (a WhatsApp number at a provider, or the web chat).
    ChannelId
);
id_type!(
    /// The thread between a clinic's channel and one contact.
    ConversationId
);
id_type!(
    /// One message, in either direction.
    MessageId
);
id_type!(
    /// An approved message template of a channel.
    TemplateId
);
