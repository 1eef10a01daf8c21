-- The knowledge base: uploaded documents (the file itself is kept, so extraction is a durable
-- job that can run again after a crash, and a replacement keeps the old text searchable
-- until the new one is ready), their chunks, FAQs, and one FTS5 index over both. Vectors are
-- little-endian f32 blobs tagged with the model that made them; a change of model leaves
-- them stale and they are made again. knowledge_versions moves on every change of a clinic's
-- knowledge, so in-memory vector indexes know when to reload.
CREATE TABLE documents (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    filename TEXT,
    format TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'pdf', 'docx')),
    content_type TEXT,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    language TEXT,
    status TEXT NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    error TEXT,
    chunk_count INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_by_clinic ON documents(clinic_id, created_at);

-- seq is the row's stable rowid (an INTEGER PRIMARY KEY survives VACUUM), the FTS key.
CREATE TABLE knowledge_chunks (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    clinic_id BLOB NOT NULL,
    document_id BLOB NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    heading_path TEXT NOT NULL,
    text TEXT NOT NULL,
    language TEXT,
    tokens INTEGER NOT NULL,
    embedding BLOB,
    embedding_model TEXT
) STRICT;
CREATE INDEX knowledge_chunks_by_document ON knowledge_chunks(document_id, position);
CREATE INDEX knowledge_chunks_by_clinic ON knowledge_chunks(clinic_id, embedding_model);

CREATE TABLE faqs (
    seq INTEGER PRIMARY KEY,
    id BLOB NOT NULL UNIQUE,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    embedding BLOB,
    embedding_model TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX faqs_by_clinic ON faqs(clinic_id, created_at);

CREATE TABLE knowledge_versions (
    clinic_id BLOB PRIMARY KEY NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
) STRICT;

-- One index for chunks (rowid = the chunk's seq) and FAQs (rowid = minus the FAQ's seq), so
-- their bm25 scores rank together. Diacritics are folded: patients often type without them.
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
    body, clinic_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER knowledge_chunks_indexed AFTER INSERT ON knowledge_chunks BEGIN
    INSERT INTO knowledge_fts (rowid, body, clinic_id) VALUES (
        NEW.seq,
        (SELECT title FROM documents WHERE id = NEW.document_id) || ' ' || NEW.heading_path || ' ' || NEW.text,
        NEW.clinic_id);
END;
CREATE TRIGGER knowledge_chunks_unindexed AFTER DELETE ON knowledge_chunks BEGIN
    DELETE FROM knowledge_fts WHERE rowid = OLD.seq;
END;
CREATE TRIGGER faqs_indexed AFTER INSERT ON faqs BEGIN
    INSERT INTO knowledge_fts (rowid, body, clinic_id)
    VALUES (-NEW.seq, NEW.question || ' ' || NEW.answer, NEW.clinic_id);
END;
CREATE TRIGGER faqs_reindexed AFTER UPDATE OF question, answer ON faqs BEGIN
    DELETE FROM knowledge_fts WHERE rowid = -OLD.seq;
    INSERT INTO knowledge_fts (rowid, body, clinic_id)
    VALUES (-NEW.seq, NEW.question || ' ' || NEW.answer, NEW.clinic_id);
END;
CREATE TRIGGER faqs_unindexed AFTER DELETE ON faqs BEGIN
    DELETE FROM knowledge_fts WHERE rowid = -OLD.seq;
END;
