//! The retrieval evaluation as a test, with the local model on the evaluation set
//! (`eval/knowledge`, 96 questions, 56 about a document in another language). The
//! floors below sit at or just under today's numbers (see docs/benchmarks.md) so a change
//! that loses quality fails. Fails (never skips) when the model is missing:
//! `scripts/test` fetches it.

use std::path::Path;
use std::sync::Arc;

use frontdesk::evaluation::knowledge::evaluate;
use frontdesk::knowledge::Knowledge;
use frontdesk_knowledge::extract::Limits;
use frontdesk_knowledge::{LocalEmbedder, LocalModel, default_model_path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retrieval_finds_the_answering_section_in_every_language() {
    let path = default_model_path();
    let model = LocalModel::load(&path).unwrap_or_else(|e| panic!("{e}: run scripts/fetch-model"));
    let knowledge = Knowledge::new(
        Some(Arc::new(LocalEmbedder::new(model))),
        frontdesk::knowledge::document_reader(Limits::default(), 256 << 20, 1, None),
    );
    let dir = tempfile::tempdir().unwrap();
    let store = frontdesk_store::connect(
        &format!("sqlite://{}", dir.path().join("e.db").display()),
        4,
    )
    .await
    .unwrap();
    store.migrate().await.unwrap();
    let dataset = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/knowledge");
    let report = evaluate(&dataset, &*store, &knowledge).await.unwrap();
    println!("{report}");
    assert_eq!(report.mode, "hybrid");
    assert_eq!(report.by_language.len(), 4);
    assert!(report.cross_language.questions >= 50, "{report}");
    assert!(report.same_language.recall_at_3 >= 0.95, "{report}");
    assert!(report.same_language.recall_at_1 >= 0.9, "{report}");
    assert!(report.cross_language.recall_at_3 >= 0.9, "{report}");
    // The target, in each language.
    for (language, score) in &report.by_language {
        assert!(score.questions >= 24, "{language}");
        assert!(score.recall_at_3 >= 0.9, "{language}: {score:?}\n{report}");
    }
    assert!(report.overall.recall_at_3 >= 0.95, "{report}");
    assert!(report.overall.mrr >= 0.85, "{report}");
    // Fusing full text in must never lose what vectors alone find.
    let vectors = report.signals["vector only"];
    assert!(
        report.overall.recall_at_3 >= vectors.recall_at_3 && report.overall.mrr >= vectors.mrr,
        "{report}"
    );
}
