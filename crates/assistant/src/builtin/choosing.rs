//! Choosing one of the patient's appointments to cancel or move, and telling them what they
//! have.

use frontdesk_domain::PatientId;
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus};

use super::{Builtin, Draft, Flow, PRICE_WORDS, Picking, Stage, Turn};
use crate::desk::{DeskError, Offer};
use crate::details;
use crate::intent::{self, Pending};
use crate::names;
use crate::reply::{self, Say};
use crate::text::{has_any, words};
use crate::when::When;

impl Builtin {
    /// Choosing an appointment to cancel or move, then (for a cancellation) the yes.
    pub(super) async fn picking(
        &self,
        t: &mut Turn<'_>,
        mut p: Picking,
        fresh: bool,
    ) -> Result<Flow, DeskError> {
        let upcoming: Vec<Appointment> = t
            .desk
            .upcoming()
            .await?
            .into_iter()
            .filter(|a| a.status == AppointmentStatus::Confirmed)
            .collect();
        if upcoming.is_empty() {
            // "Can I come Thursday at 10? actually make it 10:30": nothing to move, so a
            // message naming a time asks to book.
            if fresh && !t.when(t.text).is_empty() {
                return self.booking(t, Draft::default()).await;
            }
            t.say(Say::NoUpcoming);
            return Ok(Flow::Idle);
        }
        // "My daughter Lúcia's appointment": hers only.
        let upcoming = match names::someone_else(t.text).and_then(|s| s.name) {
            Some(name) if p.chosen.is_none() => {
                let people = t.desk.household().await?;
                let theirs: Vec<PatientId> = people
                    .iter()
                    .filter(|p| {
                        let (mine, given) = (words(&p.details.name), words(&name));
                        !given.is_empty() && mine.first() == given.first()
                    })
                    .map(|p| p.id)
                    .collect();
                let filtered: Vec<Appointment> = upcoming
                    .iter()
                    .filter(|a| theirs.contains(&a.patient_id))
                    .cloned()
                    .collect();
                if filtered.is_empty() {
                    upcoming
                } else {
                    filtered
                }
            }
            _ => upcoming,
        };
        if let Some(chosen) = p.chosen {
            match intent::confirmation(t.text, Pending::Cancel) {
                Some(true) => {
                    return match t.desk.cancel(chosen).await {
                        Ok(a) => {
                            t.say(Say::Cancelled {
                                details: t.appointment_text(&a),
                            });
                            Ok(Flow::Idle)
                        }
                        Err(DeskError::Refused(_) | DeskError::NotFound(_)) => {
                            t.say(Say::NoUpcoming);
                            Ok(Flow::Idle)
                        }
                        Err(e) => Err(e),
                    };
                }
                Some(false) => {
                    t.say(Say::Kept);
                    return Ok(Flow::Idle);
                }
                None => {}
            }
        }
        // Which one: by number, or by the day or time the patient names.
        let listed: Vec<&Appointment> = if p.listed.is_empty() {
            upcoming.iter().collect()
        } else {
            p.listed
                .iter()
                .filter_map(|id| upcoming.iter().find(|a| a.id == *id))
                .collect()
        };
        let mut named = t.when(t.text);
        // "Move my appointment on March 23rd to April 13th at 11": one date names the
        // appointment, the rest is the new time.
        let mut new_time: Option<When> = None;
        if p.to_move {
            let segments = segments(t.text);
            if segments.len() > 1 {
                let reads: Vec<When> = segments.iter().map(|s| t.when(s)).collect();
                let names_one = |w: &When| {
                    w.from.is_some()
                        && listed
                            .iter()
                            .filter(|a| Some(t.local(a.starts_at).date()) == w.from)
                            .count()
                            == 1
                };
                if let Some(k) = reads.iter().position(names_one) {
                    named = reads[k];
                    let rest = reads
                        .iter()
                        .enumerate()
                        .filter(|(j, w)| *j != k && !w.is_empty())
                        .fold(When::default(), |acc, (_, w)| acc.refined(*w));
                    new_time = Some(rest);
                }
            }
        }
        let pick = if listed.len() == 1 && (fresh || p.chosen.is_some()) {
            Some(listed[0])
        } else if !fresh || !named.is_empty() {
            details::choice(t.text, listed.len())
                .map(|i| listed[i])
                .or_else(|| {
                    let matching: Vec<&&Appointment> = listed
                        .iter()
                        .filter(|a| {
                            let at = t.local(a.starts_at);
                            !named.is_empty()
                                && named.from.is_none_or(|f| at.date() >= f)
                                && named.to.is_none_or(|to| at.date() <= to)
                                && named.admits(at.time())
                        })
                        .collect();
                    match matching.as_slice() {
                        [one] => Some(**one),
                        _ => None,
                    }
                })
        } else {
            None
        };
        let Some(chosen) = pick else {
            p.listed = listed.iter().map(|a| a.id).collect();
            let items = listed.iter().map(|a| t.appointment_text(a)).collect();
            t.say(Say::WhichAppointment { items });
            return Ok(Flow::Cancelling(p));
        };
        if p.to_move {
            let draft = Draft {
                service: Some(chosen.service_id),
                practitioner: Some(chosen.practitioner_id),
                moving: Some(chosen.id),
                moving_from: Some(Offer {
                    practitioner_id: chosen.practitioner_id,
                    starts_at: chosen.starts_at,
                }),
                patient: Some(chosen.patient_id),
                ..Draft::default()
            };
            // "Move my appointment to Friday at 10" carries the new time already.
            let new_when = match new_time {
                // "On the 8th at 8:30" for the appointment of the 8th at 10:30: the same day
                // names it, the other time is the new one.
                Some(w)
                    if w.is_empty()
                        && named
                            .at
                            .is_some_and(|at| at != t.local(chosen.starts_at).time()) =>
                {
                    named
                }
                Some(w) => w,
                None if listed.len() == 1 => named,
                None => When::default(),
            };
            let draft = Draft {
                when: new_when,
                ..draft
            };
            if new_when.is_empty() {
                let mut draft = draft;
                draft.stage = Stage::AskedWhen;
                t.say(Say::AskNewTime {
                    details: t.appointment_text(chosen),
                });
                return Ok(Flow::Booking(draft));
            }
            return self.offer(t, draft, chosen.service_id).await;
        }
        p.chosen = Some(chosen.id);
        p.listed.clear();
        t.say(Say::ConfirmCancel {
            details: t.appointment_text(chosen),
        });
        Ok(Flow::Cancelling(p))
    }

    pub(super) async fn my_appointments(&self, t: &mut Turn<'_>) -> Result<(), DeskError> {
        let upcoming = t.desk.upcoming().await?;
        let people = if upcoming
            .iter()
            .any(|a| a.patient_id != upcoming[0].patient_id)
        {
            t.desk.household().await?
        } else {
            vec![]
        };
        let items: Vec<String> = upcoming
            .iter()
            .filter(|a| a.status == AppointmentStatus::Confirmed)
            .map(|a| {
                let text = t.appointment_text(a);
                match people.iter().find(|p| p.id == a.patient_id) {
                    Some(p) => format!("{} — {text}", p.details.name),
                    None => text,
                }
            })
            .collect();
        if items.is_empty() {
            t.say(Say::NoUpcoming);
        } else {
            t.say(Say::Upcoming { items });
            // "When is my next appointment, and how much will it cost?"
            if has_any(&words(t.text), PRICE_WORDS) {
                let mut items: Vec<String> = vec![];
                for a in upcoming
                    .iter()
                    .filter(|a| a.status == AppointmentStatus::Confirmed)
                {
                    if let Some(s) = t.service(a.service_id) {
                        let line = format!(
                            "{}: {}",
                            s.details.name_in(t.lang),
                            reply::price(t.lang, a.price.as_ref().or(s.details.price.as_ref()))
                        );
                        if !items.contains(&line) {
                            items.push(line);
                        }
                    }
                }
                if !items.is_empty() {
                    t.say(Say::Prices { items });
                }
            }
        }
        Ok(())
    }
}

/// A message cut where a move's new time begins ("… on March 23rd | to April 13th at 11"),
/// so each part's date can be read alone.
pub(super) fn segments(text: &str) -> Vec<String> {
    const CUTS: &[&str] = &[
        "to",
        "for",
        "instead",
        "into",
        "could",
        "can",
        "para",
        "pra",
        "pro",
        "por",
        "pode",
        "podia",
        "podria",
        "puede",
        "ser",
        "al",
        "a",
        "yerine",
        "olarak",
        "randevumu",
        "randevuyu",
        "→",
        "->",
        "—",
        "-",
    ];
    let mut out: Vec<String> = vec![];
    let mut current: Vec<&str> = vec![];
    for w in text.split_whitespace() {
        let key = crate::text::fold(
            w.trim_matches(|c: char| !c.is_alphanumeric() && !"→->—".contains(c)),
        );
        // "a las 9:30" keeps its hour with its cue: "a" cuts only before a day.
        // "al 9", "al martes" is the new day ("de la cita del 3 al 9"); "al mediodía" is not.
        let cut = CUTS.contains(&key.as_str()) && !(key == "a" || key == "al")
            || key.starts_with('¿')
            || (key == "al" && !current.is_empty());
        if cut && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
        current.push(w);
        // "del 27 de enero: ¿podría…" — a clause ends at its punctuation.
        if w.ends_with([':', ';', '?', '!']) && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}
