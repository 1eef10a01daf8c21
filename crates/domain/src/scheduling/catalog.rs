//! What a clinic offers: services with their names in each language, duration and price.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ids::{PractitionerId, ServiceId};
use crate::language::Language;
use crate::validation::{Checker, Invalid, bounded_text};

/// The longest a service may last.
pub const MAX_DURATION_MINUTES: u32 = 720;
/// The longest buffer before or after a service.
pub const MAX_BUFFER_MINUTES: u32 = 240;

/// A price in the currency's minor unit (cents, kuruş, centavos), so sums are exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Price {
    /// Amount in minor units, e.g. 15000 for 150.00.
    pub amount_minor: i64,
    /// ISO 4217 code, e.g. `TRY`, `BRL`, `EUR`, `USD`.
    pub currency: String,
}

impl Price {
    fn validated(mut self, field: &str) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if self.amount_minor < 0 {
            c.push(format!("{field}.amount_minor"), "must not be negative");
        }
        self.currency = self.currency.trim().to_ascii_uppercase();
        if self.currency.len() != 3 || !self.currency.chars().all(|ch| ch.is_ascii_alphabetic()) {
            c.push(
                format!("{field}.currency"),
                "must be a three-letter ISO 4217 code such as EUR, TRY, BRL or USD",
            );
        }
        c.finish().map(|()| self)
    }
}

/// A service as the clinic describes it; validated as a whole by [`ServiceDetails::validated`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceDetails {
    /// Name per language code, e.g. `{"en": "Cleaning", "tr": "Diş temizliği"}`.
    pub name: BTreeMap<String, String>,
    /// Other words patients use for it ("scaling", "limpeza").
    #[serde(default)]
    #[schema(max_items = 20)]
    pub aliases: Vec<String>,
    /// What it is, for patients and for the assistant's answers.
    #[serde(default)]
    #[schema(max_length = 2000, pattern = "TEXT")]
    pub description: String,
    /// How long the appointment lasts.
    #[schema(minimum = 5, maximum = 720)]
    pub duration_minutes: u32,
    /// Its price; none means "priced at the visit" and the assistant says so, never a guess.
    #[serde(default)]
    pub price: Option<Price>,
    /// Preparation time kept free before it.
    #[serde(default)]
    #[schema(maximum = 240)]
    pub buffer_before_minutes: u32,
    /// Clean-up time kept free after it.
    #[serde(default)]
    #[schema(maximum = 240)]
    pub buffer_after_minutes: u32,
    /// Whether it can be booked at all.
    #[serde(default = "yes")]
    pub active: bool,
    /// Whether patients may book it themselves (through the assistant or the web).
    #[serde(default = "yes")]
    pub patient_bookable: bool,
    /// Who performs it.
    #[serde(default)]
    pub practitioner_ids: Vec<PractitionerId>,
}

fn yes() -> bool {
    true
}

impl ServiceDetails {
    /// Checks every rule and normalizes text; returns all problems at once.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if self.name.is_empty() {
            c.push(
                "name",
                "give the name in at least one language, e.g. {\"en\": \"Cleaning\"}",
            );
        }
        let mut names = BTreeMap::new();
        for (code, text) in std::mem::take(&mut self.name) {
            let field = format!("name.{code}");
            let language = c.check(Language::parse(&field, &code));
            let text = c.check(bounded_text(&field, &text, 1, 120));
            if let (Some(language), Some(text)) = (language, text) {
                names.insert(language.code().to_string(), text);
            }
        }
        self.name = names;
        if self.aliases.len() > 20 {
            c.push("aliases", "at most 20 aliases");
        }
        self.aliases = std::mem::take(&mut self.aliases)
            .iter()
            .enumerate()
            .filter_map(|(i, a)| c.check(bounded_text(&format!("aliases[{i}]"), a, 1, 60)))
            .collect();
        if let Some(d) = c.check(bounded_text("description", &self.description, 0, 2000)) {
            self.description = d;
        }
        if !(5..=MAX_DURATION_MINUTES).contains(&self.duration_minutes) {
            c.push(
                "duration_minutes",
                format!("must be between 5 and {MAX_DURATION_MINUTES} minutes"),
            );
        }
        for (field, v) in [
            ("buffer_before_minutes", self.buffer_before_minutes),
            ("buffer_after_minutes", self.buffer_after_minutes),
        ] {
            if v > MAX_BUFFER_MINUTES {
                c.push(
                    field,
                    format!("must be at most {MAX_BUFFER_MINUTES} minutes"),
                );
            }
        }
        if let Some(price) = self.price.take() {
            self.price = c.check(price.validated("price"));
        }
        let mut seen = std::collections::BTreeSet::new();
        if self.practitioner_ids.iter().any(|p| !seen.insert(*p)) {
            c.push("practitioner_ids", "lists a practitioner twice");
        }
        c.finish().map(|()| self)
    }

    /// The name in `language`, else in any language the clinic gave.
    pub fn name_in(&self, language: Language) -> &str {
        self.name
            .get(language.code())
            .or_else(|| self.name.values().next())
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// A stored service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Service {
    /// Its id.
    pub id: ServiceId,
    /// What it is.
    #[serde(flatten)]
    pub details: ServiceDetails,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(json: &str) -> ServiceDetails {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_valid_service_is_normalized() {
        let s = details(
            r#"{"name": {"pt-BR": " Limpeza "}, "duration_minutes": 30,
                "price": {"amount_minor": 15000, "currency": "brl"}}"#,
        )
        .validated()
        .unwrap();
        assert_eq!(s.name["pt"], "Limpeza");
        assert_eq!(s.price.unwrap().currency, "BRL");
        assert!(s.active && s.patient_bookable);
    }

    #[test]
    fn every_problem_is_reported() {
        let err = details(
            r#"{"name": {"xx": "A"}, "duration_minutes": 1, "buffer_after_minutes": 999,
                "price": {"amount_minor": -1, "currency": "EURO"}}"#,
        )
        .validated()
        .unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name.xx",
                "duration_minutes",
                "buffer_after_minutes",
                "price.amount_minor",
                "price.currency"
            ]
        );
    }
}
