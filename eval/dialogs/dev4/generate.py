#!/usr/bin/env python3
"""dev4 dialog generator (standard library only, fixed seed, deterministic).

    python3 generate.py            # writes generated.jsonl next to this file

Every dialog is built from phrase banks in phrases.py and checked against the
clinic fixtures with common.free_pracs before it is written; the repository
checker (`dev/generate.py --check`) must accept every line.
"""
import datetime as dt
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (CLINICS, DST_SWITCHES, NAME_ASK, Style, busy_of, dumps, exp_time,  # noqa: E402
                    fmt_dt, free_pracs, free_times, hm2min, lower, service, strip_accents, HERE)
import phrases as P  # noqa: E402

SEED = 4_2027_0211
LANGS = ["en", "tr", "pt", "es"]

# ---------------------------------------------------------------- clinics per language
CLINIC_W = {
    "en": [("gp-boston", 50), ("dental-ankara", 20), ("dermatology-lisbon", 20), ("physio-madrid", 10)],
    "tr": [("dental-ankara", 60), ("gp-boston", 10), ("dermatology-lisbon", 10), ("physio-madrid", 10), ("gp-sao-paulo", 10)],
    "pt": [("dermatology-lisbon", 40), ("gp-sao-paulo", 45), ("gp-boston", 15)],
    "es": [("physio-madrid", 55), ("gp-boston", 25), ("gp-sao-paulo", 10), ("dermatology-lisbon", 10)],
}
PHONE = {"dental-ankara": "+90532", "dermatology-lisbon": "+35191", "physio-madrid": "+34611",
         "gp-boston": "+1617", "gp-sao-paulo": "+55119"}

# everyday service phrases per clinic and language (names and aliases from clinics.json)
SVC = {
    "dental-ankara": {
        "checkup": {"en": ["a check-up", "a checkup", "a dental check-up", "a dental exam"],
                    "tr": ["muayene", "kontrol", "diş kontrolü", "genel muayene"],
                    "pt": ["uma consulta de avaliação", "uma revisão", "uma avaliação"],
                    "es": ["una revisión", "un chequeo", "una revisión dental"]},
        "cleaning": {"en": ["a cleaning", "a teeth cleaning"], "tr": ["diş taşı temizliği", "detartraj", "diş temizliği"],
                     "pt": ["uma limpeza", "uma limpeza dentária"], "es": ["una limpieza", "una limpieza dental"]},
        "filling": {"en": ["a filling"], "tr": ["dolgu"], "pt": ["uma obturação"], "es": ["un empaste"]},
    },
    "dermatology-lisbon": {
        "consult": {"en": ["a dermatology consultation", "an appointment with a dermatologist", "a skin doctor appointment"],
                    "tr": ["dermatoloji muayenesi", "cilt doktoru muayenesi"],
                    "pt": ["uma consulta de dermatologia", "uma consulta", "uma consulta com a dermatologista"],
                    "es": ["una consulta de dermatología", "una cita con el dermatólogo"]},
        "mole_check": {"en": ["a mole check", "a mole screening"], "tr": ["ben kontrolü", "ben taraması"],
                       "pt": ["um rastreio de sinais", "um rastreio aos sinais"], "es": ["una revisión de lunares"]},
        "acne": {"en": ["an acne treatment", "acne treatment"], "tr": ["akne tedavisi", "sivilce tedavisi"],
                 "pt": ["um tratamento de acne", "tratamento para as borbulhas"], "es": ["un tratamiento del acné", "tratamiento para los granos"]},
        "laser": {"en": ["laser hair removal"], "tr": ["lazer epilasyon"], "pt": ["depilação a laser"], "es": ["depilación láser"]},
    },
    "physio-madrid": {
        "assessment": {"en": ["an initial assessment", "a first visit"], "tr": ["ilk değerlendirme"],
                       "pt": ["uma avaliação inicial", "uma primeira consulta"],
                       "es": ["una valoración inicial", "una primera visita", "una valoración"]},
        "session": {"en": ["a physio session", "a physiotherapy session"], "tr": ["fizyoterapi seansı", "fizik tedavi seansı"],
                    "pt": ["uma sessão de fisioterapia", "uma sessão de fisio"],
                    "es": ["una sesión de fisio", "una sesión de fisioterapia", "fisio"]},
        "massage": {"en": ["a sports massage"], "tr": ["spor masajı"], "pt": ["uma massagem desportiva"],
                    "es": ["un masaje deportivo", "un masaje"]},
    },
    "gp-boston": {
        "consult": {"en": ["a doctor's appointment", "a GP appointment", "an appointment with a family doctor", "a general consultation"],
                    "tr": ["genel muayene", "aile hekimi muayenesi"],
                    "pt": ["uma consulta geral", "uma consulta com clínico geral"],
                    "es": ["una consulta general", "una cita con el médico general", "cita con el médico de cabecera"]},
        "physical": {"en": ["an annual physical", "my annual physical", "a physical"], "tr": ["yıllık check-up"],
                     "pt": ["um check-up anual"], "es": ["un chequeo anual"]},
        "blood": {"en": ["a blood test", "blood work"], "tr": ["kan tahlili", "kan testi"],
                  "pt": ["análises ao sangue", "um exame de sangue"], "es": ["un análisis de sangre", "una analítica"]},
        "vaccine": {"en": ["a flu shot", "a vaccination"], "tr": ["aşı"], "pt": ["uma vacina"], "es": ["una vacuna"]},
    },
    "gp-sao-paulo": {
        "consult": {"en": ["a GP appointment", "a general consultation"], "tr": ["genel muayene"],
                    "pt": ["uma consulta com clínico geral", "uma consulta", "consulta com o clínico"],
                    "es": ["una consulta de medicina general", "una cita con el médico general"]},
        "pediatrics": {"en": ["a paediatrician appointment", "a pediatrician visit"], "tr": ["çocuk doktoru muayenesi"],
                       "pt": ["uma consulta de pediatria", "consulta com a pediatra"],
                       "es": ["una consulta de pediatría", "cita con la pediatra"]},
        "cardio": {"en": ["a cardiology consultation", "an appointment with the cardiologist"], "tr": ["kardiyoloji muayenesi"],
                   "pt": ["uma consulta de cardiologia", "consulta com o cardiologista"],
                   "es": ["una consulta de cardiología", "cita con el cardiólogo"]},
        "ecg": {"en": ["an ECG"], "tr": ["EKG"], "pt": ["um eletrocardiograma"], "es": ["un electrocardiograma"]},
    },
}
CHILD_OK = {"dental-ankara": ["checkup", "cleaning", "filling"], "gp-sao-paulo": ["pediatrics"],
            "gp-boston": ["consult", "vaccine"], "physio-madrid": ["session", "assessment"],
            "dermatology-lisbon": ["acne", "consult"]}

# ---------------------------------------------------------------- people
FIRST = {
    "en": {"m": ["Oliver", "Jack", "Ethan", "Noah", "Henry", "Samuel", "George", "Owen", "Finn", "Theo", "Ciarán", "Callum"],
           "f": ["Chloe", "Isla", "Grace", "Ruby", "Hannah", "Zoë", "Freya", "Niamh", "Aoife", "Imogen", "Bethany", "Rosalind"]},
    "tr": {"m": ["Emre", "Kerem", "Oğuz", "Barış", "Mert", "Yusuf", "Burak", "Arda", "Ahmet Can", "Mustafa Kemal", "Şükrü", "Çağatay"],
           "f": ["Zeynep", "Elif", "Ayşe", "Gülşen", "Çağla", "İrem", "Büşra", "Ecrin", "Defne", "Elif Nur", "Şebnem", "Gökçe"]},
    "pt": {"m": ["Paulo", "Tomás", "Luís", "Henrique", "Duarte", "Gonçalo", "Rodrigo", "Vicente", "Bernardo", "Luís Miguel", "Sebastião", "Caio"],
           "f": ["Francisca", "Mafalda", "Leonor", "Matilde", "Raquel", "Gabriela", "Conceição", "Débora", "Márcia", "Fátima",
                 "Maria da Conceição", "Lurdes"]},
    "es": {"m": ["Javier", "Álvaro", "Íñigo", "Andrés", "Sergio", "Guillermo", "Hugo", "Mateo", "Diego", "José Luis", "Juan Carlos", "Ramón"],
           "f": ["Nuria", "Begoña", "Rocío", "Ainhoa", "Pilar", "Marta", "Irene", "Elena", "Sofía", "María José", "Montserrat", "Itziar"]},
}
LAST = {
    "en": ["Whitaker", "O'Brien", "Nguyen", "Patel", "Schröder", "McAllister", "Fitzgerald", "De Luca", "van der Merwe",
           "Okafor", "Brennan", "Kowalski", "Ó Súilleabháin", "St John"],
    "tr": ["Kaya", "Yılmaz", "Çelik", "Şahin", "Arslan", "Doğan", "Kılıç", "Aydoğan", "Güneş", "Koç", "Erdem", "Polat",
           "Ünal", "Yıldız", "Karaağaç"],
    "pt": ["Reis", "Rocha", "Simões", "Gonçalves", "Albuquerque", "Figueiredo", "Antunes", "Magalhães", "Brandão", "Paiva",
           "Cunha", "Pereira", "da Silva", "dos Santos", "de Almeida", "Conceição Vaz"],
    "es": ["Martín", "Sánchez", "Etxeberria", "Castillo", "Peña", "Morales", "Domínguez", "Vidal", "Núñez", "Ibáñez",
           "Cabrera", "de la Fuente", "del Río", "Herrera", "García-Lorca", "Martín Sánchez"],
}
PROFILE = {  # (display name, distinctive token that must never be used as the name, or None)
    "en": [("Mom ❤️", None), ("J.", None), ("Big Mike", "Mike"), ("Sunshine ☀️", "Sunshine"), ("Carter Plumbing", "Plumbing"),
           ("~K", None), ("Jess 🌸", "Jess"), ("iPhone", None), ("Coach R", "Coach"), ("Bubbles", "Bubbles"), (None, None)],
    "tr": [("Annem 💕", None), ("Kral 👑", "Kral"), ("Ali K.", None), ("~Gül", None), ("Ayşe'nin telefonu", None),
           ("Prenses", "Prenses"), ("Deniz 🌊", None), ("Mrv", None), ("Boss", "Boss"), (None, None)],
    "pt": [("Paulinho 🌴", "Paulinho"), ("Mãe ❤️", None), ("Tia Lu", None), ("Dinda", "Dinda"), ("Zé", None), ("~Fê", None),
           ("Vovó 🌸", "Vovó"), ("Marquinhos", "Marquinhos"), ("Docinho", "Docinho"), (None, None)],
    "es": [("Mami ❤️", "Mami"), ("Pepe", "Pepe"), ("~Lu", None), ("Gordi", "Gordi"), ("Jefa 👑", "Jefa"), ("Chiqui", "Chiqui"),
           ("Nenita", "Nenita"), ("Papá Oso", None), (None, None)],
}


class Person:
    def __init__(self, first, last, g):
        self.first, self.last, self.g = first, last, g

    @property
    def full(self):
        return self.first + " " + self.last


def person(rng, lang, g=None, last=None):
    g = g or rng.choice("mf")
    return Person(rng.choice(FIRST[lang][g]), last or rng.choice(LAST[lang]), g)


def art(p):
    return "a" if p.g == "f" else "o"


# ---------------------------------------------------------------- dates and times
def ordinal(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def date_phrase(lang, d, style, clinic, rng, wd=None, art_=True):
    """A date as a patient writes it. style: wdm (weekday+day+month), dm, num, wdnum."""
    wd = d.weekday() if wd is None else wd
    dd, mm, y = d.day, d.month, d.year
    us = clinic == "gp-boston"
    if lang == "en":
        W, Ws, M, Ms = P.WEEKDAYS["en"][wd], P.WEEKDAYS["en_short"][wd], P.MONTHS["en"][mm - 1], P.MONTHS["en_short"][mm - 1]
        if style == "num" or style == "wdnum":
            if us:
                num = rng.choice(["%d/%d" % (mm, dd), "%02d/%02d" % (mm, dd), "%d/%d/%d" % (mm, dd, y % 100)])
            elif dd > 12:
                num = rng.choice(["%d/%d" % (dd, mm), "%02d/%02d" % (dd, mm)])
            else:
                style = "wdm" if style == "wdnum" else "dm"
                num = None
            if num:
                return num if style == "num" else rng.choice(["%s %s", "%s, %s"]) % (W, num)
        if style == "wdm":
            return rng.choice(["%s %d %s" % (W, dd, M), "%s, %s %d" % (W, M, dd), "%s the %s of %s" % (W, ordinal(dd), M),
                               "%s %d %s" % (Ws, dd, Ms), "%s %s %s" % (W.lower(), Ms, ordinal(dd)),
                               "%s %s %s" % (W, ordinal(dd), M)])
        return rng.choice(["%d %s" % (dd, M), "%s %s" % (M, ordinal(dd)), "the %s of %s" % (ordinal(dd), M),
                           "%s %d" % (Ms, dd), "%s %s" % (ordinal(dd), Ms)])
    if lang == "tr":
        W, M = P.WEEKDAYS["tr"][wd], P.MONTHS["tr"][mm - 1]
        num = rng.choice(["%02d.%02d" % (dd, mm), "%d.%d" % (dd, mm), "%02d/%02d" % (dd, mm), "%02d.%02d.%d" % (dd, mm, y)])
        if style == "num":
            return num
        if style == "wdnum":
            return rng.choice(["%s %s" % (num, W), "%s (%s)" % (W, num)])
        if style == "wdm":
            return rng.choice(["%d %s %s" % (dd, M, W), "%s %d %s" % (W, dd, M), "%d %s %s günü" % (dd, M, W),
                               "%s, %d %s" % (W, dd, M), "%d %s %s" % (dd, M.lower(), W.lower())])
        return rng.choice(["%d %s" % (dd, M), "%d %s günü" % (dd, M), "%d %s" % (dd, M.lower())])
    if lang == "pt":
        W, Ws, M, Ms = P.WEEKDAYS["pt"][wd], P.WEEKDAYS["pt_short"][wd], P.MONTHS["pt"][mm - 1], P.MONTHS["pt_short"][mm - 1]
        Wf = W + "-feira" if wd < 5 else W
        num = rng.choice(["%d/%d" % (dd, mm), "%02d/%02d" % (dd, mm)])
        if style == "num":
            return rng.choice([num, "dia " + num])
        if style == "wdnum":
            return rng.choice(["%s %s" % (W, num), "%s, dia %s" % (W, num)])
        if style == "wdm":
            return rng.choice(["%s, %d de %s" % (W, dd, M), "%s, dia %d de %s" % (Wf, dd, M), "%s dia %d de %s" % (W, dd, M),
                               "%s %d de %s" % (Ws, dd, M), "%s %d de %s" % (Wf, dd, M)])
        return rng.choice(["%d de %s" % (dd, M), "dia %d de %s" % (dd, M), "dia %d de %s" % (dd, Ms)])
    # es
    W, M, Ms = P.WEEKDAYS["es"][wd], P.MONTHS["es"][mm - 1], P.MONTHS["es_short"][mm - 1]
    num = rng.choice(["%d/%d" % (dd, mm), "%02d/%02d" % (dd, mm), "%d-%d" % (dd, mm)])
    if style == "num":
        out = rng.choice(["el " + num, "el día " + num])
    elif style == "wdnum":
        out = "el %s %s" % (W, num)
    elif style == "wdm":
        out = rng.choice(["el %s %d de %s" % (W, dd, M), "el %s, %d de %s" % (W, dd, M), "el %s día %d de %s" % (W, dd, M),
                          "el %s %d de %s" % (W, dd, Ms)])
    else:
        out = rng.choice(["el %d de %s" % (dd, M), "el día %d de %s" % (dd, M), "el %d de %s" % (dd, Ms)])
    if not art_:
        out = out[3:]
    return out


def time_phrase(lang, hm, rng, bare=False):
    H, m = int(hm[:2]), int(hm[3:])
    mm = "%02d" % m
    h12 = H - 12 if H > 12 else H
    ap = "am" if H < 12 else "pm"
    if lang == "en":
        if m == 0:
            c = ["%d%s" % (h12, ap), "%d %s" % (h12, ap), "%d:00" % H, "%d:00 %s" % (h12, ap)]
        else:
            c = ["%d:%s%s" % (h12, mm, ap), "%d:%s" % (H, mm), "%d:%s %s" % (h12, mm, ap), "%d.%s%s" % (h12, mm, ap)]
        t = rng.choice(c)
        return t if bare else "at " + t
    if lang == "tr":
        if m == 0:
            c = ["saat %d:00" % H, "saat %d.00" % H, "saat %d" % H, "%d:00" % H]
            if 8 <= H <= 11:
                c.append("sabah %d" % H)
            if 13 <= H <= 18:
                c.append("öğleden sonra %d" % (H - 12))
        else:
            c = ["saat %d:%s" % (H, mm), "saat %d.%s" % (H, mm), "%d:%s" % (H, mm), "%d.%s" % (H, mm)]
        return rng.choice(c)
    if lang == "pt":
        if m == 0:
            c = ["%dh" % H, "%d:00" % H, "%dh00" % H]
            if 14 <= H <= 18:
                c.append("%d da tarde" % (H - 12))
        elif m == 30:
            c = ["%dh30" % H, "%d:30" % H, "%d e meia" % H]
        else:
            c = ["%dh%s" % (H, mm), "%d:%s" % (H, mm)]
        t = rng.choice(c)
        return t if bare else "às " + t
    if m == 0:
        c = ["%d" % H, "%d:00" % H, "%dh" % H]
        if 14 <= H <= 20:
            c.append("%d de la tarde" % (H - 12))
    elif m == 30:
        c = ["%d:30" % H, "%d y media" % H]
        if 14 <= H <= 20:
            c.append("%d y media de la tarde" % (H - 12))
    elif m == 15:
        c = ["%d:15" % H, "%d y cuarto" % H]
    else:
        c = ["%d:%s" % (H, mm)]
    return "a las " + rng.choice(c)


def when_phrase(lang, d, hm, dstyle, clinic, rng, now, wd=None, art_=True, tphrase=None):
    if dstyle == "rel":
        dp = P.TOMORROW[lang]
        if lang == "es" and not art_:
            dp = "mañana"
    else:
        dp = date_phrase(lang, d, dstyle, clinic, rng, wd=wd, art_=art_)
    tp = tphrase or time_phrase(lang, hm, rng)
    if lang == "en":
        if tp.startswith("at ") and rng.random() < 0.25 and dstyle != "rel":
            return "%s on %s" % (tp, dp)
        return ("%s %s" if tp.startswith("at ") else "%s, %s") % (dp, tp)
    if lang == "tr":
        return "%s %s" % (dp, tp)
    if lang == "pt":
        return rng.choice(["%s, %s", "%s %s"]) % (dp, tp)
    return rng.choice(["%s %s", "%s, %s"]) % (dp, tp)


# ---------------------------------------------------------------- the builder
class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.count = {}

    # --- context -------------------------------------------------
    def pick_clinic(self, lang):
        ks, ws = zip(*CLINIC_W[lang])
        return self.rng.choices(ks, ws)[0]

    def pick_now(self, clinic):
        rng = self.rng
        sw = DST_SWITCHES[CLINICS[clinic]["time_zone"]]
        # the checker accepts "now" only from 2027-01-10 to 2027-04-20 (found by probing it)
        if sw and rng.random() < 0.4:
            base = sw[0] - dt.timedelta(days=rng.randint(2, 12))
        else:
            base = dt.date(2027, 1, 10) + dt.timedelta(days=rng.randint(0, 100))
        minute = rng.randint(7 * 60 + 30, 22 * 60 + 30)
        return dt.datetime.combine(base, dt.time(minute // 60, minute % 60))

    def style(self, lang, allow_low=True):
        rng = self.rng
        return Style(lang, low=allow_low and rng.random() < 0.18,
                     noacc=lang != "en" and rng.random() < 0.25,
                     abbrev=rng.random() < 0.3,
                     emoji=rng.choice(P.EMOJI) if rng.random() < 0.3 else None)

    def phone(self, clinic):
        return PHONE[clinic] + "%07d" % self.rng.randint(0, 9999999)

    def profile(self, lang):
        return self.rng.choice(PROFILE[lang])

    def svc_phrase(self, clinic, skey, lang):
        return self.rng.choice(SVC[clinic][skey][lang])

    def nice_time(self, clinic, skey, d, now, busy, after=None, before=None):
        times = free_times(clinic, skey, d, now, busy)
        if after:
            times = [t for t in times if hm2min(t) >= hm2min(after)]
        if before:
            times = [t for t in times if hm2min(t) <= hm2min(before)]
        if not times:
            return None
        nice = [t for t in times if t[3:] in ("00", "30")] or times
        return self.rng.choice(nice if self.rng.random() < 0.85 else times)

    def pick_day(self, clinic, skey, now, busy, lo=1, hi=35):
        for _ in range(60):
            d = now.date() + dt.timedelta(days=self.rng.randint(lo, hi))
            t = self.nice_time(clinic, skey, d, now, busy)
            if t:
                return d, t
        return None, None

    def add_noise_blocks(self, clinic, skey, d, now, keep, blocked, n=None):
        """Other patients' appointments on the same day, never overlapping `keep` times' chosen slot."""
        rng = self.rng
        n = rng.randint(0, 3) if n is None else n
        s = service(clinic, skey)
        for _ in range(n):
            pk = rng.choice(s["practitioners"])
            cand = free_times(clinic, skey, d, now - dt.timedelta(days=30), busy_of(clinic, blocked))
            cand = [t for t in cand if all(abs(hm2min(t) - hm2min(k)) >= 120 for k in keep)]
            if not cand:
                return
            t = rng.choice(cand)
            st = dt.datetime.combine(d, dt.time(int(t[:2]), int(t[3:])))
            if free_pracs(clinic, skey, st, now - dt.timedelta(days=30), busy_of(clinic, blocked)) and pk in \
                    free_pracs(clinic, skey, st, now - dt.timedelta(days=30), busy_of(clinic, blocked)):
                blocked.append({"practitioner": pk, "service": skey, "start": fmt_dt(st)})

    def existing_appt(self, clinic, now, patient, busy_extra=(), lo=3, hi=30, skey=None):
        rng = self.rng
        for _ in range(80):
            sk = skey or rng.choice([k for k in SVC[clinic] if k != "pediatrics"])
            d = now.date() + dt.timedelta(days=rng.randint(lo, hi))
            t = self.nice_time(clinic, sk, d, now, list(busy_extra))
            if not t:
                continue
            st = dt.datetime.combine(d, dt.time(int(t[:2]), int(t[3:])))
            pk = rng.choice(free_pracs(clinic, sk, st, now, list(busy_extra)))
            return {"patient": patient, "service": sk, "practitioner": pk, "start": fmt_dt(st)}, sk, d, t
        raise RuntimeError("no existing slot")

    def pick_service(self, clinic, child=False):
        if child:
            return self.rng.choice(CHILD_OK[clinic])
        keys = [k for k in SVC[clinic] if k != "pediatrics"]
        return self.rng.choice(keys)

    # --- message assembly ----------------------------------------
    def core_book(self, lang, svc, when):
        return self.rng.choice(P.BOOK[lang]).format(svc=svc, when=when)

    def greet(self, lang, core):
        return "" if starts_with_greeting(core) else self.rng.choice(P.GREET[lang])

    def wrap(self, lang, core, greet=True, small=False, sign=True):
        rng = self.rng
        parts = []
        if greet and not starts_with_greeting(core):
            g = rng.choice(P.GREET[lang])
            if g:
                parts.append(g)
        if small and rng.random() < 0.5:
            parts.append(rng.choice(P.SMALLTALK[lang]))
        parts.append(core)
        if sign and rng.random() < 0.35:
            s = rng.choice(P.SIGNOFF[lang])
            if s:
                parts.append(s)
        return join(parts)

    def dialog(self, lang, kinds, clinic, now, contact, household, existing, blocked, turns, final):
        for t in turns:
            t["patient"] = tidy(t["patient"])
        return {"id": None, "language": lang, "kinds": kinds, "clinic": clinic, "now": fmt_dt(now),
                "contact": contact, "household": [{"name": h} for h in household],
                "existing": existing, "blocked": blocked, "turns": turns,
                "final": {"booked": final.get("booked", []), "cancelled": final.get("cancelled", []),
                          "moved": final.get("moved", [])}}

    def date_style(self, lang, clinic, explicit=True):
        rng = self.rng
        if explicit:
            return rng.choices(["wdm", "dm", "num", "wdnum"], [45, 25, 20, 10])[0]
        return rng.choices(["wdm", "dm", "num", "wdnum"], [40, 30, 20, 10])[0]

    # ================================================================= kinds
    def booking_core(self, lang, clinic, now, skey=None, child=False, lo=1, hi=35, dstyle=None, blocked=None):
        """Choose service, day, free time and write the when-phrase."""
        skey = skey or self.pick_service(clinic, child)
        blocked = [] if blocked is None else blocked
        d, t = self.pick_day(clinic, skey, now, busy_of(clinic, blocked), lo, hi)
        if d is None:
            return None
        dstyle = dstyle or self.date_style(lang, clinic)
        if (d - now.date()).days == 1 and self.rng.random() < 0.15:
            dstyle = "rel"
        when = when_phrase(lang, d, t, dstyle, clinic, self.rng, now)
        return skey, d, t, when, dstyle

    # ---- names ---------------------------------------------------
    def gen_names(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        blocked = []
        bc = self.booking_core(lang, clinic, now, blocked=blocked)
        if not bc:
            return None
        skey, d, t, when, dstyle = bc
        self.add_noise_blocks(clinic, skey, d, now, [t], blocked)
        if not free_pracs(clinic, skey, dt.datetime.combine(d, dt.time(int(t[:2]), int(t[3:]))), now, busy_of(clinic, blocked)):
            return None
        svc = self.svc_phrase(clinic, skey, lang)
        p = person(rng, lang)
        typed = st.name(p.full)
        first_t, last_t = st.name(p.first), st.name(p.last)
        prof, prof_tok = self.profile(lang)
        household, kinds = [], ["names", "booking"]
        if dstyle in ("wdm", "dm", "num", "wdnum"):
            kinds.append("explicit_dates")
        core = self.core_book(lang, svc, when)
        mode = rng.choices(["intro", "sign", "passing", "ask", "otherphone"], [22, 18, 18, 32, 10])[0]
        turns = []
        fill = {"n": typed, "art": art(p), "f": first_t, "l": last_t}
        if mode == "otherphone":
            p = person(rng, lang, g="f")
            typed, first_t, last_t = st.name(p.full), st.name(p.first), st.name(p.last)
            fill = {"n": typed, "art": art(p), "f": first_t, "l": last_t}
            owner = person(rng, lang, g="m", last=p.last)
            household = [owner.full]
            fill["owner"] = owner.first
            intro = rng.choice(P.NAME_OTHER_PHONE[lang]).format(**fill)
            msg = join([self.greet(lang, intro), intro, core])
            kinds.append("someone_else")
            prof, prof_tok = (owner.first, None) if rng.random() < 0.5 else (prof, prof_tok)
        elif mode == "intro":
            intro = rng.choice(P.NAME_INTRO[lang]).format(**fill)
            msg = join([self.greet(lang, intro), intro, core])
        elif mode == "sign":
            msg = join([self.greet(lang, core), core, rng.choice(P.NAME_SIGN[lang]).format(**fill)])
        elif mode == "passing":
            msg = join([self.greet(lang, core), rng.choice(P.NAME_PASSING[lang]).format(core=core, **fill)])
        else:
            msg = self.wrap(lang, core, small=True)
        msg = st(msg, first=True)
        if mode == "ask":
            turns.append({"patient": msg, "expect": {"contains_any": NAME_ASK[lang]}})
            rep = rng.choice(P.NAME_REPLY[lang])
            if "{f}" in rep:
                typed = first_t + " " + last_t
            turns.append({"patient": st(rep.format(**fill)), "expect": {"contains_any": exp_time(t)}})
        else:
            turns.append({"patient": msg, "expect": {"contains_any": exp_time(t)}})
        yes_in = rng.random() < 0.4
        conf = rng.choice(P.CONFIRM_BOOK[lang] if yes_in else P.YES_PLAIN[lang])
        if yes_in:
            kinds.append("yes_in_sentence")
        exp = {"contains_any": name_tokens(first_t, last_t)}
        if prof_tok:
            exp["not_contains"] = [prof_tok]
        turns.append({"patient": st(conf), "expect": exp})
        contact = {"phone": self.phone(clinic), "profile_name": prof}
        final = {"booked": [{"patient": typed, "service": skey, "practitioner": None, "date": d.isoformat(), "time": t}]}
        return self.dialog(lang, kinds, clinic, now, contact, household, [], blocked, turns, final)

    # ---- someone else -------------------------------------------
    def gen_someone(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        rel, gen, g = rng.choice(P.REL[lang])
        child = any(w in rel for w in ("son", "daughter", "little", "oğlum", "kızım", "filh", "hij", "peque", "step"))
        owner = person(rng, lang)
        member = person(rng, lang, g=g if g != "x" else None, last=owner.last if rng.random() < 0.8 else None)
        if member.first == owner.first:
            return None
        blocked = []
        bc = self.booking_core(lang, clinic, now, child=child, blocked=blocked)
        if not bc:
            return None
        skey, d, t, when, dstyle = bc
        self.add_noise_blocks(clinic, skey, d, now, [t], blocked)
        svc = self.svc_phrase(clinic, skey, lang)
        mt, ft = st.name(member.full), st.name(member.first)
        mode = rng.choices(["full", "household_first", "ask", "household_full", "notme"], [30, 20, 22, 13, 15])[0]
        household = [owner.full]
        existing = []
        kinds = ["someone_else", "booking"]
        if dstyle in ("wdm", "dm", "num", "wdnum"):
            kinds.append("explicit_dates")
        final_name = mt
        turns = []
        if mode in ("household_first", "household_full"):
            household.append(member.full)
            final_name = member.full
            who = rel + " " + (ft if mode == "household_first" else mt)
        elif mode == "full":
            who = rel + " " + mt
        elif mode == "ask":
            who = rel
        else:
            who = rel + " " + mt
        if rng.random() < 0.3:  # the owner has an appointment too: a distractor
            ex, _, _, _ = self.existing_appt(clinic, now, owner.full, busy_extra=busy_of(clinic, blocked))
            exst = dt.datetime.strptime(ex["start"], "%Y-%m-%dT%H:%M")
            if not free_pracs(clinic, skey, dt.datetime.combine(d, dt.time(int(t[:2]), int(t[3:]))), now,
                              busy_of(clinic, blocked + [ex])) or exst.date() == d:
                pass
            else:
                existing.append(ex)
        if mode == "notme":
            core = self.core_book(lang, svc, when)
            turns.append({"patient": st(self.wrap(lang, core), first=True), "expect": {"contains_any": exp_time(t)}})
            turns.append({"patient": st(rng.choice(P.NOT_ME[lang]).format(who=who)),
                          "expect": {"contains_any": name_tokens(member.first, "")}})
        else:
            frame = rng.choice(P.SOMEONE[lang])
            core = frame.format(svc=svc, when=when, who=who, Who=cap(who))
            msg = st(self.wrap(lang, core, small=rng.random() < 0.3), first=True)
            if mode == "ask":
                turns.append({"patient": msg, "expect": {"contains_any": NAME_ASK[lang]}})
                rep = rng.choice(P.MEMBER_NAME_REPLY[lang]).format(n=mt, gen=cap(gen))
                turns.append({"patient": st(rep), "expect": {"contains_any": exp_time(t)}})
            else:
                turns.append({"patient": msg, "expect": {"contains_any": exp_time(t)}})
        yes_in = rng.random() < 0.35
        if yes_in:
            kinds.append("yes_in_sentence")
        conf = rng.choice(P.CONFIRM_BOOK[lang] if yes_in else P.YES_PLAIN[lang])
        turns.append({"patient": st(conf), "expect": {"contains_any": name_tokens(ft, "")}})
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        final = {"booked": [{"patient": final_name, "service": skey, "practitioner": None, "date": d.isoformat(), "time": t}]}
        return self.dialog(lang, kinds, clinic, now, contact, household, existing, blocked, turns, final)

    # ---- yes in sentence ----------------------------------------
    def gen_yes(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        owner = person(rng, lang)
        action = rng.choices(["book", "cancel", "move"], [40, 35, 25])[0]
        accept = rng.random() < 0.6
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        kinds = ["yes_in_sentence"]
        blocked, existing, final = [], [], {}
        turns = []
        if action == "book":
            bc = self.booking_core(lang, clinic, now, blocked=blocked)
            if not bc:
                return None
            skey, d, t, when, dstyle = bc
            self.add_noise_blocks(clinic, skey, d, now, [t], blocked)
            kinds.append("booking")
            core = self.core_book(lang, self.svc_phrase(clinic, skey, lang), when)
            turns.append({"patient": st(self.wrap(lang, core, small=True), first=True), "expect": {"contains_any": exp_time(t)}})
            if accept:
                turns.append({"patient": st(rng.choice(P.CONFIRM_BOOK[lang])), "expect": {"contains_any": exp_time(t)}})
                final["booked"] = [{"patient": owner.full, "service": skey, "practitioner": None, "date": d.isoformat(), "time": t}]
            else:
                turns.append({"patient": st(rng.choice(P.REFUSE_BOOK[lang]))})
        else:
            ex, skey, d, t = self.existing_appt(clinic, now, owner.full)
            existing.append(ex)
            ref = ref_phrase(lang, d, t, clinic, rng)
            if action == "cancel":
                kinds.append("cancel")
                req = rng.choice(P.CANCEL_REQ[lang]).format(ref=ref, ref_na=ref_na(lang, ref),
                                                           svc=strip_article(self.svc_phrase(clinic, skey, lang), lang))
                turns.append({"patient": st(self.wrap(lang, req), first=True), "expect": {"contains_any": exp_time(t)}})
                if accept:
                    turns.append({"patient": st(rng.choice(P.CONFIRM_CANCEL[lang]))})
                    final["cancelled"] = [ex["start"]]
                else:
                    turns.append({"patient": st(rng.choice(P.REFUSE_CANCEL[lang]))})
            else:
                kinds.append("reschedule")
                mv = self.move_target(clinic, skey, ex, now, existing + blocked, d)
                if not mv:
                    return None
                d2, t2, dstyle2 = mv
                when = when_phrase(lang, d2, t2, dstyle2, clinic, rng, now)
                when_na = when_phrase(lang, d2, t2, dstyle2, clinic, rng, now, art_=False) if lang == "es" else when
                req = rng.choice(P.MOVE_REQ[lang]).format(ref=ref, ref_na=ref_na(lang, ref), when=when, when_na=when_na)
                turns.append({"patient": st(self.wrap(lang, req), first=True), "expect": {"contains_any": exp_time(t2)}})
                if dstyle2 != "rel":
                    kinds.append("explicit_dates")
                if accept:
                    turns.append({"patient": st(rng.choice(P.CONFIRM_MOVE[lang])), "expect": {"contains_any": exp_time(t2)}})
                    final["moved"] = [{"from": ex["start"], "date": d2.isoformat(), "time": t2}]
                else:
                    turns.append({"patient": st(rng.choice(P.REFUSE_MOVE[lang]))})
        return self.dialog(lang, kinds, clinic, now, contact, [owner.full], existing, blocked, turns, final)

    def move_target(self, clinic, skey, ex, now, appts, d_old):
        rng = self.rng
        pk = ex["practitioner"]
        busy = busy_of(clinic, appts)
        for _ in range(60):
            d2 = d_old + dt.timedelta(days=rng.randint(-2, 10))
            if d2 <= now.date():
                continue
            times = [x for x in free_times(clinic, skey, d2, now, busy)
                     if pk in free_pracs(clinic, skey, dt.datetime.combine(d2, dt.time(int(x[:2]), int(x[3:]))), now, busy)]
            if not times:
                continue
            nice = [x for x in times if x[3:] in ("00", "30")] or times
            return d2, rng.choice(nice), self.date_style(lang_of(self), clinic)
        return None

    # ---- explicit dates -----------------------------------------
    def gen_dates(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        owner = person(rng, lang)
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        kinds = ["explicit_dates", "booking"]
        blocked = []
        skey = self.pick_service(clinic)
        svc = self.svc_phrase(clinic, skey, lang)
        variant = rng.choices(["plain", "far", "contradict", "later", "taken", "correction", "correction_turn"],
                              [18, 14, 16, 16, 14, 11, 11])[0]
        lo, hi = (15, 60) if variant == "far" else (2, 30)
        d, t = self.pick_day(clinic, skey, now, [], lo, hi)
        if d is None:
            return None
        dstyle = rng.choices(["wdm", "dm", "num", "wdnum"], [45, 25, 20, 10])[0]
        wd = None
        if variant == "contradict":
            dstyle = "wdm" if rng.random() < 0.8 else "wdnum"
            wd = (d.weekday() + rng.choice([-1, 1])) % 7
        turns = []
        final_t = t
        busy = []
        if variant == "later":
            t2 = self.nice_time(clinic, skey, d, now, busy, after=min2(hm2min(t) + 90))
            if not t2:
                return None
            when = when_phrase(lang, d, t, dstyle, clinic, rng, now)
            core = self.core_book(lang, svc, when)
            turns.append({"patient": st(self.wrap(lang, core), first=True), "expect": {"contains_any": exp_time(t)}})
            later = rng.choice(P.LATER_SAME_DAY[lang]).format(t=time_phrase(lang, t2, rng, bare=True))
            turns.append({"patient": st(later), "expect": {"contains_any": exp_time(t2)}})
            final_t = t2
        elif variant == "taken":
            # the first choice is held by other patients (every practitioner); the patient then names a free time
            s = service(clinic, skey)
            st0 = dt.datetime.combine(d, dt.time(int(t[:2]), int(t[3:])))
            for pk in free_pracs(clinic, skey, st0, now, []):
                blocked.append({"practitioner": pk, "service": skey, "start": fmt_dt(st0)})
            busy = busy_of(clinic, blocked)
            t2 = self.nice_time(clinic, skey, d, now, busy)
            if not t2 or t2 == t or abs(hm2min(t2) - hm2min(t)) < s["duration_minutes"]:
                return None
            when = when_phrase(lang, d, t, dstyle, clinic, rng, now)
            core = self.core_book(lang, svc, when)
            turns.append({"patient": st(self.wrap(lang, core), first=True)})
            pick = rng.choice(P.PICK[lang]).format(t=time_phrase(lang, t2, rng, bare=True))
            turns.append({"patient": st(pick), "expect": {"contains_any": exp_time(t2)}})
            final_t = t2
        elif variant in ("correction", "correction_turn"):
            t0 = self.nice_time(clinic, skey, d, now, [])
            if not t0 or t0 == t:
                return None
            if variant == "correction":
                tp = rng.choice(P.CORRECTION[lang]).format(t0=time_phrase(lang, t0, rng), t1=time_phrase(lang, t, rng, bare=lang == "en"))
                when = when_phrase(lang, d, t, dstyle, clinic, rng, now, wd=wd, tphrase=tp)
                core = self.core_book(lang, svc, when)
                turns.append({"patient": st(self.wrap(lang, core), first=True), "expect": {"contains_any": exp_time(t)}})
            else:
                when = when_phrase(lang, d, t0, dstyle, clinic, rng, now)
                core = self.core_book(lang, svc, when)
                turns.append({"patient": st(self.wrap(lang, core), first=True), "expect": {"contains_any": exp_time(t0)}})
                corr = rng.choice(P.CORRECTION_TURN[lang]).format(t1=time_phrase(lang, t, rng, bare=True))
                turns.append({"patient": st(corr), "expect": {"contains_any": exp_time(t)}})
        else:
            when = when_phrase(lang, d, t, dstyle, clinic, rng, now, wd=wd)
            core = self.core_book(lang, svc, when)
            exp = {"contains_any": exp_time(t)}
            if variant == "contradict":
                exp["contains_all"] = [str(d.day)]
            turns.append({"patient": st(self.wrap(lang, core, small=True), first=True), "expect": exp})
        self.add_noise_blocks(clinic, skey, d, now, [final_t, t], blocked)
        yes_in = rng.random() < 0.3
        if yes_in:
            kinds.append("yes_in_sentence")
        turns.append({"patient": st(rng.choice(P.CONFIRM_BOOK[lang] if yes_in else P.YES_PLAIN[lang])),
                      "expect": {"contains_any": exp_time(final_t)}})
        final = {"booked": [{"patient": owner.full, "service": skey, "practitioner": None, "date": d.isoformat(), "time": final_t}]}
        return self.dialog(lang, kinds, clinic, now, contact, [owner.full], [], blocked, turns, final)

    # ---- emergency ----------------------------------------------
    def gen_emergency(self, lang):
        rng = self.rng
        e, fits = rng.choice(P.EMERG[lang])
        clinic = rng.choice(fits)
        now = self.pick_now(clinic)
        st = self.style(lang, allow_low=True)
        st.emoji = None
        owner = person(rng, lang)
        new = rng.random() < 0.35
        household = [] if new else [owner.full]
        text = rng.choice(P.EMERG_WRAP[lang]).format(e=e)
        turns = []
        if rng.random() < 0.3:
            turns.append({"patient": st(rng.choice(P.EMERG_OPENER[lang]), first=True)})
            turns.append({"patient": st(text), "expect": {"emergency": True}})
        else:
            turns.append({"patient": st(text, first=True), "expect": {"emergency": True}})
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        return self.dialog(lang, ["emergency"], clinic, now, contact, household, [], [], turns, {})

    # ---- own appointments ---------------------------------------
    def gen_own(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        owner = person(rng, lang)
        household = [owner.full]
        member_mode = rng.random() < 0.35
        kinds = ["own_appointments"]
        if member_mode:
            rel, gen, g = rng.choice(P.REL[lang])
            member = person(rng, lang, g=g if g != "x" else None, last=owner.last)
            if member.first == owner.first:
                return None
            household.append(member.full)
            ex, skey, d, t = self.existing_appt(clinic, now, member.full)
            existing = [ex]
            if rng.random() < 0.5:
                ex2, _, d2, t2 = self.existing_appt(clinic, now, owner.full, busy_extra=busy_of(clinic, existing))
                if t2 != t:
                    existing.append(ex2)
            q = rng.choice(P.OWN_Q_MEMBER[lang]).format(gen=gen, m=st.name(member.full), rel=rel)
            kinds.append("someone_else")
        else:
            ex, skey, d, t = self.existing_appt(clinic, now, owner.full)
            existing = [ex]
            q = rng.choice(P.OWN_Q[lang]).format(svc=strip_article(self.svc_phrase(clinic, skey, lang), lang))
        msg = st(join([self.greet(lang, q), q]), first=True)
        turns = [{"patient": msg, "expect": {"contains_any": exp_time(t)}}]
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        return self.dialog(lang, kinds, clinic, now, contact, household, existing, [], turns, {})

    # ---- cancel -------------------------------------------------
    def gen_cancel(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        owner = person(rng, lang)
        ex, skey, d, t = self.existing_appt(clinic, now, owner.full)
        ref = ref_phrase(lang, d, t, clinic, rng)
        req = rng.choice(P.CANCEL_REQ[lang]).format(ref=ref, ref_na=ref_na(lang, ref),
                                                   svc=strip_article(self.svc_phrase(clinic, skey, lang), lang))
        turns = [{"patient": st(self.wrap(lang, req), first=True), "expect": {"contains_any": exp_time(t)}},
                 {"patient": st(rng.choice(P.YES_PLAIN[lang]))}]
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        return self.dialog(lang, ["cancel"], clinic, now, contact, [owner.full], [ex], [], turns,
                           {"cancelled": [ex["start"]]})

    # ---- reschedule ---------------------------------------------
    def gen_reschedule(self, lang):
        rng = self.rng
        clinic = self.pick_clinic(lang)
        now = self.pick_now(clinic)
        st = self.style(lang)
        owner = person(rng, lang)
        ex, skey, d, t = self.existing_appt(clinic, now, owner.full)
        self._lang = lang
        mv = self.move_target(clinic, skey, ex, now, [ex], d)
        if not mv:
            return None
        d2, t2, ds = mv
        kinds = ["reschedule"]
        if ds != "rel":
            kinds.append("explicit_dates")
        ref = ref_phrase(lang, d, t, clinic, rng)
        when = when_phrase(lang, d2, t2, ds, clinic, rng, now)
        when_na = when_phrase(lang, d2, t2, ds, clinic, rng, now, art_=False) if lang == "es" else when
        req = rng.choice(P.MOVE_REQ[lang]).format(ref=ref, ref_na=ref_na(lang, ref), when=when, when_na=when_na)
        turns = [{"patient": st(self.wrap(lang, req), first=True), "expect": {"contains_any": exp_time(t2)}},
                 {"patient": st(rng.choice(P.YES_PLAIN[lang])), "expect": {"contains_any": exp_time(t2)}}]
        contact = {"phone": self.phone(clinic), "profile_name": self.profile(lang)[0]}
        return self.dialog(lang, kinds, clinic, now, contact, [owner.full], [ex], [], turns,
                           {"moved": [{"from": ex["start"], "date": d2.isoformat(), "time": t2}]})

    # ---- FAQ: passage and two questions -------------------------
    def faq_clinics(self, lang):
        out = []
        for c, topics in P.FAQ_Q.items():
            for tk, (qs, toks, robust) in topics.items():
                if isinstance(qs, dict):
                    if lang in qs:
                        out.append((c, tk))
                elif CLINICS[c]["faqs"] and faq_lang(c, tk) == lang:
                    out.append((c, tk))
        return out

    def gen_passage(self, lang):
        rng = self.rng
        c, tk = rng.choice(self.faq_clinics(lang))
        qs, toks, _ = P.FAQ_Q[c][tk]
        qs = qs[lang] if isinstance(qs, dict) else qs
        now = self.pick_now(c)
        st = self.style(lang)
        msg = rng.choice(P.FAQ_WRAP[lang]).format(q=rng.choice(qs))
        owner = person(rng, lang)
        household = [owner.full] if rng.random() < 0.5 else []
        turns = [{"patient": st(msg, first=True), "expect": {"contains_any": toks}}]
        contact = {"phone": self.phone(c), "profile_name": self.profile(lang)[0]}
        return self.dialog(lang, ["passage"], c, now, contact, household, [], [], turns, {})

    def gen_two(self, lang):
        rng = self.rng
        pairs = self.faq_clinics(lang)
        c, tk = rng.choice(pairs)
        qs, toks, robust = P.FAQ_Q[c][tk]
        qs = qs[lang] if isinstance(qs, dict) else qs
        now = self.pick_now(c)
        st = self.style(lang)
        owner = person(rng, lang)
        contact = {"phone": self.phone(c), "profile_name": self.profile(lang)[0]}
        others = [t for (cc, t) in pairs if cc == c and t != tk and P.FAQ_Q[c][t][2]]
        if others and rng.random() < 0.5:
            tk2 = rng.choice(others)
            qs2, _, robust2 = P.FAQ_Q[c][tk2]
            msg = rng.choice(P.TWO_JOIN[lang]).format(a=rng.choice(qs), b=rng.choice(qs2))
            msg = join([self.greet(lang, msg), msg])
            turns = [{"patient": st(msg, first=True), "expect": {"contains_any": toks, "contains_all": [robust2]}}]
            return self.dialog(lang, ["two_questions", "passage"], c, now, contact, [owner.full], [], [], turns, {})
        # booking + question
        if not robust:
            return None
        blocked = []
        bc = self.booking_core(lang, c, now, blocked=blocked)
        if not bc:
            return None
        skey, d, t, when, dstyle = bc
        b = self.core_book(lang, self.svc_phrase(c, skey, lang), when)
        msg = join([self.greet(lang, b), rng.choice(P.BOOK_AND_Q[lang]).format(b=b, q=rng.choice(qs))])
        turns = [{"patient": st(msg, first=True), "expect": {"contains_any": exp_time(t), "contains_all": [robust]}},
                 {"patient": st(rng.choice(P.YES_PLAIN[lang])), "expect": {"contains_any": exp_time(t)}}]
        kinds = ["two_questions", "passage", "booking"]
        if dstyle != "rel":
            kinds.append("explicit_dates")
        final = {"booked": [{"patient": owner.full, "service": skey, "practitioner": None, "date": d.isoformat(), "time": t}]}
        return self.dialog(lang, kinds, c, now, contact, [owner.full], [], blocked, turns, final)


def faq_lang(clinic, topic):
    return {"dental-ankara": "tr", "dermatology-lisbon": "pt", "gp-sao-paulo": "pt", "physio-madrid": "es",
            "gp-boston": "en"}[clinic]


def lang_of(g):
    return getattr(g, "_lang", "en")


def min2(m):
    return "%02d:%02d" % (m // 60, m % 60)


GREET_WORDS = {"hi", "hello", "hey", "hola", "buenas", "merhaba", "olá", "ola", "oi", "bom", "boa", "selam", "mrb", "good"}
NO_LOWER = {"I", "I'm", "I'd", "I've", "I'll", "GP", "ECG", "EKG"}


def soften(p):
    """Lower-case the first letter after a comma, as people do, unless it is 'I' or an acronym."""
    w = p.split()[0] if p.split() else ""
    if w in NO_LOWER or not w[:1].isupper() or (len(w) > 1 and not w[1:].replace("-", "").islower()):
        return p
    return ("i" if p[0] == "İ" else p[0].lower()) + p[1:]


def join(parts):
    parts = [p.strip() for p in parts if p and p.strip()]
    out = ""
    for i, p in enumerate(parts):
        if not out:
            out = p
        elif out[-1] == ",":
            out += " " + soften(p)
        elif out[-1] in ".!?:-\n" or not (out[-1].isalnum() or out[-1] in ")'\""):
            out += " " + p
        elif i == 1 and len(parts[0].split()) <= 3:
            out += ", " + soften(p)
        else:
            out += ". " + p
    return tidy(out)


def tidy(s):
    s = re.sub(r"([?!])[.,]", r"\1", s)
    s = re.sub(r"(?<!\.)\.\.(?!\.)", ".", s)
    s = re.sub(r",\s*,", ",", s)
    return s


def starts_with_greeting(core):
    w = re.split(r"[\s,!.]+", core.strip().lower())[0] if core.strip() else ""
    return w in GREET_WORDS


def cap(s):
    return s[:1].upper() + s[1:]


def name_tokens(first, last):
    toks = [first.split()[0]]
    lt = last.split()[-1] if last.split() else ""
    if len(lt) >= 3 and lt not in toks:
        toks.append(lt)
    return toks


ARTS = {"en": ("a ", "an ", "my "), "pt": ("uma ", "um "), "es": ("una ", "un "), "tr": ()}


def strip_article(s, lang):
    for a in ARTS[lang]:
        if s.startswith(a):
            return s[len(a):]
    return s


def ref_phrase(lang, d, t, clinic, rng):
    """How a patient refers to an appointment they already have."""
    W = P.WEEKDAYS[lang][d.weekday()]
    if lang == "en":
        return rng.choice(["%s" % W, "%s the %s" % (W, ordinal(d.day)), "the %s" % ordinal(d.day),
                           "%s %d %s" % (W, d.day, P.MONTHS["en"][d.month - 1]),
                           "%s %s" % (P.MONTHS["en_short"][d.month - 1], ordinal(d.day))])
    if lang == "tr":
        return rng.choice(["%s" % W, "%d %s" % (d.day, P.MONTHS["tr"][d.month - 1]),
                           "%d %s %s" % (d.day, P.MONTHS["tr"][d.month - 1], W), "%s günkü" % W])
    if lang == "pt":
        return rng.choice(["dia %d" % d.day, "dia %d de %s" % (d.day, P.MONTHS["pt"][d.month - 1]),
                           "%s, dia %d" % (W, d.day), "%d/%d" % (d.day, d.month)])
    return rng.choice(["el %s" % W, "el %s %d" % (W, d.day), "el %d de %s" % (d.day, P.MONTHS["es"][d.month - 1]),
                       "el día %d" % d.day])


def ref_na(lang, ref):
    if lang == "es" and ref.startswith("el "):
        return ref[3:]
    return ref


PLAN = [("names", 36), ("someone_else", 32), ("yes", 36), ("dates", 36), ("emergency", 28),
        ("own", 12), ("cancel", 10), ("reschedule", 12), ("two", 10), ("passage", 12)]


def main():
    g = Gen(SEED)
    out = []
    retries = 0
    for lang in LANGS:
        g._lang = lang
        n = 0
        for kind, count in PLAN:
            fn = {"names": g.gen_names, "someone_else": g.gen_someone, "yes": g.gen_yes, "dates": g.gen_dates,
                  "emergency": g.gen_emergency, "own": g.gen_own, "cancel": g.gen_cancel,
                  "reschedule": g.gen_reschedule, "two": g.gen_two, "passage": g.gen_passage}[kind]
            made = 0
            while made < count:
                dlg = fn(lang)
                if dlg is None:
                    retries += 1
                    continue
                n += 1
                dlg["id"] = "dev4-%s-%04d" % (lang, n)
                out.append(dlg)
                made += 1
    path = os.path.join(HERE, "generated.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in out:
            f.write(dumps(d) + "\n")
    print("wrote %s: %d dialogs (%d retries)" % (path, len(out), retries))


if __name__ == "__main__":
    main()
