//! Validation errors that name the offending field, for problem details.

use serde::Serialize;

/// One invalid field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// JSON path of the field, e.g. `clinic.time_zone`.
    pub field: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// A value failed validation; carries every offending field, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", summary(.0))]
pub struct Invalid(pub Vec<FieldError>);

fn summary(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl Invalid {
    /// One invalid field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Invalid(vec![FieldError {
            field: field.into(),
            message: message.into(),
        }])
    }

    /// Prefix every field path, for values validated inside a larger document.
    pub fn within(mut self, parent: &str) -> Self {
        for e in &mut self.0 {
            e.field = format!("{parent}.{}", e.field);
        }
        self
    }
}

/// Collects field errors while a whole document is validated, so a user sees all at once.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    /// Keeps the value when it parsed, records its errors when it did not.
    pub fn check<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(Invalid(mut errors)) => {
                self.errors.append(&mut errors);
                None
            }
        }
    }

    /// Records one error.
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            message: message.into(),
        });
    }

    /// Ok when nothing was recorded.
    pub fn finish(self) -> Result<(), Invalid> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.errors))
        }
    }
}

/// Something besides white space somewhere (white space as `str::trim` knows it).
pub const NOT_BLANK_PATTERN: &str =
    r"[^\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]";

/// The `pattern` of a text [`bounded_text`] accepts: no control characters but tab and line
/// breaks. The OpenAPI document names it (`pattern = "TEXT"`) and the server fills it in.
pub const TEXT_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";

/// The same, and something besides white space (what `min = 1` asks). White space is spelled
/// out as Rust's `trim` knows it: `\s` differs between regex engines.
pub const NON_BLANK_TEXT_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";

/// Checks a free-text value and returns it trimmed. The length limit counts the characters
/// as sent and control characters are refused anywhere, so the rule a schema can state
/// (`maxLength`, [`TEXT_PATTERN`]) is the rule applied; `min` counts what is left after
/// trimming, so blank text is empty.
pub fn bounded_text(field: &str, value: &str, min: usize, max: usize) -> Result<String, Invalid> {
    let trimmed = value.trim();
    let len = value.chars().count();
    if trimmed.chars().count() < min {
        return Err(Invalid::field(
            field,
            if min <= 1 {
                "must not be empty".to_string()
            } else {
                format!("must be at least {min} characters")
            },
        ));
    }
    if len > max {
        return Err(Invalid::field(
            field,
            format!("must be at most {max} characters (got {len})"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(Invalid::field(field, "must not contain control characters"));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_text_trims_and_limits() {
        assert_eq!(bounded_text("n", "  Ana ", 1, 10).unwrap(), "Ana");
        assert!(bounded_text("n", "   ", 1, 10).is_err());
        assert!(bounded_text("n", "abcdefghijk", 1, 10).is_err());
        assert!(bounded_text("n", "a\u{0}b", 1, 10).is_err());
        assert!(
            bounded_text("n", "\u{b}Ana", 1, 10).is_err(),
            "controls at the ends too"
        );
        assert!(
            bounded_text("n", "a\r\nb", 1, 10).is_ok(),
            "CRLF line breaks"
        );
        assert!(
            bounded_text("n", " abcdefghij", 1, 10).is_err(),
            "counted as sent"
        );
        // Length counts characters, not bytes: Turkish letters are two bytes each.
        assert!(bounded_text("n", "ğğğğğ", 1, 5).is_ok());
    }

    #[test]
    fn checker_collects_every_error() {
        let mut c = Checker::default();
        c.check::<()>(Err(Invalid::field("a", "bad")));
        c.push("b", "also bad");
        let err = c.finish().unwrap_err();
        assert_eq!(err.0.len(), 2);
        assert_eq!(err.to_string(), "a: bad; b: also bad");
        assert_eq!(Invalid::field("x", "m").within("p").0[0].field, "p.x");
    }
}

/// The dates the API takes: from 2000 up to (not including) 2100. Anything outside is a
/// typing slip or a probe, and far dates break what stores compare as text (the year 10000
/// sorts before 9999).
pub mod calendar_range {
    use chrono::{DateTime, Datelike, NaiveDate, Utc};
    use serde::{Deserialize, Deserializer};

    /// The first year taken.
    pub const FIRST_YEAR: i32 = 2000;
    /// The first year refused.
    pub const END_YEAR: i32 = 2100;
    /// A day from 2000 to 2099 as `YYYY-MM-DD`, for the API description (an instant adds
    /// `T…`).
    pub const DATE_PATTERN: &str = "^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";

    fn check<E: serde::de::Error>(year: i32) -> Result<(), E> {
        if (FIRST_YEAR..END_YEAR).contains(&year) {
            Ok(())
        } else {
            Err(E::custom(format!(
                "must be a date from {FIRST_YEAR} up to {END_YEAR}"
            )))
        }
    }

    /// Whether an instant is in range.
    pub fn contains(at: DateTime<Utc>) -> bool {
        (FIRST_YEAR..END_YEAR).contains(&at.year())
    }

    /// An RFC 3339 instant in range (`#[serde(deserialize_with = …)]`).
    pub fn instant<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let at = DateTime::<Utc>::deserialize(d)?;
        check(at.year())?;
        Ok(at)
    }

    /// An optional instant in range (with `#[serde(default)]`).
    pub fn optional_instant<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<DateTime<Utc>>, D::Error> {
        let at = Option::<DateTime<Utc>>::deserialize(d)?;
        if let Some(at) = at {
            check(at.year())?;
        }
        Ok(at)
    }

    /// A calendar day in range.
    pub fn day<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let day = NaiveDate::deserialize(d)?;
        check(day.year())?;
        Ok(day)
    }

    /// An optional calendar day in range (with `#[serde(default)]`).
    pub fn optional_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let day = Option::<NaiveDate>::deserialize(d)?;
        if let Some(day) = day {
            check(day.year())?;
        }
        Ok(day)
    }
}
