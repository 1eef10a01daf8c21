//! Clinics (tenants) and their settings.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::ClinicId;
use crate::language::Language;
use crate::opening_hours::OpeningHours;
use crate::validation::{Checker, Invalid, bounded_text};

/// A clinic's URL name: lower-case letters, digits and single hyphens, 3–63 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, example = "bright-smile")]
pub struct Slug(String);

/// Slugs that would collide with routes or confuse people.
const RESERVED_SLUGS: &[&str] = &[
    "api", "admin", "hq", "new", "static", "assets", "docs", "chat", "webhooks",
];

impl Slug {
    /// Parses a slug as given.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        let bad = |m: &str| Invalid::field(field, m.to_string());
        let v = value.trim();
        if v.len() < 3 || v.len() > 63 {
            return Err(bad("must be 3 to 63 characters"));
        }
        if !v
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(bad("may contain only a-z, 0-9 and '-'"));
        }
        if v.starts_with('-') || v.ends_with('-') || v.contains("--") {
            return Err(bad("must not start or end with '-' or contain '--'"));
        }
        if RESERVED_SLUGS.contains(&v) {
            return Err(bad("is reserved; choose another"));
        }
        Ok(Slug(v.to_string()))
    }

    /// Derives a slug from a clinic's name ("Clínica São José" → "clinica-sao-jose").
    pub fn from_name(name: &str) -> Option<Self> {
        let mut out = String::new();
        for c in name.chars().map(fold_letter) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        let trimmed: String = out.trim_matches('-').chars().take(63).collect();
        Slug::parse("slug", trimmed.trim_end_matches('-')).ok()
    }

    /// Wraps a stored slug.
    pub fn from_stored(value: String) -> Self {
        Slug(value)
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Folds the accented letters of our four languages to ASCII for slugs.
fn fold_letter(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ı' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'İ' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ğ' | 'Ğ' => 'g',
        'ş' | 'Ş' => 's',
        'ñ' | 'Ñ' => 'n',
        other => other,
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A clinic's display name (1–200 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = String, example = "Bright Smile Dental")]
pub struct ClinicName(String);

impl ClinicName {
    /// Trims and bounds a name.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        bounded_text(field, value, 1, 200).map(ClinicName)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An IANA time zone such as `Europe/Istanbul`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, utoipa::ToSchema)]
#[schema(value_type = String, example = "Europe/Istanbul")]
pub struct TimeZone(pub chrono_tz::Tz);

impl TimeZone {
    /// Parses an IANA name.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        value.trim().parse::<chrono_tz::Tz>().map(TimeZone).map_err(|_| {
            Invalid::field(
                field,
                format!("{value:?} is not an IANA time zone; use a name like \"Europe/Istanbul\" or \"America/Sao_Paulo\""),
            )
        })
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }
}

impl Serialize for TimeZone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// How the assistant presents itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// The assistant's name, e.g. "Ayla".
    #[schema(max_length = 60, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// Tone of voice.
    pub tone: Tone,
    /// Extra instructions from the clinic, appended to the assistant's rules (never replacing them).
    #[serde(default)]
    #[schema(max_length = 4000, pattern = "TEXT")]
    pub custom_instructions: String,
}

impl Default for Persona {
    fn default() -> Self {
        Persona {
            name: "Assistant".into(),
            tone: Tone::Friendly,
            custom_instructions: String::new(),
        }
    }
}

/// The assistant's tone of voice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Warm and informal.
    Friendly,
    /// Polite and formal.
    Formal,
    /// Short and to the point.
    Concise,
}

/// How patients reach the clinic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Phone in E.164, e.g. `+902121234567`.
    #[serde(default)]
    pub phone: Option<String>,
    /// Public e-mail.
    #[serde(default)]
    pub email: Option<String>,
    /// Website (http or https).
    #[serde(default)]
    pub website: Option<String>,
}

/// Everything a clinic configures about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ClinicProfile {
    /// Display name.
    pub name: ClinicName,
    /// Time zone for hours and appointments.
    pub time_zone: TimeZone,
    /// Language used when the patient's is unknown or unsupported.
    pub default_language: Language,
    /// Languages the clinic serves (always includes the default).
    pub languages: Vec<Language>,
    /// Contact details.
    pub contact: Contact,
    /// Postal address, as patients should read it.
    pub address: String,
    /// Weekly opening hours.
    pub opening_hours: OpeningHours,
    /// What to tell a patient with an emergency.
    pub emergency_instructions: String,
    /// The assistant's persona.
    pub persona: Persona,
}

impl ClinicProfile {
    /// A new clinic's profile with sensible defaults for what it has not told us yet.
    pub fn new(name: ClinicName, time_zone: TimeZone, default_language: Language) -> Self {
        ClinicProfile {
            name,
            time_zone,
            default_language,
            languages: vec![default_language],
            contact: Contact::default(),
            address: String::new(),
            opening_hours: OpeningHours::weekdays_nine_to_six(),
            emergency_instructions: String::new(),
            persona: Persona::default(),
        }
    }

    /// Re-checks the whole profile after an edit; returns every problem at once.
    pub fn validated(mut self) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if !self.languages.contains(&self.default_language) {
            self.languages.insert(0, self.default_language);
        }
        let mut seen = Vec::new();
        self.languages.retain(|l| {
            let fresh = !seen.contains(l);
            seen.push(*l);
            fresh
        });
        if let Some(phone) = &self.contact.phone
            && let Some(p) = c.check(normalize_phone("contact.phone", phone))
        {
            self.contact.phone = Some(p);
        }
        if let Some(email) = &self.contact.email
            && let Some(e) = c.check(crate::account::Email::parse("contact.email", email))
        {
            self.contact.email = Some(e.as_str().to_string());
        }
        if let Some(site) = &self.contact.website {
            let s = site.trim();
            if !(s.starts_with("https://") || s.starts_with("http://"))
                || s.len() > 300
                || s.contains(char::is_whitespace)
            {
                c.push(
                    "contact.website",
                    "must be an http(s) URL like https://clinic.example",
                );
            } else {
                self.contact.website = Some(s.to_string());
            }
        }
        if let Some(a) = c.check(bounded_text("address", &self.address, 0, 500)) {
            self.address = a;
        }
        if let Some(e) = c.check(bounded_text(
            "emergency_instructions",
            &self.emergency_instructions,
            0,
            2000,
        )) {
            self.emergency_instructions = e;
        }
        if let Some(n) = c.check(bounded_text("persona.name", &self.persona.name, 1, 60)) {
            self.persona.name = n;
        }
        if let Some(i) = c.check(bounded_text(
            "persona.custom_instructions",
            &self.persona.custom_instructions,
            0,
            4000,
        )) {
            self.persona.custom_instructions = i;
        }
        if let Some(h) = c.check(self.opening_hours.clone().normalized("opening_hours")) {
            self.opening_hours = h;
        }
        c.finish().map(|()| self)
    }
}

/// What [`normalize_phone`] accepts: `+`, then 8 to 15 digits (the first not 0) among spaces,
/// dashes, dots and brackets.
pub const PHONE_PATTERN: &str = r"^[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*\+[+ ().-]*[1-9](?:[+ ().-]*[0-9]){7,14}[+ ().-]*[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$";

/// White space only (as `str::trim` knows it): what optional fields read as absent.
pub const BLANK_PATTERN: &str =
    r"^[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$";

/// Normalizes a phone number written with spaces, dashes or brackets to E.164.
pub fn normalize_phone(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim();
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    if !allowed
        || !v.starts_with('+')
        || !(8..=15).contains(&digits.len())
        || digits.starts_with('0')
    {
        return Err(Invalid::field(
            field,
            format!(
                "{value:?} is not an international phone number; write it with the country code, like +90 212 123 45 67"
            ),
        ));
    }
    Ok(format!("+{digits}"))
}

/// A clinic as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Clinic {
    /// Its id.
    pub id: ClinicId,
    /// Its URL name.
    pub slug: Slug,
    /// Its settings.
    #[serde(flatten)]
    pub profile: ClinicProfile,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its settings last changed.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("s", "bright-smile").is_ok());
        for bad in [
            "ab",
            "Bright",
            "a_b",
            "-ab",
            "ab-",
            "a--b",
            "api",
            &"a".repeat(64),
        ] {
            assert!(Slug::parse("s", bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            Slug::from_name("Clínica São José").unwrap().as_str(),
            "clinica-sao-jose"
        );
        assert_eq!(
            Slug::from_name("Güzel Diş Kliniği").unwrap().as_str(),
            "guzel-dis-klinigi"
        );
        assert!(Slug::from_name("!!").is_none());
    }

    #[test]
    fn time_zones() {
        assert_eq!(
            TimeZone::parse("tz", "Europe/Istanbul").unwrap().name(),
            "Europe/Istanbul"
        );
        assert!(
            TimeZone::parse("tz", "Mars/Olympus")
                .unwrap_err()
                .to_string()
                .contains("IANA")
        );
    }

    #[test]
    fn phones() {
        assert_eq!(
            normalize_phone("p", "+90 (212) 123-45-67").unwrap(),
            "+902121234567"
        );
        assert!(normalize_phone("p", "0212 123 45 67").is_err());
        assert!(normalize_phone("p", "+1 23").is_err());
        assert!(normalize_phone("p", "+55 11 9abc").is_err());
    }

    #[test]
    fn profile_validation_reports_every_field() {
        let mut p = ClinicProfile::new(
            ClinicName::parse("n", "Clínica").unwrap(),
            TimeZone::parse("t", "America/Sao_Paulo").unwrap(),
            Language::Pt,
        );
        p.languages = vec![Language::Es, Language::Es];
        p.contact.phone = Some("12345".into());
        p.contact.website = Some("ftp://x".into());
        p.persona.name = " ".into();
        let err = p.clone().validated().unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["contact.phone", "contact.website", "persona.name"]);

        p.contact = Contact::default();
        p.persona.name = "Ana".into();
        let ok = p.validated().unwrap();
        assert_eq!(ok.languages, vec![Language::Pt, Language::Es]);
    }
}
