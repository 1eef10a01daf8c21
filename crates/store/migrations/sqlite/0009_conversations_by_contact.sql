-- The inbox looks a clinic's conversations up by the contact's phone number
-- (`GET …/conversations?phone=`). The unique (clinic, channel, contact) index leads with the
-- channel, so without this the lookup read every conversation of the clinic; it ends with the
-- list's order, like conversations_recent, so SQLite's planner (which has no statistics)
-- takes it over that one.
CREATE INDEX conversations_by_contact ON conversations(clinic_id, contact, last_message_at DESC, id);
