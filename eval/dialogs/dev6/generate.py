#!/usr/bin/env python3
"""dev6: an independent dialog set for Frontdesk (issue 17), focused on the kinds that must
pass 100%: names, someone_else, explicit_dates, yes_in_sentence, emergency (plus service_words,
day_parts, clinic_fit, cancel, reschedule).

Deterministic: a fixed SEED; running it again writes the same generated.jsonl byte for byte.
    python3 generate.py            # writes generated.jsonl
    python3 generate.py --stats    # ... and prints counts per language and kind
Standard library only. Every dialog is re-verified (verify()) against the free-time rules of
FORMAT.md before it is written; hand_src.py imports this module for the same checks."""
import argparse
import random
import json
import os
import re
import unicodedata
from datetime import date as Date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
CLINICS_PATH = os.path.join(HERE, "..", "clinics.json")

with open(CLINICS_PATH, encoding="utf-8") as _f:
    CLINICS = {c["key"]: c for c in json.load(_f)["clinics"]}

WEEKDAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
LANGS = ["en", "tr", "pt", "es"]

KINDS = ["names", "someone_else", "yes_in_sentence", "explicit_dates", "own_appointments",
         "passage", "clinic_fit", "service_words", "day_parts", "emergency", "answer_language",
         "two_questions", "booking", "cancel", "reschedule"]

# Safety margin on top of min_notice (the dialog takes a few 2-minute turns).
NOTICE_MARGIN_MIN = 60


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt_hm(minute):
    return "%02d:%02d" % (minute // 60, minute % 60)


def parse_dt(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M")


def fmt_dt(dt):
    return dt.strftime("%Y-%m-%dT%H:%M")


# --------------------------------------------------------------------------------------------
# Free-time rules (FORMAT.md): a practitioner who performs the service works then (the whole
# duration inside one of their ranges, and inside the clinic's opening hours), the start is on
# the slot grid, at least min_notice after the message, within horizon_days, and no existing or
# blocked appointment of that practitioner overlaps it. In addition (household overlap) no
# appointment the household already has overlaps it.
# --------------------------------------------------------------------------------------------

class Calendar:
    def __init__(self, clinic_key, now, existing=None, blocked=None):
        self.clinic = CLINICS[clinic_key]
        self.now = now if isinstance(now, datetime) else parse_dt(now)
        self.existing = list(existing or [])
        self.blocked = list(blocked or [])
        self.services = {s["key"]: s for s in self.clinic["services"]}
        self.pracs = {p["key"]: p for p in self.clinic["practitioners"]}
        pol = self.clinic["policy"]
        self.grid = pol["slot_grid_minutes"]
        self.notice = pol["min_notice_minutes"]
        self.horizon = pol["horizon_days"]
        self.cancel_notice_h = pol["cancellation_notice_hours"]

    def dur(self, skey):
        return self.services[skey]["duration_minutes"]

    def ranges(self, pkey, d):
        wd = WEEKDAY_KEYS[d.weekday()]
        prs = [(hm(a), hm(b)) for a, b in (r.split("-") for r in self.pracs[pkey]["working_hours"].get(wd, []))]
        opens = [(hm(a), hm(b)) for a, b in (r.split("-") for r in self.clinic["opening_hours"].get(wd, []))]
        out = []
        for a, b in prs:
            for c, e in opens:
                s, t = max(a, c), min(b, e)
                if s < t:
                    out.append((s, t))
        return out

    def inside(self, pkey, d, minute, dur):
        return any(a <= minute and minute + dur <= b for a, b in self.ranges(pkey, d))

    def _interval(self, entry):
        st = parse_dt(entry["start"])
        return st, st + timedelta(minutes=self.dur(entry["service"]))

    def busy(self, pkey):
        return [self._interval(e) for e in self.existing + self.blocked if e["practitioner"] == pkey]

    def household_busy(self):
        return [self._interval(e) for e in self.existing]

    def time_ok(self, dt):
        if dt < self.now + timedelta(minutes=self.notice + NOTICE_MARGIN_MIN):
            return False
        if dt > self.now + timedelta(days=self.horizon - 2):
            return False
        return True

    def prac_free(self, pkey, skey, d, minute, ignore=None):
        """practitioner pkey can do skey at d minute (ignoring min notice)."""
        if pkey not in self.services[skey]["practitioners"]:
            return False
        dur = self.dur(skey)
        if minute % self.grid:
            return False
        if not self.inside(pkey, d, minute, dur):
            return False
        st = datetime(d.year, d.month, d.day) + timedelta(minutes=minute)
        en = st + timedelta(minutes=dur)
        for a, b in self.busy(pkey):
            if ignore is not None and a == ignore:
                continue
            if a < en and st < b:
                return False
        return True

    def free_pracs(self, skey, d, minute, ignore_start=None):
        st = datetime(d.year, d.month, d.day) + timedelta(minutes=minute)
        if not self.time_ok(st):
            return []
        en = st + timedelta(minutes=self.dur(skey))
        for a, b in self.household_busy():
            if ignore_start is not None and a == ignore_start:
                continue
            if a < en and st < b:
                return []
        return [p for p in self.services[skey]["practitioners"]
                if self.prac_free(p, skey, d, minute, ignore=ignore_start)]

    def is_free(self, skey, d, minute, prac=None, ignore_start=None):
        ps = self.free_pracs(skey, d, minute, ignore_start)
        return (prac in ps) if prac else bool(ps)

    def free_times(self, skey, d, prac=None, ignore_start=None):
        return [m for m in range(0, 24 * 60, self.grid) if self.is_free(skey, d, m, prac, ignore_start)]

    def can_place(self, pkey, skey, d, minute):
        return self.prac_free(pkey, skey, d, minute)


# --------------------------------------------------------------------------------------------
# Language data
# --------------------------------------------------------------------------------------------

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "en_abbr": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
           "Kasım", "Aralık"],
    "tr_abbr": ["Oca", "Şub", "Mar", "Nis", "May", "Haz", "Tem", "Ağu", "Eyl", "Eki", "Kas", "Ara"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "pt_abbr": ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "es_abbr": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
}
TR_MONTH_LOC = ["Ocak'ta", "Şubat'ta", "Mart'ta", "Nisan'da", "Mayıs'ta", "Haziran'da", "Temmuz'da",
                "Ağustos'ta", "Eylül'de", "Ekim'de", "Kasım'da", "Aralık'ta"]
TR_MONTH_DAT = ["Ocak'a", "Şubat'a", "Mart'a", "Nisan'a", "Mayıs'a", "Haziran'a", "Temmuz'a",
                "Ağustos'a", "Eylül'e", "Ekim'e", "Kasım'a", "Aralık'a"]

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "en_abbr": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "pt_short": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
TR_WD_DAT = ["Pazartesi'ye", "Salı'ya", "Çarşamba'ya", "Perşembe'ye", "Cuma'ya", "Cumartesi'ye", "Pazar'a"]


def en_ord(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


# Turkish: the suffix after a number follows the last spoken word of the number.
_TR_LAST = {1: "bir", 2: "iki", 3: "üç", 4: "dört", 5: "beş", 6: "altı", 7: "yedi", 8: "sekiz", 9: "dokuz",
            10: "on", 20: "yirmi", 30: "otuz", 40: "kırk", 50: "elli"}
_TR_LOC = {"bir": "de", "iki": "de", "üç": "te", "dört": "te", "beş": "te", "altı": "da", "yedi": "de",
           "sekiz": "de", "dokuz": "da", "on": "da", "yirmi": "de", "otuz": "da", "kırk": "ta", "elli": "de"}
_TR_DAT = {"bir": "e", "iki": "ye", "üç": "e", "dört": "e", "beş": "e", "altı": "ya", "yedi": "ye",
           "sekiz": "e", "dokuz": "a", "on": "a", "yirmi": "ye", "otuz": "a", "kırk": "a", "elli": "ye"}
_TR_POSS = {"bir": "i", "iki": "si", "üç": "ü", "dört": "ü", "beş": "i", "altı": "sı", "yedi": "si",
            "sekiz": "i", "dokuz": "u", "on": "u", "yirmi": "si", "otuz": "u", "kırk": "ı", "elli": "si"}
_TR_POSS_LOC = {"i": "inde", "si": "sinde", "ü": "ünde", "sı": "sında", "u": "unda", "ı": "ında"}
_TR_POSS_DAT = {"i": "ine", "si": "sine", "ü": "üne", "sı": "sına", "u": "una", "ı": "ına"}


def tr_last_word(n):
    n = n % 100
    if n % 10:
        return _TR_LAST[n % 10]
    return _TR_LAST[n]


def tr_time_suffix(h, m, case):
    w = tr_last_word(m if m else h)
    return (_TR_LOC if case == "loc" else _TR_DAT)[w]


def tr_day_poss(d, case=None):
    p = _TR_POSS[tr_last_word(d)]
    if case == "loc":
        return _TR_POSS_LOC[p]
    if case == "dat":
        return _TR_POSS_DAT[p]
    return p


# --------------------------------------------------------------------------------------------
# Expectation helpers
# --------------------------------------------------------------------------------------------

NAME_WORDS = {
    "en": ["name"],
    "pt": ["nome"],
    "es": ["nombre"],
    "tr": ["isim", "ismin", "ismi", "adınız", "adiniz", "adını", "adini", "ad soyad", "ad-soyad", "adı"],
}


def time_spellings(minute):
    h, m = divmod(minute, 60)
    out = []
    out.append("%02d:%02d" % (h, m))
    if h < 10:
        out.append("%d:%02d" % (h, m))
    out.append("%02d.%02d" % (h, m))
    if h < 10:
        out.append("%d.%02d" % (h, m))
    out.append("%dh%02d" % (h, m))
    if h < 10:
        out.append("%02dh%02d" % (h, m))
    h12 = h % 12 or 12
    ap = "am" if h < 12 else "pm"
    if h >= 12 and h12 != h:
        out += ["%d:%02d %s" % (h12, m, ap), "%d:%02d%s" % (h12, m, ap), "%d:%02d %s.m." % (h12, m, ap[0])]
    if m == 0:
        out.append("%dh" % h)
        if h < 10:
            out.append("%02dh" % h)
        out += ["%d %s" % (h12, ap), "%d%s" % (h12, ap), "%d %s.m." % (h12, ap[0])]
        out.append("%d horas" % h)
        out.append("saat %d'" % h)
        if h == 12:
            out += ["noon", "mediodía", "meio-dia", "öğlen"]
    seen = []
    for s in out:
        if s not in seen:
            seen.append(s)
    return seen


def exp_time(minute, extra=None):
    e = {"contains_any": time_spellings(minute)}
    if extra:
        e.update(extra)
    return e


def exp_name(lang, extra=None):
    e = {"contains_any": list(NAME_WORDS[lang])}
    if extra:
        e.update(extra)
    return e


def exp_first(first, extra=None):
    opts = [first]
    f = fold(first)
    if f != first:
        opts.append(f)
    e = {"contains_any": opts}
    if extra:
        e.update(extra)
    return e


# --------------------------------------------------------------------------------------------
# Text noise
# --------------------------------------------------------------------------------------------

_TR_FOLD = str.maketrans("şŞıİğĞçÇöÖüÜ", "sSiIgGcCoOuU")


def fold(s):
    s = s.translate(_TR_FOLD)
    out = []
    for c in unicodedata.normalize("NFD", s):
        if unicodedata.category(c) == "Mn" and c not in "\ufe0f\u200d":
            continue
        out.append(c)
    s = unicodedata.normalize("NFC", "".join(out))
    return s.replace("¿", "").replace("¡", "")


def lower(s, lang):
    if lang == "tr":
        s = s.replace("I", "ı").replace("İ", "i")
    return s.lower()


TYPOS = {
    "en": {"appointment": ["appointmnet", "apointment", "appt"], "please": ["pls", "plz", "pleas"],
           "thanks": ["thx", "thanx"], "available": ["availible", "avail"], "you": ["u"], "your": ["ur"],
           "really": ["rly"], "possible": ["posible"], "schedule": ["shedule"], "because": ["cuz"],
           "tomorrow": ["tmrw"], "something": ["smth"], "would": ["wud"], "thank you": ["ty", "thank u"],
           "great": ["gr8"], "okay": ["ok"], "morning": ["mornin"]},
    "tr": {"randevu": ["randevü", "randvu"], "istiyorum": ["istiyom", "istiyorm"], "lütfen": ["lütfn", "ltfen"],
           "teşekkürler": ["tşk", "teşekürler"], "müsait": ["müsayit"], "merhaba": ["mrb", "meraba"],
           "alabilir": ["alabilr"], "tamam": ["tmm"], "selam": ["slm"], "acaba": ["acba"], "değil": ["diil"],
           "teşekkür ederim": ["tşk ederim", "tesekkur ederim"], "bir": ["bi"], "şey": ["şeyy"],
           "istiyordum": ["istiyodum"], "yapabilir": ["yapabilr"]},
    "pt": {"consulta": ["cosulta", "consuta"], "por favor": ["pfv", "por favo", "pf"], "obrigado": ["obg", "brigado"],
           "obrigada": ["obg", "brigada"], "você": ["vc"], "também": ["tbm"], "queria": ["qria"],
           "quando": ["qnd"], "que": ["q"], "beleza": ["blz"], "hoje": ["hj"], "não": ["nao", "ñ"],
           "tudo": ["td"], "horário": ["horario", "hrário"], "possível": ["possivel"], "preciso": ["presiso"]},
    "es": {"quiero": ["kiero"], "por favor": ["porfa", "xfa", "x favor"], "gracias": ["grax", "graciass"],
           "que": ["q", "k"], "también": ["tb"], "porque": ["xq", "pq"], "hola": ["ola", "holaa"],
           "quería": ["queria", "keria"], "necesito": ["nesecito"], "disponibilidad": ["disponivilidad"],
           "hacer": ["aser"], "vale": ["vle"], "bueno": ["weno"], "cita": ["sita"]},
}


class Style:
    """How one patient writes: applied to all their messages."""

    def __init__(self, fold_=False, lower_=False, typo=0.0, emoji=0.0):
        self.fold = fold_
        self.lower = lower_
        self.typo = typo
        self.emoji = emoji

    def name_form(self, name, lang, protect=True):
        """How a name the patient types ends up (when not protected from noise)."""
        if protect:
            return name
        s = name
        if self.lower:
            s = lower(s, lang)
        if self.fold:
            s = fold(s)
        return s

    def apply(self, text, lang, rng, protect=(), emojis=("🙂", "🙏", "😊", "👍", "😅", "🤞")):
        keep = {}
        for i, p in enumerate(sorted(set(protect), key=len, reverse=True)):
            if p and p in text:
                tok = "⟦%d⟧" % i
                keep[tok] = p
                text = text.replace(p, tok)
        if self.typo:
            for word, alts in TYPOS[lang].items():
                pat = re.compile(r"(?<![\w⟦])" + re.escape(word) + r"(?![\w⟧])", re.IGNORECASE)

                def rep(mo, alts=alts):
                    if rng.random() < self.typo:
                        return rng.choice(alts)
                    return mo.group(0)
                text = pat.sub(rep, text)
        if self.lower:
            text = lower(text, lang)
        if self.fold:
            text = fold(text)
        for tok, p in keep.items():
            text = text.replace(tok, p)
        if self.emoji and rng.random() < self.emoji:
            text = text.rstrip() + " " + rng.choice(emojis)
        return text


def tidy(text):
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.!?;:])", r"\1", text)
    text = re.sub(r",,+", ",", text)
    text = re.sub(r"\.\s*\.", ".", text)
    text = re.sub(r",\s*\.", ".", text)
    text = re.sub(r"([.!?])\s*,", r"\1", text)
    text = re.sub(r"([?!])\.+", r"\1", text)

    def cap(mo):
        return mo.group(1) + mo.group(2).upper()
    text = re.sub(r"((?:^|[.!?]\s+)[¿¡]?)([a-zçğıöşüáéíóúâêôãõàñ])", cap, text)
    # Turkish: capitalising a leading dotless/dotted i
    return text


# --------------------------------------------------------------------------------------------
# Verifier
# --------------------------------------------------------------------------------------------

def verify(d):
    """Re-check a dialog against FORMAT.md rules; raises AssertionError with a reason."""
    assert d["language"] in LANGS
    for k in d["kinds"]:
        assert k in KINDS, k
    cal = Calendar(d["clinic"], d["now"], d["existing"], d["blocked"])
    names = {h["name"] for h in d["household"]}
    # existing and blocked: inside hours, on grid, no overlap per practitioner
    entries = d["existing"] + d["blocked"]
    for i, e in enumerate(entries):
        st = parse_dt(e["start"])
        m = st.hour * 60 + st.minute
        assert e["practitioner"] in cal.services[e["service"]]["practitioners"], e
        assert m % cal.grid == 0, e
        assert cal.inside(e["practitioner"], st.date(), m, cal.dur(e["service"])), e
        a, b = cal._interval(e)
        for f in entries[i + 1:]:
            c, dd = cal._interval(f)
            if f["practitioner"] == e["practitioner"]:
                assert not (a < dd and c < b), (e, f)
    for e in d["existing"]:
        assert e["patient"] in names, e
    for i, e in enumerate(d["existing"]):
        a, b = cal._interval(e)
        for f in d["existing"][i + 1:]:
            c, dd = cal._interval(f)
            assert not (a < dd and c < b), (e, f)
    ex_starts = {e["start"] for e in d["existing"]}
    fin = d["final"]
    for b in fin["booked"]:
        dd = Date.fromisoformat(b["date"])
        if "time" in b:
            assert cal.is_free(b["service"], dd, hm(b["time"]), b.get("practitioner")), b
        else:
            lo, hi = b["window"]
            ft = [m for m in cal.free_times(b["service"], dd) if hm(lo) <= m <= hm(hi)]
            assert len(ft) >= 2, b
    for c in fin["cancelled"]:
        assert c in ex_starts, c
        assert parse_dt(c) > cal.now + timedelta(hours=cal.cancel_notice_h + 12), c
    for mv in fin["moved"]:
        assert mv["from"] in ex_starts, mv
        e = [x for x in d["existing"] if x["start"] == mv["from"]][0]
        assert parse_dt(mv["from"]) > cal.now + timedelta(hours=cal.cancel_notice_h + 12), mv
        dd = Date.fromisoformat(mv["date"])
        assert cal.is_free(e["service"], dd, hm(mv["time"]), e["practitioner"],
                           ignore_start=parse_dt(mv["from"])), mv
        # also free without ignoring the old slot (no overlap with it)
        assert cal.is_free(e["service"], dd, hm(mv["time"]), e["practitioner"]), mv
    prof = (d["contact"] or {}).get("profile_name")
    people = []
    for p in [h["name"] for h in d["household"]] + [b["patient"] for b in fin["booked"]]:
        if p not in people:
            people.append(p)
    if prof:
        # a profile name never shares a first name with anyone in the dialog (keeps checks unambiguous)
        pf = fold(prof.split()[0]).lower()
        assert all(fold(p.split()[0]).lower() != pf for p in people), (prof, people)
    firsts = [fold(p.split()[0]).lower() for p in people]
    assert len(firsts) == len(set(firsts)), people
    for b in fin["booked"]:
        assert b["patient"] != prof, b
        assert b["patient"].strip() and len(b["patient"].split()) >= 2, b
    assert d["turns"], d["id"]
    for t in d["turns"]:
        assert t["patient"].strip()
    return True
# ============================================================================================
# Vocabulary banks: names, relations, services, greetings, phrases per language
# ============================================================================================

# (first, gender) -- no first name equals a practitioner's first name in clinics.json
FIRST = {
    "en": [("Olivia", "f"), ("James", "m"), ("Chloe", "f"), ("Michael", "m"), ("Grace", "f"), ("Liam", "m"),
           ("Hannah", "f"), ("Ethan", "m"), ("Zoë", "f"), ("Renée", "f"), ("Seán", "m"), ("Siobhán", "f"),
           ("Aoife", "f"), ("Niamh", "f"), ("Noah", "m"), ("Owen", "m"), ("Abigail", "f"), ("Tyler", "m"),
           ("Madison", "f"), ("Marcus", "m"), ("Jasmine", "f"), ("Connor", "m"), ("Brooke", "f"), ("Kevin", "m")],
    "tr": [("Elif", "f"), ("Zeynep", "f"), ("Ayşe", "f"), ("Fatma", "f"), ("Merve", "f"), ("Büşra", "f"),
           ("Gülşen", "f"), ("Şule", "f"), ("Çağla", "f"), ("İpek", "f"), ("Özge", "f"), ("Ümran", "f"),
           ("Işıl", "f"), ("Sıla", "f"), ("Nazlı", "f"), ("Kübra", "f"), ("Mehmet", "m"), ("Mustafa", "m"),
           ("Ahmet", "m"), ("Hüseyin", "m"), ("Emre", "m"), ("Burak", "m"), ("Çağrı", "m"), ("Oğuz", "m"),
           ("Barış", "m"), ("Tolga", "m"), ("Ömer", "m"), ("Şükrü", "m"), ("Gökhan", "m"), ("Yiğit", "m"),
           ("İbrahim", "m"), ("Doğan", "m"), ("Ilgaz", "m"), ("Kerem", "m")],
    "pt": [("Conceição", "f"), ("Gonçalo", "m"), ("Luís", "m"), ("Joana", "f"), ("Mafalda", "f"), ("Tomás", "m"),
           ("Sebastião", "m"), ("Leonor", "f"), ("Matilde", "f"), ("Rodrigo", "m"), ("Duarte", "m"),
           ("Bárbara", "f"), ("Mónica", "f"), ("Vânia", "f"), ("Catarina", "f"), ("Francisca", "f"),
           ("Afonso", "m"), ("Simão", "m"), ("Luana", "f"), ("Gabriela", "f"), ("Letícia", "f"), ("Vitória", "f"),
           ("Júlia", "f"), ("Caio", "m"), ("Otávio", "m"), ("Guilherme", "m"), ("Heitor", "m"), ("Lúcio", "m"),
           ("Márcia", "f"), ("Cláudia", "f"), ("Fábio", "m"), ("Jéssica", "f"), ("Antônio", "m"), ("Inácio", "m")],
    "es": [("María José", "f"), ("José Luis", "m"), ("Íñigo", "m"), ("Begoña", "f"), ("Nerea", "f"),
           ("Ainhoa", "f"), ("Álvaro", "m"), ("Sofía", "f"), ("Martina", "f"), ("Valentina", "f"), ("Ximena", "f"),
           ("Andrés", "m"), ("Sebastián", "m"), ("Joaquín", "m"), ("Raúl", "m"), ("Jesús", "m"), ("Rocío", "f"),
           ("Aitana", "f"), ("Maite", "f"), ("Itziar", "f"), ("Ramón", "m"), ("Óscar", "m"), ("Germán", "m"),
           ("Camila", "f"), ("Guadalupe", "f"), ("Renata", "f"), ("Héctor", "m"), ("Agustín", "m"),
           ("Milagros", "f"), ("Nicolás", "m"), ("Mónica", "f"), ("Ángel", "m")],
}
LAST = {
    "en": ["Walker", "O'Brien", "Thompson", "Nguyen", "Patel", "Murphy", "Bennett", "Kowalski", "D'Souza",
           "Clarke", "Hughes", "Fitzgerald", "Robinson", "Okafor", "Sullivan", "Brennan", "Smith-Jones",
           "Whitaker", "Delaney", "Chen"],
    "tr": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Özdemir", "Arslan",
           "Doğan", "Kılıç", "Aslan", "Çetin", "Koç", "Kurt", "Özkan", "Şimşek", "Polat", "Erdoğan", "Güneş",
           "Akgül", "Bozkurt", "Karaağaç", "Tunç"],
    "pt": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Rodrigues", "Martins", "Fernandes",
           "Gonçalves", "Gomes", "Lopes", "Marques", "Almeida", "Pinto", "Teixeira", "Moreira", "Correia",
           "Soares", "Vieira", "Monteiro", "Cardoso", "Rocha", "Araújo", "Simões", "Brandão", "Magalhães",
           "Conceição", "Assunção"],
    "es": ["García", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Martín",
           "Jiménez", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso", "Gutiérrez",
           "Torres", "Domínguez", "Vázquez", "Ramos", "Ramírez", "Serrano", "Molina", "Castro", "Ortiz",
           "Núñez", "Iglesias", "Ibáñez", "Peña", "Cortés", "Carrasco", "Márquez", "Quiñones", "Echeverría"],
}

PROFILE_NICK = {
    "en": ["Mike 🏀", "Jen", "Mom", "Big D", "Sunshine ☀️", "T.J.", "babe", "the boss", "Grandpa Joe"],
    "tr": ["Canım 💕", "Annecim", "Memo", "Kanka", "Ayşe'nin Annesi", "Prenses 👑", "Hacı Abi", "Boss"],
    "pt": ["Paulinho 🌴", "Mãe", "Tati", "Zé", "Dinha", "Oficina do Zé", "Vovó Lurdes", "Gordinho"],
    "es": ["Mamá Lu", "Pepe", "Peque", "Chiqui", "Pichi 🐶", "Tía Mari", "El Flaco", "Reina 👑"],
}
PROFILE_EMOJI = ["🌸", "🦋✨", "☀️", "💙💙", "🐾", "🌻🌻", "⚽", "🙂", "🌊"]

# relation key -> gender of the person
REL_GENDER = {"son": "m", "daughter": "f", "little_m": "m", "little_f": "f", "mother": "f", "father": "m",
              "husband": "m", "wife": "f", "brother": "m", "sister": "f", "grandmother": "f",
              "grandfather": "m", "mother_in_law": "f", "father_in_law": "m"}
REL_GROUP = {"son": "child", "daughter": "child", "little_m": "child", "little_f": "child",
             "mother": "parent", "father": "parent", "husband": "spouse", "wife": "spouse",
             "brother": "sibling", "sister": "sibling", "grandmother": "grand", "grandfather": "grand",
             "mother_in_law": "parent", "father_in_law": "parent"}

# "my X" per language; region tags: "ES|", "LA|", "PT|", "BR|"
REL_MY = {
    "en": {"son": ["my son", "my boy"], "daughter": ["my daughter", "my girl"],
           "little_m": ["my little one", "my little boy"], "little_f": ["my little one", "my little girl"],
           "mother": ["my mum", "my mom", "my mother"], "father": ["my dad", "my father"],
           "husband": ["my husband", "my hubby"], "wife": ["my wife"], "brother": ["my brother", "my little brother"],
           "sister": ["my sister", "my older sister"], "grandmother": ["my grandma", "my nan"],
           "grandfather": ["my grandad", "my grandpa"], "mother_in_law": ["my mother-in-law"],
           "father_in_law": ["my father-in-law"]},
    "tr": {"son": ["oğlum"], "daughter": ["kızım"], "little_m": ["küçük oğlum", "minik oğlum"],
           "little_f": ["küçük kızım", "minik kızım"], "mother": ["annem"], "father": ["babam"],
           "husband": ["eşim", "kocam"], "wife": ["eşim", "hanımım"], "brother": ["kardeşim", "abim", "ağabeyim"],
           "sister": ["kız kardeşim", "ablam"], "grandmother": ["anneannem", "babaannem"],
           "grandfather": ["dedem"], "mother_in_law": ["kayınvalidem", "kaynanam"], "father_in_law": ["kayınpederim"]},
    "pt": {"son": ["PT|o meu filho", "BR|meu filho"], "daughter": ["PT|a minha filha", "BR|minha filha"],
           "little_m": ["PT|o meu pequeno", "BR|meu pequeno", "BR|meu caçula"],
           "little_f": ["PT|a minha pequena", "BR|minha pequena", "BR|minha caçula"],
           "mother": ["PT|a minha mãe", "BR|minha mãe"], "father": ["PT|o meu pai", "BR|meu pai"],
           "husband": ["PT|o meu marido", "BR|meu marido", "BR|meu esposo"],
           "wife": ["PT|a minha mulher", "BR|minha esposa", "BR|minha mulher"],
           "brother": ["PT|o meu irmão", "BR|meu irmão"], "sister": ["PT|a minha irmã", "BR|minha irmã"],
           "grandmother": ["PT|a minha avó", "BR|minha vó", "BR|minha avó"],
           "grandfather": ["PT|o meu avô", "BR|meu vô", "BR|meu avô"],
           "mother_in_law": ["PT|a minha sogra", "BR|minha sogra"], "father_in_law": ["PT|o meu sogro", "BR|meu sogro"]},
    "es": {"son": ["mi hijo"], "daughter": ["mi hija"], "little_m": ["mi hijo pequeño", "mi peque", "LA|mi chiquito"],
           "little_f": ["mi hija pequeña", "mi peque", "LA|mi chiquita", "LA|la nena"],
           "mother": ["ES|mi madre", "LA|mi mamá", "mi madre"], "father": ["ES|mi padre", "LA|mi papá", "mi padre"],
           "husband": ["ES|mi marido", "mi esposo"], "wife": ["ES|mi mujer", "mi esposa"],
           "brother": ["mi hermano"], "sister": ["mi hermana"], "grandmother": ["mi abuela", "LA|mi abuelita"],
           "grandfather": ["mi abuelo", "LA|mi abuelito"], "mother_in_law": ["mi suegra"], "father_in_law": ["mi suegro"]},
}
TR_REL_GEN = {"oğlum": "oğlumun", "kızım": "kızımın", "küçük oğlum": "küçük oğlumun", "minik oğlum": "minik oğlumun",
              "küçük kızım": "küçük kızımın", "minik kızım": "minik kızımın", "annem": "annemin", "babam": "babamın",
              "eşim": "eşimin", "kocam": "kocamın", "hanımım": "hanımımın", "kardeşim": "kardeşimin", "abim": "abimin",
              "ağabeyim": "ağabeyimin", "kız kardeşim": "kız kardeşimin", "ablam": "ablamın",
              "anneannem": "anneannemin", "babaannem": "babaannemin", "dedem": "dedemin",
              "kayınvalidem": "kayınvalidemin", "kaynanam": "kaynanamın", "kayınpederim": "kayınpederimin"}

# services per clinic, per language: noun phrases usable after "book"/"para"/"için"
SVC = {
    "dental-ankara": {
        "checkup": {"en": ["a check-up", "a dental check-up", "a checkup", "a dental exam"],
                    "tr": ["muayene", "kontrol", "diş muayenesi", "genel kontrol"],
                    "pt": ["uma consulta de avaliação", "uma avaliação", "uma revisão"],
                    "es": ["una revisión", "un chequeo", "una revisión dental"]},
        "cleaning": {"en": ["a cleaning", "a teeth cleaning", "a scaling"],
                     "tr": ["diş taşı temizliği", "detartraj", "diş temizliği"],
                     "pt": ["uma limpeza", "uma limpeza dentária", "uma higiene oral"],
                     "es": ["una limpieza", "una limpieza dental", "una higiene dental"]},
        "filling": {"en": ["a filling", "a filling for a cavity"], "tr": ["dolgu", "çürük diş dolgusu"],
                    "pt": ["uma obturação", "uma restauração"], "es": ["un empaste", "un empaste de una caries"]},
        "root_canal": {"en": ["a root canal", "root canal treatment"], "tr": ["kanal tedavisi"],
                       "pt": ["um tratamento de canal", "uma desvitalização"],
                       "es": ["una endodoncia", "un tratamiento de conducto"]},
        "braces_consult": {"en": ["an orthodontic consultation", "a braces consultation"],
                           "tr": ["ortodonti muayenesi", "tel tedavisi muayenesi"],
                           "pt": ["uma consulta de ortodontia", "uma consulta para aparelho"],
                           "es": ["una consulta de ortodoncia", "una consulta para brackets"]},
    },
    "dermatology-lisbon": {
        "consult": {"en": ["a dermatology consultation", "an appointment with a dermatologist", "a skin doctor appointment"],
                    "tr": ["dermatoloji muayenesi", "cilt doktoru muayenesi"],
                    "pt": ["uma consulta de dermatologia", "uma consulta com dermatologista"],
                    "es": ["una consulta de dermatología", "una cita con el dermatólogo"]},
        "mole_check": {"en": ["a mole check", "a mole screening"], "tr": ["ben kontrolü", "ben taraması"],
                       "pt": ["um rastreio de sinais", "uma dermatoscopia"],
                       "es": ["una revisión de lunares", "un chequeo de lunares"]},
        "acne": {"en": ["an acne treatment", "acne treatment"], "tr": ["akne tedavisi", "sivilce tedavisi"],
                 "pt": ["um tratamento de acne", "PT|um tratamento para as borbulhas", "BR|um tratamento para espinhas"],
                 "es": ["un tratamiento del acné", "un tratamiento para los granos"]},
        "laser": {"en": ["laser hair removal", "a laser hair removal session"], "tr": ["lazer epilasyon"],
                  "pt": ["depilação a laser", "uma sessão de depilação a laser"],
                  "es": ["depilación láser", "una sesión de depilación láser"]},
        "peel": {"en": ["a chemical peel"], "tr": ["kimyasal peeling"], "pt": ["um peeling químico"],
                 "es": ["un peeling químico"]},
    },
    "physio-madrid": {
        "assessment": {"en": ["an initial assessment", "a first visit"], "tr": ["ilk değerlendirme"],
                       "pt": ["uma avaliação inicial", "uma primeira consulta"],
                       "es": ["una valoración inicial", "una primera visita"]},
        "session": {"en": ["a physio session", "a physiotherapy session"], "tr": ["fizyoterapi seansı", "fizik tedavi seansı"],
                    "pt": ["uma sessão de fisioterapia", "BR|uma fisioterapia"],
                    "es": ["una sesión de fisio", "una sesión de fisioterapia"]},
        "massage": {"en": ["a sports massage", "a massage"], "tr": ["spor masajı", "masaj"],
                    "pt": ["uma massagem desportiva", "uma massagem"],
                    "es": ["un masaje deportivo", "un masaje", "ES|una descarga muscular"]},
        "pilates": {"en": ["a clinical pilates class", "a pilates session"], "tr": ["klinik pilates"],
                    "pt": ["uma aula de pilates clínico"], "es": ["una clase de pilates terapéutico", "una sesión de pilates"]},
        "rehab_consult": {"en": ["a rehabilitation consultation", "an appointment with the rehab doctor"],
                          "tr": ["rehabilitasyon muayenesi", "fiziatrist muayenesi"],
                          "pt": ["uma consulta de reabilitação"],
                          "es": ["una consulta de rehabilitación", "una cita con el médico rehabilitador"]},
    },
    "gp-boston": {
        "consult": {"en": ["a GP appointment", "an appointment with a family doctor", "a doctor's appointment"],
                    "tr": ["genel muayene", "aile hekimi muayenesi"],
                    "pt": ["uma consulta geral", "uma consulta com clínico geral"],
                    "es": ["una consulta general", "una cita con el médico general", "ES|una cita con el médico de cabecera"]},
        "physical": {"en": ["an annual physical", "a physical"], "tr": ["yıllık check-up"],
                     "pt": ["um check-up anual", "um exame de rotina"], "es": ["un chequeo anual"]},
        "blood": {"en": ["a blood test", "some blood work"], "tr": ["kan tahlili", "kan testi"],
                  "pt": ["PT|umas análises ao sangue", "BR|um exame de sangue"],
                  "es": ["un análisis de sangre", "ES|una analítica"]},
        "vaccine": {"en": ["a flu shot", "a vaccination"], "tr": ["aşı", "grip aşısı"],
                    "pt": ["uma vacina", "a vacina da gripe"], "es": ["una vacuna", "la vacuna de la gripe"]},
        "telehealth": {"en": ["a prescription renewal", "a prescription refill"], "tr": ["reçete yenileme"],
                       "pt": ["uma renovação de receita"], "es": ["una renovación de receta"]},
    },
    "gp-sao-paulo": {
        "consult": {"en": ["a GP appointment", "a general consultation"], "tr": ["genel muayene", "pratisyen muayenesi"],
                    "pt": ["uma consulta de clínica geral", "uma consulta com clínico geral"],
                    "es": ["una consulta de medicina general", "una cita con el médico general"]},
        "pediatrics": {"en": ["a paediatric consultation", "an appointment with the pediatrician"],
                       "tr": ["çocuk doktoru muayenesi"], "pt": ["uma consulta de pediatria", "uma consulta com a pediatra"],
                       "es": ["una consulta de pediatría", "una cita con el pediatra"]},
        "cardio": {"en": ["a cardiology consultation", "an appointment with the cardiologist"],
                   "tr": ["kardiyoloji muayenesi", "kardiyolog muayenesi"],
                   "pt": ["uma consulta de cardiologia", "uma consulta com o cardiologista"],
                   "es": ["una consulta de cardiología", "una cita con el cardiólogo"]},
        "ecg": {"en": ["an ECG"], "tr": ["EKG çekimi"], "pt": ["um eletrocardiograma", "BR|um eletro"],
                "es": ["un electrocardiograma"]},
        "checkup": {"en": ["a full check-up"], "tr": ["tam check-up"], "pt": ["um check-up completo"],
                    "es": ["un chequeo completo"]},
    },
}

# Everyday words / aliases used by the service_words kind (each maps to one service of the clinic)
SVC_WORDS = {
    # everyday words and aliases, each used after "for" (en), before "için" (tr), after "para" (pt, es)
    "dental-ankara": {
        "cleaning": {"en": ["a scale and polish", "a scaling", "a teeth cleaning"], "tr": ["detartraj", "diş taşı aldırmak", "diş taşı"],
                     "pt": ["limpeza dentária", "uma destartarização"], "es": ["una higiene", "una limpieza de boca"]},
        "filling": {"en": ["a cavity", "a cavity filling"], "tr": ["çürük diş", "çürüğüm"], "pt": ["uma cárie", "restaurar um dente"],
                    "es": ["una caries", "arreglarme una caries"]},
        "braces_consult": {"en": ["Invisalign", "braces"], "tr": ["şeffaf plak", "tel tedavisi"], "pt": ["aparelho", "aparelho nos dentes"],
                           "es": ["brackets", "invisalign"]},
        "root_canal": {"en": ["a root canal"], "tr": ["kanal"], "pt": ["desvitalização", "uma desvitalização"], "es": ["un tratamiento de conducto"]},
        "checkup": {"en": ["a dental exam", "a checkup"], "tr": ["kontrol"], "pt": ["revisão", "uma avaliação"], "es": ["un chequeo", "una revisión"]},
    },
    "dermatology-lisbon": {
        "consult": {"en": ["the skin doctor", "a dermatologist"], "tr": ["cilt doktoru"], "pt": ["dermatologista", "o dermatologista"],
                    "es": ["el dermatólogo"]},
        "mole_check": {"en": ["my moles", "mole screening"], "tr": ["ben taraması", "benlerime baktırmak"], "pt": ["ver os meus sinais", "dermatoscopia"],
                       "es": ["que me revisen los lunares", "los lunares"]},
        "acne": {"en": ["my pimples", "acne"], "tr": ["sivilcelerim", "sivilce"], "pt": ["PT|as minhas borbulhas", "BR|minhas espinhas", "acne"],
                 "es": ["los granos de la cara", "el acné"]},
        "laser": {"en": ["laser", "laser hair removal"], "tr": ["epilasyon"], "pt": ["depilação"], "es": ["depilación"]},
        "peel": {"en": ["a peel"], "tr": ["peeling"], "pt": ["esfoliação química", "um peeling"], "es": ["un peeling"]},
    },
    "physio-madrid": {
        "session": {"en": ["physio", "physiotherapy"], "tr": ["fizik tedavi", "fizyoterapi"], "pt": ["fisioterapia"], "es": ["fisio", "fisioterapia"]},
        "massage": {"en": ["a massage"], "tr": ["masaj"], "pt": ["massagem", "uma massagem"], "es": ["una descarga muscular", "un masaje"]},
        "assessment": {"en": ["a first visit", "an evaluation"], "tr": ["değerlendirme"], "pt": ["primeira consulta"],
                       "es": ["primera visita", "una valoración"]},
        "pilates": {"en": ["reformer", "pilates"], "tr": ["pilates"], "pt": ["pilates"], "es": ["reformer", "pilates"]},
        "rehab_consult": {"en": ["the rehab doctor"], "tr": ["fiziatrist"], "pt": ["reabilitação"], "es": ["el médico rehabilitador"]},
    },
    "gp-boston": {
        "consult": {"en": ["a family doctor", "my GP", "a general practitioner"], "tr": ["aile hekimi", "pratisyen"],
                    "pt": ["médico de família", "clínico geral"], "es": ["médico de cabecera", "médico general"]},
        "blood": {"en": ["labs", "blood work"], "tr": ["kan testi"], "pt": ["exame de sangue"], "es": ["una analítica"]},
        "vaccine": {"en": ["a flu shot", "a shot"], "tr": ["aşı"], "pt": ["vacina", "a vacina"], "es": ["la vacuna", "vacunarme"]},
        "telehealth": {"en": ["a refill", "my prescription"], "tr": ["reçete"], "pt": ["receita", "renovar a receita"], "es": ["la receta", "renovar la receta"]},
        "physical": {"en": ["a physical"], "tr": ["check-up"], "pt": ["exame de rotina"], "es": ["chequeo", "un chequeo"]},
    },
    "gp-sao-paulo": {
        "consult": {"en": ["a family doctor", "a GP"], "tr": ["pratisyen"], "pt": ["clínico geral", "médico de família", "BR|o clínico"],
                    "es": ["médico general", "médico de cabecera"]},
        "pediatrics": {"en": ["a pediatrician"], "tr": ["çocuk doktoru"], "pt": ["pediatra", "a pediatra"], "es": ["el pediatra", "pediatra"]},
        "cardio": {"en": ["a cardiologist"], "tr": ["kardiyolog"], "pt": ["cardiologista", "médico do coração"], "es": ["el cardiólogo"]},
        "ecg": {"en": ["an EKG"], "tr": ["EKG"], "pt": ["eletro", "um eletro"], "es": ["un ECG", "ECG"]},
        "checkup": {"en": ["a checkup"], "tr": ["check-up"], "pt": ["exames de rotina"], "es": ["chequeo", "un chequeo"]},
    },
}

UNKNOWN_SVC = {
    "dental-ankara": {"en": "teeth whitening", "tr": "diş beyazlatma", "pt": "branqueamento dentário", "es": "blanqueamiento dental"},
    "dermatology-lisbon": {"en": "tattoo removal", "tr": "dövme silme", "pt": "remoção de tatuagem", "es": "eliminación de tatuajes"},
    "physio-madrid": {"en": "acupuncture", "tr": "akupunktur", "pt": "acupuntura", "es": "acupuntura"},
    "gp-boston": {"en": "an MRI scan", "tr": "MR çekimi", "pt": "ressonância magnética", "es": "una resonancia magnética"},
    "gp-sao-paulo": {"en": "an ultrasound", "tr": "ultrason", "pt": "ultrassom", "es": "una ecografía"},
}

# services a child may be booked for; services for older relatives
CHILD_SVC = {"dental-ankara": ["checkup", "cleaning", "filling", "braces_consult"],
             "dermatology-lisbon": ["consult", "acne", "mole_check"],
             "physio-madrid": ["assessment", "session"],
             "gp-boston": ["consult", "vaccine", "blood"],
             "gp-sao-paulo": ["pediatrics", "pediatrics", "consult"]}
ADULT_SVC = {"dental-ankara": ["checkup", "cleaning", "filling", "root_canal", "braces_consult"],
             "dermatology-lisbon": ["consult", "mole_check", "acne", "laser", "peel"],
             "physio-madrid": ["assessment", "session", "massage", "pilates", "rehab_consult"],
             "gp-boston": ["consult", "physical", "blood", "vaccine", "telehealth"],
             "gp-sao-paulo": ["consult", "cardio", "ecg", "checkup"]}
ELDER_SVC = {"dental-ankara": ["checkup", "cleaning", "filling"],
             "dermatology-lisbon": ["consult", "mole_check"],
             "physio-madrid": ["assessment", "session", "rehab_consult"],
             "gp-boston": ["consult", "physical", "blood", "vaccine", "telehealth"],
             "gp-sao-paulo": ["consult", "cardio", "ecg"]}

CLINIC_WEIGHTS = {
    "en": [("gp-boston", 34), ("dental-ankara", 16), ("dermatology-lisbon", 17), ("physio-madrid", 17), ("gp-sao-paulo", 16)],
    "tr": [("dental-ankara", 44), ("dermatology-lisbon", 14), ("physio-madrid", 14), ("gp-boston", 14), ("gp-sao-paulo", 14)],
    "pt": [("dermatology-lisbon", 33), ("gp-sao-paulo", 35), ("dental-ankara", 10), ("physio-madrid", 11), ("gp-boston", 11)],
    "es": [("physio-madrid", 38), ("gp-boston", 20), ("dermatology-lisbon", 14), ("dental-ankara", 12), ("gp-sao-paulo", 16)],
}

PHONE_PREFIX = {"dental-ankara": "+90532", "dermatology-lisbon": "+351912", "physio-madrid": "+34612",
                "gp-boston": "+1617555", "gp-sao-paulo": "+551199"}
# ============================================================================================
# Phrasing: dates, times, requests, confirmations, per language
# ============================================================================================

EXPLICIT_FORMS = ("wd_dm", "dm", "abbr", "ord", "wd_d", "num")


def reg_ok(item, region):
    if "|" in item[:3]:
        tag, text = item.split("|", 1)
        return tag == region, text
    return True, item


def rchoice(rng, items, region):
    ok = []
    for it in items:
        good, text = reg_ok(it, region)
        if good:
            ok.append(text)
    return rng.choice(ok)


def date_phrase(lang, d, form, rng, region, clinic_key=None):
    """Return a dict of slot variants for a date, by language:
    en: on/bare; tr: loc/rel/nom; pt: em/para/de; es: el/del/al."""
    m = d.month - 1
    day = d.day
    wdi = d.weekday()
    if lang == "en":
        WD, M, MA = WEEKDAYS["en"][wdi], MONTHS["en"][m], MONTHS["en_abbr"][m]
        if form == "wd_dm":
            x = rng.choice(["%s %d %s" % (WD, day, M), "%s, %s %d" % (WD, M, day), "%s %s %s" % (WD, M, en_ord(day)),
                            "%s %d %s" % (WEEKDAYS["en_abbr"][wdi], day, MA), "%s the %s of %s" % (WD, en_ord(day), M)])
        elif form == "dm":
            x = rng.choice(["%d %s" % (day, M), "%s %d" % (M, day), "%s %s" % (en_ord(day), M),
                            "the %s of %s" % (en_ord(day), M), "%s %s" % (M, en_ord(day))])
        elif form == "abbr":
            x = rng.choice(["%d %s" % (day, MA), "%s %d" % (MA, day), "%s %s" % (MA, en_ord(day))])
        elif form == "ord":
            x = "the %s" % en_ord(day)
        elif form == "wd_d":
            x = "%s the %s" % (WD, en_ord(day))
        elif form == "num":
            opts = ["%02d/%02d" % (day, d.month), "%d.%02d" % (day, d.month), "%02d-%02d" % (day, d.month)]
            if clinic_key == "gp-boston":
                opts.append("%d/%d" % (d.month, day))
            x = rng.choice(opts)
        elif form == "wd":
            x = rng.choice([WD, "this " + WD])
            return {"on": ("on " + x) if not x.startswith("this") else x, "bare": x}
        elif form == "tomorrow":
            return {"on": "tomorrow", "bare": "tomorrow"}
        elif form == "after_tomorrow":
            return {"on": "the day after tomorrow", "bare": "the day after tomorrow"}
        return {"on": "on " + x, "bare": x}
    if lang == "tr":
        WD, M = WEEKDAYS["tr"][wdi], MONTHS["tr"][m]
        if form == "wd_dm":
            if rng.random() < 0.6:
                core = "%d %s %s" % (day, M, WD)
                return {"loc": core + " günü", "rel": core + " günkü", "nom": core}
            return {"loc": "%s, %d %s" % (WD, day, TR_MONTH_LOC[m]), "rel": "%s, %d %ski" % (WD, day, TR_MONTH_LOC[m]),
                    "nom": "%s, %d %s" % (WD, day, M)}
        if form == "dm":
            return {"loc": "%d %s" % (day, TR_MONTH_LOC[m]), "rel": "%d %ski" % (day, TR_MONTH_LOC[m]), "nom": "%d %s" % (day, M)}
        if form == "abbr":
            ab = MONTHS["tr_abbr"][m]
            if rng.random() < 0.5:
                ab = lower(ab, "tr")
            core = "%d %s" % (day, ab)
            return {"loc": core + " tarihinde", "rel": core + " tarihli", "nom": core}
        if form == "ord":
            return {"loc": "ayın %d'%s" % (day, tr_day_poss(day, "loc")), "rel": "ayın %d'%ski" % (day, tr_day_poss(day, "loc")),
                    "nom": "ayın %d'%s" % (day, tr_day_poss(day))}
        if form == "wd_d":
            return {"loc": "ayın %d'%s, %s günü" % (day, tr_day_poss(day, "loc"), WD),
                    "rel": "ayın %d'%s, %s günkü" % (day, tr_day_poss(day, "loc"), WD),
                    "nom": "ayın %d'%s %s" % (day, tr_day_poss(day), WD)}
        if form == "num":
            core = rng.choice(["%02d.%02d" % (day, d.month), "%02d/%02d" % (day, d.month), "%d.%d.%d" % (day, d.month, d.year)])
            return {"loc": core + " tarihinde", "rel": core + " tarihli", "nom": core}
        if form == "wd":
            return {"loc": rng.choice(["%s günü" % WD, "bu %s" % WD]), "rel": "%s günkü" % WD, "nom": WD}
        if form == "tomorrow":
            return {"loc": "yarın", "rel": "yarınki", "nom": "yarın"}
        if form == "after_tomorrow":
            return {"loc": "öbür gün", "rel": "öbür günkü", "nom": "öbür gün"}
    if lang == "pt":
        fem = wdi < 5
        wd_full, wd_short = WEEKDAYS["pt"][wdi], WEEKDAYS["pt_short"][wdi]
        M = MONTHS["pt"][m]
        na = "na" if fem else "no"
        da = "da" if fem else "do"
        if form == "wd_dm":
            wd = rng.choice([wd_full, wd_short])
            core = rng.choice(["%s, %d de %s" % (wd, day, M), "%s, dia %d de %s" % (wd, day, M)])
            return {"em": "%s %s" % (na, core), "para": "para %s" % core, "de": "de %s" % core}
        if form == "dm":
            if region == "PT":
                em = rng.choice(["a %d de %s" % (day, M), "no dia %d de %s" % (day, M)])
            else:
                em = rng.choice(["dia %d de %s" % (day, M), "no dia %d de %s" % (day, M)])
            return {"em": em, "para": rng.choice(["para o dia %d de %s" % (day, M), "para %d de %s" % (day, M)]),
                    "de": rng.choice(["do dia %d de %s" % (day, M), "de %d de %s" % (day, M)])}
        if form == "abbr":
            ab = MONTHS["pt_abbr"][m]
            core = rng.choice(["%d %s" % (day, ab), "%d/%s" % (day, ab)])
            return {"em": "no dia " + core, "para": "para o dia " + core, "de": "do dia " + core}
        if form == "ord":
            return {"em": "no dia %d" % day, "para": "para o dia %d" % day if region == "PT" else rng.choice(["para o dia %d" % day, "pro dia %d" % day]),
                    "de": "do dia %d" % day}
        if form == "wd_d":
            wd = rng.choice([wd_full, wd_short])
            return {"em": "%s %s, dia %d" % (na, wd, day), "para": "para %s, dia %d" % (wd, day), "de": "de %s, dia %d" % (wd, day)}
        if form == "num":
            core = rng.choice(["%02d/%02d" % (day, d.month), "%d/%d" % (day, d.month)])
            return {"em": "no dia " + core, "para": "para o dia " + core, "de": "do dia " + core}
        if form == "wd":
            wd = rng.choice([wd_full, wd_short])
            return {"em": "%s %s" % (na, wd), "para": "para %s" % wd, "de": "de %s" % wd}
        if form == "tomorrow":
            return {"em": "amanhã", "para": "para amanhã", "de": "de amanhã"}
        if form == "after_tomorrow":
            return {"em": "depois de amanhã", "para": "para depois de amanhã", "de": "de depois de amanhã"}
    if lang == "es":
        wd, M = WEEKDAYS["es"][wdi], MONTHS["es"][m]
        if M == "septiembre" and region == "LA" and rng.random() < 0.4:
            M = "setiembre"
        if form == "wd_dm":
            core = rng.choice(["%s %d de %s" % (wd, day, M), "%s, %d de %s" % (wd, day, M)])
        elif form == "dm":
            core = rng.choice(["%d de %s" % (day, M), "día %d de %s" % (day, M)])
        elif form == "abbr":
            core = rng.choice(["%d %s" % (day, MONTHS["es_abbr"][m]), "%d/%s" % (day, MONTHS["es_abbr"][m])])
        elif form == "ord":
            core = rng.choice(["día %d" % day, "%d" % day])
        elif form == "wd_d":
            core = "%s %d" % (wd, day)
        elif form == "num":
            core = rng.choice(["%02d/%02d" % (day, d.month), "día %d/%d" % (day, d.month), "%d-%02d" % (day, d.month)])
        elif form == "wd":
            core = wd
        elif form == "tomorrow":
            return {"el": "mañana", "del": "de mañana", "al": "para mañana"}
        elif form == "after_tomorrow":
            return {"el": "pasado mañana", "del": "de pasado mañana", "al": "para pasado mañana"}
        return {"el": "el " + core, "del": "del " + core, "al": "al " + core}
    raise ValueError((lang, form))


def time_phrase(lang, minute, rng, region):
    """Return dict: en at/bare; tr loc/dat; pt as; es alas."""
    h, m = divmod(minute, 60)
    h12 = h % 12 or 12
    if lang == "en":
        opts = ["%d:%02d" % (h, m) if h >= 10 else "%d:%02d" % (h, m)]
        ap = "am" if h < 12 else "pm"
        opts.append("%d:%02d%s" % (h12, m, ap))
        opts.append("%d:%02d %s" % (h12, m, ap))
        if m == 0:
            opts += ["%d%s" % (h12, ap), "%d %s" % (h12, ap)]
        if m == 30 and rng.random() < 0.2:
            opts.append("half past %d%s" % (h12, "" if h < 12 else " in the afternoon") if 8 <= h <= 17 else "%d:30" % h)
        x = rng.choice(opts)
        return {"at": "at " + x, "bare": x}
    if lang == "tr":
        def t(case):
            forms = []
            forms.append("saat %02d:%02d'%s" % (h, m, tr_time_suffix(h, m, case)))
            forms.append("%02d.%02d'%s" % (h, m, tr_time_suffix(h, m, case)))
            if m == 0:
                forms.append("saat %d'%s" % (h, tr_time_suffix(h, 0, case)))
                if 13 <= h <= 17:
                    forms.append("öğleden sonra %d'%s" % (h12, tr_time_suffix(h12, 0, case)))
                if 8 <= h <= 10:
                    forms.append("sabah %d'%s" % (h, tr_time_suffix(h, 0, case)))
            return forms
        i = rng.randrange(len(t("loc")))
        return {"loc": t("loc")[i], "dat": t("dat")[i], "nom": "%02d:%02d" % (h, m)}
    if lang == "pt":
        opts = ["às %dh%02d" % (h, m) if m else "às %dh" % h, "às %d:%02d" % (h, m)]
        if m == 0 and 14 <= h <= 18:
            opts.append("às %d da tarde" % h12)
        if m == 0 and 8 <= h <= 11:
            opts.append("às %d da manhã" % h)
        if m == 30 and 8 <= h <= 11:
            opts.append("às %d e meia" % h)
        if region == "PT":
            opts.append(("pelas %dh%02d" % (h, m)) if m else "pelas %dh" % h)
        if m == 0:
            opts.append("às %d horas" % h)
        x = rng.choice(opts)
        return {"as": x, "bare": x.split(" ", 1)[1]}
    if lang == "es":
        opts = ["a las %d:%02d" % (h, m)]
        if m == 0:
            opts.append("a las %d" % h)
            if 14 <= h <= 19:
                opts.append("a las %d de la tarde" % h12)
            if 8 <= h <= 11:
                opts.append("a las %d de la mañana" % h)
        if m == 30:
            if 8 <= h <= 12 or h >= 13:
                opts.append("a las %d y media" % h)
            if 14 <= h <= 19:
                opts.append("a las %d y media de la tarde" % h12)
        if m == 15 and rng.random() < 0.5:
            opts.append("a las %d y cuarto" % h)
        x = rng.choice(opts)
        return {"alas": x, "bare": x.split(" ", 2)[2]}
    raise ValueError(lang)


def when_phrase(lang, dp, tp, rng):
    """Combine date and time phrases into the slot forms the templates use."""
    if lang == "en":
        return rng.choice(["%s %s" % (dp["on"], tp["at"]), "%s %s" % (tp["at"], dp["on"]),
                           "%s, %s" % (dp["on"], tp["at"])])
    if lang == "tr":
        return {"loc": "%s %s" % (dp["loc"], tp["loc"]), "dat": "%s %s" % (dp["loc"], tp["dat"])}
    if lang == "pt":
        sep = rng.choice([" ", ", "])
        return {"em": dp["em"] + sep + tp["as"], "para": dp["para"] + sep + tp["as"]}
    if lang == "es":
        sep = rng.choice([" ", ", "])
        return {"el": dp["el"] + sep + tp["alas"], "al": dp["al"] + sep + tp["alas"]}


def greeting(lang, hour, rng, region):
    r = rng.random()
    if r < 0.2:
        return ""
    timed = r < 0.65
    if lang == "en":
        if timed:
            g = rng.choice(["Good morning", "Morning", "Hi, good morning"]) if hour < 12 else \
                rng.choice(["Good afternoon", "Hi, good afternoon"]) if hour < 17 else rng.choice(["Good evening", "Hi, good evening"])
        else:
            g = rng.choice(["Hi", "Hello", "Hey", "Hi there", "Hiya", "Hello there"])
    elif lang == "tr":
        if timed:
            g = rng.choice(["Günaydın", "Günaydın, kolay gelsin"]) if hour < 11 else \
                rng.choice(["İyi günler", "Merhaba, iyi günler"]) if hour < 18 else rng.choice(["İyi akşamlar", "Merhaba, iyi akşamlar"])
        else:
            g = rng.choice(["Merhaba", "Merhabalar", "Selam", "Selamlar", "Merhaba, kolay gelsin", "Selamün aleyküm"])
    elif lang == "pt":
        if timed:
            g = "Bom dia" if hour < 12 else "Boa tarde" if hour < 19 else "Boa noite"
        else:
            g = rng.choice(["Olá", "Olá, bom dia"] if (region == "PT" and hour < 12) else (["Olá"] if region == "PT" else ["Oi", "Oii", "Olá, tudo bem?", "Oi, tudo bom?"]))
    else:
        if timed:
            g = (rng.choice(["Buenos días", "Buen día"]) if region == "LA" else "Buenos días") if hour < 13 else \
                "Buenas tardes" if hour < 20 else "Buenas noches"
        else:
            g = rng.choice(["Hola", "Buenas", "Hola, ¿qué tal?", "Holaa"])
    if g.endswith("?"):
        return g + " "
    return g + rng.choice([", ", "! ", ". ", " "])


END = {
    "en": ["", "", ".", " please", ", thanks", " thank you!", " if possible", ", cheers"],
    "tr": ["", "", ".", " lütfen", ", teşekkürler", " teşekkür ederim", ", şimdiden teşekkürler"],
    "pt": ["", "", ".", " por favor", ", obrigado", ", obrigada", "PT|, se faz favor", "BR|, valeu", " 😊"],
    "es": ["", "", ".", " por favor", ", gracias", ", muchas gracias", "LA|, porfa", "ES|, ¡gracias!"],
}


def end_phrase(lang, rng, region):
    return rchoice(rng, END[lang], region)


# ---- booking requests --------------------------------------------------------------------

def _fin(t, outro):
    if outro:
        t = t.rstrip()
        if not t.endswith((".", "!", "?", ")")):
            t += "."
    return t + outro


def req_book(lang, rng, region, g, svc, when, intro="", who="", outro="", end="", self_only=True):
    """A first message asking for a booking. `who` (someone else) is a phrase like
    en ' for my son Deniz Kaya' / tr 'oğlum Deniz Kaya için' / pt ' para o meu filho ...' / es ' para mi hijo ...'."""
    if lang == "en":
        ts = ["{g}{intro}I'd like to book {svc}{who} {when}{end}",
              "{g}{intro}could I get {svc}{who} {when}?{end}",
              "{g}{intro}do you have anything {when} for {svc}{who}?{end}",
              "{g}{intro}looking to book {svc}{who} {when}{end}",
              "{g}{intro}I need {svc}{who}, {when} if possible{end}",
              "{g}{intro}want to schedule {svc}{who} {when}{end}",
              "{g}so um, {intro}yeah, I've been meaning to sort this out for ages, I'd like to come in for {svc}{who}, maybe {when}, if that works for you guys, ok thanks{end}",
              "{g}{intro}hoping to get {svc}{who} booked {when}{end}",
              "{g}{intro}is there a slot {when}? it's for {svc}{who}{end}"]
        if not who:
            ts += ["{g}{intro}can you fit me in for {svc} {when}?{end}", "{g}{intro}please book me {svc} {when}{end}"]
        t = rng.choice(ts)
        if "um," in t:
            end = ""
        return tidy(_fin(t.format(g=g, intro=intro, svc=svc, who=who, when=when, end=end), outro))
    if lang == "tr":
        if who:
            ts = ["{g}{intro}{who} {wloc} {svc} randevusu almak istiyorum{end}",
                  "{g}{intro}{who} {svc} randevusu alabilir miyim? {wloc} uygun mu?{end}",
                  "{g}{intro}{who} randevu almak istiyorum, {svc}. {wloc} olabilir mi?{end}",
                  "{g}{intro}{wloc} {who} bir {svc} randevusu ayarlayabilir misiniz?{end}",
                  "{g}{intro}şey, {who} bir randevu lazım, {svc}, {wloc} olur mu acaba{end}"]
        else:
            ts = ["{g}{intro}{wloc} {svc} için randevu almak istiyorum{end}",
                  "{g}{intro}{svc} için {wdat} randevu alabilir miyim?{end}",
                  "{g}{intro}{wloc} {svc} için yeriniz var mı?{end}",
                  "{g}{intro}{wloc} müsait misiniz? {svc} için gelmek istiyorum{end}",
                  "{g}{intro}{svc} için randevu istiyorum, {wloc} olabilir mi?{end}",
                  "{g}şey {intro}ben bir {svc} için gelmek istiyordum aslında, ne bileyim, {wloc} olur mu acaba, uygunsa yani{end}",
                  "{g}{intro}{wdat} {svc} randevusu oluşturabilir misiniz?{end}",
                  "{g}{intro}{svc} için {wloc} bir randevu ayarlayabilir misiniz?{end}",
                  "{g}{intro}{wloc} {svc} randevusu istiyorum{end}"]
        t = rng.choice(ts)
        if "şey" in t:
            end = ""
        return tidy(_fin(t.format(g=g, intro=intro, svc=svc, who=who, wloc=when["loc"], wdat=when["dat"], end=end), outro))
    if lang == "pt":
        ts = ["{g}{intro}queria marcar {svc}{who} {wem}{end}",
              "{g}{intro}gostaria de marcar {svc}{who} {wpara}{end}",
              "{g}{intro}tem vaga {wem} para {svc}{who}?{end}",
              "{g}{intro}dá para marcar {svc}{who} {wem}?{end}",
              "{g}{intro}preciso de {svc}{who} {wem}, é possível?{end}"]
        if region == "BR":
            ts += ["{g}{intro}consigo agendar {svc}{who} {wpara}?{end}",
                   "{g}{intro}queria agendar {svc}{who} {wpara}{end}",
                   "{g}então, {intro}é o seguinte, tô precisando de {svc}{who} faz um tempo, sabe, e queria ver se dá {wem}, se der, né{end}",
                   "{g}{intro}vocês têm horário {wem} pra {svc}{who}?{end}"]
        else:
            ts += ["{g}olhe, {intro}eu queria ver se era possível marcar {svc}{who}, estava a pensar {wem}, se não houver problema{end}",
                   "{g}{intro}seria possível marcar {svc}{who} {wpara}?{end}",
                   "{g}{intro}têm disponibilidade {wem} para {svc}{who}?{end}"]
        t = rng.choice(ts)
        if "então, " in t or "olhe, " in t:
            end = ""
        return tidy(_fin(t.format(g=g, intro=intro, svc=svc, who=who, wem=when["em"], wpara=when["para"], end=end), outro))
    if lang == "es":
        ts = ["{g}{intro}quisiera reservar {svc}{who} {wel}{end}",
              "{g}{intro}necesito {svc}{who} {wel}, ¿se puede?{end}",
              "{g}{intro}¿hay disponibilidad {wel} para {svc}{who}?{end}",
              "{g}{intro}quería pedir cita para {svc}{who} {wel}{end}"]
        if region == "ES":
            ts += ["{g}{intro}¿tenéis hueco {wel} para {svc}{who}?{end}",
                   "{g}{intro}¿me podéis dar cita para {svc}{who} {wel}?{end}",
                   "{g}mira, {intro}te cuento, llevo unos días dándole vueltas y quería {svc}{who}, había pensado {wel}, si puede ser, ¿vale?{end}",
                   "{g}{intro}¿me apuntáis para {svc}{who} {wel}?{end}"]
        else:
            ts += ["{g}{intro}¿me pueden agendar {svc}{who} {wel}?{end}",
                   "{g}{intro}¿me regala una cita para {svc}{who} {wel}?{end}",
                   "{g}{intro}quería sacar turno para {svc}{who} {wel}{end}",
                   "{g}oye, {intro}fíjate que necesito {svc}{who}, y pues quería ver si {wel} se puede, ¿sí?{end}"]
        t = rng.choice(ts)
        if "mira, " in t or "oye, " in t:
            end = ""
        return tidy(_fin(t.format(g=g, intro=intro, svc=svc, who=who, wel=when["el"], end=end), outro))


INTRO = {
    "en": ["I'm {full}. ", "this is {full} here. ", "{full} here. ", "my name is {full}. ", "it's {full}. ",
           "I am {full}, "],
    "tr": ["ben {full}. ", "adım {full}. ", "ismim {full}, ", "{full} ben, ", "ben {full}, "],
    "pt": ["PT|chamo-me {full}. ", "BR|me chamo {full}. ", "sou {art} {full}. ", "aqui é {art} {full}. ",
           "PT|o meu nome é {full}. ", "BR|meu nome é {full}. ", "BR|aqui quem fala é {art} {full}. "],
    "es": ["me llamo {full}. ", "soy {full}. ", "le escribe {full}. ", "mi nombre es {full}. ", "LA|habla {full}. ",
           "LA|te escribe {full}. ", "ES|os escribe {full}. "],
}
OUTRO = {
    "en": [" My name's {full}.", " Name: {full}", " (it's {full}, by the way)", " - {full}", ". I'm {full} btw"],
    "tr": [" Adım {full}.", " Ad soyad: {full}", " {full} adına lütfen.", " İsmim {full}."],
    "pt": [" O meu nome é {full}.", " Nome: {full}", " Em nome de {full}.", " A nome de {full}.", " Sou {art} {full}."],
    "es": [" Me llamo {full}.", " A nombre de {full}.", " Nombre: {full}", " Soy {full}."],
}


def art(gender):
    return "a" if gender == "f" else "o"


def intro_phrase(lang, rng, region, full, gender):
    return rchoice(rng, INTRO[lang], region).format(full=full, art=art(gender))


def outro_phrase(lang, rng, region, full, gender):
    return rchoice(rng, OUTRO[lang], region).format(full=full, art=art(gender))


# ---- name answers ------------------------------------------------------------------------

OWN_NAME = {
    "en": ["{full}", "It's {full}", "My name is {full}", "{full} 🙂", "name's {full}", "oh sorry, {full}", "{full}, thanks",
           "sure, it's {full}", "I'm {full}"],
    "tr": ["{full}", "Adım {full}", "İsmim {full}", "Adım soyadım {full}", "{full} olarak kaydedin", "{full} adına alın lütfen",
           "Ben {full}", "Tabii, {full}", "adım {full}, teşekkürler"],
    "pt": ["{full}", "É {full}", "PT|Chamo-me {full}", "PT|É {art} {full}", "BR|Me chamo {full}", "BR|Meu nome é {full}",
           "a nome de {full}", "Sou {art} {full}", "Claro, {full}", "PT|O meu nome é {full}"],
    "es": ["{full}", "Me llamo {full}", "Soy {full}", "Mi nombre es {full}", "A nombre de {full}", "{full}, gracias",
           "Es {full}", "ES|Ponga {full}", "LA|Póngalo a nombre de {full}", "claro, {full}"],
}
OTHER_NAME = {
    "en": ["{full}", "{pos} name is {full}", "it's {full}", "{full}, {pro} is {age}", "put it under {full}",
           "{full} please", "{pos} full name is {full}"],
    "tr": ["{full}", "Adı {full}", "İsmi {full}", "Adı soyadı {full}", "{full} olarak kaydedin", "{full} adına", "{relgen} adı {full}",
           "{full}, {age} yaşında"],
    "pt": ["{full}", "É {art} {full}", "PT|Chama-se {full}", "BR|{Pro} se chama {full}", "O nome é {full}", "A nome de {full}",
           "{full}, tem {age} anos", "o nome completo é {full}"],
    "es": ["{full}", "Se llama {full}", "Es {full}", "A nombre de {full}", "Su nombre es {full}", "{full}, tiene {age} años",
           "Ponl{oa} a nombre de {full}", "{full}, gracias"],
}


def other_name_phrase(lang, rng, region, full, gender, rel_text, child):
    opts = OTHER_NAME[lang]
    if not child:
        opts = [o for o in opts if "{age}" not in o]
    t = rchoice(rng, opts, region)
    age = rng.choice([4, 6, 7, 9, 11]) if child else 0
    return tidy_keep_case(t.format(full=full, pos="her" if gender == "f" else "his", pro="she" if gender == "f" else "he",
                                   Pro="Ela" if gender == "f" else "Ele", art=art(gender), age=age,
                                   relgen=(TR_REL_GEN.get(rel_text, rel_text + "nin") if lang == "tr" else ""),
                                   oa="a" if gender == "f" else "o"))


def tidy_keep_case(s):
    s = re.sub(r"\s+", " ", s).strip()
    return s[:1].upper() + s[1:]


# ---- confirmations and refusals -----------------------------------------------------------

BARE_YES = {"en": ["yes", "Yes", "yes please", "yep"], "tr": ["evet", "Evet", "evet lütfen"],
            "pt": ["sim", "Sim", "sim, obrigado", "sim, obrigada"], "es": ["sí", "Sí", "sí, gracias", "si"]}

CONFIRM = {
    "book": {
        "en": ["yes go ahead and book it", "ok perfect, confirm please", "that works, book me in", "yes please, lock it in",
               "sounds good, please book it", "yep that's fine, go ahead", "great, yes, reserve it", "perfect, book it",
               "sure thing, please confirm it", "yes that time suits me, go ahead", "absolutely, put me down for that",
               "ok yes, book that one", "yes, that's perfect, confirm it", "go for it, yes"],
        "tr": ["tamam olur ayırın", "evet, onaylıyorum", "evet lütfen randevuyu oluşturun", "olur, kaydedin lütfen",
               "tamamdır, alalım o saati", "uygun, onaylayın lütfen", "evet evet, ayırın", "süper, onaylıyorum",
               "tamam, o saate yazın", "evet, o saat uyar, alın lütfen", "peki, rezerve edin", "olur, onayla lütfen",
               "evet uygun, kaydı yapın", "tamam anlaştık, onaylıyorum"],
        "pt": ["pode confirmar", "sim, pode marcar", "perfeito, marque por favor", "sim sim, pode agendar",
               "ok, fica marcado então", "combinado, pode reservar", "ótimo, confirma pra mim", "PT|sim, esse horário dá-me jeito, marque",
               "está ótimo, pode marcar", "BR|beleza, pode agendar", "sim, fico com esse, pode marcar", "BR|isso, pode fechar",
               "PT|sim, marque lá isso", "BR|fechado, pode confirmar"],
        "es": ["vale, resérvamela", "sí, resérvela por favor", "perfecto, confírmala", "sí, me viene bien, apúntame",
               "genial, resérvalo", "LA|dale, agéndamela", "sí, confirme por favor", "de acuerdo, resérvala",
               "sí porfa, resérvala", "me va perfecto, confírmalo", "ok, apúntamelo", "LA|listo, agéndela",
               "ES|vale, perfecto, me la reservas", "LA|sí, está bien, confírmemela"],
    },
    "cancel": {
        "en": ["Yes please go ahead and cancel", "yes, cancel it", "yep, please cancel that one", "correct, cancel it please",
               "yes I'm sure, cancel it", "yes, please cancel the appointment"],
        "tr": ["evet iptal edin lütfen", "evet, iptal edebilirsiniz", "evet eminim, iptal edin", "tamam, iptal edelim",
               "evet, randevuyu iptal edin", "evet iptal olsun"],
        "pt": ["sim, pode desmarcar", "pode cancelar sim", "sim, cancele por favor", "isso, pode cancelar",
               "BR|sim, desmarca pra mim", "PT|sim, pode anular"],
        "es": ["sí, cancélala por favor", "sí, anúlala", "sí, cancélela", "vale, cancela la cita", "LA|sí, cancélemela",
               "ES|sí, anuladla por favor"],
    },
    "move": {
        "en": ["yes, move it please", "ok, change it to that", "perfect, please reschedule it", "yes, that works, move it",
               "yes, go ahead and switch it"],
        "tr": ["evet, değiştirin lütfen", "tamam, o saate alın", "olur, taşıyın", "evet, yeni saate geçirin",
               "tamam, randevuyu oraya alın"],
        "pt": ["sim, pode mudar", "sim, pode remarcar", "perfeito, altere por favor", "ok, muda para esse",
               "BR|isso, pode trocar"],
        "es": ["sí, cámbiala", "vale, muévela a esa hora", "sí, cámbiemela por favor", "perfecto, cámbiala a ese día",
               "LA|dale, cámbiala"],
    },
}
REFUSE = {
    "book": {
        "en": ["no, leave it, thanks", "actually no, don't book it", "hmm no, I'll think about it and get back to you",
               "no thanks, not now", "nah, forget it for now", "no, please don't book anything yet"],
        "tr": ["hayır vazgeçtim", "yok, almayalım şimdilik", "hayır, teşekkürler, kalsın", "hayır, şimdilik gerek yok",
               "boşverin, sonra yazarım", "yok yok, vazgeçtim, teşekkürler"],
        "pt": ["não, deixa estar", "não, obrigado, fica para outra altura", "afinal não, não marque", "não, esquece",
               "não precisa, obrigada", "melhor não, depois eu vejo"],
        "es": ["no, mejor no", "no, déjalo, gracias", "mejor lo dejamos, no la reserves", "no, olvídalo",
               "no gracias, ya veré", "nah, mejor no reserves nada"],
    },
    "cancel": {
        "en": ["no, leave it as it is", "no wait, keep it", "actually no, don't cancel", "no no, I'll keep the appointment"],
        "tr": ["hayır, kalsın", "hayır vazgeçtim, iptal etmeyin", "yok, iptal etmeyin", "hayır, randevu dursun"],
        "pt": ["não, deixa estar", "não, afinal mantenha", "não cancele, por favor, eu vou", "não, fica como está"],
        "es": ["no, mejor no", "no, déjala como está", "no, no la canceles", "no, mejor la mantengo"],
    },
    "move": {
        "en": ["no, leave it as it is", "hmm no, keep the original one", "no thanks, I'll keep my current time"],
        "tr": ["hayır, eski saat kalsın", "yok, değiştirmeyin", "hayır vazgeçtim, kalsın"],
        "pt": ["não, deixa como está", "não, mantenha a original", "não, deixa estar"],
        "es": ["no, déjala como estaba", "no, mejor no la muevas", "no, mejor no"],
    },
}
# ============================================================================================
# Free texts: emergencies, medical questions (clinic_fit), cancels, moves, date follow-ups
# ============================================================================================

# specialty -> lang -> list of urgent descriptions (patient's own words)
EMERGENCY = {
    "dental": {
        "en": ["I had a tooth pulled yesterday and it's still bleeding a lot, I've gone through a pile of gauze and it won't stop",
               "my face is swollen up on one side from a bad tooth and now I've got a fever and can barely open my mouth",
               "my jaw and cheek are so swollen I'm finding it hard to swallow and even breathe properly",
               "my son fell off his bike and knocked his front tooth out, there's blood everywhere and he hit his head and threw up",
               "the gum where they took my wisdom tooth out is pouring blood, been like 2 hours, feeling faint",
               "my whole lower face is puffed up, 39 fever and the swelling is going down my neck"],
        "tr": ["dün diş çektirdim kanama hiç durmuyor, gazlı bez üstüne gazlı bez değiştiriyorum",
               "yüzümün bir tarafı balon gibi şişti, ateşim de var 39, ağzımı açamıyorum",
               "çenem öyle şişti ki yutkunamıyorum, nefes almakta zorlanıyorum",
               "oğlum düştü ön dişi kırıldı ağzı kan içinde, başını da çarptı kusuyor",
               "yirmilik dişimi çektiler 2 saattir kan duruyor değil, başım dönüyor bayılacak gibiyim",
               "dişim yüzünden boynuma kadar şişlik indi, ateşim yükseliyor"],
        "pt": ["tirei um dente ontem e não para de sangrar, já troquei as compressas mil vezes",
               "BR|tô com o rosto todo inchado de um lado por causa de um dente e com febre de 39",
               "PT|estou com a cara toda inchada de um lado por causa de um dente e com febre, quase não abro a boca",
               "a bochecha inchou tanto que mal consigo engolir e respirar",
               "PT|o meu filho caiu e partiu o dente da frente, sangra muito e bateu com a cabeça, já vomitou",
               "BR|meu filho caiu, quebrou o dente da frente, sangrando muito e bateu a cabeça, vomitou",
               "o inchaço do dente está a descer para o pescoço e a febre não baixa"],
        "es": ["me sacaron una muela ayer y no para de sangrar, ya he cambiado la gasa mil veces",
               "tengo la cara hinchadísima de un lado por una muela y fiebre de 39, casi no abro la boca",
               "se me ha hinchado tanto la mandíbula que no puedo tragar y me cuesta respirar",
               "mi hijo se cayó, se partió un diente, sangra mucho y se dio en la cabeza, ha vomitado",
               "LA|me sacaron la muela del juicio y no deja de sangrar, llevo dos horas, me siento mareada",
               "la hinchazón de la muela me está bajando al cuello y la fiebre no baja"],
    },
    "dermatology": {
        "en": ["I put on the new cream and now my lips and tongue are swelling up and my throat feels tight",
               "after the peel my face is burning and swelling and I'm having trouble breathing",
               "i have a rash spreading all over my body with blisters and a high fever, skin is peeling off in sheets",
               "my eyelids and lips swelled up after a bee sting and it's getting hard to breathe",
               "took the new tablets the derm gave me and now I'm covered in hives, my throat is closing up",
               "my face blew up after the laser, my lips are huge and I feel dizzy and faint"],
        "tr": ["kremi sürdükten sonra dudaklarım şişti, boğazım kapanıyor gibi",
               "peelingden sonra yüzüm yanıyor şişti, nefes alamıyorum",
               "vücudumda içi su dolu kabarcıklar çıktı ateşim çok yüksek, derim soyuluyor",
               "arı soktu gözlerim dudaklarım şişti nefesim daralıyor",
               "yeni ilacı içtim her yerim kurdeşen oldu, dilim şişiyor",
               "lazerden sonra yüzüm şişti dudaklarım kocaman oldu, başım dönüyor bayılacağım"],
        "pt": ["pus o creme novo e os lábios começaram a inchar, sinto a garganta a fechar",
               "depois do peeling a cara inchou toda e estou com falta de ar",
               "apareceram bolhas pelo corpo todo e estou com febre altíssima, a pele está a sair",
               "BR|fui picada por uma abelha e os olhos e a boca incharam, tá difícil respirar",
               "PT|fui picada por uma vespa e incharam-me os olhos e os lábios, custa-me respirar",
               "tomei o comprimido novo e fiquei cheia de manchas, a língua está inchando"],
        "es": ["me puse la crema nueva y se me están hinchando los labios, noto la garganta cerrada",
               "tras el peeling se me hinchó la cara y me ahogo",
               "me han salido ampollas por todo el cuerpo y tengo fiebre muy alta, se me cae la piel",
               "me picó una avispa y se me hincharon los labios y los ojos, me cuesta respirar",
               "LA|me tomé la pastilla nueva y me salió ronchas por todo el cuerpo, se me hincha la lengua",
               "después del láser se me hinchó muchísimo la cara, estoy mareada y siento que me desmayo"],
    },
    "physiotherapy": {
        "en": ["I slipped at the gym and hit my head, now I keep throwing up and feel really dizzy",
               "doing my exercises I got this crushing pain in my chest that's going down my left arm",
               "my dad's face suddenly drooped on one side and he can't lift his arm, we were on our way to physio",
               "my calf has been swollen and hot since the op and now I'm short of breath and my chest hurts",
               "my wife just fainted after her session and she's not responding properly",
               "fell off a ladder, banged my head, been sick twice and can't remember bits"],
        "tr": ["spor salonunda düştüm kafamı çarptım, sürekli kusuyorum başım dönüyor",
               "egzersiz yaparken göğsüme bir ağrı girdi sol koluma vuruyor",
               "babamın yüzünün bir tarafı birden kaydı, kolunu kaldıramıyor, konuşması bozuldu",
               "ameliyattan sonra baldırım şişti sıcak, şimdi de nefes darlığı ve göğüs ağrısı var",
               "eşim seanstan sonra bayıldı, tam kendine gelemiyor",
               "merdivenden düştüm başımı çarptım iki kere kustum"],
        "pt": ["caí no ginásio e bati com a cabeça, agora não paro de vomitar",
               "BR|tô com uma dor no peito que vai pro braço esquerdo, começou no exercício",
               "PT|estava a fazer os exercícios e deu-me uma dor no peito que vai para o braço esquerdo",
               "a cara do meu pai ficou torta de repente e ele não mexe o braço",
               "a perna está inchada e quente desde a cirurgia e agora estou com falta de ar",
               "a minha mulher desmaiou depois da sessão e não está a responder bem"],
        "es": ["me caí en el gimnasio y me di en la cabeza, no paro de vomitar",
               "haciendo los ejercicios me dio un dolor en el pecho que se me va al brazo izquierdo",
               "a mi padre se le ha torcido la boca de repente y no puede mover el brazo",
               "se me ha hinchado la pierna tras la operación y ahora me falta el aire, me duele el pecho",
               "mi mujer se ha desmayado después de la sesión y no reacciona bien",
               "LA|me caí de la escalera, me pegué en la cabeza y ya vomité dos veces"],
    },
    "general practice": {
        "en": ["my little girl has a fever of 40 and a stiff neck and she's really drowsy",
               "chest pain going into my left arm and jaw, sweating a lot",
               "my husband just fainted in the kitchen and he's not really responding properly",
               "can't catch my breath at all, my lips look bluish",
               "my mum suddenly can't speak properly and one side of her face is drooping",
               "my son is burning up, 104 fever, neck is stiff and he's got a weird rash that doesn't fade"],
        "tr": ["kızımın ateşi 40, boynu kaskatı, uyandıramıyorum doğru dürüst",
               "göğsümde baskı var sol koluma yayılıyor, soğuk soğuk terliyorum",
               "eşim mutfakta bayıldı, ayılmıyor tam",
               "nefes alamıyorum dudaklarım morardı",
               "annemin ağzı kaydı, bir kolunu kaldıramıyor, konuşamıyor",
               "oğlumun ateşi 40'ı geçti, ense sertliği var, döküntü çıktı"],
        "pt": ["BR|meu filho tá com 40 de febre e o pescoço duro, tá muito molinho",
               "PT|o meu filho tem 40 de febre e o pescoço rígido, está muito prostrado",
               "dor no peito que desce pro braço esquerdo e suando frio",
               "a minha mãe desmaiou e não acorda direito",
               "não consigo respirar direito, os lábios estão ficando roxos",
               "BR|meu marido de repente não consegue falar e a boca entortou",
               "PT|o meu marido de repente não consegue falar e tem a boca ao lado"],
        "es": ["mi niña tiene 40 de fiebre y el cuello rígido, está muy adormilada",
               "tengo un dolor en el pecho que me baja por el brazo izquierdo y sudo frío",
               "mi marido se desmayó en la cocina y no reacciona bien",
               "no puedo respirar bien, tengo los labios morados",
               "a mi madre se le ha torcido la cara de un lado y no le salen las palabras",
               "LA|mi hijo tiene fiebre altísima, el cuello tieso y unas manchitas que no se quitan"],
    },
}

EMERG_OPEN = {
    "en": ["help!! ", "urgent - ", "please help, ", "sorry to bother but ", "", "", "hello? ", "PLEASE ", "what do I do, "],
    "tr": ["acil!! ", "yardım edin ", "lütfen acil ", "", "", "merhaba ", "ne yapmam lazım, ", "ACİL "],
    "pt": ["socorro ", "urgente!! ", "por favor ajudem, ", "", "", "olá ", "BR|gente ", "o que faço, "],
    "es": ["ayuda!! ", "urgente, ", "por favor, ", "", "", "hola ", "LA|auxilio ", "¿qué hago? "],
}
EMERG_CLOSE = {
    "en": ["", "", " what should I do??", " can someone call me", " is there anyone there", "!!"],
    "tr": ["", "", " ne yapmalıyım??", " biri arasın lütfen", " acil dönün", "!!"],
    "pt": ["", "", " o que eu faço??", " alguém me liga por favor", "!!", "PT| o que devo fazer?"],
    "es": ["", "", " ¿qué hago??", " que alguien me llame por favor", "!!", "LA| qué hago ahorita"],
}
EMERG_EMOJI = ("😰", "😭", "🆘", "😢", "🙏")

# medical-advice questions (not urgent) per specialty
MED_Q = {
    "dental": {
        "en": ["my gums bleed a little when I brush, should I switch toothpaste or is that normal?",
               "I've got a sensitive tooth when I drink cold stuff, what can I put on it?"],
        "tr": ["dişlerimi fırçalarken diş etim biraz kanıyor, normal mi, hangi macunu kullanayım?",
               "soğuk bir şey içince dişim sızlıyor, ne sürebilirim?"],
        "pt": ["as gengivas sangram um pouco quando escovo, é normal? que pasta devo usar?",
               "tenho um dente sensível ao frio, o que posso pôr?"],
        "es": ["me sangran un poco las encías al cepillarme, ¿es normal? ¿qué pasta uso?",
               "tengo un diente sensible al frío, ¿qué me puedo poner?"],
    },
    "dermatology": {
        "en": ["I've had an itchy red rash on my arms for a week, what cream should I use?",
               "my skin gets really dry and flaky in winter, should I use a steroid cream?"],
        "tr": ["bir haftadır kollarımda kaşıntılı kızarıklık var, hangi kremi süreyim?",
               "kışın cildim çok kuruyor pul pul oluyor, kortizonlu krem kullanayım mı?"],
        "pt": ["tenho há uma semana uma alergia vermelha nos braços que faz comichão, que creme devo pôr?",
               "a minha pele fica muito seca no inverno, devo usar um creme com cortisona?"],
        "es": ["llevo una semana con un sarpullido rojo en los brazos que pica, ¿qué crema me pongo?",
               "en invierno se me reseca mucho la piel, ¿uso una crema con corticoides?"],
    },
    "physiotherapy": {
        "en": ["my knee hurts after running, should I put ice or heat on it?",
               "I've got a stiff neck from the computer, what stretches should I do?"],
        "tr": ["koşudan sonra dizim ağrıyor, buz mu koyayım sıcak mı?",
               "bilgisayardan boynum tutuldu, hangi esnetmeleri yapayım?"],
        "pt": ["o joelho dói depois de correr, ponho gelo ou calor?",
               "tenho o pescoço preso de estar ao computador, que alongamentos faço?"],
        "es": ["me duele la rodilla después de correr, ¿hielo o calor?",
               "tengo el cuello cargado del ordenador, ¿qué estiramientos hago?"],
    },
    "general practice": {
        "en": ["I've had a sore throat for 3 days, do I need antibiotics?",
               "can I take ibuprofen and paracetamol together for a cold?"],
        "tr": ["3 gündür boğazım ağrıyor, antibiyotik kullanmam gerekir mi?",
               "soğuk algınlığı için parol ile ibuprofeni beraber alabilir miyim?"],
        "pt": ["estou com dor de garganta há 3 dias, preciso de antibiótico?",
               "posso tomar ibuprofeno e paracetamol juntos para a gripe?"],
        "es": ["llevo 3 días con dolor de garganta, ¿necesito antibiótico?",
               "¿puedo tomar ibuprofeno y paracetamol juntos para el resfriado?"],
    },
}
# words that do not fit the clinic's specialty (must not appear in its replies)
WRONG_FIT = {
    "dental": ["dermatolog", "fisioterap", "physiotherap", "fizyoterap"],
    "dermatology": ["dentist", "dentista", "diş hekim", "dişçi", "odontolog", "fisioterap", "physiotherap", "fizyoterap"],
    "physiotherapy": ["dentist", "dentista", "diş hekim", "dişçi", "odontolog", "dermatolog"],
    "general practice": ["dentist", "dentista", "diş hekim", "dişçi", "odontolog"],
}
# ============================================================================================
# Dialog builder and scenarios
# ============================================================================================

SEED = 20270617
START = Date(2027, 1, 10)  # the checker accepts now in 2027-01-10 .. 2027-04-20


class Retry(Exception):
    pass


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    r = rng.uniform(0, tot)
    for v, w in pairs:
        r -= w
        if r <= 0:
            return v
    return pairs[-1][0]


def fold_first(full):
    return full.split()[0]


class D:
    """One dialog under construction."""

    def __init__(self, rng, lang, clinic=None, clinics=None, style=None):
        self.rng = rng
        self.lang = lang
        if clinic is None:
            pairs = CLINIC_WEIGHTS[lang]
            if clinics:
                pairs = [(c, w) for c, w in pairs if c in clinics]
            clinic = wchoice(rng, pairs)
        self.clinic_key = clinic
        self.clinic = CLINICS[clinic]
        if lang == "pt":
            self.region = "PT" if rng.random() < {"dermatology-lisbon": 0.85, "gp-sao-paulo": 0.1}.get(clinic, 0.5) else "BR"
        elif lang == "es":
            self.region = "ES" if rng.random() < {"physio-madrid": 0.8, "gp-boston": 0.15, "gp-sao-paulo": 0.2}.get(clinic, 0.55) else "LA"
        else:
            self.region = None
        day = START + timedelta(days=rng.randrange(0, 101))
        hour = wchoice(rng, [(h, 3 if 8 <= h <= 20 else 1) for h in range(7, 23)])
        self.now = datetime(day.year, day.month, day.day, hour, rng.randrange(0, 60))
        self.cal = Calendar(clinic, self.now)
        self.household = []
        self.turns = []
        self.final = {"booked": [], "cancelled": [], "moved": []}
        self.kinds = []
        self.protect = []
        self.profile = None
        self.surnames = {}
        if style is None:
            style = self.pick_style()
        self.style = style

    # ---- people -----------------------------------------------------------------------
    def pick_style(self):
        rng = self.rng
        k = wchoice(rng, [("clean", 40), ("lower", 15), ("fold", 12), ("foldlower", 13), ("typo", 12), ("typolower", 8)])
        st = Style(fold_="fold" in k, lower_="lower" in k, typo=0.5 if "typo" in k else 0.0,
                   emoji=rng.choice([0.0, 0.2, 0.35]))
        return st

    def person(self, gender=None, surname=None, lang=None, avoid_first=()):
        lang = lang or self.lang
        rng = self.rng
        pool = FIRST[lang]
        if gender:
            pool = [p for p in pool if p[1] == gender]
        pool = [p for p in pool if p[0].split()[0] not in avoid_first] or pool
        first, g = rng.choice(pool)
        if lang == "es":
            if surname:
                last = surname
            else:
                last = rng.choice(LAST["es"])
                if rng.random() < 0.6:
                    last2 = rng.choice([x for x in LAST["es"] if x != last])
                    last = last + " " + last2
        elif lang == "pt":
            if surname:
                last = surname
            else:
                last = rng.choice(LAST["pt"])
                r = rng.random()
                if r < 0.3:
                    last = rng.choice([x for x in LAST["pt"] if x != last]) + " " + last
                elif r < 0.4:
                    last = rng.choice(["Araújo dos Santos", "Pereira da Silva", "Sousa e Melo", "Costa Cabral", "da Conceição"])
        else:
            last = surname or rng.choice(LAST[lang])
        full = "%s %s" % (first, last)
        self.surnames[full] = last
        return full, first.split()[0], g

    def surname_of(self, full, first=None):
        return self.surnames.get(full) or full.split(" ", 1)[1]

    def set_profile(self, mode, avoid=()):
        rng = self.rng
        if mode == "none":
            self.profile = None
        elif mode == "emoji":
            self.profile = rng.choice(PROFILE_EMOJI)
        elif mode == "nick":
            self.profile = rng.choice(PROFILE_NICK[self.lang])
        elif mode == "other":
            while True:
                full, _, _ = self.person()
                if full not in avoid:
                    break
            self.profile = full
        else:
            self.profile = mode

    def random_profile(self, avoid=()):
        self.set_profile(wchoice(self.rng, [("none", 15), ("emoji", 20), ("nick", 35), ("other", 30)]), avoid)

    # ---- calendar -----------------------------------------------------------------------
    def date_in(self, skey, kmin, kmax, need=3, pred=None, prac=None):
        rng = self.rng
        cands = []
        for k in range(kmin, kmax + 1):
            d = self.now.date() + timedelta(days=k)
            if pred and not pred(d):
                continue
            if len(self.cal.free_times(skey, d, prac)) >= need:
                cands.append(d)
        if not cands:
            raise Retry("no date")
        return rng.choice(cands)

    def noise(self, d, n=None):
        """Other patients' appointments on day d (blocked)."""
        rng = self.rng
        if n is None:
            n = rng.randrange(0, 5)
        for _ in range(n * 3):
            if n <= 0:
                break
            p = rng.choice(list(self.cal.pracs))
            svcs = [s for s in self.cal.services if p in self.cal.services[s]["practitioners"]]
            if not svcs:
                continue
            s = rng.choice(svcs)
            rs = self.cal.ranges(p, d)
            if not rs:
                continue
            a, b = rng.choice(rs)
            ms = [m for m in range(a, b, self.cal.grid) if self.cal.can_place(p, s, d, m)]
            if not ms:
                continue
            m = rng.choice(ms)
            self.cal.blocked.append({"practitioner": p, "service": s, "start": fmt_dt(datetime(d.year, d.month, d.day) + timedelta(minutes=m))})
            n -= 1

    def block_all(self, skey, d, minute):
        """Make `minute` not free for skey by giving every free practitioner another patient."""
        for p in self.cal.free_pracs(skey, d, minute):
            self.cal.blocked.append({"practitioner": p, "service": skey,
                                     "start": fmt_dt(datetime(d.year, d.month, d.day) + timedelta(minutes=minute))})
        assert not self.cal.is_free(skey, d, minute)

    def time_in(self, skey, d, lo=0, hi=24 * 60, prac=None, avoid=(), nice=True):
        ft = [m for m in self.cal.free_times(skey, d, prac) if lo <= m <= hi and m not in avoid]
        if not ft:
            raise Retry("no time")
        if nice:
            n = [m for m in ft if m % 30 == 0]
            if n and self.rng.random() < 0.8:
                ft = n
        return self.rng.choice(ft)

    def add_existing(self, patient, skey, d, lo=9 * 60, hi=18 * 60):
        rng = self.rng
        opts = []
        for p in self.cal.services[skey]["practitioners"]:
            for m in range(0, 24 * 60, self.cal.grid):
                if lo <= m <= hi and self.cal.prac_free(p, skey, d, m):
                    st = datetime(d.year, d.month, d.day) + timedelta(minutes=m)
                    if any(a < st + timedelta(minutes=self.cal.dur(skey)) and st < b for a, b in self.cal.household_busy()):
                        continue
                    opts.append((p, m))
        if not opts:
            raise Retry("no existing slot")
        nice = [o for o in opts if o[1] % 30 == 0]
        p, m = rng.choice(nice or opts)
        e = {"patient": patient, "service": skey, "practitioner": p,
             "start": fmt_dt(datetime(d.year, d.month, d.day) + timedelta(minutes=m))}
        self.cal.existing.append(e)
        return e

    # ---- phrases ------------------------------------------------------------------------
    def g(self):
        return greeting(self.lang, self.now.hour, self.rng, self.region)

    def end(self):
        return end_phrase(self.lang, self.rng, self.region)

    def svc_phrase(self, skey, words=False):
        bank = (SVC_WORDS if words else SVC)[self.clinic_key][skey][self.lang]
        return rchoice(self.rng, bank, self.region)

    def date_p(self, d, form):
        return date_phrase(self.lang, d, form, self.rng, self.region, self.clinic_key)

    def time_p(self, minute):
        return time_phrase(self.lang, minute, self.rng, self.region)

    def when(self, d, form, minute):
        return when_phrase(self.lang, self.date_p(d, form), self.time_p(minute), self.rng)

    def rel_text(self, rel):
        return rchoice(self.rng, REL_MY[self.lang][rel], self.region)

    def who_phrase(self, rel_text, full=None):
        """'for my son Deniz Kaya' in the request slot of each language."""
        L = self.lang
        if L == "en":
            return " for %s%s" % (rel_text, (" " + full) if full else "") if self.rng.random() < 0.7 or not full else \
                " for %s (%s)" % (rel_text, full)
        if L == "tr":
            return "%s%s için" % (rel_text, (" " + full) if full else "")
        if L == "pt":
            pre = "para " if self.region == "PT" else self.rng.choice(["para ", "pra ", "pro "])
            if pre in ("pra ", "pro "):
                pre = "pra " if rel_text.startswith("minha") else "pro " if rel_text.startswith("meu") else "para "
            if full and self.rng.random() < 0.3:
                return " %s%s, %s," % (pre, rel_text, full)
            return " %s%s%s" % (pre, rel_text, (" " + full) if full else "")
        if L == "es":
            if full and self.rng.random() < 0.3:
                return " para %s, %s," % (rel_text, full)
            return " para %s%s" % (rel_text, (" " + full) if full else "")

    def pick_form(self, explicit_bias=0.5):
        rng = self.rng
        if rng.random() < explicit_bias:
            return wchoice(rng, [("wd_dm", 40), ("dm", 20), ("abbr", 10), ("ord", 8), ("wd_d", 10), ("num", 12)])
        return wchoice(rng, [("wd", 50), ("tomorrow", 30), ("after_tomorrow", 10), ("wd_dm", 10)])

    def date_for_form(self, skey, form, kmin=None, kmax=None, need=3, prac=None, extra=None):
        now = self.now.date()

        def pred(d):
            if extra and not extra(d):
                return False
            k = (d - now).days
            if form == "wd":
                return 1 <= k <= 6 and d.weekday() != now.weekday()
            if form == "tomorrow":
                return k == 1
            if form == "after_tomorrow":
                return k == 2
            if form == "num":
                return d.day > 12
            if form in ("ord", "wd_d"):
                return k <= 24
            return True
        lo = kmin if kmin is not None else {"tomorrow": 1, "after_tomorrow": 2, "wd": 1}.get(form, 2)
        hi = kmax if kmax is not None else {"tomorrow": 1, "after_tomorrow": 2, "wd": 6, "ord": 24, "wd_d": 24}.get(form, 50)
        return self.date_in(skey, lo, hi, need=need, pred=pred, prac=prac)

    def tag_form(self, form):
        if form in EXPLICIT_FORMS:
            self.kind("explicit_dates")

    def kind(self, k):
        if k not in self.kinds:
            self.kinds.append(k)

    # ---- turns --------------------------------------------------------------------------
    def say(self, text, expect=None, protect_names=True, emergency=False):
        if self.lang == "tr":
            # sentence-initial i capitalised by tidy() is a dotted İ in Turkish (names keep their own I)
            names = [n for n in self.protect if n.startswith("I")]

            def fix(mo):
                if any(mo.group(2).startswith(n.split()[0]) for n in names):
                    return mo.group(0)
                return mo.group(1) + "İ" + mo.group(2)[1:]
            text = re.sub(r"(^|[.!?]\s+)(I[a-zçğıöşü]\w*)", fix, text)
        prot = list(self.protect) if protect_names else []
        em = EMERG_EMOJI if emergency else ("🙂", "🙏", "😊", "👍", "😅", "🤞")
        t = self.style.apply(text, self.lang, self.rng, protect=prot, emojis=em)
        turn = {"patient": t}
        if expect:
            turn["expect"] = expect
        self.turns.append(turn)
        return t

    def confirm(self, action, sentence=True, expect=None):
        if sentence:
            txt = rchoice(self.rng, CONFIRM[action][self.lang], self.region)
            self.kind("yes_in_sentence")
        else:
            txt = self.rng.choice(BARE_YES[self.lang])
        self.say(txt, expect)

    def refuse(self, action, expect=None):
        self.kind("yes_in_sentence")
        self.say(rchoice(self.rng, REFUSE[action][self.lang], self.region), expect)

    def book(self, patient, skey, d, minute=None, window=None):
        b = {"patient": patient, "service": skey, "practitioner": None, "date": d.isoformat()}
        if window:
            b["window"] = list(window)
        else:
            b["time"] = fmt_hm(minute)
        self.final["booked"].append(b)

    def to_dict(self, did):
        contact = {"phone": self.phone, "profile_name": self.profile}
        return {
            "id": did,
            "language": self.lang,
            "kinds": self.kinds,
            "clinic": self.clinic_key,
            "now": fmt_dt(self.now),
            "contact": contact,
            "household": [{"name": n} for n in self.household],
            "existing": self.cal.existing,
            "blocked": sorted(self.cal.blocked, key=lambda e: (e["start"], e["practitioner"])),
            "turns": self.turns,
            "final": self.final,
        }


# ============================================================================================
# Scenario helpers
# ============================================================================================

def svc_for(dd, group="adult"):
    table = {"child": CHILD_SVC, "adult": ADULT_SVC, "elder": ELDER_SVC}[group]
    return dd.rng.choice(table[dd.clinic_key])


def group_of(rel):
    g = REL_GROUP[rel]
    return {"child": "child", "grand": "elder", "parent": "elder"}.get(g, "adult")


def setup_self_household(dd, profile_mode=None):
    full, first, g = dd.person()
    dd.household = [full]
    dd.protect += [full, first]
    if profile_mode:
        dd.set_profile(profile_mode, avoid=(full,))
    else:
        dd.random_profile(avoid=(full,))
    return full, first, g


def std_booking(dd, skey, form, who_text="", intro="", outro="", kmin=None, kmax=None, nice=True):
    """Choose date+time (free) and return (d, minute, message)."""
    d = dd.date_for_form(skey, form, kmin, kmax)
    dd.noise(d)
    minute = dd.time_in(skey, d, nice=nice)
    w = dd.when(d, form, minute)
    msg = req_book(dd.lang, dd.rng, dd.region, dd.g(), dd.svc_phrase(skey), w, intro=intro, who=who_text,
                   outro=outro, end=dd.end())
    dd.tag_form(form)
    return d, minute, msg


def maybe_background_existing(dd, patient, avoid_day=None):
    if dd.rng.random() < 0.3:
        skey = svc_for(dd)
        k = dd.rng.randrange(3, 40)
        d = dd.now.date() + timedelta(days=k)
        if d == avoid_day:
            return
        try:
            dd.add_existing(patient, skey, d)
        except Retry:
            pass


# ============================================================================================
# names
# ============================================================================================

def sc_names(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("names")
    full, first, gender = dd.person()
    lowname = (dd.style.lower or dd.style.fold) and rng.random() < 0.6
    name_typed = dd.style.name_form(full, L, protect=not lowname)
    if not lowname:
        dd.protect += [full, first]
    dd.random_profile(avoid=(full, name_typed))
    nc = {"not_contains": [dd.profile]} if dd.profile and len(dd.profile.split()) >= 2 and dd.profile[0].isalpha() \
        and dd.profile not in PROFILE_NICK[L] else None
    skey = svc_for(dd)
    form = dd.pick_form(0.6)
    sentence = rng.random() < 0.6
    if variant == "intro":
        intro = intro_phrase(L, rng, dd.region, full, gender)
        d, minute, msg = std_booking(dd, skey, form, intro=intro)
        dd.say(msg, exp_time(minute, nc), protect_names=not lowname)
        dd.confirm("book", sentence)
    elif variant == "outro":
        outro = outro_phrase(L, rng, dd.region, full, gender)
        d, minute, msg = std_booking(dd, skey, form, outro=outro)
        dd.say(msg, exp_time(minute, nc), protect_names=not lowname)
        dd.confirm("book", sentence)
    elif variant == "asked":
        d, minute, msg = std_booking(dd, skey, form)
        dd.say(msg, exp_name(L, nc))
        ans = rchoice(rng, OWN_NAME[L], dd.region).format(full=full, art=art(gender))
        dd.say(tidy_keep_case(ans) if not ans.startswith(full) else ans, exp_time(minute, nc), protect_names=not lowname)
        dd.confirm("book", sentence, expect=nc)
    elif variant == "greet_first":
        hello = dd.g().strip(" ,.") or {"en": "Hi", "tr": "Merhaba", "pt": "Olá", "es": "Hola"}[L]
        extra = {"en": ["", " is this the clinic?", " anyone there?"], "tr": ["", " klinik mi burası?", " bir şey soracaktım"],
                 "pt": ["", " é da clínica?", " tudo bem?"], "es": ["", " ¿es la clínica?", " una consulta"]}[L]
        dd.say(hello + rng.choice(extra))
        intro = intro_phrase(L, rng, dd.region, full, gender)
        d = dd.date_for_form(skey, form)
        dd.noise(d)
        minute = dd.time_in(skey, d)
        w = dd.when(d, form, minute)
        msg = req_book(L, rng, dd.region, "", dd.svc_phrase(skey), w, intro=intro, end=dd.end())
        dd.tag_form(form)
        dd.say(msg, exp_time(minute, nc), protect_names=not lowname)
        dd.confirm("book", sentence)
    elif variant == "bare_yes":
        d, minute, msg = std_booking(dd, skey, form)
        dd.say(msg, exp_name(L, nc))
        dd.say(rng.choice({"en": ["Yes", "yes", "Yes."], "tr": ["Evet", "evet"], "pt": ["Sim", "sim"], "es": ["Sí", "si"]}[L]),
               exp_name(L, nc))
        ans = rchoice(rng, OWN_NAME[L], dd.region).format(full=full, art=art(gender))
        dd.say(tidy_keep_case(ans) if not ans.startswith(full) else ans, protect_names=not lowname)
        dd.confirm("book", sentence, expect=nc)
    elif variant == "household_profile":
        # a registered patient whose WhatsApp profile is a nickname/emoji/someone else's name
        dd.kinds = ["names"]
        dd.household = [full]
        name_typed = full
        dd.protect += [full, first]
        dd.set_profile(rng.choice(["emoji", "nick", "other"]), avoid=(full,))
        nc = {"not_contains": [dd.profile]} if len(dd.profile.split()) >= 2 and dd.profile not in PROFILE_NICK[L] and dd.profile[0].isalpha() else None
        d, minute, msg = std_booking(dd, skey, form)
        dd.say(msg, exp_time(minute, nc))
        dd.confirm("book", sentence, expect=nc)
    else:
        raise ValueError(variant)
    dd.book(name_typed, skey, d, minute)
    dd.kind("booking")


# ============================================================================================
# someone_else
# ============================================================================================

REL_KEYS = list(REL_GENDER)


def sc_someone(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("someone_else")
    rel = rng.choice(REL_KEYS)
    rel_text = dd.rel_text(rel)
    grp = group_of(rel)
    child = REL_GROUP[rel] == "child"
    sentence = rng.random() < 0.6
    if variant == "new_writer":
        wfull, wfirst, wg = dd.person(gender={"husband": "f", "wife": "m"}.get(rel))
        dd.protect += [wfull, wfirst]
        dd.random_profile(avoid=(wfull,))
        dd.kind("names")
    else:
        wfull, wfirst, wg = setup_self_household(dd)
    sur = dd.surname_of(wfull, wfirst) if REL_GROUP[rel] in ("child", "sibling") or (L != "es" and rng.random() < 0.4) else None
    ofull, ofirst, og = dd.person(gender=REL_GENDER[rel], surname=sur, avoid_first=(wfirst,))
    if ofirst == wfirst:
        raise Retry("same first name")
    dd.protect += [ofull, ofirst]
    skey = svc_for(dd, grp)
    form = dd.pick_form(0.6)
    patient = ofull
    if variant in ("full_first", "new_writer"):
        intro = intro_phrase(L, rng, dd.region, wfull, wg) if variant == "new_writer" else ""
        d, minute, msg = std_booking(dd, skey, form, who_text=dd.who_phrase(rel_text, ofull), intro=intro)
        dd.say(msg, exp_time(minute))
        dd.confirm("book", sentence, expect=exp_first(ofirst))
    elif variant == "rel_only":
        d, minute, msg = std_booking(dd, skey, form, who_text=dd.who_phrase(rel_text))
        dd.say(msg, exp_name(L))
        dd.say(other_name_phrase(L, rng, dd.region, ofull, og, rel_text, child), exp_time(minute))
        dd.confirm("book", sentence, expect=exp_first(ofirst))
    elif variant == "household_first":
        # phone shared by several registered patients; booking for one by first name
        others = []
        used = [wfirst, ofirst]
        for _ in range(rng.randrange(1, 3)):
            f2, fi2, g2 = dd.person(surname=dd.surname_of(wfull, wfirst), avoid_first=tuple(used))
            if fi2 not in used:
                others.append(f2)
                used.append(fi2)
        dd.household = [wfull, ofull] + others
        rng.shuffle(dd.household)
        dd.protect += others
        if rng.random() < 0.5:
            who = {"en": " for " + ofirst, "tr": ofirst + " için", "pt": " para " + ("a " if og == "f" else "o ") + ofirst if dd.region == "PT" else " para " + ofirst,
                   "es": " para " + ofirst}[L]
        else:
            who = dd.who_phrase(rel_text, ofirst)
        d, minute, msg = std_booking(dd, skey, form, who_text=who)
        dd.say(msg, exp_time(minute))
        dd.confirm("book", sentence, expect=exp_first(ofirst))
    elif variant in ("switch", "switch_rel_only"):
        # proposed for the writer, then switched to someone else
        if grp == "child":
            skey = rng.choice([s for s in CHILD_SVC[dd.clinic_key] if s in ADULT_SVC[dd.clinic_key]] or ADULT_SVC[dd.clinic_key])
        d, minute, msg = std_booking(dd, skey, form)
        dd.say(msg, exp_time(minute))
        if variant == "switch":
            txt = {"en": ["oh wait, sorry, it's actually for {rel} {full}, not me", "actually can you put it under {rel}, {full}? it's for {pro}, not me",
                          "hang on, I should've said, the appointment is for {rel} {full}"],
                   "tr": ["pardon, randevu aslında {rel} {full} için, benim için değil", "bu arada randevu bana değil, {rel} {full} için olacak",
                          "ay unuttum söylemeyi, {rel} {full} için alıyorum randevuyu"],
                   "pt": ["PT|ah, desculpe, afinal é para {rel} {full}, não é para mim", "BR|opa, na verdade é pra {rel} {full}, não pra mim",
                          "esqueci de dizer, a consulta é para {rel}, {full}"],
                   "es": ["ay perdón, en realidad es para {rel} {full}, no para mí", "espera, mejor ponla a nombre de {rel}, {full}, es para {pro2}",
                          "se me olvidó decir que la cita es para {rel} {full}"]}[L]
            t = rchoice(rng, txt, dd.region).format(rel=rel_text, full=ofull, pro="her" if og == "f" else "him", pro2="ella" if og == "f" else "él")
            dd.say(t)
        else:
            txt = {"en": ["oh wait, sorry, it's actually for {rel}, not for me", "sorry, I meant to book it for {rel}"],
                   "tr": ["pardon, randevu benim için değil, {rel} için", "aslında {rel} için alacaktım"],
                   "pt": ["PT|desculpe, afinal é para {rel}, não para mim", "BR|na verdade é pra {rel}, não pra mim"],
                   "es": ["perdón, en realidad es para {rel}, no para mí", "ay, es para {rel}, no para mí"]}[L]
            dd.say(rchoice(rng, txt, dd.region).format(rel=rel_text), exp_name(L))
            dd.say(other_name_phrase(L, rng, dd.region, ofull, og, rel_text, child))
        dd.confirm("book", sentence, expect=exp_first(ofirst))
    else:
        raise ValueError(variant)
    dd.book(patient, skey, d, minute)
    dd.kind("booking")


# ============================================================================================
# explicit dates
# ============================================================================================

def working(dd, skey):
    return lambda d: bool(dd.cal.free_times(skey, d))


def same_day_later_text(dd, later, minute=None):
    L = dd.lang
    rng = dd.rng
    if minute is None:
        opts = {"en": ["same day but later?", "anything later that same day?", "same day, a bit earlier maybe?"],
                "tr": ["aynı gün daha geç olur mu?", "aynı gün daha geç bir saat var mı?", "aynı gün daha erken olur mu?"],
                "pt": ["mesmo dia mais tarde?", "e no mesmo dia, mais tarde?", "no mesmo dia mas mais cedo, dá?"],
                "es": ["¿el mismo día más tarde?", "¿y ese mismo día más tarde?", "¿el mismo día pero más temprano?"]}[L]
        i = rng.choice([0, 1]) if later else 2
        return opts[i]
    tp = dd.time_p(minute)
    if L == "en":
        return rng.choice(["hmm, same day but %s? say %s" % ("later" if later else "earlier", tp["bare"]),
                           "could I do the same day but a bit %s, like %s?" % ("later" if later else "earlier", tp["bare"]),
                           "same day %s please, %s" % ("later" if later else "earlier", tp["at"])])
    if L == "tr":
        return rng.choice(["aynı gün daha %s olur mu, %s mesela?" % ("geç" if later else "erken", tp["loc"]),
                           "aynı gün biraz daha %s, %s olabilir mi?" % ("geç" if later else "erken", tp["loc"]),
                           "aynı günün %s saatleri, %s uygun mu?" % ("ileri" if later else "erken", tp["nom"])])
    if L == "pt":
        return rng.choice(["mesmo dia mais %s, %s?" % ("tarde" if later else "cedo", tp["as"]),
                           "e no mesmo dia, mais %s, tipo %s?" % ("tarde" if later else "cedo", tp["as"]),
                           "dá no mesmo dia mas %s?" % tp["as"]])
    if L == "es":
        return rng.choice(["¿el mismo día más %s, %s?" % ("tarde" if later else "temprano", tp["alas"]),
                           "¿y el mismo día un poco %s, %s?" % ("más tarde" if later else "antes", tp["alas"]),
                           "mejor el mismo día %s" % tp["alas"]])


def day_after_text(dd, minute):
    L = dd.lang
    tp = dd.time_p(minute)
    rng = dd.rng
    if L == "en":
        return rng.choice(["actually, what about the day after, %s?" % tp["at"], "hmm, can we do the day after instead, %s?" % tp["at"],
                           "the following day %s would be better" % tp["at"]])
    if L == "tr":
        return rng.choice(["ertesi gün %s olur mu?" % tp["loc"], "bir sonraki gün %s olabilir mi?" % tp["loc"],
                           "bir gün sonrası %s daha iyi olur" % tp["loc"]])
    if L == "pt":
        return rchoice(rng, ["e no dia seguinte, %s?" % tp["as"], "PT|afinal dava-me mais jeito no dia a seguir, %s" % tp["as"],
                             "BR|e no dia seguinte %s, dá?" % tp["as"], "e no dia a seguir, %s?" % tp["as"]], dd.region)
    if L == "es":
        return rng.choice(["¿y al día siguiente %s?" % tp["alas"], "mejor al día siguiente, %s" % tp["alas"],
                           "¿se podría al otro día %s?" % tp["alas"]])


def settle_text(dd, d, minute):
    L = dd.lang
    rng = dd.rng
    tp = dd.time_p(minute)
    wdi = d.weekday()
    if L == "en":
        wd = WEEKDAYS["en"][wdi]
        return rng.choice(["sorry, I meant %s the %s, %s" % (wd, en_ord(d.day), tp["at"]),
                           "my bad, it's %s %d %s, %s" % (wd, d.day, MONTHS["en"][d.month - 1], tp["at"]),
                           "oops, %s the %s is what I want, %s" % (wd, en_ord(d.day), tp["at"])])
    if L == "tr":
        wd = WEEKDAYS["tr"][wdi]
        return rng.choice(["pardon, %d %s %s demek istedim, %s" % (d.day, MONTHS["tr"][d.month - 1], wd, tp["loc"]),
                           "kusura bakmayın, %s günü, ayın %d'%s, %s" % (wd, d.day, tr_day_poss(d.day), tp["loc"]),
                           "doğrusu %d %s %s, %s" % (d.day, MONTHS["tr"][d.month - 1], wd, tp["loc"])])
    if L == "pt":
        wd = WEEKDAYS["pt_short"][wdi]
        return rng.choice(["desculpe, é %s, dia %d, %s" % (wd, d.day, tp["as"]),
                           "engano meu, quis dizer %s, dia %d de %s, %s" % (wd, d.day, MONTHS["pt"][d.month - 1], tp["as"]),
                           "é %s dia %d mesmo, %s" % (wd, d.day, tp["as"])])
    if L == "es":
        wd = WEEKDAYS["es"][wdi]
        return rng.choice(["perdón, me refería al %s %d, %s" % (wd, d.day, tp["alas"]),
                           "me equivoqué, es el %s %d de %s, %s" % (wd, d.day, MONTHS["es"][d.month - 1], tp["alas"]),
                           "es el %s %d, %s" % (wd, d.day, tp["alas"])])


def wrong_wd_phrase(dd, d, wrong_wdi, minute):
    """A date with a weekday that contradicts it."""
    L = dd.lang
    rng = dd.rng
    m = d.month - 1
    tp = dd.time_p(minute)
    if L == "en":
        wd = WEEKDAYS["en"][wrong_wdi]
        dp = rng.choice(["%s %d %s" % (wd, d.day, MONTHS["en"][m]), "%s, %s %d" % (wd, MONTHS["en"][m], d.day),
                         "%s %s %s" % (wd, MONTHS["en_abbr"][m], en_ord(d.day))])
        return {"on": "on " + dp, "bare": dp}, tp
    if L == "tr":
        wd = WEEKDAYS["tr"][wrong_wdi]
        core = "%d %s %s" % (d.day, MONTHS["tr"][m], wd)
        return {"loc": core + " günü", "rel": core + " günkü", "nom": core}, tp
    if L == "pt":
        wd = rng.choice([WEEKDAYS["pt"][wrong_wdi], WEEKDAYS["pt_short"][wrong_wdi]])
        core = "%s, %d de %s" % (wd, d.day, MONTHS["pt"][m])
        na = "na" if wrong_wdi < 5 else "no"
        return {"em": na + " " + core, "para": "para " + core, "de": "de " + core}, tp
    if L == "es":
        wd = WEEKDAYS["es"][wrong_wdi]
        core = "%s %d de %s" % (wd, d.day, MONTHS["es"][m])
        return {"el": "el " + core, "del": "del " + core, "al": "al " + core}, tp


def move_req(dd, e_day, e_form, d2, form2, minute2, svc_text=None):
    L = dd.lang
    rng = dd.rng
    dp1 = dd.date_p(e_day, e_form)
    dp2 = dd.date_p(d2, form2)
    tp = dd.time_p(minute2)
    g = dd.g()
    if L == "en":
        t = rng.choice(["{g}I need to move my appointment {d1} to {d2b} {t}",
                        "{g}can I change my {svc} from {d1b} to {d2b}, {tb}?",
                        "{g}could we reschedule my appointment {d1} to {d2b} {t}?",
                        "{g}something came up, can you move me from {d1b} to {d2b} {t}?"])
        return tidy(t.format(g=g, d1=dp1["on"], d1b=dp1["bare"], d2=dp2["on"], d2b=dp2["bare"], t=tp["at"], tb=tp["bare"],
                             svc=svc_text or "appointment"))
    if L == "tr":
        t = rng.choice(["{g}{d1r} randevumu {d2l} {td} alabilir misiniz?",
                        "{g}{d1r} randevumu değiştirmem lazım, {d2l} {tl} olabilir mi?",
                        "{g}{d1r} randevuyu {d2l} {td} kaydırmak istiyorum",
                        "{g}bir işim çıktı, {d1r} randevumu {d2l} {td} kaydırabilir miyiz?"])
        return tidy(t.format(g=g, d1r=dp1["rel"], d2l=dp2["loc"], td=tp["dat"], tl=tp["loc"]))
    if L == "pt":
        t = rng.choice(["{g}queria mudar a consulta {d1} para {d2n} {t}",
                        "{g}preciso de remarcar a minha consulta {d1}, pode ser {d2e} {t}?",
                        "{g}dá para passar a consulta {d1} {d2p} {t}?",
                        "{g}surgiu um imprevisto, consegue trocar a consulta {d1} {d2p} {t}?"])
        d2n = dp2["para"][len("para "):] if dp2["para"].startswith("para ") else dp2["para"]
        return tidy(t.format(g=g, d1=dp1["de"], d2n=d2n, d2e=dp2["em"], d2p=dp2["para"], t=tp["as"]))
    if L == "es":
        t = rng.choice(["{g}quería cambiar la cita {d1} {d2a} {t}",
                        "{g}¿puedo mover mi cita {d1} {d2a} {t}?",
                        "{g}necesito cambiar la cita {d1}, ¿podría ser {d2e} {t}?",
                        "{g}me ha surgido algo, ¿me pasáis la cita {d1} {d2a} {t}?" if dd.region == "ES" else
                        "{g}se me presentó algo, ¿me pueden pasar la cita {d1} {d2a} {t}?"])
        return tidy(t.format(g=g, d1=dp1["del"], d2a=dp2["al"], d2e=dp2["el"], t=tp["alas"]))


def cancel_req(dd, e_day, e_form, svc_text=None):
    L = dd.lang
    rng = dd.rng
    dp = dd.date_p(e_day, e_form)
    g = dd.g()
    if L == "en":
        t = rng.choice(["{g}I need to cancel my appointment {d}", "{g}can you cancel my {svc} {d}?",
                        "{g}I can't make it {d}, please cancel my appointment", "{g}please cancel the appointment I have {d}"])
        return tidy(t.format(g=g, d=dp["on"], svc=svc_text or "appointment"))
    if L == "tr":
        t = rng.choice(["{g}{d} randevumu iptal etmek istiyorum", "{g}{d} randevumu iptal edebilir misiniz?",
                        "{g}{dl} gelemeyeceğim, randevuyu iptal edelim", "{g}{d} randevuyu iptal ettirmek istiyorum"])
        return tidy(t.format(g=g, d=dp["rel"], dl=dp["loc"]))
    if L == "pt":
        t = rng.choice(["{g}queria desmarcar a consulta {d}", "{g}preciso de cancelar a minha consulta {d}",
                        "{g}não vou poder ir {e}, pode cancelar a consulta?", "{g}pode desmarcar a consulta {d}?"])
        return tidy(t.format(g=g, d=dp["de"], e=dp["em"]))
    if L == "es":
        t = rng.choice(["{g}quería anular la cita {d}", "{g}necesito cancelar mi cita {d}",
                        "{g}no voy a poder ir {e}, ¿me la cancelas?" if dd.region == "ES" else "{g}no voy a poder ir {e}, ¿me la cancela?",
                        "{g}¿me pueden cancelar la cita {d}?"])
        return tidy(t.format(g=g, d=dp["del"], e=dp["el"]))


def move_pred(form, e_day):
    """Target dates of a move that read one way only: a bare day number or weekday+day only in the
    existing appointment's month, a bare weekday only before the existing appointment."""
    def pred(dx):
        if dx == e_day:
            return False
        if form in ("ord", "wd_d"):
            return dx.month == e_day.month
        if form == "wd":
            return dx < e_day
        return True
    return pred


def sc_dates(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("explicit_dates")
    full, first, gender = setup_self_household(dd)
    skey = svc_for(dd)
    sentence = rng.random() < 0.5
    if variant in ("wd_dm", "dm", "abbr", "ord_num"):
        form = {"wd_dm": "wd_dm", "dm": "dm", "abbr": "abbr"}.get(variant) or rng.choice(["ord", "wd_d", "num", "num"])
        kmin, kmax = (8, 70) if form in ("wd_dm", "dm", "abbr") else (None, None)
        d, minute, msg = std_booking(dd, skey, form, kmin=kmin, kmax=kmax)
        dd.say(msg, exp_time(minute))
        dd.confirm("book", sentence)
        dd.book(full, skey, d, minute)
    elif variant == "contradict":
        # date with a weekday that contradicts it; patient settles in the next message
        d0 = dd.date_for_form(skey, "dm", 6, 50)
        delta = rng.choice([-2, -1, 1, 2])
        d1 = d0 + timedelta(days=delta)
        if d1.weekday() >= 6 or (d1 - dd.now.date()).days < 3:
            raise Retry("bad contradiction")
        dd.noise(d0)
        dd.noise(d1)
        settle_date = rng.choice([d0, d1])  # the date or the weekday
        minute = dd.time_in(skey, settle_date)
        dp, tp = wrong_wd_phrase(dd, d0, d1.weekday(), minute)
        w = when_phrase(L, dp, tp, rng)
        dd.say(req_book(L, rng, dd.region, dd.g(), dd.svc_phrase(skey), w, end=dd.end()))
        dd.say(settle_text(dd, settle_date, minute), exp_time(minute))
        dd.confirm("book", sentence)
        dd.book(full, skey, settle_date, minute)
    elif variant in ("same_later", "same_later_blocked", "same_later_open"):
        form = rng.choice(["wd_dm", "dm", "abbr", "wd_d"])
        d = dd.date_for_form(skey, form, need=6)
        dd.noise(d, rng.randrange(0, 3))
        ft = dd.cal.free_times(skey, d)
        later = rng.random() < 0.7
        x = rng.choice(ft[: max(1, len(ft) // 2)] if later else ft[len(ft) // 2:])
        w = dd.when(d, form, x)
        dd.tag_form(form)
        msg = req_book(L, rng, dd.region, dd.g(), dd.svc_phrase(skey), w, end=dd.end())
        if variant == "same_later_blocked":
            dd.block_all(skey, d, x)
            dd.say(msg)
        else:
            dd.say(msg, exp_time(x))
        lo, hi = (x + 60, 24 * 60) if later else (0, x - 60)
        y = dd.time_in(skey, d, lo, hi)
        if variant == "same_later_open":
            dd.say(same_day_later_text(dd, later))
            pick = {"en": ["%s then", "%s please", "ok %s"], "tr": ["%s olsun", "o zaman %s", "%s uygun"],
                    "pt": ["pode ser às %s", "então às %s", "fico com o das %s"], "es": ["a las %s entonces", "pues a las %s", "mejor a las %s"]}[L]
            tp = dd.time_p(y)
            tb = tp[{"en": "bare", "tr": "nom", "pt": "bare", "es": "bare"}[L]]
            dd.say(rng.choice(pick) % tb, exp_time(y))
        else:
            dd.say(same_day_later_text(dd, later, y), exp_time(y))
        dd.confirm("book", sentence)
        dd.book(full, skey, d, y)
    elif variant == "day_after":
        form = rng.choice(["wd_dm", "dm", "wd_d", "abbr"])
        d = dd.date_for_form(skey, form, extra=lambda dx: len(dd.cal.free_times(skey, dx + timedelta(days=1))) >= 3)
        d2 = d + timedelta(days=1)
        dd.noise(d)
        dd.noise(d2)
        x = dd.time_in(skey, d)
        y = dd.time_in(skey, d2)
        w = dd.when(d, form, x)
        dd.tag_form(form)
        dd.say(req_book(L, rng, dd.region, dd.g(), dd.svc_phrase(skey), w, end=dd.end()), exp_time(x))
        dd.say(day_after_text(dd, y), exp_time(y))
        dd.confirm("book", sentence)
        dd.book(full, skey, d2, y)
    elif variant == "move":
        dd.kind("reschedule")
        e_day = dd.now.date() + timedelta(days=rng.randrange(4, 20))
        e = dd.add_existing(full, skey, e_day)
        e_day = parse_dt(e["start"]).date()
        prac = e["practitioner"]
        form2 = rng.choice(["wd_dm", "dm", "abbr", "num", "wd_d"])
        d2 = dd.date_for_form(skey, form2, kmin=3, prac=prac, extra=move_pred(form2, e_day))
        dd.noise(d2)
        y = dd.time_in(skey, d2, prac=prac)
        e_form = rng.choice(["wd_dm", "dm", "wd"]) if (e_day - dd.now.date()).days <= 6 else rng.choice(["wd_dm", "dm"])
        dd.say(move_req(dd, e_day, e_form, d2, form2, y), exp_time(y))
        dd.confirm("move", sentence)
        dd.final["moved"].append({"from": e["start"], "date": d2.isoformat(), "time": fmt_hm(y)})
        return
    else:
        raise ValueError(variant)
    dd.kind("booking")


# ============================================================================================
# yes in a sentence
# ============================================================================================

def patient_for_plain(dd):
    """A known patient (household of one) or a new contact that introduces themselves."""
    if dd.rng.random() < 0.7:
        full, first, g = setup_self_household(dd)
        return full, first, g, ""
    full, first, g = dd.person()
    dd.protect += [full, first]
    dd.random_profile(avoid=(full,))
    dd.kind("names")
    return full, first, g, intro_phrase(dd.lang, dd.rng, dd.region, full, g)


def sc_yes(dd, variant):
    rng = dd.rng
    dd.kind("yes_in_sentence")
    if variant in ("book_yes", "book_no"):
        full, first, g, intro = patient_for_plain(dd)
        skey = svc_for(dd)
        form = dd.pick_form(0.5)
        d, minute, msg = std_booking(dd, skey, form, intro=intro)
        dd.say(msg, exp_time(minute))
        if variant == "book_yes":
            dd.confirm("book", True)
            dd.book(full, skey, d, minute)
        else:
            dd.refuse("book")
        dd.kind("booking")
        return
    full, first, g = setup_self_household(dd)
    skey = svc_for(dd)
    # one or two existing appointments; the patient names the one by its date
    e_day = dd.now.date() + timedelta(days=rng.randrange(4, 30))
    if not dd.cal.free_times(skey, e_day) and not any(dd.cal.ranges(p, e_day) for p in dd.cal.services[skey]["practitioners"]):
        raise Retry("closed")
    e = dd.add_existing(full, skey, e_day)
    if rng.random() < 0.4:
        other_day = e_day + timedelta(days=rng.randrange(2, 12))
        try:
            dd.add_existing(full, svc_for(dd), other_day)
        except Retry:
            pass
    e_form = rng.choice(["wd_dm", "dm"]) if (e_day - dd.now.date()).days > 6 else rng.choice(["wd_dm", "dm", "wd"])
    dd.tag_form(e_form)
    if variant in ("cancel_yes", "cancel_no"):
        dd.kind("cancel")
        dd.say(cancel_req(dd, e_day, e_form, dd.svc_phrase(skey)))
        if variant == "cancel_yes":
            dd.confirm("cancel", True)
            dd.final["cancelled"].append(e["start"])
        else:
            dd.refuse("cancel")
    elif variant in ("move_yes", "move_no"):
        dd.kind("reschedule")
        prac = e["practitioner"]
        form2 = dd.pick_form(0.6)
        if form2 in ("tomorrow", "after_tomorrow"):
            form2 = "wd_dm"
        d2 = dd.date_for_form(skey, form2, prac=prac, extra=move_pred(form2, e_day))
        dd.noise(d2)
        y = dd.time_in(skey, d2, prac=prac)
        dd.tag_form(form2)
        dd.say(move_req(dd, e_day, e_form, d2, form2, y), exp_time(y))
        if variant == "move_yes":
            dd.confirm("move", True)
            dd.final["moved"].append({"from": e["start"], "date": d2.isoformat(), "time": fmt_hm(y)})
        else:
            dd.refuse("move")
    else:
        raise ValueError(variant)


# ============================================================================================
# emergency
# ============================================================================================

def sc_emergency(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kinds = ["emergency"]
    spec = dd.clinic["specialty"]
    if rng.random() < 0.6:
        setup_self_household(dd)
    else:
        dd.random_profile()
    # emergencies are often typed in a hurry: more noise
    if rng.random() < 0.5:
        dd.style = Style(fold_=rng.random() < 0.7, lower_=rng.random() < 0.7, typo=0.5, emoji=0.3)
    desc = rchoice(rng, EMERGENCY[spec][L], dd.region)
    if variant == "typo":
        # drop a letter here and there
        words = desc.split()
        for _ in range(2):
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 5 and w.isalpha():
                j = rng.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1:]
        desc = " ".join(words)
    opener = rchoice(rng, EMERG_OPEN[L], dd.region)
    close = rchoice(rng, EMERG_CLOSE[L], dd.region)
    if any(w in opener and w in close for w in ("hago", "faço", "do I do", "ne yap", "?")):
        close = ""
    if variant == "after_greeting":
        dd.say(dd.g().strip(" ,.") or {"en": "hello", "tr": "merhaba", "pt": "olá", "es": "hola"}[L])
        dd.say(opener + desc + close, {"emergency": True}, emergency=True)
    elif variant == "with_booking":
        ask = {"en": ["can I get an appointment asap? ", "I need to see someone today, "],
               "tr": ["en kısa zamanda randevu alabilir miyim? ", "bugün birine görünmem lazım, "],
               "pt": ["consigo uma consulta o mais rápido possível? ", "preciso de ser visto hoje, "],
               "es": ["¿me pueden ver lo antes posible? ", "necesito que me vea alguien hoy, "]}[L]
        dd.say(rng.choice(ask) + desc + close, {"emergency": True}, emergency=True)
    else:
        dd.say(opener + desc + close, {"emergency": True}, emergency=True)


# ============================================================================================
# the rest: service words, day parts, clinic fit, cancel, reschedule
# ============================================================================================

def sc_service_words(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("service_words")
    full, first, g, intro = patient_for_plain(dd)
    if variant == "alias":
        skey = rng.choice(list(SVC_WORDS[dd.clinic_key]))
        word = dd.svc_phrase(skey, words=True)
        form = dd.pick_form(0.5)
        d = dd.date_for_form(skey, form)
        dd.noise(d)
        minute = dd.time_in(skey, d)
        w = dd.when(d, form, minute)
        dd.tag_form(form)
        if L == "en":
            t = rng.choice(["{g}{intro}I'd like an appointment for {w} {when}", "{g}{intro}can I come in for {w} {when}?",
                            "{g}{intro}need to book in for {w}, {when} if you can", "{g}{intro}{when} for {w}, is that possible?"])
            msg = tidy(t.format(g=dd.g(), intro=intro, w=word, when=w))
        elif L == "tr":
            t = rng.choice(["{g}{intro}{w} için {wloc} randevu alabilir miyim?", "{g}{intro}{wloc} {w} için gelebilir miyim?",
                            "{g}{intro}{w} için randevu lazım, {wloc} olur mu?"])
            msg = tidy(t.format(g=dd.g(), intro=intro, w=word, wloc=w["loc"]))
        elif L == "pt":
            t = rng.choice(["{g}{intro}queria marcar para {w} {wem}", "{g}{intro}tem vaga para {w} {wem}?",
                            "{g}{intro}é possível marcar para {w} {wem}?"] +
                           (["{g}{intro}queria agendar um horário para {w} {wem}"] if dd.region == "BR" else []))
            msg = tidy(t.format(g=dd.g(), intro=intro, w=word, wem=w["em"]))
        else:
            t = rng.choice(["{g}{intro}quería cita para {w} {wel}", "{g}{intro}¿tenéis hueco para {w} {wel}?" if dd.region == "ES" else
                            "{g}{intro}¿tienen espacio para {w} {wel}?", "{g}{intro}¿me dan cita para {w} {wel}?"])
            msg = tidy(t.format(g=dd.g(), intro=intro, w=word, wel=w["el"]))
        dd.say(msg, exp_time(minute))
        dd.confirm("book", rng.random() < 0.5)
        dd.book(full, skey, d, minute)
    else:
        unk = UNKNOWN_SVC[dd.clinic_key][L]
        skey = svc_for(dd)
        form = rng.choice(["wd_dm", "dm", "wd"])
        d = dd.date_for_form(skey, form)
        dd.noise(d)
        minute = dd.time_in(skey, d)
        dp = dd.date_p(d, form)
        tp = dd.time_p(minute)
        dd.tag_form(form)
        if L == "en":
            m1 = "{g}{intro}do you do {u}? I'd like to come in {d} {t}".format(g=dd.g(), intro=intro, u=unk, d=dp["on"], t=tp["at"])
            m2 = "ok no worries, then {s} {d} {t} please".format(s=dd.svc_phrase(skey), d=dp["on"], t=tp["at"])
        elif L == "tr":
            m1 = "{g}{intro}{u} yapıyor musunuz? {d} {t} gelmek istiyorum".format(g=dd.g(), intro=intro, u=unk, d=dp["loc"], t=tp["loc"])
            m2 = "tamam o zaman {s} için {d} {t} randevu alayım".format(s=dd.svc_phrase(skey), d=dp["loc"], t=tp["dat"])
        elif L == "pt":
            m1 = "{g}{intro}vocês fazem {u}? queria ir {d} {t}".format(g=dd.g(), intro=intro, u=unk, d=dp["em"], t=tp["as"])
            m2 = "ok, então queria marcar {s} {d} {t}".format(s=dd.svc_phrase(skey), d=dp["em"], t=tp["as"])
        else:
            m1 = "{g}{intro}¿hacéis {u}? me gustaría ir {d} {t}".format(g=dd.g(), intro=intro, u=unk, d=dp["el"], t=tp["alas"]) if dd.region == "ES" else \
                "{g}{intro}¿hacen {u}? me gustaría ir {d} {t}".format(g=dd.g(), intro=intro, u=unk, d=dp["el"], t=tp["alas"])
            m2 = "vale, entonces {s} {d} {t}".format(s=dd.svc_phrase(skey), d=dp["el"], t=tp["alas"]) if dd.region == "ES" else \
                "ok, entonces {s} {d} {t}".format(s=dd.svc_phrase(skey), d=dp["el"], t=tp["alas"])
        dd.say(tidy(m1))
        dd.say(tidy(m2), exp_time(minute))
        dd.confirm("book", rng.random() < 0.5)
        dd.book(full, skey, d, minute)
    dd.kind("booking")


DAY_PARTS = {
    # lang -> part -> (phrases, window function(open, close))
    "en": {"morning": ["in the morning", "morning if possible", "sometime in the morning"],
           "afternoon": ["in the afternoon", "afternoon please", "sometime in the afternoon"],
           "evening": ["in the evening", "evening, after work", "in the evening if you have anything"]},
    "tr": {"morning": ["sabah", "öğleden önce", "sabah saatlerinde"], "afternoon": ["öğleden sonra", "öğleden sonra bir saat"],
           "evening": ["akşam", "akşam saatlerinde", "iş çıkışı akşam"]},
    "pt": {"morning": ["de manhã", "PT|da parte da manhã", "BR|pela manhã"], "afternoon": ["à tarde", "BR|de tarde", "PT|da parte da tarde", "BR|à tarde"]},
    "es": {"morning": ["por la mañana", "LA|en la mañana"], "afternoon": ["por la tarde", "LA|en la tarde", "ES|por la tarde, después de comer"]},
}


def part_window(lang, part, close):
    if part == "morning":
        return ("00:00", {"en": "11:59", "tr": "11:59", "pt": "12:59", "es": "13:59"}[lang])
    if part == "afternoon":
        if lang in ("pt", "es"):
            return ("14:00", "23:59")
        return ("12:00", "17:59")
    if part == "evening":
        return ("17:00", "23:59")


def sc_day_parts(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("day_parts")
    full, first, g, intro = patient_for_plain(dd)
    parts = list(DAY_PARTS[L])
    if L in ("en", "tr") and dd.clinic_key not in ("physio-madrid", "dental-ankara"):
        parts = [p for p in parts if p != "evening"]
    part = rng.choice(parts)
    if L in ("pt", "es") and rng.random() < 0.6:
        part = "afternoon"
    lo_s, hi_s = part_window(L, part, None)
    lo, hi = hm(lo_s), hm(hi_s)
    skey = svc_for(dd)
    form = rng.choice(["wd_dm", "dm", "wd", "tomorrow", "wd_d"])
    d = dd.date_for_form(skey, form, extra=lambda dx: len([m for m in dd.cal.free_times(skey, dx) if lo <= m <= hi]) >= 4)
    dd.noise(d, rng.randrange(0, 3))
    inwin = [m for m in dd.cal.free_times(skey, d) if lo <= m <= hi]
    if len(inwin) < 3:
        raise Retry("window")
    dp = dd.date_p(d, form)
    dd.tag_form(form)
    ph = rchoice(rng, DAY_PARTS[L][part], dd.region)
    svc = dd.svc_phrase(skey)
    if L == "en":
        t = rng.choice(["{g}{intro}I'd like {s} {d}, {p}", "{g}{intro}any chance of {s} {d} {p}?", "{g}{intro}what do you have {d} {p} for {s}?"])
        msg = t.format(g=dd.g(), intro=intro, s=svc, d=dp["on"], p=ph)
    elif L == "tr":
        t = rng.choice(["{g}{intro}{d} {p} {s} için randevu alabilir miyim?", "{g}{intro}{s} için {d} {p} ne zaman boşluk var?",
                        "{g}{intro}{d} {p} müsait bir saat var mı? {s} için"])
        msg = t.format(g=dd.g(), intro=intro, s=svc, d=dp["loc"], p=ph)
    elif L == "pt":
        t = rng.choice(["{g}{intro}queria marcar {s} {d}, {p}", "{g}{intro}que horários têm {d} {p} para {s}?",
                        "{g}{intro}tem vaga {d} {p}? é para {s}"])
        msg = t.format(g=dd.g(), intro=intro, s=svc, d=dp["em"], p=ph)
    else:
        t = rng.choice(["{g}{intro}quería {s} {d} {p}", "{g}{intro}¿qué horas tenéis {d} {p} para {s}?" if dd.region == "ES" else
                        "{g}{intro}¿qué horarios tienen {d} {p} para {s}?", "{g}{intro}¿hay algo {d} {p}? es para {s}"])
        msg = t.format(g=dd.g(), intro=intro, s=svc, d=dp["el"], p=ph)
    dd.say(tidy(msg))
    if variant == "first":
        pick = {"en": ["the first one is fine", "I'll take the first one", "first one works"],
                "tr": ["ilki olur", "ilk saati alayım", "ilk söylediğiniz uygun"],
                "pt": ["a primeira serve", "fico com o primeiro horário", "pode ser o primeiro"],
                "es": ["la primera me va bien", "me quedo con la primera", "el primer horario está bien"]}[L]
        dd.say(rng.choice(pick))
        dd.confirm("book", rng.random() < 0.5)
        dd.book(full, skey, d, window=(max(lo_s, "00:00"), hi_s))
    else:
        mid = [m for m in inwin if lo + 60 <= m <= hi - 30] or inwin
        y = rng.choice([m for m in mid if m % 30 == 0] or mid)
        tp = dd.time_p(y)
        if L == "en":
            pick = ["%s please" % tp["bare"], "%s works for me" % tp["bare"], "can I have %s?" % tp["bare"]]
        elif L == "tr":
            pick = ["%s olsun" % tp["nom"], "saat %s uygun" % tp["nom"], "%s alayım" % tp["nom"]]
        elif L == "pt":
            pick = ["%s, pode ser?" % tp["as"], "prefiro %s" % tp["as"], "às %s fica bem" % tp["bare"]]
        else:
            pick = ["%s, ¿puede ser?" % tp["alas"], "mejor %s" % tp["alas"], "me viene bien %s" % tp["alas"]]
        dd.say(rng.choice(pick), exp_time(y))
        dd.confirm("book", rng.random() < 0.5)
        dd.book(full, skey, d, y)
    dd.kind("booking")


def sc_clinic_fit(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("clinic_fit")
    spec = dd.clinic["specialty"]
    full, first, g = setup_self_household(dd)
    q = rng.choice(MED_Q[spec][L])
    dd.say(tidy(dd.g() + q), {"not_contains": WRONG_FIT[spec]})
    skey = svc_for(dd)
    form = dd.pick_form(0.5)
    d = dd.date_for_form(skey, form)
    dd.noise(d)
    minute = dd.time_in(skey, d)
    w = dd.when(d, form, minute)
    dd.tag_form(form)
    msg = req_book(L, rng, dd.region, "", dd.svc_phrase(skey), w, end=dd.end())
    lead = {"en": "ok, then ", "tr": "tamam, o zaman ", "pt": "ok, então ", "es": "vale, entonces " if dd.region == "ES" else "ok, entonces "}[L]
    if len(msg) > 1 and msg[1].islower():
        msg = lower(msg[0], L) + msg[1:]
    dd.say(lead + msg, exp_time(minute, {"not_contains": WRONG_FIT[spec]}))
    dd.confirm("book", rng.random() < 0.5)
    dd.book(full, skey, d, minute)
    dd.kind("booking")


def sc_cancel(dd, variant):
    rng = dd.rng
    dd.kind("cancel")
    full, first, g = setup_self_household(dd)
    skey = svc_for(dd)
    e_day = dd.now.date() + timedelta(days=rng.randrange(4, 30))
    e = dd.add_existing(full, skey, e_day)
    e_form = rng.choice(["wd_dm", "dm"]) if (e_day - dd.now.date()).days > 6 else rng.choice(["wd_dm", "dm", "wd"])
    dd.tag_form(e_form)
    dd.say(cancel_req(dd, e_day, e_form, dd.svc_phrase(skey)))
    sentence = rng.random() < 0.5
    dd.confirm("cancel", sentence)
    dd.final["cancelled"].append(e["start"])


def sc_reschedule(dd, variant):
    rng = dd.rng
    L = dd.lang
    dd.kind("reschedule")
    full, first, g = setup_self_household(dd)
    skey = svc_for(dd)
    e_day = dd.now.date() + timedelta(days=rng.randrange(4, 25))
    e = dd.add_existing(full, skey, e_day)
    prac = e["practitioner"]
    form2 = dd.pick_form(0.5)
    if form2 in ("tomorrow", "after_tomorrow"):
        form2 = "wd"
    d2 = dd.date_for_form(skey, form2, prac=prac, extra=move_pred(form2, e_day))
    dd.noise(d2)
    y = dd.time_in(skey, d2, prac=prac)
    dd.tag_form(form2)
    if variant == "two_step":
        ask = {"en": ["I need to change my appointment", "can I move my appointment please?"],
               "tr": ["randevumu değiştirmem gerekiyor", "randevumun saatini değiştirebilir miyiz?"],
               "pt": ["preciso de mudar a minha consulta", "BR|preciso remarcar minha consulta"],
               "es": ["necesito cambiar mi cita", "¿puedo cambiar la cita que tengo?"]}[L]
        dd.say(tidy(dd.g() + rchoice(rng, ask, dd.region)))
        dp = dd.date_p(d2, form2)
        tp = dd.time_p(y)
        if L == "en":
            nxt = "%s %s" % (dp["on"], tp["at"])
        elif L == "tr":
            nxt = "%s %s olabilir mi?" % (dp["loc"], tp["loc"])
        elif L == "pt":
            nxt = "%s %s" % (dp["para"], tp["as"])
        else:
            nxt = "%s %s" % (dp["al"], tp["alas"])
        dd.say(tidy(nxt), exp_time(y))
    else:
        e_form = rng.choice(["wd_dm", "dm"]) if (e_day - dd.now.date()).days > 6 else rng.choice(["wd_dm", "dm", "wd"])
        dd.tag_form(e_form)
        dd.say(move_req(dd, e_day, e_form, d2, form2, y), exp_time(y))
    dd.confirm("move", rng.random() < 0.5)
    dd.final["moved"].append({"from": e["start"], "date": d2.isoformat(), "time": fmt_hm(y)})


# ============================================================================================
# Plan: per language 200 dialogs
# ============================================================================================

PLAN = [
    # (main kind, function, [(variant, count)])
    ("names", sc_names, [("intro", 9), ("asked", 12), ("outro", 5), ("greet_first", 5), ("bare_yes", 5), ("household_profile", 4)]),
    ("someone_else", sc_someone, [("full_first", 9), ("rel_only", 12), ("household_first", 8), ("switch", 5), ("switch_rel_only", 2),
                                  ("new_writer", 4)]),
    ("explicit_dates", sc_dates, [("wd_dm", 8), ("dm", 4), ("abbr", 3), ("ord_num", 6), ("contradict", 6), ("same_later", 3),
                                  ("same_later_blocked", 2), ("same_later_open", 2), ("day_after", 3), ("move", 3)]),
    ("yes_in_sentence", sc_yes, [("book_yes", 8), ("book_no", 5), ("cancel_yes", 7), ("cancel_no", 3), ("move_yes", 5), ("move_no", 2)]),
    ("emergency", sc_emergency, [("plain", 10), ("typo", 4), ("after_greeting", 3), ("with_booking", 3)]),
    ("service_words", sc_service_words, [("alias", 7), ("unknown", 2)]),
    ("day_parts", sc_day_parts, [("first", 5), ("pick", 4)]),
    ("clinic_fit", sc_clinic_fit, [("plain", 4)]),
    ("cancel", sc_cancel, [("plain", 4)]),
    ("reschedule", sc_reschedule, [("direct", 2), ("two_step", 2)]),
]


def emergency_clinics(n, rng):
    keys = ["dental-ankara", "dermatology-lisbon", "physio-madrid", "gp-boston", "gp-sao-paulo"]
    out = [keys[i % 5] for i in range(n)]
    rng.shuffle(out)
    return out


def build_all(seed=SEED):
    rng = random.Random(seed)
    dialogs = []
    retries = 0
    for lang in LANGS:
        jobs = []
        for kind, fn, variants in PLAN:
            for v, n in variants:
                for _ in range(n):
                    jobs.append((kind, fn, v))
        assert len(jobs) == 200, (lang, len(jobs))
        em_clin = emergency_clinics(sum(n for v, n in PLAN[4][2]), rng)
        rng.shuffle(jobs)
        n_em = 0
        for i, (kind, fn, v) in enumerate(jobs):
            did = "dev6-%s-%04d" % (lang, i + 1)
            clinic = None
            if kind == "emergency":
                clinic = em_clin[n_em]
                n_em += 1
            for attempt in range(200):
                sub = random.Random(rng.random())
                dd = D(sub, lang, clinic=clinic)
                try:
                    fn(dd, v)
                except Retry:
                    retries += 1
                    continue
                dd.phone = PHONE_PREFIX[dd.clinic_key] + "%07d" % sub.randrange(10 ** 7)
                if kind in dd.kinds:
                    dd.kinds.remove(kind)
                dd.kinds.insert(0, kind)
                dg = dd.to_dict(did)
                try:
                    verify(dg)
                except AssertionError as ex:
                    retries += 1
                    last = ex
                    continue
                dialogs.append(dg)
                break
            else:
                raise SystemExit("could not build %s %s %s: %s" % (did, kind, v, last if 'last' in dir() else ''))
    return dialogs, retries


def stats(dialogs):
    from collections import Counter, defaultdict
    per_lang = Counter(d["language"] for d in dialogs)
    per_clinic = Counter(d["clinic"] for d in dialogs)
    tagged = defaultdict(Counter)
    main = defaultdict(Counter)
    for d in dialogs:
        for k in d["kinds"]:
            tagged[k][d["language"]] += 1
        main[d["kinds"][0]][d["language"]] += 1
    lines = ["dialogs: %d" % len(dialogs), "per language: %s" % dict(sorted(per_lang.items())),
             "per clinic: %s" % dict(sorted(per_clinic.items())), "",
             "%-18s %6s %5s %5s %5s %5s   | %6s (main kind = first in kinds)" % ("kind", "tagged", "en", "tr", "pt", "es", "main")]
    for k in KINDS:
        t = tagged[k]
        m = main[k]
        lines.append("%-18s %6d %5d %5d %5d %5d   | %6d" % (k, sum(t.values()), t["en"], t["tr"], t["pt"], t["es"], sum(m.values())))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description="dev6 dialog generator")
    ap.add_argument("--stats", action="store_true", help="print counts per language and kind")
    ap.add_argument("--out", default=os.path.join(HERE, "generated.jsonl"))
    args = ap.parse_args()
    dialogs, retries = build_all()
    with open(args.out, "w", encoding="utf-8") as f:
        for d in dialogs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote %s (%d dialogs, %d retries)" % (args.out, len(dialogs), retries))
    if args.stats:
        print(stats(dialogs))


if __name__ == "__main__":
    main()
