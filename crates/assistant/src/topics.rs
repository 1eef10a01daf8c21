//! What a question is about, in any of our four languages: parking, insurance, payment, the
//! weekend, children, what to bring, when to arrive, packages, fasting. Clinics' FAQs are
//! mostly about these; a question and an FAQ that share a topic match across wordings and
//! languages where the encoder's similarity alone falls short ("where can I leave my car?"
//! for "Otopark var mı?").

use crate::text::{has_any, has_near, has_near_stem, words};

/// A subject patients ask clinics about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Where to leave the car.
    Parking,
    /// Health insurance and agreements.
    Insurance,
    /// Ways to pay: cards, cash, instalments.
    Payment,
    /// Saturdays, Sundays, the weekend.
    Weekend,
    /// Children as patients.
    Children,
    /// What to bring or wear.
    Bring,
    /// How early to arrive.
    Arrival,
    /// Session packs, bundles, discounts.
    Packages,
    /// Fasting before a test.
    Fasting,
}

/// Whole words or phrases, folded, per topic.
#[rustfmt::skip]
const PHRASES: &[(Topic, &[&str])] = &[
    (Topic::Parking, &["car", "cars", "carro", "coche", "auto", "leave my car", "vaga pra carro", "vaga para carro", "valet"]),
    (Topic::Insurance, &["cover", "covered", "coverage", "cobertura", "plano de saude", "plan de salud", "sgk", "dkv", "mutua", "mutuas", "medicare", "medicaid", "convenio", "convenios", "health plan", "health plans", "blue cross", "harvard pilgrim", "bupa", "axa", "planos", "planes", "plano", "insurance plan", "insurance plans", "dental plan", "dental plans", "copay", "co pay", "aetna", "cigna", "tufts", "unimed", "amil", "bradesco", "sulamerica", "medis", "multicare", "advancecare", "sanitas", "adeslas", "mapfre", "asisa", "allianz"]),
    (Topic::Payment, &["pay", "card", "cards", "cash", "pix", "mb way", "bizum", "pago", "cuotas", "plazos", "quantas vezes", "vezes", "nakit", "pesin", "kart", "visa", "mastercard", "boleto", "havale", "eft", "apple pay", "bank transfer", "transferencia", "meses sin intereses"]),
    (Topic::Weekend, &["weekend", "weekends", "saturday", "saturdays", "sunday", "sundays", "hafta sonu", "haftasonu", "cumartesi", "pazar", "sabado", "sabados", "domingo", "domingos", "fim de semana", "fin de semana", "finde"]),
    (Topic::Children, &["child", "children", "kid", "kids", "baby", "babies", "toddler", "crianca", "criancas", "filhos", "nino", "ninos", "nina", "ninas", "hijos", "bebe", "bebes", "menores"]),
    (Topic::Bring, &["bring", "wear", "clothes", "clothing", "towel", "socks", "what do i need", "ne lazim", "ne getir", "levar", "levo", "trazer", "roupa", "roupas", "vestir", "traer", "traigo", "traiga", "traigan", "traga", "tragam", "llevar", "llevo", "ropa", "toalla", "documents", "documentos", "id card", "kimlik", "yanimda", "yanima", "ne olmali", "what should i have", "o que levo", "que llevo", "que me pongo", "what should i wear"]),
    (Topic::Arrival, &["early", "arrive", "arrival", "get there", "beforehand", "in advance", "erken", "chegar", "antecedencia", "llegar", "antelacion", "antes de la cita", "antes da consulta", "minutes before", "minutos antes", "dakika once", "ne kadar once", "quanto tempo antes", "cuanto antes"]),
    (Topic::Packages, &["package", "packages", "pack", "packs", "bundle", "bundles", "discount", "discounts", "pacote", "pacotes", "desconto", "descontos", "bono", "bonos", "descuento", "descuentos", "paquete", "paquetes", "toplu", "varias sesiones", "varias sessoes", "several sessions", "multiple sessions"]),
    (Topic::Fasting, &["fasting", "fast before", "need to fast", "have to fast", "fast for", "empty stomach", "eat before", "jejum", "ayuno", "ayunas", "ac kal", "ac kalmam", "ac karna", "ac mi", "ac gel", "ac olarak", "ac gitmem", "ac gitmeli", "ac gelmem", "ac gelmeli", "ac olmam", "su icebilir", "yemek yemeden", "comer antes", "comer algo", "eat anything", "breakfast", "cafe da manha", "kahvalti"]),
];

/// Word beginnings per topic, for suffixes ("otoparkınız", "sigortamı", "taksitle",
/// "estacionamento", "aparcar").
#[rustfmt::skip]
const STEMS: &[(Topic, &[&str])] = &[
    (Topic::Parking, &["park", "parque", "otopark", "estacion", "aparc", "garag", "arac", "araba"]),
    (Topic::Insurance, &["insur", "sigort", "seguro", "segurad", "asegur", "reembols", "reimburs"]),
    (Topic::Payment, &["payment", "paying", "credit", "instal", "taksit", "odeme", "kredi", "pagament", "pagar", "cartao", "cartoes", "dinheiro", "parcel", "tarjeta", "efectivo", "fraccion", "financ", "debit", "kartla", "kartin", "kartli"]),
    (Topic::Children, &["cocuk", "bebek", "pediatr", "infant"]),
    (Topic::Bring, &["getir", "giy", "kiyafet", "havlu", "corap"]),
    (Topic::Packages, &["indirim", "paket", "seanslik", "kampanya", "promo"]),
    (Topic::Fasting, &["jejua", "ayunar", "oruc", "desayun"]),
];

/// The topics `text` speaks of.
pub fn of(text: &str) -> Vec<Topic> {
    let ws = words(text);
    let mut found: Vec<Topic> = vec![];
    // Typed in a hurry: one slip of the keys still names the topic ("segruo", "siogrtası").
    for (topic, phrases) in PHRASES {
        if (has_any(&ws, phrases) || has_near(&ws, phrases)) && !found.contains(topic) {
            found.push(*topic);
        }
    }
    for (topic, stems) in STEMS {
        if has_near_stem(&ws, stems) && !found.contains(topic) {
            found.push(*topic);
        }
    }
    found
}

/// Whether `question` and an FAQ (its question and answer) share a topic.
pub fn shared(question: &str, faq: &str) -> bool {
    let asked = of(question);
    !asked.is_empty() && of(faq).iter().any(|t| asked.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_topic_across_wordings_and_languages() {
        for (question, faq) in [
            ("where can i leave my car", "Otopark var mı?"),
            ("is there a car park nearby", "Onde posso estacionar?"),
            (
                "merhaba aracla gelince nereye park ederim",
                "Is there parking?",
            ),
            (
                "DKV sigortam var geçer mi",
                "¿Trabajáis con mutuas? Sanitas, Adeslas, DKV",
            ),
            ("do you take my insurance plan", "Vocês aceitam convênio?"),
            (
                "taksit yapıyor musunuz",
                "Hangi ödeme yöntemlerini kabul ediyorsunuz?",
            ),
            (
                "dá pra parcelar no cartão?",
                "Como pago a consulta particular?",
            ),
            ("can i come on a saturday", "Abrem ao sábado?"),
            ("atienden el finde?", "Are you open on weekends?"),
            ("do you see kids", "Çocuklara bakıyor musunuz?"),
            ("what should i wear?", "¿Qué ropa debo traer?"),
            (
                "how early should i get there?",
                "Quanto tempo antes devo chegar?",
            ),
            ("how much is the 5 session pack", "¿Hay bonos de sesiones?"),
            (
                "tahlil icin kac saat ac kalmam gerek",
                "Do I need to fast before a blood test?",
            ),
            (
                "preciso estar em jejum?",
                "Do I need to fast before a blood test?",
            ),
            (
                "o meu segruo de saúde é aceite?",
                "Aceitam seguros de saúde?",
            ),
            (
                "özel sağlık siogrtası geçiyor mu?",
                "Özel sigorta kabul ediyor musunuz?",
            ),
        ] {
            assert!(shared(question, faq), "{question} / {faq}");
        }
    }

    #[test]
    fn different_topics_do_not_match() {
        for (question, faq) in [
            ("where can i leave my car", "Do you accept insurance?"),
            ("do you see kids", "Is there parking?"),
            ("what time is my appointment", "Abrem ao sábado?"),
            ("diş taşı temizliği ne kadar", "Otopark var mı?"),
        ] {
            assert!(!shared(question, faq), "{question} / {faq}");
        }
    }
}
