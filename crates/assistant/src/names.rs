//! Who the patient says they are and whom an appointment is for, read from their own words:
//! "My name is Ana Costa", "Chamo-me Paulo Reis", "Sou a Inês Rocha", "Me llamo Lucía",
//! "Adım Deniz Kaya"; "for my son Deniz Kaya", "para a minha mãe", "para mi hija Lucía",
//! "oğlum Deniz için". A WhatsApp profile name never counts: only what the patient writes.

use crate::text::fold;

/// A word of the message as written, with its folded key for matching.
#[derive(Debug, Clone)]
struct Token {
    /// As written, without the punctuation around it.
    text: String,
    /// Lower case, accents and apostrophes/hyphens removed ("I'm" → "im", "Chamo-me" → "chamome").
    key: String,
    /// Followed by a sentence or clause break (`.`, `,`, `!`, `?`, `;`, `:`).
    breaks: bool,
    /// The break is a comma ("my daughter, Ana").
    comma: bool,
    /// The break is a colon ("nome: Carla Moreira").
    colon: bool,
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = vec![];
    for raw in text.split_whitespace() {
        let breaks = raw.ends_with(['.', ',', '!', '?', ';', ':', ')']);
        let comma = raw.ends_with(',');
        let colon = raw.ends_with(':');
        let cleaned = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if cleaned.is_empty() {
            if let Some(last) = out.last_mut() {
                let last: &mut Token = last;
                last.breaks = true;
            }
            continue;
        }
        let key: String = fold(cleaned)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        out.push(Token {
            text: cleaned.to_string(),
            key,
            breaks,
            comma,
            colon,
        });
    }
    out
}

/// Words that end a name: function words, requests, yes/no, time words, greetings.
#[rustfmt::skip]
const NOT_NAME: &[&str] = &[
    // English
    "and", "or", "but", "please", "pls", "plz", "thanks", "thank", "thx", "for", "from", "to",
    "can", "could", "would", "want", "wanna", "need", "like", "id", "i", "im", "ive", "my",
    "me", "here", "speaking", "book", "booking", "appointment", "appt", "tomorrow", "today",
    "at", "on", "in", "the", "a", "an", "yes", "yeah", "yep", "no", "ok", "okay", "sure", "hi",
    "hello", "hey", "good", "morning", "afternoon", "evening", "with", "is", "its", "it", "am",
    "and", "also", "again", "looking", "interested", "calling", "writing", "fine", "sorry",
    "not", "just", "so", "well", "oh", "um", "uh", "of", "course", "name", "full", "who",
    "booked", "patient", "new", "son", "daughter", "mother", "father", "wife", "husband",
    "time", "then", "there", "this", "that", "will", "be", "do", "does", "did",
    // Portuguese
    "e", "ou", "mas", "por", "favor", "obrigado", "obrigada", "para", "pra", "pro", "quero",
    "queria", "gostaria", "preciso", "aqui", "falando", "marcar", "agendar", "consulta",
    "amanha", "hoje", "as", "sim", "nao", "ola", "oi", "bom", "boa", "dia", "tarde", "noite",
    "com", "eu", "sou", "meu", "minha", "nome", "chamo", "o", "um", "uma", "tudo", "bem",
    "claro", "pode", "ser", "que", "se", "esta", "estou", "filho", "filha", "mae", "pai",
    // Spanish
    "y", "pero", "gracias", "quiero", "quisiera", "necesito", "habla", "hablando", "reservar",
    "pedir", "cita", "manana", "hoy", "las", "los", "si", "hola", "buenos", "buenas", "dias",
    "con", "yo", "soy", "mi", "nombre", "llamo", "el", "la", "un", "una", "vale", "bueno",
    "hijo", "hija", "madre", "padre", "es", "esta", "estoy", "muy",
    // Turkish
    "ve", "ile", "ama", "lutfen", "lutfn", "ltfn", "yazin", "kaydedin", "kaydet", "olustur", "tesekkurler", "tesekkur", "icin", "istiyorum", "rica",
    "randevu", "yarin", "bugun", "saat", "evet", "hayir", "tamam", "merhaba", "merhabalar",
    "selam", "selamlar", "gunaydin", "aksamlar", "iyi",
    "gunler", "ben", "benim", "adim", "ismim", "bir", "olur", "de", "da", "mi", "mu", "mon",
    "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "may",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "lunes",
    "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "segunda", "terca",
    "quarta", "quinta", "sexta", "pazartesi", "sali", "carsamba", "persembe", "cuma",
    "cumartesi", "pazar", "next", "proxima", "proximo", "este", "ah", "desculpa", "perdon",
    "pardon", "efendim", "hanim", "bey", "beyefendi", "hanimefendi", "senhor", "senhora",
    "senor", "senora", "sr", "sra", "dona", "don", "mr", "mrs", "ms", "miss", "dr", "dra",
    "doctor", "doutor", "doutora", "doctora", "paciente", "cliente", "nueva", "nuevo", "nova",
    "novo", "yeni", "hasta", "mesma", "mesmo", "misma", "mismo", "myself", "seu", "sua",
    "dele", "dela", "adi", "soyadi", "ismi", "soyismi", "soyisim", "ponga", "ponlo", "ponla",
    "ponme", "anote", "apunte", "sey", "yani", "hani", "acaba",
];

/// Particles inside names ("Maria de Souza", "Ana da Silva", "José del Río").
const PARTICLES: &[&str] = &[
    "de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "der", "den", "ter", "ten",
    "du", "la", "los", "las",
];

/// Words the rules read as something else that are also first names ("Mehmet Can Yıldız",
/// "Ana May Lee"): a name inside a run of capitalised words.
const NAMES_TOO: &[&str] = &["can", "will", "may", "june", "april", "grace"];

/// Words that are a whole answer, not a name ("Sim", "Yes", "Tamam").
const NEVER_ALONE: &[&str] = &[
    "sim",
    "yes",
    "no",
    "nao",
    "si",
    "evet",
    "hayir",
    "ok",
    "okay",
    "tamam",
    "vale",
    "claro",
    "sure",
    "thanks",
    "obrigado",
    "obrigada",
    "gracias",
    "hi",
    "hello",
    "hola",
    "ola",
    "oi",
    "merhaba",
    "merhabalar",
    "selamlar",
    "gunaydin",
    "perfect",
    "perfeito",
    "perfecto",
    "great",
    "cool",
    "bye",
    "tchau",
    "adios",
];

/// Common given names in the four languages' countries, folded ("itziar", "cagla", "joao"):
/// a word written small after "soy", "my son" or a closing is a name when it is one of them.
static GIVEN_NAMES: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        include_str!("../data/given_names.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });

/// Whether a folded word is a common given name.
fn given_name(key: &str) -> bool {
    GIVEN_NAMES.contains(key)
}

/// A name written in any case that starts with a common given name and ends its clause or
/// meets an everyday word: "itziar de la fuente.", "valentina ortiz y estoy…", "jack, who",
/// "çağla için".
fn known_name_at(ts: &[Token]) -> Option<String> {
    let first = ts.first()?;
    if !given_name(&first.key) {
        return None;
    }
    let common =
        |t: &Token| COMMON_WORDS.contains(&t.key.as_str()) && !PARTICLES.contains(&t.key.as_str());
    let cut = ts.iter().position(common).unwrap_or(ts.len());
    name_at(&ts[..cut], true)
}

fn capitalised(t: &Token) -> bool {
    t.text.chars().next().is_some_and(char::is_uppercase)
}

fn name_like(t: &Token) -> bool {
    // "Karım" (my wife) is a relation, "Karim" a name.
    !(relation_word(&t.key) && (t.key != "karim" || t.text.to_lowercase().contains('ı')))
        && t.text.chars().count() <= 30
        && t.text.chars().any(char::is_alphabetic)
        && t.text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
}

/// A Turkish suffix after an apostrophe ("Deniz'in", "Ayşe'ye") is not part of the name;
/// an apostrophe followed by a capital is ("O'Brien", "D'Ávila").
fn without_suffix(word: &str) -> (String, bool) {
    for mark in ['\'', '’'] {
        // "o'brien" written small is still O'Brien: a one-letter stem takes no suffix.
        if let Some((stem, rest)) = word.split_once(mark)
            && stem.chars().count() > 1
            && rest.chars().next().is_some_and(char::is_lowercase)
        {
            return (stem.to_string(), true);
        }
    }
    (word.to_string(), false)
}

/// A name starting at `tokens[0]`: up to four name-like words (particles inside), ending at a
/// break, a word that is no name, or a number. `loose` accepts lower-case names (the patient
/// answers "what is your name?").
fn name_at(tokens: &[Token], loose: bool) -> Option<String> {
    let mut parts: Vec<String> = vec![];
    let mut i = 0;
    // Up to four words of the name itself, particles aside: "Maria de los Angeles Ruiz".
    let words_of_name = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !PARTICLES.contains(&fold(p).as_str()))
            .count()
    };
    while i < tokens.len() && words_of_name(&parts) < 5 && parts.len() < 7 {
        let t = &tokens[i];
        // Irish "Ó", "Ní" may begin a surname given alone ("surname Ó Súilleabháin").
        let irish = ["Ó", "Ní", "Nic", "Mac", "Mc", "Ua"].contains(&t.text.as_str());
        // "Gonçalo Sousa e Melo": "e" joins two capitalised surnames.
        let joined = t.key == "e"
            && parts.len() >= 2
            && tokens.get(i + 1).is_some_and(|n| {
                capitalised(n) && name_like(n) && !NOT_NAME.contains(&n.key.as_str())
            })
            && !t.breaks;
        let particle = joined
            || (irish || (PARTICLES.contains(&t.key.as_str()) && !parts.is_empty()))
            // "van der Merwe", "de la Cruz": the name after the particles.
            && tokens[i + 1..]
                .iter()
                .find(|n| !PARTICLES.contains(&n.key.as_str()) || n.breaks)
                .is_some_and(|n| {
                    name_like(n) && (capitalised(n) || loose) && !NOT_NAME.contains(&n.key.as_str())
                });
        // "Mehmet Can Yıldız": a capitalised first name that is also a word, inside a name.
        let name_too = NAMES_TOO.contains(&t.key.as_str())
            && !parts.is_empty()
            && capitalised(t)
            && tokens.get(i + 1).is_some_and(|n| {
                name_like(n) && capitalised(n) && !NOT_NAME.contains(&n.key.as_str())
            });
        // Loose after a cue, but a name begun in capitals goes on in capitals: "se chama
        // Nuno Pereira precisava de…" ends at "precisava".
        let strict = !loose || (!parts.is_empty() && capitalised(&tokens[0]));
        if !particle
            && !name_too
            && (!name_like(t) || NOT_NAME.contains(&t.key.as_str()) || (strict && !capitalised(t)))
        {
            break;
        }
        let (word, suffixed) = without_suffix(&t.text);
        parts.push(word);
        if suffixed || t.breaks {
            break;
        }
        i += 1;
    }
    while parts
        .last()
        .is_some_and(|p| PARTICLES.contains(&fold(p).as_str()))
    {
        parts.pop();
    }
    let name_words = parts.iter().filter(|p| p.chars().count() >= 2).count();
    if name_words == 0 || words_of_name(&parts) > 4 {
        return None;
    }
    if parts.len() == 1 && NEVER_ALONE.contains(&fold(&parts[0]).as_str()) {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| title_case(p))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// "ana" → "Ana", "o'brien" → "O'brien"; names already written with capitals stay as written.
fn title_case(word: &str) -> String {
    if word.chars().any(char::is_uppercase)
        || PARTICLES.contains(&fold(word).as_str())
        || word == "e"
    {
        return word.to_string();
    }
    // "garcía-lorca" → "García-Lorca": each part of a double name.
    word.split('-')
        .map(|part| {
            let mut cs = part.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("-")
}

/// Where `cue` (keys) occurs in `tokens`, the index after it.
fn after_cue(tokens: &[Token], cue: &[&str]) -> Vec<usize> {
    if cue.is_empty() || tokens.len() < cue.len() {
        return vec![];
    }
    (0..=tokens.len() - cue.len())
        .filter(|&i| cue.iter().enumerate().all(|(j, c)| tokens[i + j].key == *c))
        .map(|i| i + cue.len())
        .collect()
}

/// The capitalised name right before `ts[i]` ("Michael O'Brien here", "İrem Şahin ben"):
/// up to four words, none across a sentence break.
fn name_before(ts: &[Token], i: usize) -> Option<String> {
    strict_name_before(ts, i)
        .into_iter()
        .chain(loose_name_before(ts, i))
        .max_by_key(|n| n.split_whitespace().count())
}

/// Two or three words written small right before `ts[i]`, after a break or a greeting
/// ("selamlar, ayşe koç adına", "Selam, sebnem Gunes ben"); everyday words are no name.
fn loose_name_before(ts: &[Token], i: usize) -> Option<String> {
    let usable = |t: &Token| {
        name_like(t)
            && !NOT_NAME.contains(&t.key.as_str())
            && !COMMON_WORDS.contains(&t.key.as_str())
    };
    let start = (0..i)
        .rev()
        .take_while(|&k| usable(&ts[k]) && (k + 1 == i || !ts[k].breaks))
        .last()?;
    let starts_clause =
        start == 0 || ts[start - 1].breaks || NOT_NAME.contains(&ts[start - 1].key.as_str());
    (starts_clause && (2..=3).contains(&(i - start)))
        .then(|| name_at(&ts[start..i], true))
        .flatten()
        .filter(|n| n.split_whitespace().count() == i - start)
}

/// The capitalised name right before `ts[i]`.
fn strict_name_before(ts: &[Token], i: usize) -> Option<String> {
    let start = (0..i)
        .rev()
        .take_while(|&k| {
            capitalised(&ts[k])
                && name_like(&ts[k])
                && (!NOT_NAME.contains(&ts[k].key.as_str())
                    || (NAMES_TOO.contains(&ts[k].key.as_str())
                        && k > 0
                        && capitalised(&ts[k - 1])))
                && (k + 1 == i || !ts[k].breaks)
        })
        .last()?;
    (i - start <= 4)
        .then(|| name_at(&ts[start..i], false))
        .flatten()
}

/// Phrases after which the patient's own name follows, whatever its case.
const OWN_NAME_CUES: &[&[&str]] = &[
    &["my", "name", "is"],
    &["my", "names"],
    &["my", "full", "name", "is"],
    &["name", "is"],
    &["meu", "nome", "e"],
    &["o", "meu", "nome", "e"],
    &["meu", "nome", "completo", "e"],
    &["me", "chamo"],
    &["chamome"],
    &["mi", "nombre", "es"],
    &["mi", "nombre", "completo", "es"],
    &["me", "llamo"],
    &["benim", "adim"],
    &["adim"],
    &["ismim"],
    &["tam", "adim"],
    &["adim", "soyadim"],
    &["under", "the", "name"],
    &["under", "the", "name", "of"],
    &["in", "the", "name", "of"],
    &["em", "nome", "de"],
    &["a", "nome", "de"],
    &["em", "nome", "do"],
    &["em", "nome", "da"],
    &["no", "nome", "de"],
    &["a", "nombre", "de"],
    &["en", "nombre", "de"],
    &["de", "parte", "de"],
];

/// Phrases after which a capitalised name follows ("I'm Ana", "Sou a Inês", "Soy Lucía").
const WEAK_OWN_NAME_CUES: &[&[&str]] = &[
    &["names"],
    &["i", "am"],
    &["im"],
    &["this", "is"],
    &["its"],
    &["it", "is"],
    &["sou"],
    &["sou", "a"],
    &["sou", "o"],
    &["eu", "sou"],
    &["eu", "sou", "a"],
    &["eu", "sou", "o"],
    &["aqui", "e"],
    &["aqui", "e", "a"],
    &["aqui", "e", "o"],
    &["aqui", "fala"],
    &["soy"],
    &["yo", "soy"],
    &["le", "habla"],
    &["te", "habla"],
    &["ben"],
    // "you can book it under Hannah O'Brien", "It's for me, Zoe Kowalski", "é para mim,
    // André Ferreira", "aquí Rocío Méndez", "te escribe Sofía Herrera", "benim için, Gülşen Koç".
    &["under"],
    &["for", "me"],
    &["para", "mim"],
    &["pra", "mim"],
    &["para", "mi"],
    &["aqui"],
    &["te", "escribe"],
    &["le", "escribe"],
    &["les", "escribe"],
    &["os", "escribe"],
    &["habla"],
    &["os", "habla"],
    &["os", "saluda"],
    &["le", "saluda"],
    &["les", "habla"],
    &["soy", "yo"],
    &["sou", "eu"],
    &["its", "me"],
    &["quem", "fala", "e"],
    &["quem", "fala", "e", "o"],
    &["quem", "fala", "e", "a"],
    &["fala", "o"],
    &["fala", "a"],
    &["benim", "icin"],
];

/// Labels a name follows after a colon ("nome: Carla Moreira", "Name: Ana Lima").
const NAME_LABELS: &[&str] = &[
    "name",
    "nome",
    "nombre",
    "isim",
    "ad",
    "adi",
    "adsoyad",
    "adisoyadi",
    "soyad",
    "soyadi",
    "paciente",
    "patient",
    "hasta",
];

/// "name's Harper, Marcus Harper", "it's Liam, Liam O'Brien": a surname or first name alone,
/// then the whole name after the comma; the whole one.
fn whole_after_comma(ts: &[Token], at: usize, name: String) -> String {
    if name.contains(' ') || !ts.get(at).is_some_and(|t| t.comma) {
        return name;
    }
    match name_at(&ts[at + 1..], false) {
        Some(whole)
            if whole.contains(' ') && whole.split_whitespace().any(|w| fold(w) == fold(&name)) =>
        {
            whole
        }
        _ => name,
    }
}

/// The name patients give about themselves: "My name is Ana Costa", "Chamo-me Paulo Reis",
/// "Sou a Inês Rocha", "Me llamo Lucía Pérez", "Adım Deniz Kaya", "I'm Ana".
pub fn own_name(text: &str) -> Option<String> {
    let ts = tokens(text);
    for (cues, loose) in [(OWN_NAME_CUES, true), (WEAK_OWN_NAME_CUES, false)] {
        let mut cues: Vec<&&[&str]> = cues.iter().collect();
        // The longest cue first: "eu sou a" before "sou".
        cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
        for cue in cues {
            for at in after_cue(&ts, cue) {
                // "his name is" speaks of someone else; "no soy Javier" of whom one is not.
                if at > cue.len()
                    && (OTHERS.contains(&ts[at - cue.len() - 1].key.as_str())
                        || ["no", "nao", "not"].contains(&ts[at - cue.len() - 1].key.as_str()))
                {
                    continue;
                }
                // "… a consulta é para mim. Tem vaga…": a weak cue's name is in its sentence.
                if !loose && ts[at - 1].breaks && !ts[at - 1].comma {
                    continue;
                }
                // A weak cue takes a name written small when it is whole and ends its
                // clause: "it's ruby de luca here", "ben mert koc, lazer…".
                let found = name_at(&ts[at..], loose)
                    .or_else(|| (!loose).then(|| small_name_after(&ts, at, cue)).flatten());
                if let Some(name) = found {
                    return Some(with_surname(&ts, whole_after_comma(&ts, at, name)));
                }
            }
        }
    }
    if let Some(name) = relation_then_name(&ts) {
        return Some(name);
    }
    for (i, t) in ts.iter().enumerate() {
        if t.colon
            && NAME_LABELS.contains(&t.key.as_str())
            && let Some(name) = name_at(&ts[i + 1..], true)
        {
            return Some(name);
        }
    }
    // "Michael O'Brien here", "Raquel aqui", "Deniz Yıldız adına yazabilirsiniz", "É o
    // Henrique dos Santos que fala".
    for (i, t) in ts.iter().enumerate() {
        let que_fala = t.key == "que" && ts.get(i + 1).is_some_and(|n| n.key == "fala");
        const HERE: &[&str] = &[
            "here", "aqui", "aca", "adina", "speaking", "falando", "hablando", "diye", "olarak",
        ];
        if !(HERE.contains(&t.key.as_str()) || que_fala) || i == 0 {
            continue;
        }
        if let Some(name) = name_before(&ts, i) {
            return Some(name);
        }
    }
    // Turkish puts the verb last: "İrem Şahin ben", "Deniz Kaya ben, yarın…".
    for (i, t) in ts.iter().enumerate() {
        if t.key != "ben" || i == 0 || !(t.breaks || i + 1 == ts.len()) {
            continue;
        }
        if let Some(name) = name_before(&ts, i) {
            return Some(name);
        }
    }
    if let Some(name) = signed_name(&ts) {
        return Some(name);
    }
    // A name signed at the end, after a dash: "… saat 10:30'da olur mu — Şeyma Arslan".
    let tail = [" — ", " – ", " - "]
        .iter()
        .filter_map(|dash| text.rfind(dash).map(|at| &text[at + dash.len()..]))
        .min_by_key(|tail| tail.len())?;
    bare_name(tail).filter(|_| tokens(tail).len() <= 4)
}

/// A whole name written small after a weak cue, only where what follows it shows it is one:
/// "it's ruby de luca here", "ben mert koc, lazer…" ("it's still swollen", "I'm running out"
/// are no names).
fn small_name_after(ts: &[Token], at: usize, cue: &[&str]) -> Option<String> {
    // "soy itziar de la fuente.", "sou a ana, queria…": a common given name needs no more.
    if let Some(name) = known_name_at(&ts[at..]) {
        return Some(name);
    }
    let name = loose_full_name(&ts[at..])?;
    let end = at + name.split_whitespace().count();
    let speaking = ts.get(end).is_some_and(|n| {
        ["here", "aqui", "speaking", "falando", "hablando"].contains(&n.key.as_str())
            || (n.key == "que" && ts.get(end + 1).is_some_and(|f| f.key == "fala"))
    });
    // "ben mert koc,", "soy maria jose garcia-lorca, escribo desde…": "I am" and a comma.
    let i_am = [
        &["ben"][..],
        &["soy"],
        &["sou"],
        &["yo", "soy"],
        &["eu", "sou"],
    ]
    .contains(&cue)
        && ts[end - 1].comma;
    (speaking || i_am).then_some(name)
}

/// "No soy Javier, soy su mujer, Itziar Etxeberria", "Não é o Sebastião, é a esposa dele,
/// Márcia", "I'm his wife, Jane Doe": the writer is the relation, and the name after it theirs.
fn relation_then_name(ts: &[Token]) -> Option<String> {
    const I_AM: &[&str] = &["soy", "sou", "e", "im", "am", "es"];
    for (i, t) in ts.iter().enumerate() {
        if !relation_word(&t.key) {
            continue;
        }
        // "esposa dele,": the possessive after the relation carries the comma.
        let mut end = i;
        if !ts[end].comma
            && ts
                .get(i + 1)
                .is_some_and(|n| OTHERS.contains(&n.key.as_str()))
        {
            end = i + 1;
        }
        let said_of_self = (i.saturating_sub(3)..i).any(|k| I_AM.contains(&ts[k].key.as_str()))
            && (i.saturating_sub(2)..i).any(|k| {
                OTHERS.contains(&ts[k].key.as_str()) || ["a", "o"].contains(&ts[k].key.as_str())
            })
            || ts
                .get(i + 1)
                .is_some_and(|n| OTHERS.contains(&n.key.as_str()));
        if ts[end].comma
            && said_of_self
            && let Some(name) = name_at(&ts[end + 1..], false)
            && name.contains(' ')
        {
            return Some(name);
        }
    }
    None
}

/// "Adım Yusuf, soyadım Koç", "my first name is Ana and my surname is Lima": the surname
/// given apart joins the name.
fn with_surname(ts: &[Token], name: String) -> String {
    const CUES: &[&[&str]] = &[
        &["soyadim"],
        &["soyismim"],
        &["my", "surname", "is"],
        &["my", "last", "name", "is"],
        &["surname"],
        &["meu", "sobrenome", "e"],
        &["sobrenome"],
        &["mi", "apellido", "es"],
        &["apellido"],
        &["apellidos"],
        &["apelido"],
        &["apelidos"],
        &["sobrenomes"],
    ];
    for cue in CUES {
        for at in after_cue(ts, cue) {
            if let Some(surname) = name_at(&ts[at..], true)
                && !fold(&name).contains(&fold(&surname))
            {
                return format!("{name} {surname}");
            }
        }
    }
    name
}

/// Possessives of someone else: "his name is", "o nome dele", "su nombre".
const OTHERS: &[&str] = &["his", "her", "their", "dele", "dela", "su"];

/// A reply to "what is your name?" (or "what is their name?"): the name, after any "it's",
/// "sim, é", "claro, soy"; `None` for a bare yes, a time, or a sentence that names nobody.
pub fn answer_name(text: &str) -> Option<String> {
    if let Some(name) = own_name(text).or_else(|| other_name(text)) {
        return Some(name);
    }
    const FILLERS: &[&str] = &[
        "yes",
        "yeah",
        "yep",
        "oh",
        "sure",
        "ok",
        "okay",
        "its",
        "it",
        "is",
        "im",
        "i",
        "am",
        "name",
        "my",
        "of",
        "course",
        "hi",
        "hello",
        "hey",
        "sim",
        "e",
        "claro",
        "sou",
        "eu",
        "o",
        "a",
        "ola",
        "oi",
        "si",
        "soy",
        "yo",
        "es",
        "hola",
        "vale",
        "evet",
        "tabii",
        "tabi",
        "merhaba",
        "ben",
        "adim",
        "ismim",
        "well",
        "so",
        "please",
        "the",
        "patient",
        "full",
        "nome",
        "nombre",
        "el",
        "la",
        "por",
        "favor",
        "lutfen",
        "sorry",
        "desculpa",
        "desculpe",
        "perdon",
        "perdona",
        "pardon",
        "oops",
        "ops",
        "ah",
        "ay",
        "ai",
        "adi",
        "soyadi",
        "adisoyadi",
        "ismi",
        "soyismi",
        "isim",
        "soyisim",
        "soyadim",
        "ponga",
        "pon",
        "ponlo",
        "ponla",
        "ponme",
        "anote",
        "anota",
        "apunte",
        "apunta",
        "coloque",
        "coloca",
        "put",
        "under",
        "write",
        "down",
    ];
    let ts = tokens(text);
    // "Henry, surname Ó Súilleabháin", "Luís Miguel, apelido Simões": the first name, then
    // the surname after its word.
    const SURNAME_WORDS: &[&str] = &[
        "surname",
        "apelido",
        "sobrenome",
        "apellido",
        "apellidos",
        "soyadim",
        "soyismim",
    ];
    if let Some(cut) = ts
        .iter()
        .position(|t| SURNAME_WORDS.contains(&t.key.as_str()))
        .filter(|&cut| cut > 0)
        && let Some(start) = ts[..cut]
            .iter()
            .position(|t| !FILLERS.contains(&t.key.as_str()))
        && let Some(first) = name_at(&ts[start..cut], true)
    {
        let whole = with_surname(&ts, first.clone());
        if whole != first {
            return Some(whole);
        }
    }
    // "evet lütfen, oluşturun", "Lovely, yes please confirm" answer another question; only
    // a whole name beside the yes counts ("Evet, Deniz Kaya").
    if crate::intent::yes_or_no(text).is_some() {
        // "sure, noah o'brien": a whole name after the yes and its comma, written small.
        return capitalised_run(&ts).or_else(|| {
            let comma = ts
                .iter()
                .take(3)
                .position(|t| t.comma && FILLERS.contains(&t.key.as_str()))?;
            loose_full_name(&ts[comma + 1..])
                .filter(|name| name.split_whitespace().count() == ts.len() - comma - 1)
        });
    }
    // "ah o nome, desculpa: Raquel Teixeira de Sá": the capitalised words are the name.
    if let Some(name) = capitalised_run(&ts) {
        return Some(name);
    }
    let start = ts.iter().position(|t| !FILLERS.contains(&t.key.as_str()))?;
    // A reply that is a sentence of its own ("I want a cleaning") is not a name.
    let name = name_at(&ts[start..], true)?;
    let used = name.split_whitespace().count();
    let rest: Vec<&Token> = ts[start + used..]
        .iter()
        .filter(|t| !FILLERS.contains(&t.key.as_str()) && !NOT_NAME.contains(&t.key.as_str()))
        .collect();
    (rest.len() <= 1).then_some(name)
}

/// Everyday words that follow a relation or a greeting but are no name ("my son needs…",
/// "minha mãe tem…").
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "needs", "need", "has", "have", "had", "is", "was", "wants", "want", "broke", "her", "his",
    "him", "she", "he", "who", "which", "got", "gets", "would", "will", "should", "tem", "teve",
    "esta", "precisa", "quer", "queria", "ficou", "anda", "sente", "tiene", "tuvo", "necesita",
    "quiere", "le", "lo", "les", "ha", "se", "anda", "esta", "siente", "que", "quien", "var",
    "icin", "lazim", "istiyor", "oldu", "gibi", "cok", "cox", "muito", "mucho", "much", "very",
    "really", "also", "too", "tambem", "tambien", "de", "da", "do", "com", "con", "with",
    "see", "you", "soon", "later", "all", "everyone", "guys", "team", "lot", "advance", "have",
    "nice", "great", "day", "week", "weekend", "ate", "logo", "breve", "pronto", "luego",
    "hasta", "nos", "vemos", "buen", "buena", "gente", "equipe", "equipa", "equipo", "pessoal",
    "chicos", "todos", "todas", "voces", "ustedes", "kolay", "gelsin", "hepinize", "size",
    "ela", "ele", "eles", "elas", "ella", "ellos", "ta", "tava", "estava", "estaba", "na", "nas",
    "nos", "no", "em", "en", "num", "numa", "segundafeira", "tercafeira", "quartafeira",
    "quintafeira", "sextafeira", "janeiro", "fevereiro", "marco", "maio", "junho", "julho",
    "agosto", "setembro", "outubro", "novembro", "dezembro", "enero", "febrero", "marzo",
    "abril", "mayo", "junio", "julio", "septiembre", "octubre", "noviembre", "diciembre",
    "proxima", "proximo", "semana", "mes", "dia", "amanha", "manana", "hoje", "hoy", "urgente",
    "consulta", "cita", "appointment", "turno", "hora", "horario", "pelo", "pela", "por",
];

/// A full name of two to four words written in any case, ending the clause: "lurdes paiva:",
/// "sergio cabrera el 23 de marzo". One word alone is too often an ordinary word.
fn loose_full_name(ts: &[Token]) -> Option<String> {
    let first = ts.first()?;
    if COMMON_WORDS.contains(&first.key.as_str()) || NOT_NAME.contains(&first.key.as_str()) {
        return None;
    }
    let common =
        |t: &Token| COMMON_WORDS.contains(&t.key.as_str()) && !PARTICLES.contains(&t.key.as_str());
    // The name ends where everyday words begin ("… conceicao dos santos sexta-feira").
    let cut = ts.iter().position(common).unwrap_or(ts.len());
    let name = name_at(&ts[..cut], true)?;
    let used = name.split_whitespace().count();
    let ends_clause = ts[used - 1].breaks
        || ts.get(used).is_none_or(|n| {
            common(n)
                || NOT_NAME.contains(&n.key.as_str())
                || n.key.chars().next().is_some_and(|c| c.is_ascii_digit())
        });
    (used >= 2 && ends_clause).then_some(name)
}

/// Closings a name is signed after: "Regards, Samuel Kowalski", "gracias, maría josé cabrera".
const CLOSINGS: &[&str] = &[
    "regards",
    "thanks",
    "thank",
    "cheers",
    "best",
    "sincerely",
    "obrigado",
    "obrigada",
    "abracos",
    "abraco",
    "abs",
    "att",
    "atenciosamente",
    "cumprimentos",
    "gracias",
    "saludos",
    "saludo",
    "abrazo",
    "abrazos",
    "grcs",
    "grax",
    "slds",
    "atte",
    "besos",
    "tesekkurler",
    "tesekkur",
    "sevgiler",
    "saygilar",
    "saygilarimla",
    "selamlar",
    "iyi",
    "gunler",
    "bjs",
    "beijos",
    "obg",
    "grs",
];

/// A name signed at the end of the message after a closing: "…at 4:30pm? Regards, Samuel
/// Kowalski", "… gracias, maría josé cabrera".
fn signed_name(ts: &[Token]) -> Option<String> {
    // "Thank you! Jack Patel", "Many thanks, Ana": the closing's break may follow its
    // second word.
    let closing = ts.iter().enumerate().rposition(|(k, t)| {
        t.breaks
            && (CLOSINGS.contains(&t.key.as_str())
                || (["you", "u", "much", "lot"].contains(&t.key.as_str())
                    && k > 0
                    && CLOSINGS.contains(&ts[k - 1].key.as_str())))
    });
    // "… uygun musunuz saygılarımla Hüseyin Avni Taşkıran": no mark after the closing, but
    // the whole rest a capitalised name.
    let closing = closing.or_else(|| {
        let k = ts
            .iter()
            .rposition(|t| CLOSINGS.contains(&t.key.as_str()))?;
        let rest = &ts[k + 1..];
        name_at(rest, false)
            .or_else(|| known_name_at(rest))
            .filter(|n| (2..=4).contains(&rest.len()) && n.split_whitespace().count() == rest.len())
            .map(|_| k)
    })?;
    let rest = &ts[closing + 1..];
    if rest.is_empty() || rest.len() > 4 {
        return None;
    }
    let name = loose_full_name(rest)
        .or_else(|| name_at(rest, false))
        .or_else(|| known_name_at(rest))?;
    (name.split_whitespace().count() == rest.len()).then_some(name)
}

/// The first run of two to four capitalised name-like words ("… desculpa: Raquel Teixeira de
/// Sá"), never a sentence's first word alone.
fn capitalised_run(ts: &[Token]) -> Option<String> {
    let usable = |t: &Token| {
        capitalised(t)
            && name_like(t)
            && !NOT_NAME.contains(&t.key.as_str())
            && !NEVER_ALONE.contains(&t.key.as_str())
    };
    for i in 0..ts.len() {
        if usable(&ts[i])
            && let Some(name) = name_at(&ts[i..], false)
            && name.split_whitespace().count() >= 2
        {
            return Some(name);
        }
    }
    None
}

/// A message that is nothing but a name ("Chloé Smith", "oh yes, Declan Müller 🙂"): two to
/// four capitalised words and at most a filler or two around them.
pub fn bare_name(text: &str) -> Option<String> {
    let ts = tokens(text);
    let name = capitalised_run(&ts)?;
    let used = name.split_whitespace().count();
    // "Luís Miguel, apelido Simões": the surname after its word.
    let whole = with_surname(&ts, name.clone());
    if whole != name {
        return Some(whole);
    }
    (ts.len() <= used + 2).then_some(name)
}

/// Someone an appointment is for, other than the person writing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Someone {
    /// How the writer calls them, as written ("son", "minha mãe", "oğlum").
    pub relation: String,
    /// Their name, when the message gives it.
    pub name: Option<String>,
}

/// Relations by folded key. Turkish ones carry "my" as a suffix (oğlum = my son).
#[rustfmt::skip]
const RELATIONS: &[&str] = &[
    "son", "daughter", "mother", "mom", "mum", "mommy", "father", "dad", "daddy", "husband",
    "wife", "child", "kid", "baby", "grandmother", "grandma", "grandfather", "grandpa",
    "brother", "sister", "partner", "boyfriend", "girlfriend", "nephew", "niece", "aunt",
    "uncle", "grandson", "granddaughter", "stepson", "stepdaughter", "fiance", "fiancee",
    "filho", "filha", "mae", "pai", "marido", "esposa", "esposo", "mulher", "avo", "irmao",
    "irma", "bebe", "neto", "neta", "sogra", "sogro", "namorado", "namorada", "sobrinho",
    "sobrinha", "tia", "tio", "enteado", "enteada", "crianca", "hijo", "hija", "madre", "mama",
    "padre", "papa", "abuela", "abuelo", "hermano", "hermana", "nieto", "nieta", "suegra",
    "suegro", "novio", "novia", "sobrino", "sobrina", "nino", "nina", "girl", "boy", "menina",
    "menino", "hijito", "hijita", "nene", "nena", "peque", "senora", "grandad", "granddad",
    "granny", "gran", "nan", "nana", "nanna", "grandmom", "grandmum", "stepfather",
    "stepmother", "stepdad", "stepmom", "stepmum", "cousin", "primo", "prima", "abuelito",
    "abuelita", "vovo", "vozinha", "vozinho", "padrasto", "madrasta", "padrastro", "madrastra",
    "cunhado", "cunhada", "cunado", "cunada", "genro", "nora", "yerno", "nuera", "afilhado",
    "afilhada", "ahijado", "ahijada", "mujer", "hubby", "wifey", "motherinlaw", "fatherinlaw",
    "sisterinlaw", "brotherinlaw", "soninlaw", "daughterinlaw", "stepsister", "stepbrother",
    "godson", "goddaughter", "toddler", "mami", "papi", "mamae", "papai", "mainha", "painho",
    "maridao", "vovozinha", "yaya", "yayo", "lad", "lass", "kiddo", "chamaco", "chamaca",
    "chamaquito", "chamaquita", "pibe", "piba",
];

/// Relations that name a spouse: on a phone two people share, "for my husband" is the other.
const SPOUSES: &[&str] = &[
    "husband", "wife", "partner", "marido", "esposa", "esposo", "mulher", "mujer", "esim", "kocam",
    "karim", "hanimim", "beyim",
];

/// Whether a relation as written ("my wife", "minha esposa", "eşime") is a spouse.
pub fn is_spouse(relation: &str) -> bool {
    tokens(relation).iter().any(|t| {
        SPOUSES.contains(&t.key.as_str())
            || ["esim", "kocam", "karim", "hanimim", "beyim"]
                .iter()
                .any(|s| t.key.starts_with(s) && t.key.len() <= s.len() + 4)
    })
}

/// Turkish relation stems with the first-person possessive ("oğlum", "kızımın", "anneme").
#[rustfmt::skip]
const TURKISH_RELATIONS: &[&str] = &[
    "oglum", "kizim", "annem", "babam", "esim", "kocam", "karim", "cocugum", "kardesim",
    "ablam", "abim", "agabeyim", "anneannem", "babaannem", "dedem", "torunum", "yegenim",
    "teyzem", "halam", "amcam", "dayim", "nisanlim", "bebegim", "hanimim", "beyim",
    "kayinvalidem", "kaynanam", "kayinpederim", "gorumcem", "eltim", "baldizim",
    "kayinbiraderim", "yengem", "enistem", "kuzenim", "bacim", "annecigim", "babacigim",
];

/// Relations that are also first names ("Nina", "Tia", "Neta").
const RELATIONS_AND_NAMES: &[&str] = &["nina", "tia", "neta", "bebe", "nora", "nana", "nan"];

/// Whether a folded word says how someone is related ("son", "mãe", "kızım", "oğlumun"):
/// never part of a name, so "Kızım için" books for a daughter, not for a "Kızım".
pub(crate) fn relation_word(key: &str) -> bool {
    (RELATIONS.contains(&key) && !RELATIONS_AND_NAMES.contains(&key))
        || TURKISH_RELATIONS
            .iter()
            .any(|r| key.starts_with(r) && key.len() <= r.len() + 4)
}

/// Words before a relation that make it someone the writer books for ("for my", "para a
/// minha", "para mi"); a relation alone ("my son is ill") counts too.
const POSSESSIVES: &[&str] = &[
    "my", "our", "meu", "minha", "meus", "minhas", "nosso", "nossa", "mi", "mis", "nuestro",
    "nuestra",
];

/// The household member a message books for: "for my son Deniz Kaya", "para a minha mãe",
/// "para mi hija Lucía", "oğlum Deniz için", "my daughter, her name is Ana".
pub fn someone_else(text: &str) -> Option<Someone> {
    let ts = tokens(text);
    for (i, t) in ts.iter().enumerate() {
        let turkish = TURKISH_RELATIONS
            .iter()
            .any(|r| t.key.starts_with(r) && t.key.len() <= r.len() + 4);
        let possessed = i > 0 && POSSESSIVES.contains(&ts[i - 1].key.as_str())
            || (i > 1
                && POSSESSIVES.contains(&ts[i - 2].key.as_str())
                && matches!(
                    ts[i - 1].key.as_str(),
                    "little" | "youngest" | "eldest" | "older" | "younger" | "oldest"
                ));
        // "my little one", "my youngest": the qualifier is the relation.
        let little_one = i > 1
            && POSSESSIVES.contains(&ts[i - 2].key.as_str())
            && ts[i - 1].key == "little"
            && t.key == "one";
        let youngest = i > 0
            && POSSESSIVES.contains(&ts[i - 1].key.as_str())
            && ["youngest", "eldest", "oldest"].contains(&t.key.as_str())
            && !ts
                .get(i + 1)
                .is_some_and(|n| RELATIONS.contains(&n.key.as_str()));
        if !(turkish
            || little_one
            || youngest
            || (possessed && RELATIONS.contains(&t.key.as_str())))
        {
            continue;
        }
        // "from my boyfriend's phone", "desde el móvil de mi novio", "eşimin telefonundan":
        // the phone's owner, not the patient.
        const PHONES: &[&str] = &[
            "phone",
            "mobile",
            "cell",
            "movil",
            "celular",
            "telefone",
            "telemovel",
            "telefono",
            "whatsapp",
            "numero",
            "number",
            "telefon",
        ];
        let near = ts[i.saturating_sub(4)..(i + 3).min(ts.len())]
            .iter()
            .any(|w| PHONES.iter().any(|p| w.key.starts_with(p)));
        if near {
            continue;
        }
        // "My son's appointment" and "my mother-in-law" keep their relation.
        let relation = if turkish {
            t.text.clone()
        } else {
            let first = if POSSESSIVES.contains(&ts[i - 1].key.as_str()) {
                i - 1
            } else {
                i - 2
            };
            ts[first..=i]
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // "my son Deniz", "my daughter, Ana"; never the next sentence.
        // Written small only after a relation that is its own word ("minha avó lurdes
        // paiva"); Turkish ones take the name before them ("Deniz için").
        let next = (!t.breaks || t.comma)
            .then(|| {
                ts.get(i + 1..).and_then(|rest| {
                    name_at(rest, false)
                        .or_else(|| known_name_at(rest))
                        .or_else(|| (!turkish).then(|| loose_full_name(rest)).flatten())
                })
            })
            .flatten();
        // "Oliver Murphy, my son", "for Dorothy Sullivan, my grandmother", "Emine Yıldız
        // için (babaannem)": the name before the relation.
        let first = if turkish {
            i
        } else if POSSESSIVES.contains(&ts[i - 1].key.as_str()) {
            i - 1
        } else {
            i - 2
        };
        let before = (first > 0 && (ts[first - 1].comma || ts[first - 1].key == "icin"))
            .then(|| {
                let end = if ts[first - 1].key == "icin" {
                    first - 1
                } else {
                    first
                };
                name_before(&ts, end)
            })
            .flatten();
        let name = next
            .or(before)
            .or_else(|| other_name(text))
            .or_else(|| named_for(text));
        return Some(Someone {
            relation: relation.trim_end_matches(['.', ',']).to_string(),
            name,
        });
    }
    None
}

/// Whether the patient says the booking is in their own name ("in my name", "a mi nombre",
/// "em meu nome", "benim adıma").
pub fn for_myself(text: &str) -> bool {
    const CUES: &[&[&str]] = &[
        &["in", "my", "name"],
        &["under", "my", "name"],
        &["for", "me"],
        &["for", "myself"],
        &["a", "mi", "nombre"],
        &["em", "meu", "nome"],
        &["no", "meu", "nome"],
        &["adima"],
        &["benim", "icin"],
        &["kendim", "icin"],
        &["kendime"],
    ];
    let ts = tokens(text);
    // "It's not for me", "não é para mim", "benim için değil": someone else; "book it for me"
    // asks us to act, it names nobody.
    let counts = |at: usize, len: usize| {
        let start = at - len;
        let before = |k: usize| start.checked_sub(k).map(|j| ts[j].key.as_str());
        let negated = [before(1), before(2)]
            .iter()
            .any(|w| matches!(w, Some("not" | "no" | "nao" | "isnt")))
            || ts.get(at).is_some_and(|t| t.key == "degil");
        // "book it for me", "that works for me": about the booking, not its patient.
        let acted_on = matches!(
            before(1),
            Some(
                "it" | "that"
                    | "this"
                    | "one"
                    | "them"
                    | "works"
                    | "good"
                    | "fine"
                    | "ok"
                    | "okay"
                    | "great"
                    | "perfect"
                    | "suits"
                    | "easier"
            )
        );
        !negated && !acted_on
    };
    if CUES
        .iter()
        .any(|c| after_cue(&ts, c).into_iter().any(|at| counts(at, c.len())))
    {
        return true;
    }
    // "para mí" / "para mim" only at the end of a clause: "para mi hija" is someone else.
    [&["para", "mi"][..], &["para", "mim"][..]].iter().any(|c| {
        after_cue(&ts, c)
            .iter()
            .any(|&at| (at == ts.len() || ts[at - 1].breaks) && counts(at, c.len()))
    })
}

/// A name the appointment is said to be for, without a relation: "it's for Maite Sánchez",
/// "es para Eli", "para o Davi", "Deniz için".
pub fn named_for(text: &str) -> Option<String> {
    let ts = tokens(text);
    for cue in [
        &["for"][..],
        &["para"],
        &["pra"],
        &["pro"],
        &["para", "o"],
        &["para", "a"],
        &["pro"],
    ] {
        for at in after_cue(&ts, cue) {
            if let Some(first) = ts.get(at)
                && capitalised(first)
                && !NOT_NAME.contains(&first.key.as_str())
                && let Some(name) = name_at(&ts[at..], false)
            {
                return Some(name);
            }
            // "é para maria da conceição paiva": written small, a common given name.
            if let Some(name) = known_name_at(&ts[at..]) {
                return Some(name);
            }
        }
    }
    // Turkish: "Deniz için".
    for (i, t) in ts.iter().enumerate() {
        if t.key == "icin" && i > 0 {
            let start = (0..i)
                .rev()
                .take_while(|&k| {
                    capitalised(&ts[k])
                        && name_like(&ts[k])
                        && !NOT_NAME.contains(&ts[k].key.as_str())
                })
                .last();
            if let Some(start) = start {
                return name_at(&ts[start..i], false);
            }
        }
    }
    None
}

/// A name given for someone else: "his name is Deniz", "ela se chama Maria", "se llama Lucía",
/// "adı Elif".
pub fn other_name(text: &str) -> Option<String> {
    const CUES: &[&[&str]] = &[
        &["his", "name", "is"],
        &["her", "name", "is"],
        &["their", "name", "is"],
        &["his", "names"],
        &["her", "names"],
        &["ele", "se", "chama"],
        &["ela", "se", "chama"],
        &["se", "chama"],
        &["chamase"],
        &["o", "nome", "e"],
        &["el", "nombre", "es"],
        &["the", "name", "is"],
        &["the", "names"],
        &["o", "nome", "dele", "e"],
        &["o", "nome", "dela", "e"],
        &["nome", "dele", "e"],
        &["nome", "dela", "e"],
        &["se", "llama"],
        &["su", "nombre", "es"],
        &["adi"],
        &["ismi"],
    ];
    let ts = tokens(text);
    for cue in CUES {
        for at in after_cue(&ts, cue) {
            if let Some(name) = name_at(&ts[at..], true) {
                return Some(name);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(text: &str) -> Option<String> {
        own_name(text)
    }

    #[test]
    fn own_names_in_four_languages() {
        for (text, name) in [
            (
                "hola, perdona que moleste. soy itziar de la fuente. me gustaría reservar",
                "Itziar de la Fuente",
            ),
            (
                "necesito una primera visita el lunes 15 de marzo a las 16:30. saludos\nrocío garcía-lorca",
                "Rocío García-Lorca",
            ),
            (
                "Hola 👋 Os escribe Ainhoa Cabrera, a ver, te cuento",
                "Ainhoa Cabrera",
            ),
            (
                "¿Tenéis hueco el día 27 de marzo a las 10 y media? Un saludo, Elena Morales",
                "Elena Morales",
            ),
            (
                "hola mira soy valentina ortiz y estoy de intercambio en sao paulo",
                "Valentina Ortiz",
            ),
            (
                "ok so um hi, this is Maria de los Angeles Ruiz speaking, I just moved here",
                "Maria de los Angeles Ruiz",
            ),
            ("ben ayşe, yarın için randevu", "Ayşe"),
            (
                "Oii, queria agendar depilação. A nome de Afonso Silva.",
                "Afonso Silva",
            ),
            (
                "ola, aqui e a conceicao santos. tem vaga na quarta",
                "Conceicao Santos",
            ),
            (
                "Boa tarde, aqui quem fala é o Lúcio Pinto. Dá para marcar",
                "Lúcio Pinto",
            ),
            (
                "Boa tarde, fala a Maria do Carmo Figueiredo. Queria",
                "Maria do Carmo Figueiredo",
            ),
            (
                "yeriniz var mı? şimdiden teşekkürler. ad soyad: Ilgaz Yıldız",
                "Ilgaz Yıldız",
            ),
            (
                "so um, it's tyler nguyen. yeah, i've been meaning to",
                "Tyler Nguyen",
            ),
            (
                "O celular é da minha irmã, mas a consulta é pra mim, Beatriz Souza",
                "Beatriz Souza",
            ),
            (
                "boa noite! sou a leticia rangel, preciso de um eletro",
                "Leticia Rangel",
            ),
            (
                "Hey there, Michael O'Brien here. do you have space",
                "Michael O'Brien",
            ),
            ("My name is Hannah Ó Briain", "Hannah Ó Briain"),
            (
                "I'm Isla van der Merwe. need to see someone for a blood test",
                "Isla van der Merwe",
            ),
            ("name's Theo van der Merwe btw", "Theo van der Merwe"),
            (
                "me llamo María de la Cruz y quería cita",
                "María de la Cruz",
            ),
            ("adim Yusuf soyadim Koc", "Yusuf Koc"),
            (
                "Would at 12 pm on Monday, 3/1 work? Thank you! Jack Patel",
                "Jack Patel",
            ),
            (
                "can i make an appointment thursday apr 15th at 6:15pm please. thank you! aoife st john",
                "Aoife St John",
            ),
            (
                "good morning, it's ruby de luca here, need to see someone",
                "Ruby de Luca",
            ),
            (
                "slm, ben mert koc, lazer epilasyon randevusu alabilir miyim?",
                "Mert Koc",
            ),
            (
                "buenas, que tal? soy maria jose garcia-lorca, escribo desde el movil de mi hija.",
                "Maria Jose Garcia-Lorca",
            ),
            (
                "selamlar, diş temizliği randevusu lazım, 20 şubat günü öğleden sonra 1 olabilir mi, ayşe koç adına",
                "Ayşe Koç",
            ),
            (
                "Selam, sebnem Gunes ben, carsamba, 20 Ocak saat 17.30",
                "Sebnem Gunes",
            ),
            (
                "kontrol olmak istiyorum 9 nisan cuma saat 13:30 uygun musunuz saygılarımla Hüseyin Avni Taşkıran",
                "Hüseyin Avni Taşkıran",
            ),
            (
                "Oii tudo bem? É o Henrique dos Santos que fala. Então é assim",
                "Henrique dos Santos",
            ),
            (
                "Que tal, buenas, no soy Javier, soy su mujer, Itziar Etxeberria, la cita es para mi.",
                "Itziar Etxeberria",
            ),
            (
                "Bom dia, tudo bem? Nao e Sebastiao, e a esposa dele, Marcia Albuquerque, a consulta e para mim.",
                "Marcia Albuquerque",
            ),
            (
                "hi hi, I want to come in for a GP appointment. Would tuesday Feb 2nd at 4:30pm work? Regards, Samuel Kowalski",
                "Samuel Kowalski",
            ),
            (
                "hola 👋 ¿tenéis hueco el día 10 de febrero, a las 15:00 para depilación láser? gracias, maría josé cabrera",
                "María José Cabrera",
            ),
            (
                "quisiera una cita para una analítica el miércoles, 21 de abril, a las 12. atte. íñigo martín",
                "Íñigo Martín",
            ),
            ("Adım Elif, soyadım Demir", "Elif Demir"),
            ("my first name is Ana and my surname is Lima", "Ana Lima"),
            ("adım Özge Yılmaz efendim", "Özge Yılmaz"),
            ("Adım Mehmet Yılmaz", "Mehmet Yılmaz"),
            ("me chamo João Souza", "João Souza"),
            ("My name is Ana Costa", "Ana Costa"),
            ("my name is ana lima", "Ana Lima"),
            (
                "Hi, this is Liam Murphy. do you have space on Friday?",
                "Liam Murphy",
            ),
            ("I'm Chloé O'Brien and I need a cleaning", "Chloé O'Brien"),
            ("Chamo-me Paulo Reis", "Paulo Reis"),
            ("Olá! Sou a Inês Rocha, queria marcar", "Inês Rocha"),
            ("meu nome é joão da silva", "João da Silva"),
            ("Me llamo Lucía Pérez.", "Lucía Pérez"),
            ("Hola, soy Mateo García y quiero una cita", "Mateo García"),
            ("Adım Deniz Kaya, yarın randevu istiyorum", "Deniz Kaya"),
            ("Merhaba ben Ayşe Yılmaz", "Ayşe Yılmaz"),
            (
                "İyi akşamlar, İrem Şahin ben, 19 Mart için randevu",
                "İrem Şahin",
            ),
            ("İsmim Mehmet Öztürk", "Mehmet Öztürk"),
            // A name given inside a request, by the cue people use.
            (
                "I need a vaccine — It's for me, Zoe Kowalski",
                "Zoe Kowalski",
            ),
            (
                "a root canal — you can book it under Hannah O'Brien",
                "Hannah O'Brien",
            ),
            ("put it under the name Grace Harper please", "Grace Harper"),
            ("name's Harper, Marcus Harper", "Marcus Harper"),
            ("oh and it's Liam, Liam O'Brien", "Liam O'Brien"),
            ("its Chloe Van der Berg", "Chloe Van der Berg"),
            (
                "Merhaba ben Mehmet Can Yıldız, kontrol için",
                "Mehmet Can Yıldız",
            ),
            (
                "12:30'da olabilir mi — Deniz Yıldız adına yazabilirsiniz",
                "Deniz Yıldız",
            ),
            (
                "ortodonti muayenesi icin — benim icin, Gulsen Koc",
                "Gulsen Koc",
            ),
            ("EKG randevusu olur mu — Şeyma Arslan", "Şeyma Arslan"),
            (
                "preciso marcar um ecg, quinta as 11:30. nome: Carla Moreira",
                "Carla Moreira",
            ),
            (
                "queria marcar depilação a laser é para mim, André Ferreira, 12/04",
                "André Ferreira",
            ),
            (
                "terça dia 14 pras 8h - pode pôr no nome de Débora Barbosa",
                "Débora Barbosa",
            ),
            ("às 14h40. em nome de Inês Carvalho", "Inês Carvalho"),
            (
                "Hola q tal, aquí Rocío Méndez. ¿me reservas",
                "Rocío Méndez",
            ),
            (
                "holaa, te escribe Sofía Herrera me da hora",
                "Sofía Herrera",
            ),
            ("una cita a nombre de Pablo Ruiz", "Pablo Ruiz"),
            (
                "Hola. les escribe Iván Castillo. necesito una cita",
                "Iván Castillo",
            ),
            (
                "Gokhan Can Ozdemir adina yazabilirsiniz",
                "Gokhan Can Ozdemir",
            ),
            (
                "Buenas tardes. soy yo, Nicolás Domínguez, quería pedir",
                "Nicolás Domínguez",
            ),
        ] {
            assert_eq!(own(text).as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn a_name_begun_in_capitals_ends_at_a_lower_case_word() {
        assert_eq!(
            other_name("pro meu pai que se chama Nuno Pereira precisava de marcar").as_deref(),
            Some("Nuno Pereira")
        );
        assert_eq!(
            other_name("se llama lucía pérez").as_deref(),
            Some("Lucía Pérez")
        );
    }

    #[test]
    fn not_for_me_is_no_booking_for_myself() {
        for text in [
            "it's not for me, it's for my daughter Lily",
            "não é para mim, é para a minha mãe",
            "no es para mí, es para mi hija",
            "benim için değil, oğlum için",
            "great, please reserve it for me",
            "yeah that works for me, book it in",
        ] {
            assert!(!for_myself(text), "{text}");
        }
        for text in ["it's for me", "para mim, por favor", "benim için"] {
            assert!(for_myself(text), "{text}");
        }
    }

    #[test]
    fn sentences_that_name_nobody() {
        for text in [
            "I'm looking for a cleaning tomorrow",
            "tomorrow please",
            "Sim",
            "I am interested in a check-up",
            "Sou eu",
            "Soy yo",
            "This is urgent",
            "his name is Deniz",
            "Merhabalar. EKG için randevu için 11 mayıs saat 9:30'da müsait misiniz?",
            "Selamlar",
            "a consulta é para mim. Tem vaga dia 8 de abril?",
            "la cita es para mi. ¿Podria ser el martes?",
            "é para mim. Consigo agendar laser?",
            "ok thanks, see you soon",
            "perfecto, gracias, hasta luego",
            "obrigado, até logo",
            "tesekkurler, iyi gunler",
            "soy nueva paciente",
            "i am a bit worried",
            "im available tuesday afternoon",
            "it's about my tooth",
            "ben de randevu almak istiyorum",
            "sou eu mesma",
            "this is my wife, she needs a cleaning",
            "thank you! see you then",
            "its still swollen, can i come tomorrow?",
            "I'm running out of my pills",
            "soy alérgica a la penicilina, ¿es un problema?",
            "sou muito grata, obrigada",
            "It's been ages since my last visit",
            "18 Mart 12.40'ta ben taraması randevusu alabilir miyim?",
            "merhaba şimdi şöyle ben geçen ay bir dişimde ağrı hissettim",
        ] {
            assert_eq!(own(text), None, "{text}");
        }
    }

    #[test]
    fn answers_to_what_is_your_name() {
        for (text, name) in [
            ("It's Chloé O'Brien", Some("Chloé O'Brien")),
            ("oh yes, Mateo Thompson", Some("Mateo Thompson")),
            ("Noël Kowalski", Some("Noël Kowalski")),
            ("maria silva", Some("Maria Silva")),
            ("Sim, é Paulo Reis", Some("Paulo Reis")),
            ("claro, soy Lucía", Some("Lucía")),
            ("Evet, Deniz Kaya", Some("Deniz Kaya")),
            ("sure, noah o'brien", Some("Noah O'brien")),
            ("oh sorry! hannah brennan", Some("Hannah Brennan")),
            ("yes, book it", None),
            ("sí, confírmala", None),
            (
                "ah o nome, desculpa: Raquel Teixeira de Sá",
                Some("Raquel Teixeira de Sá"),
            ),
            ("Sim", None),
            ("Lovely, yes please confirm", None),
            ("tá ótimo, confirma", None),
            ("that works, go for it", None),
            ("evet lütfen, oluşturun", None),
            ("yes", None),
            ("10:30", None),
            ("I want a cleaning on Friday", None),
            (
                "Henry, surname Ó Súilleabháin",
                Some("Henry Ó Súilleabháin"),
            ),
            ("Luís Miguel, apelido Simões", Some("Luís Miguel Simões")),
            ("Tomás, apelido Magalhães", Some("Tomás Magalhães")),
            ("Ece Su Yucel", Some("Ece Su Yucel")),
            ("adi soyadi Hüseyin Özdemir", Some("Hüseyin Özdemir")),
            ("Tyler Hughes please", Some("Tyler Hughes")),
            ("Nombre Diego, apellidos Ibáñez", Some("Diego Ibáñez")),
            (
                "ponga agustín moreno márquez",
                Some("Agustín Moreno Márquez"),
            ),
            (
                "A nome de Gonçalo Sousa e Melo 🙂",
                Some("Gonçalo Sousa e Melo"),
            ),
            (
                "O nome completo é Catarina Sousa e Melo",
                Some("Catarina Sousa e Melo"),
            ),
        ] {
            assert_eq!(answer_name(text).as_deref(), name, "{text}");
        }
    }

    #[test]
    fn spouses_are_told_from_other_relations() {
        for r in [
            "my wife",
            "minha esposa",
            "mi marido",
            "eşime",
            "kocam",
            "my partner",
        ] {
            assert!(is_spouse(r), "{r}");
        }
        for r in ["my grandad", "minha mãe", "mi hijo", "oğlum", "my son"] {
            assert!(!is_spouse(r), "{r}");
        }
    }

    #[test]
    fn someone_else_in_four_languages() {
        for (text, relation, name) in [
            (
                "acne treatment for my daughter Renée Wed 7 Apr at 11.40",
                "my daughter",
                Some("Renée"),
            ),
            (
                "reservar masaje para mi padre este sábado",
                "mi padre",
                None,
            ),
            (
                "for my little girl Mary-Jane Brontë for the 12th",
                "my little girl",
                Some("Mary-Jane Brontë"),
            ),
            ("hanımım için yarın randevu", "hanımım", None),
            (
                "for my wife Niamh Brontë March 15th at 13:00",
                "my wife",
                Some("Niamh Brontë"),
            ),
            (
                "I'd like to book a check-up for my son Deniz Kaya",
                "my son",
                Some("Deniz Kaya"),
            ),
            ("Queria marcar para a minha mãe", "minha mãe", None),
            (
                "Una cita para mi hija Lucía, por favor",
                "mi hija",
                Some("Lucía"),
            ),
            (
                "Oğlum Deniz için randevu almak istiyorum",
                "Oğlum",
                Some("Deniz"),
            ),
            ("kızım için temizlik randevusu", "kızım", None),
            (
                "ortodonti muayenesi randevusu için Perşembe saat 15:00'te müsait misiniz? Kızım için.",
                "Kızım",
                None,
            ),
            (
                "marcacao para a minha avo lurdes paiva: um rastreio aos sinais",
                "minha avo",
                Some("Lurdes Paiva"),
            ),
            (
                "reservar un chequeo anual para mi marido sergio cabrera el 23 de marzo",
                "mi marido",
                Some("Sergio Cabrera"),
            ),
            ("my son needs a cleaning on friday", "my son", None),
            (
                "a first visit for my mother-in-law Abigail Sullivan at 4 pm tomorrow",
                "my mother-in-law",
                Some("Abigail Sullivan"),
            ),
            (
                "root canal treatment for my hubby booked tomorrow at 12:30 pm",
                "my hubby",
                None,
            ),
            (
                "sorry, i meant to book it for my little one",
                "my little one",
                None,
            ),
            ("kayınbiraderim için randevu", "kayınbiraderim", None),
            (
                "i'm writing on behalf of my son jack, who needs a skin doctor appointment",
                "my son",
                Some("Jack"),
            ),
            (
                "kızım çağla için ilk değerlendirme lazım, 19 mart 15:30 olur mu?",
                "kızım",
                Some("Çağla"),
            ),
            (
                "babam yusuf polat için randevu alabilir miyim? muayene, cuma",
                "babam",
                Some("Yusuf Polat"),
            ),
            (
                "consegue marcar uma vacina para a minha sogra márcia quinta-feira 8 de abril?",
                "minha sogra",
                Some("Márcia"),
            ),
            (
                "I'm writing on behalf of my grandad Callum O'Brien, who needs an acne treatment",
                "my grandad",
                Some("Callum O'Brien"),
            ),
            ("it would be for my grandad, a physical", "my grandad", None),
            (
                "kızıma kan tahlili yaptırmak istiyorum cuma 8:30'da",
                "kızıma",
                None,
            ),
            (
                "pra minha filha ela ta com uma tossezinha chata",
                "minha filha",
                None,
            ),
            (
                "queria agendar consulta geral para meu pai na segunda-feira às 8h",
                "meu pai",
                None,
            ),
            (
                "um rastreio para a minha mulher conceicao dos santos sexta-feira, dia 9 de abril",
                "minha mulher",
                Some("Conceicao dos Santos"),
            ),
            ("my daughter broke her tooth", "my daughter", None),
            (
                "e para o meu marido, o nome e Lucas Reis",
                "meu marido",
                Some("Lucas Reis"),
            ),
            (
                "para mi madre, el nombre es Carmen Ruiz",
                "mi madre",
                Some("Carmen Ruiz"),
            ),
            (
                "for my husband, the name's Tom Baker",
                "my husband",
                Some("Tom Baker"),
            ),
            (
                "It's for my daughter, her name is Ana Lima",
                "my daughter",
                Some("Ana Lima"),
            ),
            (
                "é para o meu filho, ele se chama Pedro",
                "meu filho",
                Some("Pedro"),
            ),
            // The name before the relation.
            (
                "could you fit Oliver Murphy, my son in for a physical",
                "my son",
                Some("Oliver Murphy"),
            ),
            (
                "march 26th 11:20 for Dorothy Sullivan, my grandmother please",
                "my grandmother",
                Some("Dorothy Sullivan"),
            ),
            (
                "Merhaba, Emine Yıldız için (babaannem) 12/2 12:45'te",
                "babaannem",
                Some("Emine Yıldız"),
            ),
            (
                "it's not for me, it's for my daughter Lily O'Brien — a check-up",
                "my daughter",
                Some("Lily O'Brien"),
            ),
        ] {
            let s = someone_else(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(s.relation, relation, "{text}");
            assert_eq!(s.name.as_deref(), name, "{text}");
        }
        assert_eq!(
            named_for("Es para Maite Sánchez").as_deref(),
            Some("Maite Sánchez")
        );
        assert_eq!(
            named_for("a check-up for Eli Bloom on Saturday").as_deref(),
            Some("Eli Bloom")
        );
        assert_eq!(named_for("a check-up for Saturday"), None);
        for text in [
            "I want a cleaning",
            "Quero marcar uma consulta",
            "Soy Lucía",
            "le escribo desde el móvil de mi novio. Soy Irene",
        ] {
            assert_eq!(someone_else(text), None, "{text}");
        }
    }
}
