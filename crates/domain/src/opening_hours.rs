//! A clinic's weekly opening hours, in its own time zone.

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::validation::{Checker, Invalid};

/// A range of wall-clock time within one day, such as `09:00-13:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeRange {
    /// Opens at.
    pub start: NaiveTime,
    /// Closes at (after `start`).
    pub end: NaiveTime,
}

impl TimeRange {
    /// Parses `HH:MM-HH:MM`; the end must be after the start.
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        let bad = || {
            Invalid::field(
                field,
                format!("{value:?} is not a time range; write it like \"09:00-13:00\""),
            )
        };
        let (a, b) = value.split_once('-').ok_or_else(bad)?;
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").map_err(|_| bad())?;
        let end = if b.trim() == "24:00" {
            NaiveTime::from_hms_opt(23, 59, 59).ok_or_else(bad)?
        } else {
            NaiveTime::parse_from_str(b.trim(), "%H:%M").map_err(|_| bad())?
        };
        if end <= start {
            return Err(Invalid::field(
                field,
                format!("{value:?} ends before it starts"),
            ));
        }
        Ok(TimeRange { start, end })
    }
}

impl std::fmt::Display for TimeRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let end = if self.end == NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(self.end) {
            "24:00".to_string()
        } else {
            self.end.format("%H:%M").to_string()
        };
        write!(f, "{}-{}", self.start.format("%H:%M"), end)
    }
}

impl Serialize for TimeRange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeRange {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        TimeRange::parse("range", &s).map_err(serde::de::Error::custom)
    }
}

/// Opening hours for each day of the week; a day with no ranges is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpeningHours {
    /// Monday's ranges, e.g. `["09:00-13:00", "14:00-18:00"]`.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub monday: Vec<TimeRange>,
    /// Tuesday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub tuesday: Vec<TimeRange>,
    /// Wednesday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub wednesday: Vec<TimeRange>,
    /// Thursday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub thursday: Vec<TimeRange>,
    /// Friday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub friday: Vec<TimeRange>,
    /// Saturday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub saturday: Vec<TimeRange>,
    /// Sunday's ranges.
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub sunday: Vec<TimeRange>,
}

impl OpeningHours {
    /// Typical weekday office hours, used for new clinics until they set their own.
    pub fn weekdays_nine_to_six() -> Self {
        let day = vec![TimeRange {
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
            end: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
        }];
        OpeningHours {
            monday: day.clone(),
            tuesday: day.clone(),
            wednesday: day.clone(),
            thursday: day.clone(),
            friday: day,
            ..Default::default()
        }
    }

    /// The ranges of one weekday.
    pub fn day(&self, weekday: Weekday) -> &[TimeRange] {
        match weekday {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }

    /// Sorts each day's ranges and refuses overlaps, naming the day.
    pub fn normalized(mut self, field: &str) -> Result<Self, Invalid> {
        let mut checker = Checker::default();
        for (name, day) in [
            ("monday", &mut self.monday),
            ("tuesday", &mut self.tuesday),
            ("wednesday", &mut self.wednesday),
            ("thursday", &mut self.thursday),
            ("friday", &mut self.friday),
            ("saturday", &mut self.saturday),
            ("sunday", &mut self.sunday),
        ] {
            day.sort();
            if let Some(w) = day.windows(2).find(|w| w[1].start < w[0].end) {
                checker.push(
                    format!("{field}.{name}"),
                    format!("{} overlaps {}", w[0], w[1]),
                );
            }
            if day.len() > 6 {
                checker.push(format!("{field}.{name}"), "at most 6 ranges a day");
            }
        }
        checker.finish().map(|()| self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ranges() {
        let r = TimeRange::parse("f", "09:00-13:30").unwrap();
        assert_eq!(r.to_string(), "09:00-13:30");
        assert_eq!(
            TimeRange::parse("f", "00:00-24:00").unwrap().to_string(),
            "00:00-24:00"
        );
        assert!(TimeRange::parse("f", "13:00-09:00").is_err());
        assert!(TimeRange::parse("f", "9am-5pm").is_err());
        assert!(TimeRange::parse("f", "25:00-26:00").is_err());
    }

    #[test]
    fn refuses_overlaps_and_sorts() {
        let hours: OpeningHours =
            serde_json::from_str(r#"{"monday":["14:00-18:00","09:00-13:00"]}"#).unwrap();
        let hours = hours.normalized("opening_hours").unwrap();
        assert_eq!(hours.monday[0].to_string(), "09:00-13:00");
        assert!(hours.sunday.is_empty());

        let overlapping: OpeningHours =
            serde_json::from_str(r#"{"friday":["09:00-13:00","12:00-18:00"]}"#).unwrap();
        let err = overlapping.normalized("opening_hours").unwrap_err();
        assert_eq!(err.0[0].field, "opening_hours.friday");
    }

    #[test]
    fn unknown_days_are_rejected() {
        assert!(serde_json::from_str::<OpeningHours>(r#"{"funday":[]}"#).is_err());
    }
}
