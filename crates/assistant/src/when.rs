//! Dates and times as patients write them, in English, Turkish, Portuguese and Spanish:
//! "tomorrow afternoon", "yarın saat 15:00", "próxima sexta às 10h", "el martes por la
//! mañana", "25/12", "next week", "after 5pm". No crate reads these reliably in all four
//! languages, so this is a small rule parser over folded words.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use frontdesk_domain::scheduling::PartOfDay;
use serde::{Deserialize, Serialize};

use crate::text::words;

/// When a patient wants to come, as far as they said.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct When {
    /// First local day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last local day (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<NaiveDate>,
    /// Part of the day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<PartOfDay>,
    /// An exact time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveTime>,
    /// Not earlier than.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<NaiveTime>,
    /// Earlier than.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<NaiveTime>,
    /// A weekday named beside a date it does not fall on ("Friday 11 February" when the 11th
    /// is a Thursday): the patient must say which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<Weekday>,
    /// "The same day": the day under discussion, which only the dialog knows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_day: bool,
    /// "The following day", "o dia seguinte", "al día siguiente", "ertesi gün": the day
    /// after the day under discussion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub day_after: bool,
    /// "At the same time", "a la misma hora", "na mesma hora", "aynı saatte": the time under
    /// discussion.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub same_time: bool,
    /// "Later" / "earlier" than the time under discussion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later: Option<bool>,
    /// The exact time was read as afternoon from an hour like "7" or "7:30" with no am/pm;
    /// the morning reading is tried when nothing is free then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub could_be_morning: bool,
}

impl When {
    /// Whether nothing was said about time.
    pub fn is_empty(&self) -> bool {
        *self == When::default()
    }

    /// Whether a day was named.
    pub fn has_day(&self) -> bool {
        self.from.is_some() || self.same_day || self.day_after
    }

    /// Whether a time of day was named (exact, bounded or a part of the day).
    pub fn has_time(&self) -> bool {
        self.at.is_some()
            || self.after.is_some()
            || self.before.is_some()
            || self.part.is_some()
            || self.later.is_some()
            || self.same_time
    }

    /// This request refined by a newer one: a new day replaces the day (and the old time
    /// goes unless a new one is given too); a new time replaces the time.
    pub fn refined(self, newer: When) -> When {
        let mut out = self;
        out.conflict = newer.conflict;
        out.same_day = false;
        out.day_after = false;
        out.same_time = false;
        out.later = None;
        if newer.has_day() && !newer.same_day && !newer.day_after {
            let had_day = out.from.is_some();
            // The same day again ("el día 26, lo del viernes fue un error") keeps the time.
            let same = out.from == newer.from && out.to == newer.to;
            out.from = newer.from;
            out.to = newer.to;
            // "At 10" then "Friday": Friday at 10. A new day after another day starts over.
            if !newer.has_time() && had_day && !same {
                out.at = None;
                out.after = None;
                out.before = None;
                out.part = None;
            }
        }
        if newer.has_time() {
            out.could_be_morning = newer.could_be_morning;
            out.at = newer.at;
            out.after = newer.after;
            out.before = newer.before;
            out.part = newer.part;
        }
        out
    }

    /// Whether a local start time fits the times asked for.
    pub fn admits(&self, time: NaiveTime) -> bool {
        use chrono::Timelike;
        // An exact time says more than the part of the day around it.
        let part = self.part.filter(|_| self.at.is_none());
        let part_ok = match part {
            Some(PartOfDay::Morning) => time.hour() < 12,
            Some(PartOfDay::Afternoon) => (12..17).contains(&time.hour()),
            Some(PartOfDay::Evening) => time.hour() >= 17,
            None => true,
        };
        part_ok
            && self.at.is_none_or(|at| at == time)
            && self.after.is_none_or(|after| time >= after)
            && self.before.is_none_or(|before| time < before)
    }
}

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miercoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sabado", Weekday::Sat),
    ("domingo", Weekday::Sun),
    ("terca", Weekday::Tue),
    ("quarta", Weekday::Wed),
    ("quinta", Weekday::Thu),
    ("sexta", Weekday::Fri),
    // Short forms people type: "Fri at 12:20", "sat 8am", "sáb".
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
    ("sab", Weekday::Sat),
];

/// Turkish weekdays take suffixes ("salıya", "cumartesi günü"); longer names first so
/// "cumartesi" is not read as "cuma".
const TURKISH_WEEKDAYS: &[(&str, Weekday)] = &[
    ("pazartesi", Weekday::Mon),
    ("cumartesi", Weekday::Sat),
    ("carsamba", Weekday::Wed),
    ("persembe", Weekday::Thu),
    ("sali", Weekday::Tue),
    ("cuma", Weekday::Fri),
    ("pazar", Weekday::Sun),
];

const TURKISH_SUFFIXES: &[&str] = &["", "ya", "ye", "a", "e", "yi", "yı", "si", "ndan", "dan"];

/// Turkish months, which take case endings ("martta", "nisanda"): see `turkish_month`.
const TURKISH_MONTHS: &[(&str, u32)] = &[
    ("ocak", 1),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("agustos", 8),
    ("eylul", 9),
    ("ekim", 10),
    ("kasim", 11),
    ("aralik", 12),
];

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("marco", 3),
    ("abril", 4),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("agosto", 8),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Words that make the next number a clock time ("saat 3", "às 10", "a las 5", "at 4").
const TIME_CUES: &[&str] = &[
    "saat", "as", "las", "la", "at", "around", "por", "hacia", "sabah", "aksam", "sonra", "das",
    "pelas",
];
const AFTER_CUES: &[&str] = &["after", "depois", "apos", "despues", "desde", "from"];
const BEFORE_CUES: &[&str] = &["before", "antes", "until", "till", "ate", "hasta"];

/// Short month names only read after a slash ("20/abr"): alone, "tem", "set" or "mar" are
/// words.
fn month_abbreviation(word: &str) -> Option<u32> {
    const SHORT: &[(&str, u32)] = &[
        ("jan", 1),
        ("ene", 1),
        ("oca", 1),
        ("fev", 2),
        ("feb", 2),
        ("sub", 2),
        ("mar", 3),
        ("abr", 4),
        ("apr", 4),
        ("nis", 4),
        ("mai", 5),
        ("may", 5),
        ("jun", 6),
        ("haz", 6),
        ("jul", 7),
        ("tem", 7),
        ("ago", 8),
        ("aug", 8),
        ("agu", 8),
        ("set", 9),
        ("sep", 9),
        ("eyl", 9),
        ("out", 10),
        ("oct", 10),
        ("eki", 10),
        ("nov", 11),
        ("kas", 11),
        ("dez", 12),
        ("dic", 12),
        ("dec", 12),
        ("ara", 12),
    ];
    SHORT.iter().find(|(m, _)| *m == word).map(|(_, n)| *n)
}

fn month(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .find(|(m, _)| *m == word)
        .map(|(_, n)| *n)
        .or_else(|| turkish_month(word))
}

/// A Turkish month with its case ending, written without an apostrophe: "24 martta",
/// "12 nisanda", "3 şubatta", "ayın 5'i" aside.
fn turkish_month(word: &str) -> Option<u32> {
    const ENDINGS: &[&str] = &[
        "", "ta", "da", "te", "de", "in", "un", "a", "e", "i", "u", "nda", "nde", "tan", "dan",
        "ten", "den", "ya", "ye", "gi", "ga", "ge",
    ];
    TURKISH_MONTHS.iter().find_map(|(name, n)| {
        // "aralık" → "aralığa": a final k softens before a vowel.
        let soft = name.strip_suffix('k').map(|s| format!("{s}g"));
        let rest = word
            .strip_prefix(name)
            .or_else(|| soft.as_deref().and_then(|s| word.strip_prefix(s)))?;
        ENDINGS.contains(&rest).then_some(*n)
    })
}

/// Whether the words name a day of the week ("saturday", "sábados", "cumartesi günü") or the
/// weekend.
pub fn names_a_weekday(words: &[String]) -> bool {
    let plural = |w: &String| {
        w.strip_suffix('s')
            .is_some_and(|one| WEEKDAYS.iter().any(|(name, _)| *name == one))
    };
    (0..words.len()).any(|i| weekday(words, i).is_some() || plural(&words[i]))
        || crate::text::has_any(
            words,
            &[
                "weekend",
                "weekends",
                "hafta sonu",
                "hafta sonlari",
                "haftasonu",
                "fim de semana",
                "fins de semana",
                "fin de semana",
                "fines de semana",
            ],
        )
}

/// The weekday a single word names ("Monday", "cumartesi", "sábado"), if it names one.
pub(crate) fn weekday_named(word: &str) -> Option<Weekday> {
    let folded = crate::text::fold(word);
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|(_, d)| *d)
}

fn weekday(words: &[String], i: usize) -> Option<Weekday> {
    let w = words[i].as_str();
    if let Some((_, d)) = WEEKDAYS.iter().find(|(name, _)| *name == w) {
        return Some(*d);
    }
    // "segunda" is Monday only as "segunda-feira" or "na/próxima segunda"; alone it is
    // "second" (a choice).
    if w == "segunda" {
        // "segunda dia 16", "segunda (12)", "segunda às 9": a day, not a choice.
        let next_is_feira = words.get(i + 1).is_some_and(|n| {
            n == "feira"
                || n == "dia"
                || (n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
                || ["as", "de", "pela", "que"].contains(&n.as_str())
        });
        let prev_is_cue = i > 0
            && ["na", "proxima", "nesta", "esta", "essa", "nessa"].contains(&words[i - 1].as_str());
        if next_is_feira || prev_is_cue {
            return Some(Weekday::Mon);
        }
        return None;
    }
    TURKISH_WEEKDAYS.iter().find_map(|(stem, d)| {
        w.strip_prefix(stem)
            .filter(|rest| TURKISH_SUFFIXES.contains(rest))
            .map(|_| *d)
    })
}

/// The first day after `today` falling on `day`.
fn next_weekday(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead =
        (7 + day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64) % 7;
    today + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// The next date (today or later) with this day and month.
fn upcoming(today: NaiveDate, day: u32, month: u32, year: Option<i32>) -> Option<NaiveDate> {
    if let Some(y) = year {
        let y = if y < 100 { 2000 + y } else { y };
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    let this_year = NaiveDate::from_ymd_opt(today.year(), month, day);
    match this_year {
        Some(d) if d >= today => Some(d),
        _ => NaiveDate::from_ymd_opt(today.year() + 1, month, day),
    }
}

/// A number with an optional clock suffix: "10", "10h", "10h30", "3pm", "15:30", "5ten".
struct Clock {
    hour: u32,
    minute: u32,
    /// "am"/"pm" written.
    meridiem: Option<bool>,
    /// Written as a clock time on its own ("15:30", "10h", "3pm"), not a bare number.
    explicit: bool,
}

fn clock(word: &str) -> Option<Clock> {
    let digits_end = word
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(word.len());
    if digits_end == 0 || digits_end > 2 {
        return None;
    }
    let hour: u32 = word[..digits_end].parse().ok()?;
    let rest = &word[digits_end..];
    let (minute, rest, separated) = if let Some(r) = rest.strip_prefix([':', '.']) {
        if r.len() < 2 || !r.as_bytes()[..2].iter().all(u8::is_ascii_digit) {
            return None;
        }
        (r[..2].parse().ok()?, &r[2..], true)
    } else if let Some(r) = rest.strip_prefix('h') {
        // "17hs", "9hrs": the hours written as Argentines and Brazilians often do.
        let r = r
            .strip_prefix("rs")
            .or_else(|| r.strip_prefix('s'))
            .unwrap_or(r);
        let mins_end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
        let m = if mins_end == 0 {
            0
        } else {
            r[..mins_end].parse().ok()?
        };
        (m, &r[mins_end..], true)
    } else {
        (0, rest, false)
    };
    let (meridiem, explicit) = match rest {
        "am" | "a.m" => (Some(false), true),
        "pm" | "p.m" => (Some(true), true),
        // Turkish case endings on a time: "3'te", "10da", "5ten".
        // A Turkish "at" ending makes a bare number a time: "cumaya 12de", "10da olur mu".
        "" | "te" | "ta" | "de" | "da" | "ten" | "tan" | "den" | "dan" | "e" | "a" | "ye"
        | "ya" | "hs" | "hrs" | "h" => (
            None,
            separated || matches!(rest, "hs" | "hrs" | "h" | "te" | "ta" | "de" | "da"),
        ),
        _ => return None,
    };
    if hour > 23 || minute > 59 || (meridiem.is_some() && !(1..=12).contains(&hour)) {
        return None;
    }
    Some(Clock {
        hour,
        minute,
        meridiem,
        explicit,
    })
}

/// Hours written as words, by folded word: "ten", "diez", "dez", "on".
const HOUR_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("una", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("uma", 1),
    ("duas", 2),
    ("quatro", 4),
    ("sete", 7),
    ("oito", 8),
    ("nove", 9),
    ("dez", 10),
    ("onze", 11),
    ("doze", 12),
];

/// Turkish hours with their case endings: "onda" (at ten), "dokuzda", "üçte", "on birde".
const TURKISH_HOURS: &[(&str, u32)] = &[
    ("bir", 1),
    ("iki", 2),
    ("uc", 3),
    ("dort", 4),
    ("bes", 5),
    ("alti", 6),
    ("yedi", 7),
    ("sekiz", 8),
    ("dokuz", 9),
    ("on", 10),
];

fn turkish_hour(w: &str) -> Option<u32> {
    TURKISH_HOURS.iter().find_map(|(stem, h)| {
        let rest = w.strip_prefix(stem)?;
        // Only the locative ("onda", "üçte"): "one" is English, not "on" + "e".
        ["de", "da", "te", "ta", "bucuk"]
            .contains(&rest)
            .then_some(*h)
    })
}

/// Whether the message opens with a part of the day said as a greeting: "Morning 🙂",
/// "afternoon.", "Evening all" — not "morning works for me" or "afternoon if possible".
fn opens_with_a_greeting(text: &str) -> bool {
    let text = text.trim_start();
    let lower = text.to_lowercase();
    let Some(word) = ["morning", "mornin", "afternoon", "evening"]
        .into_iter()
        .find(|w| lower.starts_with(w))
    else {
        return false;
    };
    let rest = &lower[word.len()..];
    let next_word: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    match rest.chars().next() {
        None => false,
        Some(c) if c.is_alphabetic() => false,
        Some(' ') if !next_word.is_empty() => [
            "all",
            "there",
            "team",
            "guys",
            "folks",
            "everyone",
            "everybody",
            "hi",
            "hello",
            "hey",
            "ladies",
            "again",
        ]
        .contains(&next_word.as_str()),
        Some(_) => true,
    }
}

/// Rewrites times written in words as clock times: "ten o'clock" → "10:00", "half past
/// three" → "3:30", "a las diez y media" → "a las 10:30", "às dez e meia", "saat onda",
/// "on bir buçukta", "quarter to five".
/// Minutes said as a word after "y"/"e": "once y veinte", "dez e vinte", "y diez".
fn minute_word(w: &str) -> Option<u32> {
    match w {
        "cinco" => Some(5),
        "diez" | "dez" => Some(10),
        "veinte" | "vinte" => Some(20),
        "veinticinco" => Some(25),
        "cuarenta" | "quarenta" => Some(40),
        _ => None,
    }
}

fn clock_words(ws: Vec<String>) -> Vec<String> {
    let hour_of = |w: &str| HOUR_WORDS.iter().find(|(n, _)| *n == w).map(|(_, h)| *h);
    let mut out: Vec<String> = Vec::with_capacity(ws.len());
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].as_str();
        let next = |k: usize| ws.get(i + k).map(String::as_str).unwrap_or("");
        // "twenty to eleven", "ten past nine", "five to four".
        let by = match w {
            "five" => Some(5),
            "ten" => Some(10),
            "twenty" => Some(20),
            "twentyfive" => Some(25),
            _ => None,
        };
        if let Some(by) = by
            && ["past", "to"].contains(&next(1))
            && let Some(h) = hour_of(next(2)).or_else(|| next(2).parse().ok().filter(|h| *h <= 12))
        {
            let (h, m) = if next(1) == "past" {
                (h, by)
            } else {
                (if h == 1 { 12 } else { h - 1 }, 60 - by)
            };
            out.push(format!("{h}:{m:02}"));
            i += 3;
            continue;
        }
        // "half past three", "quarter past ten", "quarter to five".
        if (w == "half" || w == "quarter")
            && ["past", "to"].contains(&next(1))
            && let Some(h) = hour_of(next(2)).or_else(|| next(2).parse().ok().filter(|h| *h <= 12))
        {
            let (h, m) = match (w, next(1)) {
                ("half", "past") => (h, 30),
                ("quarter", "past") => (h, 15),
                _ => (if h == 1 { 12 } else { h - 1 }, 45),
            };
            out.push(format!("{h}:{m:02}"));
            i += 3;
            continue;
        }
        // Turkish: "on bir buçukta", "onda", "dokuz buçukta".
        let teen = |n: &str| {
            if n.starts_with("bir") {
                Some(1)
            } else if n.starts_with("iki") {
                Some(2)
            } else {
                None
            }
        };
        if w == "on"
            && let Some(extra) = teen(next(1))
        {
            let half = ["bucukta", "bucuk"].contains(&next(2)) || next(1).ends_with("bucuk");
            out.push(format!("{}:{}", 10 + extra, if half { "30" } else { "00" }));
            i += 2 + usize::from(["bucukta", "bucuk"].contains(&next(2)));
            continue;
        }
        if let Some(h) = turkish_hour(w).filter(|_| w != "on" && w != "bir" && w != "iki") {
            let half = ["bucukta", "bucuk"].contains(&next(1));
            out.push(format!("{h}:{}", if half { "30" } else { "00" }));
            i += 1 + usize::from(half);
            continue;
        }
        // "üç buçukta", "dört buçuk": an hour word alone, then half.
        if let Some((_, h)) = TURKISH_HOURS
            .iter()
            .find(|(stem, _)| *stem == w && !["bir", "iki", "on"].contains(stem))
            && ["bucukta", "bucuk"].contains(&next(1))
        {
            out.push(format!("{h}:30"));
            i += 2;
            continue;
        }
        if ["bir", "iki", "on"].contains(&w) && ["bucukta", "bucuk"].contains(&next(1)) {
            let h = turkish_hour(&format!("{w}de")).unwrap_or(1);
            out.push(format!("{h}:30"));
            i += 2;
            continue;
        }
        // "12 e meia", "17 y media", "10 y cuarto", "10 buçukta".
        if let Ok(h) = w.parse::<u32>()
            && (1..=23).contains(&h)
        {
            let minutes = match (next(1), next(2)) {
                ("y" | "e", "media" | "meia") => Some((30, 2)),
                ("y" | "e", "cuarto" | "quarto" | "quince" | "quinze") => Some((15, 2)),
                ("y" | "e", other) if minute_word(other).is_some() => {
                    minute_word(other).map(|m| (m, 2))
                }
                ("bucuk" | "bucukta", _) => Some((30, 1)),
                _ => None,
            };
            if let Some((m, used)) = minutes {
                out.push(format!("{h}:{m:02}"));
                i += 1 + used;
                continue;
            }
        }
        if let Some(h) = hour_of(w) {
            // "ten o'clock", "ten thirty", "diez y media", "dez e meia", "doce y cuarto",
            // "five pm"; a number word alone is a time only after a time cue.
            let (minutes, used) = match (next(1), next(2)) {
                ("oclock" | "o", _) => (
                    Some(0),
                    1 + usize::from(next(1) == "o" && next(2) == "clock"),
                ),
                ("y" | "e", "media" | "meia") => (Some(30), 2),
                ("y" | "e", "cuarto" | "quarto" | "quince" | "quinze") => (Some(15), 2),
                ("y" | "e", other) if minute_word(other).is_some() => {
                    (minute_word(other).map(|m| m as i32), 2)
                }
                ("menos", "cuarto" | "quarto") => (Some(-15), 2),
                ("menos", other) if minute_word(other).is_some() => {
                    (minute_word(other).map(|m| -(m as i32)), 2)
                }
                ("thirty", _) => (Some(30), 1),
                ("fifteen", _) => (Some(15), 1),
                ("fortyfive", _) => (Some(45), 1),
                ("am" | "pm", _) => (Some(0), 0),
                _ => (None, 0),
            };
            let cued = i > 0 && TIME_CUES.contains(&ws[i - 1].as_str());
            if let Some(m) = minutes.or(cued.then_some(0)) {
                let (h, m) = if m < 0 {
                    (if h == 1 { 12 } else { h - 1 }, 60 + m)
                } else {
                    (h, m)
                };
                out.push(format!("{h}:{m:02}"));
                i += 1 + used;
                continue;
            }
        }
        out.push(ws[i].clone());
        i += 1;
    }
    out
}

/// "11-3-2027" and "11-03" as "11/3/2027": the word splitter reads a dash as a break.
fn dashed_dates(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let core = w.trim_matches(|c: char| !c.is_ascii_digit());
            let parts: Vec<&str> = core.split('-').collect();
            let numeric = (2..=3).contains(&parts.len())
                && parts.iter().all(|p| {
                    !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())
                })
                && parts[0].len() <= 2
                && parts[1].len() <= 2;
            // "12'de", "9'da", "17’de": an hour with the locative is a time.
            let hour = w.split_once(['\'', '’']).and_then(|(h, rest)| {
                let rest = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
                (h.len() <= 2
                    && !h.is_empty()
                    && h.bytes().all(|b| b.is_ascii_digit())
                    && ["de", "da", "te", "ta"].contains(&rest))
                .then_some(h)
            });
            if numeric {
                w.replace('-', "/")
            } else if let Some(h) = hour {
                format!("{h}:00")
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a clinic's patients write an all-number date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateOrder {
    /// 3/5 is the 3rd of May: most of the world.
    #[default]
    DayFirst,
    /// 3/5 is March 5th: the United States.
    MonthFirst,
}

impl DateOrder {
    /// The order English-writing patients of a clinic in `time_zone` use: month first in the
    /// United States' zones, day first everywhere else and in every other language.
    pub fn of(time_zone: &str, lang: frontdesk_domain::Language) -> DateOrder {
        const US_ZONES: &[&str] = &[
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Phoenix",
            "America/Anchorage",
            "America/Detroit",
            "America/Boise",
            "America/Juneau",
            "America/Sitka",
            "America/Nome",
            "America/Adak",
            "America/Menominee",
            "America/Yakutat",
            "America/Metlakatla",
            "Pacific/Honolulu",
            "US/Eastern",
            "US/Central",
            "US/Mountain",
            "US/Pacific",
        ];
        let american = US_ZONES.contains(&time_zone)
            || [
                "America/Indiana/",
                "America/Kentucky/",
                "America/North_Dakota/",
            ]
            .iter()
            .any(|p| time_zone.starts_with(p));
        if american && lang == frontdesk_domain::Language::En {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        }
    }
}

/// Reads when a message asks for, relative to the clinic's `today`, all-number dates day
/// first.
pub fn parse(text: &str, today: NaiveDate) -> When {
    parse_in(text, today, DateOrder::DayFirst)
}

/// Reads when a message asks for, all-number dates in `order`.
pub fn parse_in(text: &str, today: NaiveDate, order: DateOrder) -> When {
    let ws = clock_words(words(&dashed_dates(text)));
    let mut when = When::default();
    fn set_day(when: &mut When, d: NaiveDate) {
        when.from = Some(d);
        when.to = Some(d);
    }
    let is = |i: usize, w: &str| ws.get(i).is_some_and(|x| x == w);
    // A date written out wins over a weekday beside it; a weekday it does not fall on is
    // remembered as a conflict to ask about.
    let mut dated = false;
    let mut weekday_named: Option<Weekday> = None;
    // Where the weekday and the last date stand: a weekday contradicts only the date it is
    // written beside ("del miércoles 17 al día 29": Wednesday is the 17th's).
    let mut weekday_at = 0;
    let mut date_at = (0, 0);
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].as_str();
        let prev = |k: usize| if i >= k { ws[i - k].as_str() } else { "" };
        // Greetings name a part of the day without asking for it ("boa tarde").
        if ["good", "boa", "bom", "buenas", "buenos", "iyi"].contains(&w)
            && ws.get(i + 1).is_some_and(|n| {
                [
                    "morning",
                    "afternoon",
                    "evening",
                    "tarde",
                    "noite",
                    "dia",
                    "dias",
                    "tardes",
                    "noches",
                    "aksamlar",
                    "gunler",
                ]
                .contains(&n.as_str())
            })
        {
            i += 2;
            continue;
        }
        // "Morning 🙂 just moved here…", "afternoon. my wife needs…": a part of the day
        // that opens the message on its own is a greeting too.
        if i == 0 && opens_with_a_greeting(text) {
            i += 1;
            continue;
        }
        // Parts of the day, including the phrases that would otherwise read as days.
        // "el 26 de mañana", "el martes (23) de mañana", "a las 10 de mañana": in the morning,
        // not tomorrow.
        let of_a_day = prev(1) == "de"
            && (prev(2).starts_with(|c: char| c.is_ascii_digit())
                || crate::when::weekday_named(prev(2)).is_some());
        if (w == "manana" && (["la", "esta"].contains(&prev(1)) || of_a_day))
            || w == "morning"
            || w == "manha"
            || w == "sabah"
            || w == "sabahleyin"
            || (w == "ogleden" && is(i + 1, "once"))
        {
            when.part = Some(PartOfDay::Morning);
            i += 1 + usize::from(w == "ogleden");
            continue;
        }
        // In Portuguese and Spanish "a tarde"/"la tarde" begins after lunch, about 14:00,
        // and runs into the evening.
        if w == "tarde" && !["muy", "mais", "mas"].contains(&prev(1)) {
            when.after = NaiveTime::from_hms_opt(14, 0, 0);
            i += 1;
            continue;
        }
        if w == "afternoon" || ["ogleden", "oglen", "ogle"].contains(&w) {
            when.part = Some(PartOfDay::Afternoon);
            i += 1 + usize::from(w == "ogleden" && is(i + 1, "sonra"));
            continue;
        }
        if ["evening", "noite", "noche", "aksam", "aksamustu"].contains(&w) || w == "tonight" {
            when.part = Some(PartOfDay::Evening);
            if w == "tonight" {
                set_day(&mut when, today);
            }
            i += 1;
            continue;
        }
        // Days.
        if (w == "day" && is(i + 1, "after") && is(i + 2, "tomorrow"))
            || (w == "depois" && is(i + 1, "de") && is(i + 2, "amanha"))
        {
            set_day(&mut when, today + Duration::days(2));
            i += 3;
            continue;
        }
        if (w == "pasado" && is(i + 1, "manana"))
            || (w == "obur" && is(i + 1, "gun"))
            || w.starts_with("yarindan") && is(i + 1, "sonra")
        {
            set_day(&mut when, today + Duration::days(2));
            i += 2;
            continue;
        }
        if ["today", "hoje", "hoy", "bugun"].contains(&w) {
            set_day(&mut when, today);
            i += 1;
            continue;
        }
        if [
            "tomorrow", "amanha", "manana", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "2morrow",
        ]
        .contains(&w)
            || w.starts_with("yarin")
        {
            set_day(&mut when, today + Duration::days(1));
            i += 1;
            continue;
        }
        if let Some(week_start) = week_phrase(&ws, i, today) {
            when.from = Some(week_start.0);
            when.to = Some(week_start.1);
            // "Friday next week": that week's Friday.
            if let Some(d) = weekday_named.filter(|_| !dated) {
                let day = (0..7)
                    .map(|k| week_start.0 + Duration::days(k))
                    .find(|x| x.weekday() == d && *x <= week_start.1);
                if let Some(day) = day {
                    set_day(&mut when, day);
                }
            }
            i += week_start.2;
            continue;
        }
        if let Some(d) = weekday(&ws, i) {
            weekday_named = Some(d);
            weekday_at = i;
            if !dated {
                // "next week on Monday": the Monday of that week.
                let day = match (when.from, when.to) {
                    (Some(a), Some(b)) if b > a => (0..7)
                        .map(|k| a + Duration::days(k))
                        .find(|x| x.weekday() == d),
                    _ => None,
                };
                set_day(&mut when, day.unwrap_or_else(|| next_weekday(today, d)));
            }
            i += 1;
            continue;
        }
        if let Some(d) = date(&ws, i, today, order) {
            set_day(&mut when, d.0);
            dated = true;
            date_at = (i, i + d.1);
            i += d.1;
            continue;
        }
        // "the following day", "the day after" (not "the day after tomorrow"), "o dia
        // seguinte", "al día siguiente", "el día después", "ertesi gün", "bir gün sonra".
        let gun = |k: usize| ws.get(i + k).is_some_and(|n| n.starts_with("gun"));
        let day_after_at = if (w == "dia" && is(i + 1, "a") && is(i + 2, "seguir"))
            || (["un", "um", "a", "one"].contains(&w)
                && ["dia", "day"].contains(&ws.get(i + 1).map_or("", String::as_str))
                && ["mas", "mais", "later", "depois", "despues"]
                    .contains(&ws.get(i + 2).map_or("", String::as_str)))
        {
            Some(3 + usize::from(is(i + 3, "tarde")))
        } else if (w == "otro" && prev(1) == "al" && is(i + 1, "dia"))
            || (["following", "next"].contains(&w) && is(i + 1, "day"))
            || (["dia"].contains(&w) && (is(i + 1, "seguinte") || is(i + 1, "siguiente")))
            || (w == "ertesi" && gun(1))
            || (w == "sonraki" && gun(1))
        {
            Some(2)
        } else if (w == "day" && is(i + 1, "after"))
            || (w == "dia" && is(i + 1, "despues"))
            || (w == "bir" && gun(1) && ws.get(i + 2).is_some_and(|n| n.starts_with("sonra")))
        {
            let tomorrow = ["tomorrow", "de", "manana", "amanha"];
            (!ws.get(i + 2)
                .is_some_and(|n| tomorrow.contains(&n.as_str())))
            .then_some(if w == "bir" { 3 } else { 2 })
        } else {
            None
        };
        if let Some(used) = day_after_at {
            when.day_after = true;
            i += used;
            continue;
        }
        // "the same time", "a la misma hora", "na mesma hora", "aynı saatte".
        if (["same", "misma", "mesma"].contains(&w)
            && ws
                .get(i + 1)
                .is_some_and(|n| ["time", "hora", "horario"].contains(&n.as_str())))
            || (w == "ayni" && ws.get(i + 1).is_some_and(|n| n.starts_with("saat")))
        {
            when.same_time = true;
            i += 2;
            continue;
        }
        // "the same day", "o mesmo dia", "el mismo día", "aynı gün".
        // ("é quarta mesmo, dia 21": "mesmo" there is "indeed", and the 21st the day.)
        if (["same", "mesmo", "mismo", "mesma", "misma"].contains(&w)
            && ws
                .get(i + 1)
                .is_some_and(|n| ["day", "dia"].contains(&n.as_str()))
            && !ws
                .get(i + 2)
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit())))
            || (w == "ayni" && ws.get(i + 1).is_some_and(|n| n.starts_with("gun")))
        {
            when.same_day = true;
            i += 2;
            continue;
        }
        if ["later", "tarde", "sonra", "geç", "gec"].contains(&w)
            && ["mais", "mas", "bit", "a", "little", "daha", "any"].contains(&prev(1))
            || w == "later"
        {
            when.later = Some(true);
            i += 1;
            continue;
        }
        if ["earlier", "cedo", "temprano", "erken"].contains(&w)
            && (w == "earlier" || ["mais", "mas", "daha", "bit"].contains(&prev(1)))
        {
            when.later = Some(false);
            i += 1;
            continue;
        }
        // Times.
        if w == "noon" || w == "mediodia" || (w == "meio" && is(i + 1, "dia")) {
            when.at = Some(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
            i += 1;
            continue;
        }
        // A bare hour right after a date or weekday: "11 şubat 17'de", "jueves 18 a las".
        let after_day = month(prev(1)).is_some()
            || (prev(1).contains(['/', '.']) && prev(1).chars().any(|c| c.is_ascii_digit()))
            || weekday(&ws, i.saturating_sub(1)).is_some() && i > 0
            || prev(1) == "gunu";
        let cue = TIME_CUES.contains(&prev(1))
            || (after_day && w.parse::<u32>().is_ok_and(|h| (7..=20).contains(&h)));
        if let Some(c) = clock(w) {
            let afterwards = ws.get(i + 1).map(String::as_str).unwrap_or("");
            let bare_followed_by_meridiem = !c.explicit && ["am", "pm"].contains(&afterwards);
            if c.explicit || cue || bare_followed_by_meridiem || time_part_follows(&ws, i).is_some()
            {
                let mut hour = c.hour;
                let mut used = 1;
                let meridiem = if bare_followed_by_meridiem {
                    used = 2;
                    Some(afterwards == "pm")
                } else {
                    c.meridiem
                };
                let part = time_part_follows(&ws, i);
                match (meridiem, part) {
                    (Some(true), _) if hour < 12 => hour += 12,
                    (Some(false), _) if hour == 12 => hour = 0,
                    (None, Some((PartOfDay::Afternoon | PartOfDay::Evening, n))) => {
                        if hour < 12 {
                            hour += 12;
                        }
                        used += n;
                    }
                    (None, Some((PartOfDay::Morning, n))) => used += n,
                    // Clinics are rarely open at 1–7 in the morning: "at 5" means 17:00, though
                    // "7:30" may be the morning at a clinic that opens at 7.
                    (None, None) if (1..=7).contains(&hour) && when.part.is_none() => {
                        when.could_be_morning = hour >= 6;
                        hour += 12;
                    }
                    (None, None)
                        if (1..=11).contains(&hour)
                            && matches!(
                                when.part,
                                Some(PartOfDay::Afternoon | PartOfDay::Evening)
                            ) =>
                    {
                        hour += 12
                    }
                    _ => {}
                }
                let t = NaiveTime::from_hms_opt(hour, c.minute, 0);
                // "The day after tomorrow at 6" is at 6, not after it.
                let cued = |cues: &[&str]| {
                    (1..=3).any(|k| cues.contains(&prev(k)) && !["tomorrow"].contains(&prev(k - 1)))
                };
                if cued(AFTER_CUES)
                    || ["sonra"].contains(&ws.get(i + used).map(String::as_str).unwrap_or(""))
                {
                    when.after = t;
                    i += used + usize::from(is(i + used, "sonra"));
                } else if cued(BEFORE_CUES) || is(i + used, "once") {
                    when.before = t;
                    i += used + usize::from(is(i + used, "once"));
                } else {
                    when.at = t;
                    i += used;
                }
                continue;
            }
        }
        i += 1;
    }
    let beside = (weekday_at < date_at.0 && date_at.0 - weekday_at <= 3)
        || (weekday_at >= date_at.1 && weekday_at - date_at.1 <= 1);
    if dated
        && beside
        && let (Some(named), Some(day)) = (weekday_named, when.from)
        && day.weekday() != named
    {
        when.conflict = Some(named);
    }
    when
}

/// "da tarde", "de la mañana", "in the afternoon" right after a clock number: the part of
/// day and how many words it takes.
fn time_part_follows(ws: &[String], i: usize) -> Option<(PartOfDay, usize)> {
    let rest: Vec<&str> = ws.iter().skip(i + 1).take(3).map(String::as_str).collect();
    let part = |w: &str| match w {
        "manha" | "manana" | "morning" => Some(PartOfDay::Morning),
        "tarde" | "afternoon" => Some(PartOfDay::Afternoon),
        "noite" | "noche" | "evening" | "night" => Some(PartOfDay::Evening),
        _ => None,
    };
    match rest.as_slice() {
        ["da" | "de", w, ..] if part(w).is_some() => part(w).map(|p| (p, 2)),
        ["de", "la", w, ..] | ["in", "the", w, ..] if part(w).is_some() => part(w).map(|p| (p, 3)),
        _ => None,
    }
}

/// "next week", "semana que vem", "la próxima semana", "gelecek hafta", "this week":
/// its first and last day and how many words it took.
fn week_phrase(ws: &[String], i: usize, today: NaiveDate) -> Option<(NaiveDate, NaiveDate, usize)> {
    let w = ws[i].as_str();
    let next = |k: usize| ws.get(i + k).map(String::as_str).unwrap_or("");
    let monday_next = next_weekday(today, Weekday::Mon);
    let next_week = (monday_next, monday_next + Duration::days(6));
    let this_week = (
        today,
        today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday())),
    );
    let matched = match (w, next(1), next(2)) {
        ("next", "week", _) | ("proxima", "semana", _) | ("gelecek", "hafta", _) => {
            Some((next_week, 2))
        }
        ("onumuzdeki", "hafta", _) => Some((next_week, 2)),
        ("semana", "que", "vem" | "viene") => Some((next_week, 3)),
        ("semana", "proxima", _) => Some((next_week, 2)),
        ("haftaya", _, _) => Some((next_week, 1)),
        ("this", "week", _) | ("esta", "semana", _) | ("bu", "hafta", _) => Some((this_week, 2)),
        _ => None,
    }?;
    // "next week" starting on a day after the week's end cannot happen; keep the order.
    Some((matched.0.0, matched.0.1.max(matched.0.0), matched.1))
}

/// A calendar date at `ws[i]`: "25/12", "25.12.2026", "25 de dezembro", "December 25th",
/// "25 aralık"; and how many words it took.
fn date(ws: &[String], i: usize, today: NaiveDate, order: DateOrder) -> Option<(NaiveDate, usize)> {
    let w = ws[i].as_str();
    let next = |k: usize| ws.get(i + k).map(String::as_str).unwrap_or("");
    let number = |s: &str| -> Option<u32> {
        let digits = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &s[digits.len()..];
        if !["", "th", "st", "nd", "rd", "o", "a", "si", "i"].contains(&suffix) {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    };
    // "20/abr", "3/mar": a day and a month's name.
    if let Some((d, m)) = w.split_once('/')
        && let (Ok(day), Some(m)) = (d.parse::<u32>(), month(m).or_else(|| month_abbreviation(m)))
    {
        return upcoming(today, day, m, None).map(|x| (x, 1));
    }
    // Numeric: d/m, d/m/y, d.m, d.m.y.
    for sep in ['/', '.'] {
        let parts: Vec<&str> = w.split(sep).collect();
        if (parts.len() == 2 || parts.len() == 3)
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let a: u32 = parts[0].parse().ok()?;
            let b: u32 = parts[1].parse().ok()?;
            // "10.30" and "a las 10.20" are times; "25.12" a date. With a dot, a second part
            // past 12 is minutes: no one writes "10.20" for 20 October.
            let time_cue =
                i > 0 && ["at", "as", "las", "saat", "la", "pelas"].contains(&ws[i - 1].as_str());
            if sep == '.'
                && parts.len() == 2
                && a <= 23
                && parts[1].len() == 2
                && b <= 59
                && ([0, 15, 30, 45].contains(&b) || b > 12 || time_cue)
            {
                return None;
            }
            let year = parts.get(2).and_then(|y| y.parse::<i32>().ok());
            // The clinic's order, unless only the other one makes a date (13/5, 5/13).
            let (day, month) = match order {
                DateOrder::DayFirst if b > 12 && a <= 12 => (b, a),
                DateOrder::MonthFirst if sep == '/' && a <= 12 => (b, a),
                _ => (a, b),
            };
            return upcoming(today, day, month, year).map(|d| (d, 1));
        }
    }
    // Day then month: "25 de dezembro", "25 december", "25 aralik".
    if let Some(day) = number(w) {
        if let Some(m) = month(next(1)) {
            return upcoming(today, day, m, None).map(|d| (d, 2));
        }
        // "26 abr", "11 fev", "3 şub", "5 dic": a short month after a day number; not "out",
        // "tem" or "ara", which are words there too ("5 out of 10", "às 5 tem vaga?").
        if let Some(m) = month_abbreviation(next(1))
            .filter(|_| !["out", "tem", "ara", "mar", "set", "may"].contains(&next(1)))
        {
            return upcoming(today, day, m, None).map(|d| (d, 2));
        }
        if ["de", "of"].contains(&next(1))
            && let Some(m) = month(next(2))
        {
            return upcoming(today, day, m, None).map(|d| (d, 3));
        }
        // "dia 25", "el día 25", "the 25th", "jueves 22", "quinta 11".
        let prev = if i > 0 { ws[i - 1].as_str() } else { "" };
        let after_weekday =
            i > 0 && weekday(ws, i - 1).is_some() && w.bytes().all(|b| b.is_ascii_digit());
        // "el 26 a las…", "del 3 a las 13:20", "al 9", "el 10 8:15".
        let el_day = ["el", "del", "al"].contains(&prev)
            && (["a", "las", "por", "", "de"].contains(&next(1))
                || clock(next(1)).is_some_and(|c| c.explicit))
            && month(next(2)).is_none();
        if prev == "dia"
            || prev == "ayin"
            || el_day
            || after_weekday
            || (prev == "the" && w.len() > 2 && !w.bytes().all(|b| b.is_ascii_digit()))
        {
            let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), day);
            return match this_month {
                Some(d) if d >= today => Some((d, 1)),
                _ => {
                    let first_next = today.with_day(1)? + Duration::days(32);
                    NaiveDate::from_ymd_opt(first_next.year(), first_next.month(), day)
                        .map(|d| (d, 1))
                }
            };
        }
    }
    // Month then day: "December 25th", "dec 25".
    if let Some(m) = month(w)
        && let Some(day) = number(next(1))
    {
        return upcoming(today, day, m, None).map(|d| (d, 2));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_domain::Language;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    /// Sunday 22 November 2026.
    const TODAY: (i32, u32, u32) = (2026, 11, 22);

    fn read(text: &str) -> When {
        parse(text, day(TODAY.0, TODAY.1, TODAY.2))
    }

    #[test]
    fn all_number_dates_follow_the_clinics_order() {
        let today = day(TODAY.0, TODAY.1, TODAY.2);
        let us = DateOrder::of("America/New_York", Language::En);
        assert_eq!(us, DateOrder::MonthFirst);
        // Day first for the rest of the world, and for Spanish in the United States.
        assert_eq!(
            DateOrder::of("Europe/London", Language::En),
            DateOrder::DayFirst
        );
        assert_eq!(
            DateOrder::of("America/Sao_Paulo", Language::En),
            DateOrder::DayFirst
        );
        assert_eq!(
            DateOrder::of("America/Chicago", Language::Es),
            DateOrder::DayFirst
        );
        assert_eq!(DateOrder::of("America/Indiana/Knox", Language::En), us);
        for (text, month_first, day_first) in [
            ("3/5/27 at 3:45pm", day(2027, 3, 5), day(2027, 5, 3)),
            ("on 2/11", day(2027, 2, 11), day(2027, 11, 2)),
            // Only one order makes a date: that one, whoever writes it.
            ("on 12/25", day(2026, 12, 25), day(2026, 12, 25)),
            ("on 25/12", day(2026, 12, 25), day(2026, 12, 25)),
            // Dots are day first everywhere ("29.04.2027").
            ("29.04.2027 16.00", day(2027, 4, 29), day(2027, 4, 29)),
        ] {
            assert_eq!(parse_in(text, today, us).from, Some(month_first), "{text}");
            assert_eq!(
                parse_in(text, today, DateOrder::DayFirst).from,
                Some(day_first),
                "{text}"
            );
        }
    }

    fn on(d: NaiveDate) -> When {
        When {
            from: Some(d),
            to: Some(d),
            ..When::default()
        }
    }

    #[test]
    fn relative_days_in_four_languages() {
        let tomorrow = day(2026, 11, 23);
        for text in ["tomorrow", "yarın", "amanhã", "mañana", "Yarına randevu"] {
            assert_eq!(read(text), on(tomorrow), "{text}");
        }
        for text in ["today", "bugün", "hoje", "hoy"] {
            assert_eq!(read(text), on(day(2026, 11, 22)), "{text}");
        }
        for text in [
            "day after tomorrow",
            "depois de amanhã",
            "pasado mañana",
            "öbür gün",
        ] {
            assert_eq!(read(text), on(day(2026, 11, 24)), "{text}");
        }
    }

    #[test]
    fn the_day_after_tomorrow_at_a_time_is_at_that_time() {
        let mut w = on(day(2026, 11, 24));
        w.at = Some(t(18, 0));
        assert_eq!(read("the day after tomorrow at 6 pm"), w);
        assert_eq!(read("day after tomorrow at 6pm please"), w);
        w.at = Some(t(13, 30));
        assert_eq!(read("for the day after tomorrow at 1.30 pm"), w);
        let mut w = on(day(2026, 11, 23));
        w.after = Some(t(17, 0));
        assert_eq!(read("tomorrow after 5pm"), w);
    }

    #[test]
    fn the_examples_of_the_issue() {
        let mut w = on(day(2026, 11, 23));
        w.part = Some(PartOfDay::Afternoon);
        assert_eq!(read("tomorrow afternoon"), w);
        let mut w = on(day(2026, 11, 23));
        w.at = Some(t(15, 0));
        assert_eq!(read("yarın saat 15:00"), w);
        let mut w = on(day(2026, 11, 27));
        w.at = Some(t(10, 0));
        assert_eq!(read("próxima sexta às 10h"), w);
        let mut w = on(day(2026, 11, 24));
        w.part = Some(PartOfDay::Morning);
        assert_eq!(read("el martes por la mañana"), w);
        assert_eq!(read("25/12"), on(day(2026, 12, 25)));
        assert_eq!(
            read("next week"),
            When {
                from: Some(day(2026, 11, 23)),
                to: Some(day(2026, 11, 29)),
                ..When::default()
            }
        );
        assert_eq!(
            read("after 5pm"),
            When {
                after: Some(t(17, 0)),
                ..When::default()
            }
        );
    }

    #[test]
    fn weekdays_take_turkish_suffixes_and_portuguese_feira() {
        assert_eq!(read("cumartesi günü"), on(day(2026, 11, 28)));
        assert_eq!(read("cumaya"), on(day(2026, 11, 27)));
        assert_eq!(read("pazartesi"), on(day(2026, 11, 23)));
        assert_eq!(read("segunda-feira"), on(day(2026, 11, 23)));
        assert_eq!(read("na segunda"), on(day(2026, 11, 23)));
        // Alone, "segunda" is "the second one".
        assert_eq!(read("a segunda"), When::default());
        assert_eq!(read("segunda (23)").from, Some(day(2026, 11, 23)));
        assert_eq!(read("segunda dia 23").from, Some(day(2026, 11, 23)));
        assert_eq!(read("viernes"), on(day(2026, 11, 27)));
        assert_eq!(read("on Sunday"), on(day(2026, 11, 29)));
        assert_eq!(read("Fri at 12:20").from, Some(day(2026, 11, 27)));
        assert_eq!(read("a check up sat at 12pm").from, Some(day(2026, 11, 28)));
    }

    #[test]
    fn times_in_many_spellings() {
        let at = |h, m| When {
            at: Some(t(h, m)),
            ..When::default()
        };
        assert_eq!(read("10:30"), at(10, 30));
        assert_eq!(read("3pm"), at(15, 0));
        assert_eq!(read("3 pm"), at(15, 0));
        assert_eq!(read("10h30"), at(10, 30));
        assert_eq!(read("a las 5 de la tarde"), at(17, 0));
        assert_eq!(read("às 4 da tarde"), at(16, 0));
        assert_eq!(read("saat 3'te"), at(15, 0));
        assert_eq!(read("at 11"), at(11, 0));
        assert_eq!(read("a las 10.20"), at(10, 20));
        assert_eq!(read("24 martta 11:00").from, Some(day(2027, 3, 24)));
        assert_eq!(read("12 nisanda").from, Some(day(2027, 4, 12)));
        assert_eq!(read("el 30 8:15").from, Some(day(2026, 11, 30)));
        assert_eq!(read("el 30 8:15").at, Some(t(8, 15)));
        assert_eq!(
            read("la cita del 30 a las 13:20").from,
            Some(day(2026, 11, 30))
        );
        assert_eq!(read("12de olur mu"), at(12, 0));
        assert_eq!(read("10da uygun mu"), at(10, 0));
        assert_eq!(read("13:30da"), at(13, 30));
        assert_eq!(read("10.40"), at(10, 40));
        assert_eq!(read("half past 11"), at(11, 30));
        assert_eq!(read("quarter past 10"), at(10, 15));
        assert_eq!(read("a las 9 y cuarto"), at(9, 15));
        assert_eq!(read("às 9 e meia"), at(9, 30));
        assert_eq!(read("9am"), at(9, 0));
        assert_eq!(read("10.30"), at(10, 30));
        assert_eq!(read("meio-dia"), at(12, 0));
        // A bare number is a choice, not a time.
        assert_eq!(read("2"), When::default());
    }

    #[test]
    fn bounds_before_and_after() {
        assert_eq!(
            read("depois das 17h"),
            When {
                after: Some(t(17, 0)),
                ..When::default()
            }
        );
        assert_eq!(
            read("después de las 5"),
            When {
                after: Some(t(17, 0)),
                ..When::default()
            }
        );
        assert_eq!(
            read("saat 5'ten sonra"),
            When {
                after: Some(t(17, 0)),
                ..When::default()
            }
        );
        assert_eq!(
            read("before 10am"),
            When {
                before: Some(t(10, 0)),
                ..When::default()
            }
        );
        assert_eq!(
            read("antes das 11h"),
            When {
                before: Some(t(11, 0)),
                ..When::default()
            }
        );
    }

    #[test]
    fn calendar_dates_in_words() {
        assert_eq!(read("25 de dezembro"), on(day(2026, 12, 25)));
        assert_eq!(read("25 de diciembre"), on(day(2026, 12, 25)));
        assert_eq!(read("25 aralık"), on(day(2026, 12, 25)));
        assert_eq!(read("December 25th"), on(day(2026, 12, 25)));
        assert_eq!(read("3 March"), on(day(2027, 3, 3)));
        assert_eq!(read("dia 30"), on(day(2026, 11, 30)));
        assert_eq!(read("25.12.2026"), on(day(2026, 12, 25)));
        // Passed this year: next year's.
        assert_eq!(read("1/2"), on(day(2027, 2, 1)));
        // "may" without a day is a verb.
        assert_eq!(read("may I book?"), When::default());
    }

    #[test]
    fn afternoon_and_evening_words() {
        let part = |p| When {
            part: Some(p),
            ..When::default()
        };
        assert_eq!(read("öğleden sonra"), part(PartOfDay::Afternoon));
        assert_eq!(read("in the evening"), part(PartOfDay::Evening));
        // "A tarde" starts after lunch in Portuguese and Spanish.
        assert_eq!(
            read("à tarde"),
            When {
                after: Some(t(14, 0)),
                ..When::default()
            }
        );
        assert_eq!(read("akşam"), part(PartOfDay::Evening));
        assert_eq!(read("sabah"), part(PartOfDay::Morning));
    }

    #[test]
    fn an_explicit_date_wins_over_its_weekday() {
        // Thursday 11 February 2027.
        let feb11 = day(2027, 2, 11);
        for text in [
            "11 Şubat Perşembe",
            "Thursday 11 February at 10am",
            "quinta, 11 de fevereiro",
            "el jueves 11 de febrero",
            "Perşembe 11 Şubat saat 10",
        ] {
            let w = read(text);
            assert_eq!(w.from, Some(feb11), "{text}");
            assert_eq!(w.conflict, None, "{text}");
        }
        let w = read("Friday 11 February");
        assert_eq!(w.from, Some(feb11));
        assert_eq!(w.conflict, Some(Weekday::Fri));
        assert_eq!(read("sexta, 11 de fevereiro").conflict, Some(Weekday::Fri));
        assert_eq!(read("11 Şubat Cuma").conflict, Some(Weekday::Fri));
        // A weekday beside another date of the message is that date's.
        let moved =
            read("¿me pasáis la cita del miércoles 17 de marzo al día 29 de marzo a las 12?");
        assert_eq!((moved.from, moved.conflict), (Some(day(2027, 3, 29)), None));
    }

    #[test]
    fn times_as_people_write_them() {
        assert_eq!(read("el jueves a las 15:40h").at, Some(t(15, 40)));
        assert_eq!(read("perşembe sabah 9").at, Some(t(9, 0)));
        assert_eq!(read("ayın 19'unda").from, Some(day(2026, 12, 19)));
        let w = read("11 şubat 17'de randevu");
        assert_eq!((w.from, w.at), (Some(day(2027, 2, 11)), Some(t(17, 0))));
        assert_eq!(read("at ten o'clock in the morning").at, Some(t(10, 0)));
        // A part of the day that opens the message alone is a greeting, not a wish.
        let greeted = read("Morning 🙂 need a filling, Feb 2 at 2:30 pm?");
        assert_eq!((greeted.part, greeted.at), (None, Some(t(14, 30))));
        assert_eq!(
            read("afternoon. my wife needs a blood test at 8:15").part,
            None
        );
        assert_eq!(read("Evening all, at 9 tomorrow?").part, None);
        assert_eq!(read("morning works for me").part, Some(PartOfDay::Morning));
        assert_eq!(
            read("Afternoon if possible").part,
            Some(PartOfDay::Afternoon)
        );
        assert_eq!(read("half past three in the afternoon").at, Some(t(15, 30)));
        assert_eq!(read("a las diez y media").at, Some(t(10, 30)));
        assert_eq!(read("às dez e meia").at, Some(t(10, 30)));
        assert_eq!(read("a las doce").at, Some(t(12, 0)));
        assert_eq!(read("saat onda").at, Some(t(10, 0)));
        assert_eq!(read("on bir buçukta").at, Some(t(11, 30)));
        assert_eq!(read("the 12:00 one").at, Some(t(12, 0)));
        assert_eq!(read("first one please"), When::default());
        assert_eq!(read("quarter to five").at, Some(t(16, 45)));
        assert_eq!(read("às 12 e meia").at, Some(t(12, 30)));
        assert_eq!(
            read("Tuesday the 23rd of February").from,
            Some(day(2027, 2, 23))
        );
        assert_eq!(read("terça 20/abr às 14:15").from, Some(day(2027, 4, 20)));
        assert_eq!(
            read("necesito cancelar mi cita del jueves 26").from,
            Some(day(2026, 11, 26))
        );
        assert_eq!(read("hayır 11 olmaz, 12'de olur mu?").at, Some(t(12, 0)));
        let w = read("15.04 9'da müsait misiniz");
        assert_eq!((w.from, w.at), (Some(day(2027, 4, 15)), Some(t(9, 0))));
        assert_eq!(read("tmrw at eleven o'clock").from, Some(day(2026, 11, 23)));
        assert_eq!(
            read("friday next week at 4:30pm").from,
            Some(day(2026, 11, 27))
        );
        assert_eq!(read("a las 17 y media").at, Some(t(17, 30)));
        assert_eq!(
            read("el 11-3-2027 a las 12:00h").from,
            Some(day(2027, 3, 11))
        );
        let seven = read("saat 7:30'da");
        assert_eq!(seven.at, Some(t(19, 30)));
        assert!(seven.could_be_morning);
        assert_eq!(read("öğleden sonra 5.30'da").at, Some(t(17, 30)));
        let w = read("cita el 18 a las 13:20h");
        assert_eq!((w.from, w.at), (Some(day(2026, 12, 18)), Some(t(13, 20))));
        let w = read("Same day but later?");
        assert!(w.same_day && w.later == Some(true));
        assert!(read("aynı gün daha geç").same_day);
        for text in [
            "the following day at 17:00 wud be better",
            "the day after, same time?",
            "the next day at 5:30pm would be better",
            "bir gün sonrası sabah 10'da daha iyi olur",
            "ertesi gün olur mu",
            "o dia seguinte às 10h",
            "mejor al día siguiente a las 10",
            "el día después a la misma hora",
            "se podria al otro dia a las 10?",
            "e no dia a seguir, às 14:40?",
            "mejor un día más tarde, a la misma hora",
            "a day later would be better",
        ] {
            let w = read(text);
            assert!(w.day_after && w.from.is_none(), "{text}");
            assert_eq!(w.after, None, "{text}");
        }
        assert!(!read("the day after tomorrow").day_after);
        // Minutes in words, and short month names after a day number.
        assert_eq!(
            read("tinham vaga às dez e vinte para acne?").at,
            Some(t(10, 20))
        );
        assert_eq!(read("¿a las once y veinte?").at, Some(t(11, 20)));
        assert_eq!(read("a las cinco menos diez").at, Some(t(16, 50)));
        let april = read("hay disponibilidad el 19 abr a las 11:45?");
        assert_eq!(
            (april.from, april.at),
            (Some(day(2027, 4, 19)), Some(t(11, 45)))
        );
        assert_eq!(
            read("no dia 26 abr, às 10 da manhã").from,
            Some(day(2027, 4, 26))
        );
        assert_eq!(read("el 5 dic").from, Some(day(2026, 12, 5)));
        assert_eq!(read("às 5 tem vaga?").from, None);
        assert_eq!(read("fico com o das 18 horas").at, Some(t(18, 0)));
        assert_eq!(read("el viernes 26 a las 17hs").at, Some(t(17, 0)));
        let morning = read("necesito una cita el 26 de mañana");
        assert_eq!(
            (morning.from, morning.part),
            (Some(day(2026, 11, 26)), Some(PartOfDay::Morning))
        );
        let tuesday = read("una cita de chequeo completo - el martes (23) de mañana");
        assert_eq!(tuesday.part, Some(PartOfDay::Morning));
        assert_eq!(read("mañana a las 10").from, Some(day(2026, 11, 23)));
        assert_eq!(
            read("on Friday 7th May at twenty to eleven").at,
            Some(t(10, 40))
        );
        assert_eq!(read("at ten past nine").at, Some(t(9, 10)));
        assert_eq!(
            read("6 Nisan'da öğleden sonra üç buçukta").at,
            Some(t(15, 30))
        );
        assert!(read("mejor un día más tarde, a la misma hora").same_time);
        assert!(read("the next day at the same time?").same_time);
        // "é quarta mesmo, dia 21": the 21st, not "the same day".
        let w = read("ops, é quarta mesmo, dia 21, às 16h");
        assert!(!w.same_day && w.from.is_some());
        assert!(!read("el día después de mañana").day_after);
        assert_eq!(read("o mesmo dia mais tarde").later, Some(true));
        let monday = read("next week on Monday at 12:00");
        assert_eq!(monday.from, Some(day(2026, 11, 23)));
    }

    #[test]
    fn a_new_day_replaces_the_old_time() {
        let first = read("tomorrow at 10am");
        let changed = first.refined(read("actually friday"));
        assert_eq!(changed, on(day(2026, 11, 27)));
        let later = first.refined(read("after 3pm"));
        assert_eq!(later.from, Some(day(2026, 11, 23)));
        assert_eq!(later.after, Some(t(15, 0)));
        assert_eq!(later.at, None);
    }
}
