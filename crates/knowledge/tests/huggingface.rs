//! Hugging Face directories (config.json, model.safetensors, tokenizer.json) load and embed
//! as the reference does: Hugging Face's own `tokenizers` and a float64 numpy encoder
//! (`scripts/hf-reference.py`). Two models: all-MiniLM-L6-v2, a real BERT with WordPiece
//! (fetched by `scripts/fetch-model --with-test-models`, run by `scripts/test`), and a tiny
//! XLM-R with a Unigram vocabulary and random weights, kept in the fixtures.

use std::path::{Path, PathBuf};

use frontdesk_knowledge::{Embedder, LocalEmbedder, LocalModel, Role, default_model_path};

fn check_against_reference(dir: &Path, reference: &str, floor: f32) {
    let model = LocalModel::load(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut checked = 0;
    for line in reference.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = row["text"].as_str().unwrap();
        let ids: Vec<u32> = row["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u32)
            .collect();
        assert_eq!(
            model.token_ids(Role::Passage, text),
            ids,
            "tokens of {text:?}"
        );
        let want: Vec<f32> = row["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let got = model.embed(Role::Passage, text).unwrap();
        assert_eq!(got.len(), want.len());
        let cosine: f32 = got.iter().zip(&want).map(|(a, b)| a * b).sum();
        assert!(cosine >= floor, "cosine {cosine} for {text:?}");
        checked += 1;
    }
    assert_eq!(checked, 10);
}

#[test]
fn a_bert_directory_with_wordpiece_matches_the_reference() {
    let dir = default_model_path().with_file_name("all-minilm-l6-v2");
    assert!(
        dir.join("model.safetensors").exists(),
        "all-MiniLM-L6-v2 is missing at {}; run scripts/fetch-model --with-test-models",
        dir.display()
    );
    check_against_reference(&dir, include_str!("fixtures/minilm-reference.jsonl"), 0.999);
}

#[test]
fn an_xlm_r_directory_with_unigram_matches_the_reference() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-xlmr");
    check_against_reference(
        &dir,
        include_str!("fixtures/tiny-xlmr-reference.jsonl"),
        0.999,
    );
}

#[tokio::test]
async fn a_directory_names_its_vectors_apart_from_e5() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-xlmr");
    let embedder = LocalEmbedder::new(LocalModel::load(&dir).unwrap());
    // A different model id makes the server embed every text again when the model changes.
    assert_eq!(embedder.model_id(), "local:hf:tiny-xlmr");
    assert_eq!(embedder.dimensions(), 32);
    let vectors = embedder
        .embed(Role::Query, &["Diş beyazlatma".to_string()])
        .await
        .unwrap();
    assert_eq!(vectors.len(), 1);
}

#[test]
fn broken_directories_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let err = match LocalModel::load(dir.path()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("an empty directory loaded"),
    };
    assert!(err.contains("config.json"), "{err}");
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny-xlmr");
    for name in ["config.json", "tokenizer.json"] {
        std::fs::copy(fixture.join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(
        dir.path().join("model.safetensors"),
        b"\x10\0\0\0\0\0\0\0{not json}",
    )
    .unwrap();
    let err = match LocalModel::load(dir.path()) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a broken safetensors file loaded"),
    };
    assert!(err.contains("safetensors"), "{err}");
}
