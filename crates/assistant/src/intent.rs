//! What a message asks for. Precise keyword rules in the four languages decide first; when
//! they say nothing, the local embedding model compares the message with example phrases
//! of each intent ([`IntentModel`]).

use std::sync::Arc;

use frontdesk_knowledge::{Embedder, Role};
use serde::{Deserialize, Serialize};
use tokio::sync::OnceCell;

use crate::text::{has_any, has_stem, words};

/// What the patient wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Hello.
    Greeting,
    /// A new appointment.
    Book,
    /// Move an appointment.
    Reschedule,
    /// Call one off.
    Cancel,
    /// What appointments they have.
    MyAppointments,
    /// A question about the clinic (hours, prices, address, services, anything in its
    /// documents).
    Question,
    /// A person, not the assistant.
    Human,
    /// Something that cannot wait.
    Emergency,
    /// Thanks or goodbye.
    Thanks,
    /// None of these.
    Other,
}

const EMERGENCY: &[&str] = &[
    "chest pain",
    "pain in my chest",
    "cant breathe",
    "cannot breathe",
    "can not breathe",
    "trouble breathing",
    "difficulty breathing",
    "short of breath",
    "heavy bleeding",
    "bleeding heavily",
    "bleeding a lot",
    "wont stop bleeding",
    "doesnt stop bleeding",
    "unconscious",
    "fainted",
    "passed out",
    "face is swollen",
    "throat is swelling",
    "gogus agrisi",
    "gogsum agriyor",
    "nefes alamiyorum",
    "nefes alamiyor",
    "nefes darligi",
    "kanama durmuyor",
    "cok kaniyor",
    "siddetli kanama",
    "bayildi",
    "bayildim",
    "bilincini kaybetti",
    "yuzum sisti",
    "dor no peito",
    "dor peito",
    "nao consigo respirar",
    "falta de ar",
    "sangramento forte",
    "sangrando muito",
    "sangramento nao para",
    "desmaiou",
    "desmaiei",
    "rosto inchado",
    "dolor de pecho",
    "dolor en el pecho",
    "no puedo respirar",
    "falta de aire",
    "sangrado abundante",
    "sangra mucho",
    "sangrando mucho",
    "no para de sangrar",
    "se desmayo",
    "me desmaye",
    "cara hinchada",
    "emergency",
    "emergencia",
    "urgencia",
    "acil durum",
];

const HUMAN: &[&str] = &[
    "human",
    // A patient who asks to be called wants a person.
    "call me",
    "someone call",
    "give me a call",
    "beni arayin",
    "beni arar misiniz",
    "beni arayabilir",
    "me ligue",
    "me liga",
    "me ligar",
    "ligue me",
    "ligar me",
    "llamame",
    "me llamen",
    "me puede llamar",
    "me pueden llamar",
    "real person",
    "a person",
    "talk to someone",
    "speak to someone",
    "speak with someone",
    "agent",
    "receptionist",
    "operator",
    "staff member",
    "insan",
    "temsilci",
    "yetkili",
    "gercek kisi",
    "biriyle gorusmek",
    "canli destek",
    "atendente",
    "humano",
    "pessoa",
    "falar com alguem",
    "recepcao",
    "persona",
    "agente",
    "operador",
    "hablar con alguien",
    "recepcionista",
];

const CANCEL: &[&str] = &[
    "cancel",
    "call off",
    "cancelar",
    "desmarcar",
    "cancela",
    "anular",
    "cancelo",
    "dar de baja",
    "darme de baja",
];
const CANCEL_STEMS: &[&str] = &["iptal", "cancel", "anul", "desmarc"];

/// "Can't come" without a verb of cancelling: a cancellation unless the message asks for
/// another time (then it is a move).
#[rustfmt::skip]
const CANT_COME: &[&str] = &[
    "scrap", "call it off", "cant make it", "wont be coming", "wont be able to come", "wont be able to make",
    "cant come", "cannot come", "not coming", "cant attend", "drop my appointment",
    "not going to make it", "wont make it", "nao vou poder ir", "nao vou conseguir ir",
    "nao posso ir", "nao vou mais", "nao consigo ir", "no voy a poder ir", "no podre ir",
    "no puedo ir", "no voy a ir", "ya no voy", "quitar mi cita", "borrar mi cita",
    "borrame la cita", "wont make the", "wont make my", "take it off", "no voy a poder",
    "nao vou poder",
];
/// Turkish "I won't be able to come" ("gelemeyeceğim", "gelemem", "gelemiyorum").
const CANT_COME_STEMS: &[&str] = &["gelemeyece", "gelemem", "gelemiyor", "gelemiycem"];

const RESCHEDULE: &[&str] = &[
    "reschedule",
    "move my",
    "move the",
    "move it",
    "change my appointment",
    "change the time",
    "change the date",
    "change it",
    "another time",
    "postpone",
    "remarcar",
    "reagendar",
    "mudar",
    "trocar",
    "adiar",
    "cambiar",
    "mover",
    "reprogramar",
    "aplazar",
    "posponer",
    "baska bir gun",
    "baska bir gune",
    "baska gune",
    "baska bir saate",
    "outro dia",
    "outro horario",
    "otro dia",
    "otra hora",
    "baska bir saat",
    "another day",
    "different day",
    "different time",
    "later date",
    "push my",
    "push the",
    "push it",
    "bring forward",
    "bring it forward",
    "move my",
    "shift my",
    "switch my",
    "swap my",
    "change my",
    "pasar mi cita",
    "pasar la cita",
    "pasarla",
    "cambiar mi cita",
    "passar a consulta",
    "passar minha consulta",
    "passar a minha consulta",
    "adiantar",
    "adelantar",
    "atrasar",
    "transferir",
    "one alabilir",
    "one alalim",
    "moving me",
    "move me",
    "moving my",
    "nao da jeito",
    "nao me da jeito",
    // "Something came up on the 9th, can I come on 2/16 instead?", "tenho um imprevisto dia
    // 23, pode ficar para quinta?", "salı günkü yerine 18 Mart".
    "instead",
    "came up",
    "clashes",
    "clashes with",
    "conflicts with",
    "imprevisto",
    "ficar para",
    "em vez",
    "en vez",
    "en lugar",
    "no lugar",
    "muda a",
    "muda minha",
    "muda a minha",
    "mude a",
    "alterar",
    "yerine",
    "ya no me va bien",
    "no me viene bien",
];
const RESCHEDULE_STEMS: &[&str] = &[
    "retras",
    "guncelle",
    "degisiklig",
    "degistir",
    "ertele",
    "kaydir",
    "tasiy",
    "tasiya",
    "cambi",
    "trasla",
    "remarc",
    "reagend",
    "reprogram",
    "adiant",
    "adelant",
    "aplaz",
    "pospon",
];

/// "¿La pasamos al 20?", "passa pra sexta": moving words too short for a stem.
const MOVE_WORDS: &[&str] = &[
    "pasamos", "pasala", "pasarla", "pasar", "pasen", "pasame", "passa", "passar", "passamos",
    "passe", "mueve", "muevela", "muevala", "move",
];

/// "Randevumu perşembeye alabilir miyiz?": my appointment (its object form) taken to
/// another time is a move, not a new booking.
fn moves_own_turkish(ws: &[String]) -> bool {
    has_stem(ws, &["randevumu", "randevusunu", "randevumuzu"])
        && has_stem(
            ws,
            &[
                "alabilir",
                "alalim",
                "alin",
                "alinabilir",
                "cekebilir",
                "cekelim",
                "cekin",
                "yapabilir",
                "yapalim",
                "yapin",
                "kaydirabilir",
            ],
        )
}

/// "What time is Sophie's appointment?", "I forgot when my son is coming in": when an
/// appointment already made is.
fn asks_when_it_is(ws: &[String]) -> bool {
    #[rustfmt::skip]
    const WHEN: &[&str] = &[
        "what time is", "when is", "what day is", "whens", "forgot when", "remind me when",
        "what time was", "what day was", "when was", "esqueci quando", "esqueci a que horas",
        "que horas e", "quando e", "qnd e", "qual e o dia", "qual o dia", "que dia e",
        "ficou pra quando", "ficou para quando", "pra quando", "para quando", "lembra",
        "lembrar", "olvide cuando", "a que hora es", "a que hora era", "cuando es",
        "cuando tenia", "que dia tenia", "que dia es", "que dia era", "quedo", "recuerdas",
        "recordar", "recuerda", "cuando era", "e a que horas", "e que horas", "es a que hora",
        "e quando", "es cuando",
    ];
    #[rustfmt::skip]
    const BOOKING: &[&str] = &[
        "book", "make an", "marcar", "agendar", "reservar", "pedir", "quiero", "quisiera",
        "quero", "gostaria", "can i", "puedo", "posso", "free", "available", "disponible",
        "libre", "vaga", "hueco",
    ];
    #[rustfmt::skip]
    const APPOINTMENT: &[&str] = &[
        "appointment", "appt", "coming in", "booked", "consulta", "marcacao", "cita", "turno",
        "lo mio", "check up", "checkup", "agendamento", "reserva", "visit", "session", "sessao",
        "sesion",
    ];
    // Asked in the past tense, the thing is already booked: "¿cuándo tenía el pilates?",
    // "what have I got booked?", "kaçta gelmem gerekiyordu?".
    #[rustfmt::skip]
    const ALREADY: &[&str] = &[
        "cuando tenia", "a que hora era", "que dia tenia", "que hora tenia", "what have i got",
        "what have i booked", "what do i have booked", "what am i booked", "quando era",
        "que horas era", "que dia era", "gelmem gerekiyordu", "gelecektim", "ne zamandi",
    ];
    (has_any(ws, WHEN) && !has_any(ws, BOOKING) && has_any(ws, APPOINTMENT)) || has_any(ws, ALREADY)
}

/// Whether a message asks what is already booked, by its shape rather than a set phrase: a
/// question (a mark or a question word) about something held ("have I got", "tenho",
/// "tengo"), booked ("booked", "marcada", "le tocaba", "did we book") or forgotten ("can't
/// remember what time"), with no wish to book more.
fn asks_what_is_booked(ws: &[String], text: &str) -> bool {
    #[rustfmt::skip]
    const QUESTION: &[&str] = &[
        "when", "whens", "what time", "what day", "which day", "anything", "have i", "have we",
        "do i have", "do we have", "is it", "quando", "que horas", "a que horas", "que dia",
        "qual dia", "alguma", "algum", "alguma coisa", "algo", "cuando", "a que hora",
        "que hora", "con quien", "com quem", "with who", "with whom", "ne zaman", "kacta",
        "hangi gun", "hangi saat", "var mi", "this week or next",
    ];
    // Held: "have I got an appointment", "tenho alguma marcação", "¿tengo turno?".
    #[rustfmt::skip]
    const HELD: &[&str] = &[
        "have i got", "ive got", "have we got", "weve got", "do i have", "do we have",
        "have i an", "tenho", "temos", "tengo", "tenemos",
    ];
    // Obliged, not holding: "do I have to fast?", "¿tengo que llevar algo?".
    #[rustfmt::skip]
    const MUST: &[&str] = &[
        "do i have to", "have i got to", "do we have to", "tengo que", "tenemos que",
        "tenho que", "tenho de", "temos que", "temos de", "to bring", "levar", "llevar",
        "traer", "trazer",
    ];
    // Already booked: a participle or a past tense of booking.
    #[rustfmt::skip]
    const BOOKED: &[&str] = &[
        "booked", "booked in", "did we book", "did i book", "did you book", "we booked",
        "i booked", "marcada", "marcado", "marcadas", "marcados", "agendada", "agendado",
        "reservada", "reservado", "ficou marcada", "ficou marcado", "le toca", "le tocaba", "me toca",
        "me tocaba", "in the diary", "on the books", "in the calendar", "scheduled",
    ];
    #[rustfmt::skip]
    const FORGOT: &[&str] = &[
        "remember", "cant remember", "forgot", "forget", "lembro", "esqueci", "me acuerdo",
        "acuerdo", "olvide", "recuerdo", "hatirlamiyorum", "unuttum",
    ];
    #[rustfmt::skip]
    const THING: &[&str] = &[
        "appointment", "appointments", "appt", "visit", "session", "consulta", "consultas",
        "marcacao", "marcacoes", "cita", "citas", "turno", "sesion", "sessao", "reserva",
        "agendamento", "algo", "alguma coisa", "anything", "something", "one", "diary",
    ];
    // Wanting more: any of these makes it a booking, not a look at what is held.
    #[rustfmt::skip]
    const WANTS: &[&str] = &[
        "book me", "can i book", "i want", "id like", "i would like", "like to book",
        "need an", "need a", "quero", "queria", "gostaria", "preciso de", "quiero", "quisiera",
        "necesito", "me gustaria", "istiyorum", "alabilir", "available", "free", "disponible",
        "disponivel", "libre", "livre", "vaga", "hueco", "space", "slot", "can i come",
        "could i come", "posso ir", "puedo ir", "move", "change", "cancel", "mudar", "cambiar",
        "cancelar", "desmarcar", "anular", "can i", "could i", "can we", "fully booked",
        "booked up", "all booked",
    ];
    // When a thing is, with its verb of being or having: "la cita de Nuria es qué día?",
    // "¿a qué hora tiene la cita Mateo?", "el pilates lo tenía el viernes a q hora?".
    #[rustfmt::skip]
    const WHEN_WORDS: &[&str] = &[
        "when", "what time", "what day", "quando", "que horas", "que dia", "qual dia", "cuando",
        "a que hora", "que hora", "a q hora", "q hora", "q dia", "ne zaman", "kacta",
    ];
    #[rustfmt::skip]
    const IS_AT: &[&str] = &[
        "tiene", "tenia", "tem", "tinha", "es", "e", "era", "is", "was", "has", "ficou", "quedo",
    ];
    #[rustfmt::skip]
    const HAD_IT: &[&str] = &["lo tenia", "la tenia", "o tinha", "a tinha", "lo tengo", "la tengo"];
    const TO_BOOK: &[&str] = &[
        "book", "marcar", "agendar", "reservar", "pedir", "hay", "ha",
    ];
    let question = text.contains('?') || has_any(ws, QUESTION);
    if !question || has_any(ws, WANTS) {
        return false;
    }
    if has_any(ws, WHEN_WORDS)
        && !has_any(ws, TO_BOOK)
        && ((has_any(ws, THING) && has_any(ws, IS_AT)) || has_any(ws, HAD_IT))
    {
        return true;
    }
    let held = has_any(ws, HELD) && has_any(ws, THING) && !has_any(ws, MUST);
    let booked = has_any(ws, BOOKED);
    #[rustfmt::skip]
    let forgot = has_any(ws, FORGOT)
        && !has_any(ws, TOPICS)
        && has_any(ws, &[
            "what time", "when", "que horas", "a que hora", "que hora", "que dia", "what day",
            "kacta", "ne zaman",
        ]);
    held || booked || forgot
}

#[rustfmt::skip]
const MINE: &[&str] = &[
    "my appointments", "my appointment", "my booking", "my bookings", "when is my",
    "upcoming", "randevum ne zaman", "randevum var mi", "randevularim", "randevularimi",
    "minhas consultas", "minha consulta", "meu horario", "meus horarios", "tenho consulta",
    "tenho horario", "quando e minha", "mis citas", "mi cita", "tengo cita", "tengo una cita",
    "cuando es mi", "my next appointment", "what time is my", "remind me", "randevum hangi",
    "randevum saat", "randevumu hatirlat", "randevusu ne zaman", "randevusu hangi",
    "randevularimiz", "randevum ne", "ne zaman randevum", "quando e a minha", "quando e o meu",
    "quando sao as minhas", "tenho alguma consulta", "tenho marcacao", "a minha marcacao",
    "minhas marcacoes", "quando tenho", "tengo alguna cita", "tengo citas", "cuando tengo",
    "mi proxima cita", "mis proximas citas", "a que hora es mi", "cita pendiente",
    "citas pendientes", "consulta marcada", "alguma consulta", "cosulta marcada",
    "tenho alguma cosulta", "algo marcado", "cita reservada", "tengo algo", "randevum var",
    "randevu var mi", "que consultas tenho", "consultas tenho", "tenho marcadas",
    "tenho marcado", "quais consultas", "which appointments", "what appointments",
    "que citas tengo", "tengo reservad", "am i booked", "what time am i", "what day am i",
    "when am i coming", "when am i booked", "check my appointment", "confirm my appointment time",
    "what day is my", "anything booked", "my reservation", "minha consulta e", "meu agendamento",
    "meus agendamentos", "que dia e a minha", "que horas e a minha", "ver a minha consulta",
    "verificar a minha consulta", "tenho algo agendado", "tenho agendad", "a que hora tengo",
    "que dia tengo", "mi reserva", "mis reservas", "revisar mi cita", "cuando me toca",
    "para cuando tengo", "que hora tengo",
];

/// Turkish asks about one's own appointment with "randevum…" and a question ("randevum kaçta",
/// "randevumun saati ne", "randevularımı kontrol eder misiniz").
const MINE_TURKISH_QUESTIONS: &[&str] = &[
    "ne zaman",
    "kacta",
    "saat kac",
    "hangi gun",
    "hangi saat",
    "var mi",
    "varmi",
    "kontrol",
    "ogren",
    "saati ne",
    "gunu ne",
    "tarihi",
    "ne zamandi",
    "neydi",
];

/// Words that ask to book.
pub const BOOK: &[&str] = &[
    "book",
    "appointment",
    "schedule",
    "make an appointment",
    "come in",
    "available",
    "availability",
    "free slot",
    "see the dentist",
    "see a doctor",
    "see the doctor",
    "marcar",
    "agendar",
    "consulta",
    "vaga",
    "disponivel",
    "horario livre",
    "cita",
    "reservar",
    "pedir hora",
    "turno",
    "disponible",
    "hueco",
    "appt",
    "space",
    "slot",
    "reserve",
    "bok",
    "booking",
    "marcacao",
    "agendamento",
    "reserva",
    "sitio",
    "encaixe",
];
/// Stems of words that ask to book (Turkish suffixes).
pub const BOOK_STEMS: &[&str] = &["randevu", "musait", "booking"];

/// Whether folded words carry a word of booking ("book", "marcar", "randevu…").
pub fn says_book(ws: &[String]) -> bool {
    has_any(ws, BOOK) || has_stem(ws, BOOK_STEMS)
}

/// Questions about the clinic's own facts (answered from clinic data, never guessed).
const TOPICS: &[&str] = &[
    "how much",
    "price",
    "prices",
    "cost",
    "costs",
    "fee",
    "open",
    "opening hours",
    "hours",
    "address",
    "where are you",
    "where is",
    "located",
    "insurance",
    "parking",
    "ne kadar",
    "kac para",
    "kac lira",
    "ucret",
    "ucreti",
    "fiyat",
    "fiyati",
    "nerede",
    "adres",
    "adresiniz",
    "acik misiniz",
    "calisma saatleri",
    "sigorta",
    "quanto",
    "quanto custa",
    "preco",
    "valor",
    "custa",
    "endereco",
    "onde fica",
    "aberto",
    "abre",
    "abrem",
    "convenio",
    "cuanto",
    "cuanto cuesta",
    "precio",
    "cuesta",
    "direccion",
    "donde estan",
    "abierto",
    "abren",
    "horario de atencion",
    "seguro",
];

const QUESTION_WORDS: &[&str] = &[
    "what", "which", "how", "do you", "does", "is there", "can you", "nasil", "hangi", "o que",
    "qual", "como", "voces", "que", "cual", "tienen", "hacen", "fazem",
];

/// Words that ask without a question mark: "hay que…", "do I need to…", "gerek var mı".
#[rustfmt::skip]
const ASKS_WITHOUT_A_MARK: &[&str] = &[
    "hay que", "tengo que", "tenho que", "tenho de", "preciso", "necesito", "do i need",
    "should i", "need to", "cuantas", "cuantos", "cuanto", "quantas", "quantos", "quanto",
    "gerek", "lazim", "where", "donde", "onde", "nerede", "open", "abertos", "aberto",
    "abiertos", "abierto", "abren", "abrem", "atienden", "atendem", "aceite", "aceitam",
    "aceptan", "trabajan", "trabalham",
];

const THANKS: &[&str] = &[
    "thanks",
    "thank you",
    "thx",
    "bye",
    "goodbye",
    "see you",
    "sagol",
    "sag ol",
    "gorusuruz",
    "hosca kal",
    "obrigado",
    "obrigada",
    "valeu",
    "tchau",
    "ate logo",
    "ate mais",
    "gracias",
    "adios",
    "hasta luego",
    "chao",
];
const THANKS_STEMS: &[&str] = &["tesekkur"];

const GREETING: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "good morning",
    "good afternoon",
    "good evening",
    "merhaba",
    "selam",
    "gunaydin",
    "iyi gunler",
    "iyi aksamlar",
    "oi",
    "ola",
    "bom dia",
    "boa tarde",
    "boa noite",
    "hola",
    "buenos dias",
    "buenas tardes",
    "buenas noches",
    "buenas",
];

/// Words asking for medical judgement: the assistant gives none.
const MEDICAL: &[&str] = &[
    "diagnose",
    "diagnosis",
    "prescribe",
    "prescription",
    "antibiotic",
    "antibiotics",
    "painkiller",
    "ibuprofen",
    "paracetamol",
    "what medicine",
    "which medicine",
    "should i take",
    "is it serious",
    "infected",
    "teshis",
    "recete",
    "antibiyotik",
    "agri kesici",
    "hangi ilac",
    "ilac",
    "diagnostico",
    "receita",
    "antibiotico",
    "remedio",
    "analgesico",
    "que remedio",
    "medicamento",
    "receta",
    "que medicina",
    "pastilla",
];

/// Whether a short message is only a greeting or small talk ("Oi tudo bem?", "hola, ¿qué
/// tal?", "hi, how are you?"), which asks nothing of the clinic.
pub fn small_talk(text: &str) -> bool {
    let ws = words(text);
    ws.len() <= 5
        && (has_any(&ws, GREETING) || has_any(&ws, SMALL_TALK))
        && ws.iter().all(|w| {
            GREETING.iter().any(|g| g.split(' ').any(|p| p == w))
                || SMALL_TALK.iter().any(|g| g.split(' ').any(|p| p == w))
                || ["a", "e", "y", "and", "there", "all", "everyone"].contains(&w.as_str())
        })
}

#[rustfmt::skip]
const SMALL_TALK: &[&str] = &[
    "tudo bem", "tudo bom", "td bem", "tudo certo", "how are you", "hope you are well",
    "hope youre well", "que tal", "como estas", "como esta", "como vai", "nasilsiniz",
    "nasilsin", "iyi misiniz", "hello", "hi", "hey", "buenas", "holaa", "oii", "slm", "mrb",
];

/// The rules' reading of a message: an intent when a rule fired.
pub fn by_rules(text: &str) -> Option<Intent> {
    rules(text, true)
}

/// Whether the rules read a question only from its form ("…?", "can you…"), with no word
/// about what it asks: the embedding model may know better.
pub fn only_shaped_like_a_question(text: &str) -> bool {
    by_rules(text) == Some(Intent::Question) && rules(text, false).is_none()
}

fn rules(text: &str, by_shape: bool) -> Option<Intent> {
    let ws = words(text);
    if has_any(&ws, EMERGENCY) || crate::urgency::is_emergency(text) {
        return Some(Intent::Emergency);
    }
    if has_any(&ws, HUMAN) || has_stem(&ws, &["temsilci", "yetkili"]) {
        return Some(Intent::Human);
    }
    if has_any(&ws, CANCEL) || has_stem(&ws, CANCEL_STEMS) {
        return Some(Intent::Cancel);
    }
    if has_any(&ws, RESCHEDULE)
        || has_stem(&ws, RESCHEDULE_STEMS)
        || moves_own_turkish(&ws)
        || (has_any(&ws, MOVE_WORDS) && has_any(&ws, &["cita", "consulta", "appointment", "turno"]))
    {
        return Some(Intent::Reschedule);
    }
    if has_any(&ws, CANT_COME) || has_stem(&ws, CANT_COME_STEMS) {
        return Some(Intent::Cancel);
    }
    if asks_when_it_is(&ws) {
        return Some(Intent::MyAppointments);
    }
    // "Eşimin randevusu ne zamandı?", "oğlumun randevusu saat kaçta?": when an appointment
    // is, asked with a past or question suffix, and no word of taking one.
    if has_stem(&ws, &["randevu"])
        && (has_stem(
            &ws,
            &["zamand", "kacta", "neyd", "unuttum", "hatirlamiyorum"],
        ) || has_any(&ws, &["ne zaman", "saat kac", "hangi gun", "hangi saat"]))
        && !has_stem(
            &ws,
            &[
                "almak", "alabilir", "alalim", "istiyor", "musait", "olur", "uygun", "aliyor",
            ],
        )
    {
        return Some(Intent::MyAppointments);
    }
    // "Randevumu hatırlatır mısınız?": remind me of it.
    // "Do I have an appointment?" asks what is booked; "do I have to fast?" does not.
    if has_any(&ws, MINE)
        || (has_any(&ws, &["do i have"]) && !has_any(&ws, &["do i have to"]))
        || (has_stem(&ws, &["hatirlat"]) && has_stem(&ws, &["randevu"]))
        || (has_stem(&ws, &["randevum", "randevular"])
            && (has_any(&ws, MINE_TURKISH_QUESTIONS) || has_stem(&ws, &["kontrol", "ogren"])))
    {
        return Some(Intent::MyAppointments);
    }
    if asks_what_is_booked(&ws, text) {
        return Some(Intent::MyAppointments);
    }
    if has_any(&ws, TOPICS) {
        return Some(Intent::Question);
    }
    if has_any(&ws, BOOK) || has_stem(&ws, BOOK_STEMS) {
        return Some(Intent::Book);
    }
    // "semana que vem" starts like a question but names a time.
    let names_a_time = || {
        let any_day = chrono::NaiveDate::from_ymd_opt(2000, 1, 3).unwrap_or_default();
        !crate::when::parse(text, any_day).is_empty()
    };
    if by_shape
        && (text.contains('?')
            || (ws.len() > 2 && has_any(&ws[..2], QUESTION_WORDS) && !names_a_time()))
    {
        return Some(Intent::Question);
    }
    // "Özel sigortam var, kabul ediyor musunuz teşekkürler": a question with thanks ahead.
    // ("mi" alone is Spanish "my": only Turkish's own forms count.)
    if by_shape
        && (has_any(&ws, &["mu", "var mi", "olur mu"])
            || has_stem(&ws, &["musunuz", "misiniz", "miyim", "miyiz"]))
    {
        return Some(Intent::Question);
    }
    // "vale gracias. hay que hacer ayuno para la analitica": thanks, then a question on a
    // topic of the clinic's FAQs, with no mark to show it.
    if by_shape
        && !crate::topics::of(text).is_empty()
        && (has_any(&ws, QUESTION_WORDS) || has_any(&ws, ASKS_WITHOUT_A_MARK))
    {
        return Some(Intent::Question);
    }
    if has_any(&ws, THANKS) || has_stem(&ws, THANKS_STEMS) {
        return Some(Intent::Thanks);
    }
    if has_any(&ws, GREETING) {
        return Some(Intent::Greeting);
    }
    None
}

/// Whether a message asks for a diagnosis, a medicine or a treatment decision.
pub fn asks_medical_advice(text: &str) -> bool {
    let ws = words(text);
    has_any(&ws, MEDICAL) || has_stem(&ws, &["ilac", "recete", "antibiyoti", "teshis"])
}

/// Yes or no, as an answer to "shall I book it?".
pub fn yes_or_no(text: &str) -> Option<bool> {
    let ws = words(text);
    const NO: &[&str] = &[
        "no",
        "nope",
        "not",
        "dont",
        "hayir",
        "istemiyorum",
        "olmaz",
        "vazgectim",
        "nao",
        "nem",
        "mejor no",
        "tampoco",
        "never mind",
        "nevermind",
        // Turkish: "yok, şimdilik almayayım", "olmasın", "kalsın", "gerek yok".
        "yok",
        "olmasin",
        "kalsin",
        "almayayim",
        "almayalim",
        "istemem",
        "gerek yok",
        "leave it",
        "keep it",
        "nah",
        "forget it",
        "olvidalo",
        "olvidelo",
        "esquece",
        "esqueca",
        "deixa pra la",
        "bosver",
        "bos ver",
        // "Mejor lo dejamos", "mejor la dejamos como está", "dejémoslo así", "deixa estar".
        "mejor lo dejamos",
        "mejor la dejamos",
        "mejor lo dejo",
        "mejor la dejo",
        "mejor dejarlo",
        "dejemoslo",
        "dejalo asi",
        "dejala asi",
        "dejalo como esta",
        "dejala como esta",
        "deixa estar",
        "deixe estar",
        "deixa ficar",
        "deixe ficar",
        "not yet",
        "hold off",
    ];
    const YES: &[&str] = &[
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "ok",
        "okay",
        "confirm",
        "confirmed",
        "correct",
        "right",
        "perfect",
        "go ahead",
        "sounds good",
        "please do",
        "book it",
        "evet",
        "tamam",
        "aynen",
        "tamamdir",
        "tmm",
        "tmam",
        "olur",
        "onayliyorum",
        "onayla",
        "uygun",
        "tabii",
        "tabi",
        "sim",
        "pode",
        "pode ser",
        "confirmo",
        "confirmar",
        "isso",
        "claro",
        "beleza",
        "certo",
        "perfeito",
        "si",
        "vale",
        "de acuerdo",
        "perfecto",
        "dale",
        "exacto",
        "bueno",
        // Assent as people write it: "that works, go for it", "perfect, lock it in", "tá
        // ótimo, confirma", "süper onaylıyorum", "dale, listo".
        "that works",
        "works for me",
        "go for it",
        "lock it in",
        "put me down",
        "lovely",
        "great",
        "sounds great",
        "absolutely",
        "sure thing",
        "fine",
        "alright",
        "all right",
        "otimo",
        "confirma",
        "confirme",
        "fechado",
        "combinado",
        "bora",
        "fechou",
        "listo",
        "genial",
        "estupendo",
        "confirmado",
        "super",
        "harika",
        "olsun",
        "tamamdir",
        "onaylarim",
        "onayliyoruz",
        "esta bien",
        "ta bem",
        "esta bom",
    ];
    // The first word decides ("sim, no dia 25": "no" is "on the" there).
    let first = &ws[..ws.len().min(1)];
    if has_any(first, YES) {
        return Some(true);
    }
    if has_any(first, NO) || has_any(&ws, NO) {
        return Some(false);
    }
    has_any(&ws, YES).then_some(true)
}

/// The action a "yes" would carry out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Booking a held slot.
    Book,
    /// Moving an appointment.
    Move,
    /// Cancelling one.
    Cancel,
}

/// A yes or no to "shall I book / move / cancel it?", also inside a sentence: "Yes please go
/// ahead and cancel", "Pode cancelar sim", "Evet lütfen iptal edin", "Sí, cancélela";
/// the pending action's own verb alone is a yes ("cancel it", "resérvela", "taşıyın").
pub fn confirmation(text: &str, pending: Pending) -> Option<bool> {
    let ws = words(text);
    // "No, don't cancel" / "não quero cancelar": the negation wins over the verb.
    let negated = has_any(
        &ws,
        &[
            "dont",
            "do not",
            "no",
            "not",
            "nao",
            "hayir",
            "etmeyin",
            "yapmayin",
            "istemiyorum",
            "mejor no",
            "never mind",
            "nevermind",
            "vazgectim",
            "wait",
            "espera",
            "espere",
            "bekle",
            "bekleyin",
        ],
    ) && !has_any(
        &ws[..ws.len().min(1)],
        &["yes", "sim", "si", "evet", "ok", "okay"],
    );
    // "Vale, pásala" to "shall I cancel it?": the patient wants a move, not a cancellation.
    if pending == Pending::Cancel
        && (has_stem(&ws, RESCHEDULE_STEMS)
            || has_any(&ws, MOVE_WORDS)
            || has_any(&ws, &["change it", "move it", "muda", "mude", "troca"]))
        && !has_stem(&ws, CANCEL_STEMS)
    {
        return Some(false);
    }
    if let Some(answer) = yes_or_no(text) {
        return Some(answer);
    }
    let verb: &[&str] = match pending {
        Pending::Book => &[
            "book", "reserve", "confirm", "marca", "marque", "marcar", "agenda", "agende",
            "reserv", "confirm", "olustur", "onay", "al", "alin", "alalim", "ayarla",
        ],
        Pending::Move => &[
            "move", "change", "switch", "resched", "muda", "mude", "mudar", "remarc", "troca",
            "cambi", "mueva", "mover", "pasa", "tasi", "degistir", "kaydir", "ertele", "al",
            "alin", "aktar", "confirm", "onay",
        ],
        Pending::Cancel => &[
            "cancel", "desmarc", "anul", "iptal", "delete", "remove", "quit", "borr", "confirm",
            "onay",
        ],
    };
    let has_verb = ws.iter().any(|w| {
        verb.iter().any(|v| {
            if v.len() <= 2 {
                w == v
            } else {
                w.starts_with(v)
            }
        })
    });
    match (has_verb, negated) {
        (true, false) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// Example phrases per intent and language, for the embedding model.
const EXAMPLES: &[(Intent, &[&str])] = &[
    (
        Intent::Book,
        &[
            "I would like to come in to have my teeth looked at",
            "Could you fit me in sometime soon?",
            "Beni bir ara muayeneye alabilir misiniz?",
            "Dişlerime baktırmak istiyorum",
            "Queria ir aí dar uma olhada nos meus dentes",
            "Vocês conseguem me encaixar essa semana?",
            "Me gustaría ir a que me revisen los dientes",
            "¿Me pueden atender esta semana?",
        ],
    ),
    (
        Intent::Reschedule,
        &[
            "I can't come at that time, can we do another day?",
            "Something came up, I need a different day",
            "O saatte gelemiyorum, başka bir güne alalım",
            "Não vou poder ir nesse horário, dá para outro dia?",
            "No puedo ir a esa hora, ¿podemos hacerlo otro día?",
        ],
    ),
    (
        Intent::Cancel,
        &[
            "I won't be coming anymore, please remove my visit",
            "Gelmeyeceğim, ziyaretimi silin",
            "Não vou mais, pode tirar minha visita",
            "Ya no voy a ir, quite mi visita",
        ],
    ),
    (
        Intent::Question,
        &[
            "Do you treat children?",
            "What should I bring to my first visit?",
            "Çocuklara bakıyor musunuz?",
            "İlk ziyarete ne getirmeliyim?",
            "Vocês atendem crianças?",
            "O que devo levar na primeira visita?",
            "¿Atienden a niños?",
            "¿Qué debo llevar a la primera visita?",
        ],
    ),
    (
        Intent::Human,
        &[
            "I'd rather speak with somebody from the clinic",
            "Klinikten biriyle konuşmak istiyorum",
            "Prefiro conversar com alguém da clínica",
            "Prefiero hablar con alguien de la clínica",
        ],
    ),
    (
        Intent::Thanks,
        &[
            "That's all I needed, have a nice day",
            "Hepsi bu kadar, iyi günler",
            "Era só isso, tenha um bom dia",
            "Eso es todo, que tenga un buen día",
        ],
    ),
];

/// Similarity the best example must reach for the model's reading to count.
const MIN_SIMILARITY: f32 = 0.86;

/// The embedding model's reading of intents: every example embedded once, each message
/// compared with all of them; the nearest decides when it is near enough.
pub struct IntentModel {
    embedder: Arc<dyn Embedder>,
    examples: OnceCell<Vec<(Intent, Vec<f32>)>>,
    urgency: OnceCell<Vec<(bool, Vec<f32>)>>,
    /// The last message embedded: a turn asks about one message twice.
    last: std::sync::Mutex<Option<(String, Vec<f32>)>>,
    /// Vectors of the clinics' service names and aliases, by text.
    services: std::sync::Mutex<std::collections::HashMap<String, Vec<f32>>>,
}

/// How near a message must come to a service's name or alias to name it.
const SERVICE_FLOOR: f32 = 0.835;
/// How much nearer than the next service (the encoder's similarities sit close together).
const SERVICE_MARGIN: f32 = 0.009;

/// Urgent and calm messages from the development dialogs (scripts/urgency-examples).
const URGENCY_EXAMPLES: &str = include_str!("urgency_examples.tsv");
/// How many nearest examples of each side vote.
const URGENCY_NEIGHBOURS: usize = 3;
/// How much nearer the urgent examples must be than the calm ones.
const URGENCY_MARGIN: f32 = 0.01;
/// How near the urgent examples must be at all.
const URGENCY_FLOOR: f32 = 0.86;

impl IntentModel {
    /// Reads intents with `embedder` (the examples are embedded on first use).
    pub fn new(embedder: Arc<dyn Embedder>) -> Self {
        IntentModel {
            embedder,
            examples: OnceCell::new(),
            urgency: OnceCell::new(),
            last: std::sync::Mutex::new(None),
            services: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// Embeds the examples now rather than on the first message that needs them.
    pub async fn warm_up(&self) {
        let _ = self.examples().await;
        let _ = self.urgency_examples().await;
    }

    async fn urgency_examples(&self) -> Option<&Vec<(bool, Vec<f32>)>> {
        self.urgency
            .get_or_try_init(|| async {
                let rows: Vec<(bool, String)> = URGENCY_EXAMPLES
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| {
                        let mut parts = l.splitn(3, '\t');
                        let side = parts.next()? == "urgent";
                        let _language = parts.next()?;
                        Some((side, parts.next()?.to_string()))
                    })
                    .collect();
                let texts: Vec<String> = rows.iter().map(|(_, t)| t.clone()).collect();
                let vectors = self.embedder.embed(Role::Query, &texts).await?;
                Ok::<_, frontdesk_knowledge::EmbedError>(
                    rows.into_iter().map(|(u, _)| u).zip(vectors).collect(),
                )
            })
            .await
            .ok()
    }

    /// The message's vector, embedded once per message.
    async fn vector(&self, text: &str) -> Option<Vec<f32>> {
        if let Ok(last) = self.last.lock()
            && let Some((t, v)) = last.as_ref()
            && t == text
        {
            return Some(v.clone());
        }
        let v = self
            .embedder
            .embed(Role::Query, &[text.to_string()])
            .await
            .ok()?
            .pop()?;
        if let Ok(mut last) = self.last.lock() {
            *last = Some((text.to_string(), v.clone()));
        }
        Some(v)
    }

    /// The service a message describes in everyday words ("someone to look at a rash",
    /// "treatment for my sore shoulder"), by the nearest of each service's names and aliases
    /// in every language, when one is clearly nearest.
    pub async fn nearest_service(
        &self,
        text: &str,
        services: &[frontdesk_domain::scheduling::Service],
    ) -> Option<frontdesk_domain::ServiceId> {
        let query = self.vector(text).await?;
        let texts: Vec<(frontdesk_domain::ServiceId, String)> = services
            .iter()
            .flat_map(|s| {
                let d = &s.details;
                let mut texts: Vec<String> = d.name.values().cloned().collect();
                texts.extend(d.aliases.iter().cloned());
                if !d.description.trim().is_empty() {
                    texts.push(d.description.clone());
                }
                texts.into_iter().map(move |t| (s.id, t))
            })
            .collect();
        let missing: Vec<String> = {
            let known = self.services.lock().ok()?;
            let mut m: Vec<String> = texts
                .iter()
                .filter(|(_, t)| !known.contains_key(t))
                .map(|(_, t)| t.clone())
                .collect();
            m.sort();
            m.dedup();
            m
        };
        if !missing.is_empty() {
            let vectors = self.embedder.embed(Role::Query, &missing).await.ok()?;
            let mut known = self.services.lock().ok()?;
            for (t, v) in missing.into_iter().zip(vectors) {
                known.insert(t, v);
            }
        }
        let known = self.services.lock().ok()?;
        let mut best: Vec<(f32, frontdesk_domain::ServiceId)> = vec![];
        for s in services {
            let score = texts
                .iter()
                .filter(|(id, _)| *id == s.id)
                .filter_map(|(_, t)| known.get(t).map(|v| dot(v, &query)))
                .fold(f32::MIN, f32::max);
            best.push((score, s.id));
        }
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        match best.as_slice() {
            [(top, id)] if *top >= SERVICE_FLOOR => Some(*id),
            [(top, id), (next, _), ..] if *top >= SERVICE_FLOOR && top - next >= SERVICE_MARGIN => {
                Some(*id)
            }
            _ => None,
        }
    }

    /// Whether a message reads like the urgent descriptions rather than the calm messages
    /// (the nearest few of each side): emergencies in words no rule lists.
    pub async fn sounds_urgent(&self, text: &str) -> bool {
        let Some(examples) = self.urgency_examples().await else {
            return false;
        };
        let Some(query) = self.vector(text).await else {
            return false;
        };
        let side = |urgent: bool| {
            let mut sims: Vec<f32> = examples
                .iter()
                .filter(|(u, _)| *u == urgent)
                .map(|(_, v)| dot(v, &query))
                .collect();
            sims.sort_by(|a, b| b.total_cmp(a));
            let top = &sims[..sims.len().min(URGENCY_NEIGHBOURS)];
            if top.is_empty() {
                0.0
            } else {
                top.iter().sum::<f32>() / top.len() as f32
            }
        };
        let (urgent, calm) = (side(true), side(false));
        urgent >= URGENCY_FLOOR && urgent >= calm + URGENCY_MARGIN
    }

    async fn examples(&self) -> Option<&Vec<(Intent, Vec<f32>)>> {
        self.examples
            .get_or_try_init(|| async {
                let texts: Vec<String> = EXAMPLES
                    .iter()
                    .flat_map(|(_, e)| e.iter().map(|s| s.to_string()))
                    .collect();
                let vectors = self.embedder.embed(Role::Query, &texts).await?;
                let labels = EXAMPLES
                    .iter()
                    .flat_map(|(intent, e)| e.iter().map(move |_| *intent));
                Ok::<_, frontdesk_knowledge::EmbedError>(labels.zip(vectors).collect())
            })
            .await
            .ok()
    }

    /// The nearest intent and its similarity, when one is near enough.
    pub async fn classify(&self, text: &str) -> Option<(Intent, f32)> {
        let examples = self.examples().await?;
        let query = self.vector(text).await?;
        examples
            .iter()
            .map(|(intent, v)| (*intent, dot(v, &query)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, s)| *s >= MIN_SIMILARITY)
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confirmations_inside_sentences() {
        for (text, pending, answer) in [
            (
                "Yes please go ahead and cancel",
                Pending::Cancel,
                Some(true),
            ),
            ("Pode cancelar sim", Pending::Cancel, Some(true)),
            ("Evet lütfen iptal edin", Pending::Cancel, Some(true)),
            ("Sí, cancélela", Pending::Cancel, Some(true)),
            ("vale, pásala", Pending::Cancel, Some(false)),
            ("sí, hazme el cambio", Pending::Cancel, Some(false)),
            ("sí, hazme el cambio", Pending::Move, Some(true)),
            ("nah, olvídalo", Pending::Book, Some(false)),
            ("Tamam, iptal edebilirsiniz", Pending::Cancel, Some(true)),
            ("si, anule la cita", Pending::Cancel, Some(true)),
            ("cancel it", Pending::Cancel, Some(true)),
            ("Sí, resérvela", Pending::Book, Some(true)),
            ("evet annem adına oluşturun", Pending::Book, Some(true)),
            ("Perfect, confirm it please", Pending::Book, Some(true)),
            ("Yes, please move it", Pending::Move, Some(true)),
            ("tamam, taşıyın", Pending::Move, Some(true)),
            ("No, don't cancel it", Pending::Cancel, Some(false)),
            ("não, obrigado", Pending::Book, Some(false)),
            ("Hayır, iptal etmeyin", Pending::Cancel, Some(false)),
            ("what time was it again", Pending::Cancel, None),
        ] {
            assert_eq!(confirmation(text, pending), answer, "{text}");
        }
    }

    #[test]
    fn a_wish_to_book_is_no_look_at_what_is_booked() {
        for text in [
            "have I got any free time next week?",
            "do you have anything available on Thursday?",
            "¿tengo que llevar algo?",
            "can I get booked in on Monday?",
            "tenho de levar alguma coisa para a consulta?",
            "are you fully booked this week?",
        ] {
            assert_ne!(by_rules(text), Some(Intent::MyAppointments), "{text}");
        }
    }

    #[test]
    fn rules_in_four_languages() {
        let cases = [
            ("I have chest pain", Intent::Emergency),
            ("göğüs ağrısı var", Intent::Emergency),
            ("estou com dor no peito", Intent::Emergency),
            ("tengo dolor de pecho", Intent::Emergency),
            ("I can't breathe", Intent::Emergency),
            ("Can I talk to a human?", Intent::Human),
            ("bir temsilci ile görüşmek istiyorum", Intent::Human),
            ("quero falar com um atendente", Intent::Human),
            ("¿Puedo hablar con una persona?", Intent::Human),
            ("Can someone call me?", Intent::Human),
            ("beni arar mısınız", Intent::Human),
            ("pode me ligar? me ligue por favor", Intent::Human),
            ("¿me pueden llamar?", Intent::Human),
            ("I want to cancel my appointment", Intent::Cancel),
            ("randevumu iptal etmek istiyorum", Intent::Cancel),
            ("quero desmarcar minha consulta", Intent::Cancel),
            ("quiero cancelar mi cita", Intent::Cancel),
            ("can I reschedule?", Intent::Reschedule),
            (
                "Any chance of moving me to Mar 1 at 10:30?",
                Intent::Reschedule,
            ),
            (
                "a consulta de dia 17 de fevereiro não dá jeito, pode ser dia 19?",
                Intent::Reschedule,
            ),
            (
                "randevumu 1 nisan perşembe 20:00 yapabilir miyiz acaba",
                Intent::Reschedule,
            ),
            ("¿se puede retrasar mi cita al lunes?", Intent::Reschedule),
            ("randevumu değiştirmek istiyorum", Intent::Reschedule),
            ("preciso remarcar", Intent::Reschedule),
            ("necesito cambiar mi cita", Intent::Reschedule),
            (
                "something came up on Tuesday the 9th - can I come at 10:30am on 2/16 instead?",
                Intent::Reschedule,
            ),
            (
                "my appointment on the 4th clashes with work, can we do May 10th at 10:00 am?",
                Intent::Reschedule,
            ),
            (
                "tenho um imprevisto dia 23, pode ficar para quinta, 29 de abril às 11h30?",
                Intent::Reschedule,
            ),
            (
                "Slm, salı günkü gelemiyorum, onun yerine 18 Mart günü 10:30 olur mu?",
                Intent::Reschedule,
            ),
            (
                "randevuyu Carsamba, 28 Nisan 15:00 olarak guncelleyebilir misiniz",
                Intent::Reschedule,
            ),
            (
                "muda a minha consulta para sex 23 de abril às 3 da tarde pf",
                Intent::Reschedule,
            ),
            ("when is my appointment?", Intent::MyAppointments),
            // What is already booked, asked without a set phrase.
            (
                "have I got anything booked for Thursday?",
                Intent::MyAppointments,
            ),
            ("when is my husband booked in?", Intent::MyAppointments),
            (
                "la cita de Nuria Dominguez es que dia?",
                Intent::MyAppointments,
            ),
            (
                "¿a qué hora tiene la cita mateo cabrera, mi padre?",
                Intent::MyAppointments,
            ),
            (
                "holaa una cosa, el pilates lo tenía el viernes a q hora??",
                Intent::MyAppointments,
            ),
            (
                "a que horas tem consulta a minha filha?",
                Intent::MyAppointments,
            ),
            ("which day did we book Oliver for?", Intent::MyAppointments),
            ("tenho alguma marcação amanhã?", Intent::MyAppointments),
            (
                "a consulta do meu filho ficou marcada para que dia?",
                Intent::MyAppointments,
            ),
            ("¿tengo turno el lunes?", Intent::MyAppointments),
            ("¿a qué hora me tocaba la revisión?", Intent::MyAppointments),
            (
                "no me acuerdo a qué hora era lo de mi madre",
                Intent::MyAppointments,
            ),
            ("tengo una pregunta sobre el precio", Intent::Question),
            ("¿tengo que llevar algo?", Intent::Question),
            (
                "vale gracias. hay que hacer ayuno para la analitica",
                Intent::Question,
            ),
            ("thanks! do i need to fast before it", Intent::Question),
            (
                "queria só perguntar uma coisa estão abertos no sábado obrigada desde já",
                Intent::Question,
            ),
            ("are you fully booked on Saturday?", Intent::Question),
            ("randevum ne zaman?", Intent::MyAppointments),
            ("quando é minha consulta?", Intent::MyAppointments),
            ("¿cuándo es mi cita?", Intent::MyAppointments),
            (
                "İyi akşamlar, randevumu hatırlatır mısınız?",
                Intent::MyAppointments,
            ),
            ("I'd like to book a cleaning", Intent::Book),
            ("yarın için randevu alabilir miyim", Intent::Book),
            ("quero marcar uma limpeza", Intent::Book),
            ("quiero una cita", Intent::Book),
            ("how much is whitening?", Intent::Question),
            ("beyazlatma ne kadar?", Intent::Question),
            ("qual o endereço?", Intent::Question),
            ("¿a qué hora abren?", Intent::Question),
            ("thanks!", Intent::Thanks),
            ("teşekkürler", Intent::Thanks),
            ("obrigada", Intent::Thanks),
            ("gracias", Intent::Thanks),
            ("hello", Intent::Greeting),
            ("merhaba", Intent::Greeting),
            ("bom dia", Intent::Greeting),
            ("hola", Intent::Greeting),
            // Moves, cancellations and one's own appointments as people put them.
            ("scrap my appointment on Jan 29 please", Intent::Cancel),
            (
                "17 martta randevum vardı, gelemeyeceğim maalesef",
                Intent::Cancel,
            ),
            ("não vou conseguir ir na consulta de quinta", Intent::Cancel),
            ("no voy a poder ir el jueves", Intent::Cancel),
            (
                "I can't come on Tuesday, can we do another day?",
                Intent::Reschedule,
            ),
            (
                "could we push my appointment to March 18th?",
                Intent::Reschedule,
            ),
            (
                "16/4 randevumu salı 4 mayıs 11.30'da alabilir miyiz?",
                Intent::Reschedule,
            ),
            (
                "çarşamba 15teki randevumu perşembeye taşıyabilir misiniz",
                Intent::Reschedule,
            ),
            (
                "dá pra passar a minha consulta pra sexta?",
                Intent::Reschedule,
            ),
            ("what time is Sophie's appointment?", Intent::MyAppointments),
            ("¿a qué hora es la cita de mi hijo?", Intent::MyAppointments),
            ("diş taşı temizliği için randevu istiyorum", Intent::Book),
            (
                "no voy a poder ir a la cita del 22, ¿la pasamos al dia 20?",
                Intent::Reschedule,
            ),
            (
                "¿me cambias la cita que tengo el miércoles 24?",
                Intent::Reschedule,
            ),
            (
                "queria dar de baja mi cita que tengo el jueves 4",
                Intent::Cancel,
            ),
            ("eşimin randevusu ne zamandı?", Intent::MyAppointments),
            (
                "Olá, qual é o dia da minha próxima consulta?",
                Intent::MyAppointments,
            ),
            (
                "Bom dia. a consulta da minha mãe ficou pra quando?",
                Intent::MyAppointments,
            ),
            (
                "¿para cuándo quedó la cita de mi madre?",
                Intent::MyAppointments,
            ),
            ("Porfa, ¿qué día tenía turno?", Intent::MyAppointments),
            (
                "Buenos días, ¿a qué hora era lo mío?",
                Intent::MyAppointments,
            ),
            ("quando posso marcar uma consulta?", Intent::Book),
            (
                "hola! me he liado, ¿cuándo tenía el pilates y la fisio?",
                Intent::MyAppointments,
            ),
            (
                "hey what have I got booked with you guys?",
                Intent::MyAppointments,
            ),
            ("kaçta gelmem gerekiyordu?", Intent::MyAppointments),
            ("merve'in randevusu saat kaçta?", Intent::MyAppointments),
            (
                "oglumun randevusu ne zamandi unuttum",
                Intent::MyAppointments,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(by_rules(text), Some(want), "{text}");
        }
        assert_eq!(by_rules("Maria Silva"), None);
    }

    #[test]
    fn small_talk_is_no_question() {
        for t in [
            "Oi tudo bem?,",
            "hola, ¿qué tal?",
            "hi, how are you?",
            "Merhaba, nasılsınız?",
        ] {
            assert!(small_talk(t), "{t}");
        }
        for t in [
            "hi, do you take insurance?",
            "oi, tem estacionamento?",
            "hola",
        ] {
            assert_eq!(small_talk(t), t == "hola", "{t}");
        }
    }

    #[test]
    fn yes_and_no() {
        for t in [
            "yes please",
            "evet",
            "sim, pode marcar",
            "sí, perfecto",
            "ok",
            "aynen",
            "aynen öyle",
        ] {
            assert_eq!(yes_or_no(t), Some(true), "{t}");
        }
        for t in [
            "that works, go for it",
            "perfect, lock it in",
            "tá ótimo, confirma",
            "süper onaylıyorum",
            "dale, listo",
        ] {
            assert_eq!(yes_or_no(t), Some(true), "{t}");
        }
        for t in [
            "no",
            "hayır",
            "não",
            "no, gracias",
            "never mind",
            "yok, şimdilik almayayım",
            "hmm yok simdilik kalsin",
            "yok olmasın",
            "Mejor lo dejamos, gracias",
            "Mejor la dejamos como está",
            "dejémoslo así de momento",
            "não, deixa estar",
            "not yet, I need to check with work",
        ] {
            assert_eq!(yes_or_no(t), Some(false), "{t}");
        }
        assert_eq!(yes_or_no("tomorrow"), None);
    }

    #[test]
    fn medical_advice_is_recognised() {
        assert!(asks_medical_advice("which antibiotic should I take?"));
        assert!(asks_medical_advice("hangi ilacı almalıyım"));
        assert!(asks_medical_advice("que remédio eu tomo?"));
        assert!(asks_medical_advice("¿qué medicamento tomo?"));
        assert!(!asks_medical_advice("book a cleaning"));
    }
}
