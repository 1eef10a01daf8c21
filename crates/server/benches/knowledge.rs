//! Retrieval numbers: top-5 hybrid search (full text + exact cosine + fusion + hydration)
//! over 10,000 chunks of one clinic, on SQLite and PostgreSQL, after the query embedding
//! (the query's vector is computed once by the real model and handed back at once, so the
//! numbers are retrieval alone), and the process's memory with the model and the index
//! loaded.
//!
//! `cargo bench -p frontdesk --bench knowledge` prints the numbers; under `cargo test` a
//! small smoke run.

use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use chrono::Utc;
use frontdesk::knowledge::Knowledge;
use frontdesk_domain::{ClinicName, ClinicProfile, Language, Slug, TimeZone};
use frontdesk_knowledge::extract::Limits;
use frontdesk_knowledge::{EmbedError, Embedder, LocalModel, Role, default_model_path};
use frontdesk_store::{Extraction, NewChunk, NewDocument, Store, WordMatch, testing};

/// The real model for passages; for queries, the vector computed in advance.
struct Precomputed {
    model: frontdesk_knowledge::LocalEmbedder,
    query: Vec<f32>,
}

#[async_trait]
impl Embedder for Precomputed {
    fn model_id(&self) -> &str {
        self.model.model_id()
    }
    fn dimensions(&self) -> usize {
        self.model.dimensions()
    }
    async fn embed(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        match role {
            Role::Query => Ok(vec![self.query.clone(); texts.len()]),
            Role::Passage => self.model.embed(role, texts).await,
        }
    }
}

const WORDS: &[&str] = &[
    "appointment",
    "cleaning",
    "whitening",
    "implant",
    "crown",
    "insurance",
    "parking",
    "hours",
    "randevu",
    "beyazlatma",
    "kanal",
    "sigorta",
    "ödeme",
    "taksit",
    "consulta",
    "convênio",
    "limpeza",
    "aparelho",
    "gengiva",
    "cita",
    "limpieza",
    "encías",
    "prótesis",
    "férula",
    "price",
    "children",
    "emergency",
    "weekend",
    "payment",
    "x-ray",
    "anaesthetic",
    "follow-up",
];

/// Words drawn as in natural text (Zipf's law over 5,000 words, the clinic words above spread
/// among them), so a question's words occur in some chunks, not all: with 60 words drawn
/// from these 32 alone every chunk would hold every word of every question.
struct Vocabulary {
    cumulative: Vec<f64>,
}

impl Vocabulary {
    const SIZE: usize = 5_000;

    fn new() -> Self {
        let mut total = 0.0;
        let cumulative = (1..=Self::SIZE)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect::<Vec<_>>();
        Vocabulary {
            cumulative: cumulative.iter().map(|c| c / total).collect(),
        }
    }

    fn word(&self, random: u64) -> String {
        let u = (random % 1_000_000) as f64 / 1_000_000.0;
        let rank = self.cumulative.partition_point(|&c| c < u);
        // The clinic words sit at ranks 20, 170, 320, …: common, rare and in between.
        if rank >= 20 && (rank - 20) % 150 == 0 && (rank - 20) / 150 < WORDS.len() {
            WORDS[(rank - 20) / 150].to_string()
        } else {
            format!("w{rank}")
        }
    }
}

fn rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
        / 1024.0
}

async fn run(
    name: &str,
    store: Arc<dyn Store>,
    model: Arc<LocalModel>,
    chunks: usize,
    queries: usize,
) {
    store.migrate().await.unwrap();
    let profile = ClinicProfile::new(
        ClinicName::parse("n", "Bench Clinic").unwrap(),
        TimeZone::parse("t", "Europe/Lisbon").unwrap(),
        Language::En,
    );
    let clinic = store
        .create_clinic(&Slug::parse("s", "bench").unwrap(), &profile, None)
        .await
        .unwrap();
    let question = "How much does teeth whitening cost on a weekend appointment?";
    let query = model.embed(Role::Query, question).unwrap();
    let embedder = Arc::new(Precomputed {
        model: frontdesk_knowledge::LocalEmbedder::shared(model.clone()),
        query: query.clone(),
    });
    let knowledge = Knowledge::new(
        Some(embedder.clone()),
        frontdesk::knowledge::document_reader(Limits::default(), 256 << 20, 1, None),
    );
    // 10,000 chunks in documents of 100; vectors are real embeddings of a few texts, varied
    // so the scan cannot shortcut.
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let vocabulary = Vocabulary::new();
    let base = model
        .embed_batch(
            Role::Passage,
            &WORDS.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
        )
        .unwrap();
    let now = Utc::now();
    for d in 0..chunks.div_ceil(100) {
        let new = NewDocument {
            title: format!("Guide {d}"),
            filename: None,
            format: "text".into(),
            content_type: None,
            content: b"x".to_vec(),
            sha256: String::new(),
        };
        let doc = store
            .create_document(clinic.id, &new, None, now)
            .await
            .unwrap();
        let new_chunks: Vec<NewChunk> = (0..100.min(chunks - d * 100))
            .map(|i| {
                let text: Vec<String> = (0..60).map(|_| vocabulary.word(next())).collect();
                NewChunk {
                    position: i as u32,
                    heading_path: vec![format!("Section {i}")],
                    text: text.join(" "),
                    tokens: 80,
                }
            })
            .collect();
        let extraction = Extraction::Ready {
            title: None,
            language: Some("en".into()),
            chunks: new_chunks,
        };
        store
            .finish_extraction(clinic.id, doc.id, 1, &extraction, now)
            .await
            .unwrap();
    }
    loop {
        let pending = store
            .unembedded(clinic.id, embedder.model_id(), 1000)
            .await
            .unwrap();
        if pending.is_empty() {
            break;
        }
        let vectors: Vec<_> = pending
            .iter()
            .map(|p| {
                let mut v: Vec<f32> = base[(next() % base.len() as u64) as usize]
                    .iter()
                    .map(|x| x + ((next() % 1000) as f32 - 500.0) * 2e-5)
                    .collect();
                frontdesk_knowledge::fusion::normalize(&mut v);
                (p.key, v)
            })
            .collect();
        store
            .store_vectors(clinic.id, embedder.model_id(), &vectors)
            .await
            .unwrap();
    }
    // The first search loads the clinic's vectors into memory.
    let t = Instant::now();
    let first = knowledge
        .search(&*store, clinic.id, question, 5)
        .await
        .unwrap();
    let load_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(first.hits.len(), 5);
    let mut ms = Vec::with_capacity(queries);
    for _ in 0..queries {
        let t = Instant::now();
        let results = knowledge
            .search(&*store, clinic.id, question, 5)
            .await
            .unwrap();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(results.mode, "hybrid");
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{name}: top-5 hybrid over {chunks} chunks: p50 {:.2} ms, p99 {:.2} ms ({queries} searches; the first, which loads the vectors, {load_ms:.0} ms)",
        ms[ms.len() / 2],
        ms[(ms.len() * 99 / 100).min(ms.len() - 1)],
    );
    let n = queries.min(200);
    for (matching, words) in [
        (
            WordMatch::TwoOrMore,
            "two of the question's words, as beside vectors",
        ),
        (WordMatch::Any, "any word, as without vectors"),
    ] {
        let t = Instant::now();
        let mut found = 0;
        for _ in 0..n {
            found = store
                .lexical_search(clinic.id, question, 20, matching)
                .await
                .unwrap()
                .len();
        }
        println!(
            "{name}:   full text alone ({words}): {:.2} ms per search, {found} hits",
            t.elapsed().as_secs_f64() * 1000.0 / n as f64
        );
    }
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (chunks, queries) = if full { (10_000, 500) } else { (300, 5) };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let before = rss_mib();
        let model = Arc::new(LocalModel::load(&default_model_path()).expect("run scripts/fetch-model first"));
        let dir = tempfile::tempdir().unwrap();
        let sqlite = frontdesk_store::connect(&testing::fresh_sqlite_url(dir.path()), 8).await.unwrap();
        run("sqlite", sqlite, model.clone(), chunks, queries).await;
        println!("RSS with the model and a {chunks}-chunk index loaded: {:.0} MiB (process before the model {before:.0} MiB)", rss_mib());
        let postgres = frontdesk_store::connect(&testing::fresh_postgres_url().await, 8).await.unwrap();
        run("postgres", postgres, model, chunks, queries).await;
    });
}
