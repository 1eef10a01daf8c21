//! The dialog evaluation (`frontdesk evaluate dialogs`): plays the conversations of
//! `eval/dialogs` against a fresh copy of each one's clinic, through the intake and the turn
//! workers as a WhatsApp message would go, with the clock at the dialog's own time, and
//! checks the calendar and the replies against what the dialog expects.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use frontdesk_domain::assistant_settings::AssistantSettings;
use frontdesk_domain::messaging::{Author, ChannelKind};
use frontdesk_domain::scheduling::local_time::local;
use frontdesk_domain::scheduling::{
    Actor, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus, PatientDetails,
    PractitionerDetails, Price, ServiceDetails,
};
use frontdesk_domain::{
    AppointmentId, Clinic, ClinicName, ClinicProfile, Language, OpeningHours, PatientId,
    PractitionerId, ServiceId, Slug, TimeZone,
};
use frontdesk_knowledge::{EmbedError, Embedder, Role};
use frontdesk_store::{
    AppointmentFilter, ChannelRecord, Intake, JobKind, NewAppointment, NewFaq, NewInbound,
    StoredAssistant,
};
use serde::Deserialize;
use serde_json::json;

use crate::jobs;
use crate::state::AppState;

/// Why the evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    /// The corpus or the fixtures cannot be read.
    #[error("the dialog corpus: {0}")]
    Corpus(String),
    /// Setting up a dialog's clinic failed.
    #[error("setting up dialog {0}: {1}")]
    Setup(String, String),
}

#[derive(Deserialize)]
struct Fixtures {
    clinics: Vec<ClinicFixture>,
}

#[derive(Deserialize)]
struct ClinicFixture {
    key: String,
    name: String,
    time_zone: String,
    default_language: String,
    languages: Vec<String>,
    address: String,
    phone: String,
    emergency_instructions: String,
    emergency_line: String,
    opening_hours: OpeningHours,
    policy: serde_json::Value,
    practitioners: Vec<PractitionerFixture>,
    services: Vec<ServiceFixture>,
    #[serde(default)]
    faqs: Vec<FaqFixture>,
}

#[derive(Deserialize)]
struct FaqFixture {
    language: String,
    question: String,
    answer: String,
}

#[derive(Deserialize)]
struct PractitionerFixture {
    key: String,
    name: String,
    #[serde(default)]
    specialty: String,
    #[serde(default)]
    languages: Vec<Language>,
    working_hours: OpeningHours,
}

#[derive(Deserialize)]
struct ServiceFixture {
    key: String,
    name: BTreeMap<String, String>,
    #[serde(default)]
    aliases: Vec<String>,
    duration_minutes: u32,
    price: Option<Price>,
    practitioners: Vec<String>,
}

/// One scripted conversation (see `eval/dialogs/FORMAT.md`).
#[derive(Debug, Clone, Deserialize)]
pub struct Dialog {
    /// Its name.
    pub id: String,
    /// The patient's language.
    pub language: String,
    /// What it exercises.
    #[serde(default)]
    pub kinds: Vec<String>,
    clinic: String,
    #[serde(deserialize_with = "local_minute")]
    now: NaiveDateTime,
    contact: ContactScript,
    #[serde(default)]
    household: Vec<Person>,
    #[serde(default)]
    existing: Vec<Existing>,
    #[serde(default)]
    blocked: Vec<Existing>,
    turns: Vec<TurnScript>,
    #[serde(rename = "final")]
    outcome: FinalState,
}

#[derive(Debug, Clone, Deserialize)]
struct ContactScript {
    phone: String,
    profile_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
struct Person {
    name: String,
}

#[derive(Debug, Clone, Deserialize)]
struct Existing {
    #[serde(default)]
    patient: Option<String>,
    service: String,
    practitioner: String,
    #[serde(deserialize_with = "local_minute")]
    start: NaiveDateTime,
}

#[derive(Debug, Clone, Deserialize)]
struct TurnScript {
    patient: String,
    #[serde(default)]
    expect: Expect,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct Expect {
    #[serde(default)]
    contains_any: Vec<String>,
    #[serde(default)]
    contains_all: Vec<String>,
    #[serde(default)]
    not_contains: Vec<String>,
    #[serde(default)]
    emergency: bool,
    #[serde(default)]
    handoff: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct FinalState {
    #[serde(default)]
    booked: Vec<Expected>,
    #[serde(default, deserialize_with = "local_minutes")]
    cancelled: Vec<NaiveDateTime>,
    #[serde(default)]
    moved: Vec<Moved>,
}

#[derive(Debug, Clone, Deserialize)]
struct Expected {
    patient: String,
    service: String,
    #[serde(default)]
    practitioner: Option<String>,
    date: NaiveDate,
    #[serde(default)]
    time: Option<NaiveTime>,
    #[serde(default)]
    window: Option<[NaiveTime; 2]>,
}

#[derive(Debug, Clone, Deserialize)]
struct Moved {
    #[serde(deserialize_with = "local_minute")]
    from: NaiveDateTime,
    date: NaiveDate,
    #[serde(default)]
    time: Option<NaiveTime>,
    #[serde(default)]
    window: Option<[NaiveTime; 2]>,
}

/// A local time as the corpus writes it: `2027-02-11T10:00` (seconds optional).
fn local_minute<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let s = String::deserialize(d)?;
    parse_local(&s).map_err(serde::de::Error::custom)
}

fn local_minutes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<NaiveDateTime>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|s| parse_local(s).map_err(serde::de::Error::custom))
        .collect()
}

fn parse_local(s: &str) -> Result<NaiveDateTime, String> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|e| format!("{s:?} is no local time like 2027-02-11T10:00: {e}"))
}

/// The corpus: the clinics and every dialog of the chosen sets.
pub struct Corpus {
    clinics: HashMap<String, ClinicFixture>,
    /// `(set, dialog)` in file order.
    dialogs: Vec<(String, Dialog)>,
}

impl Corpus {
    /// Reads `dir/clinics.json` and `dir/<set>/{generated,hand}.jsonl` for each set.
    pub fn read(dir: &Path, sets: &[String]) -> Result<Corpus, EvaluationError> {
        let corpus = |e: String| EvaluationError::Corpus(e);
        let fixtures: Fixtures = serde_json::from_str(
            &std::fs::read_to_string(dir.join("clinics.json"))
                .map_err(|e| corpus(format!("clinics.json: {e}")))?,
        )
        .map_err(|e| corpus(format!("clinics.json: {e}")))?;
        let clinics: HashMap<_, _> = fixtures
            .clinics
            .into_iter()
            .map(|c| (c.key.clone(), c))
            .collect();
        let mut dialogs = vec![];
        for set in sets {
            let mut found = false;
            for file in ["generated.jsonl", "hand.jsonl"] {
                let path = dir.join(set).join(file);
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                found = true;
                for (n, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let dialog: Dialog = serde_json::from_str(line)
                        .map_err(|e| corpus(format!("{}:{}: {e}", path.display(), n + 1)))?;
                    if !clinics.contains_key(&dialog.clinic) {
                        return Err(corpus(format!(
                            "{}: no clinic {:?} in clinics.json",
                            dialog.id, dialog.clinic
                        )));
                    }
                    dialogs.push((set.clone(), dialog));
                }
            }
            if !found {
                return Err(corpus(format!("no dialogs in {}", dir.join(set).display())));
            }
        }
        Ok(Corpus { clinics, dialogs })
    }

    /// Keeps the dialogs whose id contains `part`.
    pub fn only(mut self, part: &str) -> Corpus {
        self.dialogs.retain(|(_, d)| d.id.contains(part));
        self
    }

    /// Keeps the first `n` dialogs.
    pub fn first(mut self, n: usize) -> Corpus {
        self.dialogs.truncate(n);
        self
    }

    /// Keeps every `k`th dialog (the first, the `k+1`th, …): a sample spread over the whole
    /// corpus, every language and kind, where `first` would keep one language.
    pub fn every(mut self, k: usize) -> Corpus {
        let k = k.max(1);
        let mut i = 0;
        self.dialogs.retain(|_| {
            i += 1;
            (i - 1) % k == 0
        });
        self
    }

    /// How many dialogs it holds.
    pub fn len(&self) -> usize {
        self.dialogs.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.dialogs.is_empty()
    }
}

/// How one dialog went.
#[derive(Debug, Clone)]
pub struct DialogOutcome {
    /// The set it came from.
    pub set: String,
    /// The dialog.
    pub id: String,
    /// Its language.
    pub language: String,
    /// Its kinds.
    pub kinds: Vec<String>,
    /// What went wrong; empty when it passed.
    pub failures: Vec<String>,
    /// The conversation, for reading a failure.
    pub transcript: Vec<(String, String)>,
    /// Whether the calendar ended as the dialog expects (whatever the replies said).
    pub calendar_right: bool,
}

/// The engine that answers the corpus.
#[derive(Debug, Clone, Default)]
pub enum EngineUnderTest {
    /// The built-in engine.
    #[default]
    BuiltIn,
    /// A language model, set on every dialog's clinic as `PUT …/assistant` would.
    Model {
        /// Engine, base URL, model, limits.
        settings: AssistantSettings,
        /// The model's API key, if it needs one.
        api_key: Option<String>,
    },
}

/// How a language model fared over the corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelTurns {
    /// Turns the model answered.
    pub answered: usize,
    /// Turns the built-in engine answered because the model failed or was too slow.
    pub fell_back: usize,
}

/// Counts of the failures that must never happen.
#[derive(Debug, Clone, Default)]
pub struct Never {
    /// Appointments booked under a name the patient did not give.
    pub wrong_name: usize,
    /// Bookings or moves on a date the patient did not ask for.
    pub wrong_date: usize,
    /// Amounts of money in replies that are no price of the clinic.
    pub invented_price: usize,
    /// Replies in another language than the patient's.
    pub wrong_language: usize,
}

/// The evaluation's result.
pub struct Report {
    /// Every dialog's outcome.
    pub outcomes: Vec<DialogOutcome>,
    /// Milliseconds each turn took, through the worker.
    pub turn_ms: Vec<f64>,
    /// Per set.
    pub never: BTreeMap<String, Never>,
    /// Turns by the model, when a model answered.
    pub model: Option<ModelTurns>,
}

/// Passed and total.
#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    /// Dialogs that passed.
    pub passed: usize,
    /// Dialogs.
    pub total: usize,
}

impl Score {
    /// The share that passed.
    pub fn rate(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.passed as f64 / self.total as f64
        }
    }
}

impl Report {
    /// The score of `set`'s dialogs that `keep` accepts.
    pub fn score(&self, set: &str, keep: impl Fn(&DialogOutcome) -> bool) -> Score {
        let mut s = Score::default();
        for o in self.outcomes.iter().filter(|o| o.set == set && keep(o)) {
            s.total += 1;
            s.passed += usize::from(o.failures.is_empty());
        }
        s
    }

    /// The score of `set`'s dialogs by their calendar alone.
    pub fn calendar_score(&self, set: &str) -> Score {
        let mut s = Score::default();
        for o in self.outcomes.iter().filter(|o| o.set == set) {
            s.total += 1;
            s.passed += usize::from(o.calendar_right);
        }
        s
    }

    /// The sets played.
    pub fn sets(&self) -> Vec<String> {
        let mut sets: Vec<String> = self.outcomes.iter().map(|o| o.set.clone()).collect();
        sets.dedup();
        sets
    }

    /// The turn latency at quantile `q` (milliseconds).
    pub fn turn_quantile(&self, q: f64) -> f64 {
        let mut v = self.turn_ms.clone();
        v.sort_by(f64::total_cmp);
        if v.is_empty() {
            return 0.0;
        }
        v[((v.len() - 1) as f64 * q).round() as usize]
    }

    /// Every kind seen in `set`.
    pub fn kinds(&self, set: &str) -> Vec<String> {
        let mut kinds: Vec<String> = self
            .outcomes
            .iter()
            .filter(|o| o.set == set)
            .flat_map(|o| o.kinds.iter().cloned())
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |s: Score| format!("{:5.1}% ({}/{})", 100.0 * s.rate(), s.passed, s.total);
        for set in self.sets() {
            writeln!(f, "set {set}: {}", pct(self.score(&set, |_| true)))?;
            writeln!(f, "  calendar right:   {}", pct(self.calendar_score(&set)))?;
            for language in ["en", "tr", "pt", "es"] {
                writeln!(
                    f,
                    "  {language}: {}",
                    pct(self.score(&set, |o| o.language == language))
                )?;
            }
            for kind in self.kinds(&set) {
                writeln!(
                    f,
                    "  {kind:<17} {}",
                    pct(self.score(&set, |o| o.kinds.contains(&kind)))
                )?;
            }
            let never = self.never.get(&set).cloned().unwrap_or_default();
            writeln!(
                f,
                "  never: {} booked under a wrong name, {} on a date not asked for, {} invented prices, {} replies in another language",
                never.wrong_name, never.wrong_date, never.invented_price, never.wrong_language
            )?;
        }
        if let Some(m) = self.model {
            writeln!(
                f,
                "model: answered {} turns, the built-in engine answered {} when the model failed",
                m.answered, m.fell_back
            )?;
        }
        write!(
            f,
            "turns: {} · p50 {:.1} ms · p99 {:.1} ms",
            self.turn_ms.len(),
            self.turn_quantile(0.5),
            self.turn_quantile(0.99)
        )
    }
}

/// Remembers vectors by text: every dialog's clinic has the same FAQs.
struct Remembered {
    inner: Arc<dyn Embedder>,
    seen: Mutex<HashMap<(bool, String), Vec<f32>>>,
}

#[async_trait]
impl Embedder for Remembered {
    fn model_id(&self) -> &str {
        self.inner.model_id()
    }
    fn dimensions(&self) -> usize {
        self.inner.dimensions()
    }
    async fn embed(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let key = |t: &String| (role == Role::Query, t.clone());
        let missing: Vec<String> = {
            let seen = self
                .seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            texts
                .iter()
                .filter(|t| !seen.contains_key(&key(t)))
                .cloned()
                .collect()
        };
        if !missing.is_empty() {
            let vectors = self.inner.embed(role, &missing).await?;
            let mut seen = self
                .seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for (t, v) in missing.iter().zip(vectors) {
                seen.insert(key(t), v);
            }
        }
        let seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        Ok(texts
            .iter()
            .filter_map(|t| seen.get(&key(t)).cloned())
            .collect())
    }
}

/// Plays every dialog of `corpus` on `state` (a fresh store; workers not running).
pub async fn evaluate(
    state: &AppState,
    corpus: &Corpus,
    engine: &EngineUnderTest,
) -> Result<Report, EvaluationError> {
    let embedder: Option<Arc<dyn Embedder>> = state.knowledge.embedder().map(|e| {
        Arc::new(Remembered {
            inner: e.clone(),
            seen: Mutex::new(HashMap::new()),
        }) as Arc<dyn Embedder>
    });
    let mut report = Report {
        outcomes: vec![],
        turn_ms: vec![],
        never: BTreeMap::new(),
        model: matches!(engine, EngineUnderTest::Model { .. }).then(ModelTurns::default),
    };
    for (n, (set, dialog)) in corpus.dialogs.iter().enumerate() {
        let fixture = &corpus.clinics[&dialog.clinic];
        let played = play(state, fixture, dialog, n, embedder.as_deref(), engine)
            .await
            .map_err(|e| EvaluationError::Setup(dialog.id.clone(), e))?;
        report.turn_ms.extend(&played.turn_ms);
        if let Some(m) = &mut report.model {
            m.answered += played.model.answered;
            m.fell_back += played.model.fell_back;
        }
        let never = report.never.entry(set.clone()).or_default();
        never.wrong_name += played.never.wrong_name;
        never.wrong_date += played.never.wrong_date;
        never.invented_price += played.never.invented_price;
        never.wrong_language += played.never.wrong_language;
        report.outcomes.push(DialogOutcome {
            set: set.clone(),
            id: dialog.id.clone(),
            language: dialog.language.clone(),
            kinds: dialog.kinds.clone(),
            calendar_right: played.calendar_failures == 0,
            failures: played.failures,
            transcript: played.transcript,
        });
    }
    Ok(report)
}

struct Played {
    failures: Vec<String>,
    transcript: Vec<(String, String)>,
    turn_ms: Vec<f64>,
    never: Never,
    calendar_failures: usize,
    model: ModelTurns,
}

/// A dialog's clinic as seeded: ids by the fixture's keys.
struct Seeded {
    clinic: Clinic,
    tz: TimeZone,
    services: HashMap<String, ServiceId>,
    practitioners: HashMap<String, PractitionerId>,
    /// The appointments there before the dialog, by local start, with their patient.
    before: Vec<(NaiveDateTime, AppointmentId, PatientId)>,
    /// Patients by id, for names.
    patients: HashMap<PatientId, String>,
}

fn setup(e: impl fmt::Display) -> String {
    e.to_string()
}

/// A patient of the dialog's clinic, on file since `then`.
async fn add_patient(
    state: &AppState,
    clinic: &Clinic,
    name: &str,
    phone: &str,
    then: DateTime<Utc>,
) -> Result<PatientId, String> {
    let details: PatientDetails =
        serde_json::from_value(json!({"name": name, "phone": phone})).map_err(setup)?;
    let id = PatientId::new();
    state
        .store
        .create_patient(clinic.id, id, &details, then)
        .await
        .map_err(setup)?;
    Ok(id)
}

async fn seed(
    state: &AppState,
    fixture: &ClinicFixture,
    dialog: &Dialog,
    n: usize,
) -> Result<Seeded, String> {
    let store = &*state.store;
    let language = |code: &str| Language::parse("language", code).map_err(setup);
    let mut profile = ClinicProfile::new(
        ClinicName::parse("name", &fixture.name).map_err(setup)?,
        TimeZone::parse("time_zone", &fixture.time_zone).map_err(setup)?,
        language(&fixture.default_language)?,
    );
    profile.languages = fixture
        .languages
        .iter()
        .map(|l| language(l))
        .collect::<Result<_, _>>()?;
    profile.contact.phone = Some(fixture.phone.clone());
    profile.address = fixture.address.clone();
    profile.opening_hours = fixture.opening_hours.clone();
    profile.emergency_instructions = fixture.emergency_instructions.clone();
    let tz = profile.time_zone;
    let slug = Slug::parse("slug", &format!("dialog-{n}")).map_err(setup)?;
    let clinic = store
        .create_clinic(&slug, &profile.validated().map_err(setup)?, None)
        .await
        .map_err(setup)?;
    let mut policy = store.scheduling_policy(clinic.id).await.map_err(setup)?;
    let mut merged = serde_json::to_value(&policy).map_err(setup)?;
    if let (Some(m), Some(o)) = (merged.as_object_mut(), fixture.policy.as_object()) {
        for (k, v) in o {
            m.insert(k.clone(), v.clone());
        }
    }
    policy = serde_json::from_value(merged).map_err(setup)?;
    store
        .set_scheduling_policy(clinic.id, &policy)
        .await
        .map_err(setup)?;
    let mut practitioners = HashMap::new();
    for p in &fixture.practitioners {
        let details = PractitionerDetails {
            name: p.name.clone(),
            title: String::new(),
            specialty: p.specialty.clone(),
            languages: p.languages.clone(),
            account_id: None,
            working_hours: p.working_hours.clone(),
            active: true,
        };
        let id = PractitionerId::new();
        store
            .create_practitioner(clinic.id, id, &details.validated().map_err(setup)?)
            .await
            .map_err(setup)?;
        practitioners.insert(p.key.clone(), id);
    }
    let mut services = HashMap::new();
    let mut durations = HashMap::new();
    for s in &fixture.services {
        let details: ServiceDetails = serde_json::from_value(json!({
            "name": s.name, "aliases": s.aliases, "duration_minutes": s.duration_minutes,
            "price": s.price,
            "practitioner_ids": s.practitioners.iter().filter_map(|k| practitioners.get(k)).collect::<Vec<_>>(),
        }))
        .map_err(setup)?;
        let id = ServiceId::new();
        store
            .create_service(clinic.id, id, &details.validated().map_err(setup)?)
            .await
            .map_err(setup)?;
        services.insert(s.key.clone(), id);
        durations.insert(s.key.clone(), (s.duration_minutes, s.price.clone()));
    }
    // The clinic's own history starts before the dialog does.
    let then = to_utc(&tz, dialog.now) - Duration::days(30);
    let mut patients = HashMap::new();
    let mut by_name = HashMap::new();
    for person in &dialog.household {
        let id = add_patient(state, &clinic, &person.name, &dialog.contact.phone, then).await?;
        patients.insert(id, person.name.clone());
        by_name.insert(person.name.clone(), id);
    }
    let mut before = vec![];
    for (i, a) in dialog
        .existing
        .iter()
        .map(|a| (true, a))
        .chain(dialog.blocked.iter().map(|a| (false, a)))
        .enumerate()
    {
        let (ours, a) = a;
        let patient = match (ours, &a.patient) {
            (true, Some(name)) => *by_name.get(name).ok_or_else(|| {
                format!("existing appointment of {name:?}, who is not in the household")
            })?,
            (true, None) => *by_name
                .values()
                .next()
                .ok_or("an existing appointment but no household")?,
            (false, _) => {
                let name = format!("Other Patient {i}");
                let phone = format!("+1555000{i:04}");
                let id = add_patient(state, &clinic, &name, &phone, then).await?;
                patients.insert(id, name);
                id
            }
        };
        let (minutes, price) = durations
            .get(&a.service)
            .cloned()
            .ok_or_else(|| format!("no service {:?}", a.service))?;
        let starts_at = to_utc(&tz, a.start);
        let ends_at = starts_at + Duration::minutes(i64::from(minutes));
        let id = AppointmentId::new();
        store
            .book(
                clinic.id,
                &NewAppointment {
                    id,
                    service_id: services[&a.service],
                    practitioner_id: *practitioners
                        .get(&a.practitioner)
                        .ok_or_else(|| format!("no practitioner {:?}", a.practitioner))?,
                    patient_id: patient,
                    starts_at,
                    ends_at,
                    busy_from: starts_at,
                    busy_until: ends_at,
                    status: AppointmentStatus::Confirmed,
                    hold_expires_at: None,
                    kind: AppointmentKind::InPerson,
                    source: AppointmentSource::Staff,
                    price,
                    notes: String::new(),
                    actor: Actor::system(),
                    idempotency: None,
                },
                then,
            )
            .await
            .map_err(|e| format!("booking {} at {}: {e}", a.service, a.start))?;
        before.push((a.start, id, patient));
    }
    if !fixture.faqs.is_empty() {
        store
            .create_faqs(
                clinic.id,
                &fixture
                    .faqs
                    .iter()
                    .map(|f| NewFaq {
                        language: f.language.clone(),
                        question: f.question.clone(),
                        answer: f.answer.clone(),
                    })
                    .collect::<Vec<_>>(),
                then,
            )
            .await
            .map_err(setup)?;
    }
    Ok(Seeded {
        clinic,
        tz,
        services,
        practitioners,
        before,
        patients,
    })
}

async fn play(
    state: &AppState,
    fixture: &ClinicFixture,
    dialog: &Dialog,
    n: usize,
    embedder: Option<&dyn Embedder>,
    engine: &EngineUnderTest,
) -> Result<Played, String> {
    let store = &*state.store;
    let seeded = seed(state, fixture, dialog, n).await?;
    let clinic = seeded.clinic.id;
    if let EngineUnderTest::Model { settings, api_key } = engine {
        let api_key = match api_key {
            Some(key) => Some(
                state
                    .messaging
                    .keys
                    .seal(clinic, key.as_bytes())
                    .map_err(setup)?,
            ),
            None => None,
        };
        store
            .put_assistant_settings(
                clinic,
                &StoredAssistant {
                    settings: settings.clone(),
                    api_key,
                    updated_at: Utc::now(),
                },
            )
            .await
            .map_err(setup)?;
    }
    if let Some(embedder) = embedder {
        crate::knowledge::indexing::embed_pending(store, clinic, embedder, None)
            .await
            .map_err(setup)?;
    }
    let channel = store
        .create_channel(
            clinic,
            &ChannelRecord {
                kind: ChannelKind::Twilio,
                name: "WhatsApp".into(),
                address: fixture.phone.replace(' ', ""),
                route_key: None,
                settings: json!({"debounce_ms": 0}),
                // Never opened: the evaluation sends nothing.
                credentials: "v1:k1:sealed".into(),
                active: true,
            },
        )
        .await
        .map_err(setup)?
        .id;
    let mut played = Played {
        failures: vec![],
        transcript: vec![],
        turn_ms: vec![],
        never: Never::default(),
        calendar_failures: 0,
        model: ModelTurns::default(),
    };
    let allowed = allowed_amounts(fixture);
    let start = to_utc(&seeded.tz, dialog.now);
    for (i, turn) in dialog.turns.iter().enumerate() {
        let now = start + Duration::minutes(2 * i as i64);
        let accepted = store
            .accept_inbound(&[NewInbound {
                clinic_id: clinic,
                channel_id: channel,
                contact: dialog.contact.phone.clone(),
                contact_is_phone: true,
                contact_name: dialog.contact.profile_name.clone(),
                provider_message_id: format!("{}-{i}", dialog.id),
                content: json!({"type": "text", "body": turn.patient}),
                preview: turn.patient.clone(),
                sent_at: Some(now),
                received_at: now,
                debounce: Duration::zero(),
                turn_attempts: JobKind::Turn.max_attempts(),
            }])
            .await
            .map_err(setup)?;
        let Some(Intake::Accepted {
            conversation,
            message,
        }) = accepted.first().cloned()
        else {
            return Err(format!("message {i} was not accepted"));
        };
        let started = Instant::now();
        run_due(state, now).await.map_err(setup)?;
        played
            .turn_ms
            .push(started.elapsed().as_secs_f64() * 1000.0);
        let messages = store
            .messages(clinic, conversation, None, 200)
            .await
            .map_err(setup)?;
        let asked = messages
            .iter()
            .find(|m| m.id == message)
            .map(|m| m.seq)
            .unwrap_or_default();
        let mut answer: Vec<_> = messages
            .iter()
            .filter(|m| m.seq > asked && m.author == Author::Assistant)
            .collect();
        answer.sort_by_key(|m| m.seq);
        if let Some(usage) = answer.first().map(|m| &m.content["usage"])
            && usage.is_object()
        {
            if usage["fell_back"].is_null() {
                played.model.answered += 1;
            } else {
                played.model.fell_back += 1;
            }
        }
        let reply = answer
            .iter()
            .map(|m| m.preview.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        played
            .transcript
            .push((turn.patient.clone(), reply.clone()));
        let flagged = store
            .conversation(clinic, conversation)
            .await
            .map_err(setup)?
            .needs_human;
        let turn_no = i + 1;
        if reply.is_empty() {
            played.failures.push(format!("turn {turn_no}: no reply"));
            continue;
        }
        check_reply(&mut played, turn_no, &turn.expect, &reply, flagged, fixture);
        // The clinic's and its people's names are in their own language, not the reply's.
        let prose = without_proper_names(&reply, fixture);
        if let Some(language) = frontdesk_knowledge::language::of_question(&prose)
            && language.code() != dialog.language
            && prose.chars().filter(|c| c.is_alphabetic()).count() > 25
        {
            played.never.wrong_language += 1;
            played.failures.push(format!(
                "turn {turn_no}: replied in {} to a patient writing {}",
                language.code(),
                dialog.language
            ));
        }
        for amount in amounts(&reply) {
            if !allowed.contains(&amount) {
                played.never.invented_price += 1;
                played.failures.push(format!(
                    "turn {turn_no}: the amount {amount} is no price of the clinic"
                ));
            }
        }
    }
    let end = start + Duration::minutes(2 * dialog.turns.len() as i64);
    let before = played.failures.len();
    check_calendar(state, &seeded, dialog, end, &mut played).await?;
    played.calendar_failures = played.failures.len() - before;
    Ok(played)
}

/// Runs every due job as the workers would, at `now`; sends are dropped (nothing is sent).
async fn run_due(state: &AppState, now: DateTime<Utc>) -> Result<(), frontdesk_store::StoreError> {
    for _ in 0..20 {
        let jobs = state
            .store
            .claim("evaluation", 20, jobs::LEASE, now + Duration::seconds(1))
            .await?;
        if jobs.is_empty() {
            break;
        }
        for job in jobs {
            if job.kind == JobKind::Turn {
                jobs::run_at(
                    &*state.store,
                    &state.messaging,
                    &state.knowledge,
                    "evaluation",
                    job,
                    now,
                )
                .await;
            } else {
                state.store.complete(job.id, "evaluation", now).await?;
            }
        }
    }
    Ok(())
}

fn check_reply(
    played: &mut Played,
    turn: usize,
    expect: &Expect,
    reply: &str,
    flagged: bool,
    fixture: &ClinicFixture,
) {
    let folded = fold(reply);
    if !expect.contains_any.is_empty()
        && !expect
            .contains_any
            .iter()
            .any(|s| folded.contains(&fold(s)))
    {
        played.failures.push(format!(
            "turn {turn}: the reply has none of {:?}",
            expect.contains_any
        ));
    }
    for s in &expect.contains_all {
        if !folded.contains(&fold(s)) {
            played
                .failures
                .push(format!("turn {turn}: the reply lacks {s:?}"));
        }
    }
    for s in &expect.not_contains {
        if folded.contains(&fold(s)) {
            played
                .failures
                .push(format!("turn {turn}: the reply says {s:?}"));
        }
    }
    if expect.emergency {
        let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
        if !digits(reply).contains(&digits(&fixture.emergency_line)) {
            played
                .failures
                .push(format!("turn {turn}: no emergency line in the reply"));
        }
        if !flagged {
            played.failures.push(format!(
                "turn {turn}: an emergency not flagged for a person"
            ));
        }
    }
    if let Some(handoff) = expect.handoff
        && handoff != flagged
    {
        played.failures.push(format!(
            "turn {turn}: {}",
            if handoff {
                "not handed to a person"
            } else {
                "handed to a person without need"
            }
        ));
    }
}

async fn check_calendar(
    state: &AppState,
    seeded: &Seeded,
    dialog: &Dialog,
    end: DateTime<Utc>,
    played: &mut Played,
) -> Result<(), String> {
    let store = &*state.store;
    let all = store
        .appointments(
            seeded.clinic.id,
            &AppointmentFilter {
                limit: 1000,
                ..AppointmentFilter::default()
            },
        )
        .await
        .map_err(setup)?;
    let mut names = seeded.patients.clone();
    for a in &all {
        if let std::collections::hash_map::Entry::Vacant(e) = names.entry(a.patient_id)
            && let Some(p) = store
                .patient(seeded.clinic.id, a.patient_id)
                .await
                .map_err(setup)?
        {
            e.insert(p.details.name);
        }
    }
    let local_start = |a: &Appointment| local(seeded.tz.0, a.starts_at);
    let live = |a: &Appointment| {
        a.status == AppointmentStatus::Confirmed
            || (a.status == AppointmentStatus::Held && a.hold_expires_at.is_some_and(|t| t > end))
    };
    // The appointments there before.
    for (start, id, _) in &seeded.before {
        let Some(a) = all.iter().find(|a| a.id == *id) else {
            continue;
        };
        let cancelled = dialog.outcome.cancelled.contains(start);
        let moved = dialog.outcome.moved.iter().find(|m| m.from == *start);
        if cancelled {
            if a.status != AppointmentStatus::Cancelled {
                played
                    .failures
                    .push(format!("the appointment at {start} was not cancelled"));
            }
        } else if a.status == AppointmentStatus::Cancelled {
            played
                .failures
                .push(format!("the appointment at {start} was cancelled"));
        } else if let Some(m) = moved {
            let at = local_start(a);
            if !fits(at, m.date, m.time, m.window) {
                played.failures.push(format!(
                    "the appointment at {start} is at {at}, expected {} {}",
                    m.date,
                    when_text(m.time, m.window)
                ));
                if at.date() != m.date && at != *start {
                    played.never.wrong_date += 1;
                }
            }
        } else if local_start(a) != *start {
            played.failures.push(format!(
                "the appointment at {start} was moved to {}",
                local_start(a)
            ));
            played.never.wrong_date += 1;
        }
    }
    // The new ones.
    let mut unmatched: Vec<&Expected> = dialog.outcome.booked.iter().collect();
    for a in all
        .iter()
        .filter(|a| !seeded.before.iter().any(|(_, id, _)| *id == a.id) && live(a))
    {
        let at = local_start(a);
        let name = names.get(&a.patient_id).cloned().unwrap_or_default();
        let service = key_of(&seeded.services, a.service_id);
        let practitioner = key_of(&seeded.practitioners, a.practitioner_id);
        let found = unmatched.iter().position(|e| {
            fold(&e.patient) == fold(&name)
                && e.service == service
                && e.practitioner.as_ref().is_none_or(|p| *p == practitioner)
                && fits(at, e.date, e.time, e.window)
        });
        match found {
            Some(i) => {
                unmatched.remove(i);
            }
            None => {
                let state = if a.status == AppointmentStatus::Held {
                    "held"
                } else {
                    "booked"
                };
                played.failures.push(format!(
                    "{state} {service} with {practitioner} at {at} for {name:?}, not expected"
                ));
                // A hold left over lapses by itself: a failure, but no booking.
                if a.status == AppointmentStatus::Held {
                    continue;
                }
                if !dialog.outcome.booked.iter().any(|e| e.date == at.date()) {
                    played.never.wrong_date += 1;
                }
                if dialog
                    .outcome
                    .booked
                    .iter()
                    .any(|e| e.date == at.date() && fold(&e.patient) != fold(&name))
                {
                    played.never.wrong_name += 1;
                }
            }
        }
    }
    for e in unmatched {
        played.failures.push(format!(
            "expected {} for {:?} on {} {}, not booked",
            e.service,
            e.patient,
            e.date,
            when_text(e.time, e.window)
        ));
    }
    Ok(())
}

/// The fixture's key of a seeded id.
fn key_of<T: PartialEq>(map: &HashMap<String, T>, id: T) -> String {
    map.iter()
        .find(|(_, v)| **v == id)
        .map(|(k, _)| k.clone())
        .unwrap_or_default()
}

fn fits(
    at: NaiveDateTime,
    date: NaiveDate,
    time: Option<NaiveTime>,
    window: Option<[NaiveTime; 2]>,
) -> bool {
    at.date() == date
        && time.is_none_or(|t| at.time() == t)
        && window.is_none_or(|[from, to]| at.time() >= from && at.time() <= to)
}

fn when_text(time: Option<NaiveTime>, window: Option<[NaiveTime; 2]>) -> String {
    match (time, window) {
        (Some(t), _) => t.format("%H:%M").to_string(),
        (None, Some([a, b])) => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
        _ => "any time".into(),
    }
}

fn to_utc(tz: &TimeZone, at: NaiveDateTime) -> DateTime<Utc> {
    frontdesk_domain::scheduling::local_time::range_start(tz.0, at)
}

/// Lower case without accents, for comparing what people write.
fn fold(s: &str) -> String {
    frontdesk_assistant::text::fold(s)
}

/// Every amount the clinic's own data states, in minor units: prices and FAQ figures.
fn allowed_amounts(fixture: &ClinicFixture) -> Vec<i64> {
    let mut allowed: Vec<i64> = fixture
        .services
        .iter()
        .filter_map(|s| s.price.as_ref().map(|p| p.amount_minor))
        .collect();
    for faq in &fixture.faqs {
        allowed.extend(amounts(&faq.answer));
    }
    allowed
}

/// Amounts of money written in `text`, in minor units: a number next to a currency sign or
/// code (`€80`, `80,00 €`, `1.200 TL`, `R$ 250,00`, `$150`, `USD 40`).
fn amounts(text: &str) -> Vec<i64> {
    const MARKS: [&str; 10] = ["R$", "US$", "₺", "€", "$", "TL", "TRY", "EUR", "USD", "BRL"];
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let begin = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit()
                || (matches!(chars[i], '.' | ',')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        let number: String = chars[begin..i].iter().collect();
        let before: String = chars[begin.saturating_sub(5)..begin].iter().collect();
        let after: String = chars[i..(i + 5).min(chars.len())].iter().collect();
        let marked = MARKS
            .iter()
            .any(|m| before.trim_end().ends_with(m) || after.trim_start().starts_with(m));
        if marked && let Some(minor) = minor_units(&number) {
            out.push(minor);
        }
    }
    out
}

/// `1.200` → 120000, `80,00` → 8000, `150` → 15000, `6,5` → 650.
fn minor_units(number: &str) -> Option<i64> {
    let last_sep = number.rfind(['.', ',']);
    let (whole, cents) = match last_sep {
        Some(at) if number.len() - at - 1 <= 2 => (&number[..at], &number[at + 1..]),
        _ => (number, ""),
    };
    let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    Some(whole * 100 + cents)
}

/// `reply` without the clinic's name and its practitioners' names ("Gülüş Ağız ve Diş
/// Sağlığı" in a Portuguese greeting is no Turkish).
fn without_proper_names(reply: &str, fixture: &ClinicFixture) -> String {
    let mut prose = reply.to_string();
    for name in std::iter::once(&fixture.name).chain(fixture.practitioners.iter().map(|p| &p.name))
    {
        prose = prose.replace(name.as_str(), " ");
    }
    prose
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_in_every_currency_style() {
        assert_eq!(amounts("A consulta custa 80,00 € ou €80"), vec![8000, 8000]);
        assert_eq!(
            amounts("Muayene 1.200 TL, dolgu ₺2.500"),
            vec![120000, 250000]
        );
        assert_eq!(amounts("R$ 250,00 e US$ 40"), vec![25000, 4000]);
        assert_eq!(
            amounts("at 10:30 on 11 February, room 12"),
            Vec::<i64>::new()
        );
        assert_eq!(amounts("$150 or 6,5 EUR"), vec![15000, 650]);
    }
}
