//! Assistant settings, on both backends: one row per clinic, replaced whole, the sealed key
//! kept as given, and another clinic's never visible.

use chrono::Utc;
use frontdesk_domain::assistant_settings::{AssistantSettings, Engine};
use frontdesk_store::{Store, StoredAssistant};

use super::clinic_with_owner;

on_both_backends!(assistant_settings_are_per_clinic,);

async fn assistant_settings_are_per_clinic(store: &dyn Store) {
    let (a, _) = clinic_with_owner(store, "assist-a", "owner@assist-a.com").await;
    let (b, _) = clinic_with_owner(store, "assist-b", "owner@assist-b.com").await;
    assert_eq!(store.assistant_settings(a.id).await.unwrap(), None);
    let llm = StoredAssistant {
        settings: AssistantSettings {
            engine: Engine::Openai,
            base_url: Some("http://127.0.0.1:11434".into()),
            model: "llama3.1".into(),
            temperature: 0.1,
            max_tokens: 400,
            timeout_ms: 5_000,
            input_usd_per_million: Some(0.5),
            output_usd_per_million: Some(1.5),
        },
        api_key: Some("fd1:k1:sealed".into()),
        updated_at: Utc::now(),
    };
    let saved = store.put_assistant_settings(a.id, &llm).await.unwrap();
    assert_eq!(
        store.assistant_settings(a.id).await.unwrap(),
        Some(saved.clone())
    );
    assert_eq!(saved.settings, llm.settings);
    assert_eq!(
        store.assistant_settings(b.id).await.unwrap(),
        None,
        "not clinic b's"
    );
    // Replaced whole: back to the built-in engine, key removed.
    let builtin = StoredAssistant {
        settings: AssistantSettings::default(),
        api_key: None,
        updated_at: Utc::now(),
    };
    store.put_assistant_settings(a.id, &builtin).await.unwrap();
    let now = store.assistant_settings(a.id).await.unwrap().unwrap();
    assert_eq!(now.settings.engine, Engine::Builtin);
    assert_eq!(now.api_key, None);
}
