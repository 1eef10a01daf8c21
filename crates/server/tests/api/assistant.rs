//! The built-in assistant in scripted conversations, in English, Turkish, Portuguese and
//! Spanish: what it says and what ends up in the calendar. Each message goes through the
//! real intake and the real turn (the same worker code the server runs), on both stores.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use frontdesk::jobs;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::scheduling::local_time;
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus, Patient};
use frontdesk_domain::{ChannelId, Clinic, ConversationId, PatientId};
use frontdesk_store::{AppointmentFilter, ChannelRecord, Intake, NewInbound, Store};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};

/// A clinic (the demo's: two practitioners, four services named in four languages).
pub struct Desk {
    pub app: TestApp,
    pub clinic: Clinic,
    pub web: ChannelId,
    pub whatsapp: ChannelId,
}

/// One patient writing.
pub struct Chat<'a> {
    desk: &'a Desk,
    channel: ChannelId,
    contact: String,
    phone: bool,
    sent: u32,
    pub conversation: Option<ConversationId>,
}

impl Desk {
    pub async fn open(backend: Backend) -> Desk {
        // No background workers: each test runs its turns itself, in order.
        let app = spawn_app(backend, &[("FRONTDESK_WORKERS", "0")]).await;
        frontdesk::demo::seed(&app.state).await.unwrap();
        let store = &app.state.store;
        let slug = frontdesk_domain::Slug::parse("slug", "bright-smile").unwrap();
        let clinic = store.clinic_by_slug_unscoped(&slug).await.unwrap().unwrap();
        let channels = store.channels(clinic.id).await.unwrap();
        let web = channels
            .iter()
            .find(|c| c.record.kind == ChannelKind::WebChat)
            .unwrap()
            .id;
        let whatsapp = store
            .create_channel(
                clinic.id,
                &ChannelRecord {
                    kind: ChannelKind::Twilio,
                    name: "WhatsApp".into(),
                    address: "+902125550100".into(),
                    route_key: None,
                    settings: json!({"debounce_ms": 0}),
                    // Never opened: these tests do not send.
                    credentials: "v1:k1:sealed".into(),
                    active: true,
                },
            )
            .await
            .unwrap()
            .id;
        Desk {
            app,
            clinic,
            web,
            whatsapp,
        }
    }

    pub fn store(&self) -> &dyn Store {
        &*self.app.state.store
    }

    /// A visitor of the web chat.
    pub fn web_visitor(&self, id: &str) -> Chat<'_> {
        Chat {
            desk: self,
            channel: self.web,
            contact: format!("web:{id}"),
            phone: false,
            sent: 0,
            conversation: None,
        }
    }

    /// Someone writing on WhatsApp from `phone`.
    pub fn phone(&self, phone: &str) -> Chat<'_> {
        Chat {
            desk: self,
            channel: self.whatsapp,
            contact: phone.into(),
            phone: true,
            sent: 0,
            conversation: None,
        }
    }

    /// A patient on file.
    pub async fn patient(&self, name: &str, phone: &str) -> Patient {
        let details = serde_json::from_value(json!({"name": name, "phone": phone})).unwrap();
        self.store()
            .create_patient(self.clinic.id, PatientId::new(), &details, Utc::now())
            .await
            .unwrap()
    }

    /// The patient's appointments, any status, by start.
    pub async fn calendar_of(&self, patient: PatientId) -> Vec<Appointment> {
        let filter = AppointmentFilter {
            patient: Some(patient),
            limit: 100,
            ..AppointmentFilter::default()
        };
        self.store()
            .appointments(self.clinic.id, &filter)
            .await
            .unwrap()
    }

    /// Every appointment of the clinic.
    pub async fn calendar(&self) -> Vec<Appointment> {
        let filter = AppointmentFilter {
            limit: 500,
            ..AppointmentFilter::default()
        };
        self.store()
            .appointments(self.clinic.id, &filter)
            .await
            .unwrap()
    }

    /// The service's id by its English name.
    pub async fn service(&self, english: &str) -> frontdesk_domain::ServiceId {
        self.store()
            .services(self.clinic.id)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.details.name["en"] == english)
            .unwrap()
            .id
    }

    /// The clinic's local date and time of an instant.
    pub fn local(&self, at: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
        local_time::local(self.clinic.profile.time_zone.0, at)
    }

    /// The clinic's today.
    pub fn today(&self) -> NaiveDate {
        self.local(Utc::now()).date()
    }

    /// The next `day` after today, in the clinic's zone.
    pub fn next(&self, day: Weekday) -> NaiveDate {
        let today = self.today();
        (1..=7)
            .map(|d| today + Duration::days(d))
            .find(|d| d.weekday() == day)
            .unwrap()
    }

    /// Runs every due turn, as the workers would.
    async fn run_turns(&self) {
        let state = &self.app.state;
        loop {
            let jobs = state
                .store
                .claim("dialog", 10, jobs::LEASE, Utc::now())
                .await
                .unwrap();
            let turns: Vec<_> = jobs
                .into_iter()
                .filter(|j| j.kind == frontdesk_store::JobKind::Turn)
                .collect();
            if turns.is_empty() {
                break;
            }
            for job in turns {
                jobs::run(
                    &*state.store,
                    &state.messaging,
                    &state.knowledge,
                    "dialog",
                    job,
                )
                .await;
            }
        }
    }
}

impl Chat<'_> {
    /// Sends `text` and returns what the assistant answered to it.
    pub async fn says(&mut self, text: &str) -> String {
        let (conversation, message) = self.delivers(text).await;
        self.desk.run_turns().await;
        self.answer_to(conversation, message, text).await
    }

    /// Stores `text` as the patient's message without running its turn.
    pub async fn delivers(&mut self, text: &str) -> (ConversationId, frontdesk_domain::MessageId) {
        self.sent += 1;
        let now = Utc::now();
        let store = self.desk.store();
        let accepted = store
            .accept_inbound(&[NewInbound {
                clinic_id: self.desk.clinic.id,
                channel_id: self.channel,
                contact: self.contact.clone(),
                contact_is_phone: self.phone,
                contact_name: None,
                provider_message_id: format!("{}-{}", self.contact, self.sent),
                content: json!({"type": "text", "body": text}),
                preview: text.into(),
                sent_at: Some(now),
                received_at: now,
                debounce: Duration::zero(),
                turn_attempts: frontdesk_store::JobKind::Turn.max_attempts(),
            }])
            .await
            .unwrap();
        let Intake::Accepted {
            conversation,
            message,
        } = accepted[0]
        else {
            panic!("not accepted")
        };
        self.conversation = Some(conversation);
        (conversation, message)
    }

    /// What the assistant answered to `message`.
    async fn answer_to(
        &self,
        conversation: ConversationId,
        message: frontdesk_domain::MessageId,
        text: &str,
    ) -> String {
        let store = self.desk.store();
        let messages = store
            .messages(self.desk.clinic.id, conversation, None, 100)
            .await
            .unwrap();
        let asked = messages.iter().find(|m| m.id == message).unwrap().seq;
        let mut reply: Vec<&frontdesk_store::Message> = messages
            .iter()
            .filter(|m| m.seq > asked && m.author == frontdesk_domain::messaging::Author::Assistant)
            .collect();
        reply.sort_by_key(|m| m.seq);
        let reply: Vec<String> = reply.iter().map(|m| m.preview.clone()).collect();
        assert!(!reply.is_empty(), "no answer to {text:?}");
        let reply = reply.join("\n");
        eprintln!("patient: {text}\nassistant: {reply}\n");
        reply
    }

    /// Says `text` and checks the answer contains each of `expected`.
    pub async fn expect(&mut self, text: &str, expected: &[&str]) -> String {
        let reply = self.says(text).await;
        for e in expected {
            assert!(
                reply.to_lowercase().contains(&e.to_lowercase()),
                "to {text:?} the assistant said {reply:?}; expected {e:?}"
            );
        }
        reply
    }

    /// The conversation as staff see it.
    pub async fn as_staff_see_it(&self) -> frontdesk_store::Conversation {
        self.desk
            .store()
            .conversation(self.desk.clinic.id, self.conversation.unwrap())
            .await
            .unwrap()
    }

    /// The patient the conversation is linked to (web chat) or the first on the phone.
    pub async fn patient(&self) -> PatientId {
        self.as_staff_see_it().await.patient_id.expect("a patient")
    }
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// One confirmed appointment, at `day` `time`, of `service`.
async fn booked_once(
    desk: &Desk,
    patient: PatientId,
    service: &str,
    day: NaiveDate,
) -> Appointment {
    let live: Vec<Appointment> = desk
        .calendar_of(patient)
        .await
        .into_iter()
        .filter(|a| a.status.blocks_time())
        .collect();
    assert_eq!(live.len(), 1, "{live:#?}");
    let a = live[0].clone();
    assert_eq!(a.status, AppointmentStatus::Confirmed);
    assert_eq!(a.service_id, desk.service(service).await);
    assert_eq!(desk.local(a.starts_at).date(), day);
    a
}

/// One test per store for each `async fn(Desk)` (for other modules' dialogs).
#[macro_export]
macro_rules! assistant_dialogs {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test($crate::assistant::Desk::open($crate::helpers::Backend::Sqlite).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test($crate::assistant::Desk::open($crate::helpers::Backend::Postgres).await).await; })*
        }
    };
}

macro_rules! dialogs {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Desk::open($crate::helpers::Backend::Sqlite).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Desk::open($crate::helpers::Backend::Postgres).await).await; })*
        }
    };
}

dialogs!(
    booking_moving_and_cancelling_in_english,
    booking_moving_and_cancelling_in_turkish,
    booking_moving_and_cancelling_in_portuguese,
    booking_moving_and_cancelling_in_spanish,
    questions_handoff_and_emergency_in_english,
    questions_handoff_and_emergency_in_turkish,
    questions_handoff_and_emergency_in_portuguese,
    questions_handoff_and_emergency_in_spanish,
    hard_calendars_in_english,
    hard_calendars_in_turkish,
    hard_calendars_in_portuguese,
    hard_calendars_in_spanish,
    a_turn_that_runs_again_after_a_crash_books_once,
    the_desk_reaches_only_this_conversations_people,
    a_returning_patient_is_offered_their_usual_practitioner,
    a_day_after_a_question_about_a_service_books_that_service,
);

/// What a patient says and what the assistant's answers must contain, in one language.
pub struct Script {
    pub hello: &'static str,
    pub book_cleaning: &'static str,
    pub asks_when: &'static str,
    pub tuesday_morning: &'static str,
    pub day_name_tuesday: &'static str,
    pub rather_whitening: &'static str,
    pub whitening: &'static str,
    pub thursday_afternoon: &'static str,
    pub second_one: &'static str,
    pub asks_name: &'static str,
    pub name: &'static str,
    pub shall_i_book: &'static str,
    pub whitening_price: &'static str,
    pub yes: &'static str,
    pub booked: &'static str,
    pub my_appointments: &'static str,
    pub listed: &'static str,
    pub reschedule: &'static str,
    pub asks_new_time: &'static str,
    pub friday_at_ten: &'static str,
    pub confirm_move: &'static str,
    pub moved: &'static str,
    pub cancel: &'static str,
    pub confirm_cancel: &'static str,
    pub cancelled: &'static str,
    pub none_upcoming: &'static str,
    pub how_much_whitening: &'static str,
    pub hours: &'static str,
    pub hours_answer: &'static str,
    pub address: &'static str,
    pub faq_question: &'static str,
    pub unknown: &'static str,
    pub check_with_team: &'static str,
    pub person: &'static str,
    pub handoff: &'static str,
    pub emergency: &'static str,
    pub urgent: &'static str,
    pub cleaning_next_week: &'static str,
    pub no_availability: &'static str,
    pub sunday_evening: &'static str,
    pub nothing_then: &'static str,
    pub at_ten: &'static str,
    pub next_week: &'static str,
    pub wednesday_at_eleven: &'static str,
    pub who_for: &'static str,
    pub medicine: &'static str,
    pub no_diagnosis: &'static str,
}

pub const ENGLISH: Script = Script {
    hello: "Hi!",
    book_cleaning: "I'd like to book a cleaning",
    asks_when: "When would you like to come for Check-up and cleaning",
    tuesday_morning: "Tuesday morning please",
    day_name_tuesday: "Tuesday",
    rather_whitening: "actually, make it whitening",
    whitening: "Teeth whitening",
    thursday_afternoon: "hmm, Thursday afternoon is better",
    second_one: "the second one",
    asks_name: "full name",
    name: "Ana Lima",
    shall_i_book: "Shall I book it?",
    whitening_price: "6,000.00 TRY",
    yes: "yes",
    booked: "You're booked",
    my_appointments: "when is my appointment?",
    listed: "Your upcoming appointments",
    reschedule: "I need to reschedule",
    asks_new_time: "When would you like to move",
    friday_at_ten: "Friday at 10am",
    confirm_move: "Move your appointment from",
    moved: "your appointment is now",
    cancel: "I want to cancel my appointment",
    confirm_cancel: "Shall I cancel",
    cancelled: "Cancelled:",
    none_upcoming: "no upcoming appointments",
    how_much_whitening: "how much is whitening?",
    hours: "what are your opening hours?",
    hours_answer: "Our opening hours",
    address: "what's your address?",
    faq_question: "Do you accept card payments?",
    unknown: "is the water in your waiting room sparkling or still?",
    check_with_team: "check with the team",
    person: "can I talk to a person?",
    handoff: "passing you to someone",
    emergency: "I have chest pain and can't breathe",
    urgent: "This sounds urgent",
    cleaning_next_week: "I want to book a cleaning next week",
    no_availability: "can't find any free time",
    sunday_evening: "Sunday at 8pm",
    nothing_then: "nothing is free",
    at_ten: "at 10",
    next_week: "next week",
    wednesday_at_eleven: "I want to book a cleaning on Wednesday at 11am",
    who_for: "Who is the appointment for?",
    medicine: "which antibiotic should I take for my tooth?",
    no_diagnosis: "can't give a diagnosis",
};

pub const TURKISH: Script = Script {
    hello: "Merhaba",
    book_cleaning: "Diş temizliği için randevu almak istiyorum",
    asks_when: "için ne zaman gelmek istersiniz",
    tuesday_morning: "Salı sabah",
    day_name_tuesday: "Salı",
    rather_whitening: "aslında beyazlatma olsun",
    whitening: "Diş beyazlatma",
    thursday_afternoon: "perşembe öğleden sonra daha iyi",
    second_one: "ikincisi",
    asks_name: "adı ve soyadı",
    name: "Ayşe Yılmaz",
    shall_i_book: "Randevuyu oluşturayım mı?",
    whitening_price: "6.000,00 TRY",
    yes: "evet",
    booked: "Randevunuz oluşturuldu",
    my_appointments: "randevum ne zaman?",
    listed: "Yaklaşan randevularınız",
    reschedule: "randevumu değiştirmek istiyorum",
    asks_new_time: "ne zamana almak istersiniz",
    friday_at_ten: "cuma saat 10",
    confirm_move: "değiştireyim mi",
    moved: "randevunuz artık",
    cancel: "randevumu iptal etmek istiyorum",
    confirm_cancel: "iptal edeyim mi",
    cancelled: "İptal edildi",
    none_upcoming: "Yaklaşan bir randevunuz yok",
    how_much_whitening: "beyazlatma ne kadar?",
    hours: "kaçta açıksınız?",
    hours_answer: "Çalışma saatlerimiz",
    address: "adresiniz nedir?",
    faq_question: "Kredi kartı ile ödeme kabul ediyor musunuz?",
    unknown: "bekleme salonunuzdaki su maden suyu mu, sade mi?",
    check_with_team: "ekibimize soracağım",
    person: "bir temsilci ile görüşmek istiyorum",
    handoff: "ekibimizden birine aktarıyorum",
    emergency: "göğüs ağrım var, nefes alamıyorum",
    urgent: "Bu acil görünüyor",
    cleaning_next_week: "gelecek hafta temizlik için randevu istiyorum",
    no_availability: "boş saat bulamadım",
    sunday_evening: "pazar akşam saat 8",
    nothing_then: "boş saat yok",
    at_ten: "saat 10",
    next_week: "gelecek hafta",
    wednesday_at_eleven: "çarşamba saat 11'de temizlik randevusu istiyorum",
    who_for: "Randevu kimin için?",
    medicine: "dişim için hangi antibiyotiği almalıyım?",
    no_diagnosis: "Teşhis koyamam",
};

pub const PORTUGUESE: Script = Script {
    hello: "Oi, bom dia",
    book_cleaning: "Quero marcar uma limpeza",
    asks_when: "Quando você gostaria de vir para",
    tuesday_morning: "terça de manhã",
    day_name_tuesday: "terça-feira",
    rather_whitening: "na verdade, prefiro clareamento",
    whitening: "Clareamento dental",
    thursday_afternoon: "quinta à tarde é melhor",
    second_one: "a segunda",
    asks_name: "nome completo",
    name: "João Souza",
    shall_i_book: "Posso marcar?",
    whitening_price: "6.000,00 TRY",
    yes: "sim",
    booked: "Sua consulta está marcada",
    my_appointments: "quando é minha consulta?",
    listed: "Suas próximas consultas",
    reschedule: "preciso remarcar",
    asks_new_time: "Para quando você quer remarcar",
    friday_at_ten: "sexta às 10h",
    confirm_move: "Remarcar sua consulta de",
    moved: "sua consulta agora é",
    cancel: "quero cancelar minha consulta",
    confirm_cancel: "Posso cancelar",
    cancelled: "Cancelada",
    none_upcoming: "não tem consultas marcadas",
    how_much_whitening: "quanto custa o clareamento?",
    hours: "qual o horário de funcionamento?",
    hours_answer: "Nosso horário de funcionamento",
    address: "qual é o endereço?",
    faq_question: "Vocês aceitam pagamento com cartão?",
    unknown: "vocês atendem animais em casa?",
    check_with_team: "vou confirmar com a equipe",
    person: "quero falar com um atendente",
    handoff: "Vou passar você",
    emergency: "estou com dor no peito e não consigo respirar",
    urgent: "Isso parece urgente",
    cleaning_next_week: "quero marcar uma limpeza na semana que vem",
    no_availability: "não encontrei horário livre",
    sunday_evening: "domingo às 20h",
    nothing_then: "não há horário livre",
    at_ten: "às 10h",
    next_week: "semana que vem",
    wednesday_at_eleven: "quero marcar uma limpeza na quarta às 11h",
    who_for: "Para quem é a consulta?",
    medicine: "que remédio eu tomo para dor de dente?",
    no_diagnosis: "Não posso dar diagnóstico",
};

pub const SPANISH: Script = Script {
    hello: "Hola",
    book_cleaning: "Quiero pedir una cita para una limpieza",
    asks_when: "¿Cuándo le gustaría venir para",
    tuesday_morning: "el martes por la mañana",
    day_name_tuesday: "martes",
    rather_whitening: "mejor un blanqueamiento",
    whitening: "Blanqueamiento dental",
    thursday_afternoon: "el jueves por la tarde es mejor",
    second_one: "la segunda",
    asks_name: "nombre completo",
    name: "Lucía Pérez",
    shall_i_book: "¿La reservo?",
    whitening_price: "6.000,00 TRY",
    yes: "sí",
    booked: "Su cita está reservada",
    my_appointments: "¿cuándo es mi cita?",
    listed: "Sus próximas citas",
    reschedule: "necesito cambiar mi cita",
    asks_new_time: "¿A cuándo quiere cambiar",
    friday_at_ten: "el viernes a las 10",
    confirm_move: "¿Cambio su cita de",
    moved: "su cita ahora es",
    cancel: "quiero cancelar mi cita",
    confirm_cancel: "¿Cancelo",
    cancelled: "Cancelada",
    none_upcoming: "No tiene citas próximas",
    how_much_whitening: "¿cuánto cuesta el blanqueamiento?",
    hours: "¿cuál es su horario?",
    hours_answer: "Nuestro horario",
    address: "¿cuál es su dirección?",
    faq_question: "¿Aceptan pago con tarjeta?",
    unknown: "¿atienden mascotas a domicilio?",
    check_with_team: "lo consultaré con el equipo",
    person: "quiero hablar con una persona",
    handoff: "Le paso con alguien",
    emergency: "tengo dolor de pecho y no puedo respirar",
    urgent: "Esto parece urgente",
    cleaning_next_week: "quiero una cita de limpieza la próxima semana",
    no_availability: "no encuentro huecos",
    sunday_evening: "el domingo a las 8 de la noche",
    nothing_then: "no hay hueco",
    at_ten: "a las 10",
    next_week: "la semana que viene",
    wednesday_at_eleven: "quiero una limpieza el miércoles a las 11",
    who_for: "¿Para quién es la cita?",
    medicine: "¿qué medicamento tomo para el dolor de muelas?",
    no_diagnosis: "No puedo dar un diagnóstico",
};

async fn booking_moving_and_cancelling_in_english(desk: Desk) {
    booking_moving_and_cancelling(desk, &ENGLISH).await;
}
async fn booking_moving_and_cancelling_in_turkish(desk: Desk) {
    booking_moving_and_cancelling(desk, &TURKISH).await;
}
async fn booking_moving_and_cancelling_in_portuguese(desk: Desk) {
    booking_moving_and_cancelling(desk, &PORTUGUESE).await;
}
async fn booking_moving_and_cancelling_in_spanish(desk: Desk) {
    booking_moving_and_cancelling(desk, &SPANISH).await;
}
async fn questions_handoff_and_emergency_in_english(desk: Desk) {
    questions_handoff_and_emergency(desk, &ENGLISH).await;
}
async fn questions_handoff_and_emergency_in_turkish(desk: Desk) {
    questions_handoff_and_emergency(desk, &TURKISH).await;
}
async fn questions_handoff_and_emergency_in_portuguese(desk: Desk) {
    questions_handoff_and_emergency(desk, &PORTUGUESE).await;
}
async fn questions_handoff_and_emergency_in_spanish(desk: Desk) {
    questions_handoff_and_emergency(desk, &SPANISH).await;
}
async fn hard_calendars_in_english(desk: Desk) {
    hard_calendars(desk, &ENGLISH).await;
}
async fn hard_calendars_in_turkish(desk: Desk) {
    hard_calendars(desk, &TURKISH).await;
}
async fn hard_calendars_in_portuguese(desk: Desk) {
    hard_calendars(desk, &PORTUGUESE).await;
}
async fn hard_calendars_in_spanish(desk: Desk) {
    hard_calendars(desk, &SPANISH).await;
}

/// Book with two changes of mind, list, move, cancel — checking the calendar each time.
async fn booking_moving_and_cancelling(desk: Desk, s: &Script) {
    let thursday = desk.next(Weekday::Thu);
    let friday = desk.next(Weekday::Fri);
    let mut p = desk.web_visitor("patient");
    p.says(s.hello).await;
    p.expect(s.book_cleaning, &[s.asks_when]).await;
    let offers = p
        .expect(s.tuesday_morning, &["1.", "2.", s.day_name_tuesday])
        .await;
    for afternoon in ["14:", "15:", "16:", "17:", "18:"] {
        assert!(!offers.contains(afternoon), "morning only: {offers}");
    }
    // Changes of mind: another service, then another day.
    p.expect(s.rather_whitening, &[s.whitening, "1."]).await;
    p.expect(s.thursday_afternoon, &["1."]).await;
    p.expect(s.second_one, &[s.asks_name]).await;
    p.expect(s.name, &[s.whitening, s.whitening_price, s.shall_i_book])
        .await;
    // Held, not booked, until the patient says yes.
    let held = desk.calendar().await;
    assert_eq!(held.len(), 1, "{held:#?}");
    assert_eq!(held[0].status, AppointmentStatus::Held);
    p.expect(s.yes, &[s.booked, s.whitening]).await;
    let patient = p.patient().await;
    let a = booked_once(&desk, patient, "Teeth whitening", thursday).await;
    assert!(desk.local(a.starts_at).time() >= at(12, 0));
    let on_file = desk
        .store()
        .patient(desk.clinic.id, patient)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(on_file.details.name, s.name);

    p.expect(s.my_appointments, &[s.listed, s.whitening]).await;

    p.expect(s.reschedule, &[s.asks_new_time]).await;
    p.expect(s.friday_at_ten, &[s.confirm_move, "10:00"]).await;
    // Nothing moves before the yes.
    assert_eq!(
        desk.local(
            booked_once(&desk, patient, "Teeth whitening", thursday)
                .await
                .starts_at
        )
        .date(),
        thursday
    );
    p.expect(s.yes, &[s.moved, "10:00"]).await;
    let moved = booked_once(&desk, patient, "Teeth whitening", friday).await;
    assert_eq!(moved.id, a.id);
    assert_eq!(desk.local(moved.starts_at).time(), at(10, 0));

    p.expect(s.cancel, &[s.confirm_cancel, "10:00"]).await;
    p.expect(s.yes, &[s.cancelled]).await;
    let after = desk.calendar_of(patient).await;
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].status, AppointmentStatus::Cancelled);
    p.expect(s.my_appointments, &[s.none_upcoming]).await;
}

/// Clinic facts from clinic data, an FAQ, an unknown question, a person, an emergency.
async fn questions_handoff_and_emergency(desk: Desk, s: &Script) {
    let faq = frontdesk_store::NewFaq {
        question: s.faq_question.into(),
        // Names and figures: an answer in another language than the patient's is told by its
        // facts, never pasted.
        answer: "Yes: Visa, Mastercard, Amex.".into(),
        language: language_of(s).code().into(),
    };
    desk.store()
        .create_faqs(desk.clinic.id, &[faq], Utc::now())
        .await
        .unwrap();
    let mut p = desk.phone("+905551112233");
    p.expect(s.how_much_whitening, &[s.whitening, s.whitening_price])
        .await;
    p.expect(s.hours, &[s.hours_answer, "09:00–13:00"]).await;
    p.expect(s.address, &["Bağdat Caddesi 123"]).await;
    p.expect(s.faq_question, &["Visa", "Mastercard"]).await;
    p.expect(s.medicine, &[s.no_diagnosis]).await;
    assert!(!p.as_staff_see_it().await.needs_human);
    p.expect(s.unknown, &[s.check_with_team]).await;
    let c = p.as_staff_see_it().await;
    assert!(c.needs_human, "an unanswered question goes to staff");
    p.expect(s.person, &[s.handoff]).await;
    p.expect(s.emergency, &[s.urgent, "112"]).await;
    let c = p.as_staff_see_it().await;
    assert!(
        c.human_reason.unwrap_or_default().starts_with("URGENT"),
        "staff are alerted"
    );
    assert!(desk.calendar().await.is_empty(), "nothing was booked");
}

/// No availability at all, out of hours, vague dates, and two patients on one phone.
async fn hard_calendars(desk: Desk, s: &Script) {
    let wednesday = desk.next(Weekday::Wed);
    // Two patients share one phone: the assistant asks who the appointment is for.
    let mother = desk.patient("Maria Santos", "+905559998877").await;
    let son = desk.patient("Leo Santos", "+905559998877").await;
    let mut family = desk.phone("+905559998877");
    family
        .expect(
            s.wednesday_at_eleven,
            &[s.who_for, "Maria Santos", "Leo Santos"],
        )
        .await;
    family.expect("2", &[s.shall_i_book, "11:00"]).await;
    family.expect(s.yes, &[s.booked]).await;
    let a = booked_once(&desk, son.id, "Check-up and cleaning", wednesday).await;
    assert_eq!(desk.local(a.starts_at).time(), at(11, 0));
    assert!(desk.calendar_of(mother.id).await.is_empty());

    // Out of hours: the nearest free times instead, none of them on Sunday.
    let mut p = desk.web_visitor("late");
    p.expect(s.book_cleaning, &[s.asks_when]).await;
    let nearest = p.expect(s.sunday_evening, &[s.nothing_then, "1."]).await;
    let sunday = desk.next(Weekday::Sun);
    assert!(
        !nearest.contains(&frontdesk_assistant::reply::date(language_of(s), sunday)),
        "{nearest}"
    );
    // Vague: a time without a day, then a whole week.
    let at_ten = p.expect(s.at_ten, &["10:00"]).await;
    assert!(
        !at_ten.contains("11:00") && !at_ten.contains("09:00"),
        "{at_ten}"
    );
    let week = p.expect(s.next_week, &["1.", "2.", "3."]).await;
    let monday = desk.next(Weekday::Mon);
    assert!(
        week.contains(&frontdesk_assistant::reply::date(language_of(s), monday)),
        "next week starts on {monday}: {week}"
    );

    // The clinic closed for two months: nothing to offer; staff are asked to call.
    let closure = frontdesk_domain::scheduling::Closure {
        id: frontdesk_domain::ClosureId::new(),
        first_day: desk.today(),
        last_day: desk.today() + Duration::days(70),
        reason: "Renovation".into(),
    };
    desk.store()
        .add_closure(desk.clinic.id, &closure)
        .await
        .unwrap();
    let mut q = desk.web_visitor("closed");
    q.expect(s.cleaning_next_week, &[s.no_availability]).await;
    assert!(q.as_staff_see_it().await.needs_human);
}

/// The script's language.
pub fn language_of(s: &Script) -> frontdesk_domain::Language {
    use frontdesk_domain::Language::*;
    match s.yes {
        "evet" => Tr,
        "sim" => Pt,
        "sí" => Es,
        _ => En,
    }
}

/// The worker dies after the assistant booked but before the turn committed: the turn runs
/// again, and the patient ends up with one booking and one answer.
async fn a_turn_that_runs_again_after_a_crash_books_once(desk: Desk) {
    use frontdesk::assistant::BuiltinAssistant;
    use frontdesk::assistant::desk::ConversationDesk;
    use frontdesk::messaging::assistant::Assistant;

    let mut p = desk.web_visitor("crash");
    p.says(ENGLISH.book_cleaning).await;
    p.says("Wednesday at 11am").await;
    p.expect("Rui Costa", &[ENGLISH.shall_i_book]).await;
    let (conversation, _) = p.delivers("yes").await;
    let state = &desk.app.state;
    let input = state
        .store
        .turn_input(desk.clinic.id, conversation, 20)
        .await
        .unwrap();
    let last = input.pending.last().unwrap().id;
    let engine = BuiltinAssistant::new(None);
    // The first run: it books, then "crashes" (nothing is committed).
    {
        let mut calendar = state.messaging.events.subscribe();
        let d = ConversationDesk::open(
            &*state.store,
            &state.knowledge,
            &desk.clinic,
            &input.conversation,
            last,
            Utc::now(),
            &state.messaging.events,
        )
        .await
        .unwrap();
        let first = engine.reply(&desk.clinic, &input, &d).await.unwrap();
        assert!(first.messages[0].contains(ENGLISH.booked));
        // Live calendars heard of the booking as it was made. On PostgreSQL the news of the
        // patient's own message may come back over NOTIFY after we started listening: it is
        // passed over, the booking's news must be there.
        let heard = std::iter::from_fn(|| calendar.try_recv().ok())
            .find(|e| e.kind == "appointment")
            .expect("an appointment event");
        assert_eq!(heard.kind, "appointment");
        assert!(heard.appointment.is_some() && heard.conversation_id.is_none());
    }
    // The job runs again.
    desk.run_turns().await;
    let patient = p.patient().await;
    booked_once(
        &desk,
        patient,
        "Check-up and cleaning",
        desk.next(Weekday::Wed),
    )
    .await;
    let messages = state
        .store
        .messages(desk.clinic.id, conversation, None, 100)
        .await
        .unwrap();
    let booked_replies = messages
        .iter()
        .filter(|m| m.preview.contains(ENGLISH.booked))
        .count();
    assert_eq!(booked_replies, 1, "one answer to the yes");
}

/// The desk of one conversation refuses another patient's appointment and another
/// clinic's or household's patient, whatever it is asked.
async fn the_desk_reaches_only_this_conversations_people(desk: Desk) {
    use frontdesk::assistant::desk::ConversationDesk;
    use frontdesk_assistant::{Desk as _, DeskError, Offer};

    // Someone else's booking, made through their own conversation.
    let mut other = desk.phone("+905550000001");
    other
        .says("I want to book a cleaning on Wednesday at 11am")
        .await;
    other.says("Eva Stone").await;
    other.expect("yes", &[ENGLISH.booked]).await;
    let theirs = desk.calendar().await[0].clone();

    let mut me = desk.phone("+905550000002");
    me.says("hello").await;
    let state = &desk.app.state;
    let conversation = me.as_staff_see_it().await;
    let d = ConversationDesk::open(
        &*state.store,
        &state.knowledge,
        &desk.clinic,
        &conversation,
        uuid_message(),
        Utc::now(),
        &state.messaging.events,
    )
    .await
    .unwrap();
    let mine = d.household().await.unwrap();
    assert_eq!(mine.len(), 1, "only the lead behind this phone");
    assert!(!mine.iter().any(|p| p.id == theirs.patient_id));
    assert!(
        d.upcoming().await.unwrap().is_empty(),
        "their appointment is not listed"
    );
    assert!(matches!(
        d.cancel(theirs.id).await,
        Err(DeskError::NotFound(_))
    ));
    let slot = Offer {
        practitioner_id: theirs.practitioner_id,
        starts_at: theirs.starts_at + Duration::days(1),
    };
    assert!(matches!(
        d.reschedule(theirs.id, &slot).await,
        Err(DeskError::NotFound(_))
    ));
    assert!(matches!(
        d.confirm(theirs.id).await,
        Err(DeskError::NotFound(_))
    ));
    let service = desk.service("Check-up and cleaning").await;
    assert!(matches!(
        d.hold(theirs.patient_id, service, &slot).await,
        Err(DeskError::NotFound(_))
    ));
    assert!(matches!(
        d.name_patient(theirs.patient_id, "Mallory").await,
        Err(DeskError::NotFound(_))
    ));
    // A slot availability never offered is refused by the scheduling rules.
    let night = Offer {
        practitioner_id: theirs.practitioner_id,
        starts_at: desk
            .next(Weekday::Sun)
            .and_hms_opt(20, 0, 0)
            .unwrap()
            .and_utc(),
    };
    assert!(d.hold(mine[0].id, service, &night).await.is_err());
    let after = desk.calendar().await;
    assert_eq!(after.len(), 1);
    assert_eq!(
        after[0], theirs,
        "the other patient's appointment is untouched"
    );
}

fn uuid_message() -> frontdesk_domain::MessageId {
    frontdesk_domain::MessageId::new()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_terminal_chat_goes_through_the_web_chat_pipeline() {
    let app = spawn_app(Backend::Sqlite, &[]).await;
    frontdesk::demo::seed(&app.state).await.unwrap();
    let lines =
        "Hola\nquiero una limpieza el miércoles a las 11\nMarta Gil\nsí\n/quit\nnever read\n";
    let mut out = Vec::new();
    frontdesk::chat::run(
        &app.state,
        "bright-smile",
        "t1",
        std::io::Cursor::new(lines),
        &mut out,
    )
    .await
    .unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Ayla: ¡Hola! Soy Ayla"), "{out}");
    assert!(out.contains("¿La reservo?"), "{out}");
    assert!(
        out.contains("Ayla: ¡Listo! Su cita está reservada"),
        "{out}"
    );
    assert!(!out.contains("never read"));
    // The conversation is the web chat's, kept for the visitor.
    let clinic = app
        .state
        .store
        .clinic_by_slug_unscoped(&frontdesk_domain::Slug::parse("s", "bright-smile").unwrap())
        .await
        .unwrap()
        .unwrap();
    let conversations = app
        .state
        .store
        .conversations(
            clinic.id,
            &frontdesk_store::ConversationFilter {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(conversations.len(), 1);
    assert_eq!(conversations[0].contact, "web:t1");
    assert_eq!(conversations[0].channel_kind, ChannelKind::WebChat);
    let unknown = frontdesk::chat::run(
        &app.state,
        "no-such-clinic",
        "t2",
        std::io::Cursor::new(""),
        Vec::new(),
    )
    .await;
    assert!(matches!(
        unknown,
        Err(frontdesk::chat::ChatError::NoClinic(_))
    ));
}

/// A patient who last saw Dr. Carter is offered Dr. Carter's times first (both practitioners
/// do cleanings, and availability alone would spread the offers over both).
/// "How much is whitening?" then "ok, Friday at 10?": the booking is for whitening, in every
/// language, and a question two messages back no longer chooses for the patient.
async fn a_day_after_a_question_about_a_service_books_that_service(desk: Desk) {
    for (phone, question, day) in [
        (
            "+905550007001",
            "How much is teeth whitening?",
            "ok, next Friday at 10:00 then?",
        ),
        (
            "+905550007002",
            "diş beyazlatma ne kadar?",
            "tamam, cuma saat 10'da olur mu",
        ),
        (
            "+905550007003",
            "quanto custa o clareamento dental?",
            "ok, sexta às 10h, dá?",
        ),
        (
            "+905550007004",
            "¿cuánto cuesta el blanqueamiento dental?",
            "vale, ¿el viernes a las 10?",
        ),
    ] {
        desk.patient("Mia Rossi", phone).await;
        let mut p = desk.phone(phone);
        p.says(question).await;
        let reply = p.says(day).await;
        let folded = frontdesk_assistant::text::fold(&reply);
        // Times for whitening, not the list of every service to choose from.
        assert!(
            ["whitening", "beyazlatma", "clareamento", "blanqueamiento"]
                .iter()
                .any(|w| folded.contains(w))
                && !["cleaning", "temizlig", "limpeza", "limpieza"]
                    .iter()
                    .any(|w| folded.contains(w)),
            "{day} -> {reply}"
        );
    }
    let mut p = desk.phone("+905550007005");
    desk.patient("Mia Rossi", "+905550007005").await;
    p.says("How much is teeth whitening?").await;
    p.says("thanks").await;
    p.says("and where are you?").await;
    let reply = p.says("can I come next Friday at 10:00?").await;
    assert!(!reply.to_lowercase().contains("whitening"), "{reply}");
}

async fn a_returning_patient_is_offered_their_usual_practitioner(desk: Desk) {
    use frontdesk_domain::scheduling::{Actor, StatusChange};
    let leo = desk.patient("Leo Brandt", "+905550004444").await;
    let practitioners = desk.store().practitioners(desk.clinic.id).await.unwrap();
    let james = practitioners
        .iter()
        .find(|p| p.details.name == "James Carter")
        .unwrap()
        .id;
    let cleaning = desk.service("Check-up and cleaning").await;
    let start = Utc::now() - Duration::days(30);
    let visit = frontdesk_store::NewAppointment {
        busy_until: start + Duration::minutes(55),
        ..frontdesk_store::testing::appointment(cleaning, james, leo.id, start, 45)
    };
    let past = desk
        .store()
        .book(desk.clinic.id, &visit, start - Duration::days(1))
        .await
        .unwrap();
    desk.store()
        .change_status(
            desk.clinic.id,
            past.appointment.id,
            &StatusChange::Complete,
            Actor::system(),
            Utc::now(),
        )
        .await
        .unwrap();
    let mut p = desk.phone("+905550004444");
    let offers = p
        .expect(
            "I'd like a cleaning next week",
            &["1.", "2.", "James Carter"],
        )
        .await;
    assert!(!offers.contains("Elif"), "{offers}");
    // Someone new is offered whoever is free.
    let mut q = desk.web_visitor("new");
    let offers = q.expect("I'd like a cleaning next week", &["1."]).await;
    assert!(offers.contains("Elif"), "{offers}");
}
