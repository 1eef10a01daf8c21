//! The languages Frontdesk speaks.

use serde::{Deserialize, Serialize};

use crate::validation::Invalid;

/// A language the assistant and the dashboard support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Turkish.
    Tr,
    /// Portuguese.
    Pt,
    /// Spanish.
    Es,
}

/// What [`Language::parse`] accepts: one of the four codes in any case, alone or as the first
/// part of a tag (`pt-BR`, `es_419`), with white space around.
pub const LANGUAGE_PATTERN: &str = r"^[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*([eE][nN]|[tT][rR]|[pP][tT]|[eE][sS])([\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*|[-_][\s\S]*)$";

impl Language {
    /// Every supported language.
    pub const ALL: [Language; 4] = [Language::En, Language::Tr, Language::Pt, Language::Es];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Tr => "tr",
            Language::Pt => "pt",
            Language::Es => "es",
        }
    }

    /// Parses an ISO 639-1 code or a BCP 47 tag such as `pt-BR` (what [`LANGUAGE_PATTERN`]
    /// describes).
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        let primary = value
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.code() == primary)
            .ok_or_else(|| {
                Invalid::field(
                    field,
                    format!("unsupported language {value:?}; use one of en, tr, pt, es"),
                )
            })
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_tags() {
        assert_eq!(Language::parse("l", "tr").unwrap(), Language::Tr);
        assert_eq!(Language::parse("l", "pt-BR").unwrap(), Language::Pt);
        assert_eq!(Language::parse("l", "ES").unwrap(), Language::Es);
        let err = Language::parse("l", "de").unwrap_err();
        assert!(err.to_string().contains("en, tr, pt, es"));
    }
}
