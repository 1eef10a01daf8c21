-- How each clinic's assistant answers; the model API's key is sealed like channel credentials.
CREATE TABLE assistant_settings (
    clinic_id BLOB PRIMARY KEY NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    settings TEXT NOT NULL,
    api_key TEXT,
    updated_at TEXT NOT NULL
);
