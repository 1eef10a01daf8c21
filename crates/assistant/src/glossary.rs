//! The words of a clinic's information that carry a fact, in English, Turkish, Portuguese and
//! Spanish ("nakit", "cartão de crédito", "toalla", "ücretsiz otopark"), each with what the
//! other languages call it. A passage written in one language is told to a patient writing
//! in another by these facts, said in the patient's words, never by pasting its text.

use frontdesk_domain::Language;

use crate::text::words;

/// A fact word: its name in each language, and the folded forms that say it in any of them.
struct Term {
    /// English, Turkish, Portuguese, Spanish.
    names: [&'static str; 4],
    /// Folded word sequences; a form word of four letters or more also matches a longer
    /// word it starts ("taksit" in "taksitle", "medicament" in "medicamentos").
    forms: &'static [&'static str],
}

const fn term(names: [&'static str; 4], forms: &'static [&'static str]) -> Term {
    Term { names, forms }
}

/// Longer forms first where one starts another, so "cartão de crédito" wins over "cartão".
#[rustfmt::skip]
const TERMS: &[Term] = &[
    // Paying.
    term(["cash", "nakit", "dinheiro", "efectivo"], &["cash", "nakit", "pesin", "dinheiro", "numerario", "especie", "efectivo", "en efectivo", "metalico"]),
    term(["credit card", "kredi kartı", "cartão de crédito", "tarjeta de crédito"], &["credit card", "credit cards", "kredi karti", "kredi kartina", "kredi kartiyla", "cartao de credito", "cartoes de credito", "tarjeta de credito", "tarjetas de credito", "credito"]),
    term(["debit card", "banka kartı", "cartão de débito", "tarjeta de débito"], &["debit card", "debit cards", "banka karti", "cartao de debito", "tarjeta de debito", "debito", "debit"]),
    term(["card", "kart", "cartão", "tarjeta"], &["card", "cards", "kart", "karti", "kartla", "cartao", "cartoes", "tarjeta", "tarjetas"]),
    term(["instalments", "taksit", "parcelas", "plazos"], &["instalment", "installment", "taksit", "parcela", "parcelado", "plazos", "cuotas"]),
    term(["bank transfer", "havale", "transferência", "transferencia"], &["bank transfer", "transfer", "havale", "eft", "transferencia"]),
    // Insurance.
    term(["insurance card", "sigorta kartı", "cartão do seguro", "tarjeta del seguro"], &["insurance card", "cartao do seguro", "carteirinha", "tarjeta del seguro", "tarjeta de la mutua", "tarjeta sanitaria", "sigorta karti"]),
    term(["private insurance", "özel sigorta", "seguro de saúde", "seguro privado"], &["private insurance", "ozel sigorta", "seguro de saude", "seguros de saude", "seguro privado", "seguros privados", "convenio", "convenios", "plano de saude", "mutua", "mutuas", "aseguradora", "aseguradoras"]),
    term(["insurance", "sigorta", "seguro", "seguro"], &["insurance", "insurer", "insurers", "sigorta", "seguro", "seguros"]),
    term(["authorisation", "onay", "autorização", "autorización"], &["authorisation", "authorization", "autorizacao", "autorizacion", "provizyon"]),
    term(["agreement", "anlaşma", "acordo", "acuerdo"], &["anlasma", "anlasmali", "anlasmamiz"]),
    // Getting there.
    term(["free parking", "ücretsiz otopark", "estacionamento gratuito", "aparcamiento gratuito"], &["free parking", "ucretsiz otopark", "estacionamento gratuito", "estacionamento gratis", "parking gratuito", "aparcamiento gratuito"]),
    term(["parking", "otopark", "estacionamento", "aparcamiento"], &["parking", "car park", "garage", "otopark", "park yeri", "estacionamento", "estacionar", "parque", "aparcamiento", "aparcar", "parking"]),
    term(["free of charge", "ücretsiz", "gratuito", "gratuito"], &["free of charge", "free", "ucretsiz", "bedava", "gratuito", "gratuita", "gratis"]),
    term(["on foot", "yürüyerek", "a pé", "a pie"], &["on foot", "walk", "yuruyerek", "yurume", "a pe", "a pie", "andando", "caminando"]),
    term(["wheelchair access", "tekerlekli sandalye erişimi", "acesso para cadeira de rodas", "acceso para silla de ruedas"], &["wheelchair", "tekerlekli sandalye", "cadeira de rodas", "silla de ruedas"]),
    term(["lift", "asansör", "elevador", "ascensor"], &["lift", "elevator", "asansor", "elevador", "ascensor"]),
    // Opening days.
    term(["open", "açık", "aberto", "abierto"], &["open", "opens", "acik", "acigiz", "aberta", "aberto", "abertos", "abrimos", "abre", "abren", "abierto", "abiertos", "atendemos"]),
    term(["closed", "kapalı", "fechado", "cerrado"], &["closed", "kapali", "kapaliyiz", "fechado", "fechada", "fechamos", "cerrado", "cerrados", "cerramos"]),
    term(["weekends", "hafta sonu", "fim de semana", "fin de semana"], &["weekend", "weekends", "hafta sonu", "hafta sonlari", "fim de semana", "fins de semana", "fin de semana", "fines de semana"]),
    term(["Monday", "Pazartesi", "segunda-feira", "lunes"], &["monday", "mondays", "pazartesi", "segunda", "segundas", "lunes"]),
    term(["Tuesday", "Salı", "terça-feira", "martes"], &["tuesday", "tuesdays", "sali", "terca", "tercas", "martes"]),
    term(["Wednesday", "Çarşamba", "quarta-feira", "miércoles"], &["wednesday", "wednesdays", "carsamba", "quarta", "quartas", "miercoles"]),
    term(["Thursday", "Perşembe", "quinta-feira", "jueves"], &["thursday", "thursdays", "persembe", "quinta", "quintas", "jueves"]),
    term(["Friday", "Cuma", "sexta-feira", "viernes"], &["friday", "fridays", "cuma", "sexta", "sextas", "viernes"]),
    term(["Saturday", "Cumartesi", "sábado", "sábado"], &["saturday", "saturdays", "cumartesi", "sabado", "sabados"]),
    term(["Sunday", "Pazar", "domingo", "domingo"], &["sunday", "sundays", "pazar", "pazari", "domingo", "domingos"]),
    // Time.
    term(["minutes", "dakika", "minutos", "minutos"], &["minute", "minutes", "mins", "dakika", "dk", "minuto", "minutos"]),
    term(["hours", "saat", "horas", "horas"], &["hours", "hour", "saat", "hora", "horas"]),
    term(["before", "önce", "antes", "antes"], &["before", "early", "earlier", "once", "erken", "antes", "antecedencia", "antelacion"]),
    term(["registration", "kayıt", "registo", "registro"], &["registration", "check in", "kayit", "registo", "registro", "recepcao", "recepcion"]),
    // Children.
    term(["children", "çocuklar", "crianças", "niños"], &["child", "children", "kids", "cocuk", "cocuklar", "cocuklari", "crianca", "criancas", "nino", "ninos", "nina", "ninas", "menores"]),
    term(["a parent", "ebeveyn", "um dos pais", "un padre o madre"], &["parent", "parents", "guardian", "ebeveyn", "veli", "anne veya baba", "pai ou mae", "responsavel", "padre o madre", "tutor"]),
    term(["age", "yaş", "idade", "edad"], &["age", "aged", "years old", "yas", "yasindan", "yasından", "idade", "anos", "edad", "anos de edad"]),
    // What to bring or wear.
    term(["list of your medicines", "kullandığınız ilaçlar", "lista dos medicamentos", "lista de medicamentos"], &["medication", "medications", "medicines", "medicine", "ilac", "ilaclar", "ilaclarinizi", "medicamento", "medicamentos", "remedio", "remedios", "medicacion"]),
    term(["ID", "kimlik", "documento de identificação", "documento de identidad"], &["id", "identity", "passport", "kimlik", "documento", "identificacao", "identidad", "dni", "cc", "rg"]),
    term(["previous tests and X-rays", "önceki tahlil ve röntgenler", "exames anteriores", "pruebas anteriores"], &["x ray", "x rays", "xray", "rontgen", "tahlil sonuc", "exames", "radiografia", "radiografias", "pruebas"]),
    term(["comfortable clothes", "rahat kıyafet", "roupa confortável", "ropa cómoda"], &["comfortable clothes", "comfortable clothing", "rahat kiyafet", "rahat giysi", "roupa confortavel", "roupas confortaveis", "ropa comoda"]),
    term(["clothes", "kıyafet", "roupa", "ropa"], &["clothes", "clothing", "kiyafet", "giysi", "roupa", "roupas", "ropa"]),
    term(["towel", "havlu", "toalha", "toalla"], &["towel", "towels", "havlu", "toalha", "toalla"]),
    term(["non-slip socks", "kaymaz çorap", "meias antiderrapantes", "calcetines antideslizantes"], &["non slip socks", "grip socks", "kaymaz corap", "meias antiderrapantes", "calcetines antideslizantes"]),
    term(["socks", "çorap", "meias", "calcetines"], &["socks", "corap", "meias", "calcetines"]),
    // Preparing for a test.
    term(["fasting", "aç karnına", "jejum", "ayunas"], &["fast", "fasting", "ac karnina", "ac", "oruc", "jejum", "ayunas", "ayuno", "ayunar"]),
    term(["water", "su", "água", "agua"], &["water", "agua"]),
    term(["blood test", "kan tahlili", "exame de sangue", "análisis de sangre"], &["blood test", "kan tahlili", "kan testi", "exame de sangue", "analise de sangue", "analisis de sangre", "analitica"]),
    term(["cholesterol", "kolesterol", "colesterol", "colesterol"], &["cholesterol", "kolesterol", "colesterol"]),
    term(["glucose", "şeker", "glicose", "glucosa"], &["glucose", "glikoz", "seker", "glicose", "glicemia", "glucosa", "glucemia"]),
    // No.
    term(["no", "yok", "não", "no"], &["not", "yok", "yoktur", "degil", "degildir", "nao", "sem", "sin", "ningun", "ninguna", "nenhum", "nenhuma"]),
];

/// A passage's clauses: its sentences, split again at semicolons, so each clause's facts are
/// told together ("SGK, no" stays apart from the insurers that are taken).
pub fn clauses(passage: &str) -> Vec<&str> {
    passage
        .split([';', '\n'])
        .flat_map(|c| c.split(". "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The fact words of one clause named in `lang`, in the clause's order, each with the number
/// written just before it ("6 instalments", "10 minutes") and the index of its first word in
/// the clause's [`words`].
pub fn facts_in(clause: &str, lang: Language) -> Vec<(usize, String)> {
    let at = match lang {
        Language::En => 0,
        Language::Tr => 1,
        Language::Pt => 2,
        Language::Es => 3,
    };
    let ws = words(clause);
    let mut said: Vec<(usize, String)> = vec![];
    let mut i = 0;
    while i < ws.len() {
        let Some((term, len)) = longest_at(&ws, i) else {
            i += 1;
            continue;
        };
        let name = term.names[at];
        let number = i
            .checked_sub(1)
            .map(|p| ws[p].as_str())
            .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()));
        let fact = match number {
            Some(n) => format!("{n} {name}"),
            None => name.to_string(),
        };
        if !said.iter().any(|(_, f)| *f == fact) {
            said.push((i, fact));
        }
        i += len;
    }
    said
}

/// The term with the longest form starting at word `i`, and how many words it covers: more
/// words first, then the longer form ("cumartesi" over the "cuma" it starts with).
fn longest_at(ws: &[String], i: usize) -> Option<(&'static Term, usize)> {
    let mut best: Option<(&'static Term, (usize, usize))> = None;
    for term in TERMS {
        for form in term.forms {
            let count = form.split(' ').count();
            let Some(run) = ws.get(i..i + count) else {
                continue;
            };
            let fits = run.iter().zip(form.split(' ')).all(|(w, p)| {
                w == p || (p.chars().count() >= 4 && w.starts_with(p) && w.len() <= p.len() + 6)
            });
            let size = (count, form.len());
            if fits && best.is_none_or(|(_, was)| size > was) {
                best = Some((term, size));
            }
        }
    }
    best.map(|(term, (words, _))| (term, words))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(passage: &str, lang: Language) -> Vec<String> {
        clauses(passage)
            .into_iter()
            .flat_map(|c| facts_in(c, lang))
            .map(|(_, f)| f)
            .collect()
    }

    fn by_clause(passage: &str, lang: Language) -> Vec<Vec<String>> {
        clauses(passage)
            .into_iter()
            .map(|c| facts_in(c, lang).into_iter().map(|(_, f)| f).collect())
            .collect()
    }

    #[test]
    fn payment_methods_are_named_in_the_patients_language() {
        let tr =
            "Nakit, kredi kartı ve banka kartı kabul ediyoruz; kredi kartına 6 taksit yapılabilir.";
        assert_eq!(
            flat(tr, Language::En),
            [
                "cash",
                "credit card",
                "debit card",
                "credit card",
                "6 instalments"
            ]
        );
        let pt = "Aceitamos Pix, cartão de crédito e débito.";
        assert_eq!(
            flat(pt, Language::Es),
            ["tarjeta de crédito", "tarjeta de débito"]
        );
    }

    #[test]
    fn what_to_bring_and_wear_crosses_languages() {
        let es = "Ropa cómoda y una toalla; para pilates, calcetines antideslizantes.";
        assert_eq!(
            flat(es, Language::Tr),
            ["rahat kıyafet", "havlu", "kaymaz çorap"]
        );
        let pt = "Chegue 10 minutos antes para o registo; na primeira consulta traga a lista dos medicamentos que toma.";
        assert_eq!(
            flat(pt, Language::En),
            [
                "10 minutes",
                "before",
                "registration",
                "list of your medicines"
            ]
        );
    }

    #[test]
    fn days_hours_and_a_no_keep_their_clauses() {
        let tr = "Cumartesi 10:00-14:00 arası açığız, pazar kapalıyız.";
        assert_eq!(
            by_clause(tr, Language::Pt),
            vec![vec!["sábado", "aberto", "domingo", "fechado"]]
        );
        let tr = "Anlaşmalı özel sigortalarla çalışıyoruz; SGK anlaşmamız yoktur.";
        assert_eq!(
            by_clause(tr, Language::Es),
            vec![vec!["acuerdo", "seguro privado"], vec!["acuerdo", "no"]]
        );
        let en = "For a cholesterol or glucose test, fast for 8 to 12 hours; water is fine.";
        assert_eq!(
            flat(en, Language::Pt),
            ["colesterol", "glicose", "jejum", "12 horas", "água"]
        );
    }

    #[test]
    fn a_passage_without_fact_words_has_none() {
        assert!(flat("Dr. Hart sees patients with Dr. Lee.", Language::Es).is_empty());
    }
}
