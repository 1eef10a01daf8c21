//! Patients of one clinic (a first cut; messaging and the assistant extend it).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Email;
use crate::clinic::normalize_phone;
use crate::ids::PatientId;
use crate::language::Language;
use crate::validation::{Checker, Invalid, bounded_text};

/// A patient as staff or the assistant record them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatientDetails {
    /// Full name.
    #[schema(max_length = 120, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// Mobile number; stored in E.164 (`+905321234567`). Several patients may share one.
    #[serde(default)]
    #[schema(pattern = "PHONE_OR_BLANK")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default)]
    #[schema(max_length = 254, pattern = "EMAIL_OR_BLANK")]
    pub email: Option<String>,
    /// The language they prefer.
    #[serde(default)]
    pub language: Option<Language>,
    /// Date of birth.
    #[serde(default)]
    pub date_of_birth: Option<NaiveDate>,
    /// Staff notes.
    #[serde(default)]
    #[schema(max_length = 4000, pattern = "TEXT")]
    pub notes: String,
}

impl PatientDetails {
    /// Checks and normalizes every field; `today` bounds the date of birth.
    pub fn validated(mut self, today: NaiveDate) -> Result<Self, Invalid> {
        let mut c = Checker::default();
        if let Some(v) = c.check(bounded_text("name", &self.name, 1, 120)) {
            self.name = v;
        }
        self.phone = match self.phone.take().filter(|p| !p.trim().is_empty()) {
            Some(p) => c.check(normalize_phone("phone", &p)),
            None => None,
        };
        self.email = match self.email.take().filter(|e| !e.trim().is_empty()) {
            Some(e) => c.check(Email::parse("email", &e)).map(|e| e.to_string()),
            None => None,
        };
        if let Some(dob) = self.date_of_birth {
            let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN);
            if dob > today || dob < earliest {
                c.push(
                    "date_of_birth",
                    "must be a real date of birth (1900 to today)",
                );
            }
        }
        if let Some(v) = c.check(bounded_text("notes", &self.notes, 0, 4000)) {
            self.notes = v;
        }
        c.finish().map(|()| self)
    }
}

/// A stored patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Patient {
    /// Their id.
    pub id: PatientId,
    /// Who they are.
    #[serde(flatten)]
    pub details: PatientDetails,
    /// When first recorded.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalized_and_bad_fields_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let p: PatientDetails = serde_json::from_str(
            r#"{"name": "Ayşe Yılmaz", "phone": "+90 (532) 123 45 67", "email": "A@B.COM"}"#,
        )
        .unwrap();
        let p = p.validated(today).unwrap();
        assert_eq!(p.phone.as_deref(), Some("+905321234567"));
        assert_eq!(p.email.as_deref(), Some("a@b.com"));

        let bad: PatientDetails = serde_json::from_str(
            r#"{"name": "", "phone": "0532 123", "date_of_birth": "2030-01-01"}"#,
        )
        .unwrap();
        let fields: Vec<_> = bad
            .validated(today)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "phone", "date_of_birth"]);
    }
}
