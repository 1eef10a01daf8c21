-- btree_gist lets one exclusion constraint compare uuids and time ranges. It lives in public so
-- that dropping a schema (tests use one per run) never takes it away from another.
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public;

-- Scheduling: policy, practitioners, services, exceptions, closures, patients, appointments,
-- their history, reminders and calendar feeds. Composite foreign keys (id, clinic_id) make a
-- row of one clinic unable to point at another clinic's practitioner, service or patient.
-- Double booking is impossible: an exclusion constraint on each practitioner's busy time.
CREATE TABLE scheduling_policies (
    clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
    policy jsonb NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE practitioners (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name text NOT NULL,
    title text NOT NULL,
    specialty text NOT NULL,
    languages jsonb NOT NULL,
    account_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
    working_hours jsonb NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (id, clinic_id)
);
CREATE INDEX practitioners_by_clinic ON practitioners(clinic_id, name);

CREATE TABLE services (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name jsonb NOT NULL,
    aliases jsonb NOT NULL,
    description text NOT NULL,
    duration_minutes integer NOT NULL,
    price_minor bigint,
    currency text,
    buffer_before_minutes integer NOT NULL,
    buffer_after_minutes integer NOT NULL,
    active boolean NOT NULL,
    patient_bookable boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (id, clinic_id)
);
CREATE INDEX services_by_clinic ON services(clinic_id);

CREATE TABLE service_practitioners (
    clinic_id uuid NOT NULL,
    service_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    PRIMARY KEY (service_id, practitioner_id),
    FOREIGN KEY (service_id, clinic_id) REFERENCES services(id, clinic_id) ON DELETE CASCADE,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
);
CREATE INDEX service_practitioners_by_practitioner ON service_practitioners(practitioner_id);

CREATE TABLE schedule_exceptions (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('time_off', 'extra_hours')),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    note text NOT NULL,
    created_at timestamptz NOT NULL,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
);
CREATE INDEX schedule_exceptions_by_practitioner ON schedule_exceptions(practitioner_id, starts_at);
CREATE INDEX schedule_exceptions_by_clinic ON schedule_exceptions(clinic_id, starts_at);

CREATE TABLE closures (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    first_day date NOT NULL,
    last_day date NOT NULL,
    reason text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX closures_by_clinic ON closures(clinic_id, first_day);

CREATE TABLE patients (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    name text NOT NULL,
    phone text,
    email text,
    language text,
    date_of_birth date,
    notes text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (id, clinic_id)
);
CREATE INDEX patients_by_phone ON patients(clinic_id, phone);
CREATE INDEX patients_by_clinic ON patients(clinic_id, id);

CREATE TABLE appointments (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    service_id uuid NOT NULL,
    practitioner_id uuid NOT NULL,
    patient_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    busy_from timestamptz NOT NULL,
    busy_until timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired', 'completed', 'no_show')),
    hold_expires_at timestamptz,
    kind text NOT NULL CHECK (kind IN ('in_person', 'online', 'follow_up')),
    source text NOT NULL CHECK (source IN ('assistant', 'staff', 'web')),
    price_minor bigint,
    currency text,
    cancelled_by text CHECK (cancelled_by IN ('patient', 'clinic')),
    late_cancellation boolean NOT NULL,
    cancel_reason text,
    arrived_at timestamptz,
    notes text NOT NULL,
    sequence integer NOT NULL,
    idempotency_key text,
    request_fingerprint text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (busy_from <= starts_at AND starts_at < ends_at AND ends_at <= busy_until),
    UNIQUE (clinic_id, idempotency_key),
    CONSTRAINT appointments_no_double_booking EXCLUDE USING gist (
        practitioner_id WITH =, tstzrange(busy_from, busy_until) WITH &&
    ) WHERE (status IN ('held', 'confirmed')),
    FOREIGN KEY (service_id, clinic_id) REFERENCES services(id, clinic_id),
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id),
    FOREIGN KEY (patient_id, clinic_id) REFERENCES patients(id, clinic_id)
);
CREATE INDEX appointments_by_practitioner ON appointments(practitioner_id, busy_from);
CREATE INDEX appointments_by_clinic_time ON appointments(clinic_id, starts_at, id);
-- Availability reads busy spans by clinic and time; every column it needs is in the index.
CREATE INDEX appointments_busy ON appointments(clinic_id, busy_from) INCLUDE (busy_until, practitioner_id, status, hold_expires_at);
CREATE INDEX appointments_by_patient ON appointments(clinic_id, patient_id, starts_at);
CREATE INDEX appointments_held ON appointments(hold_expires_at) WHERE status = 'held';

CREATE TABLE appointment_history (
    id uuid PRIMARY KEY,
    appointment_id uuid NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    clinic_id uuid NOT NULL,
    at timestamptz NOT NULL,
    actor_kind text NOT NULL,
    actor_account_id uuid,
    action text NOT NULL,
    from_status text,
    to_status text NOT NULL,
    practitioner_id uuid NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    note text
);
CREATE INDEX appointment_history_by_appointment ON appointment_history(appointment_id, at);

CREATE TABLE reminders (
    appointment_id uuid NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    offset_minutes integer NOT NULL,
    clinic_id uuid NOT NULL,
    due_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'due')),
    recorded_at timestamptz,
    PRIMARY KEY (appointment_id, offset_minutes)
);
CREATE INDEX reminders_pending ON reminders(due_at) WHERE status = 'pending';

CREATE TABLE calendar_feeds (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    practitioner_id uuid,
    label text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz,
    FOREIGN KEY (practitioner_id, clinic_id) REFERENCES practitioners(id, clinic_id) ON DELETE CASCADE
);
CREATE INDEX calendar_feeds_by_clinic ON calendar_feeds(clinic_id);
