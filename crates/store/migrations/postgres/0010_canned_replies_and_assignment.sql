-- Canned replies: texts staff insert into the inbox composer by shortcut, per language.
CREATE TABLE canned_replies (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    shortcut text NOT NULL,
    language text NOT NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (clinic_id, language, shortcut)
);

-- The staff member a conversation is assigned to (who follows it up), apart from who has
-- taken it over from the assistant right now.
ALTER TABLE conversations ADD COLUMN assigned_to uuid REFERENCES accounts(id) ON DELETE SET NULL;
CREATE INDEX conversations_by_assignee ON conversations(clinic_id, assigned_to, last_message_at DESC, id);
