#!/usr/bin/env python3
"""dev5 dialog generator (python3 stdlib only, fixed seed, deterministic).

Writes generated.jsonl next to this file: 160 dialogs per language (en, tr, pt, es),
about 70% of them focused on answer_language, passage, two_questions,
own_appointments and someone_else.  Every booked or moved time is checked against
clinics.json (practitioner hours, opening hours, service duration, slot grid,
notice, horizon, other appointments and blocks) before it is written.

    python3 generate.py            # writes generated.jsonl
    python3 generate.py --stats    # also prints counts per kind and language
"""
import datetime as dt
import json
import os
import random
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 5_2027_0517
LANGS = ["en", "tr", "pt", "es"]
WD_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

with open(os.path.join(HERE, "..", "clinics.json"), encoding="utf-8") as _f:
    CLINICS = {c["key"]: c for c in json.load(_f)["clinics"]}
CLINIC_KEYS = ["dental-ankara", "dermatology-lisbon", "physio-madrid", "gp-boston", "gp-sao-paulo"]

rng = random.Random(SEED)


def pick(seq):
    return seq[rng.randrange(len(seq))]


def chance(p):
    return rng.random() < p


# --------------------------------------------------------------------------------------
# calendar model
# --------------------------------------------------------------------------------------

def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M")


def service(ck, sk):
    for s in CLINICS[ck]["services"]:
        if s["key"] == sk:
            return s
    raise KeyError(sk)


def prac(ck, pk):
    for p in CLINICS[ck]["practitioners"]:
        if p["key"] == pk:
            return p
    raise KeyError(pk)


def inside(ranges, s, e):
    for r in ranges:
        a, b = r.split("-")
        if hm(a) <= s and e <= hm(b):
            return True
    return False


def works(ck, pk, start, dur):
    wd = WD_KEYS[start.weekday()]
    s = start.hour * 60 + start.minute
    e = s + dur
    c = CLINICS[ck]
    return (inside(prac(ck, pk)["working_hours"].get(wd, []), s, e)
            and inside(c["opening_hours"].get(wd, []), s, e))


class Fx:
    """The fixture of one dialog: clinic, now, existing and blocked appointments."""

    def __init__(self, ck, now):
        self.ck = ck
        self.c = CLINICS[ck]
        self.now = now
        self.existing = []
        self.blocked = []

    def entries(self):
        return [("e", x) for x in self.existing] + [("b", x) for x in self.blocked]

    def overlaps(self, pk, start, dur, ignore=None):
        end = start + dt.timedelta(minutes=dur)
        for _, x in self.entries():
            if x is ignore or x["practitioner"] != pk:
                continue
            xs = dt.datetime.fromisoformat(x["start"])
            xe = xs + dt.timedelta(minutes=service(self.ck, x["service"])["duration_minutes"])
            if xs < end and start < xe:
                return True
        return False

    def household_overlap(self, start, dur, ignore=None):
        end = start + dt.timedelta(minutes=dur)
        for x in self.existing:
            if x is ignore:
                continue
            xs = dt.datetime.fromisoformat(x["start"])
            xe = xs + dt.timedelta(minutes=service(self.ck, x["service"])["duration_minutes"])
            if xs < end and start < xe:
                return True
        return False

    def free_pracs(self, sk, start, turns=6, ignore=None, only=None):
        pol = self.c["policy"]
        s = service(self.ck, sk)
        dur = s["duration_minutes"]
        mins = start.hour * 60 + start.minute
        if mins % pol["slot_grid_minutes"]:
            return []
        earliest = self.now + dt.timedelta(minutes=2 * turns + pol["min_notice_minutes"])
        if start < earliest:
            return []
        if start > self.now + dt.timedelta(days=pol["horizon_days"]) - dt.timedelta(days=1):
            return []
        out = []
        for pk in s["practitioners"]:
            if only and pk != only:
                continue
            if works(self.ck, pk, start, dur) and not self.overlaps(pk, start, dur, ignore):
                out.append(pk)
        return out

    def slots(self, sk, day, only=None, hmin=0, hmax=24 * 60, ignore=None, household=True):
        grid = self.c["policy"]["slot_grid_minutes"]
        dur = service(self.ck, sk)["duration_minutes"]
        out = []
        for m in range(0, 24 * 60, grid):
            if m < hmin or m > hmax:
                continue
            t = dt.datetime(day.year, day.month, day.day, m // 60, m % 60)
            if not self.free_pracs(sk, t, ignore=ignore, only=only):
                continue
            if household and self.household_overlap(t, dur, ignore=ignore):
                continue
            out.append(t)
        return out

    def add_existing(self, patient, sk, pk, start):
        x = {"patient": patient, "service": sk, "practitioner": pk, "start": iso(start)}
        self.existing.append(x)
        return x

    def add_blocked(self, sk, pk, start):
        x = {"practitioner": pk, "service": sk, "start": iso(start)}
        self.blocked.append(x)
        return x


def weighted_slot(slots):
    """People ask for round times more often."""
    w = []
    for t in slots:
        w.append(4 if t.minute == 0 else 2 if t.minute == 30 else 1)
    tot = sum(w)
    r = rng.random() * tot
    for t, x in zip(slots, w):
        r -= x
        if r < 0:
            return t
    return slots[-1]


def pick_day(fx, sk, dmin, dmax, only=None, need=2, avoid_wd=None, avoid_days=()):
    days = []
    for k in range(dmin, dmax + 1):
        d = (fx.now + dt.timedelta(days=k)).date()
        if avoid_wd is not None and d.weekday() in avoid_wd:
            continue
        if d in avoid_days:
            continue
        if len(fx.slots(sk, d, only=only)) >= need:
            days.append(d)
    if not days:
        return None
    return pick(days)


def add_noise(fx, day, sks, n):
    """Other patients' appointments on the day of interest."""
    for _ in range(n):
        sk = pick(sks)
        cand = []
        for t in fx.slots(sk, day, household=True):
            for pk in fx.free_pracs(sk, t):
                cand.append((t, pk))
        if not cand:
            continue
        t, pk = pick(cand)
        fx.add_blocked(sk, pk, t)


def choose_target(fx, sk, dmin=1, dmax=16, only=None, hmin=0, hmax=24 * 60, noise=True,
                  avoid_wd=None, avoid_days=(), day=None):
    """A day and a start that is free for sk after the noise is placed."""
    for _ in range(40):
        d = day or pick_day(fx, sk, dmin, dmax, only=only, need=3, avoid_wd=avoid_wd,
                            avoid_days=avoid_days)
        if d is None:
            return None
        if noise:
            add_noise(fx, d, [x["key"] for x in fx.c["services"]], rng.randrange(1, 4))
        ss = [t for t in fx.slots(sk, d, only=only) if hmin <= t.hour * 60 + t.minute <= hmax]
        if ss:
            return weighted_slot(ss)
        noise = False
    return None


def existing_slot(fx, sk, dmin, dmax, min_hours=0, avoid_days=(), pk=None):
    """A start for an appointment the household already holds (a practitioner is fixed)."""
    for _ in range(60):
        k = rng.randrange(dmin, dmax + 1)
        d = (fx.now + dt.timedelta(days=k)).date()
        if d in avoid_days:
            continue
        ss = fx.slots(sk, d, only=pk)
        ss = [t for t in ss if (t - fx.now).total_seconds() >= min_hours * 3600]
        if not ss:
            continue
        t = weighted_slot(ss)
        pks = fx.free_pracs(sk, t, only=pk)
        return t, pick(pks)
    return None


# --------------------------------------------------------------------------------------
# language resources
# --------------------------------------------------------------------------------------

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
PT_WD_SHORT = ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"]
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
           "Ekim", "Kasım", "Aralık"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}
EN_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def tr_loc(h, m):
    """Turkish locative suffix after a spoken clock time: 10'da, 14'te, 10:30'da."""
    n = m if m else h
    if n % 10 == 0:
        return {10: "da", 20: "de", 30: "da", 40: "ta", 50: "de"}[n % 60 if n >= 10 else n]
    return {1: "de", 2: "de", 3: "te", 4: "te", 5: "te", 6: "da", 7: "de", 8: "de", 9: "da"}[n % 10]


def pt_na(wd):
    return ("no " if wd >= 5 else "na ")


def date_ref(L, now, d, mode=None, prep=True):
    """A day as a patient writes it.  mode: tomorrow, weekday, date, wd_date, numeric."""
    delta = (d - now.date()).days
    if mode is None:
        if delta == 1 and chance(0.7):
            mode = "tomorrow"
        elif 1 <= delta <= 6:
            mode = "weekday"
        else:
            mode = pick(["date", "date", "wd_date"])
    wd = d.weekday()
    day, mo = d.day, d.month
    if L == "en":
        W = WEEKDAYS["en"][wd]
        M = MONTHS["en"][mo - 1]
        if mode == "tomorrow":
            return "tomorrow"
        if mode == "weekday":
            return pick(["on %s" % W, "on %s" % W.lower(), W.lower()]) if prep else pick([W, W.lower()])
        if mode == "date":
            s = pick(["%s %d" % (EN_MON[mo - 1], day), "%s %d" % (M, day), "the %s of %s" % (ordinal(day), M),
                      "%d %s" % (day, M), "%s %s" % (M, ordinal(day))])
        elif mode == "wd_date":
            s = pick(["%s %d %s" % (W, day, M), "%s, %s %d" % (W, M, day), "%s the %s of %s" % (W, ordinal(day), M),
                      "%s %s %s" % (W, EN_MON[mo - 1], ordinal(day))])
        else:
            s = pick(["%d/%d" % (mo, day), "%d/%02d" % (day, mo), "%02d/%02d" % (mo, day)])
        return ("on " + s) if prep else s
    if L == "tr":
        W = WEEKDAYS["tr"][wd]
        M = MONTHS["tr"][mo - 1]
        if mode == "tomorrow":
            return "yarın"
        if mode == "weekday":
            return pick([W, W + " günü", W.lower()])
        if mode == "date":
            return pick(["%d %s" % (day, M), "%d %s günü" % (day, M), "%d %s tarihinde" % (day, M)])
        if mode == "wd_date":
            return pick(["%d %s %s" % (day, M, W), "%d %s %s günü" % (day, M, W), "%s, %d %s" % (W, day, M)])
        return pick(["%d.%02d" % (day, mo), "%d.%02d.2027" % (day, mo), "%02d/%02d" % (day, mo)]) + \
            pick([" tarihinde", "", " günü"])
    if L == "pt":
        ws = PT_WD_SHORT[wd]
        W = WEEKDAYS["pt"][wd]
        M = MONTHS["pt"][mo - 1]
        if mode == "tomorrow":
            return "amanhã"
        if mode == "weekday":
            return pick([pt_na(wd) + ws, pt_na(wd) + W, ws]) if prep else pick([ws, W])
        if mode == "date":
            s = pick(["no dia %d de %s", "dia %d de %s", "a %d de %s"]) % (day, M)
            return s if prep else "dia %d de %s" % (day, M)
        if mode == "wd_date":
            s = pick(["%s%s, dia %d de %s" % (pt_na(wd), ws, day, M), "%s, %d de %s" % (ws, day, M),
                      "%s%s %d de %s" % (pt_na(wd), W, day, M)])
            return s
        return pick(["no dia %d/%02d" % (day, mo), "dia %d/%02d" % (day, mo), "dia %02d/%02d" % (day, mo)])
    # es
    W = WEEKDAYS["es"][wd]
    M = MONTHS["es"][mo - 1]
    if mode == "tomorrow":
        return "mañana"
    if mode == "weekday":
        return "el " + W
    if mode == "date":
        return pick(["el %d de %s", "el día %d de %s"]) % (day, M)
    if mode == "wd_date":
        return pick(["el %s %d de %s" % (W, day, M), "el %s, %d de %s" % (W, day, M), "%s %d de %s" % (W, day, M)])
    return pick(["el %d/%d" % (day, mo), "el día %d/%02d" % (day, mo), "el %d-%02d" % (day, mo)])


def at_ref(L, t, prep=True):
    """A clock time as a patient writes it."""
    h, m = t.hour, t.minute
    h12 = h % 12 or 12
    if L == "en":
        ap = "am" if h < 12 else "pm"
        if m == 0:
            s = pick(["%d%s" % (h12, ap), "%d %s" % (h12, ap), "%d:00" % h if h >= 10 else "%d:00%s" % (h12, ap),
                      "%d%s" % (h12, ap)])
        else:
            s = pick(["%d:%02d%s" % (h12, m, ap), "%d:%02d %s" % (h12, m, ap), "%d:%02d" % (h, m) if h >= 13 else
                      "%d:%02d" % (h12, m)])
        return ("at " + s) if prep else s
    if L == "tr":
        if m == 0:
            s = pick(["saat %d'%s" % (h, tr_loc(h, m)), "saat %d:00'%s" % (h, tr_loc(h, m)),
                      "%d:00'%s" % (h, tr_loc(h, m)), "saat %d.00'%s" % (h, tr_loc(h, m))])
        else:
            s = pick(["saat %d:%02d'%s" % (h, m, tr_loc(h, m)), "%d:%02d'%s" % (h, m, tr_loc(h, m)),
                      "saat %d.%02d'%s" % (h, m, tr_loc(h, m))])
        if not prep:
            s = pick(["saat %d:%02d" % (h, m), "%d:%02d" % (h, m), "%d.%02d" % (h, m)])
        return s
    if L == "pt":
        if m == 0:
            s = pick(["às %dh" % h, "às %d:00" % h, "as %dh" % h, "às %d horas" % h, "às %dh00" % h])
        else:
            s = pick(["às %dh%02d" % (h, m), "às %d:%02d" % (h, m), "as %dh%02d" % (h, m)])
        if not prep:
            s = s.split(" ", 1)[1]
        return s
    # es
    if m == 0:
        opts = ["a las %d:00" % h, "a las %dh" % h]
        if 8 <= h <= 12:
            opts.append("a las %d" % h)
        if 15 <= h <= 20:
            opts.append("a las %d de la tarde" % (h - 12))
    else:
        opts = ["a las %d:%02d" % (h, m), "a las %d.%02d" % (h, m)]
        if m == 30 and 8 <= h <= 12:
            opts.append("a las %d y media" % h)
    s = pick(opts)
    if not prep:
        s = s[len("a las "):]
    return s


def tv(t):
    """Spellings of a clock time any correct reply contains one of."""
    h, m = t.hour, t.minute
    h12 = h % 12 or 12
    ap = "am" if h < 12 else "pm"
    out = ["%d:%02d" % (h, m), "%d.%02d" % (h, m), "%dh%02d" % (h, m)]
    if m == 0:
        out += ["%dh" % h, "%d h" % h if h >= 10 else "%dh " % h]
    if True:  # 12-hour spellings
        out += ["%d:%02d %s" % (h12, m, ap), "%d:%02d%s" % (h12, m, ap), "%d:%02d %s.m." % (h12, m, ap[0])]
        if m == 0:
            out += ["%d %s" % (h12, ap), "%d%s" % (h12, ap), "%d %s.m." % (h12, ap[0])]
    seen = []
    for x in out:
        if x not in seen:
            seen.append(x)
    return seen


def first(name):
    return name.split()[0]


def strip_accents(s):
    s = s.replace("ı", "i").replace("İ", "I")
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")


def lower(L, s):
    if L == "tr":
        s = s.replace("I", "ı").replace("İ", "i")
    return s.lower()


def greeting(L, now):
    h = now.hour
    if L == "en":
        g = ["hi", "hello", "hey", "hi there", "hello!", "hey 👋", "hiya"]
        g += ["good morning", "morning"] if h < 12 else ["good afternoon"] if h < 18 else ["good evening"]
    elif L == "tr":
        g = ["merhaba", "slm", "selam", "merhabalar", "mrb", "iyi günler"]
        g += ["günaydın"] if h < 11 else ["iyi akşamlar"] if h >= 18 else []
    elif L == "pt":
        g = ["olá", "oi", "oii", "olá, tudo bem?", "oi tudo bem"]
        g += ["bom dia"] if h < 12 else ["boa tarde"] if h < 19 else ["boa noite"]
    else:
        g = ["hola", "buenas", "hola buenas", "holaa", "hola, qué tal"]
        g += ["buenos días", "buen día"] if h < 13 else ["buenas tardes"] if h < 20 else ["buenas noches"]
    return pick(g)


THANKS = {
    "en": ["thanks", "thank you!", "thx", "ty", "cheers", "🙏", "🙂", "thanks a lot 😊", "appreciate it"],
    "tr": ["teşekkürler", "tşk", "teşekkür ederim", "sağolun", "🙏", "iyi çalışmalar", "kolay gelsin"],
    "pt": ["obrigado", "obrigada", "obg", "brigada", "🙏", "valeu", "obrigadão 😊", "agradeço"],
    "es": ["gracias", "muchas gracias", "grax", "mil gracias 🙏", "😊", "gracias!!", "un saludo"],
}

EMOJI = ["🙂", "😊", "🙏", "👍", "😅", "🤞", "😬", "🙈", "✨", "😀"]


GREET_START = ("hi", "hello", "hey", "good ", "morning", "merhaba", "selam", "slm", "mrb", "iyi ", "günaydın",
               "olá", "ola", "oi", "bom dia", "boa ", "hola", "buenas", "buenos", "buen ")


def starts_greeting(s):
    t = strip_accents(s.lower())
    return any(t.startswith(strip_accents(g)) for g in GREET_START)


def drop_greeting(s):
    """'hi can i get ...' -> 'can i get ...' (when a name intro already greets)."""
    if not starts_greeting(s):
        return s
    for g in sorted(GREET_START, key=len, reverse=True):
        if strip_accents(s.lower()).startswith(strip_accents(g)):
            rest = s[len(g):].lstrip(" ,.!")
            return rest
    return s


def style(L, text, now, greet=0.35, thanks=0.3, low=0.45, noacc=None, drop_q=0.3, emoji=0.15):
    """Make a message look typed on a phone."""
    if noacc is None:
        noacc = {"en": 0.0, "tr": 0.3, "pt": 0.3, "es": 0.35}[L]
    s = text
    if chance(greet) and not starts_greeting(s):
        g = greeting(L, now)
        sep = pick([", ", " ", "! ", ". ", "\n"])
        if g[-1:] in "?!" and sep in ("! ", ". ", ", "):
            sep = " "
        s = g + sep + (s[0].lower() + s[1:] if sep in (", ", " ") and s[:1].isupper() and not s[:2].isupper() else s)
    if chance(thanks):
        sep = pick([" ", ". ", " ", "! "])
        if s.rstrip()[-1:] in "?!.":
            sep = " "
        s = s + sep + pick(THANKS[L])
    elif chance(emoji):
        s = s + " " + pick(EMOJI)
    if chance(drop_q):
        # people drop the final question mark (and Spanish the opening one)
        core = s.rstrip()
        tail = ""
        while core and core[-1] in " 🙂😊🙏👍😅🤞😬🙈✨😀":
            tail = core[-1] + tail
            core = core[:-1]
        if core.endswith("?"):
            s = core[:-1] + tail
        if L == "es":
            s = s.replace("¿", "")
    elif L == "es" and chance(0.5):
        s = s.replace("¿", "")
    if chance(low):
        s = lower(L, s)
    if chance(noacc):
        s = strip_accents(s)
    return s.strip()


def typo(s, protect=()):
    words = s.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()
           and not any(p.lower() in w.lower() or w.lower() in p.lower() for p in protect)]
    if not idx:
        return s
    i = pick(idx)
    w = words[i]
    k = rng.randrange(1, len(w) - 2)
    if chance(0.5):
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    else:
        w = w[:k] + w[k + 1:]
    words[i] = w
    return " ".join(words)


def fill(s, **kw):
    for k, v in kw.items():
        s = s.replace("{" + k + "}", v)
    return s


def cap(s):
    return s[:1].upper() + s[1:]


# names: (full name, gender)
NAMES = {
    "en": [("Emily Carter", "f"), ("James O'Brien", "m"), ("Michael Johnson", "m"), ("Sarah Thompson", "f"),
           ("Daniel Kim", "m"), ("Olivia Brown", "f"), ("Grace Miller", "f"), ("Noah Wilson", "m"),
           ("Hannah Lee", "f"), ("Ethan Walker", "m"), ("Megan Hughes", "f"), ("Ryan Murphy", "m"),
           ("Zoë Adams", "f"), ("Liam Foster", "m"), ("Chloe Bennett", "f"), ("Aaron Patel", "m")],
    "tr": [("Ayşe Yılmaz", "f"), ("Mehmet Kaya", "m"), ("Elif Şahin", "f"), ("Can Öztürk", "m"),
           ("Zeynep Çelik", "f"), ("Emre Doğan", "m"), ("Büşra Arslan", "f"), ("Oğuz Demirci", "m"),
           ("İrem Koç", "f"), ("Burak Yıldız", "m"), ("Gülşen Aksoy", "f"), ("Serkan Polat", "m"),
           ("Damla Erdem", "f"), ("Kerem Tuncer", "m"), ("Şule Kara", "f"), ("Ahmet Güneş", "m")],
    "pt": [("Ana Costa", "f"), ("Paulo Reis", "m"), ("Inês Rocha", "f"), ("João Pereira", "m"),
           ("Mariana Sousa", "f"), ("Tiago Ferreira", "m"), ("Luísa Martins", "f"), ("Gonçalo Silva", "m"),
           ("Letícia Santos", "f"), ("Thiago Oliveira", "m"), ("Conceição Alves", "f"), ("Rui Gonçalves", "m"),
           ("Beatriz Antunes", "f"), ("Vinícius Araújo", "m"), ("Joana Batista", "f"), ("Caio Ribeiro", "m")],
    "es": [("Lucía Martín", "f"), ("Javier García", "m"), ("Sofía López", "f"), ("Álvaro Ruiz", "m"),
           ("María José Pérez", "f"), ("Diego Fernández", "m"), ("Camila Rodríguez", "f"), ("Mateo Gómez", "m"),
           ("Nuria Sánchez", "f"), ("Andrés Muñoz", "m"), ("Valentina Castro", "f"), ("Iñaki Etxeberria", "m"),
           ("Carmen Vidal", "f"), ("Sebastián Rojas", "m"), ("Paula Serrano", "f"), ("Héctor Molina", "m")],
}
FIRST = {
    "en": {"m": ["Leo", "Oscar", "Jack", "Henry", "Peter", "George"], "f": ["Mia", "Lily", "Ella", "Ruth", "Margaret", "Sophie"]},
    "tr": {"m": ["Deniz", "Efe", "Arda", "Yusuf", "Hasan", "Mustafa"], "f": ["Defne", "Ecrin", "Nehir", "Fatma", "Hatice", "Selin"]},
    "pt": {"m": ["Pedro", "Miguel", "Davi", "António", "Francisco", "Rafael"], "f": ["Sofia", "Alice", "Helena", "Maria", "Fernanda", "Leonor"]},
    "es": {"m": ["Hugo", "Pablo", "Martín", "Manuel", "José", "Tomás"], "f": ["Lucía", "Martina", "Julia", "Dolores", "Pilar", "Elena"]},
}
PROFILE = ["Mom 💕", "🌸", "Paulinho 🌴", "J", "~M~", "❤️", "Büşra 🧿", "Mami de Lucas", "Tío Pepe",
           "Kaan'ın annesi", "the boss", "Dra Sol ☀️", "iPhone de Carla", "Gordo", "⚽️ Ronaldo fan",
           "Nena", "B.", "Canım", "Zé", "Abi", "Love 💍", "Work phone", "Casa", "Anne"]

# --------------------------------------------------------------------------------------
# services by language (object forms a patient writes)
# --------------------------------------------------------------------------------------

SVC = {
    "dental-ankara": {
        "checkup": {"en": ["a check-up", "a checkup", "a dental exam", "a dental check up"],
                    "tr": ["muayene", "kontrol", "diş muayenesi"],
                    "pt": ["uma consulta de avaliação", "uma avaliação", "uma revisão"],
                    "es": ["una revisión", "un chequeo", "una revisión dental"]},
        "cleaning": {"en": ["a cleaning", "a teeth cleaning", "a scaling"],
                     "tr": ["diş taşı temizliği", "detartraj", "diş temizliği"],
                     "pt": ["uma limpeza", "uma limpeza dentária"],
                     "es": ["una limpieza", "una limpieza dental"]},
        "filling": {"en": ["a filling", "a cavity filling"],
                    "tr": ["dolgu", "çürük dolgusu"],
                    "pt": ["uma obturação", "uma restauração"],
                    "es": ["un empaste", "una obturación"]},
        "root_canal": {"en": ["a root canal", "root canal treatment"],
                       "tr": ["kanal tedavisi"],
                       "pt": ["um tratamento de canal", "uma desvitalização"],
                       "es": ["una endodoncia", "un tratamiento de conducto"]},
    },
    "dermatology-lisbon": {
        "consult": {"en": ["a dermatology consultation", "a dermatologist appointment", "a skin doctor appointment"],
                    "tr": ["dermatoloji muayenesi", "cilt doktoru muayenesi"],
                    "pt": ["uma consulta de dermatologia", "uma consulta com a dermatologista"],
                    "es": ["una consulta de dermatología", "una consulta con el dermatólogo"]},
        "mole_check": {"en": ["a mole check", "a mole screening"],
                       "tr": ["ben kontrolü", "ben taraması"],
                       "pt": ["um rastreio de sinais", "uma consulta para ver os sinais"],
                       "es": ["una revisión de lunares"]},
        "acne": {"en": ["acne treatment", "an acne treatment"],
                 "tr": ["akne tedavisi", "sivilce tedavisi"],
                 "pt": ["um tratamento de acne", "um tratamento para as borbulhas", "um tratamento para espinhas"],
                 "es": ["un tratamiento del acné", "un tratamiento para los granos"]},
        "laser": {"en": ["laser hair removal", "a laser hair removal session"],
                  "tr": ["lazer epilasyon"],
                  "pt": ["depilação a laser", "uma sessão de depilação a laser"],
                  "es": ["depilación láser", "una sesión de depilación láser"]},
    },
    "physio-madrid": {
        "assessment": {"en": ["an initial assessment", "a first visit"],
                       "tr": ["ilk değerlendirme"],
                       "pt": ["uma avaliação inicial", "uma primeira consulta"],
                       "es": ["una valoración inicial", "una primera visita", "una valoración"]},
        "session": {"en": ["a physio session", "a physiotherapy session"],
                    "tr": ["fizyoterapi seansı", "fizik tedavi seansı"],
                    "pt": ["uma sessão de fisioterapia", "fisioterapia"],
                    "es": ["una sesión de fisio", "una sesión de fisioterapia", "fisio"]},
        "massage": {"en": ["a sports massage", "a massage"],
                    "tr": ["spor masajı", "masaj"],
                    "pt": ["uma massagem desportiva", "uma massagem"],
                    "es": ["un masaje deportivo", "un masaje", "una descarga muscular"]},
        "pilates": {"en": ["clinical pilates", "a clinical pilates class"],
                    "tr": ["klinik pilates"],
                    "pt": ["pilates clínico", "uma aula de pilates clínico"],
                    "es": ["pilates terapéutico", "una clase de pilates"]},
        "rehab_consult": {"en": ["a rehabilitation consultation", "a rehab consultation"],
                          "tr": ["rehabilitasyon muayenesi"],
                          "pt": ["uma consulta de reabilitação"],
                          "es": ["una consulta de rehabilitación", "una consulta con el médico rehabilitador"]},
    },
    "gp-boston": {
        "consult": {"en": ["a general consultation", "a doctor's appointment", "a family doctor appointment"],
                    "tr": ["genel muayene", "aile hekimi muayenesi"],
                    "pt": ["uma consulta geral", "uma consulta com clínico geral"],
                    "es": ["una consulta general", "una consulta con el médico general", "una consulta con el médico de cabecera"]},
        "physical": {"en": ["an annual physical", "a physical"],
                     "tr": ["yıllık check-up"],
                     "pt": ["um check-up anual"],
                     "es": ["un chequeo anual"]},
        "blood": {"en": ["a blood test", "blood work"],
                  "tr": ["kan tahlili", "kan testi"],
                  "pt": ["uma análise ao sangue", "um exame de sangue"],
                  "es": ["un análisis de sangre", "una analítica"]},
        "vaccine": {"en": ["a flu shot", "a vaccination"],
                    "tr": ["aşı", "grip aşısı"],
                    "pt": ["uma vacina", "a vacina da gripe"],
                    "es": ["una vacuna", "la vacuna de la gripe"]},
        "telehealth": {"en": ["a prescription renewal", "a refill appointment"],
                       "tr": ["reçete yenileme"],
                       "pt": ["uma renovação de receita"],
                       "es": ["una renovación de receta"]},
    },
    "gp-sao-paulo": {
        "consult": {"en": ["a general consultation", "a GP appointment"],
                    "tr": ["genel muayene", "pratisyen muayenesi"],
                    "pt": ["uma consulta com clínico geral", "uma consulta de clínica geral", "uma consulta"],
                    "es": ["una consulta de medicina general", "una consulta con el médico general"]},
        "pediatrics": {"en": ["a paediatric consultation", "a pediatrician appointment"],
                       "tr": ["çocuk doktoru muayenesi"],
                       "pt": ["uma consulta de pediatria", "uma consulta com a pediatra"],
                       "es": ["una consulta de pediatría", "una consulta con la pediatra"]},
        "cardio": {"en": ["a cardiology consultation", "a cardiologist appointment"],
                   "tr": ["kardiyoloji muayenesi"],
                   "pt": ["uma consulta de cardiologia", "uma consulta com o cardiologista"],
                   "es": ["una consulta de cardiología", "una consulta con el cardiólogo"]},
        "ecg": {"en": ["an ECG", "an EKG"],
                "tr": ["EKG"],
                "pt": ["um eletrocardiograma", "um eletro"],
                "es": ["un electrocardiograma"]},
    },
}
CHILD_SVC = {"dental-ankara": ["checkup", "cleaning", "filling"], "dermatology-lisbon": ["acne", "consult"],
             "physio-madrid": ["session", "assessment"], "gp-boston": ["vaccine", "consult"],
             "gp-sao-paulo": ["pediatrics"]}
ADULT_SVC = {ck: [s for s in SVC[ck] if s != "pediatrics"] for ck in SVC}


def svc_word(ck, sk, L):
    return pick(SVC[ck][sk][L])


def price_major(ck, sk):
    p = service(ck, sk)["price"]
    return None if p is None else p["amount_minor"] // 100


def price_tokens(ck, sk):
    """(all, any) for a price: small amounts are one token; 1.200-style amounts several spellings."""
    a = price_major(ck, sk)
    if a < 1000:
        return [str(a)], []
    th, rest = divmod(a, 1000)
    return [], ["%d.%03d" % (th, rest), "%d%03d" % (th, rest), "%d,%03d" % (th, rest), "%d %03d" % (th, rest)]


# --------------------------------------------------------------------------------------
# FAQ topics: questions by language, and per clinic the facts a correct reply carries
# --------------------------------------------------------------------------------------

CLOSE = {
    13: ["13", "1 pm", "1pm", "1 p.m.", "1:00 p"],
    14: ["14", "2 pm", "2pm", "2 p.m.", "2:00 p"],
    18: ["18", "6 pm", "6pm", "6 p.m.", "6:00 p"],
    19: ["19", "7 pm", "7pm", "7 p.m.", "7:00 p"],
    12: ["12", "noon", "meio-dia", "meio dia", "mediodia", "ogle"],
}
PARK_STEMS = ["park", "parq", "estacion", "aparca"]
CARD_STEMS = ["card", "cash", "cart", "dinheiro", "numerario", "tarjeta", "efectivo", "kart", "nakit"]
INS_STEMS = ["sigorta", "insur", "seguro", "SGK", "convenio", "plano"]
CLOTH_STEMS = ["towel", "cloth", "comfortable", "wear", "toalha", "roupa", "confort", "havlu", "kıyafet", "kiyafet",
               "rahat", "ropa", "toalla", "sock", "meia", "calcet", "corap", "çorap"]
MED_STEMS = ["medic", "ilaç", "ilac"]
SIX = ["6", "six", "seis", "alti", "altı"]

# (clinic, topic) -> faq language, all, any, not_contains (source text that must not be pasted)
FAQ = {
    ("dental-ankara", "saturday"): ("tr", ["10"], CLOSE[14], ["açığız", "kapalıyız", "pazar kapalı"]),
    ("dental-ankara", "parking"): ("tr", [], PARK_STEMS, ["Binanın arkasında", "ücretsiz otopark", "hastalarımıza"]),
    ("dental-ankara", "insurance"): ("tr", [], INS_STEMS, ["Anlaşmalı özel sigorta", "çalışıyoruz", "anlaşmamız yoktur"]),
    ("dental-ankara", "sgk"): ("tr", ["SGK"], [], ["Anlaşmalı özel sigorta", "çalışıyoruz", "anlaşmamız yoktur"]),
    ("dental-ankara", "payment_general"): ("tr", [], CARD_STEMS, ["kabul ediyoruz", "taksit yapılabilir", "Nakit, kredi"]),
    ("dental-ankara", "payment_card"): ("tr", [], CARD_STEMS, ["kabul ediyoruz", "taksit yapılabilir", "Nakit, kredi"]),
    ("dental-ankara", "installments"): ("tr", [], SIX, ["kabul ediyoruz", "taksit yapılabilir", "Nakit, kredi"]),
    ("dental-ankara", "children"): ("en", ["3"], [], ["we see children", "a parent must come", "from age 3"]),
    ("dermatology-lisbon", "insurance"): ("pt", [], ["Medis", "Multicare", "AdvanceCare"],
                                          ["Trabalhamos com", "traga o cartão", "cartão do seguro"]),
    ("dermatology-lisbon", "parking"): ("pt", ["Rosa"], [], ["dois minutos a pé", "estacionamento próprio", "Há um parque"]),
    ("dermatology-lisbon", "saturday"): ("pt", [], [], ["a clínica está aberta", "de segunda a sexta, das"]),
    ("dermatology-lisbon", "hours"): ("pt", [], CLOSE[19], ["a clínica está aberta", "de segunda a sexta, das"]),
    ("dermatology-lisbon", "arrival"): ("pt", ["10"], [], ["Chegue 10 minutos", "para o registo", "medicamentos que toma"]),
    ("dermatology-lisbon", "bring_first"): ("pt", [], MED_STEMS, ["Chegue 10 minutos", "para o registo", "medicamentos que toma"]),
    ("physio-madrid", "insurance"): ("es", [], ["Sanitas", "Adeslas", "DKV"], ["traiga la autorización", "autorización de su mutua"]),
    ("physio-madrid", "clothes"): ("es", [], CLOTH_STEMS, ["Ropa cómoda", "calcetines antideslizantes", "y una toalla"]),
    ("physio-madrid", "saturday"): ("es", ["9"], CLOSE[13], ["Los sábados abrimos", "los domingos cerramos"]),
    ("gp-boston", "insurance"): ("en", [], ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"],
                                 ["We accept Blue Cross", "bring your insurance card"]),
    ("gp-boston", "parking"): ("en", ["Prudential"], [], ["Validated parking", "is available in the"]),
    ("gp-boston", "saturday"): ("en", [], [], ["we are open Monday", "Monday to Friday, 8am"]),
    ("gp-boston", "hours"): ("en", [], CLOSE[18], ["we are open Monday", "Monday to Friday, 8am"]),
    ("gp-boston", "fasting"): ("en", ["8", "12"], [], ["fast for 8", "water is fine", "For a cholesterol"]),
    ("gp-sao-paulo", "insurance"): ("pt", [], ["Amil", "Bradesco", "SulAmerica"],
                                    ["Aceitamos Amil", "carteirinha do convênio", "traga a carteirinha"]),
    ("gp-sao-paulo", "saturday"): ("pt", ["8"], CLOSE[12], ["Sim, aos sábados", "aos sábados das"]),
    ("gp-sao-paulo", "payment_general"): ("pt", ["Pix"], [], ["Aceitamos Pix", "cartão de crédito e débito"]),
    ("gp-sao-paulo", "payment_card"): ("pt", [], CARD_STEMS, ["Aceitamos Pix", "cartão de crédito e débito"]),
}
INSURERS = {"dermatology-lisbon": [("Médis", "Medis"), ("Multicare", "Multicare"), ("AdvanceCare", "AdvanceCare")],
            "physio-madrid": [("Sanitas", "Sanitas"), ("Adeslas", "Adeslas"), ("DKV", "DKV")],
            "gp-boston": [("Medicare", "Medicare"), ("Tufts", "Tufts"), ("Blue Cross", "Blue Cross"),
                          ("Harvard Pilgrim", "Harvard Pilgrim")],
            "gp-sao-paulo": [("Amil", "Amil"), ("Bradesco Saúde", "Bradesco"), ("SulAmérica", "SulAmerica")]}
for _ck, _lst in INSURERS.items():
    _lang, _a, _b, _nc = FAQ[(_ck, "insurance")]
    FAQ[(_ck, "insurer")] = (_lang, [], [], _nc)


def topics_of(ck):
    return [t for (c, t) in FAQ if c == ck]


Q = {
    "saturday": {
        "en": ["are you open on saturday?", "Do you open on Saturdays?", "open on sat?", "can I come in on a Saturday?",
               "what are your saturday hours?", "are you guys open at the weekend?", "is the clinic open saturday morning?",
               "do you work saturdays or only weekdays?", "Any chance you're open this Saturday?"],
        "tr": ["Cumartesi açık mısınız?", "cumartesi günleri çalışıyor musunuz?", "hafta sonu açık mısınız?",
               "cumartesi kaça kadar açıksınız?", "cmt açık mı?", "cumartesi de hizmet veriyor musunuz?",
               "Cumartesi gelebilir miyim, açık mısınız?", "hafta sonları çalışıyor musunuz acaba?"],
        "pt": ["Vocês abrem ao sábado?", "estão abertos no sábado?", "sábado vcs atendem?", "funcionam aos sábados?",
               "tem atendimento sábado?", "qual o horário de sábado?", "dá para ir num sábado?", "Abrem ao sábado de manhã?"],
        "es": ["¿Abrís los sábados?", "¿abren los sábados?", "el sábado está abierto?", "trabajan sábados?",
               "¿qué horario tenéis el sábado?", "se puede ir un sábado?", "sabados abren?", "¿atienden el fin de semana?"],
    },
    "hours": {
        "en": ["what are your opening hours?", "what time do you close?", "what are your hours?",
               "until what time are you open during the week?", "how late are you open?"],
        "tr": ["çalışma saatleriniz nedir?", "kaça kadar açıksınız?", "hafta içi kaçta kapanıyorsunuz?",
               "mesai saatleriniz ne?", "akşam kaça kadar açıksınız?"],
        "pt": ["qual é o horário de funcionamento?", "até que horas estão abertos?", "que horas vocês fecham?",
               "qual o horário de atendimento?", "fecham a que horas?"],
        "es": ["¿cuál es el horario?", "¿hasta qué hora abren?", "a qué hora cerráis?",
               "qué horario tienen entre semana?", "¿hasta qué hora atienden por la tarde?"],
    },
    "parking": {
        "en": ["is there parking?", "where can I park?", "do you have parking?", "any parking near the clinic?",
               "can I park at the clinic?", "is parking available?", "where do i leave the car?",
               "I'll be driving, where's the best place to park?"],
        "tr": ["otopark var mı?", "araçla gelirsem nereye park edebilirim?", "park yeri var mı?",
               "arabayla geleceğim, otopark var mı?", "otoparkınız var mı?", "arabayı nereye bırakabilirim?",
               "park sorunu var mı oralarda?"],
        "pt": ["tem estacionamento?", "onde posso estacionar?", "há estacionamento perto?", "dá pra estacionar aí?",
               "tem onde deixar o carro?", "existe parque de estacionamento?", "vou de carro, onde estaciono?"],
        "es": ["¿hay parking?", "¿dónde puedo aparcar?", "tienen estacionamiento?", "hay aparcamiento cerca?",
               "se puede aparcar por ahí?", "dónde dejo el coche?", "voy en coche, ¿hay sitio para aparcar?"],
    },
    "insurance": {
        "en": ["do you accept insurance?", "do you take insurance?", "which insurance plans do you accept?",
               "can I use my health insurance?", "what insurances do you work with?", "is my private insurance accepted?"],
        "tr": ["sigorta kabul ediyor musunuz?", "özel sigortam var, geçerli mi?", "hangi sigortalarla anlaşmanız var?",
               "sigortayla gelebilir miyim?", "özel sağlık sigortası geçiyor mu?", "sigortalı hasta kabul ediyor musunuz?"],
        "pt": ["aceitam seguros de saúde?", "trabalham com que seguros?", "o meu seguro de saúde é aceite?",
               "vocês aceitam convênio?", "atendem convênio?", "quais convênios vocês aceitam?", "aceita plano de saúde?"],
        "es": ["¿trabajáis con mutuas?", "¿aceptan mutuas?", "con qué mutuas trabajáis?", "aceptan seguro médico?",
               "trabajan con aseguradoras?", "qué seguros aceptan?", "¿me cubre el seguro privado?"],
    },
    "insurer": {
        "en": ["do you take {ins}?", "is {ins} accepted?", "I have {ins}, is that ok?", "do you work with {ins}?"],
        "tr": ["{ins} geçiyor mu?", "{ins} kabul ediyor musunuz?", "{ins} sigortam var, anlaşmanız var mı?"],
        "pt": ["aceitam {ins}?", "vcs atendem {ins}?", "tenho {ins}, serve?", "trabalham com a {ins}?"],
        "es": ["¿aceptáis {ins}?", "trabajan con {ins}?", "tengo {ins}, ¿me vale?", "¿{ins} lo cubre con vosotros?"],
    },
    "sgk": {
        "en": ["do you accept SGK?", "is SGK valid at your clinic?", "can I use my SGK coverage there?"],
        "tr": ["SGK anlaşmanız var mı?", "SGK geçiyor mu?", "SGK'lı hasta bakıyor musunuz?", "sgk ile gelebilir miyim?"],
        "pt": ["aceitam o SGK?", "o SGK é aceite aí?", "vocês têm acordo com o SGK?"],
        "es": ["¿aceptan el SGK?", "tenéis convenio con SGK?", "¿puedo ir con el SGK?"],
    },
    "payment_general": {
        "en": ["how can I pay?", "what payment methods do you accept?", "how do I pay for the visit?",
               "what are the payment options?"],
        "tr": ["hangi ödeme yöntemlerini kabul ediyorsunuz?", "ödemeyi nasıl yapıyoruz?", "ödeme seçenekleri neler?",
               "nasıl ödeme yapabilirim?"],
        "pt": ["como posso pagar?", "quais as formas de pagamento?", "como pago a consulta particular?",
               "que formas de pagamento aceitam?"],
        "es": ["¿cómo se paga?", "qué formas de pago tienen?", "¿cómo puedo pagar la consulta?", "qué métodos de pago aceptáis?"],
    },
    "payment_card": {
        "en": ["do you take credit cards?", "can I pay by card?", "cash only or card too?"],
        "tr": ["kredi kartı geçiyor mu?", "kartla ödeme yapabilir miyim?", "nakit mi kart mı?"],
        "pt": ["aceitam cartão?", "posso pagar com cartão?", "passa cartão de débito?"],
        "es": ["¿aceptan tarjeta?", "puedo pagar con tarjeta?", "¿se puede pagar con tarjeta o solo efectivo?"],
    },
    "installments": {
        "en": ["can I pay in installments?", "do you do installments on credit card?", "how many installments can I split it into?"],
        "tr": ["taksit yapıyor musunuz?", "kredi kartına taksit var mı?", "kaç taksit yapılıyor?"],
        "pt": ["dá para parcelar?", "posso pagar em prestações?", "em quantas vezes posso parcelar no cartão?"],
        "es": ["¿se puede pagar a plazos?", "hacen cuotas con tarjeta?", "¿en cuántos plazos puedo pagar?"],
    },
    "children": {
        "en": ["do you treat children?", "do you see kids?", "from what age do you see children?", "are children treated at your clinic?"],
        "tr": ["çocuklara bakıyor musunuz?", "çocuk hastalara da bakıyor musunuz?", "kaç yaşından itibaren çocuk kabul ediyorsunuz?",
               "küçük çocuklara da hizmet veriyor musunuz?"],
        "pt": ["atendem crianças?", "tratam crianças?", "a partir de que idade atendem crianças?", "vocês atendem criança pequena?"],
        "es": ["¿atienden a niños?", "tratan niños?", "¿a partir de qué edad atienden niños?", "¿veis a niños pequeños?"],
    },
    "arrival": {
        "en": ["how early should I arrive?", "how long before the appointment should I get there?",
               "should I come early for my appointment?", "how many minutes before should I be there?"],
        "tr": ["randevudan ne kadar önce gelmeliyim?", "kaç dakika önce orada olmalıyım?", "erken gelmem gerekiyor mu?"],
        "pt": ["quanto tempo antes devo chegar?", "tenho de chegar mais cedo?", "com quanto tempo de antecedência devo chegar?"],
        "es": ["¿con cuánta antelación tengo que llegar?", "cuánto antes debo llegar?", "hay que llegar antes de la hora?"],
    },
    "bring_first": {
        "en": ["what should I bring to my first appointment?", "do I need to bring anything the first time?"],
        "tr": ["ilk muayeneye ne getirmem gerekiyor?", "ilk gelişte yanımda ne olmalı?"],
        "pt": ["o que devo levar na primeira consulta?", "preciso de levar alguma coisa na primeira consulta?"],
        "es": ["¿qué tengo que llevar a la primera consulta?", "hay que llevar algo la primera vez?"],
    },
    "fasting": {
        "en": ["do I need to fast before a blood test?", "should I fast for my blood work?", "can I eat before the blood test?",
               "how long do I need to fast for labs?"],
        "tr": ["kan tahlilinden önce aç mı gelmeliyim?", "kan testi için aç kalmam gerekiyor mu?", "tahlilden önce kaç saat aç kalmalıyım?"],
        "pt": ["preciso de ir em jejum para a análise ao sangue?", "tem que fazer jejum pro exame de sangue?",
               "quantas horas de jejum para o exame de sangue?"],
        "es": ["¿tengo que ir en ayunas al análisis de sangre?", "hay que hacer ayuno para la analítica?",
               "¿cuántas horas de ayuno para el análisis?"],
    },
    "clothes": {
        "en": ["what should I wear?", "what clothes should I bring?", "do I need to bring anything for the session?",
               "what do I wear for pilates?"],
        "tr": ["ne giymeliyim?", "yanımda ne getirmeliyim, kıyafet?", "seansa gelirken ne giymem lazım?"],
        "pt": ["que roupa devo levar?", "o que devo vestir para a sessão?", "preciso levar alguma coisa? roupa?"],
        "es": ["¿qué ropa debo traer?", "qué me pongo para la sesión?", "¿tengo que llevar algo? ropa o algo?"],
    },
}

RAMBLE = {
    "en": (["hi um so ", "hey so yeah quick question ", "hello sorry to bother you i was just wondering ",
            "ok so my friend told me about you guys and ", "hiya, i'm on the bus so excuse typos, "],
           [" because last time i went somewhere it was a nightmare lol", " anyway thanks in advance", " ok thanks bye",
            " sorry for the long message", " cheers"]),
    "tr": (["merhaba şimdi şöyle bir şey soracaktım ", "selam ya bi sorum olacaktı ", "iyi günler kusura bakmayın rahatsız ediyorum ",
            "merhaba arkadaşım tavsiye etti sizi, "],
           [" çünkü geçen sefer başka yerde çok sorun yaşadım", " şimdiden teşekkürler", " kolay gelsin",
            " kusura bakmayın uzun yazdım"]),
    "pt": (["oi então, tava pensando aqui ", "olá desculpe incomodar mas ", "bom dia, olhe, queria só perguntar uma coisa ",
            "oii tudo bem? entao "],
           [" porque da última vez foi uma confusão kkk", " desde já agradeço", " beijinhos", " desculpa o textão",
            " obrigada desde já"]),
    "es": (["hola mira una pregunta ", "buenas, perdona que te moleste pero ", "hola qué tal, a ver, ",
            "holaa te escribo rapidito porque "],
           [" porque la última vez en otro sitio fue un lío jaja", " gracias de antemano", " un saludo",
            " perdón por el rollo", " mil gracias"]),
}


def faq_question(L, ck, topic, now, shape=None):
    """(text, all, any, not_contains, protect) for one FAQ question by a patient writing in L."""
    lang, a, b, nc = FAQ[(ck, topic)]
    q = pick(Q[topic][L])
    a = list(a)
    b = list(b)
    protect = []
    if topic == "insurer":
        ins, tok = pick(INSURERS[ck])
        q = q.replace("{ins}", ins)
        a = [tok]
        protect = [ins]
    if shape is None:
        shape = pick(["plain", "plain", "greet", "short", "typo", "ramble", "emoji", "noacc"])
    if shape == "ramble":
        pre, post = RAMBLE[L]
        core = q.replace("¿", "").replace("?", "")
        core = lower(L, core[:1]) + core[1:]
        text = pick(pre) + core + pick(post)
        if chance(0.4):
            text = lower(L, text)
    elif shape == "greet":
        text = style(L, q, now, greet=1.0, thanks=0.4, low=0.3, noacc=0.0)
    elif shape == "short":
        text = style(L, q, now, greet=0.0, thanks=0.0, low=0.8, drop_q=0.6, emoji=0.0)
    elif shape == "typo":
        text = typo(style(L, q, now, greet=0.2, thanks=0.2, low=0.6, noacc=0.0), protect)
    elif shape == "emoji":
        text = style(L, q, now, greet=0.3, thanks=0.0, low=0.4, noacc=0.0, emoji=0.0) + " " + pick(EMOJI)
    elif shape == "noacc":
        text = style(L, q, now, greet=0.3, thanks=0.3, low=0.7, noacc=1.0 if L != "en" else 0.0)
    else:
        text = style(L, q, now)
    return text, a, b, (nc if lang != L else []), lang


def mkexpect(all_=(), any_=(), not_=(), **extra):
    e = {}
    if any_:
        e["contains_any"] = list(dict.fromkeys(any_))
    if all_:
        e["contains_all"] = list(dict.fromkeys(all_))
    if not_:
        e["not_contains"] = list(dict.fromkeys(not_))
    e.update(extra)
    return e


# --------------------------------------------------------------------------------------
# phrases for booking, confirming, names, family
# --------------------------------------------------------------------------------------

BOOK = {
    "en": ["I'd like to book {svc} {when} {at}", "can I book {svc} {when} {at}?", "do you have anything {when} {at} for {svc}?",
           "need {svc} {when} {at} if possible", "could you fit me in for {svc} {when} {at}?",
           "I want to make an appt for {svc}, {when} {at} would be ideal", "looking to get {svc} {when}, {at} ideally",
           "is there a slot {when} {at} for {svc}?", "hi can i get {svc} {when} {at} pls"],
    "tr": ["{when} {at} {svc} için randevu almak istiyorum", "{svc} için {when} {at} müsait misiniz?",
           "{when} {at} {svc} için yer var mı?", "{svc} randevusu istiyorum, {when} {at} olur mu?",
           "{when} {at} {svc} için gelebilir miyim?", "{svc} için randevu alabilir miyim, {when} {at}?"],
    "pt": ["queria marcar {svc} {when} {at}", "dá pra agendar {svc} {when} {at}?", "tem vaga {when} {at} para {svc}?",
           "gostaria de marcar {svc}, {when} {at} se possível", "seria possível {svc} {when} {at}?",
           "queria agendar {svc} {when} {at}, tem disponibilidade?", "preciso de {svc} {when} {at}, consegue?"],
    "es": ["quería pedir cita para {svc} {when} {at}", "¿tenéis hueco {when} {at} para {svc}?",
           "¿tienen disponibilidad {when} {at} para {svc}?", "me gustaría reservar {svc} {when} {at}",
           "quisiera agendar {svc} {when} {at}", "necesito {svc} {when} {at}, ¿se puede?",
           "¿me podéis dar cita para {svc} {when} {at}?"],
}


def booking_text(L, fx, sk, t, mode=None):
    s = pick(BOOK[L])
    return fill(s, svc=svc_word(fx.ck, sk, L), when=date_ref(L, fx.now, t.date(), mode=mode), at=at_ref(L, t))


YES = {
    "en": ["yes", "yes please", "yes that's fine", "yep perfect", "yes, thank you", "Yes 👍"],
    "tr": ["evet", "evet lütfen", "evet uygun", "Evet, teşekkürler", "evet olur"],
    "pt": ["sim", "sim, pode ser", "sim por favor", "Sim, obrigada", "sim sim"],
    "es": ["sí", "sí, perfecto", "sí por favor", "Sí, gracias", "si, vale"],
}
YES_BOOK_SENT = {
    "en": ["yes please go ahead and book it", "yeah book that for me, thanks", "that works, please confirm it",
           "perfect, lock it in please", "ok yes, book me in for that", "sure, go ahead and book that one"],
    "tr": ["evet lütfen randevuyu oluşturun", "evet onaylıyorum, yazabilirsiniz", "tamam o saate yazın lütfen",
           "olur, randevuyu kesinleştirelim", "evet, o saati alayım lütfen"],
    "pt": ["pode marcar sim", "sim, pode confirmar por favor", "isso, marca pra mim", "pode ser, fica marcado então",
           "sim, pode agendar esse horário"],
    "es": ["sí, resérvela por favor", "vale, apúntamelo", "perfecto, confírmamela", "sí, resérvamela",
           "genial, déjamela reservada"],
}
NO_BOOK_SENT = {
    "en": ["no thanks, leave it for now", "actually no, don't book it", "hmm no, I'll think about it and come back",
           "no, not that one, thanks anyway"],
    "tr": ["hayır, şimdilik kalsın", "yok, almayalım şimdilik", "hayır teşekkürler, sonra yazarım"],
    "pt": ["não, obrigado, deixa estar", "não, por agora não marque", "agora não, obrigada, depois vejo"],
    "es": ["no, gracias, déjelo así", "mejor no, no la reserve", "no, de momento no, gracias"],
}
YES_CANCEL_SENT = {
    "en": ["Yes please go ahead and cancel", "yes cancel it please", "yep, cancel that one", "please do cancel it, thanks"],
    "tr": ["Evet lütfen iptal edin", "evet iptal edebilirsiniz", "evet, iptal olsun lütfen"],
    "pt": ["Pode cancelar sim", "sim, pode desmarcar", "sim, cancela por favor", "pode desmarcar, obrigada"],
    "es": ["Sí, cancélela", "sí, anúlala por favor", "sí, cancélala", "vale, anúlela"],
}
NO_CANCEL_SENT = {
    "en": ["no, keep the appointment", "actually no, don't cancel it", "no wait, leave it as it is"],
    "tr": ["hayır, iptal etmeyin", "yok iptal etmeyin, gelirim", "hayır kalsın randevu"],
    "pt": ["não, não cancele", "não precisa cancelar não, eu vou", "não, deixe ficar a consulta"],
    "es": ["no, no la cancele", "mejor no, no la anules", "no, déjela como está"],
}
YES_MOVE_SENT = {
    "en": ["yes please move it", "yes, change it to that", "perfect, move it please"],
    "tr": ["evet lütfen değiştirin", "evet o saate alın", "tamam, randevuyu o saate taşıyın"],
    "pt": ["sim, pode mudar", "pode remarcar sim", "sim, muda pra esse horário"],
    "es": ["sí, cámbiela", "sí, muévela a esa hora", "vale, cámbiamela"],
}

NAME_WORDS = {
    "en": ["name"],
    "tr": ["isim", "ismin", "adınız", "adiniz", "adını", "adini", "ad soyad", "ad-soyad", "adi ", "adı "],
    "pt": ["nome"],
    "es": ["nombre"],
}

NAME_INTRO = {  # at the start of a booking message
    "en": ["Hi, this is {NAME}. ", "My name is {NAME}, ", "{NAME} here, ", "hello, I'm {NAME} – "],
    "tr": ["Merhaba, ben {NAME}. ", "Adım {NAME}, ", "Merhabalar {NAME} ben, ", "İyi günler, adım {NAME}. "],
    "pt": ["Olá, chamo-me {NAME}. ", "Oi, meu nome é {NAME}, ", "Bom dia, {SOU} {NAME}. ", "Aqui é {DE} {NAME}, "],
    "es": ["Hola, soy {NAME}. ", "Me llamo {NAME} y ", "Buenas, mi nombre es {NAME}. ", "Hola, le escribe {NAME}, "],
}
NAME_ANSWER = {
    "en": ["{NAME}", "My name is {NAME}", "it's {NAME}", "{NAME} 🙂", "sure, {NAME}", "name's {NAME}", "I'm {NAME}",
           "Full name {NAME}"],
    "tr": ["{NAME}", "Adım {NAME}", "{NAME}, teşekkürler", "ben {NAME}", "İsmim {NAME}", "adım soyadım {NAME}"],
    "pt": ["{NAME}", "Chamo-me {NAME}", "Me chamo {NAME}", "Meu nome é {NAME}", "É {NAME}", "{SOU} {NAME}"],
    "es": ["{NAME}", "Me llamo {NAME}", "Soy {NAME}", "Mi nombre es {NAME}", "{NAME}, gracias", "Claro, {NAME}"],
}


def name_fill(L, s, name, g):
    return fill(s, NAME=name, SOU=("Sou a" if g == "f" else "Sou o"), DE=("a" if g == "f" else "o"))


# relation -> (gender, age group, words by language)
REL = {
    "son": ("m", "child"), "daughter": ("f", "child"), "wife": ("f", "adult"), "husband": ("m", "adult"),
    "mother": ("f", "adult"), "father": ("m", "adult"),
}
REL_FOR = {  # "for my son"
    "en": {"son": ["my son"], "daughter": ["my daughter"], "wife": ["my wife"], "husband": ["my husband"],
           "mother": ["my mom", "my mother", "my mum"], "father": ["my dad", "my father"]},
    "tr": {"son": ["oğlum"], "daughter": ["kızım"], "wife": ["eşim", "hanımım"], "husband": ["eşim", "beyim"],
           "mother": ["annem"], "father": ["babam"]},
    "pt": {"son": ["o meu filho", "meu filho"], "daughter": ["a minha filha", "minha filha"],
           "wife": ["a minha mulher", "minha esposa"], "husband": ["o meu marido", "meu marido"],
           "mother": ["a minha mãe", "minha mãe"], "father": ["o meu pai", "meu pai"]},
    "es": {"son": ["mi hijo"], "daughter": ["mi hija"], "wife": ["mi mujer", "mi esposa"], "husband": ["mi marido", "mi esposo"],
           "mother": ["mi madre", "mi mamá"], "father": ["mi padre", "mi papá"]},
}
TR_GEN = {"son": "oğlumun", "daughter": "kızımın", "wife": "eşimin", "husband": "eşimin", "mother": "annemin", "father": "babamın"}
PT_DE = {"son": "do meu filho", "daughter": "da minha filha", "wife": "da minha mulher", "husband": "do meu marido",
         "mother": "da minha mãe", "father": "do meu pai"}
ES_DE = {"son": "de mi hijo", "daughter": "de mi hija", "wife": "de mi mujer", "husband": "de mi marido",
         "mother": "de mi madre", "father": "de mi padre"}
EN_POSS = {"son": "my son's", "daughter": "my daughter's", "wife": "my wife's", "husband": "my husband's",
           "mother": "my mom's", "father": "my dad's"}


def member_name(L, writer, rel):
    g = REL[rel][0]
    sur = writer.split(" ", 1)[1] if " " in writer else "Silva"
    if rel in ("wife", "husband"):
        if chance(0.5):
            other = [n for n, gg in NAMES[L] if gg == g and n != writer]
            return pick(other)
    return pick(FIRST[L][g]) + " " + sur.split()[-1]


# --------------------------------------------------------------------------------------
# dialog assembly
# --------------------------------------------------------------------------------------

PHONE_CC = {"dental-ankara": "+90 5", "dermatology-lisbon": "+351 9", "physio-madrid": "+34 6",
            "gp-boston": "+1 617", "gp-sao-paulo": "+55 11 9"}
LANG_CC = {"en": "+44 7", "tr": "+90 5", "pt": "+351 9", "es": "+34 6"}

_serial = [0]


def contact(ck, L, profile=None, allow_null=True):
    _serial[0] += 1
    cc = PHONE_CC[ck] if chance(0.6) else LANG_CC[L]
    num = cc.replace(" ", "") + "%08d" % (10_000_000 + _serial[0] * 7919 % 89_999_999)
    if profile is None:
        profile = None if (allow_null and chance(0.25)) else pick(PROFILE)
    return {"phone": num, "profile_name": profile}


def rand_now(weekdays_only=False, hmin=7, hmax=22):
    start = dt.datetime(2027, 1, 11)
    while True:
        d = start + dt.timedelta(days=rng.randrange(0, 55))
        if weekdays_only and d.weekday() >= 5:
            continue
        h = rng.randrange(hmin, hmax + 1)
        m = rng.randrange(0, 60)
        return d.replace(hour=h, minute=m)


def clinic_for(L, p_foreign=0.45):
    """Mostly clinics whose language is not the patient's, sometimes their own."""
    own = [k for k in CLINIC_KEYS if CLINICS[k]["default_language"] == L]
    other = [k for k in CLINIC_KEYS if k not in own]
    if own and not chance(p_foreign):
        return pick(own)
    return pick(other)


def dlg(L, kinds, fx, ct, household, turns, booked=(), cancelled=(), moved=()):
    return {
        "id": None,
        "language": L,
        "kinds": kinds,
        "clinic": fx.ck,
        "now": iso(fx.now),
        "contact": ct,
        "household": [{"name": n} for n in household],
        "existing": fx.existing,
        "blocked": fx.blocked,
        "turns": turns,
        "final": {"booked": list(booked), "cancelled": list(cancelled), "moved": list(moved)},
    }


def bk(patient, sk, t, pk=None):
    return {"patient": patient, "service": sk, "practitioner": pk, "date": t.strftime("%Y-%m-%d"),
            "time": t.strftime("%H:%M")}


def T(text, expect=None):
    d = {"patient": text}
    if expect:
        d["expect"] = expect
    return d


def writer(L):
    return pick(NAMES[L])


class Retry(Exception):
    pass


def need(x):
    if x is None:
        raise Retry()
    return x


# --------------------------------------------------------------------------------------
# kinds
# --------------------------------------------------------------------------------------

_cycles = {}


def _cycle(key, items):
    q = _cycles.setdefault(key, [])
    if not q:
        q.extend(items)
        rng.shuffle(q)
    return q.pop()


def cycle_pick(key, pairs, by_clinic=True):
    """Walk through the clinics in turn, and within a clinic through its FAQ topics in a
    shuffled order, so that every FAQ is asked; topics with a language-neutral fact to check
    come three times per round, the others once."""
    clinics = sorted({c for c, _ in pairs}, key=CLINIC_KEYS.index)
    if not by_clinic:
        flat = [p for p in pairs for _ in range(3 if (FAQ[p][1] or FAQ[p][2]) else 1)]
        return _cycle(key, flat)
    ck = _cycle(key + ("clinic",), clinics)
    topics = [p for p in pairs if p[0] == ck]
    flat = [p for p in topics for _ in range(3 if (FAQ[p][1] or FAQ[p][2]) else 1)]
    return _cycle(key + (ck,), flat)


def answer_language_clinics(L):
    out = []
    for (ck, topic), (lang, a, b, nc) in FAQ.items():
        if lang != L:
            out.append((ck, topic))
    return out


def g_answer_language(L):
    ck, topic = cycle_pick(("al", L), answer_language_clinics(L))
    fx = Fx(ck, rand_now())
    name, g = writer(L)
    hh = [name] if chance(0.6) else []
    text, a, b, nc, lang = faq_question(L, ck, topic, fx.now)
    turns = [T(text, mkexpect(a, b, nc))]
    kinds = ["answer_language", "passage"]
    if chance(0.25):
        # a second, different FAQ question in a later message
        others = [t for (c, t) in FAQ if c == ck and t != topic and FAQ[(c, t)][0] != L and (FAQ[(c, t)][1] or FAQ[(c, t)][2])]
        if others:
            t2 = pick(others)
            q2, a2, b2, nc2 = plain_q(L, ck, t2)
            text2 = style(L, q2, fx.now, greet=0.0, thanks=0.3, low=0.6)
            text2 = lower(L, text2[:1]) + text2[1:]
            pre = {"en": ["and ", "ok thanks. ", "also ", "great. "], "tr": ["peki ", "tamam teşekkürler, ", "bir de "],
                   "pt": ["e ", "ok obrigado. ", "outra coisa, "], "es": ["y ", "vale gracias. ", "otra cosa, "]}[L]
            turns.append(T(pick(pre) + text2, mkexpect(a2, b2, nc2)))
    return dlg(L, kinds, fx, contact(ck, L), hh, turns)


def passage_clinics(L):
    return [(ck, t) for (ck, t), v in FAQ.items() if v[0] == L]


def g_passage(L):
    ck, topic = cycle_pick(("pa", L), passage_clinics(L), by_clinic=False)
    fx = Fx(ck, rand_now())
    name, g = writer(L)
    hh = [name] if chance(0.6) else []
    text, a, b, nc, lang = faq_question(L, ck, topic, fx.now)
    return dlg(L, ["passage"], fx, contact(ck, L), hh, [T(text, mkexpect(a, b, nc))])


JOIN = {
    "en": [(" and ", True), (". also ", False), (" btw ", True), (". one more thing: ", False), ("? ", False),
           (" — also, ", True), ("\n", False), (". oh and ", False), (". Also, ", False), (" plus ", True)],
    "tr": [(" ayrıca ", True), (" bir de ", True), (". bi de ", False), ("? ", False), (" ve ", True),
           (". Bir şey daha: ", False), ("\n", False), (". Ayrıca ", False)],
    "pt": [(" e também ", True), (". outra coisa: ", False), (" e ", True), ("? ", False), (". ah e ", False),
           (" aliás ", True), (". mais uma coisa, ", False), ("\n", False)],
    "es": [(" y además ", True), (". otra cosa: ", False), (" y ", True), ("? ", False), (". ah, y ", False),
           (" también ", True), (". por cierto, ", False), ("\n", False), (". Otra cosa, ", False)],
}


def join2(L, q1, q2):
    j, inline = pick(JOIN[L])
    q1 = q1.rstrip()
    if j.startswith(". ") and q1.endswith("?"):
        j = " " + j[2:]
    if inline:
        q1 = q1.rstrip("?").rstrip()
        q2 = q2.lstrip("¿")
        q2 = lower(L, q2[:1]) + q2[1:]
    elif j == "? ":
        q1 = q1.rstrip("?").rstrip()
    elif j.endswith(": ") or j.endswith(", ") or j.endswith("and ") or j.endswith("e ") or j.endswith("y "):
        q2 = q2.lstrip("¿")
        q2 = lower(L, q2[:1]) + q2[1:]
    else:
        if not q1.endswith("?"):
            pass
    return q1 + j + q2


GROUPS = [{"insurance", "insurer", "sgk"}, {"payment_general", "payment_card", "installments"},
          {"saturday", "hours"}, {"arrival", "bring_first"}]


def compatible(t1, t2):
    """Two questions on different topics (not two phrasings of one FAQ)."""
    return not any(t1 in g and t2 in g for g in GROUPS)


def plain_q(L, ck, topic):
    lang, a, b, nc = FAQ[(ck, topic)]
    q = pick(Q[topic][L])
    a = list(a)
    if topic == "insurer":
        ins, tok = pick(INSURERS[ck])
        q = q.replace("{ins}", ins)
        a = [tok]
    return q, a, list(b), (nc if lang != L else [])


PRICE_Q = {
    "en": ["how much is {svc}?", "what does {svc} cost?", "what's the price for {svc}?", "how much would {svc} be?"],
    "tr": ["{svc} ne kadar?", "{svc} ücreti ne kadar?", "{svc} fiyatı nedir?", "{svc} kaç para?"],
    "pt": ["quanto custa {svc}?", "qual o valor de {svc}?", "quanto fica {svc}?", "qual é o preço de {svc}?"],
    "es": ["¿cuánto cuesta {svc}?", "qué precio tiene {svc}?", "¿cuánto sale {svc}?", "cuánto vale {svc}?"],
}
OWN_Q = {
    "en": ["when is my appointment?", "what time was my appt again?", "can you remind me when my appointment is?",
           "I forgot when my next appointment is 🙈", "what day is my booking?", "when am I coming in again?",
           "when's my next visit?"],
    "tr": ["randevum ne zamandı?", "randevum ne zaman?", "randevum hangi gün saat kaçta?", "bir sonraki randevum ne zaman acaba?",
           "randevumu unuttum, ne zamandı?", "randevu saatimi hatırlatır mısınız?", "randevum kaçtaydı?"],
    "pt": ["quando é a minha consulta?", "que dia ficou a minha consulta mesmo?", "pode me lembrar quando é minha consulta?",
           "esqueci o horário da minha consulta 🙈", "a minha consulta é a que horas?", "qual é a data da minha próxima consulta?",
           "qnd é minha consulta?"],
    "es": ["¿a qué hora tengo la cita?", "¿cuándo era mi cita?", "¿me recuerdas cuándo tengo la cita?",
           "se me olvidó la hora de mi cita 😅", "¿qué día tengo cita?", "¿para cuándo tengo la próxima cita?",
           "cuando tenia la cita??"],
}


def g_two_questions(L):
    sub = pick(["faq_faq", "faq_faq", "price_faq", "price_faq", "book_faq", "book_faq", "own_faq"])
    name, g = writer(L)
    if sub == "faq_faq":
        cks = [ck for ck in CLINIC_KEYS if len([t for t in topics_of(ck) if FAQ[(ck, t)][1] or FAQ[(ck, t)][2]]) >= 2]
        ck = pick(cks)
        fx = Fx(ck, rand_now())
        ts = [t for t in topics_of(ck) if FAQ[(ck, t)][1] or FAQ[(ck, t)][2]]
        t1 = pick(ts)
        c2 = [t for t in ts if t != t1 and compatible(t1, t)]
        if not FAQ[(ck, t1)][1] and [t for t in c2 if FAQ[(ck, t)][1]]:
            c2 = [t for t in c2 if FAQ[(ck, t)][1]]
        t2 = pick(c2)
        q1, a1, b1, n1 = plain_q(L, ck, t1)
        q2, a2, b2, n2 = plain_q(L, ck, t2)
        all_ = a1 + a2
        any_ = b1 if (b1 and not a1) else (b2 if (b2 and not a2) else (b1 or b2))
        text = style(L, join2(L, q1, q2), fx.now, drop_q=0.15)
        kinds = ["two_questions", "passage"]
        if FAQ[(ck, t1)][0] != L or FAQ[(ck, t2)][0] != L:
            kinds.append("answer_language")
        turns = [T(text, mkexpect(all_, any_, n1 + n2))]
        return dlg(L, kinds, fx, contact(ck, L), [name] if chance(0.5) else [], turns)
    if sub == "price_faq":
        ck = pick(CLINIC_KEYS)
        fx = Fx(ck, rand_now())
        sks = [s for s in ADULT_SVC[ck] if price_major(ck, s) is not None and s != "root_canal"]
        sk = pick(sks)
        ts = [t for t in topics_of(ck) if FAQ[(ck, t)][1] or FAQ[(ck, t)][2]]
        t1 = pick(ts)
        pa, pb = price_tokens(ck, sk)
        qp = fill(pick(PRICE_Q[L]), svc=svc_word(ck, sk, L))
        q2, a2, b2, n2 = plain_q(L, ck, t1)
        if chance(0.5):
            text = join2(L, qp, q2)
        else:
            text = join2(L, q2, qp)
        if pb and b2:
            pa, pb = [pb[0][-3:]], []
        all_ = pa + a2
        any_ = pb if pb else b2
        kinds = ["two_questions", "passage"]
        if FAQ[(ck, t1)][0] != L:
            kinds.append("answer_language")
        turns = [T(style(L, text, fx.now, drop_q=0.15), mkexpect(all_, any_, n2))]
        return dlg(L, kinds, fx, contact(ck, L), [name] if chance(0.5) else [], turns)
    if sub == "book_faq":
        ck = pick(CLINIC_KEYS)
        fx = Fx(ck, rand_now())
        ts = [t for t in topics_of(ck) if FAQ[(ck, t)][1]]
        t1 = pick(ts)
        sk = pick(ADULT_SVC[ck])
        t = need(choose_target(fx, sk, 1, 12))
        if t.weekday() == 5 and t1 in ("saturday", "hours"):
            raise Retry()
        qb = booking_text(L, fx, sk, t)
        q2, a2, b2, n2 = plain_q(L, ck, t1)
        text = join2(L, qb, q2) if chance(0.6) else join2(L, q2, qb)
        kinds = ["two_questions", "booking"]
        if FAQ[(ck, t1)][0] != L:
            kinds.append("answer_language")
        turns = [T(style(L, text, fx.now, drop_q=0.1), mkexpect(a2, tv(t), n2)),
                 T(pick(YES[L]))]
        return dlg(L, kinds, fx, contact(ck, L), [name], turns, booked=[bk(name, sk, t)])
    # own appointment + faq
    ck = pick(CLINIC_KEYS)
    fx = Fx(ck, rand_now())
    ts = [t for t in topics_of(ck) if FAQ[(ck, t)][1]]
    t1 = pick(ts)
    sk = pick(ADULT_SVC[ck])
    s = need(existing_slot(fx, sk, 2, 14))
    fx.add_existing(name, sk, s[1], s[0])
    q2, a2, b2, n2 = plain_q(L, ck, t1)
    qo = pick(OWN_Q[L])
    text = join2(L, qo, q2) if chance(0.6) else join2(L, q2, qo)
    kinds = ["two_questions", "own_appointments"]
    if FAQ[(ck, t1)][0] != L:
        kinds.append("answer_language")
    turns = [T(style(L, text, fx.now, drop_q=0.1), mkexpect(a2, tv(s[0]), n2))]
    return dlg(L, kinds, fx, contact(ck, L), [name], turns)


OWN_NEXT_WEEK = {
    "en": ["do I have anything booked next week?", "have I got an appointment next week?", "am I booked in for next week?",
           "anything in the diary for me next week?"],
    "tr": ["gelecek hafta randevum var mı?", "haftaya bir randevum var mıydı?", "önümüzdeki hafta randevum var mı?"],
    "pt": ["tenho alguma coisa marcada para a próxima semana?", "tenho consulta semana que vem?",
           "tenho alguma marcação na próxima semana?"],
    "es": ["¿tengo algo la semana que viene?", "tengo alguna cita la próxima semana?", "¿tengo turno la semana que viene?"],
}
OWN_MEMBER = {
    "en": ["what time is {POSS} appointment?", "when is {FIRST}'s appointment?", "can you tell me when {REL} is booked in?",
           "what day did we book {FIRST} for?"],
    "tr": ["{GEN} randevusu saat kaçta?", "{GEN} randevusu ne zamandı?", "{FIRST} için aldığımız randevu ne zaman?"],
    "pt": ["a que horas é a consulta {DE}?", "quando é a consulta {DE}?", "qual o horário da consulta {DE}?",
           "que dia ficou marcada a consulta {DE}?"],
    "es": ["¿a qué hora es la cita {DE}?", "¿cuándo tiene cita {FIRST}?", "¿qué día era la cita {DE}?",
           "a q hora tiene {FIRST} la cita?"],
}
OWN_DAY = {
    "en": ["what time is my appointment {when}?", "my appointment {when} is at what time?", "remind me what time I'm in {when}?"],
    "tr": ["{when} randevum saat kaçta?", "{when} olan randevum kaçtaydı?"],
    "pt": ["a consulta {when} é a que horas?", "a que horas é a minha consulta {when}?"],
    "es": ["¿a qué hora es mi cita {when}?", "la cita {when} a qué hora era?"],
}
OWN_WHO = {
    "en": ["who is my appointment with and what time?", "which doctor am I seeing and when?"],
    "tr": ["randevum hangi doktorla ve saat kaçta?", "kiminle randevum var, saat kaçta?"],
    "pt": ["a minha consulta é com que médico e a que horas?", "com quem é a minha consulta e que horas?"],
    "es": ["¿con quién tengo la cita y a qué hora?", "qué profesional me atiende y a qué hora es?"],
}
CHANGE_TIME = {
    "en": ["actually could we make it {at} instead?", "hmm {at} would be better", "wait, {at} instead pls",
           "sorry can we do {at} rather?"],
    "tr": ["pardon, {at} olabilir mi?", "onun yerine {at} olsun", "aslında {at} daha iyi olur, mümkün mü?"],
    "pt": ["na verdade, pode ser {at}?", "melhor {at}, dá?", "desculpa, e {at}?", "pensando bem, {at} é melhor"],
    "es": ["mejor {at}, ¿puede ser?", "perdón, ¿y {at}?", "en realidad me va mejor {at}", "¿podría ser {at} mejor?"],
}


def surname_ok(pk, ck):
    n = prac(ck, pk)["name"]
    return "ı" not in n and "İ" not in n


def g_own(L):
    sub = pick(["own", "own", "own", "next_week", "next_week", "member", "member", "member", "day", "change", "change", "who"])
    name, g = writer(L)
    ck = clinic_for(L)
    if sub == "next_week":
        fx = Fx(ck, rand_now(weekdays_only=True))
    else:
        fx = Fx(ck, rand_now())
    hh = [name]
    if sub == "own":
        sk = pick(ADULT_SVC[ck])
        s = need(existing_slot(fx, sk, 1, 20))
        fx.add_existing(name, sk, s[1], s[0])
        if chance(0.4):
            rel = pick(list(REL))
            m = member_name(L, name, rel)
            hh.append(m)
            sk2 = pick(CHILD_SVC[ck] if REL[rel][1] == "child" else ADULT_SVC[ck])
            s2 = need(existing_slot(fx, sk2, 1, 20, avoid_days=(s[0].date(),)))
            fx.add_existing(m, sk2, s2[1], s2[0])
        text = style(L, pick(OWN_Q[L]), fx.now)
        return dlg(L, ["own_appointments"], fx, contact(ck, L), hh, [T(text, mkexpect(any_=tv(s[0])))])
    if sub == "next_week":
        mon = fx.now.date() - dt.timedelta(days=fx.now.weekday()) + dt.timedelta(days=7)
        sk = pick(ADULT_SVC[ck])
        d0 = (dt.datetime.combine(mon, dt.time()) - fx.now).days + 1
        s = need(existing_slot(fx, sk, d0, d0 + 4))
        if not (mon <= s[0].date() <= mon + dt.timedelta(days=6)):
            raise Retry()
        fx.add_existing(name, sk, s[1], s[0])
        if chance(0.5):
            # a later appointment, after next week
            sk2 = pick(ADULT_SVC[ck])
            s2 = existing_slot(fx, sk2, d0 + 9, d0 + 20)
            if s2:
                fx.add_existing(name, sk2, s2[1], s2[0])
        text = style(L, pick(OWN_NEXT_WEEK[L]), fx.now)
        return dlg(L, ["own_appointments"], fx, contact(ck, L), hh, [T(text, mkexpect(any_=tv(s[0])))])
    if sub == "member":
        rel = pick(list(REL))
        m = member_name(L, name, rel)
        hh.append(m)
        sk2 = pick(CHILD_SVC[ck] if REL[rel][1] == "child" else ADULT_SVC[ck])
        s2 = need(existing_slot(fx, sk2, 1, 18))
        fx.add_existing(m, sk2, s2[1], s2[0])
        if chance(0.6):
            sk = pick(ADULT_SVC[ck])
            s = need(existing_slot(fx, sk, 1, 18, avoid_days=(s2[0].date(),)))
            fx.add_existing(name, sk, s[1], s[0])
        relw = pick(REL_FOR[L][rel])
        q = fill(pick(OWN_MEMBER[L]), POSS=EN_POSS[rel], FIRST=first(m), REL=relw, GEN=TR_GEN[rel], DE=PT_DE[rel] if L == "pt" else ES_DE[rel])
        text = style(L, q, fx.now)
        return dlg(L, ["own_appointments"], fx, contact(ck, L), hh, [T(text, mkexpect(any_=tv(s2[0])))])
    if sub == "day":
        sk = pick(ADULT_SVC[ck])
        s = need(existing_slot(fx, sk, 2, 6))
        fx.add_existing(name, sk, s[1], s[0])
        s3 = existing_slot(fx, sk, 8, 20)
        if s3:
            fx.add_existing(name, sk, s3[1], s3[0])
        when = date_ref(L, fx.now, s[0].date(), mode="weekday")
        if L == "tr":
            when = WEEKDAYS["tr"][s[0].weekday()] + pick([" günkü", "", " günü"])
            q = pick(OWN_DAY[L]).replace("{when} olan", WEEKDAYS["tr"][s[0].weekday()] + " günü olan").replace("{when}", when)
        elif L == "es":
            q = fill(pick(OWN_DAY[L]), when="del " + WEEKDAYS["es"][s[0].weekday()])
        elif L == "pt":
            q = fill(pick(OWN_DAY[L]), when="de " + PT_WD_SHORT[s[0].weekday()])
        else:
            q = fill(pick(OWN_DAY[L]), when=when)
        text = style(L, q, fx.now)
        return dlg(L, ["own_appointments"], fx, contact(ck, L), hh, [T(text, mkexpect(any_=tv(s[0])))])
    if sub == "who":
        sks = [x for x in ADULT_SVC[ck] if all(surname_ok(p, ck) for p in service(ck, x)["practitioners"])]
        if not sks:
            raise Retry()
        sk = pick(sks)
        s = need(existing_slot(fx, sk, 2, 15))
        fx.add_existing(name, sk, s[1], s[0])
        sur = prac(ck, s[1])["name"].split()[-1]
        text = style(L, pick(OWN_WHO[L]), fx.now)
        return dlg(L, ["own_appointments", "two_questions"], fx, contact(ck, L), hh,
                   [T(text, mkexpect([strip_accents(sur)], tv(s[0])))])
    # change of time while a booking is in progress
    sk = pick(ADULT_SVC[ck])
    t1 = need(choose_target(fx, sk, 1, 10))
    others = [x for x in fx.slots(sk, t1.date()) if abs((x - t1).total_seconds()) >= 3600]
    if not others:
        raise Retry()
    t2 = weighted_slot(others)
    turns = [T(style(L, booking_text(L, fx, sk, t1), fx.now), mkexpect(any_=tv(t1))),
             T(style(L, fill(pick(CHANGE_TIME[L]), at=at_ref(L, t2, prep=(L != "tr") or chance(0.5))), fx.now, greet=0, thanks=0),
               mkexpect(any_=tv(t2))),
             T(pick(YES[L]))]
    return dlg(L, ["own_appointments", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(name, sk, t2)])


SE_FULL = {
    "en": ["I'd like to book {svc} for {rel} {NAME} {when} {at}", "can I make an appointment for {rel}, {NAME}? {svc} {when} {at}",
           "booking for {rel} {NAME} pls – {svc} {when} {at}", "hi, it's for {rel} {NAME}: {svc} {when} {at} if you have it"],
    "tr": ["{rel} {NAME} için {when} {at} {svc} randevusu almak istiyorum", "{when} {at} {rel} {NAME} için {svc} randevusu alabilir miyiz?",
           "randevu {rel} {NAME} için olacak, {svc}, {when} {at}"],
    "pt": ["queria marcar {svc} para {rel} {NAME} {when} {at}", "é para {rel}, {NAME}: {svc} {when} {at}, pode ser?",
           "gostaria de agendar {svc} pra {rel} {NAME}, {when} {at}"],
    "es": ["quería pedir cita para {rel} {NAME}, {svc} {when} {at}", "es para {rel}, {NAME}: {svc} {when} {at}, ¿puede ser?",
           "¿me dais cita para {rel} {NAME}? {svc} {when} {at}"],
}
SE_REL = {
    "en": ["I'd like to book {svc} for {rel} {when} {at}", "can I make an appointment for {rel}? {svc} {when} {at}",
           "it's for {rel}, not me – {svc} {when} {at}"],
    "tr": ["{rel} için {when} {at} {svc} randevusu almak istiyorum", "{when} {at} {rel} için {svc} randevusu alabilir miyiz?"],
    "pt": ["queria marcar {svc} para {rel} {when} {at}", "é para {rel}: {svc} {when} {at}, tem vaga?"],
    "es": ["quería pedir cita para {rel}, {svc} {when} {at}", "es para {rel}: {svc} {when} {at}, ¿hay hueco?"],
}
SE_NAME_ANS = {
    "en": {"f": ["her name is {NAME}", "{NAME}", "it's {NAME}", "She's {NAME}"], "m": ["his name is {NAME}", "{NAME}", "it's {NAME}", "He's {NAME}"]},
    "tr": {"f": ["adı {NAME}", "{NAME}", "ismi {NAME}", "adı soyadı {NAME}"], "m": ["adı {NAME}", "{NAME}", "ismi {NAME}"]},
    "pt": {"f": ["o nome dela é {NAME}", "{NAME}", "chama-se {NAME}", "ela se chama {NAME}"],
           "m": ["o nome dele é {NAME}", "{NAME}", "chama-se {NAME}", "ele se chama {NAME}"]},
    "es": {"f": ["se llama {NAME}", "{NAME}", "su nombre es {NAME}"], "m": ["se llama {NAME}", "{NAME}", "su nombre es {NAME}"]},
}
NOT_ME = {
    "en": ["oh wait, it's not for me, it's for {rel} {NAME}", "sorry I should have said – it's for {rel} {NAME}, not me",
           "actually the appointment is for {rel}, {NAME}"],
    "tr": ["pardon, randevu benim için değil, {rel} {NAME} için", "aslında randevu {rel} {NAME} için olacak, ben değil"],
    "pt": ["ah, desculpe, não é pra mim, é para {rel} {NAME}", "na verdade a consulta é para {rel}, {NAME}, não para mim"],
    "es": ["ah perdón, no es para mí, es para {rel} {NAME}", "en realidad la cita es para {rel}, {NAME}, no para mí"],
}


def rel_text(L, rel):
    return pick(REL_FOR[L][rel])


def se_fill(L, s, fx, sk, t, rel, nm):
    r = rel_text(L, rel)
    if L == "pt" and "pra {rel}" in s:
        r = r.replace("o meu ", "meu ").replace("a minha ", "minha ")
    return fill(s, svc=svc_word(fx.ck, sk, L), when=date_ref(L, fx.now, t.date()), at=at_ref(L, t), rel=r, NAME=nm)


def g_someone_else(L):
    sub = pick(["full", "full", "full", "rel_only", "rel_only", "first", "first", "not_me"])
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    rel = pick(list(REL))
    sks = CHILD_SVC[ck] if REL[rel][1] == "child" else ADULT_SVC[ck]
    sk = pick(sks)
    t = need(choose_target(fx, sk, 1, 12))
    hh = [name]
    if sub == "full":
        m = member_name(L, name, rel)
        text = style(L, se_fill(L, pick(SE_FULL[L]), fx, sk, t, rel, "{NAME}"), fx.now).replace("{name}", "{NAME}")
        text = text.replace("{NAME}", m)
        turns = [T(text, mkexpect(any_=tv(t))),
                 T(pick(YES[L]), mkexpect(any_=[first(m), strip_accents(first(m))]))]
        return dlg(L, ["someone_else", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(m, sk, t)])
    if sub == "rel_only":
        m = member_name(L, name, rel)
        text = style(L, se_fill(L, pick(SE_REL[L]), fx, sk, t, rel, ""), fx.now)
        ans = fill(pick(SE_NAME_ANS[L][REL[rel][0]]), NAME=m)
        turns = [T(text, mkexpect(any_=NAME_WORDS[L])),
                 T(ans, mkexpect(any_=tv(t))),
                 T(pick(YES[L]), mkexpect(any_=[first(m), strip_accents(first(m))]))]
        return dlg(L, ["someone_else", "names", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(m, sk, t)])
    if sub == "first":
        m = member_name(L, name, rel)
        hh.append(m)
        if chance(0.4):
            # the member already has another appointment on another day
            s2 = existing_slot(fx, sk, 1, 20, avoid_days=(t.date(),))
            if s2:
                fx.add_existing(m, sk, s2[1], s2[0])
        text = style(L, se_fill(L, pick(SE_FULL[L]), fx, sk, t, rel, "{NAME}"), fx.now).replace("{name}", "{NAME}")
        text = text.replace("{NAME}", first(m))
        turns = [T(text, mkexpect(any_=tv(t))),
                 T(pick(YES[L]), mkexpect(any_=[first(m), strip_accents(first(m))]))]
        return dlg(L, ["someone_else", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(m, sk, t)])
    # not for me, after a time was proposed
    if REL[rel][1] == "child":
        rel = pick(["wife", "husband", "mother", "father"])
        sk = pick(ADULT_SVC[ck])
        fx = Fx(ck, fx.now)
        t = need(choose_target(fx, sk, 1, 12))
    m = member_name(L, name, rel)
    turns = [T(style(L, booking_text(L, fx, sk, t), fx.now), mkexpect(any_=tv(t))),
             T(style(L, fill(pick(NOT_ME[L]), rel=rel_text(L, rel), NAME="{NAME}"), fx.now, greet=0, thanks=0).replace("{name}", "{NAME}").replace("{NAME}", m)),
             T(pick(YES[L]), mkexpect(any_=[first(m), strip_accents(first(m))]))]
    return dlg(L, ["someone_else", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(m, sk, t)])


def g_names(L):
    sub = pick(["intro", "intro", "asked", "asked", "asked", "realprofile"])
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    sk = pick(ADULT_SVC[ck])
    t = need(choose_target(fx, sk, 1, 12))
    if sub == "realprofile":
        other = pick([n for n, gg in NAMES[L] if n != name and n.split()[0] != name.split()[0]])
        ct = contact(ck, L, profile=other)
        sub = "intro"
    else:
        ct = contact(ck, L, allow_null=True)
    if sub == "intro":
        intro = pick(NAME_INTRO[L])
        body = drop_greeting(booking_text(L, fx, sk, t))
        text = style(L, intro + (body[:1].lower() + body[1:] if not intro.endswith(". ") else cap(body)), fx.now, greet=0.0, low=0.3)
        text = name_fill(L, text.replace("{name}", "{NAME}").replace("{sou}", "{SOU}").replace("{de}", "{DE}"), name, g)
        turns = [T(text, mkexpect(any_=tv(t))), T(pick(YES[L]))]
    else:
        text = style(L, booking_text(L, fx, sk, t), fx.now)
        ans = name_fill(L, pick(NAME_ANSWER[L]), name, g)
        turns = [T(text, mkexpect(any_=NAME_WORDS[L])), T(ans, mkexpect(any_=tv(t))), T(pick(YES[L]))]
    return dlg(L, ["names", "booking"], fx, ct, [], turns, booked=[bk(name, sk, t)])


def g_yes(L):
    sub = pick(["book_yes", "book_yes", "book_no", "cancel_yes", "cancel_yes", "cancel_no", "move_yes"])
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    hh = [name]
    if sub in ("book_yes", "book_no"):
        sk = pick(ADULT_SVC[ck])
        t = need(choose_target(fx, sk, 1, 12))
        turns = [T(style(L, booking_text(L, fx, sk, t), fx.now), mkexpect(any_=tv(t)))]
        if sub == "book_yes":
            turns.append(T(style(L, pick(YES_BOOK_SENT[L]), fx.now, greet=0, thanks=0.2)))
            return dlg(L, ["yes_in_sentence", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(name, sk, t)])
        turns.append(T(style(L, pick(NO_BOOK_SENT[L]), fx.now, greet=0, thanks=0)))
        return dlg(L, ["yes_in_sentence", "booking"], fx, contact(ck, L), hh, turns)
    if sub in ("cancel_yes", "cancel_no"):
        sk = pick(ADULT_SVC[ck])
        s = need(existing_slot(fx, sk, 3, 14, min_hours=CLINICS[ck]["policy"]["cancellation_notice_hours"] + 12))
        fx.add_existing(name, sk, s[1], s[0])
        text = style(L, fill(pick(CANCEL[L]), when=date_ref(L, fx.now, s[0].date())), fx.now)
        turns = [T(text, mkexpect(any_=tv(s[0])))]
        if sub == "cancel_yes":
            turns.append(T(style(L, pick(YES_CANCEL_SENT[L]), fx.now, greet=0, thanks=0.2)))
            return dlg(L, ["yes_in_sentence", "cancel"], fx, contact(ck, L), hh, turns, cancelled=[iso(s[0])])
        turns.append(T(style(L, pick(NO_CANCEL_SENT[L]), fx.now, greet=0, thanks=0)))
        return dlg(L, ["yes_in_sentence", "cancel"], fx, contact(ck, L), hh, turns)
    return g_reschedule(L, yes_sentence=True)


CANCEL = {
    "en": ["I need to cancel my appointment {when}", "can't make it {when} anymore, can you cancel my appt?",
           "something came up, I have to cancel {when}", "please cancel my appointment {when}"],
    "tr": ["{when} randevumu iptal etmek istiyorum", "{when} gelemeyeceğim, randevumu iptal edebilir misiniz?",
           "{when} randevumu iptal ettirmem gerekiyor"],
    "pt": ["preciso cancelar minha consulta {when}", "não vou poder ir {when}, pode desmarcar?",
           "queria desmarcar a consulta {when}", "tenho de cancelar a consulta {when}, desculpe"],
    "es": ["tengo que cancelar la cita {when}", "no puedo ir {when}, ¿me la anuláis?", "quería anular mi cita {when}",
           "al final no puedo ir {when}, cancela la cita porfa"],
}
CANCEL_MEMBER = {
    "en": ["I need to cancel {POSS} appointment {when}", "{FIRST} can't make it {when}, please cancel"],
    "tr": ["{GEN} {when} randevusunu iptal etmek istiyorum", "{FIRST} {when} gelemeyecek, randevusunu iptal edin lütfen"],
    "pt": ["preciso desmarcar a consulta {DE} {when}", "{FIRST} não vai poder ir {when}, pode cancelar?"],
    "es": ["tengo que anular la cita {DE} {when}", "{FIRST} no puede ir {when}, ¿la cancelan?"],
}


def g_cancel(L):
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    hh = [name]
    pol = CLINICS[ck]["policy"]
    member = chance(0.3)
    rel = pick(list(REL))
    who = name
    if member:
        who = member_name(L, name, rel)
        hh.append(who)
    sks = CHILD_SVC[ck] if (member and REL[rel][1] == "child") else ADULT_SVC[ck]
    sk = pick(sks)
    s = need(existing_slot(fx, sk, 3, 16, min_hours=pol["cancellation_notice_hours"] + 12))
    fx.add_existing(who, sk, s[1], s[0])
    if chance(0.5):
        # another appointment on another day that must stay
        sk3 = pick(ADULT_SVC[ck])
        s3 = existing_slot(fx, sk3, 2, 20, avoid_days=(s[0].date(),))
        if s3:
            fx.add_existing(name, sk3, s3[1], s3[0])
    when = date_ref(L, fx.now, s[0].date())
    if member:
        q = fill(pick(CANCEL_MEMBER[L]), POSS=EN_POSS[rel], FIRST=first(who), GEN=TR_GEN[rel],
                 DE=PT_DE[rel] if L == "pt" else ES_DE[rel], when=when)
    else:
        q = fill(pick(CANCEL[L]), when=when)
    turns = [T(style(L, q, fx.now), mkexpect(any_=tv(s[0]))), T(pick(YES[L]))]
    kinds = ["cancel"]
    return dlg(L, kinds, fx, contact(ck, L), hh, turns, cancelled=[iso(s[0])])


RESCHED = {
    "en": ["can I move my appointment {when1} to {when2} {at2}?", "I need to reschedule my appt {when1}, would {when2} {at2} work?",
           "hi, could we change my appointment {when1}? {when2} {at2} would suit me better"],
    "tr": ["{when1} randevumu değiştirmek istiyorum, {when2} {at2} uygun mu?", "{when1} olan randevumu {when2} {at2} olarak değiştirebilir miyiz?",
           "{when1} randevumu ertelemem lazım, {when2} {at2} olur mu?"],
    "pt": ["queria remarcar a consulta {when1}. pode ser {when2} {at2}?", "preciso mudar minha consulta {when1}, tem {when2} {at2}?",
           "dá para passar a consulta {when1} para {when2} {at2}?"],
    "es": ["¿puedo cambiar mi cita {when1}? me vendría mejor {when2} {at2}", "¿podemos pasar la cita {when1} para {when2} {at2}?",
           "necesito mover la cita {when1}, ¿tenéis {when2} {at2}?"],
}


def g_reschedule(L, yes_sentence=False):
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    hh = [name]
    pol = CLINICS[ck]["policy"]
    sk = pick(ADULT_SVC[ck])
    s = need(existing_slot(fx, sk, 3, 12, min_hours=pol["cancellation_notice_hours"] + 12))
    ex = fx.add_existing(name, sk, s[1], s[0])
    pk = s[1]
    # new time: same practitioner, another day
    cand_days = []
    for k in range(1, 18):
        d = (fx.now + dt.timedelta(days=k)).date()
        if d == s[0].date():
            continue
        ss = fx.slots(sk, d, only=pk, ignore=ex)
        if len(ss) >= 2:
            cand_days.append((d, ss))
    if not cand_days:
        raise Retry()
    d, ss = pick(cand_days)
    add_noise(fx, d, [sk], rng.randrange(0, 3))
    ss = fx.slots(sk, d, only=pk, ignore=ex)
    if not ss:
        raise Retry()
    t2 = weighted_slot(ss)
    # en/pt need the second day without a leading preposition in these templates
    when1 = date_ref(L, fx.now, s[0].date())
    if L == "en":
        when2 = date_ref(L, fx.now, t2.date(), prep=False)
        if when2.startswith("on "):
            when2 = when2[3:]
    elif L == "pt":
        when2 = date_ref(L, fx.now, t2.date(), prep=False)
        for p in ("na ", "no "):
            if when2.startswith(p):
                when2 = when2[len(p):]
        if when2.startswith("a ") and "de" in when2:
            when2 = "dia " + when2[2:]
    else:
        when2 = date_ref(L, fx.now, t2.date())
    if t2.weekday() == s[0].weekday():
        # "move my Thursday appointment to Thursday" is ambiguous: name the date
        when2 = date_ref(L, fx.now, t2.date(), mode="date", prep=(L not in ("en", "pt")))
        if L == "pt" and not when2.startswith("dia"):
            when2 = "dia " + when2.split(" ", 1)[1] if when2.startswith(("no ", "a ")) else when2
    at2 = at_ref(L, t2, prep=(L != "tr"))
    q = fill(pick(RESCHED[L]), when1=when1, when2=when2, at2=at2)
    conf = style(L, pick(YES_MOVE_SENT[L]), fx.now, greet=0, thanks=0.2) if yes_sentence else pick(YES[L])
    turns = [T(style(L, q, fx.now), mkexpect(any_=tv(t2))), T(conf)]
    kinds = ["yes_in_sentence", "reschedule"] if yes_sentence else ["reschedule"]
    return dlg(L, kinds, fx, contact(ck, L), hh, turns,
               moved=[{"from": iso(s[0]), "date": t2.strftime("%Y-%m-%d"), "time": t2.strftime("%H:%M")}])


CONTRA = {
    "en": ["sorry, I meant the {day}{sfx}, the date is right", "the {day}{sfx} – I got the weekday wrong", "I mean {date}"],
    "tr": ["pardon, tarih doğru, {date}", "ayın {day}'i demek istedim, gün adını yanlış yazdım", "{date} demek istedim"],
    "pt": ["desculpe, quis dizer dia {day}, a data está certa", "é o dia {day} mesmo, enganei-me no dia da semana", "quis dizer {date}"],
    "es": ["perdón, quería decir el día {day}, la fecha está bien", "el {day}, me equivoqué con el día de la semana", "quería decir {date}"],
}
LATER = {
    "en": ["hmm same day but later? like {at}", "same day but a bit later, {at}?", "could we do later that day, {at}?"],
    "tr": ["aynı gün biraz daha geç olabilir mi, {at} mesela?", "aynı gün daha geç bir saat, {at} olur mu?"],
    "pt": ["no mesmo dia mas mais tarde, {at}?", "pode ser no mesmo dia, mas mais tarde? tipo {at}"],
    "es": ["el mismo día pero más tarde, ¿{at}?", "¿mismo día un poco más tarde? {at} por ejemplo"],
}


def tr_day_acc(day):
    # "ayın 11'i" accusative after a day number
    last = day % 10
    if last == 0:
        return {10: "u", 20: "si", 30: "u"}[day]
    return {1: "i", 2: "si", 3: "ü", 4: "ü", 5: "i", 6: "sı", 7: "si", 8: "i", 9: "u"}[last]


def g_explicit(L):
    sub = pick(["wd_date", "wd_date", "numeric", "numeric", "date", "contra", "later", "later"])
    name, g = writer(L)
    ck = clinic_for(L)
    fx = Fx(ck, rand_now())
    hh = [name]
    sk = pick(ADULT_SVC[ck])
    if sub in ("wd_date", "date", "numeric", "contra"):
        # more than a week ahead: the next such weekday is another date
        t = need(choose_target(fx, sk, 8, 24, avoid_days=()))
        if sub == "numeric" and t.day <= 12:
            raise Retry()
    else:
        t = need(choose_target(fx, sk, 2, 14))
    if sub in ("wd_date", "date", "numeric"):
        body = fill(pick(BOOK[L]), svc=svc_word(ck, sk, L), when=date_ref(L, fx.now, t.date(), mode=sub), at=at_ref(L, t))
        turns = [T(style(L, body, fx.now), mkexpect(any_=tv(t))), T(pick(YES[L]))]
        return dlg(L, ["explicit_dates", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(name, sk, t)])
    if sub == "contra":
        wrong = (t.weekday() + pick([1, 2, -1])) % 7
        if wrong >= 5 and L != "tr":
            wrong = (t.weekday() + 1) % 5
        d = t.date()
        W = WEEKDAYS[L][wrong]
        M = MONTHS[L][d.month - 1]
        if L == "en":
            when = pick(["on %s %d %s" % (W, d.day, M), "on %s, %s %d" % (W, M, d.day)])
        elif L == "tr":
            when = "%d %s %s" % (d.day, M, W)
        elif L == "pt":
            when = "%s%s, dia %d de %s" % (pt_na(wrong), PT_WD_SHORT[wrong], d.day, M)
        else:
            when = "el %s %d de %s" % (W, d.day, M)
        body = fill(pick(BOOK[L]), svc=svc_word(ck, sk, L), when=when, at=at_ref(L, t))
        real = date_ref(L, fx.now, d, mode="wd_date", prep=False)
        fix = fill(pick(CONTRA[L]), day=str(d.day), sfx=ordinal(d.day)[-2:] if L == "en" else "", date=real)
        if L == "tr":
            fix = fix.replace("ayın %d'i" % d.day, "ayın %d'%s" % (d.day, tr_day_acc(d.day)))
        turns = [T(style(L, body, fx.now)), T(style(L, fix, fx.now, greet=0, thanks=0), mkexpect(any_=tv(t))), T(pick(YES[L]))]
        return dlg(L, ["explicit_dates", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(name, sk, t)])
    # same day but later
    later = [x for x in fx.slots(sk, t.date()) if (x - t).total_seconds() >= 90 * 60]
    if not later:
        raise Retry()
    t2 = weighted_slot(later)
    body = fill(pick(BOOK[L]), svc=svc_word(ck, sk, L), when=date_ref(L, fx.now, t.date(), mode=pick(["wd_date", "date"])), at=at_ref(L, t))
    at2 = at_ref(L, t2, prep=(L != "tr"))
    turns = [T(style(L, body, fx.now), mkexpect(any_=tv(t))),
             T(style(L, fill(pick(LATER[L]), at=at2), fx.now, greet=0, thanks=0), mkexpect(any_=tv(t2))),
             T(pick(YES[L]))]
    return dlg(L, ["explicit_dates", "booking"], fx, contact(ck, L), hh, turns, booked=[bk(name, sk, t2)])


EMERG = {
    ("dental", "en"): ["my face has swollen up really badly since last night and I have a fever, I can barely open my mouth",
                       "my son fell off his bike and knocked his front tooth out, there's blood everywhere and it won't stop",
                       "I had a tooth pulled yesterday and it's been bleeding nonstop for hours, I'm feeling dizzy",
                       "the swelling from my tooth has spread down my neck and it's getting hard to swallow"],
    ("dental", "tr"): ["dün akşamdan beri yüzüm çok şişti, ateşim var, ağzımı zor açıyorum",
                       "oğlum düştü ön dişi kırıldı, ağzından kan geliyor durmuyor",
                       "dün diş çektirdim saatlerdir kanama durmuyor başım dönüyor",
                       "dişimdeki şişlik boynuma kadar yayıldı, yutkunamıyorum"],
    ("dental", "pt"): ["a minha cara inchou imenso desde ontem e estou com febre, mal consigo abrir a boca",
                       "meu filho caiu e o dente da frente saiu, tá sangrando muito e não para",
                       "arranquei um dente ontem e está a sangrar sem parar há horas, sinto-me tonta",
                       "o inchaço do dente desceu pro pescoço e tô com dificuldade pra engolir"],
    ("dental", "es"): ["se me ha hinchado muchísimo la cara desde anoche y tengo fiebre, casi no puedo abrir la boca",
                       "mi hijo se cayó y se le salió un diente, le sangra mucho y no para",
                       "ayer me sacaron una muela y no deja de sangrar, estoy mareada",
                       "la hinchazón de la muela me ha bajado al cuello y me cuesta tragar"],
    ("dermatology", "en"): ["my lips and eyes are swelling up after a new cream and it's getting hard to breathe",
                            "I'm covered in hives all of a sudden and my throat feels tight",
                            "my daughter has a rash that's spreading fast with a high fever and purple spots that don't fade"],
    ("dermatology", "tr"): ["yeni krem sürdüm dudaklarım ve gözlerim şişiyor, nefes almakta zorlanıyorum",
                            "birden her yerim kurdeşen oldu, boğazım kapanıyor gibi",
                            "kızımın döküntüsü hızla yayılıyor, ateşi çok yüksek ve morumsu lekeler var"],
    ("dermatology", "pt"): ["meus lábios e olhos estão inchando depois de um creme novo e tá difícil respirar",
                            "fiquei cheia de urticária de repente e sinto a garganta a fechar",
                            "a minha filha tem manchas roxas que se espalham depressa e febre muito alta"],
    ("dermatology", "es"): ["se me están hinchando los labios y los ojos por una crema nueva y me cuesta respirar",
                            "me ha salido urticaria por todo el cuerpo de golpe y noto la garganta cerrada",
                            "a mi hija le salen manchas moradas que se extienden rápido y tiene mucha fiebre"],
    ("physiotherapy", "en"): ["I fell on the ice, my leg is bent the wrong way and I can't move it",
                              "I got a crushing pain in my chest during my workout and my left arm is numb",
                              "after the fall my back hurts and now I can't feel my legs"],
    ("physiotherapy", "tr"): ["buzda düştüm bacağım ters dönmüş gibi, hiç kıpırdatamıyorum",
                              "spor yaparken göğsümde ezici bir ağrı başladı, sol kolum uyuştu",
                              "düştükten sonra belim ağrıyor ve şimdi bacaklarımı hissetmiyorum"],
    ("physiotherapy", "pt"): ["caí no gelo e a perna está torta, não consigo mexer",
                              "estava a treinar e deu-me uma dor no peito muito forte, o braço esquerdo está dormente",
                              "depois da queda fiquei com dor nas costas e agora não sinto as pernas"],
    ("physiotherapy", "es"): ["me he caído en el hielo y tengo la pierna torcida, no la puedo mover",
                              "entrenando me dio un dolor muy fuerte en el pecho y se me duerme el brazo izquierdo",
                              "después de la caída me duele la espalda y ahora no siento las piernas"],
    ("general practice", "en"): ["my dad suddenly can't lift his right arm and his speech is slurred",
                                 "I have a crushing pain in my chest going down my arm and I'm sweating",
                                 "my baby has a high fever, a stiff neck and won't wake up properly",
                                 "I can't catch my breath and my lips look kind of blue"],
    ("general practice", "tr"): ["babamın birden sağ kolu kalkmıyor ve konuşması bozuldu",
                                 "göğsümde sıkışma var koluma vuruyor, soğuk terliyorum",
                                 "bebeğimin ateşi çok yüksek, ensesi sert ve uyanmıyor",
                                 "nefes alamıyorum, dudaklarım morardı"],
    ("general practice", "pt"): ["o meu pai de repente não consegue levantar o braço direito e está a falar enrolado",
                                 "tô com uma dor no peito apertando, desce pro braço e tô suando frio",
                                 "meu bebê tá com febre alta, pescoço duro e não acorda direito",
                                 "não consigo respirar direito e meus lábios estão roxos"],
    ("general practice", "es"): ["a mi padre de repente no se le levanta el brazo derecho y habla raro",
                                 "tengo un dolor opresivo en el pecho que baja al brazo y estoy sudando frío",
                                 "mi bebé tiene fiebre muy alta, el cuello rígido y no se despierta bien",
                                 "no puedo respirar bien y tengo los labios morados"],
}


def g_emergency(L):
    ck = pick(CLINIC_KEYS)
    fx = Fx(ck, rand_now(hmin=0, hmax=23))
    name, g = writer(L)
    hh = [name] if chance(0.6) else []
    text = _cycle(("em", L, ck), EMERG[(CLINICS[ck]["specialty"], L)])
    pre = {"en": ["help ", "please help, ", "URGENT ", ""], "tr": ["acil ", "yardım edin ", "lütfen ", ""],
           "pt": ["socorro ", "urgente ", "por favor ", ""], "es": ["urgente ", "ayuda por favor ", "por favor ", ""]}[L]
    text = style(L, pick(pre) + text, fx.now, greet=0.15, thanks=0.0, drop_q=0.0, emoji=0.0)
    if chance(0.3):
        text += pick([" 😭", " 😰", "!!", " what do I do" if L == "en" else " ne yapayım" if L == "tr" else " o que faço" if L == "pt" else " qué hago"])
    return dlg(L, ["emergency"], fx, contact(ck, L), hh, [T(text, {"emergency": True})])


# --------------------------------------------------------------------------------------
# plan, verification, output
# --------------------------------------------------------------------------------------

PLAN = [  # (generator, per language) — the first five are the focus (114 of 160 = 71%)
    (g_answer_language, 30),
    (g_passage, 25),
    (g_two_questions, 25),
    (g_own, 18),
    (g_someone_else, 16),
    (g_names, 9),
    (g_yes, 8),
    (g_explicit, 9),
    (g_cancel, 7),
    (g_reschedule, 7),
    (g_emergency, 6),
]


def verify(d):
    """Re-check every booked and moved time against the fixture."""
    fx = Fx(d["clinic"], dt.datetime.fromisoformat(d["now"]))
    fx.existing = d["existing"]
    fx.blocked = d["blocked"]
    n = len(d["turns"])
    hh = {h["name"] for h in d["household"]}
    for x in d["existing"]:
        assert x["patient"] in hh, (d["id"], x)
    # fixture entries do not overlap each other
    es = fx.entries()
    for i, (_, a) in enumerate(es):
        sa = dt.datetime.fromisoformat(a["start"])
        da = service(fx.ck, a["service"])["duration_minutes"]
        assert a["practitioner"] in service(fx.ck, a["service"])["practitioners"], (d["id"], a)
        assert works(fx.ck, a["practitioner"], sa, da), (d["id"], a)
        assert (sa.hour * 60 + sa.minute) % fx.c["policy"]["slot_grid_minutes"] == 0, (d["id"], a)
        for _, b in es[i + 1:]:
            if a["practitioner"] != b["practitioner"]:
                continue
            sb = dt.datetime.fromisoformat(b["start"])
            db = service(fx.ck, b["service"])["duration_minutes"]
            assert not (sa < sb + dt.timedelta(minutes=db) and sb < sa + dt.timedelta(minutes=da)), (d["id"], a, b)
    for b in d["final"]["booked"]:
        t = dt.datetime.fromisoformat(b["date"] + "T" + b["time"])
        assert fx.free_pracs(b["service"], t, turns=n), (d["id"], b)
    for mv in d["final"]["moved"]:
        ex = [x for x in d["existing"] if x["start"] == mv["from"]][0]
        t = dt.datetime.fromisoformat(mv["date"] + "T" + mv["time"])
        assert fx.free_pracs(ex["service"], t, turns=n, ignore=ex, only=ex["practitioner"]), (d["id"], mv)
    for c in d["final"]["cancelled"]:
        assert any(x["start"] == c for x in d["existing"]), (d["id"], c)
    for tn in d["turns"]:
        assert "{" not in tn["patient"] and "}" not in tn["patient"], (d["id"], tn)


def generate():
    out = []
    for L in LANGS:
        k = 0
        for fn, count in PLAN:
            made = 0
            while made < count:
                try:
                    d = fn(L)
                except Retry:
                    continue
                k += 1
                d["id"] = "dev5-%s-%04d" % (L, k)
                verify(d)
                out.append(d)
                made += 1
    return out


def stats(rows):
    from collections import Counter
    main = Counter()
    kinds = Counter()
    for r in rows:
        main[(r["kinds"][0], r["language"])] += 1
        for k in r["kinds"]:
            kinds[(k, r["language"])] += 1
    ks = sorted({k for k, _ in kinds}, key=lambda k: -sum(kinds[(k, L)] for L in LANGS))
    print("%-18s %s   | %s" % ("kind", " ".join("%4s" % L for L in LANGS), "main focus " + " ".join("%4s" % L for L in LANGS)))
    for k in ks:
        print("%-18s %s   | %s" % (k, " ".join("%4d" % kinds[(k, L)] for L in LANGS),
                                   "           " + " ".join("%4d" % main[(k, L)] for L in LANGS)))
    print("dialogs:", len(rows))


def main(argv):
    rows = generate()
    path = os.path.join(HERE, "generated.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", path, len(rows), "dialogs")
    if "--stats" in argv:
        stats(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
