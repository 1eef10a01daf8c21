//! Knowledge stories, on both backends: a document and its extraction job are stored
//! together; an extraction lands only for the current revision; chunks, FAQs and vectors
//! stay within their clinic; full-text search finds words in any of the four languages;
//! vectors from another model count as missing.

use chrono::Utc;
use frontdesk_domain::ClinicId;
use frontdesk_store::{
    Extraction, KnowledgeKey, NewChunk, NewDocument, NewFaq, Store, StoreError, WordMatch,
};

use super::clinic_with_owner;

on_both_backends!(
    a_document_is_stored_with_its_extraction_job,
    extraction_lands_only_for_the_current_revision,
    a_document_is_ready_once_its_chunks_have_vectors,
    lexical_search_finds_words_in_each_language_within_the_clinic,
    two_words_leave_out_texts_that_share_one,
    faqs_are_per_clinic_and_the_index_follows_their_edits,
    vectors_are_per_model_and_deleted_with_their_text,
);

fn file(title: &str, body: &str) -> NewDocument {
    NewDocument {
        title: title.into(),
        filename: Some(format!("{title}.md")),
        format: "markdown".into(),
        content_type: Some("text/markdown".into()),
        content: body.as_bytes().to_vec(),
        sha256: "00".repeat(32),
    }
}

fn chunk(position: u32, path: &[&str], text: &str) -> NewChunk {
    NewChunk {
        position,
        heading_path: path.iter().map(|s| s.to_string()).collect(),
        text: text.into(),
        tokens: 10,
    }
}

/// Stores a document of one section, titled as its heading, ready for search.
async fn one_section_document(
    store: &dyn Store,
    clinic: ClinicId,
    language: &str,
    title: &str,
    text: &str,
) {
    let now = Utc::now();
    let doc = store
        .create_document(clinic, &file(title, text), None, now)
        .await
        .unwrap();
    let extraction = ready(language, vec![chunk(0, &[title], text)]);
    store
        .finish_extraction(clinic, doc.id, 1, &extraction, now)
        .await
        .unwrap();
}

fn ready(language: &str, chunks: Vec<NewChunk>) -> Extraction {
    Extraction::Ready {
        title: None,
        language: Some(language.into()),
        chunks,
    }
}

async fn a_document_is_stored_with_its_extraction_job(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "docs-a", "a@docs.test").await;
    let (other, _) = clinic_with_owner(store, "docs-b", "b@docs.test").await;
    let now = Utc::now();
    let doc = store
        .create_document(clinic.id, &file("Guide", "# Hi"), None, now)
        .await
        .unwrap();
    assert_eq!(doc.status.as_str(), "queued");
    assert_eq!(doc.revision, 1);
    let jobs = store
        .claim("w", 10, chrono::Duration::seconds(30), now)
        .await
        .unwrap();
    let extraction: Vec<_> = jobs
        .iter()
        .filter(|j| j.kind == "extract_document")
        .collect();
    assert_eq!(extraction.len(), 1);
    assert_eq!(extraction[0].payload["document_id"], doc.id.to_string());
    assert_eq!(extraction[0].payload["revision"], 1);
    // Claimed, it is being read; the list says the same.
    let read = store.document(clinic.id, doc.id, None).await.unwrap();
    assert_eq!(read.status.as_str(), "extracting");
    let listed = store.documents(clinic.id, None).await.unwrap();
    assert_eq!(listed[0].status.as_str(), "extracting");
    let (_, bytes) = store.document_content(clinic.id, doc.id).await.unwrap();
    assert_eq!(bytes, b"# Hi");
    // Another clinic sees none of it.
    assert!(matches!(
        store.document(other.id, doc.id, None).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.document_content(other.id, doc.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.documents(other.id, None).await.unwrap().is_empty());
    assert!(matches!(
        store.delete_document(other.id, doc.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .replace_document(other.id, doc.id, &file("X", "y"), None, now)
            .await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(store.documents(clinic.id, None).await.unwrap().len(), 1);
}

async fn a_document_is_ready_once_its_chunks_have_vectors(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "vec-ready", "a@vec-ready.test").await;
    let now = Utc::now();
    let doc = store
        .create_document(clinic.id, &file("Hours", "x"), Some("m1"), now)
        .await
        .unwrap();
    assert_eq!(
        (doc.status.as_str(), doc.embedded_chunk_count),
        ("queued", Some(0))
    );
    let text = ready(
        "en",
        vec![
            chunk(0, &["Hours"], "Open daily."),
            chunk(1, &["Parking"], "Free parking."),
        ],
    );
    store
        .finish_extraction(clinic.id, doc.id, 1, &text, now)
        .await
        .unwrap();
    let (clinic_id, doc_id) = (clinic.id, doc.id);
    let status = |model: Option<&'static str>| async move {
        let one = store.document(clinic_id, doc_id, model).await.unwrap();
        let listed = store.documents(clinic_id, model).await.unwrap();
        assert_eq!(listed, std::slice::from_ref(&one));
        (one.status.as_str(), one.embedded_chunk_count)
    };
    // Extracted, no vector yet: found by its words only.
    assert_eq!(status(Some("m1")).await, ("embedding", Some(0)));
    // Without a model search is by words only, and that is all there is to wait for.
    assert_eq!(status(None).await, ("ready", None));
    let chunks = store.document_chunks(clinic.id, doc.id).await.unwrap();
    store
        .store_vectors(
            clinic.id,
            "m1",
            &[(KnowledgeKey::Chunk(chunks[0].id), vec![1.0, 0.0])],
        )
        .await
        .unwrap();
    assert_eq!(status(Some("m1")).await, ("embedding", Some(1)));
    store
        .store_vectors(
            clinic.id,
            "m1",
            &[(KnowledgeKey::Chunk(chunks[1].id), vec![0.0, 1.0])],
        )
        .await
        .unwrap();
    assert_eq!(status(Some("m1")).await, ("ready", Some(2)));
    // Vectors of another model do not count for this one.
    assert_eq!(status(Some("m2")).await, ("embedding", Some(0)));
    // A replacement is queued again, and its new text waits for its own vectors.
    store
        .replace_document(clinic.id, doc.id, &file("Hours", "y"), Some("m1"), now)
        .await
        .unwrap();
    assert_eq!(status(Some("m1")).await, ("queued", Some(2)));
    let v2 = ready("en", vec![chunk(0, &["Hours"], "Open on weekdays.")]);
    store
        .finish_extraction(clinic.id, doc.id, 2, &v2, now)
        .await
        .unwrap();
    assert_eq!(status(Some("m1")).await, ("embedding", Some(0)));
}

async fn extraction_lands_only_for_the_current_revision(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "rev-a", "a@rev.test").await;
    let now = Utc::now();
    let doc = store
        .create_document(clinic.id, &file("Prices", "v1"), None, now)
        .await
        .unwrap();
    let v1 = ready(
        "en",
        vec![chunk(0, &["Prices"], "Cleaning costs 80 euros.")],
    );
    assert!(
        store
            .finish_extraction(clinic.id, doc.id, 1, &v1, now)
            .await
            .unwrap()
    );
    let found = store.document(clinic.id, doc.id, None).await.unwrap();
    assert_eq!(
        (
            found.status.as_str(),
            found.chunk_count,
            found.language.as_deref()
        ),
        ("ready", 1, Some("en"))
    );

    // A replacement: the old chunks stay searchable while it is processed.
    let replaced = store
        .replace_document(clinic.id, doc.id, &file("Prices", "v2"), None, now)
        .await
        .unwrap();
    assert_eq!((replaced.revision, replaced.status.as_str()), (2, "queued"));
    assert_eq!(
        store
            .lexical_search(clinic.id, "cleaning", 5, WordMatch::Any)
            .await
            .unwrap()
            .len(),
        1
    );
    // A late result of revision 1 changes nothing.
    let stale = ready("en", vec![chunk(0, &[], "Stale text about whitening.")]);
    assert!(
        !store
            .finish_extraction(clinic.id, doc.id, 1, &stale, now)
            .await
            .unwrap()
    );
    assert!(
        store
            .lexical_search(clinic.id, "whitening", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
    // Revision 2 replaces the chunks.
    let v2 = ready(
        "en",
        vec![
            chunk(0, &["Prices"], "Whitening costs 300."),
            chunk(1, &["Hours"], "Open daily."),
        ],
    );
    assert!(
        store
            .finish_extraction(clinic.id, doc.id, 2, &v2, now)
            .await
            .unwrap()
    );
    assert!(
        store
            .lexical_search(clinic.id, "cleaning", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
    let chunks = store.document_chunks(clinic.id, doc.id).await.unwrap();
    assert_eq!(
        chunks.iter().map(|c| c.position).collect::<Vec<_>>(),
        [0, 1]
    );
    assert_eq!(chunks[1].heading_path, ["Hours"]);
    assert_eq!(chunks[0].document_title, "Prices");

    // A failed replacement keeps the text it had.
    store
        .replace_document(clinic.id, doc.id, &file("Prices", "v3"), None, now)
        .await
        .unwrap();
    assert!(
        store
            .finish_extraction(
                clinic.id,
                doc.id,
                3,
                &Extraction::Failed("broken".into()),
                now
            )
            .await
            .unwrap()
    );
    let failed = store.document(clinic.id, doc.id, None).await.unwrap();
    assert_eq!(
        (failed.status.as_str(), failed.error.as_deref()),
        ("failed", Some("broken"))
    );
    assert_eq!(
        store
            .lexical_search(clinic.id, "whitening", 5, WordMatch::Any)
            .await
            .unwrap()
            .len(),
        1
    );

    // Deleting takes the chunks (and the index entries) with it.
    store.delete_document(clinic.id, doc.id).await.unwrap();
    assert!(
        store
            .lexical_search(clinic.id, "whitening", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        !store
            .finish_extraction(clinic.id, doc.id, 3, &v2, now)
            .await
            .unwrap()
    );
}

async fn lexical_search_finds_words_in_each_language_within_the_clinic(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "lex-a", "a@lex.test").await;
    let (other, _) = clinic_with_owner(store, "lex-b", "b@lex.test").await;
    let now = Utc::now();
    let texts = [
        (
            "en",
            "Parking",
            "Free parking is available behind the building for all patients.",
        ),
        (
            "tr",
            "Randevu",
            "Randevularınızı telefonla veya WhatsApp üzerinden iptal edebilirsiniz.",
        ),
        (
            "pt",
            "Convênios",
            "Aceitamos os convênios Amil, Bradesco Saúde e SulAmérica.",
        ),
        (
            "es",
            "Ortodoncia",
            "Los tratamientos de ortodoncia incluyen brackets y alineadores.",
        ),
    ];
    for (language, title, text) in texts {
        one_section_document(store, clinic.id, language, title, text).await;
    }
    // The other clinic holds the same words; they never show up for the first.
    let doc = store
        .create_document(other.id, &file("Parking", "x"), None, now)
        .await
        .unwrap();
    store
        .finish_extraction(
            other.id,
            doc.id,
            1,
            &ready("en", vec![chunk(0, &[], "Parking parking parking.")]),
            now,
        )
        .await
        .unwrap();
    for (query, expected_title) in [
        ("Is there parking?", "Parking"),
        ("randevumu iptal etmek istiyorum", "Randevu"),
        ("vocês aceitam convênio Bradesco?", "Convênios"),
        ("¿hacen tratamientos de ortodoncia?", "Ortodoncia"),
    ] {
        let hits = store
            .lexical_search(clinic.id, query, 5, WordMatch::Any)
            .await
            .unwrap();
        let KnowledgeKey::Chunk(first) = hits
            .first()
            .copied()
            .unwrap_or_else(|| panic!("nothing for {query:?}"))
        else {
            panic!("expected a chunk for {query:?}");
        };
        let found = store.chunks_by_id(clinic.id, &[first]).await.unwrap();
        assert_eq!(found[0].document_title, expected_title, "{query}");
    }
    let other_hits = store
        .lexical_search(other.id, "parking", 5, WordMatch::Any)
        .await
        .unwrap();
    assert_eq!(other_hits.len(), 1);
    let KnowledgeKey::Chunk(theirs) = other_hits[0] else {
        panic!()
    };
    assert!(
        store
            .chunks_by_id(clinic.id, &[theirs])
            .await
            .unwrap()
            .is_empty(),
        "hydration is clinic-scoped too"
    );
    assert!(
        store
            .lexical_search(clinic.id, "?!", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn two_words_leave_out_texts_that_share_one(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "pairs", "a@pairs.test").await;
    for (language, title, text) in [
        (
            "en",
            "Whitening",
            "Teeth whitening takes about one hour in the chair.",
        ),
        (
            "en",
            "Cleaning",
            "A cleaning removes the tartar your brush leaves on your teeth.",
        ),
        (
            "tr",
            "Beyazlatma",
            "Diş beyazlatma yaklaşık bir saat sürer.",
        ),
        ("tr", "Acil", "Gece diş ağrısı için nöbetçi hekimi arayın."),
    ] {
        one_section_document(store, clinic.id, language, title, text).await;
    }
    let titles = |hits: Vec<KnowledgeKey>| async move {
        let ids: Vec<_> = hits
            .iter()
            .map(|k| match k {
                KnowledgeKey::Chunk(id) => *id,
                KnowledgeKey::Faq(_) => panic!("no FAQs here"),
            })
            .collect();
        let mut titles: Vec<String> = store
            .chunks_by_id(clinic.id, &ids)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.document_title)
            .collect();
        titles.sort();
        titles
    };
    for (question, two, any) in [
        (
            "How long does teeth whitening take?",
            vec!["Whitening"],
            vec!["Cleaning", "Whitening"],
        ),
        (
            "Diş beyazlatma ne kadar sürer?",
            vec!["Beyazlatma"],
            vec!["Acil", "Beyazlatma"],
        ),
        // One word worth matching: it is enough.
        ("whitening?", vec!["Whitening"], vec!["Whitening"]),
        // Quotes and backslashes are words' edges, never syntax.
        (
            r"O'Neil's \ 'whitening' of teeth",
            vec!["Whitening"],
            vec!["Cleaning", "Whitening"],
        ),
    ] {
        let found = store
            .lexical_search(clinic.id, question, 10, WordMatch::TwoOrMore)
            .await
            .unwrap();
        assert_eq!(titles(found).await, two, "two words: {question}");
        let found = store
            .lexical_search(clinic.id, question, 10, WordMatch::Any)
            .await
            .unwrap();
        assert_eq!(titles(found).await, any, "any word: {question}");
    }
}

async fn faqs_are_per_clinic_and_the_index_follows_their_edits(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "faq-a", "a@faq.test").await;
    let (other, _) = clinic_with_owner(store, "faq-b", "b@faq.test").await;
    let now = Utc::now();
    let faq = |language: &str, q: &str, a: &str| NewFaq {
        language: language.into(),
        question: q.into(),
        answer: a.into(),
    };
    let created = store
        .create_faqs(
            clinic.id,
            &[
                faq("en", "Do you take walk-ins?", "Yes, mornings only."),
                faq("pt", "Tem estacionamento?", "Sim, gratuito."),
            ],
            now,
        )
        .await
        .unwrap();
    assert_eq!(created.len(), 2);
    assert_eq!(store.faqs(clinic.id, None).await.unwrap().len(), 2);
    assert_eq!(store.faqs(clinic.id, Some("pt")).await.unwrap().len(), 1);
    assert!(store.faqs(other.id, None).await.unwrap().is_empty());
    assert!(matches!(
        store.faq(other.id, created[0].id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_faq(other.id, created[0].id, &faq("en", "x", "y"), now)
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_faq(other.id, created[0].id).await,
        Err(StoreError::NotFound)
    ));

    let updated = store
        .update_faq(
            clinic.id,
            created[0].id,
            &faq("en", "Do you take walk-ins?", "Only on Saturdays."),
            now,
        )
        .await
        .unwrap();
    assert_eq!(updated.answer, "Only on Saturdays.");
    // The index follows the update.
    let hits = store
        .lexical_search(clinic.id, "saturdays", 5, WordMatch::Any)
        .await
        .unwrap();
    assert_eq!(hits, [KnowledgeKey::Faq(created[0].id)]);
    assert!(
        store
            .lexical_search(clinic.id, "mornings", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
    let hits = store
        .lexical_search(clinic.id, "estacionamento", 5, WordMatch::Any)
        .await
        .unwrap();
    assert_eq!(hits, [KnowledgeKey::Faq(created[1].id)]);
    assert_eq!(
        store.faqs_by_id(clinic.id, &[created[1].id]).await.unwrap()[0].answer,
        "Sim, gratuito."
    );
    assert!(
        store
            .faqs_by_id(other.id, &[created[1].id])
            .await
            .unwrap()
            .is_empty()
    );

    store.delete_faq(clinic.id, created[1].id).await.unwrap();
    assert!(
        store
            .lexical_search(clinic.id, "estacionamento", 5, WordMatch::Any)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.faqs(clinic.id, None).await.unwrap().len(), 1);
}

async fn vectors_are_per_model_and_deleted_with_their_text(store: &dyn Store) {
    let (clinic, _) = clinic_with_owner(store, "vec-a", "a@vec.test").await;
    let (other, _) = clinic_with_owner(store, "vec-b", "b@vec.test").await;
    let now = Utc::now();
    let doc = store
        .create_document(clinic.id, &file("Guide", "x"), None, now)
        .await
        .unwrap();
    store
        .finish_extraction(
            clinic.id,
            doc.id,
            1,
            &ready(
                "en",
                vec![
                    chunk(0, &["Hours"], "Open 9 to 5."),
                    chunk(1, &[], "Closed Sundays."),
                ],
            ),
            now,
        )
        .await
        .unwrap();
    let faqs = store
        .create_faqs(
            clinic.id,
            &[NewFaq {
                language: "es".into(),
                question: "¿Abren sábados?".into(),
                answer: "Sí.".into(),
            }],
            now,
        )
        .await
        .unwrap();
    let pending = store.unembedded(clinic.id, "model-a", 10).await.unwrap();
    assert_eq!(pending.len(), 3);
    assert!(
        pending.iter().any(|p| p.text == "Hours\nOpen 9 to 5."),
        "a chunk is embedded with its headings: {pending:?}"
    );
    assert!(
        pending
            .iter()
            .any(|p| p.text.contains("¿Abren sábados?") && p.text.contains("Sí."))
    );
    assert_eq!(
        store.clinics_needing_vectors("model-a").await.unwrap(),
        [clinic.id]
    );
    let version = store.knowledge_version(clinic.id).await.unwrap();

    let vectors: Vec<_> = pending
        .iter()
        .enumerate()
        .map(|(i, p)| (p.key, vec![i as f32, 0.5, -1.0]))
        .collect();
    // Stored through another clinic: nothing changes.
    store
        .store_vectors(other.id, "model-a", &vectors)
        .await
        .unwrap();
    assert_eq!(
        store
            .unembedded(clinic.id, "model-a", 10)
            .await
            .unwrap()
            .len(),
        3
    );
    store
        .store_vectors(clinic.id, "model-a", &vectors)
        .await
        .unwrap();
    assert!(store.knowledge_version(clinic.id).await.unwrap() > version);
    assert!(
        store
            .unembedded(clinic.id, "model-a", 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .clinics_needing_vectors("model-a")
            .await
            .unwrap()
            .is_empty()
    );
    let mut stored = store.vectors(clinic.id, "model-a").await.unwrap();
    stored.sort_by(|a, b| a.2[0].total_cmp(&b.2[0]));
    assert_eq!(stored.len(), 3);
    assert_eq!(stored[2].2, vec![2.0, 0.5, -1.0]);
    // Each vector comes with its text's language (the FAQ's, the document's).
    let faq = pending
        .iter()
        .position(|p| p.text.contains("¿Abren sábados?"))
        .unwrap();
    assert_eq!(stored[faq].1.as_deref(), Some("es"));
    assert!(
        (0..3)
            .filter(|i| *i != faq)
            .all(|i| stored[i].1.as_deref() == Some("en"))
    );
    assert!(store.vectors(other.id, "model-a").await.unwrap().is_empty());
    // A new model finds every text stale.
    assert_eq!(
        store
            .unembedded(clinic.id, "model-b", 10)
            .await
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        store.clinics_needing_vectors("model-b").await.unwrap(),
        [clinic.id]
    );
    // An edited FAQ needs a new vector; a deleted document takes its vectors along.
    store
        .update_faq(
            clinic.id,
            faqs[0].id,
            &NewFaq {
                language: "es".into(),
                question: "¿Abren domingos?".into(),
                answer: "No.".into(),
            },
            now,
        )
        .await
        .unwrap();
    assert_eq!(
        store.unembedded(clinic.id, "model-a", 10).await.unwrap(),
        vec![frontdesk_store::Unembedded {
            key: KnowledgeKey::Faq(faqs[0].id),
            text: "¿Abren domingos?\nNo.".into(),
        }]
    );
    store.delete_document(clinic.id, doc.id).await.unwrap();
    assert!(
        store
            .vectors(clinic.id, "model-a")
            .await
            .unwrap()
            .is_empty()
    );
}

/// PostgreSQL's text indexes: one per table and language configuration (migration 8), each
/// leading with the clinic (migration 7), so a search reads only the rows of its clinic that
/// hold its words, and taking new entries straight in rather than in a pending list.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_text_indexes_are_per_clinic_and_configuration() {
    let url = frontdesk_store::testing::fresh_postgres_url().await;
    let store = frontdesk_store::connect(&url, 2).await.unwrap();
    store.migrate().await.unwrap();
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let definitions: Vec<(String, String)> = sqlx::query_as(
        "SELECT indexname::text, indexdef FROM pg_indexes \
         WHERE schemaname = current_schema() AND indexdef LIKE '%USING gin%' ORDER BY indexname",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut expected = Vec::new();
    for table in ["faqs", "knowledge_chunks"] {
        for config in ["english", "portuguese", "simple", "spanish", "turkish"] {
            expected.push(format!("{table}_text_{config}"));
        }
    }
    assert_eq!(
        definitions
            .iter()
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>(),
        expected
    );
    for (name, definition) in definitions {
        let config = name.rsplit('_').next().unwrap_or_default();
        for part in [
            "gin (((clinic_id)::text), tsv)".to_string(),
            "fastupdate=off".to_string(),
            format!("WHERE (ts_config = '{config}'::text)"),
        ] {
            assert!(definition.contains(&part), "{name}: {definition}");
        }
    }
}
