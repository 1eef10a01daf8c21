-- How each clinic's assistant answers; the model API's key is sealed like channel credentials.
CREATE TABLE assistant_settings (
    clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
    settings jsonb NOT NULL,
    api_key text,
    updated_at timestamptz NOT NULL
);
