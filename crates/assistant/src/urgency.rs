//! Emergencies described the way people describe them, in English, Turkish, Portuguese and
//! Spanish: "my lips are turning blue", "não consigo parar o sangramento", "yüzüm şişti ateşim
//! var", "me he caído y no puedo mover la pierna". Each sign is a set of word groups that must
//! all occur in the message; a group matches a word starting with one of its stems (or, for
//! a stem with a space, the phrase). A missed emergency can hurt someone, a false alarm only
//! brings a person into the chat, so the signs lean to firing.

use crate::text::{has_phrase, words};

/// One warning sign: every group must match.
type Sign = &'static [&'static [&'static str]];

// One sign per line: a table reads better than what rustfmt would make of it.
#[rustfmt::skip]
const SIGNS: &[Sign] = &[
    // Breathing.
    &[&["breath", "breathing"], &["cant", "cannot", "hard", "trouble", "difficult", "struggl", "short", "catch", "not", "stopped"]],
    &[&["choking", "choke"]],
    &[&["respirar", "respiro", "respiracao", "respiracion"], &["nao", "no", "dificil", "dificuldade", "dificultad", "custa", "cuesta", "falta", "mal"]],
    &[&["falta de ar", "falta de aire", "me ahogo", "ahogando", "sufocando", "sufoco", "me asfixio"]],
    &[&["nefes"], &["alamiyor", "alamiyorum", "alamiyo", "darl", "daral", "zor", "kesil", "yetmiyor", "zorlan"]],
    &[&["throat", "garganta", "bogaz"], &["closing", "tight", "apertad", "fechand", "cerrad", "cerrando", "kapan", "sikis"]],
    &[&["bogul", "bogaz", "bogazim"], &["sisi", "sisti", "siyor", "kapan", "dara"]],
    // Blue lips or face.
    &[&["lip", "lips", "labios", "labio", "dudak", "dudaklar", "face", "rosto", "cara", "yuz"], &["blue", "purple", "grey", "gray", "roxo", "roxos", "roxa", "azul", "azuis", "azules", "morado", "morados", "morad", "mor", "morar"]],
    // Chest and heart.
    &[&["chest", "peito", "pecho", "gogus", "gogs", "gogsum"], &["pain", "hurt", "pressure", "tight", "crush", "dor", "doi", "aperto", "dolor", "duele", "presion", "opresion", "agri", "agriyor", "sikis", "baski", "sancı", "sanci"]],
    &[&["heart attack", "ataque cardiaco", "ataque al corazon", "infarto", "enfarte", "kalp krizi"]],
    // Consciousness, fits, strokes.
    &[&["fainted", "faint", "passed out", "collapsed", "unconscious", "unresponsive", "desmai", "desmay", "inconsciente", "perdeu os sentidos", "perdio el conocimiento", "bayil", "bilinc", "bilinci"]],
    &[&["not", "isnt", "wont", "nao", "no"], &["responding", "waking", "wake up", "responde", "reage", "reacciona", "despierta", "acorda"]],
    &[&["tepki"], &["vermiyor", "yok"]],
    &[&["seizure", "convuls", "fitting", "nobet", "kriz geciri", "ataque epilep"]],
    &[&["stroke", "avc", "ictus", "inme", "felc"]],
    &[&["slurred", "slurring", "enrolad", "arrastrando", "arrastra", "trabad", "peltek"]],
    &[&["words", "speech", "fala", "falando", "habla", "hablando", "konusma", "konusmasi"], &["wrong", "jumbled", "garbled", "strange", "weird", "estranh", "raro", "rara", "extrano", "bozul", "anlasilmiyor", "tuhaf", "garip"]],
    &[&["face", "mouth", "smile", "boca", "rosto", "cara", "agz", "agiz", "yuz"], &["droop", "crooked", "twisted", "fallen", "torta", "torto", "torcid", "torci", "entort", "torceu", "caida", "kaydi", "kay", "carpik", "carpil"]],
    // Speech lost all at once ("I can't speak Turkish" or a child who cannot say his Rs is
    // no stroke: only "suddenly").
    &[&["suddenly", "all of a sudden", "de repente", "derrepente", "birden", "aniden"], &["nao consegue falar", "nao consigo falar", "no puede hablar", "no puedo hablar", "cant speak", "cant talk", "cannot speak", "unable to speak", "konusamiyor", "konusamiyorum"]],
    &[&["palabras", "palavras", "kelime", "words"], &["no le salen", "no salen", "no me salen", "salen mal", "nao saem", "nao sai", "sai errad", "cant get", "trabad", "enrol", "karisik", "cikmiyor", "wrong"]],
    &[&["cant", "cannot", "unable", "nao consigo", "no puedo", "no consigo"], &["move", "mexer", "mover", "feel"], &["arm", "leg", "side", "hand", "finger", "face", "braco", "perna", "lado", "mao", "dedos", "pulso", "brazo", "pierna", "mano", "dedo"]],
    &[&["oynatam", "kipirdatam", "hissetmiyor", "uyusuyor", "uyustu"]],
    &[&["numb", "dormente", "dormido", "adormecid"], &["arm", "face", "side", "braco", "rosto", "lado", "brazo", "cara"]],
    // Half the body gone numb or weak: "se me durmió medio cuerpo", "vücudumun yarısı uyuştu".
    &[&["numb", "dormid", "durmi", "dormi", "adormec", "dormente", "uyus", "uyuş", "weak", "fraco", "fraca", "debil", "gucsuz", "felc", "paraly", "paralis", "paraliz"], &["half", "medio", "metade", "mitad", "one side", "um lado", "un lado", "yarisi", "tarafim", "tarafi", "body", "corpo", "cuerpo", "vucud"]],
    // Not themselves: "está como ido", "out of it", "sayıklıyor", with a fever or alone.
    &[&["fever", "febre", "fiebre", "ates"], &["ido", "ida", "ausente", "out of it", "not himself", "not herself", "delir", "halluc", "alucin", "sayikl", "aereo", "apagad", "grogue", "no responde", "nao responde", "very sleepy", "muy dormido", "muito sonolent"]],
    &[&["uyanmiyor", "uyandiramiyor", "uyandiramiyorum", "ayilmiyor", "won't wake", "wont wake", "cant wake", "no despierta", "no se despierta", "nao acorda", "nao consigo acordar"]],
    // Swallowed something dangerous: pills by a child, bleach.
    &[&["swallowed", "drank", "engoliu", "comeu", "bebeu", "trago", "comio", "bebio", "yuttu", "icti", "yemis", "icmis", "yutmus"], &["pill", "pills", "tablet", "meds", "medicine", "comprimido", "remedio", "pilula", "pastilla", "medicamento", "ilac", "hap", "bleach", "lejia", "lavandina", "agua sanitaria", "candida", "camasir suyu", "cloro", "battery", "pila", "bateria", "pil", "poison", "veneno", "zehir"]],
    &[&["bunch", "handful", "punhado", "punado", "avuc", "bottle", "frasco", "kutu"], &["pill", "pills", "tablet", "comprimido", "pastilla", "ilac", "hap"]],
    // Choking and drowning words that need nothing else.
    &[&["atragant", "engasg", "boguluyor", "bogulu"]],
    // Sudden loss of sight.
    &[&["cant see", "can't see", "lost my vision", "nao consigo ver", "nao vejo nada", "no puedo ver", "no veo nada", "goremiyorum", "gormuyor", "perdi a visao", "perdi la vision"]],
    // Pregnant and bleeding or in pain.
    &[&["pregnant", "gravida", "embarazada", "hamile"], &["bleed", "sangr", "kanama", "kan", "pain", "dor", "dolor", "agri", "contraction", "contracci", "contrac", "water broke", "bolsa", "suyum"]],
    // Wanting to die.
    &[&["want to die", "dont want to live", "quero morrer", "nao quero viver", "quiero morir", "no quiero vivir", "olmek istiyorum", "yasamak istemiyorum"]],
    // Cold sweat (shock, heart).
    &[&["cold sweat", "suor frio", "suando frio", "sudor frio", "soguk ter"]],
    // Poisoning, overdose.
    &[&["overdose", "sobredosis", "poison", "envenen", "intoxic", "zehirlen"]],
    &[&["pill", "tablet", "meds", "medication", "medicine", "comprimido", "remedio", "pilula", "pastilla", "medicamento", "ilac", "hap"], &["too many", "too much", "a mais", "demais", "de mais", "de mas", "demasiad", "muchas", "fazla", "cok", "excesso", "whole", "entire", "bottle"]],
    // Bleeding.
    &[&["bleeding", "bleed", "bled", "sangr", "sangue", "sangre", "kanama", "kaniyor", "kanamasi"], &["stop", "nao para", "consigo parar", "puedo parar", "no para", "no deja", "para de", "lot", "heavy", "heavily", "much", "everywhere", "pouring", "wont", "muito", "imenso", "mucho", "muchisim", "durmuyor", "durmadi", "cok", "siddetli", "fazla"]],
    &[&["kan"], &["durmuyor", "durmadi", "cok", "fiskir", "bosal"]],
    &[&["hemorragia", "hemorrhage"]],
    &[&["vomit", "throwing up", "coughing up", "tossindo", "tosiendo", "kus"], &["blood", "sangue", "sangre", "kan"]],
    // Swelling, allergy.
    &[&["swell", "swollen", "inchac", "inchad", "inchou", "hinchaz", "hinchad", "hincho", "inchar", "inchand", "hinchar", "hinchando", "sisti", "sism", "sisl", "sisi", "sise"], &["throat", "neck", "tongue", "eye", "breath", "swallow", "face", "garganta", "pescoco", "lingua", "olho", "respir", "engolir", "rosto", "cara", "cuello", "lengua", "ojo", "tragar", "boyn", "bogaz", "dil", "dilim", "goz", "gozum", "yuz", "yuzum", "yuzu", "yuzumde", "nefes", "yutkun"]],
    &[&["swallow", "engolir", "tragar", "yutkun", "yutam"], &["cant", "cannot", "hard", "trouble", "difficult", "nao", "no", "dificuldade", "dificultad", "cuesta", "am", "amiyorum"]],
    &[&["anaphyla", "anafila", "epipen", "allergic reaction", "reacao alergica", "reaccion alergica", "alerjik"]],
    // Infection warning signs.
    &[&["stiff", "rigid", "rigidez", "duro", "dura", "sert", "tutul"], &["neck", "nuca", "pescoco", "cuello", "ense", "boyun", "boynu"]],
    &[&["rash", "spots", "manchas", "erupcion", "dokuntu", "lekeler", "leke"], &["fade", "glass", "press", "desaparec", "copo", "vaso", "solm", "bardak", "gecmiyor"]],
    &[&["fever", "temperature", "febre", "fiebre", "ates"], &["stiff", "rash", "convuls", "seizure", "confus", "drowsy", "lethargic", "floppy", "40", "41", "rigid", "manchas", "sonolent", "confus", "dokuntu", "ense", "nobet", "bilinc", "titri", "shiver", "shaking", "tremend", "tremo", "escalofr", "calafr", "chills"]],
    &[&["streak", "rayas", "riscas", "cizgi"], &["chills", "escalofr", "calafr", "titri", "fever", "fiebre", "febre", "ates"]],
    &[&["red", "vermelh", "rojez", "rojo", "roja", "enrojec", "kirmizi", "kizarik", "kizardi"], &["streak", "line", "spread", "risca", "linha", "espalh", "linea", "raya", "rayas", "extiend", "extend", "suben", "sobe", "cizgi", "yayil"]],
    // Injuries.
    &[&["broke", "broken", "fracture", "dislocat", "partid", "quebrad", "fratur", "roto", "rota", "fractur", "kirildi", "kirik", "cikti", "partiu", "parti", "quebrou", "rompi"], &["bone", "arm", "leg", "wrist", "ankle", "hip", "jaw", "osso", "braco", "perna", "pulso", "tornozelo", "hueso", "brazo", "pierna", "muneca", "tobillo", "kemik", "kol", "bacak", "bilek", "kalca", "cene"]],
    &[&["torto", "torta", "torcid", "deform", "ters"], &["pulso", "perna", "braco", "muneca", "pierna", "brazo", "bacak", "kol", "bilek", "wrist", "leg", "arm"]],
    &[&["fell", "fall", "fallen", "cai", "caiu", "caido", "caida", "dustum", "dustu", "dus"], &["cant", "cannot", "unable", "nao consigo", "nao consegue", "nao pode", "no puedo", "no puede", "amiyorum", "amiyor", "kalkamiyor"]],
    &[&["knocked"], &["out"]],
    &[&["worst headache", "pior dor de cabeca", "peor dolor de cabeza", "en kotu bas agrisi", "hayatimin en kotu"]],
    &[&["cant", "cannot", "nao consigo", "no puedo", "no me puedo", "basamiyorum", "basamiyor"], &["stand", "walk", "bear weight", "put weight", "apoiar", "andar", "caminar", "apoyar", "levantar", "kalkam", "yuruyem"]],
    &[&["disoriented", "desorientad", "confused", "confus", "bilinci bulanik"], &["head", "fall", "fell", "cabeca", "cabeza", "caiu", "caido", "kafa", "dustu"]],
    &[&["blister", "peeling", "soyul", "su topl", "bolhas", "ampollas", "descam"], &["skin", "mouth", "deri", "derim", "agz", "agzim", "pele", "boca", "piel"]],
    &[&["hives", "kurdesen", "urticaria"], &["breath", "respir", "nefes", "throat", "garganta", "bogaz", "swell", "inch", "hinch", "sis"]],
    &[&["knocked out", "arrancad", "saltou", "se me cayo", "se salio", "fırladı", "firladi", "yerinden cikti"]],
    &[&["tooth", "teeth", "dente", "diente", "dis", "disim"], &["broke", "broken", "partid", "quebrad", "roto", "kirildi", "kirik", "loose", "sallan", "mole", "mueve", "partiu", "quebrou", "rompi", "saiu", "salido"], &["blood", "bleed", "sangr", "sangue", "sangre", "kan"]],
    &[&["head", "cabeca", "cabeza", "kafa", "kafasini", "basini", "basim"], &["hit", "bang", "bump", "blow", "injur", "bateu", "pancada", "golpe", "pego", "dado", "dio", "carpti", "carpt", "vurdu", "darbe"]],
    &[&["burn", "burnt", "burned", "scald", "queimad", "quemad", "quemo", "yanik", "yandi", "hasland"], &["bad", "severe", "blister", "face", "boiling", "grave", "bolha", "fervente", "ampolla", "hirviendo", "kotu", "cok", "kaynar", "su toplad"]],
    // Spinal cord compression: numb groin, weak legs, no bladder control.
    &[&["numb", "dormenc", "dormid", "adormec", "uyusma", "uyusuk", "hissizlik"], &["groin", "virilha", "ingle", "kasik", "saddle"]],
    &[&["bladder", "bexiga", "orina", "urine", "pee", "xixi", "mesane", "idrar", "vejiga"], &["control", "controlar", "controlo", "controlar", "tutam", "kacir"]],
    &[&["legs", "pernas", "piernas", "bacaklarim", "bacak"], &["weak", "fracas", "flojas", "guc", "gucsuz", "cant feel", "nao sinto", "no siento", "hissetm", "numb", "dormid"]],
    // Joints, hips, knees.
    &[&["crack", "pop", "crujido", "estalo", "catirti", "stalo", "estallido"], &["cant", "weight", "apoyar", "apoiar", "basam", "swell", "inch", "hinch", "sisi"]],
    &[&["basamiyor", "basamiyorum", "yuruyemiyor", "yuruyemiyorum", "ayaga kalkamiyor"]],
    &[&["cadera", "quadril", "anca", "hip", "kalca"], &["torcid", "torta", "deform", "rota", "partid", "broken", "broke", "kirik", "kirildi"]],
    &[&["salido", "salio", "saiu", "caiu", "cayo", "fell out", "came out", "cikti", "dustu"], &["diente", "dente", "tooth", "dis", "disi", "disim"]],
    &[&["swell", "swollen", "swelling", "inchac", "inchad", "hinch", "sisi", "sisti"], &["balloon", "balon", "globo", "fast", "quickly", "rapid", "hizla", "rapido", "depressa"]],
    &[&["pill", "pills", "tablet", "meds", "medic", "remedio", "comprimido", "pastilla", "ilac", "hap", "insulin", "insulina"], &["twice", "double", "two times", "iki kere", "iki kez", "cift", "dos veces", "duas vezes", "doble", "dobro"]],
    // Mental health crisis.
    &[&["kill myself", "end my life", "suicid", "self harm", "me matar", "matarme", "quitarme la vida", "intihar", "kendimi oldur"]],
    // Said outright.
    &[&["emergency", "emergencia", "urgencia medica", "acil durum", "imdat", "socorro"]],
];

/// Whether the message describes an emergency.
pub fn is_emergency(text: &str) -> bool {
    let ws = words(text);
    SIGNS.iter().any(|sign| {
        sign.iter()
            .all(|group| group.iter().any(|stem| matches(&ws, stem)))
    })
}

fn matches(ws: &[String], stem: &str) -> bool {
    if stem.contains(' ') {
        return has_phrase(ws, stem);
    }
    // Short stems only as whole words: "kan" (blood) is not "kanal" (root canal).
    if stem.chars().count() <= 3 {
        return ws.iter().any(|w| w == stem);
    }
    ws.iter().any(|w| w.starts_with(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emergencies_in_peoples_words() {
        for text in [
            "URGENT i took way too many of my pills by mistake and I feel really drowsy!!",
            "my 2 year old has a high fever, a stiff neck and a rash that doesn't fade when i press a glass on it",
            "my mom just fainted and she's not responding properly",
            "i can't catch my breath, my lips are turning blue",
            "my wife suddenly can't move her right arm and her words are coming out all wrong",
            "my face is swelling and I can barely breathe",
            "2 yaşındaki kızımın ateşi çok yüksek, ensesi sert",
            "annem az önce bayıldı, doğru dürüst tepki vermiyor",
            "merdivenden düştüm, bacağımı hiç oynatamıyorum",
            "elimdeki kesikten koluma doğru kırmızı çizgiler çıkıyor ve titriyorum",
            "maçta ağzıma darbe aldım, dişim kırıldı sallanıyor ve kan durmuyor",
            "çok kötü ağrı var yüzüm şişti ateşim var",
            "senti uma dor muito forte no peito e o braço esquerdo está dormente",
            "a vermelhidão na perna está a espalhar-se muito depressa, tenho febre alta",
            "O inchaço do dente está a descer para o pescoço e estou com dificuldade em engolir",
            "tomei comprimidos a mais sem querer e estou muito sonolento",
            "a boca do meu marido ficou torta de um lado e ele está falando enrolado",
            "Caí da bicicleta, o pulso está torto e não consigo mexer os dedos",
            "não consigo parar o sangramento",
            "me dieron un golpe en la boca, tengo un diente roto que se mueve y no deja de sangrar",
            "me he tomado demasiadas pastillas sin querer",
            "no puedo respirar bien, se me están poniendo los labios morados",
            "me he caído y no puedo mover la pierna",
            "please help, my daughter's tooth got knocked clean out at school",
            "acil tum vucudumda kurdesen cikti ve nefes almakta zorlaniyorum",
            "me deu do nada a pior dor de cabeça da minha vida e estou vomitando",
            "os lábios e as pálpebras começaram a inchar, sinto a garganta apertada",
            "la rojez de la pierna se está extendiendo muy rápido y tengo fiebre alta",
            "me torcí la rodilla, oí un crujido y no puedo apoyar el pie",
            "mi padre se ha caido en el bano, se ha dado en la cabeza, esta desorientado",
            "sudden terrible back pain, numbness in my groin and both legs feel weak",
            "my back went and now I can't feel my legs properly and I can't control my bladder",
            "I twisted my knee, heard a loud crack and I can't put any weight on it",
            "antrenmanda dizim burkuldu, büyük bir çatırtı duydum, üstüne basamıyorum",
            "Bacağımdaki kızarıklık hızla yayılıyor, sıcak ve çok ağrılı, yüksek ateşim var",
            "ani korkunç bir bel ağrısı, kasıklarımda uyuşma var ve iki bacağım da güçsüz",
            "o meu filho caiu da bicicleta e partiu o dente da frente, está a sangrar muito",
            "perdonen pero dolor de espalda brutal de repente, tengo la zona de la ingle dormida",
            "urgente ayuda a mi hija se le ha salido un diente entero en el cole",
            "babam yanlışlıkla şeker ilacını iki kere içmiş, terliyor titriyor ve konuşması garipleşti",
            "mi padre se ha caído, tiene la cadera torcida y no puede levantarse",
            "se me durmio medio cuerpo de repente, ¿que hago?",
            "urgente!! - tiene fiebre altisima y esta como ido - ¿hay alguien?",
            "please help, my kid swallowed a bunch of pills, what do I do",
            "meu filho bebeu água sanitária",
            "mi hijo se tragó una pila",
            "oğlum çamaşır suyu içti",
            "my baby won't wake up properly",
            "bebeğim uyanmıyor",
            "vücudumun yarısı uyuştu birden",
            "estou grávida e estou sangrando",
            "hamileyim ve kanamam var",
            "the baby is choking",
            "mi hijo se ha atragantado con un caramelo",
            "o bebé engasgou-se",
            "I suddenly can't see out of my left eye",
            "no quiero vivir más",
            "ele está com suor frio e muito pálido",
            "a mi madre se le ha torcido la boca de repente y no le salen bien las palabras qué hago??",
            "creo que me he tomado pastillas de más sin querer, estoy muy raro y con mucho sueño",
            "minha mãe não consegue falar direito, as palavras não saem",
            "meu marido de repente não consegue falar e a boca entortou!!",
            "my dad suddenly can't speak properly",
            "babam birden konuşamıyor",
        ] {
            assert!(is_emergency(text), "{text}");
        }
    }

    #[test]
    fn ordinary_requests_are_not_emergencies() {
        for text in [
            "I'd like to book a cleaning for Friday",
            "I can't speak Turkish, can we write in English?",
            "meu filho não consegue falar o R, vocês têm fonoaudiólogo?",
            "Can I book a blood test? Do I need to stop eating before?",
            "Kanal tedavisi için randevu almak istiyorum",
            "Mi nombre es Jesús. Quisiera reservar cita para análisis de sangre el día 25",
            "Quero marcar uma consulta de dermatologia",
            "¿Cuánto cuesta una sesión de fisioterapia?",
            "Do you accept insurance?",
            "Pode cancelar a minha consulta de quinta",
            "Tengo acné y quería una cita",
            "I can't sleep well lately, can I see a doctor?",
            "no puedo dormir bien, quiero una cita",
            "I ate before the blood test, is that ok?",
            "can I see the doctor on Friday?",
            "Do you do pregnancy checkups?",
            "tengo fiebre desde ayer, ¿me dan cita?",
            "minha mãe tomou o remédio e quer saber se pode vir até sexta",
            "posso tomar o comprimido até a consulta?",
        ] {
            assert!(!is_emergency(text), "{text}");
        }
    }
}
