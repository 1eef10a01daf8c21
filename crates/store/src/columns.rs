//! The column lists and shared clauses that several statements are built from, so each row
//! type is read by the same columns everywhere (joined into statements with
//! `constcat::concat!`, which takes constants).

/// Columns of `channels` that make a `ChannelRow`.
pub(crate) const CHANNEL_COLUMNS: &str = "id, clinic_id, kind, name, address, route_key, settings, credentials, active, created_at, updated_at";

/// Conversations with their channel's kind, unread count and last message's text.
pub(crate) const CONVERSATION_SELECT: &str = "SELECT c.id, c.channel_id, ch.kind AS channel_kind, c.contact, c.contact_name, c.patient_id, \
         c.state, c.status, c.needs_human, c.human_reason, c.taken_over_by, c.taken_over_until, \
         c.assigned_to, c.last_inbound_at, c.last_message_at, c.last_seq, \
         (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' \
          AND m.seq > c.read_seq) AS unread, \
         (SELECT m.preview FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) AS last_preview, \
         c.created_at FROM conversations c JOIN channels ch ON ch.id = c.channel_id ";

/// Columns of `messages` that make a `MessageRow`.
pub(crate) const MESSAGE_COLUMNS: &str = "id, conversation_id, seq, direction, author, author_account, provider_message_id, content, \
         preview, template, status, error, turn, sent_at, created_at";

/// Columns of `message_templates` that make a `TemplateRow`.
pub(crate) const TEMPLATE_COLUMNS: &str =
    "id, channel_id, name, language, body, variables, provider_ref, approved";

/// Columns of `clinics` that make a `ClinicRow`.
pub(crate) const CLINIC_COLUMNS: &str = "id, slug, name, time_zone, default_language, languages, contact, \
         address, opening_hours, emergency_instructions, persona, created_at, updated_at";

/// Columns of `appointments` that make an `Appointment`.
pub(crate) const APPOINTMENT_COLUMNS: &str = "id, service_id, practitioner_id, patient_id, starts_at, ends_at, busy_from, busy_until, \
         status, hold_expires_at, kind, source, price_minor, currency, cancelled_by, \
         late_cancellation, cancel_reason, arrived_at, notes, sequence, created_at, updated_at";

/// [`APPOINTMENT_COLUMNS`] of the `appointments` table aliased `a`, for queries that join it.
pub(crate) const APPOINTMENT_COLUMNS_OF_A: &str = "a.id, a.service_id, a.practitioner_id, a.patient_id, a.starts_at, a.ends_at, a.busy_from, \
         a.busy_until, a.status, a.hold_expires_at, a.kind, a.source, a.price_minor, a.currency, \
         a.cancelled_by, a.late_cancellation, a.cancel_reason, a.arrived_at, a.notes, a.sequence, \
         a.created_at, a.updated_at";

/// The conditions, order and limit of an appointment list over `appointments a`: `$1` clinic,
/// `$2`/`$3` start range, `$4` practitioner, `$5` patient, `$6` status, `$7`/`$8` cursor,
/// `$9` limit.
pub(crate) const APPOINTMENT_LIST_CONDITIONS: &str = " WHERE a.clinic_id = $1 \
         AND ($2 IS NULL OR a.starts_at >= $2) AND ($3 IS NULL OR a.starts_at < $3) \
         AND ($4 IS NULL OR a.practitioner_id = $4) AND ($5 IS NULL OR a.patient_id = $5) \
         AND ($6 IS NULL OR a.status = $6) \
         AND ($7 IS NULL OR a.starts_at > $7 OR (a.starts_at = $7 AND a.id > $8)) \
         ORDER BY a.starts_at, a.id LIMIT $9";

/// Columns of `services` that make a `ServiceRow`.
pub(crate) const SERVICE_COLUMNS: &str = "id, name, aliases, description, duration_minutes, price_minor, currency, \
         buffer_before_minutes, buffer_after_minutes, active, patient_bookable";

/// Columns of `practitioners` that make a `PractitionerRow`.
pub(crate) const PRACTITIONER_COLUMNS: &str =
    "id, name, title, specialty, languages, account_id, working_hours, active";

/// Columns of `patients` that make a `PatientRow`.
pub(crate) const PATIENT_COLUMNS: &str =
    "id, name, phone, email, language, date_of_birth, notes, created_at";
