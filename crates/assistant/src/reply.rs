//! Every sentence the built-in assistant says, per language, filled only from clinic data:
//! it has no other way to speak, so it cannot make up a price or an opening hour.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use frontdesk_domain::scheduling::Price;
use frontdesk_domain::{Language, OpeningHours};

/// Something to say; the text comes from [`say`].
#[derive(Debug, Clone, PartialEq)]
pub enum Say {
    /// Hello, who we are, what we do.
    Greeting {
        /// The assistant's name.
        persona: String,
        /// The clinic's name.
        clinic: String,
    },
    /// What the assistant can do (when it did not understand).
    Help,
    /// Which service?
    AskService {
        /// The services patients may book.
        services: Vec<String>,
    },
    /// When?
    AskWhen {
        /// The chosen service.
        service: String,
    },
    /// Numbered times to choose from.
    Offers {
        /// The service.
        service: String,
        /// The options, formatted.
        options: Vec<String>,
    },
    /// Nothing then; the nearest times instead.
    NothingThen {
        /// The service.
        service: String,
        /// The nearest options.
        options: Vec<String>,
    },
    /// Nothing free at all in the coming weeks.
    NoAvailability {
        /// The service.
        service: String,
    },
    /// Pick one of the options.
    PickOne,
    /// The day asked for is over.
    PastDay,
    /// Who is the appointment for?
    AskWho {
        /// The patients writing from this number.
        names: Vec<String>,
    },
    /// The patient's full name, please.
    AskName,
    /// The clinic's information on this is written in another language; its facts.
    FactsInAnotherLanguage {
        /// The language it is written in.
        written_in: Language,
        /// Its fact words in the patient's language, names, numbers and times, one entry per
        /// clause.
        facts: Vec<String>,
    },
    /// Something the clinic does not offer; what it does.
    NotOffered {
        /// The clinic's services.
        services: Vec<String>,
    },
    /// A weekday that does not fall on the date given: which one?
    WhichDay {
        /// The date as written (with its real weekday).
        date: String,
        /// The nearest day on the weekday named.
        other: String,
        /// The time asked for, kept while the day is settled ("12:00").
        at: Option<String>,
    },
    /// The name of the person the appointment is for ("your son's full name?").
    AskNameOf {
        /// How the patient called them ("my son", "minha mãe").
        relation: String,
    },
    /// "Shall I book it?" with everything spelled out.
    ConfirmBooking {
        /// Service, practitioner, date, time and price.
        details: String,
    },
    /// Booked.
    Booked {
        /// What was booked.
        details: String,
    },
    /// Not booked, as the patient said.
    NotBooked,
    /// Someone took the time meanwhile.
    SlotGone,
    /// The patient's upcoming appointments.
    Upcoming {
        /// Each formatted.
        items: Vec<String>,
    },
    /// None upcoming.
    NoUpcoming,
    /// Which appointment (to cancel or move)?
    WhichAppointment {
        /// Numbered.
        items: Vec<String>,
    },
    /// Cancel this one?
    ConfirmCancel {
        /// The appointment.
        details: String,
    },
    /// Cancelled.
    Cancelled {
        /// The appointment.
        details: String,
    },
    /// The appointment stays.
    Kept,
    /// To when should it move?
    AskNewTime {
        /// The appointment.
        details: String,
    },
    /// Move it?
    ConfirmMove {
        /// Now.
        from: String,
        /// Then.
        to: String,
    },
    /// Moved.
    Moved {
        /// The appointment after the move.
        details: String,
    },
    /// A person takes over.
    Handoff,
    /// Emergency instructions, at once.
    Emergency {
        /// The clinic's own words, if it wrote any.
        instructions: String,
    },
    /// Not known: the team will answer.
    CheckWithTeam,
    /// An answer from the clinic's documents or FAQs.
    Answer {
        /// The passage or answer.
        text: String,
    },
    /// Opening hours.
    Hours {
        /// Formatted per day.
        hours: String,
    },
    /// Address.
    Address {
        /// As the clinic wrote it.
        address: String,
    },
    /// Prices.
    Prices {
        /// "Service: price" lines.
        items: Vec<String>,
    },
    /// No diagnosis, no prescription; an offer to book.
    MedicalAdvice,
    /// You're welcome.
    Thanks,
    /// No appointments can be booked here by chat.
    NothingToBook,
}

/// The sentence for `what` in `lang`.
pub fn say(lang: Language, what: &Say) -> String {
    use Language::*;
    use Say::*;
    let list = |items: &[String]| {
        items
            .iter()
            .enumerate()
            .map(|(i, o)| format!("{}. {o}", i + 1))
            .collect::<Vec<_>>()
            .join("\n")
    };
    match (what, lang) {
        (Greeting { persona, clinic }, En) => format!("Hello! I'm {persona}, the assistant of {clinic}. I can book, move or cancel appointments and answer your questions. How can I help?"),
        (Greeting { persona, clinic }, Tr) => format!("Merhaba! Ben {persona}, {clinic} asistanıyım. Randevu alabilir, değiştirebilir, iptal edebilir ve sorularınızı yanıtlayabilirim. Nasıl yardımcı olabilirim?"),
        (Greeting { persona, clinic }, Pt) => format!("Olá! Sou {persona}, assistente da {clinic}. Posso marcar, remarcar ou cancelar consultas e responder às suas perguntas. Como posso ajudar?"),
        (Greeting { persona, clinic }, Es) => format!("¡Hola! Soy {persona}, asistente de {clinic}. Puedo reservar, cambiar o cancelar citas y responder sus preguntas. ¿En qué puedo ayudarle?"),
        (Help, En) => "Sorry, I didn't quite get that. I can book, move or cancel an appointment, tell you about your appointments, or answer questions about the clinic.".into(),
        (Help, Tr) => "Üzgünüm, tam anlayamadım. Randevu alabilir, değiştirebilir veya iptal edebilir, randevularınızı söyleyebilir ya da klinikle ilgili sorularınızı yanıtlayabilirim.".into(),
        (Help, Pt) => "Desculpe, não entendi bem. Posso marcar, remarcar ou cancelar uma consulta, informar suas consultas ou responder perguntas sobre a clínica.".into(),
        (Help, Es) => "Perdone, no le he entendido bien. Puedo reservar, cambiar o cancelar una cita, decirle sus citas o responder preguntas sobre la clínica.".into(),
        (AskService { services }, En) => format!("Which service would you like to book?\n{}", list(services)),
        (AskService { services }, Tr) => format!("Hangi hizmet için randevu almak istersiniz?\n{}", list(services)),
        (AskService { services }, Pt) => format!("Qual serviço você gostaria de marcar?\n{}", list(services)),
        (AskService { services }, Es) => format!("¿Qué servicio desea reservar?\n{}", list(services)),
        (AskWhen { service }, En) => format!("When would you like to come for {service}? For example \"tomorrow afternoon\" or \"Friday at 10\"."),
        (AskWhen { service }, Tr) => format!("{service} için ne zaman gelmek istersiniz? Örneğin \"yarın öğleden sonra\" ya da \"cuma saat 10\"."),
        (AskWhen { service }, Pt) => format!("Quando você gostaria de vir para {service}? Por exemplo \"amanhã à tarde\" ou \"sexta às 10h\"."),
        (AskWhen { service }, Es) => format!("¿Cuándo le gustaría venir para {service}? Por ejemplo \"mañana por la tarde\" o \"el viernes a las 10\"."),
        (Offers { service, options }, En) => format!("These times are free for {service}:\n{}\nWhich one suits you? You can also ask for another day.", list(options)),
        (Offers { service, options }, Tr) => format!("{service} için uygun saatler:\n{}\nHangisi size uyar? Başka bir gün de isteyebilirsiniz.", list(options)),
        (Offers { service, options }, Pt) => format!("Estes horários estão livres para {service}:\n{}\nQual prefere? Você também pode pedir outro dia.", list(options)),
        (Offers { service, options }, Es) => format!("Estos horarios están libres para {service}:\n{}\n¿Cuál le viene bien? También puede pedir otro día.", list(options)),
        (NothingThen { service, options }, En) => format!("Sorry, nothing is free for {service} then. The nearest free times are:\n{}\nWould one of them suit you?", list(options)),
        (NothingThen { service, options }, Tr) => format!("Üzgünüm, o zaman {service} için boş saat yok. En yakın boş saatler:\n{}\nBunlardan biri uyar mı?", list(options)),
        (NothingThen { service, options }, Pt) => format!("Desculpe, não há horário livre para {service} nesse momento. Os horários livres mais próximos são:\n{}\nAlgum deles serve?", list(options)),
        (NothingThen { service, options }, Es) => format!("Lo siento, no hay hueco para {service} en ese momento. Los horarios libres más cercanos son:\n{}\n¿Le sirve alguno?", list(options)),
        (NoAvailability { service }, En) => format!("I'm sorry, I can't find any free time for {service} in the coming weeks. I'll ask the team to contact you."),
        (NoAvailability { service }, Tr) => format!("Üzgünüm, önümüzdeki haftalarda {service} için boş saat bulamadım. Ekibimizden size ulaşmalarını isteyeceğim."),
        (NoAvailability { service }, Pt) => format!("Desculpe, não encontrei horário livre para {service} nas próximas semanas. Vou pedir à equipe que entre em contato."),
        (NoAvailability { service }, Es) => format!("Lo siento, no encuentro huecos para {service} en las próximas semanas. Pediré al equipo que se ponga en contacto con usted."),
        (PickOne, En) => "Please pick one of the options by its number or time, or tell me another day.".into(),
        (PickOne, Tr) => "Lütfen seçeneklerden birini numarası ya da saatiyle seçin veya başka bir gün söyleyin.".into(),
        (PickOne, Pt) => "Por favor, escolha uma das opções pelo número ou horário, ou diga outro dia.".into(),
        (PickOne, Es) => "Por favor, elija una de las opciones por su número u hora, o dígame otro día.".into(),
        (PastDay, En) => "That day has already passed. Which day would you like?".into(),
        (PastDay, Tr) => "O gün geçti. Hangi günü istersiniz?".into(),
        (PastDay, Pt) => "Esse dia já passou. Qual dia você prefere?".into(),
        (PastDay, Es) => "Ese día ya ha pasado. ¿Qué día prefiere?".into(),
        (AskWho { names }, En) => format!("Who is the appointment for?\n{}\nOr tell me the name of someone else.", list(names)),
        (AskWho { names }, Tr) => format!("Randevu kimin için?\n{}\nYa da başka birinin adını yazın.", list(names)),
        (AskWho { names }, Pt) => format!("Para quem é a consulta?\n{}\nOu diga o nome de outra pessoa.", list(names)),
        (AskWho { names }, Es) => format!("¿Para quién es la cita?\n{}\nO dígame el nombre de otra persona.", list(names)),
        (AskName, En) => "May I have the patient's full name for the booking?".into(),
        (AskName, Tr) => "Randevu için hastanın adı ve soyadı nedir?".into(),
        (AskName, Pt) => "Qual é o nome completo do paciente para a marcação?".into(),
        (AskName, Es) => "¿Me dice el nombre completo del paciente para la cita?".into(),
        (FactsInAnotherLanguage { written_in, facts }, En) => format!("Our information on this is written in {}. In short, it says: {}. A member of our team can explain more.", language_name(En, *written_in), facts.join("; ")),
        (FactsInAnotherLanguage { written_in, facts }, Tr) => format!("Bu konudaki bilgilerimiz {} yazılı. Kısaca şunları söylüyor: {}. Ekibimiz ayrıntıları açıklayabilir.", language_name(Tr, *written_in), facts.join("; ")),
        (FactsInAnotherLanguage { written_in, facts }, Pt) => format!("A nossa informação sobre isto está escrita em {}. Em resumo, diz: {}. A nossa equipa pode explicar melhor.", language_name(Pt, *written_in), facts.join("; ")),
        (FactsInAnotherLanguage { written_in, facts }, Es) => format!("Nuestra información sobre esto está escrita en {}. En resumen, dice: {}. Nuestro equipo puede explicarle más.", language_name(Es, *written_in), facts.join("; ")),
        (NotOffered { services }, En) => format!("I'm afraid we don't offer that here. What we do offer:\n{}", list(services)),
        (NotOffered { services }, Tr) => format!("Maalesef bu hizmeti vermiyoruz. Sunduğumuz hizmetler:\n{}", list(services)),
        (NotOffered { services }, Pt) => format!("Infelizmente não fazemos isso aqui. O que oferecemos:\n{}", list(services)),
        (NotOffered { services }, Es) => format!("Lo siento, eso no lo ofrecemos. Lo que sí hacemos:\n{}", list(services)),
        (WhichDay { date, other, at }, En) => format!("Just to be sure: do you mean {date} or {other}?{}", at.as_ref().map(|t| format!(" (at {t})")).unwrap_or_default()),
        (WhichDay { date, other, at }, Tr) => format!("Emin olmak için soruyorum: {date} mı, yoksa {other} mı?{}", at.as_ref().map(|t| format!(" (saat {t})")).unwrap_or_default()),
        (WhichDay { date, other, at }, Pt) => format!("Só para ter certeza: é {date} ou {other}?{}", at.as_ref().map(|t| format!(" (às {t})")).unwrap_or_default()),
        (WhichDay { date, other, at }, Es) => format!("Para estar seguro: ¿se refiere al {date} o al {other}?{}", at.as_ref().map(|t| format!(" (a las {t})")).unwrap_or_default()),
        (AskNameOf { relation }, En) => format!("What is the full name of the person the appointment is for ({relation})?"),
        (AskNameOf { relation }, Tr) => format!("Randevu kimin için ({relation})? Adı ve soyadı nedir?"),
        (AskNameOf { relation }, Pt) => format!("Qual é o nome completo da pessoa para quem é a consulta ({relation})?"),
        (AskNameOf { relation }, Es) => format!("¿Cuál es el nombre completo de la persona para quien es la cita ({relation})?"),
        (ConfirmBooking { details }, En) => format!("Just to confirm: {details}. Shall I book it? (yes/no)"),
        (ConfirmBooking { details }, Tr) => format!("Onaylıyor musunuz: {details}. Randevuyu oluşturayım mı? (evet/hayır)"),
        (ConfirmBooking { details }, Pt) => format!("Só para confirmar: {details}. Posso marcar? (sim/não)"),
        (ConfirmBooking { details }, Es) => format!("Para confirmar: {details}. ¿La reservo? (sí/no)"),
        (Booked { details }, En) => format!("Done! You're booked: {details}. See you then!"),
        (Booked { details }, Tr) => format!("Tamamdır! Randevunuz oluşturuldu: {details}. Görüşmek üzere!"),
        (Booked { details }, Pt) => format!("Pronto! Sua consulta está marcada: {details}. Até lá!"),
        (Booked { details }, Es) => format!("¡Listo! Su cita está reservada: {details}. ¡Hasta entonces!"),
        (NotBooked, En) => "No problem, I haven't booked it. Would you like another time?".into(),
        (NotBooked, Tr) => "Sorun değil, randevu oluşturmadım. Başka bir saat ister misiniz?".into(),
        (NotBooked, Pt) => "Sem problema, não marquei. Quer outro horário?".into(),
        (NotBooked, Es) => "No hay problema, no la he reservado. ¿Quiere otro horario?".into(),
        (SlotGone, En) => "Sorry, that time was just taken by someone else.".into(),
        (SlotGone, Tr) => "Üzgünüm, o saat az önce başkası tarafından alındı.".into(),
        (SlotGone, Pt) => "Desculpe, esse horário acabou de ser ocupado.".into(),
        (SlotGone, Es) => "Lo siento, ese horario acaba de ocuparse.".into(),
        (Upcoming { items }, En) => format!("Your upcoming appointments:\n{}", list(items)),
        (Upcoming { items }, Tr) => format!("Yaklaşan randevularınız:\n{}", list(items)),
        (Upcoming { items }, Pt) => format!("Suas próximas consultas:\n{}", list(items)),
        (Upcoming { items }, Es) => format!("Sus próximas citas:\n{}", list(items)),
        (NoUpcoming, En) => "You have no upcoming appointments. Would you like to book one?".into(),
        (NoUpcoming, Tr) => "Yaklaşan bir randevunuz yok. Randevu almak ister misiniz?".into(),
        (NoUpcoming, Pt) => "Você não tem consultas marcadas. Gostaria de marcar uma?".into(),
        (NoUpcoming, Es) => "No tiene citas próximas. ¿Quiere reservar una?".into(),
        (WhichAppointment { items }, En) => format!("Which appointment?\n{}", list(items)),
        (WhichAppointment { items }, Tr) => format!("Hangi randevu?\n{}", list(items)),
        (WhichAppointment { items }, Pt) => format!("Qual consulta?\n{}", list(items)),
        (WhichAppointment { items }, Es) => format!("¿Qué cita?\n{}", list(items)),
        (ConfirmCancel { details }, En) => format!("Shall I cancel {details}? (yes/no)"),
        (ConfirmCancel { details }, Tr) => format!("{details} randevusunu iptal edeyim mi? (evet/hayır)"),
        (ConfirmCancel { details }, Pt) => format!("Posso cancelar {details}? (sim/não)"),
        (ConfirmCancel { details }, Es) => format!("¿Cancelo {details}? (sí/no)"),
        (Cancelled { details }, En) => format!("Cancelled: {details}. Write to me any time to book again."),
        (Cancelled { details }, Tr) => format!("İptal edildi: {details}. Yeniden randevu için istediğiniz zaman yazabilirsiniz."),
        (Cancelled { details }, Pt) => format!("Cancelada: {details}. Escreva quando quiser marcar de novo."),
        (Cancelled { details }, Es) => format!("Cancelada: {details}. Escríbame cuando quiera volver a reservar."),
        (Kept, En) => "OK, your appointment stays as it is.".into(),
        (Kept, Tr) => "Tamam, randevunuz olduğu gibi kalıyor.".into(),
        (Kept, Pt) => "Certo, sua consulta continua como está.".into(),
        (Kept, Es) => "De acuerdo, su cita se mantiene.".into(),
        (AskNewTime { details }, En) => format!("When would you like to move {details} to?"),
        (AskNewTime { details }, Tr) => format!("{details} randevusunu ne zamana almak istersiniz?"),
        (AskNewTime { details }, Pt) => format!("Para quando você quer remarcar {details}?"),
        (AskNewTime { details }, Es) => format!("¿A cuándo quiere cambiar {details}?"),
        (ConfirmMove { from, to }, En) => format!("Move your appointment from {from} to {to}? (yes/no)"),
        (ConfirmMove { from, to }, Tr) => format!("Randevunuzu {from} yerine {to} olarak değiştireyim mi? (evet/hayır)"),
        (ConfirmMove { from, to }, Pt) => format!("Remarcar sua consulta de {from} para {to}? (sim/não)"),
        (ConfirmMove { from, to }, Es) => format!("¿Cambio su cita de {from} a {to}? (sí/no)"),
        (Moved { details }, En) => format!("Done, your appointment is now: {details}."),
        (Moved { details }, Tr) => format!("Tamamdır, randevunuz artık: {details}."),
        (Moved { details }, Pt) => format!("Pronto, sua consulta agora é: {details}."),
        (Moved { details }, Es) => format!("Listo, su cita ahora es: {details}."),
        (Handoff, En) => "I'm passing you to someone on our team; they will write to you shortly.".into(),
        (Handoff, Tr) => "Sizi ekibimizden birine aktarıyorum; en kısa sürede size yazacaklar.".into(),
        (Handoff, Pt) => "Vou passar você para alguém da nossa equipe; vão responder em breve.".into(),
        (Handoff, Es) => "Le paso con alguien de nuestro equipo; le escribirán pronto.".into(),
        (Emergency { instructions }, lang) => {
            let fallback = match lang {
                En => "Please call the emergency number 112 or go to the nearest emergency department now.",
                Tr => "Lütfen hemen 112'yi arayın ya da en yakın acil servise gidin.",
                Pt => "Ligue agora para o número de emergência (192 ou 112) ou vá ao pronto-socorro mais próximo.",
                Es => "Llame ahora al número de emergencias 112 o acuda a urgencias más cercanas.",
            };
            let instructions = if instructions.trim().is_empty() { fallback } else { instructions.as_str() };
            match lang {
                En => format!("This sounds urgent. {instructions} I have alerted our team as well."),
                Tr => format!("Bu acil görünüyor. {instructions} Ekibimizi de hemen bilgilendirdim."),
                Pt => format!("Isso parece urgente. {instructions} Também avisei nossa equipe."),
                Es => format!("Esto parece urgente. {instructions} También he avisado a nuestro equipo."),
            }
        }
        (CheckWithTeam, En) => "I'm not sure about that, so I'll check with the team and they will get back to you.".into(),
        (CheckWithTeam, Tr) => "Bundan emin değilim; ekibimize soracağım, size dönecekler.".into(),
        (CheckWithTeam, Pt) => "Não tenho certeza sobre isso; vou confirmar com a equipe e eles vão responder.".into(),
        (CheckWithTeam, Es) => "No estoy seguro de eso; lo consultaré con el equipo y le responderán.".into(),
        (Answer { text }, _) => text.clone(),
        (Hours { hours }, En) => format!("Our opening hours:\n{hours}"),
        (Hours { hours }, Tr) => format!("Çalışma saatlerimiz:\n{hours}"),
        (Hours { hours }, Pt) => format!("Nosso horário de funcionamento:\n{hours}"),
        (Hours { hours }, Es) => format!("Nuestro horario:\n{hours}"),
        (Address { address }, En) => format!("You'll find us at {address}."),
        (Address { address }, Tr) => format!("Adresimiz: {address}."),
        (Address { address }, Pt) => format!("Nosso endereço: {address}."),
        (Address { address }, Es) => format!("Nuestra dirección: {address}."),
        (Prices { items }, En) => format!("Our prices:\n{}", items.join("\n")),
        (Prices { items }, Tr) => format!("Ücretlerimiz:\n{}", items.join("\n")),
        (Prices { items }, Pt) => format!("Nossos preços:\n{}", items.join("\n")),
        (Prices { items }, Es) => format!("Nuestros precios:\n{}", items.join("\n")),
        (MedicalAdvice, En) => "I can't give a diagnosis or recommend medicines; one of our practitioners needs to see you for that. I can book you an appointment. Shall I look for a time?".into(),
        (MedicalAdvice, Tr) => "Teşhis koyamam ya da ilaç öneremem; bunun için sizi uzmanlarımızdan birinin görmesi gerekir. Size bir randevu ayarlayabilirim. Uygun bir saat bakayım mı?".into(),
        (MedicalAdvice, Pt) => "Não posso dar diagnóstico nem indicar remédios; para isso um dos nossos profissionais precisa de ver você. Posso marcar uma consulta. Quer que eu procure um horário?".into(),
        (MedicalAdvice, Es) => "No puedo dar un diagnóstico ni recomendar medicamentos; para eso tiene que verle uno de nuestros profesionales. Puedo reservarle una cita. ¿Busco un horario?".into(),
        (Thanks, En) => "You're welcome! Is there anything else I can help with?".into(),
        (Thanks, Tr) => "Rica ederim! Başka yardımcı olabileceğim bir şey var mı?".into(),
        (Thanks, Pt) => "De nada! Posso ajudar em mais alguma coisa?".into(),
        (Thanks, Es) => "¡De nada! ¿Puedo ayudarle en algo más?".into(),
        (NothingToBook, En) => "Appointments can't be booked here by chat yet; I'll ask the team to contact you.".into(),
        (NothingToBook, Tr) => "Buradan henüz sohbetle randevu alınamıyor; ekibimizden size ulaşmalarını isteyeceğim.".into(),
        (NothingToBook, Pt) => "Ainda não é possível marcar por aqui; vou pedir à equipe que entre em contato.".into(),
        (NothingToBook, Es) => "Todavía no se pueden reservar citas por este chat; pediré al equipo que le contacte.".into(),
    }
}

pub(crate) fn weekday_name(lang: Language, day: Weekday) -> &'static str {
    let i = day.num_days_from_monday() as usize;
    match lang {
        Language::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
        Language::Tr => [
            "Pazartesi",
            "Salı",
            "Çarşamba",
            "Perşembe",
            "Cuma",
            "Cumartesi",
            "Pazar",
        ][i],
        Language::Pt => [
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "domingo",
        ][i],
        Language::Es => [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ][i],
    }
}

/// What `lang` calls `language`, as it reads after "written in" (Turkish: "Türkçe" with its
/// case ending, "Türkçe yazılı").
fn language_name(lang: Language, language: Language) -> &'static str {
    let i = match language {
        Language::En => 0,
        Language::Tr => 1,
        Language::Pt => 2,
        Language::Es => 3,
    };
    match lang {
        Language::En => ["English", "Turkish", "Portuguese", "Spanish"][i],
        Language::Tr => ["İngilizce", "Türkçe", "Portekizce", "İspanyolca"][i],
        Language::Pt => ["inglês", "turco", "português", "espanhol"][i],
        Language::Es => ["inglés", "turco", "portugués", "español"][i],
    }
}

fn month_name(lang: Language, month: u32) -> &'static str {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Language::En => [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ][i],
        Language::Tr => [
            "Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
            "Ekim", "Kasım", "Aralık",
        ][i],
        Language::Pt => [
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ][i],
        Language::Es => [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ][i],
    }
}

/// "Monday 23 November", "23 Kasım Pazartesi", "segunda-feira, 23 de novembro",
/// "lunes 23 de noviembre".
pub fn date(lang: Language, d: NaiveDate) -> String {
    let (w, m) = (weekday_name(lang, d.weekday()), month_name(lang, d.month()));
    match lang {
        Language::En => format!("{w} {} {m}", d.day()),
        Language::Tr => format!("{} {m} {w}", d.day()),
        Language::Pt => format!("{w}, {} de {m}", d.day()),
        Language::Es => format!("{w} {} de {m}", d.day()),
    }
}

/// "14:30".
pub fn time(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// A date and time: "Monday 23 November at 10:00", "23 Kasım Pazartesi saat 10:00".
pub fn date_time(lang: Language, at: NaiveDateTime) -> String {
    let (d, t) = (date(lang, at.date()), time(at.time()));
    match lang {
        Language::En => format!("{d} at {t}"),
        Language::Tr => format!("{d} saat {t}"),
        Language::Pt => format!("{d} às {t}"),
        Language::Es => format!("{d} a las {t}"),
    }
}

/// A price in the language's number format; free and unpriced services said in words.
pub fn price(lang: Language, price: Option<&Price>) -> String {
    let Some(p) = price else {
        return match lang {
            Language::En => "price given at the visit",
            Language::Tr => "ücret muayenede belirlenir",
            Language::Pt => "valor informado na consulta",
            Language::Es => "precio según valoración en la visita",
        }
        .into();
    };
    if p.amount_minor == 0 {
        return match lang {
            Language::En => "free of charge",
            Language::Tr => "ücretsiz",
            Language::Pt => "gratuita",
            Language::Es => "gratuita",
        }
        .into();
    }
    let units = p.amount_minor / 100;
    let cents = p.amount_minor % 100;
    let (thousands, decimal) = if lang == Language::En {
        (',', '.')
    } else {
        ('.', ',')
    };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    format!("{grouped}{decimal}{cents:02} {}", p.currency)
}

/// One line per day: "Monday: 09:00–13:00, 14:00–19:00", closed days said so.
pub fn opening_hours(lang: Language, hours: &OpeningHours) -> String {
    let closed = match lang {
        Language::En => "closed",
        Language::Tr => "kapalı",
        Language::Pt => "fechado",
        Language::Es => "cerrado",
    };
    [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ]
    .into_iter()
    .map(|d| {
        let ranges = hours.day(d);
        let text = if ranges.is_empty() {
            closed.to_string()
        } else {
            ranges
                .iter()
                .map(|r| format!("{}–{}", time(r.start), time(r.end)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("{}: {text}", weekday_name(lang, d))
    })
    .collect::<Vec<_>>()
    .join("\n")
}

/// "with Dt. Elif Şahin" in each language.
pub fn with_practitioner(lang: Language, name: &str) -> String {
    match lang {
        Language::En => format!("with {name}"),
        Language::Tr => format!("{name} ile"),
        Language::Pt => format!("com {name}"),
        Language::Es => format!("con {name}"),
    }
}

/// The phone numbers in a text ("112", "+351 21 555 0199"), as written.
pub fn phone_numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut current = String::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let number = current.trim().trim_end_matches(['-', ' ']).to_string();
        if number.chars().filter(char::is_ascii_digit).count() >= 3 {
            out.push(number);
        }
        current.clear();
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joins = matches!(c, ' ' | '-' | '(' | ')')
            && !current.is_empty()
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || *n == '(');
        if c.is_ascii_digit() || (c == '+' && current.is_empty()) || joins {
            current.push(c);
        } else {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// "Call 112 or +351 21 555 0199 now." in the patient's language.
pub fn call_now(lang: Language, numbers: &[String]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    let (or, sentence): (&str, fn(&str) -> String) = match lang {
        Language::En => (" or ", |n| format!("Call {n} now.")),
        Language::Tr => (" ya da ", |n| format!("Hemen {n} numarasını arayın.")),
        Language::Pt => (" ou ", |n| format!("Ligue agora para {n}.")),
        Language::Es => (" o ", |n| format!("Llame ahora al {n}.")),
    };
    sentence(&numbers.join(or))
}

/// "for Ana Costa", as a booking's details say whom it is for.
pub fn for_patient(lang: Language, name: &str) -> String {
    match lang {
        Language::En => format!("for {name}"),
        Language::Tr => format!("{name} için"),
        Language::Pt => format!("para {name}"),
        Language::Es => format!("para {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emergency_numbers_are_read_from_the_clinics_words() {
        assert_eq!(
            phone_numbers("Em caso de urgência ligue 112 ou a nossa linha: +351 21 555 0199."),
            vec!["112".to_string(), "+351 21 555 0199".to_string()]
        );
        assert_eq!(
            call_now(
                Language::En,
                &phone_numbers("call 911 now, nurse line +1 617 555 0199")
            ),
            "Call 911 or +1 617 555 0199 now."
        );
    }

    #[test]
    fn prices_in_each_language() {
        let p = Price {
            amount_minor: 150000,
            currency: "TRY".into(),
        };
        assert_eq!(price(Language::En, Some(&p)), "1,500.00 TRY");
        assert_eq!(price(Language::Tr, Some(&p)), "1.500,00 TRY");
        let small = Price {
            amount_minor: 9950,
            currency: "EUR".into(),
        };
        assert_eq!(price(Language::Es, Some(&small)), "99,50 EUR");
        let free = Price {
            amount_minor: 0,
            currency: "BRL".into(),
        };
        assert_eq!(price(Language::Pt, Some(&free)), "gratuita");
        assert_eq!(price(Language::En, None), "price given at the visit");
    }

    #[test]
    fn dates_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 30, 0)
            .unwrap();
        assert_eq!(date_time(Language::En, d), "Monday 23 November at 10:30");
        assert_eq!(date_time(Language::Tr, d), "23 Kasım Pazartesi saat 10:30");
        assert_eq!(
            date_time(Language::Pt, d),
            "segunda-feira, 23 de novembro às 10:30"
        );
        assert_eq!(
            date_time(Language::Es, d),
            "lunes 23 de noviembre a las 10:30"
        );
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let samples = [
            Say::Help,
            Say::AskName,
            Say::AskNameOf {
                relation: "x".into(),
            },
            Say::WhichDay {
                date: "x".into(),
                other: "y".into(),
                at: Some("12:00".into()),
            },
            Say::FactsInAnotherLanguage {
                written_in: Language::Tr,
                facts: vec!["x".into()],
            },
            Say::NotOffered {
                services: vec!["x".into()],
            },
            Say::Handoff,
            Say::CheckWithTeam,
            Say::MedicalAdvice,
            Say::Emergency {
                instructions: String::new(),
            },
            Say::Offers {
                service: "X".into(),
                options: vec!["a".into(), "b".into()],
            },
        ];
        for s in &samples {
            let texts: Vec<String> = Language::ALL.iter().map(|l| say(*l, s)).collect();
            for (i, t) in texts.iter().enumerate() {
                assert!(!t.is_empty());
                // Each language has its own sentence.
                for other in &texts[i + 1..] {
                    assert_ne!(t, other, "{s:?}");
                }
            }
        }
        assert!(
            say(
                Language::En,
                &Say::Offers {
                    service: "X".into(),
                    options: vec!["a".into(), "b".into()]
                }
            )
            .contains("1. a\n2. b")
        );
    }
}
