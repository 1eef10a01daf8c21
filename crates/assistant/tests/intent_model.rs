//! The embedding model's reading of intents the keyword rules miss, with the real local
//! model (`scripts/fetch-model` puts it in the cache; `scripts/test` runs that first).

use std::sync::Arc;

use frontdesk_assistant::intent::{Intent, IntentModel, by_rules, only_shaped_like_a_question};
use frontdesk_knowledge::{LocalEmbedder, LocalModel, default_model_path};

fn model() -> IntentModel {
    let path = default_model_path();
    let e5 = LocalModel::load(&path).unwrap_or_else(|e| {
        panic!(
            "the embedding model is missing at {} ({e}); run scripts/fetch-model",
            path.display()
        )
    });
    IntentModel::new(Arc::new(LocalEmbedder::new(e5)))
}

#[tokio::test]
async fn paraphrases_the_rules_miss_are_read_by_the_model() {
    let m = model();
    let cases = [
        (
            "Is there any chance a dentist could look at me this week?",
            Intent::Book,
        ),
        (
            "Bu hafta beni bir doktorun görmesi mümkün mü acaba",
            Intent::Book,
        ),
        (
            "Será que algum dentista consegue me atender essa semana",
            Intent::Book,
        ),
        (
            "¿Habría forma de que un dentista me viera esta semana?",
            Intent::Book,
        ),
        (
            "I'd prefer to chat with somebody who works at the clinic",
            Intent::Human,
        ),
    ];
    for (text, want) in cases {
        assert!(
            by_rules(text).is_none() || only_shaped_like_a_question(text),
            "a keyword rule already reads {text:?}"
        );
        let got = m.classify(text).await;
        eprintln!("{text:?} -> {got:?}");
        assert_eq!(got.map(|(i, _)| i), Some(want), "{text:?}");
    }
    // Questions stay questions (they go to the knowledge base, or to staff).
    for text in [
        "do you do home visits for pets?",
        "evcil hayvanlar için ev ziyareti yapıyor musunuz?",
        "vocês atendem animais em casa?",
        "¿atienden mascotas a domicilio?",
    ] {
        let got = m.classify(text).await;
        eprintln!("{text:?} -> {got:?}");
        assert!(
            got.is_none_or(|(i, _)| i == Intent::Question),
            "{text:?}: {got:?}"
        );
    }
    // Small talk the examples do not cover is left alone.
    let none = m.classify("The weather is lovely today").await;
    eprintln!("weather -> {none:?}");
    assert!(
        none.is_none_or(|(i, _)| i != Intent::Book && i != Intent::Cancel),
        "{none:?}"
    );
}
