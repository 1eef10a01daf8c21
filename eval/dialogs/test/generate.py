#!/usr/bin/env python3
"""Frozen TEST set generator for the Frontdesk dialog corpus (issue 17).

Standard library only, deterministic (fixed seed): running it again writes the same
`generated.jsonl`.  Written from the issue text and eval/dialogs/FORMAT.md only, never
from the engine's code.

    python3 generate.py                 # writes generated.jsonl (+ prints counts)
    python3 generate.py --check FILE    # validates a .jsonl file with the same slot checker
    python3 generate.py --stats FILE    # counts per language / kind / clinic

Every dialog is checked against the slot rules of FORMAT.md (practitioner hours, slot grid
from midnight, min notice relative to the message time, horizon, existing/blocked overlaps,
service practitioners and durations, DST via zoneinfo) before it is written.
"""
import json
import os
import random
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

SEED = 17_2027
HERE = os.path.dirname(os.path.abspath(__file__))
CLINICS_PATH = os.path.join(HERE, "..", "clinics.json")
LANGS = ["en", "tr", "pt", "es"]
KINDS = ["names", "someone_else", "yes_in_sentence", "explicit_dates", "own_appointments",
         "passage", "clinic_fit", "service_words", "day_parts", "emergency", "answer_language",
         "two_questions", "booking", "cancel", "reschedule"]
WD_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DST = {"Europe/Lisbon": date(2027, 3, 28), "Europe/Madrid": date(2027, 3, 28),
       "America/New_York": date(2027, 3, 14)}


class Retry(Exception):
    """The random draw cannot make a consistent dialog; draw again."""


# ----------------------------------------------------------------------------- clinics & slots
def load_clinics():
    with open(CLINICS_PATH, encoding="utf-8") as f:
        data = json.load(f)
    out = {}
    for c in data["clinics"]:
        c["svc"] = {s["key"]: s for s in c["services"]}
        c["prac"] = {p["key"]: p for p in c["practitioners"]}
        c["tz"] = ZoneInfo(c["time_zone"])
        out[c["key"]] = c
    return out


CLINICS = load_clinics()
CLINIC_KEYS = list(CLINICS)


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt_hm(mins):
    return "%02d:%02d" % (mins // 60, mins % 60)


def parse_local(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M")


def fmt_local(d):
    return d.strftime("%Y-%m-%dT%H:%M")


def to_utc(clinic, local):
    """Local wall time -> aware UTC; asserts the wall time exists (no DST gap)."""
    tz = clinic["tz"]
    aware = local.replace(tzinfo=tz)
    utc = aware.astimezone(timezone.utc)
    back = utc.astimezone(tz).replace(tzinfo=None)
    assert back == local, "non-existent local time %s in %s" % (local, clinic["time_zone"])
    return utc


def prac_ranges(clinic, prac, day):
    return [tuple(hm(x) for x in r.split("-"))
            for r in clinic["prac"][prac]["working_hours"].get(WD_KEYS[day.weekday()], [])]


class Cal:
    """Appointments in the clinic (existing of the household + blocked of others)."""

    def __init__(self, clinic):
        self.c = clinic
        self.appts = []  # (practitioner, start naive local, duration minutes, tag)

    def add(self, prac, svc, start, tag="blocked"):
        dur = self.c["svc"][svc]["duration_minutes"]
        self.appts.append((prac, start, dur, tag))

    def prac_free(self, prac, svc, start, msg_time, now, ignore=None):
        c = self.c
        s = c["svc"][svc]
        if prac not in s["practitioners"]:
            return False
        dur = s["duration_minutes"]
        mins = start.hour * 60 + start.minute
        if mins % c["policy"]["slot_grid_minutes"]:
            return False
        try:
            su = to_utc(c, start)
        except AssertionError:
            return False
        if (su - to_utc(c, msg_time)).total_seconds() < c["policy"]["min_notice_minutes"] * 60:
            return False
        if su - to_utc(c, now) > timedelta(days=c["policy"]["horizon_days"]):
            return False
        if not any(a <= mins and mins + dur <= b for a, b in prac_ranges(c, prac, start.date())):
            return False
        end = start + timedelta(minutes=dur)
        for (p, st, d, tag) in self.appts:
            if p != prac or (ignore is not None and st == ignore):
                continue
            if st < end and start < st + timedelta(minutes=d):
                return False
        return True

    def free_pracs(self, svc, start, msg_time, now, prac=None, ignore=None):
        ps = [prac] if prac else self.c["svc"][svc]["practitioners"]
        return [p for p in ps if self.prac_free(p, svc, start, msg_time, now, ignore)]

    def slots(self, svc, day, msg_time, now, prac=None, lo=0, hi=24 * 60):
        g = self.c["policy"]["slot_grid_minutes"]
        out = []
        for m in range(0, 24 * 60, g):
            if lo <= m <= hi:
                st = datetime.combine(day, datetime.min.time()) + timedelta(minutes=m)
                if self.free_pracs(svc, st, msg_time, now, prac):
                    out.append(st)
        return out

    def household_busy(self, start, dur):
        """True when a household (existing) appointment overlaps [start, start+dur)."""
        end = start + timedelta(minutes=dur)
        for (p, st, d, tag) in self.appts:
            if tag == "existing" and st < end and start < st + timedelta(minutes=d):
                return True
        return False


# ----------------------------------------------------------------------------- text helpers
def strip_accents(s):
    s = s.replace("ı", "i").replace("İ", "I")
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")


def norm(s):
    return strip_accents(s).lower()


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
           "Ekim", "Kasım", "Aralık"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
           "setembro", "outubro", "novembro", "dezembro"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
}
WD = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira",
           "sábado", "domingo"],
    "pt_s": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
TR_LOC = {0: "da", 1: "de", 2: "de", 3: "te", 4: "te", 5: "te", 6: "da", 7: "de", 8: "de",
          9: "da", 10: "da", 20: "de", 30: "da", 40: "ta", 50: "de"}
TR_ACC = {1: "i", 2: "si", 3: "ü", 4: "ü", 5: "i", 6: "sı", 7: "si", 8: "i", 9: "u", 10: "u",
          20: "si", 30: "u"}
ES_NUM = {1: "una", 2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete",
          8: "ocho", 9: "nueve", 10: "diez", 11: "once", 12: "doce"}
PT_NUM = {1: "uma", 2: "duas", 3: "três", 4: "quatro", 5: "cinco", 6: "seis", 7: "sete",
          8: "oito", 9: "nove", 10: "dez", 11: "onze", 12: "meio-dia"}


def tr_suffix(n, table):
    if n % 10:
        return table[n % 10]
    if n == 0:
        return table[0] if table is TR_LOC else "ı"
    return table[n] if n in table else table[n % 100] if n % 100 in table else table[10]


def ordinal_en(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def pt_wd_prep(wd):
    return "no" if wd >= 5 else "na"


def date_forms(d, now_d):
    """Which ways of saying date `d` are unambiguous relative to `now_d`."""
    delta = (d - now_d).days
    forms = ["wdm", "dm", "num"]
    # "dia 11" / "the 11th": the next date with that day number, not today
    x = now_d
    first = None
    while True:
        if x.day == d.day:
            first = x
            break
        x += timedelta(days=1)
    if first == d and delta >= 1:
        forms.append("wdd")
    if delta == 0:
        forms.append("today")
    if delta == 1:
        forms.append("tomorrow")
    if delta == 2:
        forms.append("dayafter")
    if 2 <= delta <= 6:
        forms.append("weekday")
    # "next Thursday": only when the coming Thursday is unambiguous (today is that weekday or later)
    if 1 <= delta <= 7 and now_d.weekday() >= d.weekday():
        forms.append("nextwd")
    return forms


def date_phrase(lang, d, form, rng, clinic=None, wd=None):
    """Adverbial phrase for date d ('on Thursday 11 February', 'amanhã', ...).
    `wd` overrides the weekday (used only by dialogs that contradict the date on purpose)."""
    if wd is None:
        wd = d.weekday()
    day, mon = d.day, d.month - 1
    M = MONTHS[lang][mon]
    if lang == "en":
        W = WD["en"][wd]
        if form == "wdm":
            return rng.choice(["on %s %d %s" % (W, day, M), "on %s, %s %s" % (W, M, ordinal_en(day)),
                               "%s %s %s" % (W, ordinal_en(day), M), "on %s the %s of %s" % (W, ordinal_en(day), M)])
        if form == "dm":
            return rng.choice(["on %d %s" % (day, M), "on %s %s" % (M[:3], ordinal_en(day)),
                               "on the %s of %s" % (ordinal_en(day), M), "on %s %d" % (M, day)])
        if form == "num":
            assert day > 12, "numeric English dates only when unambiguous"
            if clinic and clinic["key"] == "gp-boston":
                return "on %d/%d" % (d.month, day)
            return "on %d/%02d" % (day, d.month)
        if form == "wdd":
            return "on %s the %s" % (W, ordinal_en(day))
        if form == "today":
            return "today"
        if form == "tomorrow":
            return rng.choice(["tomorrow", "tmrw"])
        if form == "dayafter":
            return "the day after tomorrow"
        if form == "weekday":
            return rng.choice(["on %s" % W, "this %s" % W])
        if form == "nextwd":
            return "next %s" % W
    if lang == "tr":
        W = WD["tr"][wd]
        if form == "wdm":
            return rng.choice(["%d %s %s" % (day, M, W), "%s %d %s" % (W, day, M),
                               "%d %s %s günü" % (day, M, W)])
        if form == "dm":
            return rng.choice(["%d %s günü" % (day, M), "%d %s tarihinde" % (day, M)])
        if form == "num":
            return rng.choice(["%02d.%02d tarihinde" % (day, d.month), "%d/%02d günü" % (day, d.month),
                               "%02d.%02d.2027 tarihinde" % (day, d.month)])
        if form == "wdd":
            return "ayın %d'%s %s günü" % (day, tr_suffix(day, TR_ACC), W)
        if form == "today":
            return "bugün"
        if form == "tomorrow":
            return "yarın"
        if form == "dayafter":
            return rng.choice(["öbür gün", "yarından sonraki gün"])
        if form == "weekday":
            return rng.choice(["%s günü" % W, "bu %s" % W])
        if form == "nextwd":
            return rng.choice(["gelecek %s" % W, "önümüzdeki %s" % W])
    if lang == "pt":
        W, Ws = WD["pt"][wd], WD["pt_s"][wd]
        p = pt_wd_prep(wd)
        if form == "wdm":
            return rng.choice(["%s %s, %d de %s" % (p, Ws, day, M), "%s %s, dia %d de %s" % (p, W, day, M),
                               "%s, %d de %s," % (Ws, day, M)])
        if form == "dm":
            return rng.choice(["no dia %d de %s" % (day, M), "dia %d de %s" % (day, M)])
        if form == "num":
            return rng.choice(["no dia %02d/%02d" % (day, d.month), "dia %d/%d" % (day, d.month)])
        if form == "wdd":
            return rng.choice(["%s dia %d" % (W, day), "%s %s dia %d" % (p, Ws, day)])
        if form == "today":
            return "hoje"
        if form == "tomorrow":
            return "amanhã"
        if form == "dayafter":
            return "depois de amanhã"
        if form == "weekday":
            return rng.choice(["%s %s" % (p, Ws), "%s %s" % (p, W)])
        if form == "nextwd":
            return rng.choice(["%s próxima %s" % (p, Ws) if wd < 5 else "no próximo %s" % Ws,
                               "%s que vem" % Ws if wd < 5 else "no %s que vem" % Ws])
    if lang == "es":
        W = WD["es"][wd]
        if form == "wdm":
            return rng.choice(["el %s %d de %s" % (W, day, M), "el %s, %d de %s," % (W, day, M)])
        if form == "dm":
            return rng.choice(["el %d de %s" % (day, M), "el día %d de %s" % (day, M)])
        if form == "num":
            return rng.choice(["el %02d/%02d" % (day, d.month), "el día %d/%d" % (day, d.month)])
        if form == "wdd":
            return "el %s día %d" % (W, day)
        if form == "today":
            return "hoy"
        if form == "tomorrow":
            return "mañana"
        if form == "dayafter":
            return "pasado mañana"
        if form == "weekday":
            return rng.choice(["el %s" % W, "este %s" % W])
        if form == "nextwd":
            return rng.choice(["el próximo %s" % W, "el %s que viene" % W])
    raise ValueError((lang, form))


def time_phrase(lang, t, rng):
    """Exact time phrase for minutes-since-midnight t."""
    h, m = divmod(t, 60)
    h12 = h - 12 if h > 12 else h
    ap = "am" if h < 12 else "pm"
    if lang == "en":
        opts = []
        if m == 0:
            opts += ["at %d%s" % (h12, ap), "at %d %s" % (h12, ap), "at %d:00" % h]
            if 8 <= h <= 11:
                opts.append("at %d" % h)
            if h == 12:
                opts = ["at 12pm", "at noon", "at 12:00"]
        else:
            opts += ["at %d:%02d%s" % (h12, m, ap), "at %d:%02d" % (h, m), "at %d.%02d %s" % (h12, m, ap)]
            if m == 30 and 8 <= h <= 11:
                opts.append("at half past %d" % h)
        return rng.choice(opts)
    if lang == "tr":
        if m == 0:
            opts = ["saat %d'%s" % (h, tr_suffix(h, TR_LOC)), "saat %d:00'%s" % (h, tr_suffix(h, TR_LOC))]
            if 13 <= h <= 17:
                opts.append("öğleden sonra %d'%s" % (h - 12, tr_suffix(h - 12, TR_LOC)))
        else:
            sfx = tr_suffix(m, TR_LOC)
            opts = ["saat %d:%02d'%s" % (h, m, sfx), "%d:%02d'%s" % (h, m, sfx), "saat %d.%02d'%s" % (h, m, sfx)]
            if m == 30:
                opts.append("saat %d buçukta" % h)
        return rng.choice(opts)
    if lang == "pt":
        if m == 0:
            opts = ["às %dh" % h, "às %d horas" % h, "às %d:00" % h]
            if 13 <= h <= 18:
                opts.append("à uma da tarde" if h == 13 else "às %s da tarde" % PT_NUM[h - 12])
        else:
            opts = ["às %dh%02d" % (h, m), "às %d:%02d" % (h, m)]
            if m == 30:
                opts.append("às %d e meia" % h)
        return rng.choice(opts)
    if lang == "es":
        if m == 0:
            opts = ["a las %d:00" % h, "a las %dh" % h]
            if 8 <= h <= 12:
                opts += ["a las %d" % h, "a las %s" % ES_NUM[h]]
            if 13 <= h <= 20:
                opts.append("a la una de la tarde" if h == 13 else "a las %s de la tarde" % ES_NUM[h - 12])
        else:
            opts = ["a las %d:%02d" % (h, m)]
            if 8 <= h <= 12 and m == 30:
                opts.append("a las %s y media" % ES_NUM[h])
            if 8 <= h <= 12 and m == 15:
                opts.append("a las %s y cuarto" % ES_NUM[h])
            if 13 <= h <= 20 and m == 30:
                opts.append("a las %s y media de la tarde" % ("una" if h == 13 else ES_NUM[h - 12]))
        return rng.choice(opts)
    raise ValueError(lang)


def time_short(lang, t, rng):
    """A bare time as a patient picks one ('10:30', 'às 10h30', '14:30'ta')."""
    h, m = divmod(t, 60)
    if lang == "en":
        return rng.choice(["%d:%02d" % (h, m), time_phrase("en", t, rng)])
    if lang == "tr":
        return rng.choice(["%d:%02d" % (h, m), time_phrase("tr", t, rng)])
    if lang == "pt":
        return rng.choice(["%dh%02d" % (h, m) if m else "%dh" % h, time_phrase("pt", t, rng)])
    return rng.choice(["%d:%02d" % (h, m), time_phrase("es", t, rng)])


def time_variants(t):
    """Ways a reply may write a time (for expect checks)."""
    h, m = divmod(t, 60)
    h12 = h - 12 if h > 12 else h
    v = {"%d:%02d" % (h, m), "%02d:%02d" % (h, m), "%dh%02d" % (h, m), "%d.%02d" % (h, m)}
    if m == 0:
        v |= {"%dh" % h, "%d h" % h}
    if h >= 12:
        v |= {"%d:%02d pm" % (h12, m), "%d:%02dpm" % (h12, m), "%d:%02d p" % (h12, m)}
        if m == 0:
            v |= {"%d pm" % h12, "%dpm" % h12}
    else:
        v |= {"%d:%02d am" % (h, m), "%d:%02dam" % (h, m)}
        if m == 0:
            v |= {"%d am" % h, "%dam" % h}
    return sorted(v)


def price_variants(svc):
    amt = svc["price"]["amount_minor"] // 100
    s = str(amt)
    if amt >= 1000:
        return [s, "{:,}".format(amt), "{:,}".format(amt).replace(",", "."), "{:,}".format(amt).replace(",", " ")]
    return [s]


def hour_variants(h):
    h12 = h - 12 if h > 12 else h
    v = ["%d:00" % h, "%02d:00" % h, "%dh" % h, "%d.00" % h]
    if h >= 12:
        v += ["%d pm" % h12, "%dpm" % h12, "%d p.m" % h12]
    else:
        v += ["%d am" % h, "%dam" % h, "%d a.m" % h]
    if h == 12:
        v += ["noon", "meio-dia", "meio dia", "mediodia", "oglen", "öğlen"]
    return v


# ----------------------------------------------------------------------------- vocabularies
# Service phrases as a patient writes them: (official name forms, everyday words / aliases).
# en/pt/es phrases carry their article; tr phrases are bare nouns (used before "için").
S = lambda a, b: (a.split("|"), b.split("|"))
SVC_WORDS = {
    "dental-ankara": {
        "checkup": {"en": S("a check-up", "a dental exam|a checkup|a routine check of my teeth"),
                    "tr": S("muayene", "diş kontrolü|kontrol|genel kontrol"),
                    "pt": S("uma consulta de avaliação", "uma avaliação|uma revisão aos dentes|um check-up aos dentes"),
                    "es": S("una revisión", "un chequeo|una revisión de los dientes|una consulta general")},
        "cleaning": {"en": S("a cleaning", "a teeth cleaning|a scaling|a scale and polish"),
                     "tr": S("diş taşı temizliği", "detartraj|diş temizliği|diş taşı aldırma"),
                     "pt": S("uma limpeza", "uma limpeza dentária|uma destartarização|uma limpeza aos dentes"),
                     "es": S("una limpieza dental", "una limpieza|una limpieza de boca|una higiene")},
        "filling": {"en": S("a filling", "a cavity filled|a filling for a cavity|a restoration"),
                    "tr": S("dolgu", "çürük diş dolgusu|diş dolgusu|çürük tedavisi"),
                    "pt": S("uma obturação", "um chumbo num dente|uma restauração|uma cárie para tratar"),
                    "es": S("un empaste", "una caries|un empaste de una caries|una obturación")},
        "root_canal": {"en": S("a root canal treatment", "a root canal|root canal work"),
                       "tr": S("kanal tedavisi", "kanal|dişime kanal tedavisi"),
                       "pt": S("um tratamento de canal", "uma desvitalização|a desvitalização de um dente"),
                       "es": S("una endodoncia", "un tratamiento de conducto|matar el nervio de una muela")},
        "braces_consult": {"en": S("an orthodontic consultation", "a braces consultation|a consult about braces|an Invisalign consultation"),
                           "tr": S("ortodonti muayenesi", "tel tedavisi|şeffaf plak|diş teli"),
                           "pt": S("uma consulta de ortodontia", "uma consulta para aparelho|uma consulta para pôr aparelho"),
                           "es": S("una consulta de ortodoncia", "brackets|una consulta para brackets|invisalign")},
    },
    "dermatology-lisbon": {
        "consult": {"en": S("a dermatology consultation", "an appointment with a dermatologist|a skin doctor appointment|a consultation with the skin doctor"),
                    "tr": S("dermatoloji muayenesi", "cilt doktoru|cildiyeci|dermatolog muayenesi"),
                    "pt": S("uma consulta de dermatologia", "uma consulta|uma consulta com a dermatologista|uma consulta no dermatologista"),
                    "es": S("una consulta de dermatología", "el dermatólogo|una cita con el dermatólogo|una consulta de piel")},
        "mole_check": {"en": S("a mole check", "a mole screening|a check-up for my moles|a check of my moles"),
                       "tr": S("ben kontrolü", "ben taraması|benlerin kontrolü|ben muayenesi"),
                       "pt": S("um rastreio de sinais", "uma consulta para ver uns sinais|uma dermatoscopia|uma consulta de sinais"),
                       "es": S("una revisión de lunares", "que me miren los lunares|un chequeo de lunares|una dermatoscopia")},
        "acne": {"en": S("an acne treatment", "an appointment for my acne|acne treatment|a treatment for pimples"),
                 "tr": S("akne tedavisi", "sivilce tedavisi|sivilceler|akne"),
                 "pt": S("um tratamento de acne", "uma consulta para as borbulhas|um tratamento para as espinhas|o tratamento do acne"),
                 "es": S("un tratamiento del acné", "tratarme los granos|tratar el acné|los granos")},
        "laser": {"en": S("a laser hair removal session", "laser hair removal|laser|a laser session"),
                  "tr": S("lazer epilasyon", "epilasyon|lazer|lazer seansı"),
                  "pt": S("uma depilação a laser", "depilação|uma sessão de laser|laser"),
                  "es": S("una depilación láser", "depilación|una sesión de láser|el láser")},
        "peel": {"en": S("a chemical peel", "a peel|a peeling"),
                 "tr": S("kimyasal peeling", "peeling|cilt soyma"),
                 "pt": S("um peeling químico", "um peeling|uma esfoliação química"),
                 "es": S("un peeling químico", "un peeling|una exfoliación química")},
    },
    "physio-madrid": {
        "assessment": {"en": S("an initial assessment", "a first visit|an evaluation|a first appointment"),
                       "tr": S("ilk değerlendirme", "değerlendirme|ilk muayene|ilk seans değerlendirmesi"),
                       "pt": S("uma avaliação inicial", "uma primeira consulta|uma avaliação|a primeira consulta"),
                       "es": S("una valoración inicial", "una primera visita|una valoración|la primera visita")},
        "session": {"en": S("a physiotherapy session", "a physio session|physio|some physio"),
                    "tr": S("fizyoterapi seansı", "fizik tedavi|fizyoterapi|fizik tedavi seansı"),
                    "pt": S("uma sessão de fisioterapia", "fisioterapia|uma sessão de fisio|fisio"),
                    "es": S("una sesión de fisioterapia", "fisio|una sesión de fisio|fisioterapia")},
        "massage": {"en": S("a sports massage", "a massage|a deep tissue massage|a massage for my legs"),
                    "tr": S("spor masajı", "masaj|kas gevşetme masajı|sporcu masajı"),
                    "pt": S("uma massagem desportiva", "uma massagem|uma massagem às pernas|uma massagem de descarga"),
                    "es": S("un masaje deportivo", "un masaje|una descarga muscular|un masaje de descarga")},
        "pilates": {"en": S("a clinical pilates class", "pilates|a reformer session|a pilates session"),
                    "tr": S("klinik pilates", "pilates|reformer pilates|pilates dersi"),
                    "pt": S("uma aula de pilates clínico", "pilates|uma aula de pilates|reformer"),
                    "es": S("una sesión de pilates terapéutico", "pilates|una clase de pilates|reformer")},
        "rehab_consult": {"en": S("a rehabilitation consultation", "an appointment with the rehab doctor|a rehab doctor appointment|a visit with the rehab doctor"),
                          "tr": S("rehabilitasyon muayenesi", "fiziatrist|fizik tedavi doktoru|fiziatrist muayenesi"),
                          "pt": S("uma consulta de reabilitação", "uma consulta com o médico de reabilitação|reabilitação|uma consulta com o fisiatra"),
                          "es": S("una consulta de rehabilitación", "el médico rehabilitador|una cita con el rehabilitador|rehabilitación")},
    },
    "gp-boston": {
        "consult": {"en": S("a general consultation", "a GP appointment|an appointment with a family doctor|a doctor's appointment"),
                    "tr": S("genel muayene", "pratisyen|aile hekimi|doktor muayenesi"),
                    "pt": S("uma consulta geral", "uma consulta com o clínico geral|um médico de família|o clínico geral"),
                    "es": S("una consulta general", "el médico de cabecera|una cita con el médico general|el médico de familia")},
        "physical": {"en": S("an annual physical", "a physical|my yearly check-up|a checkup"),
                     "tr": S("yıllık check-up", "check-up|yıllık kontrol|genel check-up"),
                     "pt": S("um check-up anual", "um exame de rotina|o check-up do ano|um checkup"),
                     "es": S("un chequeo anual", "un chequeo|el chequeo de todos los años|un reconocimiento anual")},
        "blood": {"en": S("a blood test", "blood work|labs|some bloodwork"),
                  "tr": S("kan tahlili", "kan testi|kan alımı|tahlil"),
                  "pt": S("umas análises ao sangue", "um exame de sangue|análises|uma colheita de sangue"),
                  "es": S("un análisis de sangre", "una analítica|sacarme sangre|unos análisis")},
        "vaccine": {"en": S("a vaccination", "a flu shot|a shot|a vaccine"),
                    "tr": S("aşı", "grip aşısı|aşı|grip aşısı olmak"),
                    "pt": S("uma vacinação", "a vacina da gripe|uma vacina|a vacina"),
                    "es": S("una vacunación", "la vacuna de la gripe|una vacuna|ponerme la vacuna")},
        "telehealth": {"en": S("a prescription renewal", "a refill|a prescription refill|a renewal of my prescription"),
                       "tr": S("reçete yenileme", "reçete|ilaç reçetesi yenileme|reçetemi yenilemek"),
                       "pt": S("uma renovação de receita", "a renovação da receita|uma receita|a receita dos remédios"),
                       "es": S("una renovación de receta", "renovar la receta|una receta|la receta de mis pastillas")},
    },
    "gp-sao-paulo": {
        "consult": {"en": S("a general consultation", "a GP appointment|a family doctor appointment|a visit with a general doctor"),
                    "tr": S("genel muayene", "pratisyen|aile hekimi|dahiliye muayenesi"),
                    "pt": S("uma consulta de clínica geral", "uma consulta com o clínico geral|um clínico|uma consulta com médico de família"),
                    "es": S("una consulta de medicina general", "el médico general|el médico de cabecera|una consulta con el médico de familia")},
        "pediatrics": {"en": S("a paediatric consultation", "a pediatrician visit|a pediatrician appointment|a children's doctor appointment"),
                       "tr": S("çocuk doktoru muayenesi", "çocuk doktoru|pediatri|pediatrist"),
                       "pt": S("uma consulta de pediatria", "a pediatra|uma consulta com a pediatra|pediatria"),
                       "es": S("una consulta de pediatría", "el pediatra|la pediatra|pediatría")},
        "cardio": {"en": S("a cardiology consultation", "a cardiologist appointment|a heart doctor appointment|an appointment with the cardiologist"),
                   "tr": S("kardiyoloji muayenesi", "kardiyolog|kalp doktoru|kardiyolog muayenesi"),
                   "pt": S("uma consulta de cardiologia", "o cardiologista|uma consulta com o cardiologista|uma consulta do coração"),
                   "es": S("una consulta de cardiología", "el cardiólogo|una cita con el cardiólogo|el médico del corazón")},
        "ecg": {"en": S("an ECG", "an EKG|a heart tracing|an electrocardiogram"),
                "tr": S("EKG", "kalp grafisi|elektrokardiyografi|EKG çekimi"),
                "pt": S("um eletrocardiograma", "um eletro|um ECG|um exame do coração, um eletro"),
                "es": S("un electrocardiograma", "un electro|un ECG|hacerme un electro")},
        "checkup": {"en": S("a full check-up", "a check-up|a checkup|a complete checkup"),
                    "tr": S("tam check-up", "check-up|genel check-up|tam kontrol"),
                    "pt": S("um check-up completo", "um check-up|exames de rotina|um checkup geral"),
                    "es": S("un chequeo completo", "un chequeo|un chequeo general|un check-up")},
    },
}

UNKNOWN_SVC = {
    "dental": {"en": "teeth whitening", "tr": "diş beyazlatma", "pt": "branqueamento dentário", "es": "blanqueamiento dental"},
    "dermatology": {"en": "botox", "tr": "botoks", "pt": "botox", "es": "bótox"},
    "physiotherapy": {"en": "acupuncture", "tr": "akupunktur", "pt": "acupuntura", "es": "acupuntura"},
    "general practice": {"en": "an MRI scan", "tr": "MR çekimi", "pt": "uma ressonância magnética", "es": "una resonancia magnética"},
}

# Names: (first, last, gender).  Patient first names never equal a practitioner's first name
# in the same clinic (filtered at draw time).
NAMES = {
    "en": [("Megan", "O'Brien", "f"), ("Zoë", "Clarke", "f"), ("Renée", "Dubois", "f"), ("Chloé", "Martin", "f"),
           ("Noah", "Bennett", "m"), ("Olivia", "Hughes", "f"), ("James", "Carter", "m"), ("Grace", "Whitfield", "f"),
           ("Ethan", "Brooks", "m"), ("Mia", "Fernandes", "f"), ("Jack", "Thompson", "m"), ("Lucas", "Grant", "m"),
           ("Ava", "Sullivan", "f"), ("Henry", "Doyle", "m"), ("Isla", "Murphy", "f"), ("Oliver", "Reed", "m"),
           ("Nora", "Quinn", "f"), ("Dylan", "Foster", "m"), ("Siobhán", "Kelly", "f"), ("José", "Álvarez", "m"),
           ("Deniz", "Kaya", "m"), ("Seán", "Ó Briain", "m"), ("Amélie", "Moreau", "f"), ("Kevin", "Nguyen", "m")],
    "tr": [("Ayşe", "Yılmaz", "f"), ("Deniz", "Kaya", "m"), ("Çağrı", "Öztürk", "m"), ("İlker", "Şahin", "m"),
           ("Gülşen", "Doğan", "f"), ("Barış", "Çelik", "m"), ("Şule", "Aktaş", "f"), ("Oğuz", "Güneş", "m"),
           ("Ebru", "Koç", "f"), ("Tuğba", "Arslan", "f"), ("Ömer", "Yıldız", "m"), ("Işıl", "Erdoğan", "f"),
           ("Hülya", "Kılıç", "f"), ("Emre", "Özdemir", "m"), ("Sıla", "Ateş", "f"), ("Yiğit", "Karaca", "m"),
           ("Büşra", "Polat", "f"), ("Göktuğ", "Kurt", "m"), ("Nazlı", "Şen", "f"), ("Cem", "Uçar", "m"),
           ("Gökçe", "Işık", "f"), ("İrem", "Çakır", "f"), ("Uğur", "Bozkurt", "m"), ("Şükrü", "Ünal", "m")],
    "pt": [("João", "Conceição", "m"), ("Inês", "Rocha", "f"), ("Paulo", "Reis", "m"), ("Ana", "Costa", "f"),
           ("Conceição", "Gonçalves", "f"), ("Sebastião", "Lopes", "m"), ("Mário", "Simões", "m"), ("Célia", "Magalhães", "f"),
           ("Tomás", "Brandão", "m"), ("Leonor", "Gusmão", "f"), ("Joana", "Araújo", "f"), ("Luís", "Antunes", "m"),
           ("Vânia", "Mourão", "f"), ("André", "Pinheiro", "m"), ("Débora", "Assunção", "f"), ("Thiago", "Guimarães", "m"),
           ("Luana", "Sá", "f"), ("Caio", "Nogueira", "m"), ("Lívia", "Corrêa", "f"), ("Estêvão", "Falcão", "m"),
           ("Glória", "Patrício", "f"), ("Simão", "Leitão", "m"), ("Fátima", "Louçã", "f"), ("Rúben", "Gião", "m")],
    "es": [("Lucía", "Pérez", "f"), ("José", "Martínez", "m"), ("Íñigo", "Núñez", "m"), ("María José", "Ibáñez", "f"),
           ("Begoña", "Muñoz", "f"), ("Ramón", "Peña", "m"), ("Álvaro", "Cañas", "m"), ("Sofía", "Gómez", "f"),
           ("Andrés", "Ortiz", "m"), ("Nuria", "Castaño", "f"), ("Raúl", "Jiménez", "m"), ("Ángela", "Rodríguez", "f"),
           ("Jesús", "Sáenz", "m"), ("Pilar", "Gutiérrez", "f"), ("Héctor", "Maldonado", "m"), ("Inés", "Márquez", "f"),
           ("Víctor", "Muñiz", "m"), ("Noelia", "Fariña", "f"), ("Óscar", "Beltrán", "m"), ("Begoña", "Yáñez", "f"),
           ("Iñaki", "Echeverría", "m"), ("Maribel", "Cortés", "f"), ("Nicolás", "Peñalver", "m"), ("Rocío", "Ibáñez", "f")],
}
# first names for household members (children / partners / parents) per language and gender
KIN_FIRST = {
    "en": {"m": ["Leo", "Sam", "Noah", "Finn", "Deniz", "Theo", "Frank", "Peter"], "f": ["Lily", "Emma", "Ruby", "Zoë", "Margaret", "Rose", "Chloé", "Ellie"]},
    "tr": {"m": ["Deniz", "Ali", "Kerem", "Efe", "Mustafa", "Hüseyin", "Çınar", "Ömer"], "f": ["Elif", "Zeynep", "Ayşegül", "Fatma", "Hatice", "Eylül", "Gül", "Şeyma"]},
    "pt": {"m": ["Tomás", "Martim", "Gonçalo", "Joaquim", "António", "Davi", "Heitor", "Simão"], "f": ["Leonor", "Matilde", "Beatriz", "Maria do Carmo", "Graça", "Alícia", "Helena", "Fátima"]},
    "es": {"m": ["Hugo", "Martín", "Mateo", "Ramón", "Jesús", "Íker", "Nicolás", "Álex"], "f": ["Lucía", "Martina", "Sofía", "Carmen", "Dolores", "Begoña", "Maite", "Ainhoa"]},
}
# relation key -> (gender, is_child, older)
RELS = {"son": ("m", True), "daughter": ("f", True), "mother": ("f", False), "father": ("m", False),
        "husband": ("m", False), "wife": ("f", False), "grandmother": ("f", False)}
REL_PHRASE = {  # {n} = name (may be absent for parents)
    "en": {"son": ["for my son {n}", "for my boy {n}"], "daughter": ["for my daughter {n}", "for my little girl {n}"],
           "mother": ["for my mum {n}", "for my mother {n}", "for my mom {n}"], "father": ["for my dad {n}", "for my father {n}"],
           "husband": ["for my husband {n}"], "wife": ["for my wife {n}"], "grandmother": ["for my grandma {n}", "for my grandmother {n}"]},
    "tr": {"son": ["oğlum {n} için"], "daughter": ["kızım {n} için"], "mother": ["annem {n} için"], "father": ["babam {n} için"],
           "husband": ["eşim {n} için", "kocam {n} için"], "wife": ["eşim {n} için", "hanımım {n} için"], "grandmother": ["anneannem {n} için", "babaannem {n} için"]},
    "pt": {"son": ["para o meu filho {n}", "pro meu filho {n}"], "daughter": ["para a minha filha {n}"], "mother": ["para a minha mãe, {n},", "para a minha mãe {n}"],
           "father": ["para o meu pai {n}"], "husband": ["para o meu marido {n}"], "wife": ["para a minha mulher {n}", "para a minha esposa {n}"],
           "grandmother": ["para a minha avó {n}"]},
    "es": {"son": ["para mi hijo {n}"], "daughter": ["para mi hija {n}"], "mother": ["para mi madre {n}", "para mi mamá {n}"], "father": ["para mi padre {n}"],
           "husband": ["para mi marido {n}"], "wife": ["para mi mujer {n}"], "grandmother": ["para mi abuela {n}"]},
}
REL_NONAME = {  # relation without a name (the assistant must ask for it)
    "en": {"mother": "for my mum", "father": "for my dad", "grandmother": "for my grandmother", "husband": "for my husband", "wife": "for my wife"},
    "tr": {"mother": "annem için", "father": "babam için", "grandmother": "anneannem için", "husband": "eşim için", "wife": "eşim için"},
    "pt": {"mother": "para a minha mãe", "father": "para o meu pai", "grandmother": "para a minha avó", "husband": "para o meu marido", "wife": "para a minha mulher"},
    "es": {"mother": "para mi madre", "father": "para mi padre", "grandmother": "para mi abuela", "husband": "para mi marido", "wife": "para mi mujer"},
}
THEIR_NAME = {  # answering "what is her/his name?"
    "en": {"f": ["Her name is {n}", "She's {n}", "{n}"], "m": ["His name is {n}", "He's called {n}", "{n}"]},
    "tr": {"f": ["Adı {n}", "İsmi {n}", "{n}"], "m": ["Adı {n}", "İsmi {n}", "{n}"]},
    "pt": {"f": ["Chama-se {n}", "O nome dela é {n}", "{n}"], "m": ["Chama-se {n}", "O nome dele é {n}", "{n}"]},
    "es": {"f": ["Se llama {n}", "Su nombre es {n}", "{n}"], "m": ["Se llama {n}", "Su nombre es {n}", "{n}"]},
}
MY_NAME = {
    "en": {"f": ["My name is {n}", "I'm {n}", "this is {n}", "{n} here", "name's {n}"], "m": ["My name is {n}", "I'm {n}", "this is {n}", "{n} here", "name's {n}"]},
    "tr": {"f": ["Adım {n}", "Ben {n}", "İsmim {n}", "{n} ben"], "m": ["Adım {n}", "Ben {n}", "İsmim {n}", "{n} ben"]},
    "pt": {"f": ["Chamo-me {n}", "Sou a {n}", "O meu nome é {n}", "Meu nome é {n}", "Aqui é a {n}"],
           "m": ["Chamo-me {n}", "Sou o {n}", "O meu nome é {n}", "Meu nome é {n}", "Aqui é o {n}"]},
    "es": {"f": ["Me llamo {n}", "Soy {n}", "Mi nombre es {n}", "Le escribe {n}"], "m": ["Me llamo {n}", "Soy {n}", "Mi nombre es {n}", "Le escribe {n}"]},
}
ANSWER_MY_NAME = {  # reply to "what is your name?"
    "en": ["{n}", "It's {n}", "Sure, {n}", "yes it's {n}", "{n}, thanks"],
    "tr": ["{n}", "Adım {n}", "Tabii, {n}", "Evet, {n}", "{n} efendim"],
    "pt": ["{n}", "Sim, é {n}", "Claro! {n}", "Chamo-me {n}", "É {n}, obrigada"],
    "es": ["{n}", "Sí, {n}", "Claro, me llamo {n}", "Soy {n}", "{n}, gracias"],
}
PROFILE_ODD = {
    "en": ["Mom ❤️", "🌸🌸", "Bob's Plumbing LLC", "Sunshine ☀️", "~ Jo ~", "Dad", "iPhone de casa", "Coach K", "."],
    "tr": ["Annem", "Kaya Oto Yedek Parça", "🌙✨", "Canım", "Babam", "Ev", "Aslan 🦁", "Kuaför Selo", "."],
    "pt": ["Mãe ❤️", "Padaria Estrela", "🌴🌴", "Mamãe", "Tia Fátima", "Casa", "Oficina do Zé", "Pai", "."],
    "es": ["Mamá 💕", "Ferretería Núñez", "🌻", "Papá", "Casa", "Bar Manolo", "La Peque", "Yaya", "."],
}
NICK = {
    "en": lambda f, rng: rng.choice([f + " 🌴", f[:3] + "!", f.upper(), f + " ✨", "xx " + f + " xx"]),
    "tr": lambda f, rng: rng.choice([f + " 🌷", f + "cim", f.upper(), f + " ⚽", "~" + f + "~"]),
    "pt": lambda f, rng: rng.choice([f + "zinho 🌴" if not f.endswith("a") else f + "zinha 🌴", f + " ☀️", f.upper(), "~" + f + "~"]),
    "es": lambda f, rng: rng.choice([f + "ita 🌺" if f.endswith("a") else f + "ito ⚽", f + " 😎", f.upper(), "~" + f + "~"]),
}
GREET = {
    "en": ["Hi", "Hello", "Hey", "Good morning", "Hi there", "Hiya"],
    "tr": ["Merhaba", "Selam", "İyi günler", "Merhabalar", "Kolay gelsin", "Günaydın"],
    "pt": ["Olá", "Bom dia", "Boa tarde", "Oi", "Olá, boa tarde", "Oi, tudo bem?"],
    "es": ["Hola", "Buenas", "Buenos días", "Hola, buenas tardes", "Hola qué tal", "Buenas tardes"],
}
EMOJI = ["🙏", "😊", "👍", "🙂", "😅", "🤞", "❤️", "😬"]
RUNON = {  # voice-note-style openers
    "en": ["hi yes so um I was wondering, ", "ok so basically ", "hiya sorry typing this in the car, so ", "hi so yeah it's been ages and "],
    "tr": ["merhaba şey ben diyordum ki ", "selam yani aslında ", "merhaba hocam kusura bakmayın arabadan yazıyorum şimdi ", "iyi günler efendim şöyle bir şey "],
    "pt": ["olá então é assim ", "oi tudo bem então tipo ", "bom dia olhe desculpe estou a escrever do carro então ", "olá pois é já faz tempo e "],
    "es": ["hola mira te cuento ", "buenas pues nada que ", "hola perdona que escribo desde el coche bueno pues ", "hola a ver es que "],
}


# confirmations / refusals.  "plain" = a bare yes; the others carry the verb of the pending action.
YES = {
    "en": {"plain": ["yes", "Yes", "yes please", "ok yes", "yep"],
           "book": ["Yes please book it", "yes that works, go ahead and book it", "Perfect, yes, book me in 👍",
                    "Sounds good, please confirm it", "yes!! book it please", "Great, yes, put me down for that"],
           "book_other": ["Yes please book it for {f}", "yes, go ahead and book {f} in", "Perfect, yes, book it for {f} 👍"],
           "cancel": ["Yes please go ahead and cancel", "yes cancel it please", "Yeah, please cancel it, thanks",
                      "yes, go ahead and cancel that one"],
           "move": ["Yes, move it please", "yes please change it to that", "Perfect, yes, move it 👍", "yes go ahead and reschedule it"]},
    "tr": {"plain": ["evet", "Evet", "evet lütfen", "tamam evet", "olur"],
           "book": ["Evet, lütfen randevuyu oluşturun", "Evet uygun, kaydedin lütfen", "Tamam olur, randevuyu ayarlayın 👍",
                    "evet evet onaylıyorum", "Evet, o saate yazın lütfen", "Süper, evet alalım"],
           "book_other": ["Evet, {f} için randevuyu oluşturun lütfen", "evet {f} için kaydedin", "Tamam, {f} adına onaylıyorum 👍"],
           "cancel": ["Evet lütfen iptal edin", "evet iptal edebilirsiniz", "Tamam, iptal edin lütfen", "evet, randevuyu iptal edin"],
           "move": ["Evet, o saate alın lütfen", "evet değiştirin lütfen", "Tamam, randevumu oraya taşıyın", "evet olur, erteleyin"]},
    "pt": {"plain": ["sim", "Sim", "sim, obrigado", "ok, sim", "pode ser"],
           "book": ["Sim, pode marcar", "Sim sim, pode confirmar", "Pode ser, marque por favor 👍", "Perfeito, confirmo a marcação",
                    "Isso, pode agendar", "Sim, fica marcado então"],
           "book_other": ["Sim, pode marcar para {f}", "sim, pode confirmar a consulta de {f}", "Sim, pode agendar para {f}"],
           "cancel": ["Pode cancelar sim", "Sim, cancele por favor", "sim pode desmarcar", "Sim, pode cancelar essa consulta"],
           "move": ["Sim, pode mudar", "Sim, pode remarcar para esse horário", "Pode alterar sim, obrigada", "sim, pode passar para essa hora"]},
    "es": {"plain": ["sí", "Sí", "sí, gracias", "vale, sí", "ok sí"],
           "book": ["Sí, resérvela", "Sí, por favor, apúntame", "Vale, perfecto, resérvalo 👍", "sí, confírmela por favor",
                    "Genial, sí, dame esa cita", "Sí, resérvemela"],
           "book_other": ["Sí, resérvela para {f}", "sí, apunte a {f} por favor", "Vale, confírmela a nombre de {f}"],
           "cancel": ["Sí, cancélela", "sí, anúlela por favor", "Vale, cancélala", "Sí, por favor, cancele esa cita"],
           "move": ["Sí, cámbiela", "sí, muévala a esa hora", "Vale, cámbiamela", "Sí, pásela a ese día por favor"]},
}
NO = {
    "en": {"cancel": ["No, don't cancel it, I'll keep it", "no no, leave it, I'll come after all", "Actually no, keep the appointment please"],
           "book": ["No thanks, I'll think about it and come back to you", "no, leave it for now, thanks", "Actually no, don't book anything yet"],
           "other_time": ["No, {t} doesn't work for me — could you do {t2} instead?", "no not at {t}, is {t2} possible?"]},
    "tr": {"cancel": ["Hayır, iptal etmeyin, kalsın", "yok vazgeçtim, randevu kalsın", "Hayır hayır, iptal etmeyin geleceğim"],
           "book": ["Hayır teşekkürler, biraz düşüneyim", "yok şimdilik kalsın", "Hayır, şimdi randevu almayayım"],
           "other_time": ["Hayır, {t} olmaz, {t2} olabilir mi?", "yok {t} uymuyor, {t2} var mı?"]},
    "pt": {"cancel": ["Não, não cancele, deixe ficar", "não, afinal vou, mantenha a consulta", "Não, obrigado, deixe como está"],
           "book": ["Não, obrigado, vou pensar melhor", "não, por agora deixe estar", "Não, afinal ainda não quero marcar"],
           "other_time": ["Não, {t} não dá, pode ser {t2}?", "não, {t} não consigo, e {t2}?"]},
    "es": {"cancel": ["No, no la cancele, me la quedo", "no no, déjela, al final sí voy", "No, gracias, déjelo como está"],
           "book": ["No, gracias, lo pienso y le digo", "no, de momento déjelo", "No, al final no la reserve todavía"],
           "other_time": ["No, a {t} no puedo, ¿podría ser a {t2}?", "no, {t} me viene mal, ¿y {t2}?"]},
}
PICK_FIRST = {"en": ["the first one is fine", "first one please", "the earliest one works"],
              "tr": ["ilki olur", "ilk saat uygun", "en erkeni olsun"],
              "pt": ["o primeiro está ótimo", "pode ser o primeiro", "o primeiro horário serve"],
              "es": ["la primera me va bien", "la primera, por favor", "el primer hueco me vale"]}
PICK_TIME = {"en": ["{t} please", "{t} works for me", "let's do {t}", "I'll take {t}"],
             "tr": ["{t} olsun", "{t} uygun", "{t} alayım"],
             "pt": ["{t}, por favor", "pode ser {t}", "prefiro {t}"],
             "es": ["{t}, por favor", "me viene bien {t}", "mejor {t}"]}
MORNING = {"en": ["in the morning", "morning"], "tr": ["sabah", "öğleden önce", "sabah saatlerinde"],
           "pt": ["de manhã", "no período da manhã", "pela manhã"], "es": ["por la mañana", "a primera hora de la mañana"]}
AFTERNOON = {"en": ["in the afternoon", "afternoon"], "tr": ["öğleden sonra", "öğleden sonra bir saat"],
             "pt": ["à tarde", "no período da tarde", "de tarde"], "es": ["por la tarde", "por la tarde, después de comer"]}
AFTERNOON_START = {"en": 12 * 60, "tr": 12 * 60, "pt": 14 * 60, "es": 14 * 60}
SAME_DAY_LATER = {"en": ["same day but later?", "hmm, same day but later?", "could it be later that same day?"],
                  "tr": ["aynı gün daha geç bir saat olur mu?", "Aynı gün öğleden sonra?", "aynı gün ama daha geç olabilir mi?"],
                  "pt": ["no mesmo dia mas mais tarde?", "e no mesmo dia, mais tarde?", "dá no mesmo dia mas um pouco mais tarde?"],
                  "es": ["¿el mismo día pero más tarde?", "y el mismo día más tarde, ¿puede ser?", "¿mismo día pero más tarde?"]}
SAME_DAY_AT = {"en": ["same day but later, {t}?", "actually same day but {t}?"],
               "tr": ["aynı gün {t} olur mu?", "aynı gün ama {t} olabilir mi?"],
               "pt": ["no mesmo dia mas {t}?", "pode ser no mesmo dia {t}?"],
               "es": ["¿el mismo día pero {t}?", "¿mismo día {t}?"]}

# FAQ topics per clinic: questions per language and the facts a reply must state.
# check: {lang: contains_any}, all: optional contains_all; marker: text of the FAQ answer that must
# never be pasted into a reply in another language.
FAQ = {
    "dental-ankara": {
        "saturday": {"lang": "tr", "q": {"en": ["Are you open on Saturdays?", "do you open saturday"], "tr": ["Cumartesi açık mısınız?", "cumartesi günü açık mısınız acaba"],
                                          "pt": ["Vocês abrem ao sábado?", "Estão abertos aos sábados?"], "es": ["¿Abren los sábados?", "los sábados abrís?"]},
                     "any": hour_variants(14), "all": ["10"], "marker": ["açığız", "kapalıyız"], "sat": True},
        "parking": {"lang": "tr", "q": {"en": ["Is there parking?", "where can I park?"], "tr": ["Otopark var mı?", "arabayla gelsem park yeri var mı"],
                                         "pt": ["Têm estacionamento?", "há sítio para estacionar?"], "es": ["¿Tienen aparcamiento?", "¿hay parking?"]},
                    "any_l": {"en": ["free", "no charge", "behind"], "tr": ["ücretsiz", "arka"], "pt": ["gratuito", "gratis", "atras", "traseiras"],
                              "es": ["gratuito", "gratis", "detras"]}, "marker": ["Binanın arkasında", "ücretsiz otopark vardır"]},
        "payment": {"lang": "tr", "q": {"en": ["What payment methods do you accept?", "can I pay by card?"], "tr": ["Hangi ödeme yöntemlerini kabul ediyorsunuz?", "kredi kartı geçiyor mu, taksit var mı?"],
                                         "pt": ["Que formas de pagamento aceitam?", "posso pagar com cartão?"], "es": ["¿Qué formas de pago aceptan?", "¿se puede pagar con tarjeta?"]},
                    "any_l": {"en": ["card", "instal"], "tr": ["kart", "taksit"], "pt": ["cartao", "prestac", "parcel"], "es": ["tarjeta", "plazos", "cuotas"]},
                    "marker": ["taksit yapılabilir", "kabul ediyoruz"]},
        "insurance": {"lang": "tr", "q": {"en": ["Do you accept private insurance?", "do you take SGK?"], "tr": ["Özel sigorta kabul ediyor musunuz?", "SGK geçiyor mu?"],
                                           "pt": ["Aceitam seguro de saúde privado?", "aceitam o SGK?"], "es": ["¿Aceptan seguros privados?", "¿trabajan con el SGK?"]},
                      "any": ["SGK"], "marker": ["anlaşmamız yoktur", "Anlaşmalı özel sigortalarla"]},
        "children": {"lang": "en", "q": {"en": ["Do you treat children?", "do you see kids?"], "tr": ["Çocuklara da bakıyor musunuz?", "çocuk hasta kabul ediyor musunuz?"],
                                          "pt": ["Atendem crianças?", "tratam crianças também?"], "es": ["¿Atienden a niños?", "¿veis a niños pequeños?"]},
                     "any_l": {"en": ["3", "three"], "tr": ["3", "üç"], "pt": ["3", "tres"], "es": ["3", "tres"]}, "marker": ["a parent must come", "we see children from age"]},
    },
    "dermatology-lisbon": {
        "insurance": {"lang": "pt", "q": {"en": ["Do you accept health insurance?", "which insurances do you take?"], "tr": ["Sağlık sigortası kabul ediyor musunuz?", "hangi sigortalarla çalışıyorsunuz?"],
                                           "pt": ["Aceitam seguros de saúde?", "trabalham com que seguros?"], "es": ["¿Aceptan seguros médicos?", "¿con qué seguros trabajan?"]},
                      "any": ["Medis", "Multicare", "AdvanceCare"], "marker": ["traga o cartão do seguro"]},
        "parking": {"lang": "pt", "q": {"en": ["Where can I park?", "is there parking nearby?"], "tr": ["Nereye park edebilirim?", "otopark var mı?"],
                                         "pt": ["Onde posso estacionar?", "têm estacionamento?"], "es": ["¿Dónde puedo aparcar?", "¿hay parking cerca?"]},
                    "any": ["Rosa Araujo"], "marker": ["a dois minutos a pé", "não tem estacionamento próprio"]},
        "saturday": {"lang": "pt", "q": {"en": ["Are you open on Saturdays?", "do you open saturdays?"], "tr": ["Cumartesi açık mısınız?", "cumartesi günleri açık mı?"],
                                          "pt": ["Abrem ao sábado?", "estão abertos ao sábado?"], "es": ["¿Abren los sábados?", "¿el sábado abren?"]},
                     "any_l": {"en": ["Friday", "closed", "not open", "weekdays"], "tr": ["Cuma", "kapali", "hafta ici", "acik degil"],
                               "pt": ["sexta", "fechad", "encerrad", "nao abr"], "es": ["viernes", "cerrad", "no abr"]},
                     "marker": ["a clínica está aberta de segunda a sexta"], "sat": True},
        "arrive": {"lang": "pt", "q": {"en": ["How early should I arrive?", "how long before should I get there?"], "tr": ["Ne kadar erken gelmeliyim?", "randevudan kaç dakika önce geleyim?"],
                                        "pt": ["Quanto tempo antes devo chegar?", "com quanta antecedência devo chegar?"], "es": ["¿Con cuánto tiempo de antelación debo llegar?", "¿cuánto antes tengo que llegar?"]},
                   "any": ["10"], "marker": ["Chegue 10 minutos antes", "traga a lista dos medicamentos"]},
    },
    "physio-madrid": {
        "mutuas": {"lang": "es", "q": {"en": ["Do you work with insurance companies?", "do you take private insurance?"], "tr": ["Sigorta şirketleriyle çalışıyor musunuz?", "özel sigorta geçiyor mu?"],
                                        "pt": ["Trabalham com seguros?", "aceitam seguros de saúde?"], "es": ["¿Trabajáis con mutuas?", "¿aceptan mutuas?"]},
                   "any": ["Sanitas", "Adeslas", "DKV"], "marker": ["traiga la autorización de su mutua"]},
        "clothes": {"lang": "es", "q": {"en": ["What should I wear?", "what clothes should I bring?"], "tr": ["Ne giymeliyim?", "yanımda ne getirmeliyim?"],
                                         "pt": ["Que roupa devo levar?", "o que devo vestir?"], "es": ["¿Qué ropa debo traer?", "¿qué me pongo para la sesión?"]},
                    "any_l": {"en": ["towel", "comfortable"], "tr": ["havlu", "rahat"], "pt": ["toalha", "confortavel"], "es": ["toalla", "comoda"]},
                    "marker": ["Ropa cómoda y una toalla", "calcetines antideslizantes"]},
        "saturday": {"lang": "es", "q": {"en": ["Are you open on Saturdays?", "do you open on saturday?"], "tr": ["Cumartesi açık mısınız?", "cumartesi günü açık mı?"],
                                          "pt": ["Abrem ao sábado?", "estão abertos no sábado?"], "es": ["¿Abrís los sábados?", "¿el sábado abren?"]},
                     "any": hour_variants(13) + ["1 pm", "1pm"], "all": ["9"], "marker": ["Los sábados abrimos", "los domingos cerramos"], "sat": True},
        "bono": {"lang": "es", "q": {"en": ["Do you have session packs?", "is there a discount if I buy several sessions?"], "tr": ["Seans paketi var mı?", "toplu seans alırsam indirim var mı?"],
                                      "pt": ["Têm pacotes de sessões?", "há desconto se comprar várias sessões?"], "es": ["¿Hay bonos de sesiones?", "¿tenéis bono de fisio?"]},
                 "any": ["200"], "marker": ["el bono de 5 sesiones"]},
    },
    "gp-boston": {
        "insurance": {"lang": "en", "q": {"en": ["Do you accept insurance?", "which insurance do you take?"], "tr": ["Sigorta kabul ediyor musunuz?", "hangi sigortaları kabul ediyorsunuz?"],
                                           "pt": ["Aceitam seguro de saúde?", "que seguros aceitam?"], "es": ["¿Aceptan seguro médico?", "¿qué seguros aceptan?"]},
                      "any": ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], "marker": ["bring your insurance card"]},
        "parking": {"lang": "en", "q": {"en": ["Is there parking?", "where do I park?"], "tr": ["Otopark var mı?", "nereye park edebilirim?"],
                                         "pt": ["Há estacionamento?", "onde posso estacionar?"], "es": ["¿Hay aparcamiento?", "¿dónde puedo aparcar?"]},
                    "any": ["Prudential"], "marker": ["Validated parking is available"]},
        "saturday": {"lang": "en", "q": {"en": ["Are you open on weekends?", "are you open saturday?"], "tr": ["Hafta sonu açık mısınız?", "cumartesi açık mısınız?"],
                                          "pt": ["Abrem ao fim de semana?", "vocês abrem no sábado?"], "es": ["¿Abren los fines de semana?", "¿abren el sábado?"]},
                     "any_l": {"en": ["Friday", "weekdays", "closed", "not open"], "tr": ["Cuma", "kapali", "hafta ici", "Pazartesi"],
                               "pt": ["sexta", "fechad", "nao abr", "segunda"], "es": ["viernes", "cerrad", "no abr", "lunes"]},
                     "marker": ["we are open Monday to Friday"], "sat": True},
        "fasting": {"lang": "en", "q": {"en": ["Do I need to fast before a blood test?", "should I skip breakfast before my bloodwork?"], "tr": ["Kan tahlilinden önce aç mı gelmeliyim?", "tahlil öncesi aç kalmak gerekiyor mu?"],
                                         "pt": ["Preciso de estar em jejum para as análises?", "tenho que ir em jejum para o exame de sangue?"], "es": ["¿Tengo que ir en ayunas al análisis de sangre?", "¿hay que estar en ayunas para la analítica?"]},
                    "all": ["8", "12"], "marker": ["fast for 8 to 12 hours", "water is fine"]},
    },
    "gp-sao-paulo": {
        "convenio": {"lang": "pt", "q": {"en": ["Do you accept health insurance?", "which health plans do you take?"], "tr": ["Sağlık sigortası kabul ediyor musunuz?", "hangi sigortalar geçiyor?"],
                                          "pt": ["Vocês aceitam convênio?", "aceitam quais planos de saúde?"], "es": ["¿Aceptan seguro médico?", "¿con qué seguros trabajan?"]},
                     "any": ["Amil", "Bradesco", "SulAmerica"], "marker": ["traga a carteirinha do convênio"]},
        "parking": {"lang": "pt", "q": {"en": ["Is there parking?", "where can I park?"], "tr": ["Otopark var mı?", "araç park yeri var mı?"],
                                         "pt": ["Tem estacionamento?", "onde estaciono?"], "es": ["¿Hay estacionamiento?", "¿dónde puedo aparcar?"]},
                    "any": ["1480"], "marker": ["Temos convênio com o estacionamento"]},
        "saturday": {"lang": "pt", "q": {"en": ["Are you open on Saturdays?", "do you open saturday?"], "tr": ["Cumartesi açık mısınız?", "cumartesi günü açık mı?"],
                                          "pt": ["Vocês abrem no sábado?", "sábado tem atendimento?"], "es": ["¿Abren los sábados?", "¿el sábado atienden?"]},
                     "any": hour_variants(12) + ["12"], "marker": ["aos sábados das 8h às 12h"], "sat": True},
        "payment": {"lang": "pt", "q": {"en": ["How can I pay for a private consultation?", "do you take Pix or cards?"], "tr": ["Nasıl ödeme yapabilirim?", "kartla ödeyebilir miyim?"],
                                         "pt": ["Como pago a consulta particular?", "aceitam cartão?"], "es": ["¿Cómo puedo pagar la consulta privada?", "¿aceptan tarjeta?"]},
                    "any": ["Pix"], "marker": ["Aceitamos Pix, cartão de crédito e débito"]},
    },
}
UNANSWERABLE = {"en": ["Can I bring my dog to the appointment?", "Do you have wifi in the waiting room?", "Do you sell gift cards?"],
                "tr": ["Randevuya köpeğimi getirebilir miyim?", "Bekleme salonunda wifi var mı?", "Hediye çeki satıyor musunuz?"],
                "pt": ["Posso levar o meu cão à consulta?", "Têm wifi na sala de espera?", "Vendem vales de oferta?"],
                "es": ["¿Puedo llevar a mi perro a la cita?", "¿Hay wifi en la sala de espera?", "¿Venden tarjetas regalo?"]}
OTHER_SPECIALTY_WORDS = {
    "dental": ["dermatolog", "fisioterapeut", "physiotherap", "fizyoterapist"],
    "dermatology": ["dentist", "dis hekim", "disci", "odontolog", "fisioterapeut", "physiotherap"],
    "physiotherapy": ["dentist", "dis hekim", "disci", "odontolog", "dermatolog"],
    "general practice": ["dentist", "dis hekim", "disci", "odontolog", "fisioterapeut", "physiotherap", "dermatolog"],
}
ADVICE = {
    "dental": {"en": ["I've had a toothache since yesterday, which painkiller should I take?", "my gums bleed when I brush, is that serious? what should I use?"],
               "tr": ["dünden beri dişim ağrıyor hangi ağrı kesiciyi içeyim?", "diş etlerim fırçalarken kanıyor ciddi mi, ne kullanayım?"],
               "pt": ["estou com dor de dentes desde ontem, que comprimido posso tomar?", "as gengivas sangram quando escovo, é grave? o que devo usar?"],
               "es": ["me duele una muela desde ayer, ¿qué me tomo?", "me sangran las encías al cepillarme, ¿es grave? ¿qué uso?"]},
    "dermatology": {"en": ["I have an itchy red rash on my arm, what cream should I put on it?", "one of my moles changed colour, is it dangerous?"],
                    "tr": ["kolumda kaşıntılı kırmızı döküntü var hangi kremi süreyim?", "benimin rengi değişti tehlikeli mi?"],
                    "pt": ["tenho uma mancha vermelha com comichão no braço, que pomada devo pôr?", "um sinal mudou de cor, é perigoso?"],
                    "es": ["tengo un sarpullido rojo que pica en el brazo, ¿qué crema me pongo?", "un lunar me ha cambiado de color, ¿es peligroso?"]},
    "physiotherapy": {"en": ["my lower back hurts after running, should I use ice or heat?", "which exercises should I do for my sore knee?"],
                      "tr": ["koşudan sonra belim ağrıyor buz mu koyayım sıcak mı?", "ağrıyan dizim için hangi egzersizleri yapmalıyım?"],
                      "pt": ["dói-me a lombar depois de correr, ponho gelo ou calor?", "que exercícios devo fazer para o joelho que me dói?"],
                      "es": ["me duele la zona lumbar después de correr, ¿pongo hielo o calor?", "¿qué ejercicios hago para la rodilla que me duele?"]},
    "general practice": {"en": ["I've had a cough for a week, should I take antibiotics?", "what dose of ibuprofen can I give my 6 year old?"],
                         "tr": ["bir haftadır öksürüyorum antibiyotik almalı mıyım?", "6 yaşındaki oğluma ne kadar ateş düşürücü vereyim?"],
                         "pt": ["estou com tosse há uma semana, devo tomar antibiótico?", "quanto ibuprofeno posso dar ao meu filho de 6 anos?"],
                         "es": ["llevo una semana con tos, ¿tomo antibiótico?", "¿cuánto ibuprofeno le puedo dar a mi hijo de 6 años?"]},
}
EMERGENCY = {
    "dental": {"en": ["my face is swelling and I can barely breathe", "I had a tooth pulled yesterday and the bleeding won't stop, it's been hours",
                      "my son fell off his bike and knocked his front tooth out, there's blood everywhere", "terrible tooth pain, my whole jaw is swollen and I have a high fever",
                      "the swelling from my tooth is going down my neck and it's hard to swallow", "I got hit in the mouth and I think my jaw is broken, I can't close it"],
               "tr": ["çok kötü ağrı var yüzüm şişti ateşim var", "dün diş çektirdim kanama hiç durmuyor saatlerdir", "oğlum bisikletten düştü ön dişi çıktı her yer kan",
                      "yüzüm çok şişti nefes almakta zorlanıyorum", "şişlik boynuma doğru iniyor yutkunamıyorum", "ağzıma darbe aldım çenem kırıldı galiba ağzımı kapatamıyorum"],
               "pt": ["a minha cara está a inchar muito e custa-me respirar", "tirei um dente ontem e não consigo parar o sangramento", "o meu filho caiu da bicicleta e o dente da frente saiu, está a sangrar imenso",
                      "dor de dentes horrível, a cara toda inchada e febre alta", "o inchaço está a descer para o pescoço e mal consigo engolir", "levei uma pancada na boca e acho que parti o maxilar, não consigo fechar a boca"],
               "es": ["se me está hinchando la cara y casi no puedo respirar", "me sacaron una muela ayer y no para de sangrar, llevo horas así", "mi hijo se ha caído de la bici y se le ha salido un diente, sangra muchísimo",
                      "tengo un dolor de muelas horrible, la cara hinchada y fiebre alta", "la hinchazón me baja por el cuello y casi no puedo tragar", "me han dado un golpe en la boca y creo que tengo la mandíbula rota, no puedo cerrarla"]},
    "dermatology": {"en": ["my lips and tongue are swelling after putting on the cream and I'm struggling to breathe", "I've broken out in hives all over and my throat feels tight",
                           "I burned my arm badly, there are huge blisters and the skin is coming off", "the skin around the cut is red, hot and spreading fast and I have a high fever",
                           "after the peel my face is burning and my eyes are so swollen I can't open them", "I feel faint and my whole body is covered in red welts since this morning"],
                    "tr": ["kremden sonra dudaklarım ve dilim şişti nefes alamıyorum", "her yerim kurdeşen döktü boğazım kapanıyor gibi", "kolum çok kötü yandı kocaman su kabarcıkları var deri soyuluyor",
                           "yaranın etrafı kıpkırmızı sıcak ve hızla yayılıyor ateşim de 39", "peelingden sonra yüzüm yanıyor gözlerim şişti açamıyorum", "bayılacak gibiyim bütün vücudum kırmızı kabarıklıklarla kaplandı"],
                    "pt": ["depois do creme os lábios e a língua começaram a inchar e estou com falta de ar", "fiquei cheia de urticária no corpo todo e sinto a garganta a fechar", "queimei-me no braço, tenho bolhas enormes e a pele está a sair",
                           "a zona à volta da ferida está vermelha, quente, está a alastrar depressa e tenho febre alta", "depois do peeling a cara arde imenso e os olhos incharam tanto que não os consigo abrir", "sinto que vou desmaiar e o corpo todo está coberto de vergões vermelhos"],
                    "es": ["después de la crema se me hinchan los labios y la lengua y me cuesta respirar", "me han salido ronchas por todo el cuerpo y noto que se me cierra la garganta", "me he quemado el brazo, tengo ampollas enormes y se me levanta la piel",
                           "la piel alrededor de la herida está roja, caliente, se extiende rápido y tengo fiebre alta", "tras el peeling me arde la cara y se me han hinchado los ojos, no puedo abrirlos", "estoy a punto de desmayarme y tengo todo el cuerpo lleno de habones rojos"]},
    "physiotherapy": {"en": ["I fell down the stairs and I can't move my leg at all", "I suddenly can't feel either leg after lifting something heavy", "I've got chest pain and my left arm is numb since the session this morning",
                             "I heard a crack in my knee playing football, it's huge and I can't stand on it", "my back went and now my legs are numb and I can't control my bladder", "my dad fell, hit his head and he's confused and being sick"],
                      "tr": ["merdivenden düştüm bacağımı hiç oynatamıyorum", "ağır bir şey kaldırdım şimdi iki bacağımı da hissetmiyorum", "sabahki seanstan beri göğsümde ağrı var sol kolum uyuşuyor",
                             "maçta dizimden çıt diye ses geldi diz çok şişti basamıyorum", "belim tutuldu şimdi bacaklarım uyuştu idrarımı tutamıyorum", "babam düştü başını çarptı şimdi kafası karışık ve kusuyor"],
                      "pt": ["caí das escadas e não consigo mexer a perna", "depois de levantar peso deixei de sentir as duas pernas", "estou com dor no peito e o braço esquerdo dormente desde a sessão de manhã",
                             "ouvi um estalo no joelho a jogar futebol, inchou imenso e não consigo pôr o pé no chão", "fiquei com as pernas dormentes e não consigo controlar a bexiga", "o meu pai caiu, bateu com a cabeça e está confuso e a vomitar"],
                      "es": ["me he caído y no puedo mover la pierna", "después de levantar peso he dejado de sentir las dos piernas", "tengo dolor en el pecho y el brazo izquierdo dormido desde la sesión de esta mañana",
                             "jugando al fútbol me crujió la rodilla, se ha hinchado muchísimo y no puedo apoyar", "se me han dormido las piernas y no controlo la orina", "mi padre se ha caído, se ha dado en la cabeza y está desorientado y vomitando"]},
    "general practice": {"en": ["my dad has crushing chest pain going down his left arm", "my wife's face is drooping on one side and she can't speak properly", "my baby has a fever of 40 and just had a seizure",
                                "I can't breathe properly and my lips are turning blue", "my husband collapsed and he's barely responding", "I took way too many of my pills and I feel really strange"],
                         "tr": ["babamın göğsünde çok şiddetli ağrı var sol koluna vuruyor", "eşimin yüzünün bir tarafı kaydı düzgün konuşamıyor", "bebeğimin ateşi 40 ve az önce havale geçirdi",
                                "nefes alamıyorum dudaklarım morarıyor", "kocam yere yığıldı zor tepki veriyor", "ilaçlarımdan çok fazla içtim çok tuhaf hissediyorum"],
                         "pt": ["o meu pai está com uma dor no peito muito forte que vai para o braço esquerdo", "a cara da minha mulher ficou torta de um lado e ela não consegue falar direito", "meu bebê tá com 40 de febre e teve uma convulsão agora",
                                "não consigo respirar direito e os meus lábios estão a ficar roxos", "meu marido desmaiou e quase não responde", "tomei comprimidos demais e estou me sentindo muito estranha"],
                         "es": ["mi padre tiene un dolor muy fuerte en el pecho que le baja por el brazo izquierdo", "a mi mujer se le ha torcido la cara de un lado y no puede hablar bien", "mi bebé tiene 40 de fiebre y acaba de convulsionar",
                                "no puedo respirar bien y se me están poniendo los labios morados", "mi marido se ha desmayado y apenas responde", "me he tomado demasiadas pastillas y me encuentro muy raro"]},
}
EMERG_WRAP = {
    "en": (["", "please help, ", "HELP ", "hi sorry to bother you but ", "urgent!! "], ["", " what do I do??", " please hurry", " 😭", ", can someone call me"]),
    "tr": (["", "yardım edin ", "ACİL ", "merhaba kusura bakmayın ama ", "acil!! "], ["", " ne yapmalıyım??", " lütfen çabuk", " 😭", ", biri beni arayabilir mi"]),
    "pt": (["", "socorro, ", "URGENTE ", "olá desculpe incomodar mas ", "por favor ajudem, "], ["", " o que faço??", " por favor rápido", " 😭", ", alguém me pode ligar?"]),
    "es": (["", "ayuda por favor, ", "URGENTE ", "hola perdone que moleste pero ", "por favor, "], ["", " ¿qué hago??", " por favor rápido", " 😭", ", ¿me puede llamar alguien?"]),
}

REQ = {
    "en": ["I'd like to book {svc} {when}", "can I get {svc} {when}?", "do you have anything {when}? I need {svc}",
           "I need {svc}, would {when} work?", "is there a slot for {svc} {when}?"],
    "tr": ["{when} {svc} için randevu almak istiyorum", "{svc} için randevu alabilir miyim? {when} uygun mu?",
           "{when} {svc} için yeriniz var mı?", "{svc} randevusu istiyorum, {when} olur mu?"],
    "pt": ["queria marcar {svc} {when}", "dá para marcar {svc} {when}?", "gostaria de agendar {svc} {when}, é possível?",
           "preciso de {svc}, pode ser {when}?"],
    "es": ["quería pedir cita para {svc} {when}", "¿tienen hueco {when} para {svc}?", "me gustaría reservar cita para {svc} {when}",
           "necesito cita para {svc}, ¿puede ser {when}?"],
}
REQ_OTHER = {
    "en": ["I'd like to book {svc} {rel} {when}", "can I book {svc} {rel} {when}?", "I need {svc} {rel}, is {when} possible?"],
    "tr": ["{rel} {when} {svc} randevusu almak istiyorum", "{rel} {svc} randevusu alabilir miyim? {when} uygun mu?"],
    "pt": ["queria marcar {svc} {rel} {when}", "dá para marcar {svc} {rel} {when}?"],
    "es": ["quería pedir cita {rel} para {svc} {when}", "¿tienen hueco {when} {rel}? Es para {svc}"],
}
REQ_NOWHEN = {  # service only, no day yet
    "en": ["I'd like to book {svc}", "can I make an appointment for {svc}?"],
    "tr": ["{svc} için randevu almak istiyorum", "{svc} randevusu alabilir miyim?"],
    "pt": ["queria marcar {svc}", "gostaria de agendar {svc}"],
    "es": ["quería pedir cita para {svc}", "me gustaría reservar cita para {svc}"],
}
WHEN_ONLY = {  # answering "when?"
    "en": ["{when} if possible", "{when} please", "How about {when}?"],
    "tr": ["{when} olabilir mi?", "{when} lütfen", "{when} uygun olur"],
    "pt": ["{when}, se possível", "pode ser {when}?", "{when}, por favor"],
    "es": ["{when}, si puede ser", "¿puede ser {when}?", "{when}, por favor"],
}
CANCEL_REQ = {  # {ref} = reference to the appointment
    "en": ["I need to cancel my appointment {ref}", "hi, I can't make it {ref}, can you cancel it?", "please cancel my {svc} {ref}"],
    "tr": ["{ref} randevumu iptal etmem gerekiyor", "merhaba {ref} gelemeyeceğim, randevuyu iptal edebilir misiniz?", "{ref} {svc} randevumu iptal etmek istiyorum"],
    "pt": ["preciso de cancelar a minha consulta {ref}", "olá, não vou conseguir ir {ref}, pode cancelar?", "queria desmarcar {svc} {ref}"],
    "es": ["tengo que cancelar mi cita {ref}", "hola, no puedo ir {ref}, ¿me la cancelan?", "quería anular mi cita {ref}"],
}
MOVE_REQ = {  # {ref} old, {when} new
    "en": ["can I move my appointment {ref} to {when}?", "I need to reschedule my appointment {ref}, could we do {when} instead?"],
    "tr": ["{ref} randevumu {when} alabilir miyiz?", "{ref} randevumu değiştirmem lazım, {when} olur mu?"],
    "pt": ["posso mudar a minha consulta {ref} para {when}?", "preciso de remarcar a consulta {ref}, pode ser {when}?"],
    "es": ["¿puedo cambiar mi cita {ref} para {when}?", "tengo que mover mi cita {ref}, ¿podría ser {when}?"],
}
MOVE_ASK = {
    "en": ["I need to change my appointment {ref}", "hi, can I reschedule my appointment {ref}?"],
    "tr": ["{ref} randevumu değiştirmek istiyorum", "merhaba {ref} randevumu erteleyebilir miyiz?"],
    "pt": ["preciso de alterar a minha consulta {ref}", "olá, posso remarcar a consulta {ref}?"],
    "es": ["necesito cambiar mi cita {ref}", "hola, ¿puedo cambiar la cita {ref}?"],
}
OWN_Q = {
    "en": {"one": ["when is my appointment?", "hi, can you remind me when my appointment is?", "what time is my appointment again?"],
           "many": ["when are my appointments?", "can you tell me all my upcoming appointments?"],
           "other": ["when is my {rel} appointment?", "what day is {f}'s appointment?"]},
    "tr": {"one": ["randevum ne zaman?", "merhaba randevum hangi gün saat kaçta hatırlatır mısınız?", "randevum saat kaçtaydı?"],
           "many": ["randevularım ne zaman?", "yaklaşan tüm randevularımı söyler misiniz?"],
           "other": ["{rel} randevusu ne zaman?", "{f}'in randevusu hangi gün?"]},
    "pt": {"one": ["quando é a minha consulta?", "olá, pode lembrar-me quando é a minha consulta?", "a que horas é mesmo a minha consulta?"],
           "many": ["quando são as minhas consultas?", "pode dizer-me todas as consultas que tenho marcadas?"],
           "other": ["quando é a consulta {rel}?", "que dia é a consulta da {f}?"]},
    "es": {"one": ["¿cuándo es mi cita?", "hola, ¿me recuerda cuándo tengo la cita?", "¿a qué hora era mi cita?"],
           "many": ["¿cuándo son mis citas?", "¿me dice todas las citas que tengo?"],
           "other": ["¿cuándo es la cita de {rel}?", "¿qué día tiene la cita {f}?"]},
}
OWN_REL = {"en": {"son": "son's", "daughter": "daughter's"}, "tr": {"son": "oğlumun", "daughter": "kızımın"},
           "pt": {"son": "do meu filho", "daughter": "da minha filha"}, "es": {"son": "mi hijo", "daughter": "mi hija"}}
PRICE_Q = {
    "en": ["how much is {svc}", "what does {svc} cost", "how much do you charge for {svc}"],
    "tr": ["{svc} ne kadar", "{svc} ücreti nedir", "{svc} fiyatı ne kadar"],
    "pt": ["quanto custa {svc}", "qual é o preço de {svc}", "quanto fica {svc}"],
    "es": ["cuánto cuesta {svc}", "qué precio tiene {svc}", "cuánto sale {svc}"],
}
AND = {"en": " and ", "tr": " ve ", "pt": " e ", "es": " y "}
CHANGE_MIND = {"en": ["wait, sorry, actually can we make it {t} instead?", "sorry I meant {t}, not {t0}"],
               "tr": ["pardon, aslında {t} olabilir mi?", "kusura bakmayın {t0} değil {t} demek istedim"],
               "pt": ["espere, desculpe, afinal pode ser {t}?", "desculpe, queria dizer {t}, não {t0}"],
               "es": ["espere, perdón, ¿mejor {t}?", "perdón, quería decir {t}, no {t0}"]}
CONTRA_FIX = {"en": ["sorry, I meant {wd} the {d}", "oops, {wd} {d}, my mistake", "the {d}th... I mean {wd} {d}"],
              "tr": ["pardon, {d} {m} {wd} demek istedim", "kusura bakmayın, {wd} olan, {d}'{s}", "{wd}, {d} {m}"],
              "pt": ["desculpe, queria dizer {wd}, dia {d}", "ups, é {wd} dia {d}", "{wd}, dia {d} de {m}"],
              "es": ["perdón, quería decir el {wd} {d}", "uy, el {wd} día {d}", "el {wd}, {d} de {m}"]}
UNKNOWN_ASK = {"en": "Hi, do you do {u}?", "tr": "Merhaba, {u} yapıyor musunuz?", "pt": "Olá, fazem {u}?", "es": "Hola, ¿hacen {u}?"}
FALLBACK = {"en": "ok, then I'll book {svc} {when}", "tr": "tamam o zaman {when} {svc} için randevu alayım",
            "pt": "ok, então queria marcar {svc} {when}", "es": "vale, entonces quería pedir cita para {svc} {when}"}
DAYPART_REQ = {
    "en": ["do you have anything for {svc} {date} {part}?", "I'd like {svc} {date} {part} if possible"],
    "tr": ["{date} {part} {svc} için yeriniz var mı?", "{svc} için {date} {part} bir randevu istiyorum"],
    "pt": ["tem vaga para {svc} {date} {part}?", "queria marcar {svc} {date} {part}"],
    "es": ["¿tienen hueco para {svc} {date} {part}?", "quería cita para {svc} {date} {part}"],
}
THANKS = {"en": ["thanks!", "great, thank you", "perfect thanks 🙏"], "tr": ["teşekkürler", "çok sağolun", "teşekkür ederim 🙏"],
          "pt": ["obrigada!", "obrigado", "perfeito, obrigado 🙏"], "es": ["¡gracias!", "muchas gracias", "perfecto, gracias 🙏"]}
PHONE_PREFIX = {"dental-ankara": "+90532", "dermatology-lisbon": "+35191", "physio-madrid": "+34611", "gp-boston": "+1617555",
                "gp-sao-paulo": "+551198"}

import re as _re


def cap(s):
    return s[:1].upper() + s[1:] if s else s


PROTECT_TOKENS = set()
for _l in LANGS:
    PROTECT_TOKENS |= {norm(x) for x in MONTHS[_l]} | {norm(x) for x in WD[_l]}
PROTECT_TOKENS |= {norm(x) for x in WD["pt_s"]}


def add_typo(rng, text, notypo):
    words = [m for m in _re.finditer(r"[^\W\d_]{5,}", text)]
    banned = set()
    for ph in notypo:
        for w in _re.findall(r"[^\W\d_]+", ph):
            banned.add(norm(w))
    cands = [m for m in words if norm(m.group()) not in banned and norm(m.group()) not in PROTECT_TOKENS]
    if not cands:
        return text
    m = rng.choice(cands)
    w = m.group()
    i = rng.randint(1, len(w) - 3)
    if rng.random() < 0.5:
        w2 = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    else:
        w2 = w[:i] + w[i + 1:]
    return text[:m.start()] + w2 + text[m.end():]


def noisy(rng, lang, text, keep=(), notypo=(), level=1.0):
    """Typos, missing accents, lowercase, emoji. `keep` spans (names) are left untouched;
    `notypo` phrases (dates, times, services) get no typo but may lose accents/case."""
    toks = {}
    for i, p in enumerate(sorted({k for k in keep if k}, key=len, reverse=True)):
        if p in text:
            tok = "\u0001%d\u0002" % i
            toks[tok] = p
            text = text.replace(p, tok)
    r = rng.random
    if r() < 0.12 * level:
        text = add_typo(rng, text, list(notypo) + list(keep))
    if lang != "en" and r() < 0.2 * level:
        text = strip_accents(text)
    if r() < 0.2 * level:
        text = text.replace("İ", "i").lower()
    if r() < 0.12 * level:
        text = text.rstrip(".") + " " + rng.choice(EMOJI)
    for tok, p in toks.items():
        text = text.replace(tok, p)
    return text


def runon(rng, lang, text):
    text = _re.sub(r"[,.!?¿¡]+(?=\s|$)", "", text)
    text = text.replace("¿", "").replace("¡", "")
    return rng.choice(RUNON[lang]) + text[:1].lower() + text[1:]


class Dialog:
    def __init__(self, gen, lang, ck, idx):
        self.g = gen
        self.rng = gen.rng
        self.lang = lang
        self.c = CLINICS[ck]
        self.ck = ck
        self.idx = idx
        self.kinds = []
        self.household = []
        self.existing = []
        self.blocked = []
        self.turns = []
        self.final = {"booked": [], "cancelled": [], "moved": []}
        self.cal = Cal(self.c)
        self.used_names = set()
        self.reserved = []
        self.profile = None
        self.now = self.pick_now()
        self.late = self.now + timedelta(minutes=16)  # the last message of any dialog comes before this

    # --- time
    def pick_now(self):
        rng = self.rng
        tz = self.c["time_zone"]
        if tz in DST and rng.random() < 0.3:
            day = DST[tz] - timedelta(days=rng.randint(1, 10))
        else:
            day = date(2027, 1, 10) + timedelta(days=rng.randint(0, 100))
        t = datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(7 * 60, 21 * 60 + 30))
        return t

    def t_of(self, i):
        return self.now + timedelta(minutes=2 * i)

    # --- people
    def person(self, lang=None, gender=None, last=None):
        lang = lang or self.lang
        prac_first = {norm(p["name"].replace("Dr. ", "").replace("Dra. ", "").replace("Nurse ", "").split()[0])
                      for p in self.c["practitioners"]}
        for _ in range(100):
            f, l, gd = self.rng.choice(NAMES[lang])
            if gender and gd != gender:
                continue
            if norm(f.split()[0]) in prac_first or f in self.used_names:
                continue
            self.used_names.add(f)
            return f, (last or l), gd
        raise Retry("no name")

    def kin(self, rel, last):
        gender = RELS[rel][0]
        prac_first = {norm(p["name"].replace("Dr. ", "").replace("Dra. ", "").replace("Nurse ", "").split()[0])
                      for p in self.c["practitioners"]}
        for _ in range(100):
            f = self.rng.choice(KIN_FIRST[self.lang][gender])
            if norm(f.split()[0]) in prac_first or f in self.used_names:
                continue
            self.used_names.add(f)
            return f, last, gender
        raise Retry("no kin name")

    def odd_profile(self, real_first=None, other_full=None):
        r = self.rng.random()
        if r < 0.25:
            return None
        if r < 0.5 and real_first:
            return NICK[self.lang](real_first, self.rng)
        if r < 0.65 and other_full:
            return other_full
        return self.rng.choice(PROFILE_ODD[self.lang])

    # --- services / slots
    def svc_pick(self, only=None):
        keys = only or list(self.c["svc"])
        return self.rng.choice(keys)

    def svc_phrase(self, svc, mode=None):
        names, words = SVC_WORDS[self.ck][svc][self.lang]
        mode = mode or self.rng.choice(["name", "word"])
        return self.rng.choice(names if mode == "name" else words)

    def noise_blocks(self, svc, day, n):
        pracs = self.c["svc"][svc]["practitioners"]
        g = self.c["policy"]["slot_grid_minutes"]
        for _ in range(n):
            p = self.rng.choice(pracs)
            s2 = self.rng.choice([k for k, v in self.c["svc"].items() if p in v["practitioners"]])
            rngs = prac_ranges(self.c, p, day)
            if not rngs:
                continue
            a, b = self.rng.choice(rngs)
            dur = self.c["svc"][s2]["duration_minutes"]
            opts = [m for m in range(a, b - dur + 1) if m % g == 0]
            if not opts:
                continue
            st = datetime.combine(day, datetime.min.time()) + timedelta(minutes=self.rng.choice(opts))
            if st <= self.now:
                continue
            if any(r0 < st + timedelta(minutes=dur) and st < r0 + timedelta(minutes=rd) for r0, rd in self.reserved):
                continue
            # no overlap with what is already there for p
            end = st + timedelta(minutes=dur)
            if any(pp == p and s0 < end and st < s0 + timedelta(minutes=d0) for pp, s0, d0, _ in self.cal.appts):
                continue
            self.cal.add(p, s2, st, "blocked")
            self.blocked.append({"practitioner": p, "service": s2, "start": fmt_local(st)})

    def free_now_and_late(self, svc, st, prac=None, ignore=None):
        a = self.cal.free_pracs(svc, st, self.now, self.now, prac, ignore)
        b = self.cal.free_pracs(svc, st, self.late, self.now, prac, ignore)
        return b if (a and b) else []

    def slot(self, svc, kmin=1, kmax=30, forms=None, lo=0, hi=24 * 60, prac=None, noise=True, avoid=(),
             day=None, household_ok=False):
        """A start time free at every message of the dialog (and not clashing with the household)."""
        dur = self.c["svc"][svc]["duration_minutes"]
        for _ in range(60):
            if day is None:
                dd = self.now.date() + timedelta(days=self.rng.randint(kmin, kmax))
            else:
                dd = day
            if forms is not None and not (set(forms) & set(date_forms(dd, self.now.date()))):
                if day is not None:
                    raise Retry("form")
                continue
            if noise and self.rng.random() < 0.7:
                self.noise_blocks(svc, dd, self.rng.randint(1, 3))
            cands = []
            for st in self.cal.slots(svc, dd, self.late, self.now, prac, lo, hi):
                if st in avoid or not self.free_now_and_late(svc, st, prac):
                    continue
                if any(r0 < st + timedelta(minutes=dur) and st < r0 + timedelta(minutes=rd) for r0, rd in self.reserved):
                    continue
                if not household_ok and self.cal.household_busy(st, dur):
                    continue
                cands.append(st)
            if cands:
                st = self.rng.choice(cands)
                self.reserved.append((st, dur))
                return st
            if day is not None:
                break
        raise Retry("no slot")

    def when(self, st, forms=None, wd=None, with_time=True):
        allowed = date_forms(st.date(), self.now.date())
        if st.day <= 12 and self.lang == "en" and "num" in allowed:
            allowed.remove("num")
        if forms is not None:
            allowed = [f for f in allowed if f in forms]
        if not allowed:
            raise Retry("no form")
        f = self.rng.choice(allowed)
        self.last_form = f
        dp = date_phrase(self.lang, st.date(), f, self.rng, self.c, wd)
        if not with_time:
            return dp
        return dp + " " + time_phrase(self.lang, st.hour * 60 + st.minute, self.rng)

    # --- records
    def add_household(self, first, last):
        n = "%s %s" % (first, last)
        self.household.append({"name": n})
        return n

    def add_existing(self, patient, svc=None, kmin=3, kmax=25, forms=None):
        svc = svc or self.svc_pick()
        for _ in range(30):
            prac = self.rng.choice(self.c["svc"][svc]["practitioners"])
            try:
                st = self.slot(svc, kmin, kmax, forms=forms, prac=prac, noise=False)
            except Retry:
                continue
            self.cal.add(prac, svc, st, "existing")
            self.existing.append({"patient": patient, "service": svc, "practitioner": prac, "start": fmt_local(st)})
            return st, svc, prac
        raise Retry("no existing")

    def block_all(self, svc, st):
        """Make `st` taken for every practitioner of `svc` (someone else holds it)."""
        for p in self.c["svc"][svc]["practitioners"]:
            if self.cal.prac_free(p, svc, st, self.now, self.now):
                self.cal.add(p, svc, st, "blocked")
                self.blocked.append({"practitioner": p, "service": svc, "start": fmt_local(st)})
            elif any(a <= st.hour * 60 + st.minute < b for a, b in prac_ranges(self.c, p, st.date())):
                pass
        assert not self.cal.free_pracs(svc, st, self.now, self.now), "taken time still free"

    def say(self, text, expect=None):
        t = {"patient": text}
        if expect:
            t["expect"] = expect
        self.turns.append(t)

    def book(self, patient, svc, st, prac=None):
        assert self.cal.free_pracs(svc, st, self.t_of(len(self.turns) - 1), self.now, prac), (svc, st)
        self.final["booked"].append({"patient": patient, "service": svc, "practitioner": prac,
                                     "date": st.strftime("%Y-%m-%d"), "time": st.strftime("%H:%M")})

    def book_window(self, patient, svc, day, lo, hi, prac=None):
        self.final["booked"].append({"patient": patient, "service": svc, "practitioner": prac,
                                     "date": day.strftime("%Y-%m-%d"), "window": [fmt_hm(lo), fmt_hm(hi)]})

    def tag(self, *k):
        for x in k:
            assert x in KINDS, x
            if x not in self.kinds:
                self.kinds.append(x)

    def yes(self, action="plain", f=None):
        s = self.rng.choice(YES[self.lang][action])
        return s.format(f=f) if f else s

    def greet(self):
        return self.rng.choice(GREET[self.lang])

    def to_json(self):
        n = self.idx
        phone = PHONE_PREFIX[self.ck] + "%07d" % (1000000 + n * 37 % 8999999)
        if self.ck == "gp-boston":
            phone = "+1617555%04d" % (n % 10000)
        return {"id": "test-%s-%04d" % (self.lang, n), "language": self.lang, "kinds": self.kinds, "clinic": self.ck,
                "now": fmt_local(self.now), "contact": {"phone": phone, "profile_name": self.profile},
                "household": self.household, "existing": self.existing, "blocked": self.blocked,
                "turns": self.turns, "final": self.final}


# ----------------------------------------------------------------------------- validation
EXPECT_KEYS = {"contains_any", "contains_all", "not_contains", "emergency", "handoff"}


def validate(d):
    """Errors of one dialog against FORMAT.md and the slot rules (shared by generator and --check)."""
    err = []
    for k in ["id", "language", "kinds", "clinic", "now", "contact", "household", "existing", "blocked", "turns", "final"]:
        if k not in d:
            err.append("missing " + k)
    if err:
        return err
    if d["language"] not in LANGS:
        err.append("language")
    if not d["kinds"] or any(k not in KINDS for k in d["kinds"]):
        err.append("kinds %s" % d["kinds"])
    c = CLINICS.get(d["clinic"])
    if not c:
        return err + ["clinic"]
    try:
        now = parse_local(d["now"])
        to_utc(c, now)
    except Exception as e:  # noqa
        return err + ["now %s" % e]
    if not d["turns"]:
        err.append("no turns")
    for t in d["turns"]:
        if not isinstance(t.get("patient"), str) or not t["patient"].strip():
            err.append("empty turn")
        for k in t.get("expect", {}):
            if k not in EXPECT_KEYS:
                err.append("expect key " + k)
    last = now + timedelta(minutes=2 * (len(d["turns"]) - 1))
    if not ("phone" in d["contact"] and "profile_name" in d["contact"]):
        err.append("contact")
    hh = [h["name"] for h in d["household"]]
    if len(set(hh)) != len(hh):
        err.append("household duplicates")
    cal = Cal(c)
    ex_by_start = {}
    for kind, lst in (("existing", d["existing"]), ("blocked", d["blocked"])):
        for a in lst:
            if a["service"] not in c["svc"] or a["practitioner"] not in c["prac"]:
                err.append("%s unknown service/practitioner %s" % (kind, a))
                continue
            if a["practitioner"] not in c["svc"][a["service"]]["practitioners"]:
                err.append("%s practitioner does not perform service %s" % (kind, a))
            st = parse_local(a["start"])
            dur = c["svc"][a["service"]]["duration_minutes"]
            m = st.hour * 60 + st.minute
            if not any(x <= m and m + dur <= y for x, y in prac_ranges(c, a["practitioner"], st.date())):
                err.append("%s outside working hours %s" % (kind, a))
            if any(p == a["practitioner"] and s0 < st + timedelta(minutes=dur) and st < s0 + timedelta(minutes=d0)
                   for p, s0, d0, _ in cal.appts):
                err.append("%s overlaps another appointment %s" % (kind, a))
            cal.add(a["practitioner"], a["service"], st, kind)
            if kind == "existing":
                if a["patient"] not in hh:
                    err.append("existing patient not in household %s" % a["patient"])
                if st <= now:
                    err.append("existing in the past %s" % a)
                ex_by_start[a["start"]] = a
    text = norm(" ".join(t["patient"] for t in d["turns"]))
    for b in d["final"].get("booked", []):
        if b["service"] not in c["svc"]:
            err.append("booked unknown service")
            continue
        if b.get("practitioner") and b["practitioner"] not in c["svc"][b["service"]]["practitioners"]:
            err.append("booked practitioner does not perform service")
        if b["patient"] not in hh:
            if not all(norm(w) in text for w in b["patient"].split()):
                err.append("booked patient name %r neither in household nor in the patient's words" % b["patient"])
        day = datetime.strptime(b["date"], "%Y-%m-%d").date()
        if "time" in b:
            st = datetime.combine(day, datetime.min.time()) + timedelta(minutes=hm(b["time"]))
            if not cal.free_pracs(b["service"], st, last, now, b.get("practitioner")):
                err.append("booked time not free %s" % b)
        elif "window" in b:
            lo, hi = (hm(x) for x in b["window"])
            if not cal.slots(b["service"], day, last, now, b.get("practitioner"), lo, hi):
                err.append("no free slot in window %s" % b)
        else:
            err.append("booked without time/window")
    for s in d["final"].get("cancelled", []):
        if s not in ex_by_start:
            err.append("cancelled start not an existing appointment %s" % s)
        elif (to_utc(c, parse_local(s)) - to_utc(c, last)).total_seconds() < c["policy"]["cancellation_notice_hours"] * 3600:
            err.append("cancellation inside the clinic's cancellation notice %s" % s)
    for mv in d["final"].get("moved", []):
        a = ex_by_start.get(mv["from"])
        if not a:
            err.append("moved from unknown %s" % mv["from"])
            continue
        day = datetime.strptime(mv["date"], "%Y-%m-%d").date()
        if "time" in mv:
            st = datetime.combine(day, datetime.min.time()) + timedelta(minutes=hm(mv["time"]))
            if not cal.prac_free(a["practitioner"], a["service"], st, last, now, ignore=parse_local(mv["from"])):
                err.append("moved-to time not free for the same practitioner %s" % mv)
        else:
            lo, hi = (hm(x) for x in mv["window"])
            ok = False
            for m in range(lo, hi + 1):
                st = datetime.combine(day, datetime.min.time()) + timedelta(minutes=m)
                if cal.prac_free(a["practitioner"], a["service"], st, last, now, ignore=parse_local(mv["from"])):
                    ok = True
                    break
            if not ok:
                err.append("no free slot in moved window")
    if "emergency" in d["kinds"] and not any(t.get("expect", {}).get("emergency") for t in d["turns"]):
        err.append("emergency dialog without an emergency expectation")
    return err


# ----------------------------------------------------------------------------- scenarios
ARTICLES = ("a ", "an ", "um ", "uma ", "umas ", "un ", "una ", "unos ", "the ", "o ", "el ", "la ", "os ", "as ")
EXPLICIT_FORMS = ("wdm", "dm", "num", "wdd")
PRAC_WITH = {"en": "with {p}", "tr": "{p} ile", "pt": "com {p}", "es": "con {p}"}
SPOUSE_PHONE = {"en": "I'm writing from my husband's phone", "tr": "eşimin telefonundan yazıyorum",
                "pt": "estou a escrever do telemóvel do meu marido", "es": "le escribo desde el móvil de mi marido"}


def bare(phrase):
    for a in ARTICLES:
        if phrase.lower().startswith(a):
            return phrase[len(a):]
    return phrase


def after_prep(lang, w):
    """'to {when}' / 'para {when}': drop the phrase's own preposition."""
    if lang == "en" and w.startswith("on "):
        return w[3:]
    if lang == "pt":
        for a, b in (("na próxima ", "a próxima "), ("no próximo ", "o próximo "), ("no dia ", "o dia "), ("na ", ""), ("no ", "")):
            if w.startswith(a):
                return b + w[len(a):]
    return w


def join_greet(d, body, intro=None):
    hi = d.greet()
    body = body.strip()
    if hi.endswith("?") or hi.endswith("!"):
        if intro:
            return "%s %s. %s" % (hi, cap(intro), cap(body))
        return "%s %s" % (hi, cap(body))
    if intro:
        if d.rng.random() < 0.6:
            if d.lang != "en":
                intro = intro[:1].replace("İ", "i").lower() + intro[1:]
            return "%s, %s. %s" % (hi, intro, cap(body))
        b = cap(body)
        return "%s! %s %s" % (hi, b if b.endswith("?") else b + ".", cap(intro))
    return "%s, %s" % (hi, body) if d.rng.random() < 0.8 else cap(body)


def req_text(d, svc_ph, when, other=None):
    if other:
        return d.rng.choice(REQ_OTHER[d.lang]).format(svc=svc_ph, when=when, rel=other)
    return d.rng.choice(REQ[d.lang]).format(svc=svc_ph, when=when)


def tag_form(d):
    if getattr(d, "last_form", None) in EXPLICIT_FORMS:
        d.tag("explicit_dates")


def self_household(d, profile_real=True):
    f, l, g = d.person()
    full = d.add_household(f, l)
    r = d.rng.random()
    d.profile = full if (profile_real and r < 0.3) else d.odd_profile(f)
    return f, l, g, full


def msg1(d, text, keep=(), notypo=(), allow_runon=True):
    if allow_runon and d.rng.random() < 0.12:
        for g in sorted(GREET[d.lang], key=len, reverse=True):
            if text.startswith(g):
                text = text[len(g):].lstrip(",!? ")
                break
        text = runon(d.rng, d.lang, text)
    return noisy(d.rng, d.lang, text, keep, notypo)


def sc_names(d):
    rng, L = d.rng, d.lang
    d.tag("names", "booking")
    f, l, g = d.person()
    full = f + " " + l
    svc = d.svc_pick()
    mode = rng.choice(["name", "word"])
    if mode == "word":
        d.tag("service_words")
    sp = d.svc_phrase(svc, mode)
    st = d.slot(svc, 1, 35)
    w = d.when(st)
    tag_form(d)
    v = rng.choice(["intro", "intro", "asked", "asked", "intro_then_when", "household_profile", "spouse_phone"])
    nt = (w, sp)
    if v == "household_profile":
        d.add_household(f, l)
        d.profile = rng.choice([NICK[L](f, rng), rng.choice(PROFILE_ODD[L]), None])
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=nt))
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    elif v == "intro":
        d.profile = d.odd_profile(f)
        intro = rng.choice(MY_NAME[L][g]).format(n=full)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w), intro), keep=[full], notypo=nt))
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    elif v == "asked":
        d.profile = d.odd_profile(f)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=nt))
        d.say(noisy(rng, L, rng.choice(ANSWER_MY_NAME[L]).format(n=full), keep=[full], level=0.5))
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    elif v == "intro_then_when":
        d.profile = d.odd_profile(f)
        intro = rng.choice(MY_NAME[L][g]).format(n=full)
        d.say(msg1(d, join_greet(d, rng.choice(REQ_NOWHEN[L]).format(svc=sp), intro), keep=[full], notypo=[sp]))
        d.say(noisy(rng, L, rng.choice(WHEN_ONLY[L]).format(when=w), notypo=[w], level=0.5))
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    else:  # writing from the spouse's phone, the profile name is the spouse's real name
        sf, sl, sg = d.person(gender="m", last=l)
        d.profile = "%s %s" % (sf, sl)
        intro = rng.choice(MY_NAME[L][g]).format(n=full)
        txt = "%s, %s, %s. %s" % (d.greet(), intro, SPOUSE_PHONE[L], cap(req_text(d, sp, w)))
        d.say(noisy(rng, L, txt, keep=[full], notypo=nt, level=0.6))
        d.say(d.yes("book"))
    d.book(full, svc, st)


def sc_someone(d):
    rng, L = d.rng, d.lang
    d.tag("someone_else", "booking")
    f, l, g = d.person()
    writer = f + " " + l
    svc = d.svc_pick()
    mode = rng.choice(["name", "word"])
    if mode == "word":
        d.tag("service_words")
    sp = d.svc_phrase(svc, mode)
    st = d.slot(svc, 1, 35)
    w = d.when(st)
    tag_form(d)
    v = rng.choice(["new_named", "new_named", "member", "member", "noname", "newcontact"])
    if v in ("new_named", "newcontact"):
        rel = rng.choice(list(RELS))
    elif v == "member":
        rel = rng.choice(["son", "daughter", "husband", "wife"])
    else:
        rel = rng.choice(list(REL_NONAME[L]))
    kf, kl, kg = d.kin(rel, l)
    kfull = kf + " " + kl
    conf_exp = {"contains_any": [kf.split()[0]]}
    if v == "new_named":
        d.add_household(f, l)
        d.profile = d.odd_profile(f, None) if rng.random() < 0.6 else writer
        relp = rng.choice(REL_PHRASE[L][rel]).format(n=kfull)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w, relp)), keep=[kfull], notypo=(w, sp)))
        d.say(d.yes("book_other", kf) if rng.random() < 0.5 else d.yes("book"), conf_exp)
        d.book(kfull, svc, st)
    elif v == "member":
        d.add_household(f, l)
        d.add_household(kf, kl)
        d.profile = d.odd_profile(f)
        given = kf if rng.random() < 0.6 else strip_accents(kf)
        relp = rng.choice(REL_PHRASE[L][rel]).format(n=given)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w, relp)), keep=[given], notypo=(w, sp)))
        d.say(d.yes("book_other", given) if rng.random() < 0.5 else d.yes("book"), conf_exp)
        d.book(kfull, svc, st)
    elif v == "noname":
        d.add_household(f, l)
        d.profile = d.odd_profile(f)
        relp = REL_NONAME[L][rel]
        d.say(msg1(d, join_greet(d, req_text(d, sp, w, relp)), notypo=(w, sp)))
        d.say(rng.choice(THEIR_NAME[L][kg]).format(n=kfull))
        d.say(d.yes("book_other", kf) if rng.random() < 0.5 else d.yes("book"), conf_exp)
        d.book(kfull, svc, st)
    else:
        d.tag("names")
        d.profile = d.odd_profile(f)
        intro = rng.choice(MY_NAME[L][g]).format(n=writer)
        relp = rng.choice(REL_PHRASE[L][rel]).format(n=kfull)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w, relp), intro), keep=[kfull, writer], notypo=(w, sp)))
        d.say(d.yes("book_other", kf) if rng.random() < 0.5 else d.yes("book"), conf_exp)
        d.book(kfull, svc, st)
    for t in d.turns:  # the relation phrase may contain "{n}" without a name
        t["patient"] = t["patient"].replace(" , ", ", ")


def ref_phrase(d, st, svc):
    """How a patient refers to an existing appointment."""
    forms = ["wdm", "dm", "weekday", "nextwd", "wdd", "num"]
    return d.when(st, forms=forms, with_time=False)


def sc_yes(d):
    rng, L = d.rng, d.lang
    d.tag("yes_in_sentence")
    v = rng.choice(["cancel_yes", "cancel_yes", "cancel_no", "book_yes", "book_no_other", "move_yes", "move_yes", "book_refuse"])
    f, l, g, full = self_household(d)
    if v.startswith("cancel"):
        d.tag("cancel")
        st, svc, prac = d.add_existing(full, kmin=4, kmax=25)
        ref = ref_phrase(d, st, svc)
        sp = bare(d.svc_phrase(svc, "name"))
        d.say(msg1(d, join_greet(d, rng.choice(CANCEL_REQ[L]).format(ref=ref, svc=sp)), notypo=(ref, sp)))
        if v == "cancel_yes":
            d.say(noisy(rng, L, d.yes("cancel"), level=0.5), {"handoff": False} if rng.random() < 0.3 else None)
            d.final["cancelled"].append(fmt_local(st))
        else:
            d.say(rng.choice(NO[L]["cancel"]))
    elif v.startswith("move"):
        d.tag("reschedule")
        st, svc, prac = d.add_existing(full, kmin=4, kmax=20)
        ref = ref_phrase(d, st, svc)
        new = d.slot(svc, 2, 30, prac=prac)
        w = d.when(new)
        tag_form(d)
        d.say(msg1(d, join_greet(d, rng.choice(MOVE_REQ[L]).format(ref=ref, when=after_prep(L, w))), notypo=(ref, w)))
        d.say(noisy(rng, L, d.yes("move"), level=0.5))
        d.final["moved"].append({"from": fmt_local(st), "date": new.strftime("%Y-%m-%d"), "time": new.strftime("%H:%M")})
    else:
        d.tag("booking")
        svc = d.svc_pick()
        sp = d.svc_phrase(svc)
        st = d.slot(svc, 1, 30)
        w = d.when(st)
        tag_form(d)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
        if v == "book_yes":
            d.say(noisy(rng, L, d.yes("book"), level=0.5))
            d.book(full, svc, st)
        elif v == "book_refuse":
            d.say(rng.choice(NO[L]["book"]))
        else:
            d.tag("own_appointments")
            st2 = d.slot(svc, day=st.date(), avoid=[st])
            t0 = time_short(L, st.hour * 60 + st.minute, rng)
            t2 = time_short(L, st2.hour * 60 + st2.minute, rng)
            d.say(rng.choice(NO[L]["other_time"]).format(t=t0, t2=t2))
            d.say(noisy(rng, L, d.yes("book"), level=0.5))
            d.book(full, svc, st2)


def sc_explicit(d):
    rng, L = d.rng, d.lang
    d.tag("explicit_dates")
    v = rng.choice(["exact", "exact", "exact_far", "contradict", "contradict", "later_time", "later_window", "move"])
    f, l, g, full = self_household(d)
    svc = d.svc_pick()
    sp = d.svc_phrase(svc)
    if v in ("exact", "exact_far"):
        d.tag("booking")
        st = d.slot(svc, 8 if v == "exact_far" else 1, 40, forms=EXPLICIT_FORMS)
        w = d.when(st, forms=EXPLICIT_FORMS)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)), {"contains_all": [str(st.day)]})
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
        d.book(full, svc, st)
    elif v == "contradict":
        d.tag("booking")
        st = d.slot(svc, 3, 35)
        delta = rng.choice([-1, 1])
        if rng.random() < 0.5:  # the day number is off by one, the weekday is right
            shown = st + timedelta(days=delta)
            wd = st.weekday()
        else:  # the weekday is off by one, the day number is right
            shown = st
            wd = (st.weekday() + delta) % 7
        if shown.date() <= d.now.date() + timedelta(days=1) or shown.month != st.month:
            raise Retry("contradiction crosses month")
        assert wd != shown.weekday()
        form = "wdm"
        dp = date_phrase(L, shown.date(), form, rng, d.c, wd=wd)
        w = dp + " " + time_phrase(L, st.hour * 60 + st.minute, rng)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)),
              {"contains_any": sorted({str(shown.day), str(st.day)})})
        W = WD["pt_s"][st.weekday()] if L == "pt" else WD[L][st.weekday()]
        fix = rng.choice(CONTRA_FIX[L]).format(wd=W, d=st.day, m=MONTHS[L][st.month - 1], s=tr_suffix(st.day, TR_ACC))
        if L == "en":
            fix = fix.replace("the %dth" % st.day, "the " + ordinal_en(st.day))
        d.say(fix)
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
        d.book(full, svc, st)
    elif v in ("later_time", "later_window"):
        d.tag("booking")
        g_ = d.c["policy"]["slot_grid_minutes"]
        st = d.slot(svc, 2, 35, forms=EXPLICIT_FORMS)
        w = d.when(st, forms=EXPLICIT_FORMS)
        later = [x for x in d.cal.slots(svc, st.date(), d.late, d.now, None, st.hour * 60 + st.minute + g_, 24 * 60)
                 if d.free_now_and_late(svc, x) and not d.cal.household_busy(x, d.c["svc"][svc]["duration_minutes"])]
        if not later:
            raise Retry("nothing later")
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
        if v == "later_time":
            st2 = rng.choice(later)
            d.reserved.append((st2, d.c["svc"][svc]["duration_minutes"]))
            t2 = time_short(L, st2.hour * 60 + st2.minute, rng)
            d.say(rng.choice(SAME_DAY_AT[L]).format(t=t2), {"contains_all": [str(st.day)]})
            d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
            d.book(full, svc, st2)
        else:
            d.tag("day_parts")
            d.say(rng.choice(SAME_DAY_LATER[L]), {"contains_all": [str(st.day)]})
            d.say(rng.choice(PICK_FIRST[L]))
            d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
            lo = st.hour * 60 + st.minute + g_
            d.book_window(full, svc, st.date(), lo, 23 * 60 + 59)
    else:
        d.tag("reschedule")
        st, svc, prac = d.add_existing(full, kmin=4, kmax=20)
        ref = ref_phrase(d, st, svc)
        new = d.slot(svc, 6, 40, prac=prac, forms=EXPLICIT_FORMS)
        w = d.when(new, forms=EXPLICIT_FORMS)
        d.say(msg1(d, join_greet(d, rng.choice(MOVE_REQ[L]).format(ref=ref, when=after_prep(L, w))), notypo=(ref, w)),
              {"contains_all": [str(new.day)]})
        d.say(d.yes("move") if rng.random() < 0.5 else d.yes("plain"))
        d.final["moved"].append({"from": fmt_local(st), "date": new.strftime("%Y-%m-%d"), "time": new.strftime("%H:%M")})


def sc_emergency(d):
    rng, L = d.rng, d.lang
    d.tag("emergency")
    spec = d.c["specialty"]
    text = rng.choice(EMERGENCY[spec][L])
    pre, post = EMERG_WRAP[L]
    msg = rng.choice(pre) + text + rng.choice(post)
    v = rng.choice(["direct", "direct", "direct", "mid_booking", "household"])
    if v == "household":
        self_household(d)
    elif v == "mid_booking":
        f, l, g, full = self_household(d)
        d.tag("booking")
        svc = d.svc_pick()
        st = d.slot(svc, 1, 20)
        w = d.when(st)
        d.say(msg1(d, join_greet(d, req_text(d, d.svc_phrase(svc), w))))
        msg = {"en": "actually forget that, ", "tr": "aslında boşverin, ", "pt": "esqueça isso, ", "es": "olvide eso, "}[L] + text
    else:
        d.profile = rng.choice([None, rng.choice(PROFILE_ODD[L])])
    msg = noisy(rng, L, msg, level=0.6)
    if rng.random() < 0.15:
        msg = msg.upper()
    d.say(msg, {"emergency": True})


def faq_expect(d, ck, topic, for_two=False):
    fq = FAQ[ck][topic]
    e = {}
    if "any" in fq:
        e["contains_any"] = list(fq["any"])
    if "any_l" in fq:
        e["contains_any"] = list(fq["any_l"][d.lang])
    if "all" in fq:
        e["contains_all"] = list(fq["all"])
    if fq["lang"] != d.lang:
        e["not_contains"] = list(fq["marker"])
    return e


def faq_q(d, topic):
    return d.rng.choice(FAQ[d.ck][topic]["q"][d.lang])


def sc_passage(d, cross=None):
    rng, L = d.rng, d.lang
    topics = list(FAQ[d.ck])
    if cross is True:
        topics = [t for t in topics if FAQ[d.ck][t]["lang"] != L]
    elif cross is False:
        topics = [t for t in topics if FAQ[d.ck][t]["lang"] == L] or topics
    if not topics:
        topics = list(FAQ[d.ck])
    if cross is None and rng.random() < 0.3:
        d.tag("passage")
        if rng.random() < 0.5:
            self_household(d)
        d.say(noisy(rng, L, join_greet(d, rng.choice(UNANSWERABLE[L])), level=0.5), {"handoff": True})
        return
    topic = rng.choice(topics)
    d.tag("passage")
    if FAQ[d.ck][topic]["lang"] != L:
        d.tag("answer_language")
    if rng.random() < 0.5:
        self_household(d)
    else:
        d.profile = d.odd_profile(None)
    d.say(noisy(rng, L, join_greet(d, faq_q(d, topic)), level=0.6), faq_expect(d, d.ck, topic))


def sc_answer_language(d):
    if not any(v["lang"] != d.lang for v in FAQ[d.ck].values()):
        return sc_passage(d, cross=False)
    return sc_passage(d, cross=True)


def q_join(d, a, b):
    a = a.strip().rstrip("?").lstrip("¿")
    b = b.strip().rstrip("?").lstrip("¿")
    b = b[:1].lower() + b[1:]
    s = a + AND[d.lang] + b + "?"
    return ("¿" + s) if d.lang == "es" else s


def sc_two(d):
    rng, L = d.rng, d.lang
    d.tag("two_questions")
    priced = [k for k, v in d.c["svc"].items() if v["price"]]
    v = rng.choice(["price_faq", "price_faq", "price_book", "own_faq"])
    if v == "own_faq":
        f, l, g, full = self_household(d)
        st, svc, prac = d.add_existing(full, kmin=2, kmax=20)
        topic = rng.choice([t for t in FAQ[d.ck] if "any" in FAQ[d.ck][t] or "any_l" in FAQ[d.ck][t]])
        d.tag("own_appointments", "passage")
        if FAQ[d.ck][topic]["lang"] != L:
            d.tag("answer_language")
        e = faq_expect(d, d.ck, topic)
        e["contains_all"] = e.get("contains_all", []) + [str(st.day)]
        own = rng.choice(OWN_Q[L]["one"])
        d.say(noisy(rng, L, "%s, %s" % (d.greet(), q_join(d, own, faq_q(d, topic))), level=0.5), e)
        return
    svc = rng.choice(priced)
    sp = d.svc_phrase(svc)
    pv = price_variants(d.c["svc"][svc])
    pq = rng.choice(PRICE_Q[L]).format(svc=sp)
    if v == "price_faq":
        d.tag("passage")
        if len(pv) > 1:
            topics = [t for t in FAQ[d.ck] if "any" in FAQ[d.ck][t] and len(FAQ[d.ck][t]["any"]) == 1 or "all" in FAQ[d.ck][t]]
        else:
            topics = list(FAQ[d.ck])
        topic = rng.choice(topics)
        if FAQ[d.ck][topic]["lang"] != L:
            d.tag("answer_language")
        e = faq_expect(d, d.ck, topic)
        if len(pv) > 1:
            fq = FAQ[d.ck][topic]
            e["contains_all"] = list(fq.get("all", [])) + ([fq["any"][0]] if "any" in fq and len(fq["any"]) == 1 else [])
            e["contains_any"] = pv
        else:
            e["contains_all"] = e.get("contains_all", []) + pv
        if rng.random() < 0.5:
            self_household(d)
        d.say(noisy(rng, L, "%s, %s" % (d.greet(), q_join(d, pq, faq_q(d, topic))), notypo=[sp], level=0.5), e)
    else:
        d.tag("booking")
        f, l, g, full = self_household(d)
        st = d.slot(svc, 1, 30)
        w = d.when(st)
        tag_form(d)
        book_q = rng.choice({"en": ["can I book one {when}?", "and can I book it {when}?"],
                             "tr": ["{when} için randevu alabilir miyim?", "bir de {when} randevu verebilir misiniz?"],
                             "pt": ["posso marcar {when}?", "e dá para marcar {when}?"],
                             "es": ["¿puedo reservar {when}?", "¿y me la pueden dar {when}?"]}[L]).format(when=w)
        txt = "%s, %s? %s" % (d.greet(), pq.rstrip("?"), cap(book_q))
        if L == "es":
            txt = "%s, ¿%s? %s" % (d.greet(), pq, cap(book_q))
        d.say(noisy(rng, L, txt, notypo=[w, sp], level=0.5), {"contains_any": pv})
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
        d.book(full, svc, st)


def sc_service_words(d):
    rng, L = d.rng, d.lang
    d.tag("service_words", "booking")
    f, l, g, full = self_household(d)
    svc = d.svc_pick()
    st = d.slot(svc, 1, 30)
    w = d.when(st)
    tag_form(d)
    if rng.random() < 0.35:
        u = UNKNOWN_SVC[d.c["specialty"]][L]
        d.say(noisy(rng, L, UNKNOWN_ASK[L].format(u=u), level=0.4))
        sp = d.svc_phrase(svc, "name")
        d.say(noisy(rng, L, FALLBACK[L].format(svc=sp, when=w), notypo=[sp, w], level=0.5))
    else:
        sp = d.svc_phrase(svc, "word")
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
    d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    d.book(full, svc, st)


def sc_day_parts(d):
    rng, L = d.rng, d.lang
    d.tag("day_parts", "booking")
    f, l, g, full = self_household(d)
    svc = d.svc_pick()
    part = rng.choice(["morning", "afternoon", "afternoon"])
    if part == "morning":
        lo, hi = 0, 11 * 60 + 59
    else:
        lo, hi = AFTERNOON_START[L], 23 * 60 + 59
    dur = d.c["svc"][svc]["duration_minutes"]
    for _ in range(30):
        day = d.now.date() + timedelta(days=rng.randint(1, 25))
        inwin = [x for x in d.cal.slots(svc, day, d.now, d.now, None, lo, hi)
                 if not d.cal.household_busy(x, dur)]
        if not inwin or not d.free_now_and_late(svc, inwin[0]):
            continue
        if part == "afternoon" and L in ("es", "pt"):
            # a lunch-time slot exists too, so "12:00" would be a visible mistake
            if not d.cal.slots(svc, day, d.now, d.now, None, 12 * 60, 14 * 60 - 1):
                continue
        break
    else:
        raise Retry("no day part")
    ph = rng.choice(MORNING[L] if part == "morning" else AFTERNOON[L])
    st0 = datetime.combine(day, datetime.min.time()) + timedelta(hours=9)
    dp = d.when(st0, with_time=False)
    tag_form(d)
    if L == "es" and dp == "mañana" and part == "morning":
        ph = "por la mañana"
    sp = d.svc_phrase(svc)
    txt = rng.choice(DAYPART_REQ[L]).format(svc=sp, date=dp, part=ph)
    d.say(msg1(d, join_greet(d, txt), notypo=(sp, dp, ph)))
    d.say(rng.choice(PICK_FIRST[L]))
    d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
    d.book_window(full, svc, day, lo, hi)


def sc_clinic_fit(d):
    rng, L = d.rng, d.lang
    d.tag("clinic_fit")
    spec = d.c["specialty"]
    f, l, g, full = self_household(d)
    q = rng.choice(ADVICE[spec][L])
    d.say(noisy(rng, L, join_greet(d, q), level=0.5), {"not_contains": OTHER_SPECIALTY_WORDS[spec]})
    if rng.random() < 0.6:
        d.tag("booking")
        svc = d.svc_pick()
        st = d.slot(svc, 1, 25)
        w = d.when(st)
        tag_form(d)
        d.say(noisy(rng, L, req_text(d, d.svc_phrase(svc), w), level=0.5), {"not_contains": OTHER_SPECIALTY_WORDS[spec]})
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
        d.book(full, svc, st)


def sc_own(d):
    rng, L = d.rng, d.lang
    d.tag("own_appointments")
    v = rng.choice(["one", "one", "many", "other", "move_twostep", "change_time"])
    f, l, g, full = self_household(d)
    if v == "one":
        st, svc, prac = d.add_existing(full, kmin=1, kmax=25)
        e = {"contains_all": [str(st.day)], "contains_any": time_variants(st.hour * 60 + st.minute)}
        d.say(noisy(rng, L, join_greet(d, rng.choice(OWN_Q[L]["one"])), level=0.6), e)
    elif v == "many":
        st, svc, prac = d.add_existing(full, kmin=1, kmax=12)
        st2, svc2, prac2 = d.add_existing(full, kmin=13, kmax=30)
        if st.day == st2.day:
            raise Retry("same day number")
        d.say(noisy(rng, L, join_greet(d, rng.choice(OWN_Q[L]["many"])), level=0.6), {"contains_all": [str(st.day), str(st2.day)]})
    elif v == "other":
        rel = rng.choice(["son", "daughter"])
        kf, kl, kg = d.kin(rel, l)
        kfull = d.add_household(kf, kl)
        st, svc, prac = d.add_existing(kfull, kmin=1, kmax=25)
        q = rng.choice(OWN_Q[L]["other"]).format(rel=OWN_REL[L][rel], f=kf)
        if L == "tr" and "{f}'in" in q:
            pass
        d.say(noisy(rng, L, join_greet(d, q), keep=[kf], level=0.6), {"contains_all": [str(st.day)]})
    elif v == "move_twostep":
        d.tag("reschedule")
        st, svc, prac = d.add_existing(full, kmin=4, kmax=20)
        ref = ref_phrase(d, st, svc)
        new = d.slot(svc, 2, 30, prac=prac)
        w = d.when(new)
        tag_form(d)
        d.say(msg1(d, join_greet(d, rng.choice(MOVE_ASK[L]).format(ref=ref)), notypo=[ref]))
        d.say(noisy(rng, L, rng.choice(WHEN_ONLY[L]).format(when=w), notypo=[w], level=0.5))
        d.say(d.yes("move") if rng.random() < 0.5 else d.yes("plain"))
        d.final["moved"].append({"from": fmt_local(st), "date": new.strftime("%Y-%m-%d"), "time": new.strftime("%H:%M")})
    else:
        d.tag("booking")
        svc = d.svc_pick()
        sp = d.svc_phrase(svc)
        st = d.slot(svc, 1, 30)
        w = d.when(st)
        tag_form(d)
        st2 = d.slot(svc, day=st.date(), avoid=[st])
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
        t0 = time_short(L, st.hour * 60 + st.minute, rng)
        t2 = time_short(L, st2.hour * 60 + st2.minute, rng)
        d.say(rng.choice(CHANGE_MIND[L]).format(t=t2, t0=t0))
        d.say(d.yes("book") if rng.random() < 0.5 else d.yes("plain"))
        d.book(full, svc, st2)


def sc_cancel(d):
    rng, L = d.rng, d.lang
    d.tag("cancel")
    f, l, g, full = self_household(d)
    st, svc, prac = d.add_existing(full, kmin=4, kmax=25)
    if rng.random() < 0.4:
        d.add_existing(full, kmin=4, kmax=25)
    ref = ref_phrase(d, st, svc)
    sp = bare(d.svc_phrase(svc, "name"))
    d.say(msg1(d, join_greet(d, rng.choice(CANCEL_REQ[L]).format(ref=ref, svc=sp)), notypo=(ref, sp)))
    d.say(d.yes("plain"))
    d.final["cancelled"].append(fmt_local(st))


def sc_reschedule(d):
    rng, L = d.rng, d.lang
    d.tag("reschedule")
    f, l, g, full = self_household(d)
    st, svc, prac = d.add_existing(full, kmin=4, kmax=20)
    ref = ref_phrase(d, st, svc)
    new = d.slot(svc, 2, 30, prac=prac)
    if rng.random() < 0.4:
        # the first time asked for is taken by another patient; the patient then names a free one
        taken = d.slot(svc, day=new.date(), prac=prac, avoid=[new])
        d.cal.add(prac, svc, taken, "blocked")
        d.blocked.append({"practitioner": prac, "service": svc, "start": fmt_local(taken)})
        for p in d.c["svc"][svc]["practitioners"]:
            if p != prac and d.cal.prac_free(p, svc, taken, d.now, d.now):
                d.cal.add(p, svc, taken, "blocked")
                d.blocked.append({"practitioner": p, "service": svc, "start": fmt_local(taken)})
        assert not d.cal.free_pracs(svc, taken, d.now, d.now)
        assert d.cal.prac_free(prac, svc, new, d.late, d.now)
        w = d.when(taken)
        tag_form(d)
        d.say(msg1(d, join_greet(d, rng.choice(MOVE_REQ[L]).format(ref=ref, when=after_prep(L, w))), notypo=(ref, w)))
        t2 = time_short(L, new.hour * 60 + new.minute, rng)
        d.say(rng.choice(PICK_TIME[L]).format(t=t2))
        d.say(d.yes("plain"))
    else:
        w = d.when(new)
        tag_form(d)
        d.say(msg1(d, join_greet(d, rng.choice(MOVE_REQ[L]).format(ref=ref, when=after_prep(L, w))), notypo=(ref, w)))
        d.say(d.yes("plain"))
    d.final["moved"].append({"from": fmt_local(st), "date": new.strftime("%Y-%m-%d"), "time": new.strftime("%H:%M")})


def sc_booking(d):
    rng, L = d.rng, d.lang
    d.tag("booking")
    f, l, g, full = self_household(d)
    svc = d.svc_pick()
    sp = d.svc_phrase(svc)
    v = rng.choice(["plain", "taken", "practitioner", "soon"])
    if v == "soon":
        st = d.slot(svc, 0, 2, forms=["today", "tomorrow", "dayafter"])
    else:
        st = d.slot(svc, 1, 30)
    if v == "taken":
        taken = d.slot(svc, day=st.date(), avoid=[st])
        d.block_all(svc, taken)
        assert d.cal.free_pracs(svc, st, d.late, d.now)
        w = d.when(taken)
        tag_form(d)
        d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
        d.say(rng.choice(PICK_TIME[L]).format(t=time_short(L, st.hour * 60 + st.minute, rng)))
        d.say(d.yes("plain"))
        d.book(full, svc, st)
        return
    prac = None
    if v == "practitioner":
        prac = rng.choice(d.c["svc"][svc]["practitioners"])
        st = d.slot(svc, 1, 30, prac=prac)
        pn = d.c["prac"][prac]["name"]
        sp = sp + " " + PRAC_WITH[L].format(p=pn) if L != "tr" else PRAC_WITH[L].format(p=pn) + " " + sp
    w = d.when(st)
    tag_form(d)
    d.say(msg1(d, join_greet(d, req_text(d, sp, w)), notypo=(w, sp)))
    d.say(d.yes("plain"))
    d.book(full, svc, st, prac)


SCHEDULE = ([sc_names] * 9 + [sc_someone] * 9 + [sc_yes] * 9 + [sc_explicit] * 9 + [sc_emergency] * 9 +
            [sc_own] * 3 + [sc_passage] * 3 + [sc_answer_language] * 3 + [sc_two] * 3 + [sc_service_words] * 3 +
            [sc_day_parts] * 3 + [sc_clinic_fit] * 3 + [sc_cancel] * 3 + [sc_reschedule] * 3 + [sc_booking] * 3)


# ----------------------------------------------------------------------------- main
class Gen:
    def __init__(self, seed=SEED):
        self.rng = random.Random(seed)


def crosses_dst(dj):
    c = CLINICS[dj["clinic"]]
    sw = DST.get(c["time_zone"])
    if not sw:
        return False
    now = parse_local(dj["now"]).date()
    dates = [datetime.strptime(b["date"], "%Y-%m-%d").date() for b in dj["final"]["booked"]]
    dates += [datetime.strptime(m["date"], "%Y-%m-%d").date() for m in dj["final"]["moved"]]
    dates += [parse_local(e["start"]).date() for e in dj["existing"]]
    return now < sw and any(x >= sw for x in dates)


def generate():
    gen = Gen()
    out = []
    counters = Counter()
    for lang in LANGS:
        for ck in CLINIC_KEYS:
            for sc in SCHEDULE:
                for attempt in range(200):
                    counters[lang] += 1
                    d = Dialog(gen, lang, ck, counters[lang])
                    try:
                        sc(d)
                    except Retry:
                        continue
                    dj = d.to_json()
                    errs = validate(dj)
                    assert not errs, (dj["id"], errs, dj)
                    out.append(dj)
                    break
                else:
                    raise SystemExit("could not build %s %s %s" % (lang, ck, sc.__name__))
    # renumber ids densely per language
    per = Counter()
    for dj in out:
        per[dj["language"]] += 1
        dj["id"] = "test-%s-%04d" % (dj["language"], per[dj["language"]])
    ids = [dj["id"] for dj in out]
    assert len(set(ids)) == len(ids)
    return out


def load_jsonl(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise SystemExit("%s:%d: %s" % (path, i, e))
    return out


def stats(dialogs, title):
    lines = ["%s: %d dialogs" % (title, len(dialogs))]
    bl = Counter(d["language"] for d in dialogs)
    lines.append("  per language: " + ", ".join("%s %d" % (l, bl[l]) for l in LANGS))
    bc = Counter(d["clinic"] for d in dialogs)
    lines.append("  per clinic:   " + ", ".join("%s %d" % (c, bc[c]) for c in CLINIC_KEYS))
    kl = defaultdict(Counter)
    for d in dialogs:
        for k in d["kinds"]:
            kl[k][d["language"]] += 1
    lines.append("  per kind (total: en/tr/pt/es):")
    for k in KINDS:
        lines.append("    %-17s %4d: %s" % (k, sum(kl[k].values()), "/".join(str(kl[k][l]) for l in LANGS)))
    lines.append("  booking across a DST change: %d" % sum(1 for d in dialogs if crosses_dst(d)))
    return "\n".join(lines)


def main(argv):
    if len(argv) >= 2 and argv[0] in ("--check", "--stats"):
        ok = True
        for path in argv[1:]:
            ds = load_jsonl(path)
            seen = set()
            for d in ds:
                errs = validate(d)
                if d.get("id") in seen:
                    errs.append("duplicate id")
                seen.add(d.get("id"))
                for e in errs:
                    ok = False
                    print("%s %s: %s" % (path, d.get("id"), e))
            print(stats(ds, path))
        if argv[0] == "--check":
            print("OK" if ok else "ERRORS")
            return 0 if ok else 1
        return 0
    out = generate()
    path = os.path.join(HERE, "generated.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for dj in out:
            f.write(json.dumps(dj, ensure_ascii=False) + "\n")
    print(stats(out, "generated.jsonl"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
