-- Scheduling: policy, practitioners, services, exceptions, closures, patients, appointments,
-- their history, reminders and calendar feeds. Composite foreign keys (id, clinic_id) make a
-- row of one clinic unable to point at another clinic's practitioner, service or patient.
-- Double booking is refused by the store's check-and-insert inside BEGIN IMMEDIATE.
CREATE TABLE scheduling_policies (
    clinic_id BLOB PRIMARY KEY NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    policy TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE practitioners (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    title TEXT NOT NULL,
    specialty TEXT NOT NULL,
    languages TEXT NOT NULL,
    account_id BLOB REFERENCES accounts(id) ON DELETE SET NULL,
    working_hours TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, clinic_id)
) STRICT;
CREATE INDEX practitioners_by_clinic ON practitioners(clinic_id, name);

CREATE TABLE services (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    description TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    price_minor INTEGER,
    currency TEXT,
    buffer_before_minutes INTEGER NOT NULL,
    buffer_after_minutes INTEGER NOT NULL,
    active INTEGER NOT NULL,
    patient_bookable INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, clinic_id)
) STRICT;
CREATE INDEX services_by_clinic ON services(clinic_id);

CREATE TABLE service_practitioners (
    clinic_id BLOB NOT NULL,
    service_id BLOB NOT NULL,
    practitioner_id BLOB NOT NULL,
    PRIMARY KEY (service_id, practitioner_id),
    FOREIGN KEY (service_id, clinic_id) REFERENCES services(id, clinic_id) ON DELETE CASCADE,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX service_practitioners_by_practitioner ON service_practitioners(practitioner_id);

CREATE TABLE schedule_exceptions (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL,
    practitioner_id BLOB NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('time_off', 'extra_hours')),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX schedule_exceptions_by_practitioner ON schedule_exceptions(practitioner_id, starts_at);
CREATE INDEX schedule_exceptions_by_clinic ON schedule_exceptions(clinic_id, starts_at);

CREATE TABLE closures (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX closures_by_clinic ON closures(clinic_id, first_day);

CREATE TABLE patients (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    language TEXT,
    date_of_birth TEXT,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, clinic_id)
) STRICT;
CREATE INDEX patients_by_phone ON patients(clinic_id, phone);
CREATE INDEX patients_by_clinic ON patients(clinic_id, id);

CREATE TABLE appointments (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    service_id BLOB NOT NULL,
    practitioner_id BLOB NOT NULL,
    patient_id BLOB NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    busy_from TEXT NOT NULL,
    busy_until TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show')),
    hold_expires_at TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('in_person', 'online', 'follow_up')),
    source TEXT NOT NULL CHECK (source IN ('assistant', 'staff', 'web')),
    price_minor INTEGER,
    currency TEXT,
    cancelled_by TEXT CHECK (cancelled_by IN ('patient', 'clinic')),
    late_cancellation INTEGER NOT NULL,
    cancel_reason TEXT,
    arrived_at TEXT,
    notes TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    idempotency_key TEXT,
    request_fingerprint TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (busy_from <= starts_at AND starts_at < ends_at AND ends_at <= busy_until),
    UNIQUE (clinic_id, idempotency_key),
    FOREIGN KEY (service_id, clinic_id) REFERENCES services(id, clinic_id),
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id),
    FOREIGN KEY (patient_id, clinic_id) REFERENCES patients(id, clinic_id)
) STRICT;
CREATE INDEX appointments_by_practitioner ON appointments(practitioner_id, busy_from);
CREATE INDEX appointments_by_clinic_time ON appointments(clinic_id, starts_at, id);
-- Availability reads busy spans by clinic and time; every column it needs is in the index.
CREATE INDEX appointments_busy ON appointments(clinic_id, busy_from, busy_until, practitioner_id, status, hold_expires_at);
CREATE INDEX appointments_by_patient ON appointments(clinic_id, patient_id, starts_at);
CREATE INDEX appointments_held ON appointments(hold_expires_at) WHERE status = 'held';

CREATE TABLE appointment_history (
    id BLOB PRIMARY KEY NOT NULL,
    appointment_id BLOB NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    clinic_id BLOB NOT NULL,
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_account_id BLOB,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    practitioner_id BLOB NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    note TEXT
) STRICT;
CREATE INDEX appointment_history_by_appointment ON appointment_history(appointment_id, at);

CREATE TABLE reminders (
    appointment_id BLOB NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    offset_minutes INTEGER NOT NULL,
    clinic_id BLOB NOT NULL,
    due_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'due')),
    recorded_at TEXT,
    PRIMARY KEY (appointment_id, offset_minutes)
) STRICT;
CREATE INDEX reminders_pending ON reminders(due_at) WHERE status = 'pending';

CREATE TABLE calendar_feeds (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    practitioner_id BLOB,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
) STRICT;
CREATE INDEX calendar_feeds_by_clinic ON calendar_feeds(clinic_id);
