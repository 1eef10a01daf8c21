//! iCalendar (RFC 5545) feeds of appointments, for Google Calendar, Outlook and Apple Calendar.
//!
//! Times are written in UTC (`…Z`), which every client converts to the viewer's zone, so the
//! feed needs no VTIMEZONE; `X-WR-TIMEZONE` tells clients which zone the clinic works in.
//! Each appointment is one VEVENT whose UID never changes and whose SEQUENCE grows with
//! every change, so subscribers update events instead of duplicating them.

use chrono::{DateTime, Utc};
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus};

/// One event's human-readable parts.
pub struct EventText {
    /// Title, e.g. "Cleaning — Ayşe Y.".
    pub summary: String,
    /// Details.
    pub description: String,
}

/// A calendar being written.
pub struct Feed {
    out: String,
}

impl Feed {
    /// Starts a calendar named `name` for a clinic in `time_zone`.
    pub fn new(name: &str, time_zone: &str) -> Self {
        let mut feed = Feed { out: String::new() };
        for (k, v) in [
            ("BEGIN", "VCALENDAR"),
            ("VERSION", "2.0"),
            ("PRODID", "-//Frontdesk//Frontdesk//EN"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH"),
        ] {
            feed.line(k, v);
        }
        feed.text("X-WR-CALNAME", name);
        feed.text("X-WR-TIMEZONE", time_zone);
        feed.line("REFRESH-INTERVAL;VALUE=DURATION", "PT15M");
        feed.line("X-PUBLISHED-TTL", "PT15M");
        feed
    }

    /// Adds an appointment.
    pub fn event(&mut self, a: &Appointment, text: &EventText, now: DateTime<Utc>) {
        self.line("BEGIN", "VEVENT");
        self.line("UID", &format!("{}@frontdesk", a.id));
        self.line("DTSTAMP", &stamp(now));
        self.line("CREATED", &stamp(a.created_at));
        self.line("LAST-MODIFIED", &stamp(a.updated_at));
        self.line("SEQUENCE", &a.sequence.to_string());
        self.line("DTSTART", &stamp(a.starts_at));
        self.line("DTEND", &stamp(a.ends_at));
        self.text("SUMMARY", &text.summary);
        self.text("DESCRIPTION", &text.description);
        let status = match a.status {
            AppointmentStatus::Cancelled | AppointmentStatus::Expired => "CANCELLED",
            AppointmentStatus::Held => "TENTATIVE",
            _ => "CONFIRMED",
        };
        self.line("STATUS", status);
        self.line(
            "TRANSP",
            if status == "CANCELLED" {
                "TRANSPARENT"
            } else {
                "OPAQUE"
            },
        );
        self.line("END", "VEVENT");
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.line("END", "VCALENDAR");
        self.out
    }

    fn text(&mut self, name: &str, value: &str) {
        self.line(name, &escape(value));
    }

    /// Writes `name:value`, folded at 75 octets without splitting a character (RFC 5545 3.1).
    fn line(&mut self, name: &str, value: &str) {
        let content = format!("{name}:{value}");
        let mut width = 0;
        for ch in content.chars() {
            let len = ch.len_utf8();
            if width + len > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(ch);
            width += len;
        }
        self.out.push_str("\r\n");
    }
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes TEXT values (RFC 5545 3.3.11).
fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for ch in v.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_on_character_boundaries() {
        let mut feed = Feed { out: String::new() };
        feed.text("SUMMARY", &"ğ".repeat(100));
        for line in feed.out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = feed.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ğ".repeat(100)));
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
