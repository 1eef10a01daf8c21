//! How a clinic's assistant answers: the built-in engine (the default: no key, no network) or
//! a language model behind an OpenAI-compatible or Gemini API, with its model, temperature,
//! answer length, time limit and token prices.

use serde::{Deserialize, Serialize};

use crate::validation::{Checker, Invalid, bounded_text};

/// Which engine answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Engine {
    /// Rules, the local embedding model and reply templates.
    #[default]
    Builtin,
    /// Any OpenAI-compatible chat-completions API (OpenAI, DeepSeek, Groq, Ollama, vLLM,
    /// llama.cpp's server).
    Openai,
    /// Google Gemini.
    Gemini,
}

/// The clinic's assistant settings (the API key is kept apart, sealed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssistantSettings {
    /// Which engine answers.
    #[serde(default)]
    pub engine: Engine,
    /// The API's base URL, e.g. `https://api.openai.com`, `https://api.deepseek.com`,
    /// `http://localhost:11434` (Ollama); Gemini's default is
    /// `https://generativelanguage.googleapis.com`.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The model, e.g. `gpt-4o-mini`, `deepseek-chat`, `llama3.1`, `gemini-2.0-flash`.
    #[serde(default)]
    pub model: String,
    /// Sampling temperature, 0–2.
    #[serde(default = "default_temperature")]
    #[schema(minimum = 0, maximum = 2)]
    pub temperature: f32,
    /// Longest answer, in tokens.
    #[serde(default = "default_max_tokens")]
    #[schema(minimum = 16, maximum = 16384)]
    pub max_tokens: u32,
    /// How long one model call may take before the built-in engine answers instead.
    #[serde(default = "default_timeout_ms")]
    #[schema(minimum = 1000, maximum = 120000)]
    pub timeout_ms: u32,
    /// US dollars per million prompt tokens, to record each answer's cost.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000)]
    pub input_usd_per_million: Option<f64>,
    /// US dollars per million answer tokens.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 10000)]
    pub output_usd_per_million: Option<f64>,
}

fn default_temperature() -> f32 {
    0.3
}

fn default_max_tokens() -> u32 {
    600
}

fn default_timeout_ms() -> u32 {
    20_000
}

impl Default for AssistantSettings {
    fn default() -> Self {
        AssistantSettings {
            engine: Engine::Builtin,
            base_url: None,
            model: String::new(),
            temperature: default_temperature(),
            max_tokens: default_max_tokens(),
            timeout_ms: default_timeout_ms(),
            input_usd_per_million: None,
            output_usd_per_million: None,
        }
    }
}

/// Gemini's API when no base URL is given.
pub const GEMINI_URL: &str = "https://generativelanguage.googleapis.com";

impl AssistantSettings {
    /// Checks every field; returns all problems at once.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if let Some(url) = self.base_url.take() {
            let u = url.trim().trim_end_matches('/').to_string();
            if !(u.starts_with("https://") || u.starts_with("http://"))
                || u.len() > 300
                || u.contains(char::is_whitespace)
            {
                c.push(
                    "base_url",
                    "must be an http(s) URL like https://api.openai.com",
                );
            } else {
                self.base_url = Some(u);
            }
        }
        if self.engine == Engine::Openai && self.base_url.is_none() {
            c.push(
                "base_url",
                "the OpenAI-compatible engine needs the API's base URL, e.g. https://api.openai.com",
            );
        }
        if self.engine != Engine::Builtin {
            if let Some(m) = c.check(bounded_text("model", &self.model, 1, 120)) {
                self.model = m;
            }
        } else {
            self.model = self.model.trim().to_string();
        }
        if !(0.0..=2.0).contains(&self.temperature) || self.temperature.is_nan() {
            c.push("temperature", "must be between 0 and 2");
        }
        if !(16..=16_384).contains(&self.max_tokens) {
            c.push("max_tokens", "must be between 16 and 16384");
        }
        if !(1_000..=120_000).contains(&self.timeout_ms) {
            c.push("timeout_ms", "must be between 1000 and 120000 milliseconds");
        }
        for (field, v) in [
            ("input_usd_per_million", self.input_usd_per_million),
            ("output_usd_per_million", self.output_usd_per_million),
        ] {
            if v.is_some_and(|p| !(0.0..=10_000.0).contains(&p) || p.is_nan()) {
                c.push(
                    field,
                    "must be between 0 and 10000 dollars per million tokens",
                );
            }
        }
        c.finish().map(|()| self)
    }

    /// What `prompt` and `completion` tokens cost, when prices are set.
    pub fn cost_usd(&self, prompt: u64, completion: u64) -> Option<f64> {
        let (i, o) = (self.input_usd_per_million?, self.output_usd_per_million?);
        Some((prompt as f64 * i + completion as f64 * o) / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_needs_nothing_and_models_need_their_api() {
        assert!(AssistantSettings::default().validated().is_ok());
        let openai = AssistantSettings {
            engine: Engine::Openai,
            ..AssistantSettings::default()
        };
        let err = openai.validated().unwrap_err().to_string();
        assert!(err.contains("base_url") && err.contains("model"), "{err}");
        let ok = AssistantSettings {
            engine: Engine::Openai,
            base_url: Some("http://localhost:11434/".into()),
            model: "llama3.1".into(),
            ..AssistantSettings::default()
        }
        .validated()
        .unwrap();
        assert_eq!(ok.base_url.as_deref(), Some("http://localhost:11434"));
        let bad = AssistantSettings {
            temperature: 3.0,
            max_tokens: 1,
            timeout_ms: 10,
            ..AssistantSettings::default()
        };
        let err = bad.validated().unwrap_err().to_string();
        for f in ["temperature", "max_tokens", "timeout_ms"] {
            assert!(err.contains(f), "{err}");
        }
    }

    #[test]
    fn cost_needs_both_prices() {
        let s = AssistantSettings {
            input_usd_per_million: Some(0.15),
            output_usd_per_million: Some(0.6),
            ..AssistantSettings::default()
        };
        let cost = s.cost_usd(1_000_000, 500_000).unwrap();
        assert!((cost - 0.45).abs() < 1e-9);
        assert_eq!(AssistantSettings::default().cost_usd(10, 10), None);
    }
}
