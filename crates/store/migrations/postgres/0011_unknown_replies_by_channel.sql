-- A status report for a provider id never recorded settles the contact's oldest reply whose
-- send outcome is unknown. Without this index that look-up read every message of every
-- channel; replies in `unknown` are few (a worker stopped mid-send), so it stays small.
CREATE INDEX messages_unknown ON messages(channel_id, seq) WHERE status = 'unknown';
