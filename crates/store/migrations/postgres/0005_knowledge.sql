-- The knowledge base (PostgreSQL): uploaded documents (the file itself is kept, so
-- extraction is a durable job that can run again after a crash, and a replacement keeps the
-- old text searchable until the new one is ready), their chunks and FAQs, each with a
-- tsvector built with the text search configuration of its language (english, turkish,
-- portuguese, spanish; simple when unknown). Vectors are little-endian f32 bytes tagged with
-- the model that made them. knowledge_versions moves on every change of a clinic's
-- knowledge, so in-memory vector indexes know when to reload.
CREATE TABLE documents (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    title text NOT NULL,
    filename text,
    format text NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'pdf', 'docx')),
    content_type text,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    content bytea NOT NULL,
    language text,
    status text NOT NULL CHECK (status IN ('processing', 'ready', 'failed')),
    error text,
    chunk_count bigint NOT NULL,
    revision bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX documents_by_clinic ON documents(clinic_id, created_at);

CREATE TABLE knowledge_chunks (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL,
    document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    position bigint NOT NULL,
    heading_path text NOT NULL,
    text text NOT NULL,
    language text,
    tokens bigint NOT NULL,
    embedding bytea,
    embedding_model text,
    ts_config text NOT NULL,
    tsv tsvector NOT NULL
);
CREATE INDEX knowledge_chunks_by_document ON knowledge_chunks(document_id, position);
CREATE INDEX knowledge_chunks_by_clinic ON knowledge_chunks(clinic_id, embedding_model);
CREATE INDEX knowledge_chunks_text ON knowledge_chunks USING gin (tsv);

CREATE TABLE faqs (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    language text NOT NULL,
    question text NOT NULL,
    answer text NOT NULL,
    embedding bytea,
    embedding_model text,
    ts_config text NOT NULL,
    tsv tsvector NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX faqs_by_clinic ON faqs(clinic_id, created_at);
CREATE INDEX faqs_text ON faqs USING gin (tsv);

CREATE TABLE knowledge_versions (
    clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
    version bigint NOT NULL
);
