-- Canned replies: texts staff insert into the inbox composer by shortcut, per language.
CREATE TABLE canned_replies (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    shortcut TEXT NOT NULL,
    language TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (clinic_id, language, shortcut)
) STRICT;

-- The staff member a conversation is assigned to (who follows it up), apart from who has
-- taken it over from the assistant right now.
ALTER TABLE conversations ADD COLUMN assigned_to BLOB REFERENCES accounts(id) ON DELETE SET NULL;
CREATE INDEX conversations_by_assignee ON conversations(clinic_id, assigned_to, last_message_at DESC, id);
