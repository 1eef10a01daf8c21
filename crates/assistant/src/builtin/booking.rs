//! Booking and moving: what the message adds to the draft, who it is for, the offers, the
//! hold and the yes.

use chrono::{Duration, NaiveDate};
use frontdesk_domain::scheduling::Patient;
use frontdesk_domain::{PatientId, ServiceId};

use super::{Builtin, Draft, Flow, Stage, Turn};
use crate::desk::{DeskError, Offer};
use crate::details;
use crate::intent::{self, Pending};
use crate::names;
use crate::reply::{self, Say};
use crate::text::words;
use crate::when::When;

/// Options offered at once.
pub(super) const OFFERS: usize = 3;
/// Days searched when the patient names none.
pub(super) const SEARCH_DAYS: i64 = 14;
/// Days searched for the nearest alternatives.
pub(super) const ALTERNATIVE_DAYS: i64 = 28;
impl Builtin {
    /// Booking and moving: fill in what the message says, then do or ask the next thing.
    pub(super) async fn booking(&self, t: &mut Turn<'_>, mut d: Draft) -> Result<Flow, DeskError> {
        let services = t.desk.services();
        if services.is_empty() && d.moving.is_none() {
            t.say(Say::NothingToBook);
            t.hand_over("the patient wants to book but no service can be booked by chat");
            return Ok(Flow::Idle);
        }
        // What the message says.
        // An answer to "whose name?" names a person, not a service ("Nome completo: Gabriela
        // Gonçalves" is no "Check-up completo").
        let answers_who = matches!(d.stage, Stage::AskedName | Stage::AskedWho);
        let new_service = t
            .service_guess
            .filter(|_| !((t.service_by_model || answers_who) && d.service.is_some()))
            .or_else(|| {
                (!d.service_options.is_empty() && d.service.is_none())
                    .then(|| details::choice(t.text, d.service_options.len()))
                    .flatten()
                    .map(|i| d.service_options[i])
            });
        // A booking begun right after a question about a service is for that service.
        let new_service = new_service.or_else(|| {
            (d.service.is_none() && d.moving.is_none() && d.service_options.is_empty())
                .then_some(t.recent_service)
                .flatten()
        });
        let new_practitioner = details::practitioner(t.text, t.desk.practitioners());
        let mut new_when = t.when(t.text);
        // A time alone at the start of a booking is for the day named just before.
        if d.when.is_empty()
            && d.offers.is_empty()
            && d.moving.is_none()
            && new_when.has_time()
            && new_when.from.is_none()
            && !new_when.same_day
            && !new_when.day_after
            && let Some(day) = t.recent_day
        {
            new_when.from = Some(day);
            new_when.to = Some(day);
        }
        // The answer to "do you mean the 15th or Monday the 14th?": a day number or a
        // weekday names one of the two, in the month under discussion, never the next 15th.
        if let Some((written, other)) = d.which_day.take() {
            use chrono::Datelike;
            let said = new_when.from.filter(|_| new_when.from == new_when.to);
            // "tarih doğru, 28'inde olsun", "o 16", "la fecha está bien": the day number
            // alone, or the date said to be the right one.
            let ws = words(t.text);
            let by_number = ws.iter().find_map(|w| {
                let n: u32 = w.parse().ok()?;
                [written, other].into_iter().find(|c| c.day() == n)
            });
            let date_right = crate::text::has_any(
                &ws,
                &[
                    "tarih dogru",
                    "date is right",
                    "date is correct",
                    "the date",
                    "a data esta certa",
                    "a data certa",
                    "data esta certa",
                    "la fecha esta bien",
                    "la fecha es correcta",
                    "fecha correcta",
                ],
            );
            let meant = said.and_then(|x| {
                [written, other]
                    .into_iter()
                    .find(|c| c.day() == x.day())
                    .or_else(|| {
                        [written, other]
                            .into_iter()
                            .find(|c| c.weekday() == x.weekday() && (x - *c).num_days().abs() < 7)
                    })
            });
            // A plain yes keeps the date as written: the date wins over its weekday.
            let plain_yes = said.is_none() && intent::yes_or_no(t.text) == Some(true);
            let meant = meant
                .or(by_number)
                .or((date_right || plain_yes).then_some(written));
            if let Some(day) = meant {
                new_when.from = Some(day);
                new_when.to = Some(day);
                new_when.conflict = None;
            }
        }
        let action = if d.moving.is_some() {
            Pending::Move
        } else {
            Pending::Book
        };
        let answer = intent::confirmation(t.text, action);
        // "Friday 11 February" when the 11th is a Thursday: ask, do nothing.
        if let (Some(named), Some(day)) = (new_when.conflict, new_when.from) {
            if d.moving.is_none()
                && let Some(s) = new_service
            {
                d.service = Some(s);
            }
            if new_practitioner.is_some() {
                d.practitioner = new_practitioner;
            }
            if d.moving.is_none() {
                self.read_people(t, &mut d).await?;
            }
            let other = nearest_weekday(day, named);
            t.say(Say::WhichDay {
                date: reply::date(t.lang, day),
                other: reply::date(t.lang, other),
                at: new_when.at.map(reply::time),
            });
            d.which_day = Some((day, other));
            // The time stays; the day waits for the patient's answer.
            if new_when.has_time() {
                d.when = When {
                    from: None,
                    to: None,
                    conflict: None,
                    ..new_when
                };
                d.offers.clear();
                d.chosen = None;
            }
            d.stage = Stage::AskedWhen;
            return Ok(Flow::Booking(d));
        }
        // "The same day, but later": the day and time under discussion.
        if new_when.same_day || new_when.day_after || new_when.same_time || new_when.later.is_some()
        {
            // The day the patient asked for is the one under discussion, even when the
            // times offered were on other days (it was full).
            let asked_day = d.when.from.filter(|&f| Some(f) == d.when.to);
            let on_asked_day = |o: &&Offer| Some(t.local(o.starts_at).date()) == asked_day;
            let discussed = d
                .chosen
                .map(|o| t.local(o.starts_at))
                .or_else(|| {
                    let day = asked_day?;
                    d.offers
                        .iter()
                        .rfind(on_asked_day)
                        .map(|o| t.local(o.starts_at))
                        .or(Some(day.and_time(d.when.at.unwrap_or_default())))
                })
                .or_else(|| {
                    d.offers
                        .last()
                        .copied()
                        .or(d.moving_from.filter(|_| d.moving.is_some()))
                        .map(|o| t.local(o.starts_at))
                });
            if new_when.same_day || new_when.day_after {
                let day = discussed.map(|at| at.date()).or(d.when.from);
                let day = if new_when.day_after {
                    day.and_then(|d| d.succ_opt())
                } else {
                    day
                };
                new_when.from = day;
                new_when.to = day;
                new_when.same_day = false;
                new_when.day_after = false;
            }
            // "Same day, later, at 12:00?": the time named wins over "later".
            if new_when.at.is_some() {
                new_when.later = None;
            }
            // "The day after, at the same time": the time under discussion.
            if new_when.same_time {
                new_when.at = discussed.map(|at| at.time()).or(d.when.at);
                new_when.same_time = false;
            }
            if let Some(at) = discussed {
                match new_when.later.take() {
                    Some(true) => new_when.after = Some(at.time() + Duration::minutes(1)),
                    Some(false) => new_when.before = Some(at.time()),
                    None => {}
                }
                if new_when.from.is_none() {
                    new_when.from = Some(at.date());
                    new_when.to = Some(at.date());
                }
            }
            new_when.later = None;
        }
        // Who it is for, as this message says ("it's for my son Deniz").
        let before = d.patient;
        if d.moving.is_none() {
            self.read_people(t, &mut d).await?;
        }
        let people_changed = before.is_some() && d.patient != before;
        // "Ok great, book that one" confirms the held time; "one" picks nothing there.
        let confirming = (d.held.is_some() || d.stage == Stage::ConfirmingMove)
            && answer == Some(true)
            && new_when.is_empty();
        let picked = pick_offer(t, &d, &new_when).filter(|_| !confirming);
        let changes = people_changed
            || (new_service.is_some() && new_service != d.service && d.moving.is_none())
            || (new_practitioner.is_some() && new_practitioner != d.practitioner)
            || !new_when.is_empty()
            || details::none_suits(t.text)
            || (picked.is_some() && d.chosen.is_some() && picked != d.chosen);

        // Waiting for a yes to a held slot or a move.
        if d.held.is_some() || d.stage == Stage::ConfirmingMove {
            if !changes {
                match answer {
                    Some(true) => return self.finish(t, d).await,
                    Some(false) => {
                        release_hold(t, &mut d).await?;
                        d.stage = Stage::Gathering;
                        d.chosen = None;
                        d.offers.clear();
                        if d.moving.is_some() {
                            t.say(Say::Kept);
                            return Ok(Flow::Idle);
                        }
                        t.say(Say::NotBooked);
                        return Ok(Flow::Booking(d));
                    }
                    None => {
                        self.ask_confirmation(t, &d);
                        return Ok(Flow::Booking(d));
                    }
                }
            }
            // A change of mind: let the hold go and start from the new wish (the same time
            // when only the person changed).
            let keep = d
                .chosen
                .filter(|_| people_changed && new_when.is_empty() && picked.is_none());
            release_hold(t, &mut d).await?;
            d.stage = Stage::Gathering;
            d.chosen = keep;
        }

        // After the medical-advice offer, a yes starts the search.
        if d.stage == Stage::ExamOffered && answer == Some(false) && new_when.is_empty() {
            t.say(Say::Thanks);
            return Ok(Flow::Idle);
        }
        if d.stage == Stage::ExamOffered && answer == Some(true) {
            d.stage = Stage::AskedWhen;
        }

        if let Some(s) = new_service
            && d.moving.is_none()
            && Some(s) != d.service
        {
            d.service = Some(s);
            d.offers.clear();
            d.chosen = None;
        }
        if let Some(p) = new_practitioner
            && Some(p) != d.practitioner
        {
            d.practitioner = Some(p);
            d.offers.clear();
            d.chosen = None;
        }
        if !new_when.is_empty() && picked.is_none() {
            d.when = d.when.refined(new_when);
            d.offers.clear();
            d.chosen = None;
        } else if let Some(p) = picked {
            d.chosen = Some(p);
        }
        if details::none_suits(t.text) && new_when.is_empty() && !d.offers.is_empty() {
            // Later than what was offered.
            let last = d.offers.iter().map(|o| t.local(o.starts_at).date()).max();
            if let Some(last) = last {
                let from = last + Duration::days(1);
                d.when = When {
                    from: Some(from),
                    to: Some(from + Duration::days(SEARCH_DAYS - 1)),
                    ..d.when
                };
            }
            d.offers.clear();
        }

        // The next thing to do or ask.
        let Some(service) = d.service else {
            if let [only] = services {
                d.service = Some(only.id);
                return Box::pin(self.booking(t, d)).await;
            }
            d.service_options = services.iter().map(|s| s.id).collect();
            let names = services
                .iter()
                .map(|s| s.details.name_in(t.lang).to_string())
                .collect();
            d.stage = Stage::AskedService;
            t.say(Say::AskService { services: names });
            return Ok(Flow::Booking(d));
        };
        d.service_options.clear();
        if d.when.is_empty() && d.stage < Stage::AskedWhen && d.chosen.is_none() {
            d.stage = Stage::AskedWhen;
            if let Some(from) = d.moving_from.filter(|_| d.moving.is_some()) {
                let details = format!("{}, {}", t.service_name(service), t.offer_text(&from));
                t.say(Say::AskNewTime { details });
            } else {
                t.say(Say::AskWhen {
                    service: t.service_name(service),
                });
            }
            return Ok(Flow::Booking(d));
        }
        if d.when.to.is_some_and(|to| to < t.today) {
            d.when = When::default();
            t.say(Say::PastDay);
            return Ok(Flow::Booking(d));
        }
        if d.chosen.is_none() {
            if d.offers.is_empty() {
                return self.offer(t, d, service).await;
            }
            t.say(Say::PickOne);
            return Ok(Flow::Booking(d));
        }
        // Chosen: for whom, then hold and ask for the yes.
        if d.moving.is_none() && d.patient.is_none() {
            let name = names::answer_name(t.text).filter(|_| d.stage == Stage::AskedName);
            if !self.settle_patient(t, &mut d, name).await? {
                return Ok(Flow::Booking(d));
            }
        }
        self.hold_and_confirm(t, d, service).await
    }

    /// Works out who the booking is for; asks when it cannot tell. True when settled.
    pub(super) async fn settle_patient(
        &self,
        t: &mut Turn<'_>,
        d: &mut Draft,
        name: Option<String>,
    ) -> Result<bool, DeskError> {
        if d.patient.is_some() {
            return Ok(true);
        }
        let people = t.desk.household().await?;
        let settle = |d: &mut Draft, p: &Patient| {
            d.patient = Some(p.id);
            d.patient_name = Some(p.details.name.clone());
        };
        // An answer to "who is it for?": a number or one of the names.
        if !d.household.is_empty() {
            if let Some(i) = details::choice(t.text, d.household.len())
                && let Some(p) = people.iter().find(|p| p.id == d.household[i])
            {
                settle(d, p);
                return Ok(true);
            }
            let said = words(t.text);
            if let Some(p) = people.iter().filter(|p| !unnamed(p)).find(|p| {
                words(&p.details.name)
                    .first()
                    .is_some_and(|first| said.contains(first))
            }) {
                settle(d, p);
                return Ok(true);
            }
        }
        // Someone other than the writer: that person, found or added; never the writer renamed.
        if let Some(relation) = d.for_other.clone() {
            return match name {
                Some(name) => {
                    let p = match same_person(&people, &name) {
                        Some(p) => p.clone(),
                        None => t.desk.add_patient(&name, t.lang).await?,
                    };
                    settle(d, &p);
                    Ok(true)
                }
                // "For my husband" from a phone shared by two: the one who is not writing
                // (the confirmation names them, so a wrong guess is seen before the yes). A
                // grandad or a son may be anyone on the file: asked, never guessed.
                None if d.stage != Stage::AskedName
                    && names::is_spouse(&relation)
                    && let Some(writer) = t.desk.writer()
                    && let [other] = people
                        .iter()
                        .filter(|p| p.id != writer && !unnamed(p))
                        .collect::<Vec<_>>()
                        .as_slice()
                    && people.iter().any(|p| p.id == writer) =>
                {
                    settle(d, other);
                    Ok(true)
                }
                None => {
                    d.stage = Stage::AskedName;
                    t.say(Say::AskNameOf { relation });
                    Ok(false)
                }
            };
        }
        match (people.as_slice(), name) {
            // Known by their number only: their name, then book.
            ([only], Some(name)) if unnamed(only) => {
                let p = t.desk.name_patient(only.id, &name).await?;
                settle(d, &p);
                Ok(true)
            }
            ([only], None) if unnamed(only) => {
                d.stage = Stage::AskedName;
                t.say(Say::AskName);
                Ok(false)
            }
            ([only], None) => {
                settle(d, only);
                Ok(true)
            }
            // Someone not yet known on this contact.
            (_, Some(name)) => {
                let p = match same_person(&people, &name) {
                    Some(p) => p.clone(),
                    None => t.desk.add_patient(&name, t.lang).await?,
                };
                settle(d, &p);
                Ok(true)
            }
            ([], None) => {
                d.stage = Stage::AskedName;
                t.say(Say::AskName);
                Ok(false)
            }
            (many, None) => {
                let named: Vec<&Patient> = many.iter().filter(|p| !unnamed(p)).collect();
                if let [only] = named.as_slice() {
                    settle(d, only);
                    return Ok(true);
                }
                // "Lily's due her vaccination", "Ece'ye aşı randevusu", "a vacina à Filipa":
                // one of them named by first name in the request.
                if let [only] = named
                    .iter()
                    .filter(|p| first_name_in(t.text, &p.details.name))
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    settle(d, only);
                    return Ok(true);
                }
                d.household = named.iter().map(|p| p.id).collect();
                d.stage = Stage::AskedWho;
                t.say(Say::AskWho {
                    names: named.iter().map(|p| p.details.name.clone()).collect(),
                });
                Ok(false)
            }
        }
    }

    /// Names and people the message gives: the writer's own name (for a lead known only by
    /// number), and someone else the appointment is for ("for my son Deniz").
    pub(super) async fn read_people(
        &self,
        t: &mut Turn<'_>,
        d: &mut Draft,
    ) -> Result<(), DeskError> {
        // "It's for Maite Sánchez": someone other than the writer, by name alone.
        let people_now = t.desk.household().await?;
        let someone = names::someone_else(t.text).or_else(|| {
            let name = names::named_for(t.text)?;
            // "An appointment for ECG": a service, not a person.
            if details::service(&name, t.desk.services()).is_some()
                || name
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
            {
                return None;
            }
            let writer_named = people_now.iter().filter(|p| !unnamed(p)).any(|p| {
                words(&p.details.name).first() == words(&name).first() && people_now.len() == 1
            });
            (!writer_named && details::practitioner(t.text, t.desk.practitioners()).is_none()).then(
                || names::Someone {
                    relation: String::new(),
                    name: Some(name),
                },
            )
        });
        // A message that is only a name names the lead writing ("Chloé Smith"), unless it
        // names one of our practitioners.
        let own = names::own_name(t.text).or_else(|| {
            (d.for_other.is_none()
                && someone.is_none()
                && details::practitioner(t.text, t.desk.practitioners()).is_none())
            .then(|| names::bare_name(t.text))
            .flatten()
        });
        if let Some(own) = own {
            let people = t.desk.household().await?;
            if let [only] = people.as_slice()
                && unnamed(only)
            {
                let p = t.desk.name_patient(only.id, &own).await?;
                if someone.is_none() && d.for_other.is_none() {
                    d.patient = Some(p.id);
                    d.patient_name = Some(p.details.name);
                }
            } else if someone.is_none() && d.for_other.is_none() && d.patient.is_none() {
                self.settle_patient(t, d, Some(own)).await?;
            }
        }
        if names::for_myself(t.text) && d.for_other.is_some() {
            d.for_other = None;
            d.patient = None;
            d.patient_name = None;
        }
        let names_someone = someone.is_some();
        if let Some(someone) = someone.filter(|_| !names::for_myself(t.text)) {
            let same_relation = d
                .for_other
                .as_deref()
                .is_some_and(|had| words(had) == words(&someone.relation));
            if !same_relation || someone.name.is_some() {
                d.patient = None;
                d.patient_name = None;
            }
            d.for_other = Some(someone.relation);
            if let Some(name) = someone.name {
                self.settle_patient(t, d, Some(name)).await?;
            }
        }
        // "It's Callum van der Merwe" to a confirmation for someone else we chose: the name
        // corrects the choice (another person, found or added), never renames the one chosen.
        if d.for_other.is_some()
            && d.patient.is_some()
            && !names_someone
            && let Some(name) = names::other_name(t.text).or_else(|| names::bare_name(t.text))
            && d.patient_name
                .as_deref()
                .is_none_or(|had| words(had) != words(&name))
        {
            d.patient = None;
            d.patient_name = None;
            self.settle_patient(t, d, Some(name)).await?;
        }
        // The name of the person it is for, given on its own ("Her name is Ana", or the
        // answer to our question).
        if d.for_other.is_some() && d.patient.is_none() {
            let name = names::other_name(t.text).or_else(|| {
                (d.stage == Stage::AskedName)
                    .then(|| names::answer_name(t.text))
                    .flatten()
            });
            if let Some(name) = name {
                self.settle_patient(t, d, Some(name)).await?;
            }
        }
        Ok(())
    }

    /// Searches and offers slots (or the nearest ones, or hands over when there are none).
    pub(super) async fn offer(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        let from = d.when.from.unwrap_or(t.today).max(t.today);
        let to = d
            .when
            .to
            .unwrap_or(from + Duration::days(SEARCH_DAYS - 1))
            .max(from);
        let practitioner = d.practitioner.filter(|p| {
            t.service(service)
                .is_some_and(|s| s.details.practitioner_ids.contains(p))
        });
        // A returning patient sees their usual practitioner first, when they named nobody.
        let usual = match (practitioner, self.patient_in_view(t, &d).await?) {
            (None, Some(patient)) if d.moving.is_none() => {
                t.desk.usual_practitioner(patient).await?.filter(|p| {
                    t.service(service)
                        .is_some_and(|s| s.details.practitioner_ids.contains(p))
                })
            }
            _ => None,
        };
        let mut fitting: Vec<Offer> = vec![];
        // An exact time says more than a part of the day; "7:30" may be the morning.
        let part = d.when.part.filter(|_| d.when.at.is_none());
        let mut readings = vec![d.when];
        if d.when.could_be_morning
            && let Some(at) = d.when.at
        {
            readings.push(When {
                at: Some(at - Duration::hours(12)),
                could_be_morning: false,
                ..d.when
            });
        }
        'search: for reading in readings {
            for who in [practitioner.or(usual), None] {
                let found = t.desk.find_slots(service, who, from, to, part, 200).await?;
                fitting = found
                    .into_iter()
                    .filter(|s| reading.admits(t.local(s.starts_at).time()))
                    .map(Offer::from)
                    .collect();
                if !fitting.is_empty() {
                    d.when = reading;
                    break 'search;
                }
                if usual.is_none() || practitioner.is_some() {
                    break;
                }
            }
        }
        // "Tomorrow at 10": several practitioners may be free then; the first (the usual one
        // when there is one) is the patient's choice.
        if d.when.at.is_some() && d.when.from.is_some() && d.when.from == d.when.to {
            fitting.truncate(1);
        }
        // "Tomorrow at 10" with one match: that is the choice; confirm it.
        if d.when.at.is_some() && fitting.len() == 1 {
            d.offers = fitting.clone();
            d.chosen = Some(fitting[0]);
            return Box::pin(self.booking_after_choice(t, d, service)).await;
        }
        let offers = spread(t, fitting);
        if !offers.is_empty() {
            d.offers = offers;
            d.stage = Stage::Offered;
            let options = d.offers.iter().map(|o| t.offer_text(o)).collect();
            t.say(Say::Offers {
                service: t.service_name(service),
                options,
            });
            return Ok(Flow::Booking(d));
        }
        // Nothing then: the nearest free times from the day asked (or today) on.
        let alt_from = from;
        let nearest = t
            .desk
            .find_slots(
                service,
                practitioner,
                alt_from,
                alt_from + Duration::days(ALTERNATIVE_DAYS - 1),
                None,
                200,
            )
            .await?;
        let nearest = spread(t, nearest.into_iter().map(Offer::from).collect());
        if nearest.is_empty() {
            t.say(Say::NoAvailability {
                service: t.service_name(service),
            });
            t.hand_over("no free time for the service the patient asked for");
            return Ok(Flow::Idle);
        }
        d.offers = nearest;
        // The time asked for was taken: a time said next is for the same day, when that day
        // has other free times; a day with none (a Sunday) leaves the next time open.
        let day_has_room = d
            .when
            .from
            .is_some_and(|day| d.offers.iter().any(|o| t.local(o.starts_at).date() == day));
        d.when = if day_has_room {
            When {
                from: d.when.from,
                to: d.when.to,
                ..When::default()
            }
        } else {
            When::default()
        };
        let options = d.offers.iter().map(|o| t.offer_text(o)).collect();
        t.say(Say::NothingThen {
            service: t.service_name(service),
            options,
        });
        Ok(Flow::Booking(d))
    }

    /// The patient the booking is for, when already known or the only one on the contact.
    pub(super) async fn patient_in_view(
        &self,
        t: &Turn<'_>,
        d: &Draft,
    ) -> Result<Option<PatientId>, DeskError> {
        if d.patient.is_some() {
            return Ok(d.patient);
        }
        Ok(match t.desk.household().await?.as_slice() {
            [only] if !unnamed(only) => Some(only.id),
            _ => None,
        })
    }

    /// After a slot was lost: a list to choose from, never a choice made for the patient again
    /// (a slot that keeps being refused must not loop).
    pub(super) async fn offer_again(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        d.when.at = None;
        self.offer(t, d, service).await
    }

    pub(super) async fn booking_after_choice(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        if d.moving.is_none()
            && d.patient.is_none()
            && !self.settle_patient(t, &mut d, None).await?
        {
            return Ok(Flow::Booking(d));
        }
        self.hold_and_confirm(t, d, service).await
    }

    /// Holds the chosen slot (or, for a move, checks nothing more) and asks for the yes.
    pub(super) async fn hold_and_confirm(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        let Some(chosen) = d.chosen else {
            return Ok(Flow::Booking(d));
        };
        if d.moving.is_some() {
            d.stage = Stage::ConfirmingMove;
            self.ask_confirmation(t, &d);
            return Ok(Flow::Booking(d));
        }
        let Some(patient) = d.patient else {
            return Ok(Flow::Booking(d));
        };
        match t.desk.hold(patient, service, &chosen).await {
            Ok(a) => {
                d.held = Some(a.id);
                d.stage = Stage::ConfirmingBooking;
                self.ask_confirmation(t, &d);
                Ok(Flow::Booking(d))
            }
            Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                t.say(Say::SlotGone);
                d.chosen = None;
                d.offers.clear();
                self.offer_again(t, d, service).await
            }
            Err(e) => Err(e),
        }
    }

    pub(super) fn ask_confirmation(&self, t: &mut Turn<'_>, d: &Draft) {
        let (Some(service), Some(chosen)) = (d.service, d.chosen) else {
            return;
        };
        if let Some(from) = d.moving_from.filter(|_| d.moving.is_some()) {
            t.say(Say::ConfirmMove {
                from: t.offer_text(&from),
                to: t.booking_text(service, &chosen, None),
            });
        } else {
            t.say(Say::ConfirmBooking {
                details: t.booking_text(service, &chosen, d.patient_name.as_deref()),
            });
        }
    }

    /// The patient said yes: book (confirm the hold) or move.
    pub(super) async fn finish(&self, t: &mut Turn<'_>, mut d: Draft) -> Result<Flow, DeskError> {
        let (Some(service), Some(chosen)) = (d.service, d.chosen) else {
            return Ok(Flow::Idle);
        };
        if let Some(moving) = d.moving {
            return match t.desk.reschedule(moving, &chosen).await {
                Ok(a) => {
                    t.say(Say::Moved {
                        details: t.appointment_text(&a),
                    });
                    Ok(Flow::Idle)
                }
                Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                    t.say(Say::SlotGone);
                    d.stage = Stage::Gathering;
                    d.chosen = None;
                    d.offers.clear();
                    self.offer_again(t, d, service).await
                }
                Err(e) => Err(e),
            };
        }
        let Some(held) = d.held else {
            return Ok(Flow::Booking(d));
        };
        match t.desk.confirm(held).await {
            Ok(a) => {
                t.say(Say::Booked {
                    details: t.booking_text(
                        a.service_id,
                        &Offer {
                            practitioner_id: a.practitioner_id,
                            starts_at: a.starts_at,
                        },
                        d.patient_name.as_deref(),
                    ),
                });
                Ok(Flow::Idle)
            }
            // The hold lapsed: hold the same slot again if it is still free.
            Err(DeskError::Refused(_)) => {
                d.held = None;
                let Some(patient) = d.patient else {
                    return Ok(Flow::Booking(d));
                };
                match t.desk.hold(patient, service, &chosen).await {
                    Ok(a) => match t.desk.confirm(a.id).await {
                        Ok(a) => {
                            t.say(Say::Booked {
                                details: t.appointment_text(&a),
                            });
                            Ok(Flow::Idle)
                        }
                        Err(e) => Err(e),
                    },
                    Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                        t.say(Say::SlotGone);
                        d.chosen = None;
                        d.offers.clear();
                        self.offer_again(t, d, service).await
                    }
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }
}

/// The day falling on `weekday` nearest to `day` (the patient's other possible meaning).
pub(super) fn nearest_weekday(day: NaiveDate, weekday: chrono::Weekday) -> NaiveDate {
    use chrono::Datelike;
    (1..=3)
        .flat_map(|k| [day + Duration::days(k), day - Duration::days(k)])
        .find(|d| d.weekday() == weekday)
        .unwrap_or(day)
}

/// The household member `name` means: the same full name, or the same first name when the
/// patient gives only that ("Lucía" for "Lucía Fernández").
pub(super) fn same_person<'p>(people: &'p [Patient], name: &str) -> Option<&'p Patient> {
    let wanted = words(name);
    people
        .iter()
        .filter(|p| !unnamed(p))
        .find(|p| words(&p.details.name) == wanted)
        .or_else(|| {
            // "Mehmet Ali" for "Mehmet Ali Taşkıran": the names given start theirs.
            let starting: Vec<&Patient> = people
                .iter()
                .filter(|p| !unnamed(p) && wanted.len() > 1)
                .filter(|p| words(&p.details.name).starts_with(&wanted))
                .collect();
            match starting.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
        .or_else(|| {
            let firsts: Vec<&Patient> = people
                .iter()
                .filter(|p| !unnamed(p) && wanted.len() == 1)
                .filter(|p| words(&p.details.name).first() == wanted.first())
                .collect();
            match firsts.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
}

/// A lead recorded with their phone number as their name.
/// Whether `text` names the first name of `full`, also with an English possessive or a
/// Turkish case ending ("Lily's", "Ece'ye", "Deniz'in").
fn first_name_in(text: &str, full: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "s", "ye", "ya", "e", "a", "in", "nin", "un", "nun", "i", "u", "yi", "yu", "de", "da",
        "le", "la", "yla", "yle", "icin",
    ];
    let Some(first) = words(full).into_iter().next() else {
        return false;
    };
    first.chars().count() >= 3
        && words(text).iter().any(|w| {
            w == &first
                || w.strip_prefix(first.as_str())
                    .is_some_and(|rest| ENDINGS.contains(&rest))
        })
}

pub(crate) fn unnamed(p: &Patient) -> bool {
    let name = p.details.name.trim();
    name.starts_with('+') || name.starts_with("web:") || name.chars().all(|c| !c.is_alphabetic())
}

/// Which offer a message picks: by number or ordinal, or by naming exactly one offer's
/// time or day.
pub(super) fn pick_offer(t: &Turn<'_>, d: &Draft, named: &When) -> Option<Offer> {
    if d.offers.is_empty() {
        return None;
    }
    if let Some(i) = details::choice(t.text, d.offers.len()) {
        return Some(d.offers[i]);
    }
    // "Yes" to a list that holds the very time asked for: that one.
    if named.is_empty() && intent::yes_or_no(t.text) == Some(true) {
        let asked: Vec<&Offer> = d
            .offers
            .iter()
            .filter(|o| d.when.at.is_some() && d.when.admits(t.local(o.starts_at).time()))
            .collect();
        return match (asked.as_slice(), d.offers.as_slice()) {
            ([one], _) => Some(**one),
            (_, [one]) => Some(*one),
            _ => None,
        };
    }
    if named.is_empty() {
        return None;
    }
    let matching: Vec<&Offer> = d
        .offers
        .iter()
        .filter(|o| {
            let at = t.local(o.starts_at);
            named.from.is_none_or(|f| at.date() >= f)
                && named.to.is_none_or(|to| at.date() <= to)
                && (named.at.is_some() || named.part.is_some())
                && named.admits(at.time())
        })
        .collect();
    match matching.as_slice() {
        [one] => Some(**one),
        _ => None,
    }
}

/// Up to [`OFFERS`] slots, spread over days and parts of the day rather than three
/// neighbouring half-hours.
pub(super) fn spread(t: &Turn<'_>, slots: Vec<Offer>) -> Vec<Offer> {
    let mut picked: Vec<Offer> = Vec::new();
    for s in &slots {
        let at = t.local(s.starts_at);
        let far_enough = picked.iter().all(|p| {
            let other = t.local(p.starts_at);
            other.date() != at.date() || (at - other).num_minutes().abs() >= 120
        });
        if far_enough {
            picked.push(*s);
        }
        if picked.len() == OFFERS {
            break;
        }
    }
    // Few spread options: fill with the earliest remaining.
    for s in slots {
        if picked.len() >= OFFERS {
            break;
        }
        if !picked.contains(&s) {
            picked.push(s);
        }
    }
    picked.sort_by_key(|o| o.starts_at);
    picked
}

pub(super) async fn release_hold(t: &Turn<'_>, d: &mut Draft) -> Result<(), DeskError> {
    if let Some(held) = d.held.take() {
        match t.desk.cancel(held).await {
            Ok(_) | Err(DeskError::Refused(_) | DeskError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}
