#!/usr/bin/env python3
"""Development dialog corpus for Frontdesk (see ../FORMAT.md).

    python3 generate.py                 # writes generated.jsonl (deterministic, seed below)
    python3 generate.py --check FILE    # validates a JSONL file (slot rules, structure)
    python3 generate.py --stats FILE    # counts per language / kind / clinic

Standard library only. Every generated dialog is validated before it is written: requested
times are free (or taken when the dialog tests a taken time) under the slot rules of
FORMAT.md, dates carry the right weekday unless a contradiction is deliberate, and `final`
matches what the script asks for.
"""
import json
import os
import random
import re
import sys
import unicodedata
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SEED = 20270117
HERE = os.path.dirname(os.path.abspath(__file__))
CLINICS = {c["key"]: c for c in json.load(open(os.path.join(HERE, "..", "clinics.json"), encoding="utf-8"))["clinics"]}
CLINIC_KEYS = ["dental-ankara", "dermatology-lisbon", "physio-madrid", "gp-boston", "gp-sao-paulo"]
LANGS = ["en", "tr", "pt", "es"]
KINDS = ["names", "someone_else", "yes_in_sentence", "explicit_dates", "own_appointments", "passage",
         "clinic_fit", "service_words", "day_parts", "emergency", "answer_language", "two_questions",
         "booking", "cancel", "reschedule"]
WD_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NOW_MIN, NOW_MAX = datetime(2027, 1, 10, 0, 0), datetime(2027, 4, 20, 23, 59)
TURN_GAP = timedelta(minutes=2)


# ----------------------------------------------------------------------------- slot rules

def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt_hm(minutes):
    return "%02d:%02d" % (minutes // 60, minutes % 60)


def parse_dt(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M")


def fmt_dt(dt):
    return dt.strftime("%Y-%m-%dT%H:%M")


def service(clinic, key):
    for s in clinic["services"]:
        if s["key"] == key:
            return s
    raise KeyError("%s: no service %s" % (clinic["key"], key))


def prac(clinic, key):
    for p in clinic["practitioners"]:
        if p["key"] == key:
            return p
    raise KeyError("%s: no practitioner %s" % (clinic["key"], key))


def prac_ranges(clinic, pkey, d):
    out = []
    for r in prac(clinic, pkey)["working_hours"].get(WD_KEYS[d.weekday()], []):
        a, b = r.split("-")
        out.append((hm(a), hm(b)))
    return out


def aware(clinic, dt):
    return dt.replace(tzinfo=ZoneInfo(clinic["time_zone"]))


def real_minutes_between(clinic, a, b):
    """Elapsed real minutes from local a to local b (DST aware)."""
    return (aware(clinic, b) - aware(clinic, a)).total_seconds() / 60.0


def works(clinic, pkey, start, dur):
    m = start.hour * 60 + start.minute
    return any(a <= m and m + dur <= b for a, b in prac_ranges(clinic, pkey, start.date()))


def busy_intervals(clinic, pkey, items):
    out = []
    for it in items:
        if it["practitioner"] != pkey:
            continue
        s = parse_dt(it["start"])
        out.append((s, s + timedelta(minutes=service(clinic, it["service"])["duration_minutes"])))
    return out


def prac_free(clinic, skey, pkey, start, msg_time, now, busy):
    svc = service(clinic, skey)
    if pkey not in svc["practitioners"]:
        return False
    dur = svc["duration_minutes"]
    pol = clinic["policy"]
    m = start.hour * 60 + start.minute
    if m % pol["slot_grid_minutes"]:
        return False
    if not works(clinic, pkey, start, dur):
        return False
    if real_minutes_between(clinic, msg_time, start) < pol["min_notice_minutes"]:
        return False
    if aware(clinic, start) > aware(clinic, now) + timedelta(days=pol["horizon_days"]):
        return False
    end = start + timedelta(minutes=dur)
    for a, b in busy_intervals(clinic, pkey, busy):
        if a < end and start < b:
            return False
    return True


def free_pracs(clinic, skey, start, msg_time, now, busy, pkey=None):
    cands = [pkey] if pkey else service(clinic, skey)["practitioners"]
    return [p for p in cands if prac_free(clinic, skey, p, start, msg_time, now, busy)]


def free_starts(clinic, skey, d, msg_time, now, busy, pkey=None, lo=0, hi=24 * 60):
    grid = clinic["policy"]["slot_grid_minutes"]
    out = []
    for m in range(0, 24 * 60, grid):
        if lo <= m <= hi:
            st = datetime(d.year, d.month, d.day, m // 60, m % 60)
            if free_pracs(clinic, skey, st, msg_time, now, busy, pkey):
                out.append(st)
    return out


# ----------------------------------------------------------------------------- validation

EXPECT_KEYS = {"contains_any", "contains_all", "not_contains", "emergency", "handoff"}


class Invalid(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Invalid(msg)


def validate(dl, reqs=()):
    """Validate one dialog dict; reqs: internal (date, time, service, prac, must_be_free, msg_index)."""
    did = dl.get("id")
    check(set(dl) == {"id", "language", "kinds", "clinic", "now", "contact", "household", "existing",
                      "blocked", "turns", "final"}, "%s: keys %s" % (did, sorted(dl)))
    check(dl["language"] in LANGS, "%s: language" % did)
    check(dl["kinds"] and all(k in KINDS for k in dl["kinds"]), "%s: kinds %s" % (did, dl["kinds"]))
    check(len(set(dl["kinds"])) == len(dl["kinds"]), "%s: duplicate kinds" % did)
    check(dl["clinic"] in CLINICS, "%s: clinic" % did)
    clinic = CLINICS[dl["clinic"]]
    now = parse_dt(dl["now"])
    check(NOW_MIN <= now <= NOW_MAX, "%s: now out of range" % did)
    c = dl["contact"]
    check(set(c) == {"phone", "profile_name"} and isinstance(c["phone"], str) and c["phone"].startswith("+"),
          "%s: contact" % did)
    check(c["profile_name"] is None or isinstance(c["profile_name"], str), "%s: profile_name" % did)
    names = [h["name"] for h in dl["household"]]
    check(all(set(h) == {"name"} and len(h["name"].split()) >= 2 for h in dl["household"]),
          "%s: household names must be full names" % did)
    check(len(set(names)) == len(names), "%s: household duplicate" % did)
    for it in dl["existing"] + dl["blocked"]:
        svc = service(clinic, it["service"])
        check(it["practitioner"] in svc["practitioners"], "%s: practitioner %s does not do %s" % (did, it["practitioner"], it["service"]))
        st = parse_dt(it["start"])
        check(works(clinic, it["practitioner"], st, svc["duration_minutes"]), "%s: %s outside hours" % (did, it))
        check((st.hour * 60 + st.minute) % clinic["policy"]["slot_grid_minutes"] == 0, "%s: off grid %s" % (did, it))
    for it in dl["existing"]:
        check(set(it) == {"patient", "service", "practitioner", "start"}, "%s: existing keys" % did)
        check(it["patient"] in names, "%s: existing patient %s not in household" % (did, it["patient"]))
    for it in dl["blocked"]:
        check(set(it) == {"practitioner", "service", "start"}, "%s: blocked keys" % did)
    allx = dl["existing"] + dl["blocked"]
    for i, a in enumerate(allx):  # fixtures must not overlap each other
        for b in allx[i + 1:]:
            if a["practitioner"] == b["practitioner"]:
                (s1, e1), = busy_intervals(clinic, a["practitioner"], [a])
                (s2, e2), = busy_intervals(clinic, b["practitioner"], [b])
                check(not (s1 < e2 and s2 < e1), "%s: fixtures overlap %s %s" % (did, a, b))
    check(dl["turns"], "%s: no turns" % did)
    for t in dl["turns"]:
        check(set(t) <= {"patient", "expect"} and isinstance(t.get("patient"), str) and t["patient"].strip(),
              "%s: turn %s" % (did, t))
        if "expect" in t:
            e = t["expect"]
            check(e and set(e) <= EXPECT_KEYS, "%s: expect keys %s" % (did, e))
            for k in ("contains_any", "contains_all", "not_contains"):
                if k in e:
                    check(isinstance(e[k], list) and e[k] and all(isinstance(x, str) and x for x in e[k]), "%s: %s" % (did, k))
            for k in ("emergency", "handoff"):
                if k in e:
                    check(isinstance(e[k], bool), "%s: %s" % (did, k))
    last_msg = now + TURN_GAP * (len(dl["turns"]) - 1)
    f = dl["final"]
    check(set(f) == {"booked", "cancelled", "moved"}, "%s: final keys" % did)
    starts = [e["start"] for e in dl["existing"]]
    for s in f["cancelled"]:
        check(s in starts, "%s: cancelled %s not existing" % (did, s))
    gone = set(f["cancelled"]) | {m["from"] for m in f["moved"]}
    busy = [e for e in dl["existing"] if e["start"] not in gone] + list(dl["blocked"])
    # moved appointments: new time free for the same practitioner (ignoring itself)
    for mv in f["moved"]:
        check(set(mv) in ({"from", "date", "time"}, {"from", "date", "window"}), "%s: moved keys" % did)
        check(mv["from"] in starts, "%s: moved from %s not existing" % (did, mv["from"]))
        ex = [e for e in dl["existing"] if e["start"] == mv["from"]][0]
        d = date.fromisoformat(mv["date"])
        if "time" in mv:
            st = datetime.combine(d, datetime.strptime(mv["time"], "%H:%M").time())
            check(prac_free(clinic, ex["service"], ex["practitioner"], st, last_msg, now, busy),
                  "%s: moved to %s %s not free for %s" % (did, mv["date"], mv["time"], ex["practitioner"]))
            busy.append({"practitioner": ex["practitioner"], "service": ex["service"], "start": fmt_dt(st)})
        else:
            lo, hi = hm(mv["window"][0]), hm(mv["window"][1])
            check(free_starts(clinic, ex["service"], d, last_msg, now, busy, ex["practitioner"], lo, hi),
                  "%s: no free time in moved window" % did)
    for b in f["booked"]:
        check(set(b) in ({"patient", "service", "practitioner", "date", "time"},
                         {"patient", "service", "practitioner", "date", "window"}), "%s: booked keys %s" % (did, b))
        check(isinstance(b["patient"], str) and len(b["patient"].split()) >= 2, "%s: booked patient name" % did)
        svc = service(clinic, b["service"])
        check(b["practitioner"] is None or b["practitioner"] in svc["practitioners"], "%s: booked practitioner" % did)
        d = date.fromisoformat(b["date"])
        if "time" in b:
            st = datetime.combine(d, datetime.strptime(b["time"], "%H:%M").time())
            fp = free_pracs(clinic, b["service"], st, last_msg, now, busy, b["practitioner"])
            check(fp, "%s: booked %s %s %s not free" % (did, b["service"], b["date"], b["time"]))
            busy.append({"practitioner": fp[0], "service": b["service"], "start": fmt_dt(st)})
        else:
            lo, hi = hm(b["window"][0]), hm(b["window"][1])
            check(lo < hi, "%s: window order" % did)
            check(free_starts(clinic, b["service"], d, last_msg, now, busy, b["practitioner"], lo, hi),
                  "%s: no free time in window %s %s" % (did, b["date"], b["window"]))
    for (d, t, skey, pkey, must_free, idx) in reqs:
        st = datetime.combine(d, t)
        mt = now + TURN_GAP * (len(dl["turns"]) - 1 if idx is None else idx)
        base = list(dl["existing"]) + list(dl["blocked"])
        ok = bool(free_pracs(clinic, skey, st, mt, now, base, pkey))
        check(ok == must_free, "%s: requested %s %s %s free=%s expected %s" % (did, skey, d, t, ok, must_free))


# ----------------------------------------------------------------------------- text helpers

def strip_accents(s):
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if unicodedata.category(ch) != "Mn")


def lower_first(s):
    return s[:1].lower() + s[1:] if s and not s.startswith("İ") else s


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}
EN_MON_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TR_MONTH_LOC = {"Ocak": "'ta", "Şubat": "'ta", "Mart": "'ta", "Nisan": "'da", "Mayıs": "'ta", "Haziran": "'da", "Temmuz": "'da"}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "tr": ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"],
    "pt": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
PT_WD_FULL = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"]
EN_WD_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_NUM = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
ES_NUM = ["cero", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"]


def ordinal(n):
    if 10 <= n % 100 <= 20:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def tr_loc(n):
    """Turkish locative suffix after a number as spoken (10'da, 15'te, 10.30'da)."""
    u, t = n % 10, n // 10 * 10
    if u:
        return {1: "'de", 2: "'de", 3: "'te", 4: "'te", 5: "'te", 6: "'da", 7: "'de", 8: "'de", 9: "'da"}[u]
    return {10: "'da", 20: "'de", 30: "'da", 40: "'ta", 50: "'de", 0: "'da"}[t]


def date_phrase(lang, d, now_d, style, rng, wd_override=None):
    """A date phrase for `d` relative to `now_d` (both dates). wd_override: weekday index to
    print instead of the true one (a deliberate contradiction)."""
    wd = d.weekday() if wd_override is None else wd_override
    base = lang[:2]
    mon = MONTHS[base][d.month - 1]
    day = d.day
    W = WEEKDAYS[base][wd]
    if style == "wdm":
        if lang == "en":
            return rng.choice(["on %s %d %s" % (W, day, mon), "on %s, %s %d" % (W, mon, day),
                               "%s %d %s" % (EN_WD_SHORT[wd], day, EN_MON_SHORT[d.month - 1]),
                               "on %s the %s of %s" % (W, ordinal(day), mon), "%s, %s %s" % (W, mon, ordinal(day))])
        if lang == "tr":
            return rng.choice(["%d %s %s" % (day, mon, W), "%d %s %s günü" % (day, mon, W),
                               "%s %d %s" % (W, day, mon), "%d %s %s" % (day, mon.lower(), W.lower())])
        if lang == "pt":
            return rng.choice(["na %s, %d de %s" % (W, day, mon) if wd < 5 else "no %s, %d de %s" % (W, day, mon),
                               "%s, dia %d de %s" % (PT_WD_FULL[wd], day, mon),
                               "na %s-feira dia %d de %s" % (W, day, mon) if wd < 5 else "no sábado dia %d de %s" % (day, mon),
                               "%s %d/%s" % (W, day, mon[:3])])
        if lang == "es":
            return rng.choice(["el %s %d de %s" % (W, day, mon), "el %s, %d de %s" % (W, day, mon),
                               "el %s día %d de %s" % (W, day, mon), "%s %d de %s" % (W, day, mon)])
    if style == "dm":
        if lang == "en":
            return rng.choice(["on %d %s" % (day, mon), "on %s %d" % (mon, day), "on %s %s" % (EN_MON_SHORT[d.month - 1], ordinal(day)),
                               "on the %s of %s" % (ordinal(day), mon), "%s %s" % (mon, ordinal(day))])
        if lang == "tr":
            return rng.choice(["%d %s" % (day, mon), "%d %s%s" % (day, mon, TR_MONTH_LOC.get(mon, "'da")), "%d %s" % (day, mon.lower())])
        if lang == "pt":
            return rng.choice(["no dia %d de %s" % (day, mon), "dia %d de %s" % (day, mon), "para o dia %d de %s" % (day, mon)])
        if lang == "es":
            return rng.choice(["el %d de %s" % (day, mon), "el día %d de %s" % (day, mon), "el %d de %s" % (day, mon)])
    if style == "num":
        if lang == "en":
            assert day > 12
            return rng.choice(["on %d/%02d" % (day, d.month), "on %d/%d" % (day, d.month)])
        if lang == "en-us":
            assert day > 12
            return rng.choice(["on %d/%d" % (d.month, day), "on %02d/%d" % (d.month, day)])
        if lang == "tr":
            return rng.choice(["%02d.%02d" % (day, d.month), "%d.%d.%d" % (day, d.month, d.year), "%02d/%02d" % (day, d.month)])
        if lang == "pt":
            return rng.choice(["dia %02d/%02d" % (day, d.month), "no dia %d/%d" % (day, d.month), "%d/%02d" % (day, d.month)])
        if lang == "es":
            return rng.choice(["el %d/%d" % (day, d.month), "el día %02d/%02d" % (day, d.month), "el %d-%d-%d" % (day, d.month, d.year)])
    if style == "ord":  # day of month only: the next date with that day number
        if lang == "en":
            return rng.choice(["on the %s" % ordinal(day), "the %s" % ordinal(day)])
        if lang == "tr":
            return "ayın %d%s" % (day, {1: "'inde", 2: "'sinde", 3: "'ünde", 4: "'ünde", 5: "'inde", 6: "'sında", 7: "'sinde", 8: "'inde", 9: "'unda", 0: "'unda" if day in (10, 30) else "'sinde"}[day % 10])
        if lang == "pt":
            return rng.choice(["no dia %d" % day, "dia %d" % day])
        if lang == "es":
            return rng.choice(["el día %d" % day, "el %d" % day])
    delta = (d - now_d).days
    if style == "tomorrow":
        assert delta == 1
        return {"en": rng.choice(["tomorrow", "tmrw"]), "tr": "yarın", "pt": "amanhã", "es": "mañana"}[lang]
    if style == "after_tomorrow":
        assert delta == 2
        return {"en": "the day after tomorrow", "tr": rng.choice(["öbür gün", "yarından sonra"]),
                "pt": "depois de amanhã", "es": "pasado mañana"}[lang]
    if style == "weekday":  # the next such weekday, 2..6 days ahead
        assert 2 <= delta <= 6 and wd_override is None
        if lang == "en":
            return rng.choice(["on %s" % W, W, "this coming %s" % W])
        if lang == "tr":
            return rng.choice(["%s günü" % W, W])
        if lang == "pt":
            return ("na %s" % W if wd < 5 else "no sábado") + rng.choice(["", "-feira"] if wd < 5 else [""])
        if lang == "es":
            return "el %s" % W
    if style == "this":  # later this same week
        assert 1 <= delta <= 6 and d.isocalendar()[1] == now_d.isocalendar()[1] and wd_override is None
        return {"en": "this %s" % W, "tr": "bu %s" % W, "pt": ("esta %s" % W if wd < 5 else "este sábado"),
                "es": "este %s" % W}[lang]
    if style == "nextweek":  # weekday of the following ISO week
        assert d.isocalendar()[1] == (now_d + timedelta(days=7)).isocalendar()[1] and wd_override is None
        if lang == "en":
            return rng.choice(["%s next week" % W, "next week on %s" % W])
        if lang == "tr":
            return rng.choice(["haftaya %s" % W, "gelecek hafta %s" % W])
        if lang == "pt":
            return rng.choice(["na %s da semana que vem" % W, "semana que vem, na %s" % W]) if wd < 5 else "no sábado da semana que vem"
        if lang == "es":
            return rng.choice(["el %s de la semana que viene" % W, "la semana que viene, el %s" % W, "el %s de la próxima semana" % W])
    raise ValueError(style)


def style_ok(style, d, now_d, lang):
    delta = (d - now_d).days
    if delta < 1:
        return False
    if style == "tomorrow":
        return delta == 1
    if style == "after_tomorrow":
        return delta == 2
    if style == "weekday":
        return 2 <= delta <= 6
    if style == "this":
        return 1 <= delta <= 6 and d.isocalendar()[1] == now_d.isocalendar()[1]
    if style == "nextweek":
        return d.isocalendar()[1] == (now_d + timedelta(days=7)).isocalendar()[1] and d.isocalendar()[0] == (now_d + timedelta(days=7)).isocalendar()[0]
    if style == "ord":  # the next date with that day number must be d, and at least 3 days away
        nxt = now_d + timedelta(days=1)
        while nxt.day != d.day:
            nxt += timedelta(days=1)
        return nxt == d and delta >= 3
    if style == "num" and lang in ("en", "en-us"):
        return d.day > 12
    return True


def time_variants(h, m):
    """Strings any correct reply mentioning h:m contains (for contains_any)."""
    v = {"%d:%02d" % (h, m), "%d.%02d" % (h, m), "%dh%02d" % (h, m)}
    h12 = h - 12 if h > 12 else h
    if m == 0:
        v |= {"%dh" % h, "%d:00" % h}
        if h >= 12:
            v |= {"%d pm" % h12, "%dpm" % h12, "%d p.m." % h12}
        else:
            v |= {"%d am" % h, "%dam" % h, "%d a.m." % h}
    else:
        v |= {"%d:%02d" % (h12, m)}
    return sorted(v)


def time_phrase(lang, h, m, rng, clinic=None):
    mm = "%02d" % m
    h12 = h - 12 if h > 12 else h
    if lang == "en":
        ap = "pm" if h >= 12 else "am"
        opts = ["at %d:%s" % (h, mm)]
        if m == 0:
            opts += ["at %d%s" % (h12, ap), "at %d %s" % (h12, ap), "at %d:00%s" % (h12, ap)]
            if 8 <= h <= 11:
                opts.append("at %s o'clock in the morning" % EN_NUM[h])
        else:
            opts += ["at %d:%s%s" % (h12, mm, ap), "at %d.%s %s" % (h12, mm, ap), "%d:%s" % (h12, mm) + ap]
        if m == 30 and 8 <= h <= 11:
            opts.append("at half past %s" % EN_NUM[h])
        if m == 30 and 13 <= h <= 18:
            opts.append("at half past %s in the afternoon" % EN_NUM[h12])
        if m == 15 and h >= 13:
            opts.append("at quarter past %s pm" % h12)
        return rng.choice(opts)
    if lang == "tr":
        n = "%d" % h if m == 0 else "%d.%s" % (h, mm)
        opts = ["saat %s%s" % (n, tr_loc(m if m else h)), "%s%s" % (n, tr_loc(m if m else h)),
                "saat %d:%s'%s" % (h, mm, tr_loc(m if m else h)[1:])]
        if h < 12:
            opts.append("sabah %s%s" % (n, tr_loc(m if m else h)))
        if 13 <= h <= 18:
            n12 = "%d" % h12 if m == 0 else "%d.%s" % (h12, mm)
            opts.append("öğleden sonra %s%s" % (n12, tr_loc(m if m else h12)))
        return rng.choice(opts)
    if lang == "pt":
        opts = ["às %dh" % h if m == 0 else "às %dh%s" % (h, mm), "às %d:%s" % (h, mm),
                "%dh" % h if m == 0 else "%dh%s" % (h, mm)]
        if m == 30:
            opts.append("às %d e meia" % h)
        if m == 0 and h < 12:
            opts.append("às %d da manhã" % h)
        if m == 0 and 14 <= h <= 18:
            opts.append("às %d da tarde" % h12)
        return rng.choice(opts)
    if lang == "es":
        opts = ["a las %d" % h if m == 0 else "a las %d:%s" % (h, mm), "a las %d:%s" % (h, mm),
                "a las %d:%sh" % (h, mm)]
        if m == 30:
            opts.append("a las %d y media" % h)
        if m == 15:
            opts.append("a las %d y cuarto" % h)
        if m == 0 and h < 12:
            opts.append("a las %d de la mañana" % h)
        if m == 0 and 15 <= h <= 20:
            opts.append("a las %d de la tarde" % h12)
        if m == 0 and 8 <= h <= 12:
            opts.append("a las %s" % ES_NUM[h])
        return rng.choice(opts)
    raise ValueError(lang)


def bare_time(lang, h, m, rng):
    """How someone picks a time from a list: '10:30', 'às 10h30', 'saat 14.00', ..."""
    mm = "%02d" % m
    if lang == "en":
        return rng.choice(["%d:%s" % (h, mm), "the %d:%s one" % (h, mm), "%d:%s please" % (h, mm)])
    if lang == "tr":
        return rng.choice(["%d:%s olsun" % (h, mm), "saat %d.%s uygun" % (h, mm), "%d.%s iyi" % (h, mm)])
    if lang == "pt":
        return rng.choice(["às %dh%s" % (h, mm if m else ""), "pode ser %d:%s" % (h, mm), "%dh%s" % (h, mm if m else "") + " está bom"])
    if lang == "es":
        return rng.choice(["a las %d:%s" % (h, mm), "la de las %d:%s" % (h, mm), "%d:%s me va bien" % (h, mm)])


# ----------------------------------------------------------------------------- vocabularies

FIRST = {
    "en": {"F": ["Emma", "Olivia", "Sophie", "Hannah", "Zoë", "Chloé", "Renée", "Siobhán", "Niamh", "Aoife", "Grace", "Amélie", "Bridget", "Mary-Jane", "Hélène"],
           "M": ["Liam", "Noah", "James", "Michael", "Seán", "Owen", "Ethan", "Noël", "Mateo", "Declan", "Rory", "Tomás", "André", "Kieran"]},
    "tr": {"F": ["Ayşe", "Gülşen", "Şule", "Çağla", "Öykü", "İrem", "Özge", "Büşra", "Elif", "Zeynep", "Ebru", "Gökçe", "Ayşe Nur", "Şebnem"],
           "M": ["Barış", "Uğur", "Çağrı", "Ömer", "Tolga", "Emre", "Kaan", "Oğuz", "İlker", "Görkem", "Şükrü", "Mehmet Ali", "Doğukan", "Deniz"]},
    "pt": {"F": ["Inês", "Conceição", "Márcia", "Tânia", "Mônica", "Vitória", "Lúcia", "Débora", "Leonor", "Sónia", "Fátima", "Maria João", "Joana", "Luíza"],
           "M": ["João", "Sérgio", "Gonçalo", "Luís", "Antônio", "Flávio", "Fábio", "Rúben", "Tomás", "Simão", "José Maria", "Caio", "Vinícius", "Paulo"]},
    "es": {"F": ["Lucía", "Begoña", "Nuria", "Sofía", "Inés", "Ángela", "Mónica", "Rocío", "Ainhoa", "Maite", "María José", "Itziar", "Pilar", "Araceli"],
           "M": ["José", "Íñigo", "Andrés", "Álvaro", "Martín", "Raúl", "Óscar", "Jesús", "Joaquín", "Jorge", "Ramón", "Juan Carlos", "Iker", "Sebastián"]},
}
LAST = {
    "en": ["Smith", "O'Brien", "McCarthy", "Brontë", "Müller", "Nguyen", "Kowalski", "D'Angelo", "Thompson", "Murphy", "Bennett", "Okafor", "Schäfer", "Lefèvre", "Fitzgerald", "Ó Briain"],
    "tr": ["Yılmaz", "Kaya", "Demirci", "Çelik", "Şahin", "Aksoy", "Arslan", "Doğan", "Kılıç", "Yıldız", "Güneş", "Korkmaz", "Özdemir", "Çetin", "Koç", "Uçar", "Erdem", "Taşkıran"],
    "pt": ["Gonçalves", "Simões", "Magalhães", "Araújo", "Brandão", "Guimarães", "Fernandes", "Sá", "Antunes", "Falcão", "Loureiro", "Assunção", "Reis", "Rocha", "Damásio", "Brás"],
    "es": ["Pérez", "Gómez", "Martínez", "Sánchez", "Núñez", "Ibáñez", "Muñoz", "Jiménez", "Rodríguez", "López", "Cañizares", "Peña", "Álvarez", "Domínguez", "Beltrán", "Garrido"],
}
PRACT_NAMES = {p["name"].replace("Dr. ", "").replace("Dra. ", "").replace("Nurse ", "") for c in CLINICS.values() for p in c["practitioners"]}

# (profile name, a token the replies must not use as the patient's name or None)
PROFILES = {
    "en": [("Mom 💕", "Mom"), ("🌸", None), ("Work phone", "Work phone"), ("Babe", "Babe"), ("✨K✨", None), ("Big Mike", "Big Mike"),
           ("Mum", None), ("Dad's phone", "Dad's phone"), ("iPhone de Casa", "iPhone"), ("Sunshine ☀️", "Sunshine"), (None, None)],
    "tr": [("Annem", None), ("🌙", None), ("Canım", "Canım"), ("İş telefonu", "İş telefonu"), ("Prenses 👑", "Prenses"), ("Kral", "Kral"),
           ("Abla", None), ("Bursalı 1905", "Bursalı"), ("Hayat güzel 🌻", "Hayat güzel"), (None, None)],
    "pt": [("Paulinho 🌴", "Paulinho"), ("Mãe", None), ("Tia Lu", "Tia Lu"), ("🌻", None), ("Amor", "Amor"), ("Telemóvel trabalho", "Telemóvel"),
           ("Princesa", "Princesa"), ("Zé do Talho", "Zé do Talho"), ("Nandinha ✨", "Nandinha"), (None, None)],
    "es": [("Mamá", None), ("La Peque", "La Peque"), ("🌵", None), ("Trabajo", None), ("Cari", "Cari"), ("Papi 👑", "Papi"), ("Pepe el del bar", "Pepe"),
           ("Chiqui", "Chiqui"), ("Móvil empresa", "Móvil empresa"), (None, None)],
}

NAME_INTRO = {
    "en": ["My name is {n}. ", "I'm {n}. ", "This is {n}. ", "{n} here. ", "Hi it's {n}, ", "name's {n}, "],
    "tr": ["Adım {n}. ", "Ben {n}. ", "İsmim {n}. ", "Benim adım {n}, ", "{n} ben, "],
    "pt": ["Chamo-me {n}. ", "Sou {a} {n}. ", "O meu nome é {n}. ", "Meu nome é {n}. ", "Aqui é {a} {n}, "],
    "es": ["Me llamo {n}. ", "Soy {n}. ", "Mi nombre es {n}. ", "Le escribe {n}. ", "Soy {n}, "],
}
NAME_ANSWER = {
    "en": ["{n}", "It's {n}", "My name is {n}", "{n} 🙂", "Sorry! I'm {n}", "name's {n}", "oh yes, {n}"],
    "tr": ["{n}", "Adım {n}", "{n} ben", "Ben {n}, teşekkürler", "İsmim {n}", "adım {n} efendim"],
    "pt": ["{n}", "Chamo-me {n}", "Sou {a} {n}", "É {a} {n}", "O meu nome é {n}", "Meu nome é {n}", "Sim, chamo-me {n}"],
    "es": ["{n}", "Me llamo {n}", "Soy {n}", "Mi nombre es {n}", "{n}, gracias", "Sí, me llamo {n}"],
}
OTHER_NAME_ANSWER = {
    "en": ["Her name is {n}", "His name is {n}", "{n}", "It's for {n}"],
    "tr": ["Adı {n}", "{n}", "İsmi {n}", "{n} için"],
    "pt": ["Chama-se {n}", "{n}", "É para {a} {n}", "O nome é {n}"],
    "es": ["Se llama {n}", "{n}", "Es para {n}", "Su nombre es {n}"],
}
# relation -> (gender, phrases, child?)
RELS = {
    "en": {"son": ("M", ["my son", "my boy"]), "daughter": ("F", ["my daughter", "my little girl"]), "mother": ("F", ["my mother", "my mom", "my mum"]),
           "father": ("M", ["my father", "my dad"]), "wife": ("F", ["my wife"]), "husband": ("M", ["my husband"])},
    "tr": {"son": ("M", ["oğlum"]), "daughter": ("F", ["kızım"]), "mother": ("F", ["annem"]), "father": ("M", ["babam"]),
           "wife": ("F", ["eşim", "hanımım"]), "husband": ("M", ["eşim", "beyim"])},
    "pt": {"son": ("M", ["o meu filho", "meu filho"]), "daughter": ("F", ["a minha filha", "minha filha"]), "mother": ("F", ["a minha mãe", "minha mãe"]),
           "father": ("M", ["o meu pai", "meu pai"]), "wife": ("F", ["a minha mulher", "minha esposa"]), "husband": ("M", ["o meu marido", "meu marido"])},
    "es": {"son": ("M", ["mi hijo", "mi niño"]), "daughter": ("F", ["mi hija", "mi niña"]), "mother": ("F", ["mi madre", "mi mamá"]),
           "father": ("M", ["mi padre", "mi papá"]), "wife": ("F", ["mi mujer", "mi esposa"]), "husband": ("M", ["mi marido"])},
}
CHILD_SVCS = {"dental-ankara": ["checkup", "filling", "braces_consult", "cleaning"], "dermatology-lisbon": ["acne", "consult", "mole_check"],
              "physio-madrid": ["assessment", "session"], "gp-boston": ["consult", "vaccine"], "gp-sao-paulo": ["pediatrics"]}

GREET = {
    "en": {"m": ["Hi, ", "Hello! ", "Good morning, ", "Hey, ", "", "Morning! "], "a": ["Hi, ", "Hello! ", "Good afternoon, ", "Hey there, ", ""], "e": ["Hi, ", "Hello, ", "Good evening, ", ""]},
    "tr": {"m": ["Merhaba, ", "Günaydın, ", "İyi günler, ", "Selam, ", ""], "a": ["Merhaba, ", "İyi günler, ", "Merhabalar. ", ""], "e": ["Merhaba, ", "İyi akşamlar, ", ""]},
    "pt": {"m": ["Olá, ", "Bom dia! ", "Bom dia, ", "Oi, ", ""], "a": ["Olá, ", "Boa tarde, ", "Boa tarde! ", "Oi, ", ""], "e": ["Olá, ", "Boa noite, ", "Oi, ", ""]},
    "es": {"m": ["Hola, ", "Buenos días, ", "Buenas, ", "Hola buenas, ", ""], "a": ["Hola, ", "Buenas tardes, ", "Buenas, ", ""], "e": ["Hola, ", "Buenas noches, ", "Buenas, ", ""]},
}
EMOJI = ["🙏", "😊", "👍", "🙂", "😅", "🤞", "❤️", "😬"]

YES = {
    "en": {"bare": ["Yes", "yes please", "Yep", "ok", "Sure"],
           "book": ["Yes please go ahead and book it", "yep, book it 👍", "Sure, that works, please book it", "Perfect, confirm it please",
                    "ok great, book that one", "That's fine, go ahead and make the booking", "yes that works for me, book me in"],
           "cancel": ["Yes please go ahead and cancel", "yes, cancel it please", "Yes, please cancel it, thanks", "yeah go ahead and cancel it",
                      "Yes, cancel the appointment please"],
           "move": ["Yes, please move it", "yes go ahead and change it", "perfect, please move it to that time", "Yes please reschedule it", "yep, move it"]},
    "tr": {"bare": ["Evet", "evet lütfen", "Tamam", "olur", "Evet 👍"],
           "book": ["Evet, randevuyu alın lütfen", "evet lütfen, oluşturun", "Tamam, onaylıyorum", "olur, kaydedin lütfen", "Evet uygun, ayırın lütfen 👍",
                    "evet o saat olsun, randevuyu oluşturun"],
           "cancel": ["Evet lütfen iptal edin", "evet iptal edin", "Tamam, iptal edebilirsiniz", "evet, randevumu iptal edin lütfen", "Evet, iptal olsun"],
           "move": ["Evet, değiştirin lütfen", "evet o saate alın", "Tamam, taşıyın", "olur, randevuyu o güne alın", "Evet, o şekilde güncelleyin"]},
    "pt": {"bare": ["Sim", "sim por favor", "Ok", "pode ser", "Sim 👍"],
           "book": ["Sim, pode marcar", "pode marcar sim", "sim sim, marque por favor", "Isso, pode confirmar", "Perfeito, pode agendar 👍", "Está ótimo, marque",
                    "sim, pode reservar esse horário"],
           "cancel": ["Pode cancelar sim", "Sim, pode cancelar", "sim, cancele por favor", "pode desmarcar sim, obrigado", "Sim, quero cancelar"],
           "move": ["Sim, pode mudar", "pode remarcar sim", "Sim, pode alterar para esse horário", "isso, pode passar para esse dia", "Sim, mude por favor"]},
    "es": {"bare": ["Sí", "sí, por favor", "Vale", "ok", "Sí 👍"],
           "book": ["Sí, resérvela", "sí, resérvamela por favor", "Vale, resérvalo", "Perfecto, confírmela", "sí sí, apúntame", "De acuerdo, reserve esa hora",
                    "sí, me va bien, resérvela"],
           "cancel": ["Sí, cancélela", "sí, cancélala por favor", "Vale, anúlala", "Sí, por favor, cancele la cita", "sí, anule la cita"],
           "move": ["Sí, cámbiela", "sí, muévela a esa hora", "Vale, cámbiamela", "perfecto, cambie la cita por favor", "sí, pásela a ese día"]},
}
NO = {
    "en": {"book": ["No, don't book it", "no thanks, leave it for now", "Actually no, I'll think about it", "no, don't make the booking, sorry"],
           "cancel": ["No, don't cancel it, I'll keep it", "actually no, keep it please", "no no, leave the appointment as it is"],
           "move": ["No, leave it where it is", "actually no, don't move it, thanks", "no, keep the original time"]},
    "tr": {"book": ["Hayır, teşekkürler", "hayır, vazgeçtim, almayın", "Yok, randevu almayın", "hayır şimdilik kalsın"],
           "cancel": ["Hayır, iptal etmeyin, kalsın", "yok yok iptal etmeyin", "hayır, randevum kalsın"],
           "move": ["Hayır, değiştirmeyin, kalsın", "yok, öyle kalsın", "hayır, eski saati kalsın"]},
    "pt": {"book": ["Não, obrigado", "não, deixa estar, não marque", "Não, afinal não quero marcar", "nao, não marque por agora"],
           "cancel": ["Não, não cancele, vou manter", "não, deixe ficar a consulta", "nao nao, não desmarque"],
           "move": ["Não, deixe como está", "não, melhor não mudar", "não, fica no horário antigo"]},
    "es": {"book": ["No, gracias", "no, mejor no, no la reserve", "No, no reserve nada de momento", "no, déjalo, gracias"],
           "cancel": ["No, no la cancele, la mantengo", "no, mejor déjela como está", "no no, no la anule"],
           "move": ["No, déjela como está", "no, mejor no la cambie", "no, que se quede en la hora de antes"]},
}
FIRST_ONE = {"en": ["the first one works", "first one please", "the earliest one is fine"], "tr": ["ilki olur", "ilk saat uygun", "en erkeni olsun"],
             "pt": ["pode ser o primeiro", "o primeiro horário serve", "o primeiro está ótimo"], "es": ["la primera me va bien", "la primera, por favor", "la más temprana"]}
SAME_DAY_LATER = {"en": ["Same day but later?", "same day but a bit later?", "Could I do the same day but later?"],
                  "tr": ["Aynı gün daha geç?", "aynı gün daha geç bir saat olur mu?", "Aynı gün biraz daha geç olabilir mi?"],
                  "pt": ["Mesmo dia mais tarde?", "no mesmo dia mas mais tarde?", "Dá no mesmo dia, mais tarde?"],
                  "es": ["¿El mismo día pero más tarde?", "mismo día más tarde?", "¿Y el mismo día un poco más tarde?"]}

SVC_WRAP = {  # how people put a service name or alias into a booking request
    "en": ["an appointment for {n}", "a {n} appointment", "{n}"],
    "tr": ["{n} için randevu", "{n} randevusu"],
    "pt": ["{n}"],
    "es": ["cita para {n}", "una cita de {n}", "hora para {n}"],
}
EVERYDAY = {
    "dental-ankara": {
        "checkup": {"en": ["someone to look at my teeth", "a dental check"], "tr": ["dişlerime bir baktırmak", "genel bir diş kontrolü"],
                    "pt": ["de ver os dentes", "de uma revisão aos dentes"], "es": ["que me revisen los dientes", "una revisión de la boca"]},
        "cleaning": {"en": ["my teeth cleaned", "a scale and polish"], "tr": ["dişlerimi temizletmek", "diş temizliği yaptırmak"],
                     "pt": ["de limpar os dentes", "de tirar o tártaro"], "es": ["una limpieza de boca", "quitarme el sarro"]},
        "filling": {"en": ["a cavity filled", "a hole in my tooth fixed"], "tr": ["dişime dolgu yaptırmak", "çürük dişimi tedavi ettirmek"],
                    "pt": ["de tapar um buraco no dente", "de tratar uma cárie"], "es": ["tapar una caries", "arreglarme una muela picada"]},
        "root_canal": {"en": ["the nerve of my tooth treated", "a root canal done"], "tr": ["dişimin sinirini aldırmak", "kanal tedavisi olmak"],
                       "pt": ["de desvitalizar um dente", "de tratar o nervo do dente"], "es": ["matar el nervio de una muela", "que me hagan una endodoncia"]},
        "braces_consult": {"en": ["braces", "clear aligners for my teeth"], "tr": ["diş teli taktırmak", "şeffaf plak için görüşmek"],
                           "pt": ["de pôr aparelho nos dentes", "de ver se preciso de aparelho"], "es": ["ponerme brackets", "informarme sobre ortodoncia invisible"]},
    },
    "dermatology-lisbon": {
        "consult": {"en": ["someone to look at a rash", "a skin doctor for my eczema"], "tr": ["cildime bir doktora baktırmak", "egzamam için doktora görünmek"],
                    "pt": ["que vejam uma mancha na pele", "de uma consulta por causa de um eczema"], "es": ["que me miren una mancha en la piel", "ver a alguien por un eczema"]},
        "mole_check": {"en": ["my moles checked", "someone to look at a mole that changed"], "tr": ["benlerime baktırmak", "benlerimi kontrol ettirmek"],
                       "pt": ["de ver uns sinais que tenho nas costas", "de verificar os sinais"], "es": ["que me miren unos lunares", "revisar un lunar que ha cambiado"]},
        "acne": {"en": ["help with my spots", "something for my breakouts"], "tr": ["sivilcelerimi tedavi ettirmek", "yüzümdeki sivilceler için tedavi olmak"],
                 "pt": ["de tratar as borbulhas", "de tratar as espinhas do rosto"], "es": ["tratarme los granos", "algo para el acné de la cara"]},
        "laser": {"en": ["laser on my legs", "hair removal on my underarms"], "tr": ["lazerle tüylerimi aldırmak", "bacaklarıma lazer yaptırmak"],
                  "pt": ["de fazer laser nas pernas", "de tirar os pelos a laser"], "es": ["hacerme el láser en las piernas", "quitarme el vello con láser"]},
        "peel": {"en": ["a skin peel", "a peel for my face"], "tr": ["yüzüme peeling yaptırmak", "cilt yenileme için peeling yaptırmak"],
                 "pt": ["de um peeling ao rosto", "de fazer um peeling"], "es": ["un peeling facial", "hacerme un peeling en la cara"]},
    },
    "physio-madrid": {
        "assessment": {"en": ["a first appointment to assess my back", "someone to evaluate my knee first"], "tr": ["dizimi değerlendirtmek", "ilk kez muayene olmak"],
                       "pt": ["de uma primeira avaliação do joelho", "de ser avaliado pela primeira vez"], "es": ["una primera visita para el hombro", "que me valoren la rodilla"]},
        "session": {"en": ["a physio session for my back", "treatment for my sore shoulder"], "tr": ["bel ağrım için fizik tedavi görmek", "omzum için seansa gelmek"],
                    "pt": ["de uma sessão para as costas", "de tratar as costas com fisioterapia"], "es": ["una sesión para la espalda", "que me traten la lumbalgia"]},
        "massage": {"en": ["a massage for my legs after the marathon", "a deep tissue massage"], "tr": ["maçtan sonra bacaklarıma masaj yaptırmak", "kas gevşetici masaj yaptırmak"],
                    "pt": ["de uma massagem às pernas", "de uma massagem para soltar os músculos"], "es": ["un masaje en las piernas", "una descarga de piernas"]},
        "pilates": {"en": ["a pilates class for my back", "reformer pilates"], "tr": ["bel için pilates dersi almak", "reformer pilates yapmak"],
                    "pt": ["de aulas de pilates para as costas", "de fazer pilates de reformer"], "es": ["clase de pilates para la espalda", "hacer pilates con máquina"]},
        "rehab_consult": {"en": ["to see the rehab doctor", "a doctor to look at my injury"], "tr": ["rehabilitasyon doktoruna görünmek", "sakatlığım için doktora muayene olmak"],
                          "pt": ["de ver o médico fisiatra", "de uma consulta com o médico por causa da lesão"], "es": ["ver al médico rehabilitador", "que un médico vea mi lesión"]},
    },
    "gp-boston": {
        "consult": {"en": ["to see a doctor", "a regular doctor's visit"], "tr": ["doktora görünmek", "pratisyen hekime muayene olmak"],
                    "pt": ["de ver um médico", "de uma consulta com o clínico geral"], "es": ["ver a un médico", "una consulta con el médico de cabecera"]},
        "physical": {"en": ["my yearly checkup", "a full physical"], "tr": ["yıllık genel kontrol yaptırmak", "senelik check-up yaptırmak"],
                     "pt": ["de fazer o meu exame anual", "de um check-up anual"], "es": ["el chequeo de todos los años", "una revisión anual"]},
        "blood": {"en": ["to get my blood drawn", "bloodwork done"], "tr": ["kan vermek", "kan tahlili yaptırmak"],
                  "pt": ["de tirar sangue", "de fazer umas análises ao sangue"], "es": ["sacarme sangre", "hacerme una analítica"]},
        "vaccine": {"en": ["my flu shot", "a tetanus shot"], "tr": ["grip aşısı olmak", "tetanoz aşısı yaptırmak"],
                    "pt": ["de tomar a vacina da gripe", "de levar a vacina do tétano"], "es": ["ponerme la vacuna de la gripe", "ponerme la vacuna del tétanos"]},
        "telehealth": {"en": ["a refill of my meds", "to renew my prescription"], "tr": ["ilaçlarımı yeniden yazdırmak", "reçetemi yeniletmek"],
                       "pt": ["de renovar a receita dos remédios", "de renovar a receita"], "es": ["renovar la receta de mis pastillas", "que me renueven la receta"]},
    },
    "gp-sao-paulo": {
        "consult": {"en": ["to see a general doctor", "a GP appointment"], "tr": ["genel pratisyene görünmek", "doktora muayene olmak"],
                    "pt": ["de passar no clínico", "de uma consulta com clínico geral"], "es": ["ver al médico general", "una consulta con el médico de cabecera"]},
        "cardio": {"en": ["a heart doctor", "to get my heart checked"], "tr": ["kalp doktoruna görünmek", "kalbimi kontrol ettirmek"],
                   "pt": ["de um médico do coração", "de ver o coração com o cardiologista"], "es": ["un médico del corazón", "que me revisen el corazón"]},
        "ecg": {"en": ["an EKG", "a heart tracing test (ECG)"], "tr": ["EKG çektirmek", "kalp grafisi çektirmek"],
                "pt": ["de fazer um eletro", "de fazer um eletrocardiograma"], "es": ["hacerme un electro", "un electro del corazón"]},
        "checkup": {"en": ["a complete checkup", "a full health check"], "tr": ["tam bir sağlık kontrolü yaptırmak", "komple check-up yaptırmak"],
                    "pt": ["de fazer um check-up completo", "de fazer exames de rotina"], "es": ["un chequeo completo", "un chequeo general de salud"]},
    },
}
EVERYDAY_TPL = {
    "en": ["{g}{i}I need {x}{who}, {date} {time} if possible.", "{g}{i}I'd like {x}{who} {date} {time}", "{g}{i}hoping to get {x}{who} — {date} {time}?"],
    "tr": ["{g}{i}{who}{date} {time} {x} istiyorum.", "{g}{i}{x} istiyorum, {date} {time} uygun mu?"],
    "pt": ["{g}{i}Preciso {x}{who}, {date} {time} se possível.", "{g}{i}precisava {x}{who} {date} {time}, dá?"],
    "es": ["{g}{i}Necesito {x}{who}, {date} {time} si puede ser.", "{g}{i}quería {x}{who} {date} {time}, ¿se puede?"],
}
UNKNOWN_SVC = {
    "dental-ankara": {"en": "teeth whitening", "tr": "diş beyazlatma", "pt": "branqueamento dentário", "es": "blanqueamiento dental"},
    "dermatology-lisbon": {"en": "botox", "tr": "botoks", "pt": "botox", "es": "bótox"},
    "physio-madrid": {"en": "acupuncture", "tr": "akupunktur", "pt": "acupuntura", "es": "acupuntura"},
    "gp-boston": {"en": "an MRI scan", "tr": "MR çekimi", "pt": "uma ressonância magnética", "es": "una resonancia magnética"},
    "gp-sao-paulo": {"en": "a dermatologist", "tr": "cildiye doktoru", "pt": "dermatologista", "es": "dermatólogo"},
}
UNKNOWN_TPL = {
    "en": "{g}do you do {u}? I'd like to come {date}",
    "tr": "{g}{u} yapıyor musunuz? {date} gelmek istiyorum",
    "pt": "{g}vocês fazem {u}? Queria ir {date}",
    "es": "{g}¿hacéis {u}? Me gustaría ir {date}",
}
UNKNOWN_FOLLOW = {
    "en": "ok no worries, then {np} {time} please", "tr": "tamam o zaman {np} olsun, {time}",
    "pt": "ah ok, então {np} {time}", "es": "vale, pues entonces {np} {time}",
}

BOOK_TPL = {
    "en": ["{g}{i}I'd like to book {np}{who} {date} {time}.", "{g}{i}Could I get {np}{who} {date} {time}?", "{g}{i}do you have space for {np}{who} {date} {time}?",
           "{g}{i}{Date} {time} — is that free for {np}{who}?", "{g}{i}Can you book me {np}{who} for {datebare} {time} please"],
    "tr": ["{g}{i}{who}{date} {time} {np} almak istiyorum.", "{g}{i}{who}{date} {time} {np} alabilir miyim?", "{g}{i}{np} için {date} {time} müsait misiniz? {whos}",
           "{g}{i}{who}{date} {time} için {np} ayarlayabilir misiniz?"],
    "pt": ["{g}{i}Queria marcar {np}{who} {date} {time}.", "{g}{i}Gostaria de marcar {np}{who} {date} {time}, é possível?", "{g}{i}Tem vaga para {np}{who} {date} {time}?",
           "{g}{i}{Date} {time} dá para {np}{who}?", "{g}{i}queria agendar {np}{who} {date} {time}"],
    "es": ["{g}{i}Quería pedir {np}{who} {date} {time}.", "{g}{i}¿Me podéis dar {np}{who} {date} {time}?", "{g}{i}¿Tenéis hueco para {n}{who} {date} {time}?",
           "{g}{i}Quisiera reservar {np}{who} {date} {time}, gracias", "{g}{i}{Date} {time}, ¿hay sitio para {n}{who}?"],
}
DAY_ONLY_TPL = {
    "en": ["{g}{i}I'd like {np}{who} {date}{part}. What times do you have?", "{g}{i}any availability for {np}{who} {date}{part}?"],
    "tr": ["{g}{i}{who}{date}{part} {np} almak istiyorum, hangi saatler boş?", "{g}{i}{who}{date}{part} {n} için yeriniz var mı?"],
    "pt": ["{g}{i}Queria marcar {np}{who} {date}{part}. Que horários têm?", "{g}{i}tem horário para {np}{who} {date}{part}?"],
    "es": ["{g}{i}Quería {np}{who} {date}{part}. ¿Qué horas tenéis?", "{g}{i}¿hay hueco para {n}{who} {date}{part}?"],
}
PART_WORDS = {
    "morning": {"en": [" in the morning", " sometime in the morning", ", morning if possible", " before noon"],
                "tr": [" sabah", " öğleden önce", " sabah saatlerinde"],
                "pt": [" de manhã", " da parte da manhã", " pela manhã"],
                "es": [" por la mañana", " por la mañana temprano si puede ser", ", mejor por la mañana"]},
    "afternoon": {"en": [" in the afternoon", " sometime in the afternoon", ", afternoon ideally"],
                  "tr": [" öğleden sonra", " öğleden sonra bir saatte"],
                  "pt": [" à tarde", " da parte da tarde", " no período da tarde"],
                  "es": [" por la tarde", " por la tarde, después de comer", ", mejor por la tarde"]},
    "evening": {"en": [" in the evening, after 6", " after work, so after 6pm"], "tr": [" akşam 6'dan sonra", " iş çıkışı, akşam 18:00'den sonra"],
                "pt": [" ao fim do dia, depois das 18h", " depois das 18h"], "es": [" a partir de las 6 de la tarde", " después de las 18:00, al salir del trabajo"]},
}
AFTERNOON_START = {"en": 12 * 60, "tr": 13 * 60, "pt": 14 * 60, "es": 14 * 60}

MOVE_TPL = {
    "en": ["{g}Can I move my appointment {d1} to {date} {time}?", "{g}I need to reschedule my appointment {d1} — could we do {datebare} {time} instead?",
           "{g}could you push my appointment {d1} to {date} {time}?"],
    "tr": ["{g}{d1} randevumu {date} {time} olacak şekilde değiştirebilir miyiz?", "{g}{d1} randevumu ertelemem lazım, {date} {time} olur mu?"],
    "pt": ["{g}Posso mudar a minha consulta {d1} para {datebare} {time}?", "{g}queria remarcar a consulta {d1} para {datebare} {time}"],
    "es": ["{g}¿Puedo cambiar mi cita {d1} para {date} {time}?", "{g}quería mover la cita {d1}: ¿podría ser {date} {time}?"],
}
MOVE_OPEN = {"en": ["{g}I need to change my appointment {d1}", "{g}something came up, can I reschedule my appointment {d1}?"],
             "tr": ["{g}{d1} randevumu değiştirmem gerekiyor", "{g}{d1} randevuma gelemeyeceğim, başka güne alabilir miyiz?"],
             "pt": ["{g}preciso de mudar a minha consulta {d1}", "{g}surgiu um imprevisto, posso remarcar a consulta {d1}?"],
             "es": ["{g}necesito cambiar mi cita {d1}", "{g}me ha surgido algo, ¿puedo cambiar la cita {d1}?"]}
NEW_TIME_MSG = {"en": ["{Date} {time} would be better", "how about {datebare} {time}?", "{Date} {time} works for me"],
                "tr": ["{Date} {time} olabilir mi?", "{Date} {time} daha iyi olur"],
                "pt": ["{Date} {time} seria melhor", "pode ser {date} {time}?"],
                "es": ["¿{Date} {time}?", "mejor {date} {time}", "¿podría ser {date} {time}?"]}
CANCEL_TPL = {"en": ["{g}I need to cancel my appointment {d1}", "{g}can you cancel my appointment {d1}? something came up", "{g}Please cancel my appointment {d1}, I can't make it"],
              "tr": ["{g}{d1} randevumu iptal etmek istiyorum", "{g}{d1} randevuma gelemeyeceğim, iptal edebilir misiniz?"],
              "pt": ["{g}preciso de cancelar a minha consulta {d1}", "{g}queria desmarcar a consulta {d1}, não vou conseguir ir"],
              "es": ["{g}necesito cancelar mi cita {d1}", "{g}quería anular la cita {d1}, no puedo ir"]}
OWN_Q = {"en": ["{g}when is my appointment?", "{g}what time was my appointment again?", "{g}can you remind me when I'm booked?", "{g}do I have an appointment coming up?"],
         "tr": ["{g}randevum ne zaman?", "{g}randevum saat kaçtaydı?", "{g}randevumu hatırlatır mısınız?", "{g}yakında randevum var mı?"],
         "pt": ["{g}quando é a minha consulta?", "{g}a que horas é a minha consulta?", "{g}pode lembrar-me quando tenho consulta?", "{g}tenho alguma consulta marcada?"],
         "es": ["{g}¿cuándo tengo la cita?", "{g}¿a qué hora era mi cita?", "{g}¿me recuerda cuándo tengo cita?", "{g}¿tengo alguna cita pendiente?"]}
OWN_Q_ALL = {"en": "{g}what appointments do I have booked?", "tr": "{g}hangi randevularım var?", "pt": "{g}que consultas tenho marcadas?", "es": "{g}¿qué citas tengo?"}
OWN_Q_WHO = {"en": "{g}who is my appointment with, and when?", "tr": "{g}randevum hangi doktorla ve ne zaman?", "pt": "{g}a minha consulta é com quem e quando?",
             "es": "{g}¿con quién es mi cita y cuándo?"}
OWN_Q_OTHER = {"en": "{g}when is {rel}'s appointment?", "tr": "{g}{rel} randevusu ne zaman?", "pt": "{g}quando é a consulta d{rel}?", "es": "{g}¿cuándo es la cita de {rel}?"}
OWN_NONE = {"en": "{g}do I have anything booked with you?", "tr": "{g}sizde kayıtlı bir randevum var mı?", "pt": "{g}tenho alguma consulta marcada convosco?",
            "es": "{g}¿tengo alguna cita con vosotros?"}

PRICE_Q = {"en": ["How much is {n}?", "what's the price of {n}?", "how much do you charge for {n}?"],
           "tr": ["{n} ne kadar?", "{n} ücreti nedir?", "{n} fiyatı ne kadar?"],
           "pt": ["Quanto custa {n}?", "qual é o preço de {n}?", "quanto fica {n}?"],
           "es": ["¿Cuánto cuesta {n}?", "¿qué precio tiene {n}?", "¿cuánto vale {n}?"]}
JOIN2 = {"en": [" And ", " Also, ", " oh and "], "tr": [" Bir de ", " Ayrıca ", " ve "], "pt": [" E ", " Também queria saber: ", " ah e "],
         "es": [" Y ", " También: ", " ah y "]}
TWO_Q_OWN = {"en": "{g}when is my next appointment, and how much will it cost?", "tr": "{g}bir sonraki randevum ne zaman ve ücreti ne kadar olacak?",
             "pt": "{g}quando é a minha próxima consulta e quanto vou pagar?", "es": "{g}¿cuándo es mi próxima cita y cuánto me va a costar?"}
TWO_Q_PRICE_BOOK = {"en": "How much is {n}? If it's ok I'd like to book {date} {time}", "tr": "{n} ne kadar? Uygunsa {date} {time} randevu almak istiyorum",
                    "pt": "Quanto custa {n}? Se der, queria marcar {date} {time}", "es": "¿Cuánto cuesta {n}? Si puede ser, quería reservar {date} {time}"}

# FAQs: per clinic, per FAQ (index into clinics.json faqs): questions per language, facts a reply in
# the FAQ's own language contains, language-neutral facts (names, numbers) and a phrase of the
# source text that must not be pasted into a reply in another language.
FAQ_Q = {
    "dental-ankara": [
        {"q": {"en": ["Are you open on Saturdays?", "do you work saturdays?"], "tr": ["Cumartesi açık mısınız?", "cumartesi günü çalışıyor musunuz"],
               "pt": ["Estão abertos ao sábado?", "vocês abrem sábado?"], "es": ["¿Abrís los sábados?", "¿los sábados está abierto?"]},
         "same": ["14"], "neutral": ["14"], "src": "pazar kapalıyız"},
        {"q": {"en": ["Is there parking?", "where can I park my car?"], "tr": ["Otopark var mı?", "arabayla gelirsem nereye park ederim"],
               "pt": ["Têm estacionamento?", "tem onde estacionar?"], "es": ["¿Hay aparcamiento?", "¿dónde puedo aparcar?"]},
         "same": ["otopark"], "neutral": [], "src": "hastalarımıza ücretsiz otopark"},
        {"q": {"en": ["What payment methods do you accept?", "can I pay by card in installments?"], "tr": ["Hangi ödeme yöntemlerini kabul ediyorsunuz?", "kredi kartına taksit yapıyor musunuz"],
               "pt": ["Que formas de pagamento aceitam?", "posso pagar com cartão em prestações?"], "es": ["¿Qué formas de pago aceptáis?", "¿se puede pagar con tarjeta a plazos?"]},
         "same": ["taksit"], "neutral": ["6"], "src": "kredi kartına 6 taksit"},
        {"q": {"en": ["Do you take private insurance?", "is SGK accepted?"], "tr": ["Özel sigorta kabul ediyor musunuz?", "SGK geçiyor mu?"],
               "pt": ["Aceitam seguro de saúde privado?", "aceitam SGK?"], "es": ["¿Aceptáis seguro privado?", "¿trabajáis con el SGK?"]},
         "same": ["SGK"], "neutral": ["SGK"], "src": "anlaşmalı özel sigortalarla"},
        {"q": {"en": ["Do you treat children?", "do you see kids? my son is 5"], "tr": ["Çocuklara bakıyor musunuz?", "5 yaşındaki oğluma bakıyor musunuz?"],
               "pt": ["Atendem crianças?", "vocês atendem crianças pequenas?"], "es": ["¿Atendéis a niños?", "¿veis a niños pequeños?"]},
         "same": ["3"], "neutral": ["3"], "src": "we see children from age 3"},
    ],
    "dermatology-lisbon": [
        {"q": {"en": ["Do you accept health insurance?", "which insurances do you work with?"], "tr": ["Sağlık sigortası kabul ediyor musunuz?", "hangi sigortalarla çalışıyorsunuz?"],
               "pt": ["Aceitam seguros de saúde?", "trabalham com que seguros?"], "es": ["¿Aceptan seguros médicos?", "¿con qué seguros trabajáis?"]},
         "same": ["Médis", "Multicare", "AdvanceCare"], "neutral": ["Médis", "Multicare", "AdvanceCare"], "src": "traga o cartão do seguro"},
        {"q": {"en": ["Where can I park?", "is there parking nearby?"], "tr": ["Nereye park edebilirim?", "yakında otopark var mı?"],
               "pt": ["Onde posso estacionar?", "há estacionamento aí perto?"], "es": ["¿Dónde puedo aparcar?", "¿hay parking cerca?"]},
         "same": ["Rosa Araújo"], "neutral": ["Rosa Araújo"], "src": "parque público na Rua"},
        {"q": {"en": ["Are you open on Saturday?", "can I come on a saturday?"], "tr": ["Cumartesi açık mısınız?", "cumartesi gelebilir miyim?"],
               "pt": ["Abrem ao sábado?", "estão abertos aos sábados?"], "es": ["¿Abren los sábados?", "¿el sábado abrís?"]},
         "same": ["19"], "neutral": ["19"], "src": "a clínica está aberta de segunda"},
        {"q": {"en": ["How early should I arrive?", "how long before the appointment should I come?"], "tr": ["Randevudan ne kadar önce gelmeliyim?", "kaç dakika erken gelmem lazım?"],
               "pt": ["Quanto tempo antes devo chegar?", "com quanta antecedência tenho de chegar?"], "es": ["¿Con cuánta antelación tengo que llegar?", "¿cuánto antes tengo que llegar?"]},
         "same": ["10"], "neutral": ["10"], "src": "Chegue 10 minutos antes"},
    ],
    "physio-madrid": [
        {"q": {"en": ["Do you work with insurance companies?", "do you take Sanitas?"], "tr": ["Sigorta şirketleriyle çalışıyor musunuz?", "özel sigortam geçer mi?"],
               "pt": ["Trabalham com seguros?", "aceitam seguros de saúde?"], "es": ["¿Trabajáis con mutuas?", "¿aceptáis Sanitas?"]},
         "same": ["Sanitas", "Adeslas", "DKV"], "neutral": ["Sanitas", "Adeslas", "DKV"], "src": "traiga la autorización"},
        {"q": {"en": ["What should I wear?", "what clothes should I bring?"], "tr": ["Yanımda ne getirmeliyim, ne giymeliyim?", "nasıl kıyafetle gelmeliyim?"],
               "pt": ["Que roupa devo levar?", "tenho de levar alguma coisa?"], "es": ["¿Qué ropa debo traer?", "¿tengo que llevar algo?"]},
         "same": ["toalla"], "neutral": [], "src": "calcetines antideslizantes"},
        {"q": {"en": ["Are you open on Saturdays?", "do you open saturday mornings?"], "tr": ["Cumartesi açık mısınız?", "cumartesi sabah açık mısınız?"],
               "pt": ["Abrem ao sábado?", "estão abertos aos sábados?"], "es": ["¿Abrís los sábados?", "¿el sábado abrís?"]},
         "same": ["13"], "neutral": ["13"], "src": "los domingos cerramos"},
        {"q": {"en": ["Do you have session packs?", "is there a discount if I buy several sessions?"], "tr": ["Seans paketi var mı?", "toplu seans alırsam indirim var mı?"],
               "pt": ["Têm pacotes de sessões?", "há desconto se comprar várias sessões?"], "es": ["¿Hay bonos de sesiones?", "¿tenéis bono de varias sesiones?"]},
         "same": ["200"], "neutral": ["200"], "src": "el bono de 5 sesiones"},
    ],
    "gp-boston": [
        {"q": {"en": ["Do you accept insurance?", "do you take Blue Cross?"], "tr": ["Sigorta kabul ediyor musunuz?", "hangi sigortaları kabul ediyorsunuz?"],
               "pt": ["Vocês aceitam seguro?", "aceitam plano de saúde?"], "es": ["¿Aceptan seguro médico?", "¿qué seguros aceptan?"]},
         "same": ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], "neutral": ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], "src": "bring your insurance card"},
        {"q": {"en": ["Is there parking?", "where do I park?"], "tr": ["Otopark var mı?", "arabayı nereye bırakabilirim?"],
               "pt": ["Tem estacionamento?", "onde posso estacionar?"], "es": ["¿Hay estacionamiento?", "¿dónde puedo estacionar?"]},
         "same": ["Prudential"], "neutral": ["Prudential"], "src": "Validated parking is available"},
        {"q": {"en": ["Are you open on weekends?", "are you open saturday?"], "tr": ["Hafta sonu açık mısınız?", "cumartesi açık mısınız?"],
               "pt": ["Vocês abrem no fim de semana?", "abrem sábado?"], "es": ["¿Abren los fines de semana?", "¿abren el sábado?"]},
         "same": ["Monday", "Friday"], "neutral": [], "src": "we are open Monday to Friday"},
        {"q": {"en": ["Do I need to fast before a blood test?", "can I eat before my bloodwork?"], "tr": ["Kan tahlilinden önce aç kalmam gerekiyor mu?", "tahlilden önce kahvaltı yapabilir miyim?"],
               "pt": ["Preciso de estar em jejum para as análises?", "posso comer antes do exame de sangue?"], "es": ["¿Tengo que ir en ayunas a la analítica?", "¿puedo desayunar antes del análisis de sangre?"]},
         "same": ["12"], "neutral": ["12"], "src": "fast for 8 to 12 hours"},
    ],
    "gp-sao-paulo": [
        {"q": {"en": ["Do you take health insurance plans?", "do you accept Amil?"], "tr": ["Sağlık sigortası geçiyor mu?", "hangi sigortalarla anlaşmanız var?"],
               "pt": ["Vocês aceitam convênio?", "atende Amil?"], "es": ["¿Aceptan planes de salud?", "¿trabajan con algún seguro médico?"]},
         "same": ["Amil", "Bradesco", "SulAmérica"], "neutral": ["Amil", "Bradesco", "SulAmérica"], "src": "traga a carteirinha"},
        {"q": {"en": ["Is there parking?", "where can I leave my car?"], "tr": ["Otopark var mı?", "arabamı nereye park edebilirim?"],
               "pt": ["Tem estacionamento?", "onde eu paro o carro?"], "es": ["¿Tienen estacionamiento?", "¿dónde puedo dejar el coche?"]},
         "same": ["1480"], "neutral": ["1480"], "src": "Temos convênio com o estacionamento"},
        {"q": {"en": ["Are you open on Saturday?", "do you see patients on saturdays?"], "tr": ["Cumartesi açık mısınız?", "cumartesi hasta bakıyor musunuz?"],
               "pt": ["Vocês abrem no sábado?", "sábado tem atendimento?"], "es": ["¿Abren el sábado?", "¿atienden los sábados?"]},
         "same": ["12"], "neutral": ["12"], "src": "aos sábados das 8h"},
        {"q": {"en": ["How can I pay for a private visit?", "do you take Pix?"], "tr": ["Nasıl ödeme yapabilirim?", "kredi kartı geçiyor mu?"],
               "pt": ["Como pago a consulta particular?", "aceita pix?"], "es": ["¿Cómo puedo pagar la consulta?", "¿aceptan tarjeta?"]},
         "same": ["Pix"], "neutral": ["Pix"], "src": "Aceitamos Pix, cartão"},
    ],
}

EMERGENCY = {
    "dental": {
        "en": ["my son fell off his bike and knocked out his front tooth, there's blood everywhere", "My face is swelling up really fast on one side since last night and I have a fever, I can barely open my mouth",
               "I had a tooth pulled yesterday and it won't stop bleeding, I've soaked through all the gauze", "the swelling from my bad tooth is going down my neck and it's getting hard to swallow and breathe",
               "I got hit in the mouth playing football, a tooth is broken and wobbly and the bleeding won't stop", "my jaw is so swollen my eye is closing and I'm shivering with fever",
               "help, my daughter's tooth got knocked clean out at school, what do I do??"],
        "tr": ["Oğlum bisikletten düştü, ön dişi yerinden çıktı, ağzı kan içinde", "Dün geceden beri yüzümün bir tarafı hızla şişiyor, ateşim var, ağzımı zor açıyorum",
               "Dün diş çektirdim, kanama hiç durmuyor, bütün gazlı bezler kan oldu", "Apseli dişimin şişliği boynuma doğru iniyor, yutkunmakta ve nefes almakta zorlanıyorum",
               "Maçta ağzıma darbe aldım, dişim kırıldı sallanıyor ve kan durmuyor", "çenem o kadar şişti ki gözüm kapanıyor, titreme ve ateş var",
               "kızımın dişi okulda tamamen yerinden çıktı ne yapmalıyım acil"],
        "pt": ["O meu filho caiu da bicicleta e partiu o dente da frente, está a sangrar muito", "Desde ontem à noite a minha cara está a inchar muito de um lado e estou com febre, mal consigo abrir a boca",
               "Tirei um dente ontem e não para de sangrar, já usei as compressas todas", "O inchaço do dente está a descer para o pescoço e estou com dificuldade em engolir e respirar",
               "Levei uma pancada na boca a jogar à bola, tenho um dente partido a abanar e a sangrar sem parar", "meu rosto inchou tanto que o olho está fechando e estou tremendo de febre",
               "socorro a minha filha perdeu um dente inteiro na escola o que faço"],
        "es": ["Mi hijo se ha caído de la bici y se le ha salido un diente de delante, sangra muchísimo", "Desde anoche se me está hinchando muchísimo la cara de un lado y tengo fiebre, casi no puedo abrir la boca",
               "Ayer me sacaron una muela y no para de sangrar, ya he gastado todas las gasas", "La hinchazón de la muela me está bajando al cuello y me cuesta tragar y respirar",
               "Me dieron un golpe en la boca jugando al fútbol, tengo un diente roto que se mueve y no deja de sangrar", "tengo la mandíbula tan hinchada que se me cierra el ojo y tiemblo de fiebre",
               "ayuda a mi hija se le ha salido un diente entero en el cole qué hago"],
    },
    "dermatology": {
        "en": ["My lips and eyelids are swelling up after a new cream and my throat feels tight", "I've got hives all over my body and it's getting hard to breathe",
               "the redness on my leg is spreading fast, it's hot and really painful and I have a high fever", "I started a new medication and now my skin is blistering and peeling and my mouth is full of sores",
               "my face swelled up after a bee sting and I feel dizzy", "a cut on my hand has red streaks going up my arm and I'm shivering"],
        "tr": ["Yeni bir krem sürdükten sonra dudaklarım ve göz kapaklarım şişti, boğazım daralıyor", "Tüm vücudumda kurdeşen çıktı ve nefes almakta zorlanıyorum",
               "Bacağımdaki kızarıklık hızla yayılıyor, sıcak ve çok ağrılı, yüksek ateşim var", "Yeni bir ilaca başladım, derim su topluyor ve soyuluyor, ağzımda yaralar var",
               "Arı soktu, yüzüm şişti ve başım dönüyor", "elimdeki kesikten koluma doğru kırmızı çizgiler çıkıyor ve titriyorum"],
        "pt": ["Pus um creme novo e os lábios e as pálpebras começaram a inchar, sinto a garganta apertada", "Estou cheia de urticária pelo corpo todo e custa-me respirar",
               "A vermelhidão na perna está a espalhar-se muito depressa, está quente, dói muito e tenho febre alta", "Comecei um medicamento novo e a pele está a fazer bolhas e a descascar, tenho feridas na boca",
               "Fui picada por uma abelha, a cara inchou toda e estou tonta", "tenho um corte na mão com riscas vermelhas a subir pelo braço e estou com calafrios"],
        "es": ["Me he puesto una crema nueva y se me están hinchando los labios y los párpados, noto la garganta cerrada", "Me han salido ronchas por todo el cuerpo y me cuesta respirar",
               "La rojez de la pierna se está extendiendo muy rápido, está caliente, me duele mucho y tengo fiebre alta", "Empecé un medicamento nuevo y la piel se me llena de ampollas y se despega, tengo llagas en la boca",
               "Me ha picado una abeja, se me ha hinchado toda la cara y estoy mareada", "tengo un corte en la mano con rayas rojas que suben por el brazo y tengo escalofríos"],
    },
    "physiotherapy": {
        "en": ["I fell down the stairs and now I can't move my leg at all, it's bent the wrong way", "My back went and now I can't feel my legs properly and I can't control my bladder",
               "During my exercises I got a crushing pain in my chest and my left arm is numb", "I twisted my knee at training, heard a loud crack and I can't put any weight on it, it's swelling like a balloon",
               "my dad fell in the bathroom, hit his head and he's confused and can't get up", "sudden terrible back pain, numbness in my groin and both legs feel weak"],
        "tr": ["Merdivenden düştüm, bacağımı hiç oynatamıyorum, ters dönmüş gibi duruyor", "Belim tutuldu, şimdi bacaklarımı hissetmiyorum ve idrarımı tutamıyorum",
               "Egzersiz yaparken göğsümde ezici bir ağrı başladı, sol kolum uyuşuyor", "Antrenmanda dizim burkuldu, büyük bir çatırtı duydum, üstüne basamıyorum ve balon gibi şişiyor",
               "babam banyoda düştü, başını çarptı, kafası karışık ve kalkamıyor", "ani korkunç bir bel ağrısı, kasıklarımda uyuşma var ve iki bacağım da güçsüz"],
        "pt": ["Caí das escadas e não consigo mexer a perna, está torta", "Fiquei com as costas presas e agora não sinto bem as pernas e não consigo controlar a bexiga",
               "Durante os exercícios senti uma dor muito forte no peito e o braço esquerdo está dormente", "Torci o joelho no treino, ouvi um estalo e não consigo apoiar o pé, está a inchar imenso",
               "o meu pai caiu na casa de banho, bateu com a cabeça e está confuso e não se consegue levantar", "dor nas costas de repente horrível, dormência na virilha e as duas pernas fracas"],
        "es": ["Me he caído por las escaleras y no puedo mover la pierna, la tengo torcida", "Se me ha bloqueado la espalda y ahora no siento bien las piernas y no controlo la orina",
               "Haciendo los ejercicios me ha dado un dolor muy fuerte en el pecho y se me duerme el brazo izquierdo", "Me torcí la rodilla entrenando, oí un crujido y no puedo apoyar el pie, se está hinchando un montón",
               "mi padre se ha caído en el baño, se ha dado en la cabeza, está desorientado y no se puede levantar", "dolor de espalda brutal de repente, tengo la zona de la ingle dormida y las dos piernas flojas"],
    },
    "general practice": {
        "en": ["I've had a crushing pain in my chest for 20 minutes and it's going into my jaw", "My husband's face is drooping on one side and his speech is slurred",
               "My 2 year old has a high fever, a stiff neck and a rash that doesn't fade when I press a glass on it", "I can't catch my breath, my lips are turning blue",
               "my mom just fainted and she's not responding properly", "I took way too many of my pills by mistake and I feel really drowsy",
               "worst headache of my life came on suddenly and I'm throwing up"],
        "tr": ["20 dakikadır göğsümde ezici bir ağrı var, çeneme vuruyor", "Eşimin yüzünün bir tarafı düştü, konuşması bozuldu",
               "2 yaşındaki kızımın ateşi çok yüksek, ensesi sert ve bardakla bastırınca solmayan döküntüleri var", "Nefes alamıyorum, dudaklarım morarıyor",
               "annem az önce bayıldı, doğru dürüst tepki vermiyor", "yanlışlıkla ilaçlarımdan çok fazla içtim, çok uykum geliyor",
               "hayatımın en kötü baş ağrısı birden başladı ve kusuyorum"],
        "pt": ["Estou com uma dor forte no peito há 20 minutos que vai para o maxilar", "A boca do meu marido ficou torta de um lado e ele está falando enrolado",
               "Meu filho de 2 anos está com febre alta, pescoço duro e manchas que não somem quando aperto um copo", "Não consigo respirar direito, meus lábios estão ficando roxos",
               "a minha mãe desmaiou agora e não está a responder bem", "tomei comprimidos a mais sem querer e estou muito sonolento",
               "me deu do nada a pior dor de cabeça da minha vida e estou vomitando"],
        "es": ["Tengo un dolor muy fuerte en el pecho desde hace 20 minutos que me sube a la mandíbula", "A mi marido se le ha caído un lado de la cara y habla raro",
               "Mi hijo de 2 años tiene fiebre alta, la nuca rígida y unas manchas que no desaparecen al apretar un vaso", "No puedo respirar bien, se me están poniendo los labios morados",
               "mi madre se acaba de desmayar y no responde bien", "me he tomado demasiadas pastillas sin querer y tengo mucho sueño",
               "me ha dado de golpe el peor dolor de cabeza de mi vida y estoy vomitando"],
    },
}
EMERG_PRE = {"en": ["", "Hi, ", "please help ", "URGENT ", "sorry to bother you but "], "tr": ["", "Merhaba, ", "acil ", "lütfen yardım edin, ", "kusura bakmayın ama "],
             "pt": ["", "Olá, ", "por favor ajudem ", "URGENTE ", "desculpe incomodar mas "], "es": ["", "Hola, ", "por favor ayuda ", "URGENTE ", "perdonen pero "]}
EMERG_POST = {"en": ["", " what do I do", " 😭", "!!", " please answer"], "tr": ["", " ne yapmalıyım", " 😭", "!!", " lütfen cevap verin"],
              "pt": ["", " o que faço", " 😭", "!!", " respondam por favor"], "es": ["", " qué hago", " 😭", "!!", " contesten por favor"]}

CLINIC_FIT_Q = {
    "dental": {"en": ["My gums bleed a little when I brush, should I use a different toothpaste?", "Is it normal for a new filling to feel a bit sensitive to cold?", "which mouthwash would you recommend for bad breath?"],
               "tr": ["Dişlerimi fırçalarken diş etim biraz kanıyor, başka bir diş macunu mu kullanmalıyım?", "Yeni dolgum soğuğa biraz hassas, bu normal mi?", "Ağız kokusu için hangi gargarayı önerirsiniz?"],
               "pt": ["As gengivas sangram um pouco quando escovo, devo mudar de pasta de dentes?", "É normal uma obturação nova ficar sensível ao frio?", "Que elixir recomendam para o mau hálito?"],
               "es": ["Me sangran un poco las encías al cepillarme, ¿debería cambiar de pasta?", "¿Es normal que un empaste nuevo esté sensible al frío?", "¿Qué enjuague me recomendáis para el mal aliento?"]},
    "dermatology": {"en": ["I have a small itchy rash on my arm, which cream should I use?", "Is it OK to use retinol together with my acne cream?", "a mole on my back looks a bit darker than before, should I worry?"],
                    "tr": ["Kolumda küçük kaşıntılı bir kızarıklık var, hangi kremi kullanmalıyım?", "Retinolü akne kremimle birlikte kullanabilir miyim?", "sırtımdaki ben eskisinden biraz koyu görünüyor, endişelenmeli miyim?"],
                    "pt": ["Tenho uma pequena irritação com comichão no braço, que creme devo pôr?", "Posso usar retinol junto com o creme para o acne?", "um sinal nas costas parece mais escuro, devo preocupar-me?"],
                    "es": ["Tengo un sarpullido pequeño que me pica en el brazo, ¿qué crema me pongo?", "¿Puedo usar retinol con mi crema para el acné?", "un lunar de la espalda parece más oscuro, ¿me tengo que preocupar?"]},
    "physiotherapy": {"en": ["My knee aches after running, should I use ice or heat?", "Can I keep going to the gym with a sore lower back?", "what stretches are good for a stiff neck?"],
                      "tr": ["Koştuktan sonra dizim ağrıyor, buz mu sıcak mı uygulamalıyım?", "Belim ağrırken spor salonuna gitmeye devam edebilir miyim?", "boyun tutulması için hangi esneme hareketleri iyi gelir?"],
                      "pt": ["O joelho dói depois de correr, devo pôr gelo ou calor?", "Posso continuar a ir ao ginásio com dor na lombar?", "que alongamentos são bons para o pescoço preso?"],
                      "es": ["Me duele la rodilla después de correr, ¿pongo hielo o calor?", "¿Puedo seguir yendo al gimnasio con dolor lumbar?", "¿qué estiramientos van bien para el cuello cargado?"]},
    "general practice": {"en": ["I've had a mild cough for a few days, should I take ibuprofen or paracetamol?", "Can I take my blood pressure pills with grapefruit juice?", "my kid has a runny nose, can he still go to school?"],
                         "tr": ["Birkaç gündür hafif öksürüğüm var, ibuprofen mi parasetamol mü almalıyım?", "Tansiyon ilacımı greyfurt suyuyla içebilir miyim?", "çocuğumun burnu akıyor, okula gidebilir mi?"],
                         "pt": ["Estou com uma tosse leve há uns dias, tomo ibuprofeno ou paracetamol?", "Posso tomar o remédio da pressão com suco de toranja?", "meu filho está com o nariz escorrendo, pode ir à escola?"],
                         "es": ["Tengo una tos leve desde hace unos días, ¿tomo ibuprofeno o paracetamol?", "¿Puedo tomar las pastillas de la tensión con zumo de pomelo?", "mi hijo tiene mocos, ¿puede ir al cole?"]},
}
WRONG_SPECIALTY = {
    "dental": ["dermatolog", "fisioterap", "physiotherap", "pediatr", "cardiolog"],
    "dermatology": ["dentist", "diş hekimi", "odontólogo", "fisioterap", "physiotherap", "cardiolog"],
    "physiotherapy": ["dentist", "diş hekimi", "odontólogo", "dermatolog", "cardiolog"],
    "general practice": ["dentist", "diş hekimi", "odontólogo", "dermatolog", "fisioterap", "physiotherap"],
}

TYPOS = {
    "en": {"appointment": ["appointmnet", "appt", "apointment"], "please": ["pls", "plz", "pleas"], "tomorrow": ["tmrw", "tomorow"], "would": ["wud", "woud"],
           "thanks": ["thx", "thnks"], "possible": ["possibel"], "available": ["availble"], "book": ["bok"], "you": ["u"], "are": ["r"]},
    "tr": {"randevu": ["randvu", "randevı"], "istiyorum": ["istiyom", "istiyrum"], "lütfen": ["lütfn", "lutfen"], "teşekkürler": ["tşk", "teşekkürlr"],
           "merhaba": ["mrb", "merhba"], "müsait": ["müsayit", "musait"], "yapabilir": ["yapabilr"]},
    "pt": {"consulta": ["cosulta", "consluta"], "você": ["vc"], "por favor": ["pfv", "pf", "por fvr"], "obrigado": ["obg", "obrigad"], "quero": ["qro"],
           "queria": ["qeria", "queria"], "também": ["tb", "tbm"], "que": ["q"], "amanhã": ["amanha"]},
    "es": {"por favor": ["porfa", "xfa", "x favor"], "quería": ["queria", "kería"], "que": ["q", "k"], "también": ["tb"], "gracias": ["grax", "grcias"],
           "cita": ["cta"], "mañana": ["manana"]},
}
VOICE_FILL = {"en": ["so um ", "yeah so ", "ok so basically ", "hiya so "], "tr": ["şey ", "yani şöyle ", "hani ", "efendim şey "],
              "pt": ["então é assim ", "olha ", "pois é assim ", "ó "], "es": ["bueno pues ", "a ver ", "mira ", "pues nada "]}

ALIASES = {
    "dental-ankara": {"checkup": {"en": ["check up", "dental exam", "checkup"], "tr": ["kontrol"], "pt": ["avaliação", "revisão"], "es": ["chequeo", "consulta general"]},
                      "cleaning": {"en": ["scaling", "teeth cleaning"], "tr": ["detartraj"], "pt": ["limpeza dentária"], "es": ["limpieza", "higiene"]},
                      "filling": {"en": ["cavity", "restoration"], "tr": ["çürük"], "pt": ["restauração"], "es": ["obturación", "caries"]},
                      "root_canal": {"en": ["root canal"], "tr": ["kanal"], "pt": ["desvitalização", "canal"], "es": ["tratamiento de conducto"]},
                      "braces_consult": {"en": ["braces", "invisalign"], "tr": ["tel tedavisi", "şeffaf plak"], "pt": ["aparelho"], "es": ["brackets", "invisalign"]}},
    "dermatology-lisbon": {"consult": {"en": ["skin doctor", "dermatologist"], "tr": ["cilt doktoru"], "pt": ["dermatologista"], "es": ["dermatólogo"]},
                           "mole_check": {"en": ["moles", "mole screening"], "tr": ["ben taraması"], "pt": ["sinais", "dermatoscopia", "nevos"], "es": ["lunares"]},
                           "acne": {"en": ["acne", "pimples"], "tr": ["sivilce"], "pt": ["acne", "borbulhas", "espinhas"], "es": ["granos"]},
                           "laser": {"en": ["laser"], "tr": ["epilasyon"], "pt": ["depilação", "laser"], "es": ["depilación"]},
                           "peel": {"en": ["peel", "peeling"], "tr": ["peeling"], "pt": ["peeling", "esfoliação química"], "es": ["peeling"]}},
    "physio-madrid": {"assessment": {"en": ["evaluation", "first visit"], "tr": ["değerlendirme"], "pt": ["primeira consulta"], "es": ["primera visita", "valoración"]},
                      "session": {"en": ["physio", "physiotherapy"], "tr": ["fizik tedavi", "fizyoterapi"], "pt": ["fisioterapia"], "es": ["fisio", "sesión", "fisioterapia"]},
                      "massage": {"en": ["massage"], "tr": ["masaj"], "pt": ["massagem"], "es": ["masaje", "descarga muscular"]},
                      "pilates": {"en": ["pilates", "reformer"], "tr": ["pilates", "reformer"], "pt": ["pilates clínico", "pilates"], "es": ["pilates"]},
                      "rehab_consult": {"en": ["rehab doctor"], "tr": ["fiziatrist"], "pt": ["reabilitação"], "es": ["médico rehabilitador", "rehabilitación"]}},
    "gp-boston": {"consult": {"en": ["GP", "family doctor", "doctor's appointment", "general practitioner"], "tr": ["pratisyen", "aile hekimi"], "pt": ["clínico geral", "médico de família"], "es": ["médico de cabecera", "médico general"]},
                  "physical": {"en": ["physical", "check-up"], "tr": ["check-up"], "pt": ["exame de rotina", "check-up"], "es": ["chequeo"]},
                  "blood": {"en": ["blood work", "labs"], "tr": ["kan testi"], "pt": ["exame de sangue", "análise"], "es": ["analítica"]},
                  "vaccine": {"en": ["vaccine", "flu shot", "shot"], "tr": ["aşı"], "pt": ["vacina"], "es": ["vacuna"]},
                  "telehealth": {"en": ["refill", "prescription"], "tr": ["reçete"], "pt": ["receita"], "es": ["receta"]}},
    "gp-sao-paulo": {"consult": {"en": ["GP", "family doctor"], "tr": ["pratisyen"], "pt": ["clínico geral", "médico de família", "clinico"], "es": ["médico general", "médico de cabecera"]},
                     "pediatrics": {"en": ["pediatrician"], "tr": ["çocuk doktoru"], "pt": ["pediatra", "pediatria"], "es": ["pediatría", "pediatra"]},
                     "cardio": {"en": ["cardiologist"], "tr": ["kardiyolog"], "pt": ["cardiologista", "coração"], "es": ["cardiólogo"]},
                     "ecg": {"en": ["ecg", "ekg"], "tr": ["ekg"], "pt": ["eletro", "ecg"], "es": ["ecg"]},
                     "checkup": {"en": ["check-up", "checkup"], "tr": ["check-up"], "pt": ["check-up", "exames de rotina"], "es": ["chequeo"]}},
}
PHONE_PREFIX = {"dental-ankara": "+905", "dermatology-lisbon": "+3519", "physio-madrid": "+346", "gp-boston": "+1617", "gp-sao-paulo": "+55119"}
SMALL_TALK = {"en": ["Hi there", "hello, quick question", "Hi! hope you're well"], "tr": ["Merhaba", "iyi günler, bir şey soracaktım", "Selam, kolay gelsin"],
              "pt": ["Olá, boa tarde", "Oi, tudo bem?", "Olá, uma pergunta"], "es": ["Hola", "Hola, buenas, una consulta", "Buenas, ¿qué tal?"]}
CLARIFY_DATE = {"en": "Sorry, I meant {datebare}", "tr": "Pardon, {date} demek istedim", "pt": "Desculpe, queria dizer {date}", "es": "Perdón, quería decir {date}"}
NO_OTHER = {"en": "no, that doesn't work for me, do you have {time}?", "tr": "hayır, o saat olmaz, {time} olur mu?",
            "pt": "não, esse horário não dá, pode ser {time}?", "es": "no, a esa hora no puedo, ¿podría ser {time}?"}
CHANGE_MIND = {"en": "actually, could we make it {time} instead?", "tr": "aslında {time} daha iyi olur, değiştirebilir miyiz?",
               "pt": "afinal, pode ser antes {time}?", "es": "mejor {time}, ¿se puede cambiar?"}
TAKEN_PICK = {"en": "ok then {time}", "tr": "tamam o zaman {time}", "pt": "então {time}", "es": "vale, pues {time}"}
TR_GEN_REL = {"oğlum": "oğlumun", "kızım": "kızımın", "annem": "annemin", "babam": "babamın", "eşim": "eşimin", "hanımım": "hanımımın", "beyim": "beyimin"}
PT_VOWELS = "aeiouâêîôûãõáéíóúàü"


def tr_gen(name):
    low = name.lower()
    vs = [ch for ch in low if ch in "aeıioöuü"]
    v = vs[-1] if vs else "e"
    h = {"a": "ın", "ı": "ın", "e": "in", "i": "in", "o": "un", "u": "un", "ö": "ün", "ü": "ün"}[v]
    return name + ("'n" + h if low[-1] in "aeıioöuü" else "'" + h)


def prac_first(clinic, pkey):
    n = prac(clinic, pkey)["name"]
    for t in ("Dr. ", "Dra. ", "Nurse "):
        n = n.replace(t, "")
    return n.split()[0]


def price_variants(clinic, skey):
    p = service(clinic, skey)["price"]
    if not p:
        return None
    major = p["amount_minor"] // 100
    if major >= 1000:
        return ["{:,}".format(major).replace(",", "."), str(major), "{:,}".format(major)]
    return [str(major)]


class Retry(Exception):
    pass


class Dlg:
    def __init__(self, gen, lang, ck, kinds):
        self.g, self.rng, self.lang, self.ck = gen, gen.rng, lang, ck
        self.c = CLINICS[ck]
        self.kinds = list(dict.fromkeys(kinds))
        self.household, self.existing, self.blocked, self.turns = [], [], [], []
        self.booked, self.cancelled, self.moved, self.reqs = [], [], [], []
        self.protect = set()
        self.parts = {}
        self.profile = None
        self.profile_tok = None
        self.style = self.rng.choices(["clean", "typo", "noaccent", "emoji", "voice"], [55, 15, 12, 10, 8])[0]
        r = self.rng
        if ck in ("dermatology-lisbon", "physio-madrid") and r.random() < 0.2:
            day = date(2027, 3, r.randint(20, 27))
        elif ck == "gp-boston" and r.random() < 0.2:
            day = date(2027, 3, r.randint(6, 13))
        else:
            day = date(2027, 1, 10) + timedelta(days=r.randint(0, 99))
        self.now = datetime(day.year, day.month, day.day, r.randint(7, 22), r.choice([0, 3, 12, 17, 25, 31, 40, 46, 52, 58]))
        gen.phone_n += 1
        self.phone = PHONE_PREFIX[ck] + "%08d" % (11000000 + gen.phone_n * 7919 % 88000000)

    # --- people
    def person(self, gender=None, surname=None, lang=None):
        lang = lang or self.lang
        for _ in range(50):
            g = gender or self.rng.choice("FM")
            first = self.rng.choice(FIRST[lang][g])
            if surname:
                last = surname
            elif lang == "es" and self.rng.random() < 0.5:
                a, b = self.rng.sample(LAST["es"], 2)
                last = a + " " + b
            else:
                last = self.rng.choice(LAST[lang])
            full = first + " " + last
            if full not in PRACT_NAMES and full not in self.household and first not in [h.split()[0] for h in self.household] \
                    and first.lower() not in [prac_first(self.c, p["key"]).lower() for p in self.c["practitioners"]]:
                self.protect.add(full)
                self.parts[full] = (first, last)
                return full, g
        raise Retry("no name")

    def article(self, g):
        return "a" if g == "F" else "o"

    def nick_profile(self):
        p, tok = self.rng.choice(PROFILES[self.lang])
        self.profile, self.profile_tok = p, tok
        return p

    # --- calendar
    def busy(self):
        return self.existing + self.blocked

    def slot(self, skey, date_ok=None, lo=0, hi=24 * 60, pkey=None, min_days=1, max_days=35, nice=True, busy_extra=()):
        msg = self.now + timedelta(minutes=30)
        days = list(range(min_days, max_days + 1))
        self.rng.shuffle(days)
        for k in days:
            d = self.now.date() + timedelta(days=k)
            if date_ok and not date_ok(d):
                continue
            starts = free_starts(self.c, skey, d, msg, self.now, self.busy() + list(busy_extra), pkey, lo, hi)
            if not starts:
                continue
            pref = [s for s in starts if s.minute in (0, 30)] if self.c["policy"]["slot_grid_minutes"] != 20 else [s for s in starts if s.minute in (0, 40)]
            if nice and pref and self.rng.random() < 0.8:
                return self.rng.choice(pref)
            return self.rng.choice(starts)
        raise Retry("no slot %s" % skey)

    def adult_services(self):
        return [s["key"] for s in self.c["services"] if s["key"] != "pediatrics"]

    def add_existing(self, patient, skey=None, min_days=3, max_days=30):
        skey = skey or self.rng.choice(self.adult_services())
        st = self.slot(skey, min_days=min_days, max_days=max_days)
        p = self.rng.choice(free_pracs(self.c, skey, st, self.now, self.now, self.busy()))
        e = {"patient": patient, "service": skey, "practitioner": p, "start": fmt_dt(st)}
        self.existing.append(e)
        return e

    def add_noise(self, n=None):
        n = self.rng.randint(0, 4) if n is None else n
        for _ in range(n):
            skey = self.rng.choice([s["key"] for s in self.c["services"]])
            try:
                st = self.slot(skey, min_days=0, max_days=25, nice=False)
            except Retry:
                continue
            p = self.rng.choice(free_pracs(self.c, skey, st, self.now, self.now, self.busy()))
            self.blocked.append({"practitioner": p, "service": skey, "start": fmt_dt(st)})

    def block_all(self, skey, st, pkey=None):
        for p in ([pkey] if pkey else service(self.c, skey)["practitioners"]):
            if prac_free(self.c, skey, p, st, self.now, self.now, self.busy()):
                self.blocked.append({"practitioner": p, "service": skey, "start": fmt_dt(st)})
        self.reqs.append((st.date(), st.time(), skey, pkey, False, None))

    def block_range(self, skey, d, lo, hi):
        """Make every start of skey in [lo, hi) on d taken (blocks practitioners' time there)."""
        for _ in range(12):
            starts = free_starts(self.c, skey, d, self.now, self.now, self.busy(), None, lo, hi - 1)
            if not starts:
                return
            self.block_all(skey, starts[0])
            self.reqs.pop()
        raise Retry("cannot block range")

    def book(self, patient, skey, st, pkey=None):
        self.booked.append({"patient": patient, "service": skey, "practitioner": pkey, "date": st.date().isoformat(), "time": st.strftime("%H:%M")})
        self.reqs.append((st.date(), st.time(), skey, pkey, True, None))

    def book_window(self, patient, skey, d, lo, hi, pkey=None):
        self.booked.append({"patient": patient, "service": skey, "practitioner": pkey, "date": d.isoformat(), "window": [fmt_hm(lo), fmt_hm(hi)]})

    # --- text
    def greet(self):
        h = self.now.hour
        return self.rng.choice(GREET[self.lang]["m" if h < 12 else "a" if h < 19 else "e"])

    def date_txt(self, d, style, wd_override=None):
        lang = "en-us" if (style == "num" and self.lang == "en" and self.ck == "gp-boston") else self.lang
        return date_phrase(lang, d, self.now.date(), style, self.rng, wd_override)

    def time_txt(self, st):
        return time_phrase(self.lang, st.hour, st.minute, self.rng)

    def svc_name(self, skey, mode="name"):
        if mode == "alias":
            return self.rng.choice(ALIASES[self.ck][skey][self.lang])
        n = service(self.c, skey)["name"][self.lang]
        return n if n.isupper() else lower_first(n)

    def svc_np(self, skey, mode="name", n=None):
        np = self.rng.choice(SVC_WRAP[self.lang]).format(n=n or self.svc_name(skey, mode))
        if self.lang == "en" and np.startswith("a ") and np[2:3].lower() in "aeiou":
            np = "an " + np[2:]
        return np

    def who_parts(self, rel_phrase=None, name=None):
        """(suffix/prefix used inside a booking request, sentence form)"""
        if not rel_phrase:
            return "", ""
        full = (rel_phrase + " " + name) if name else rel_phrase
        if self.lang == "en":
            return " for " + full, "It's for " + full + "."
        if self.lang == "tr":
            return full + " için ", full[0].upper() + full[1:] + " için."
        if self.lang == "pt":
            return " para " + full, "É para " + full + "."
        return " para " + full, "Es para " + full + "."

    def request(self, np, date_txt, time_txt, who="", whos="", intro="", n=None):
        tpl = self.rng.choice(BOOK_TPL[self.lang])
        if "{whos}" in tpl:
            who_, whos_ = "", whos
        else:
            who_, whos_ = who, ""
        datebare = date_txt[3:] if (self.lang == "en" and date_txt.startswith("on ")) else date_txt
        Date = date_txt[:1].upper() + date_txt[1:]
        s = tpl.format(g="", i=intro, np=np, who=who_, whos=whos_, date=date_txt, time=time_txt, Date=Date, datebare=datebare,
                       n=n or np)
        s = " ".join(s.split()).replace(" ,", ",").replace(" ?", "?")
        return self.gj(self.greet() if not self.turns else "", s)

    def gj(self, g, s):
        """Greeting + sentence: lower-case the sentence start after 'Hi, ' unless it starts with a name."""
        if g.endswith(", ") and not any(s.startswith(p) for p in self.protect) and not s[:2].isupper():
            s = lower_first(s)
        return g + s

    def intro(self, name, g):
        return self.rng.choice(NAME_INTRO[self.lang]).format(n=name, a=self.article(g))

    def name_answer(self, name, g):
        return self.rng.choice(NAME_ANSWER[self.lang]).format(n=name, a=self.article(g))

    def yes(self, action, sentence=None):
        if sentence is None:
            sentence = "yes_in_sentence" in self.kinds or self.rng.random() < 0.5
        return self.rng.choice(YES[self.lang][action] if sentence else YES[self.lang]["bare"])

    def no(self, action):
        return self.rng.choice(NO[self.lang][action])

    def confirm_expect(self, st=None, names=(), day=False, extra_all=()):
        e = {}
        if st is not None:
            e["contains_any"] = time_variants(st.hour, st.minute)
        al = [n.split()[0] for n in names] + ([str(st.day)] if (day and st is not None) else []) + list(extra_all)
        if al:
            e["contains_all"] = list(dict.fromkeys(al))
        tok = getattr(self, "profile_tok", None)
        if tok and names:
            e["not_contains"] = [tok]
        return e or None

    def noisy(self, text, first=False):
        style = self.style
        if style == "clean":
            return text
        prot = sorted(self.protect | {n.split()[0] for n in self.protect}, key=len, reverse=True)
        masks = {}
        for i, p in enumerate(prot):
            if p in text:
                key = "\x00%d\x00" % i
                text = text.replace(p, key)
                masks[key] = p
        r = self.rng
        if style == "typo":
            for w, reps in TYPOS[self.lang].items():
                idx = text.lower().find(w)
                if idx >= 0 and r.random() < 0.7:
                    end = idx + len(w)
                    before_ok = idx == 0 or not text[idx - 1].isalpha()
                    after_ok = end >= len(text) or not text[end].isalpha()
                    if before_ok and after_ok:
                        text = text[:idx] + r.choice(reps) + text[end:]
        elif style == "noaccent":
            text = strip_accents(text.replace("ı", "i")).lower() if r.random() < 0.6 else strip_accents(text.replace("ı", "i"))
        elif style == "emoji":
            text = text.rstrip(".") + " " + r.choice(EMOJI)
        elif style == "voice" and first:
            t = re.sub(r"(?<!\d)[.,]|[.,](?!\d)|[!?¿¡;—]", " ", text.lower())
            text = r.choice(VOICE_FILL[self.lang]) + " ".join(t.split()) + r.choice([" ok thanks", "", " yeah"] if self.lang == "en" else [""])
        for key, p in masks.items():
            text = text.replace(key.lower() if style == "voice" else key, p)
        return text

    def say(self, text, expect=None, raw=False):
        t = {"patient": text if raw else self.noisy(text, first=not self.turns)}
        if expect:
            t["expect"] = expect
        self.turns.append(t)

    def build(self, did):
        return {"id": did, "language": self.lang, "kinds": self.kinds, "clinic": self.ck, "now": fmt_dt(self.now),
                "contact": {"phone": self.phone, "profile_name": self.profile},
                "household": [{"name": n} for n in self.household], "existing": self.existing, "blocked": self.blocked,
                "turns": self.turns, "final": {"booked": self.booked, "cancelled": self.cancelled, "moved": self.moved}}


def datebare(lang, txt):
    for p in {"en": ["on "], "pt": ["no ", "na ", "para o "], "es": [], "tr": []}[lang]:
        if txt.startswith(p):
            return txt[len(p):]
    return txt


def fill(d, tpl, **kw):
    date_txt = kw.get("date", "")
    g = kw.pop("g", None)
    g = (d.greet() if not d.turns else "") if g is None else g
    kw["g"] = ""
    kw.setdefault("datebare", datebare(d.lang, date_txt))
    kw.setdefault("Date", (kw.get("datebare") if d.lang == "en" else date_txt)[:1].upper() + (kw.get("datebare") if d.lang == "en" else date_txt)[1:])
    s = tpl.format(**kw)
    return d.gj(g, " ".join(s.split()).replace(" ,", ",").replace(" ?", "?"))


def d1_ref(d, start, allow_empty=False):
    st = parse_dt(start)
    dd = st.date()
    L, day, W, M = d.lang, dd.day, WEEKDAYS[d.lang][dd.weekday()], MONTHS[d.lang][dd.month - 1]
    opts = {"en": ["on %s %d %s" % (W, day, M), "on the %s" % ordinal(day), "for %s %d" % (M, day), "on %s" % W if (dd - d.now.date()).days <= 6 else "on %s %s" % (M, ordinal(day))],
            "tr": ["%d %s tarihli" % (day, M), "%d %s %s günkü" % (day, M, W)],
            "pt": ["do dia %d de %s" % (day, M), "de %s, dia %d" % (W, day)],
            "es": ["del %d de %s" % (day, M), "del %s %d" % (W, day)]}[L]
    if allow_empty and d.rng.random() < 0.3:
        return ""
    return d.rng.choice(opts)


ALL_STYLES = ["wdm", "dm", "num", "ord", "tomorrow", "after_tomorrow", "weekday", "this", "nextweek"]
STYLE_W = [20, 16, 10, 6, 10, 5, 12, 8, 8]
EXPLICIT = ("wdm", "dm", "num", "ord")


def pick(d, skey, styles=None, pkey=None, lo=0, hi=24 * 60, date_ok=None):
    styles = styles or ALL_STYLES
    weights = [STYLE_W[ALL_STYLES.index(s)] for s in styles]
    for _ in range(12):
        style = d.rng.choices(styles, weights)[0]
        mind = 8 if style in ("wdm", "dm", "num") else 3 if style == "ord" else 1
        maxd = 45 if style in EXPLICIT else 14
        ok = (lambda x, st=style: style_ok(st, x, d.now.date(), d.lang) and (date_ok is None or date_ok(x)))
        try:
            return style, d.slot(skey, date_ok=ok, lo=lo, hi=hi, pkey=pkey, min_days=mind, max_days=maxd)
        except Retry:
            continue
    raise Retry("pick")


def later_same_day(d, skey, st, pkey=None, exclude=()):
    g = d.c["policy"]["slot_grid_minutes"]
    lo = st.hour * 60 + st.minute + max(g, 60)
    cands = [s for s in free_starts(d.c, skey, st.date(), d.now + timedelta(minutes=30), d.now, d.busy(), pkey, lo, 24 * 60) if s not in exclude]
    nice = [s for s in cands if s.minute in (0, 30, 40)]
    if not cands:
        raise Retry("no later")
    return d.rng.choice(nice or cands)


def other_same_day(d, skey, st, pkey=None):
    cands = [s for s in free_starts(d.c, skey, st.date(), d.now + timedelta(minutes=30), d.now, d.busy(), pkey) if abs((s - st).total_seconds()) >= 3600]
    nice = [s for s in cands if s.minute in (0, 30, 40)]
    if not cands:
        raise Retry("no other")
    return d.rng.choice(nice or cands)


def pract_phrase(d, pkey):
    n = prac(d.c, pkey)["name"]
    return {"en": " with " + n, "tr": "", "pt": " com " + n, "es": " con " + n}[d.lang], n


def do_booking(d, patient, skey, styles=None, svc_mode="name", who=("", ""), intro="", pkey=None, names=(), taken_first=False,
               change_mind=False, sentence=None, name_after=None, day_expect=False, want_pkey=False, extra_expect=None, no_then_other=False):
    """A whole booking: request, optional detours, confirmation. Returns the final start."""
    if want_pkey:
        pkey = d.rng.choice(service(d.c, skey)["practitioners"])
    style, st = pick(d, skey, styles, pkey=pkey)
    n = d.svc_name(skey, svc_mode)
    np = d.svc_np(skey, n=n)
    if pkey:
        ph, pname = pract_phrase(d, pkey)
        if d.lang == "tr":
            np, n = pname + " ile " + np, pname + " ile " + n
        else:
            np, n = np + ph, n + ph
    date_txt = d.date_txt(st.date(), style)
    asked = st
    if taken_first:
        st0 = st
        st = other_same_day(d, skey, st0, pkey)
        d.block_all(skey, st0, pkey)
        asked = st0
    text = d.request(np, date_txt, d.time_txt(asked), who=who[0], whos=who[1], intro=intro, n=n)
    d.say(text, extra_expect)
    if name_after:
        d.say(d.name_answer(*name_after) if isinstance(name_after, tuple) else name_after)
    if taken_first:
        d.say(fill(d, TAKEN_PICK[d.lang], time=d.time_txt(st)))
    if change_mind or no_then_other:
        st2 = other_same_day(d, skey, st, pkey)
        tpl = NO_OTHER if no_then_other else CHANGE_MIND
        d.say(tpl[d.lang].format(time=d.time_txt(st2)))
        st = st2
    d.say(d.yes("book", sentence), d.confirm_expect(st, names, day_expect or style in EXPLICIT))
    d.book(patient, skey, st, pkey)
    return st


def self_writer(d, new=False, profile="nick"):
    name, g = d.person()
    if not new:
        d.household.append(name)
    if profile == "nick":
        d.nick_profile()
    elif profile == "nick_nonnull":
        while d.nick_profile() is None:
            pass
    elif profile == "other":
        other, _ = d.person()
        d.profile, d.profile_tok = other, other
    return name, g


# ----------------------------------------------------------------------------- scenarios

def sc_booking(d):
    d.kinds = ["booking"]
    d.add_noise()
    new = d.rng.random() < 0.25
    name, g = self_writer(d, new=new)
    skey = d.rng.choice(d.adult_services())
    r = d.rng.random()
    do_booking(d, name, skey, intro=d.intro(name, g) if new else "", names=[name] if new else (),
               taken_first=r < 0.3, change_mind=0.3 <= r < 0.5, want_pkey=d.rng.random() < 0.25)
    if new:
        d.kinds.append("names")


def sc_names(d):
    d.kinds = ["names", "booking"]
    d.add_noise()
    skey = d.rng.choice(d.adult_services())
    sub = d.rng.choice(["intro_first", "asked", "other_profile", "existing_nick", "late", "yes_name", "asked"])
    if sub == "existing_nick":
        name, g = self_writer(d, new=False, profile="nick_nonnull")
        do_booking(d, name, skey, names=[name])
    elif sub == "intro_first":
        name, g = self_writer(d, new=True, profile=d.rng.choice(["nick", "nick_nonnull"]))
        do_booking(d, name, skey, intro=d.intro(name, g), names=[name])
    elif sub == "other_profile":
        name, g = self_writer(d, new=True, profile="other")
        if d.rng.random() < 0.5:
            do_booking(d, name, skey, intro=d.intro(name, g), names=[name])
        else:
            do_booking(d, name, skey, name_after=(name, g), names=[name])
    elif sub == "asked":
        name, g = self_writer(d, new=True, profile=d.rng.choice(["nick", "none"]))
        do_booking(d, name, skey, name_after=(name, g), names=[name])
    elif sub == "yes_name":
        name, g = self_writer(d, new=True, profile="nick")
        ans = {"en": "yes, it's {n}", "tr": "evet, adım {n}", "pt": "Sim, chamo-me {n}", "es": "Sí, me llamo {n}"}[d.lang].format(n=name)
        do_booking(d, name, skey, name_after=ans, names=[name])
    else:  # late: small talk and a price question first, name only when asked
        name, g = self_writer(d, new=True, profile="nick")
        d.say(d.rng.choice(SMALL_TALK[d.lang]))
        ps = [s for s in d.adult_services() if service(d.c, s)["price"]]
        ps_key = skey if skey in ps else d.rng.choice(ps)
        d.say(d.rng.choice(PRICE_Q[d.lang]).format(n=d.svc_name(ps_key)), {"contains_any": price_variants(d.c, ps_key)})
        do_booking(d, name, ps_key, name_after=(name, g), names=[name])


def rel_pick(d, child=None):
    rels = list(RELS[d.lang])
    if child is True:
        rels = ["son", "daughter"]
    elif child is False:
        rels = [r for r in rels if r not in ("son", "daughter")]
    rel = d.rng.choice(rels)
    g, phrases = RELS[d.lang][rel]
    return rel, g, d.rng.choice(phrases)


def relative(d, writer, rel, g):
    wl = d.parts[writer][1]
    if rel in ("son", "daughter") or (rel in ("wife", "husband") and d.rng.random() < 0.6):
        return d.person(g, surname=wl)[0]
    return d.person(g)[0]


def sc_someone(d):
    d.kinds = ["someone_else"]
    d.add_noise()
    sub = d.rng.choice(["new_named", "new_named", "existing_member", "existing_member", "new_contact_for_other", "rel_then_name", "cancel_member", "move_member"])
    child = True if d.ck == "gp-sao-paulo" and sub in ("new_named", "existing_member") and d.rng.random() < 0.6 else None
    rel, g, rp = rel_pick(d, child)
    is_child = rel in ("son", "daughter")
    skey = d.rng.choice(CHILD_SVCS[d.ck]) if is_child else d.rng.choice(d.adult_services())
    if sub == "new_contact_for_other":
        writer, wg = self_writer(d, new=True, profile="nick")
        target = relative(d, writer, rel, g)
        d.kinds += ["names", "booking"]
        do_booking(d, target, skey, who=d.who_parts(rp, target), intro=d.intro(writer, wg), names=[target])
        return
    writer, wg = self_writer(d, new=False, profile=d.rng.choice(["nick", "none"]))
    target = relative(d, writer, rel, g)
    first = d.parts[target][0]
    if sub == "new_named":
        d.kinds.append("booking")
        do_booking(d, target, skey, who=d.who_parts(rp, target), names=[target])
    elif sub == "existing_member":
        d.household.append(target)
        if d.rng.random() < 0.5:
            d.add_existing(writer)
        d.kinds.append("booking")
        do_booking(d, target, skey, who=d.who_parts(rp, first), names=[target])
    elif sub == "rel_then_name":
        d.kinds.append("booking")
        ans = d.rng.choice(OTHER_NAME_ANSWER[d.lang]).format(n=target, a=d.article(g))
        do_booking(d, target, skey, who=d.who_parts(rp), name_after=ans, names=[target])
    else:
        d.household.append(target)
        e = d.add_existing(target, skey=skey if skey != "pediatrics" or True else None)
        if d.rng.random() < 0.5:
            d.add_existing(writer)
        est = parse_dt(e["start"])
        if d.lang == "en":
            owner = "%s %s's" % (rp, first)
        elif d.lang == "tr":
            owner = "%s %s" % (rp, tr_gen(first))
        elif d.lang == "pt":
            art = RELS["pt"][rel][1][0]
            owner = "d" + art + " " + first
        else:
            owner = "de %s %s" % (rp, first)
        ref = d1_ref(d, e["start"], allow_empty=True)
        if sub == "cancel_member":
            d.kinds.append("cancel")
            txt = {"en": "{g}I need to cancel {o} appointment {d1}", "tr": "{g}{o} {d1} randevusunu iptal etmek istiyorum",
                   "pt": "{g}preciso de cancelar a consulta {o} {d1}", "es": "{g}necesito cancelar la cita {o} {d1}"}[d.lang]
            d.say(fill(d, txt, o=owner, d1=ref), {"contains_any": time_variants(est.hour, est.minute)})
            d.say(d.yes("cancel"))
            d.cancelled.append(e["start"])
        else:
            d.kinds.append("reschedule")
            style, st = pick(d, e["service"], pkey=e["practitioner"])
            dt = d.date_txt(st.date(), style)
            txt = {"en": "{g}can we move {o} appointment {d1} to {datebare} {time}?", "tr": "{g}{o} {d1} randevusunu {date} {time} olacak şekilde değiştirebilir miyiz?",
                   "pt": "{g}dá para mudar a consulta {o} {d1} para {datebare} {time}?", "es": "{g}¿se puede cambiar la cita {o} {d1} para {date} {time}?"}[d.lang]
            d.say(fill(d, txt, o=owner, d1=ref, date=dt, time=d.time_txt(st)))
            d.say(d.yes("move"), d.confirm_expect(st))
            d.moved.append({"from": e["start"], "date": st.date().isoformat(), "time": st.strftime("%H:%M")})


def sc_yes(d):
    d.kinds = ["yes_in_sentence"]
    d.add_noise()
    sub = d.rng.choice(["book_yes", "book_yes", "cancel_yes", "cancel_yes", "move_yes", "move_yes", "book_no", "cancel_no", "move_no", "no_then_other"])
    name, g = self_writer(d, new=False)
    skey = d.rng.choice(d.adult_services())
    if sub == "book_yes":
        d.kinds.append("booking")
        do_booking(d, name, skey, sentence=True)
    elif sub == "no_then_other":
        d.kinds.append("booking")
        do_booking(d, name, skey, sentence=d.rng.random() < 0.5, no_then_other=True)
    elif sub == "book_no":
        d.kinds.append("booking")
        style, st = pick(d, skey)
        d.say(d.request(d.svc_np(skey), d.date_txt(st.date(), style), d.time_txt(st)))
        d.say(d.no("book"))
    else:
        e = d.add_existing(name)
        if d.rng.random() < 0.3:
            d.add_existing(name)
        ref = d1_ref(d, e["start"], allow_empty=len(d.existing) == 1)
        est = parse_dt(e["start"])
        if sub.startswith("cancel"):
            d.kinds.append("cancel")
            d.say(fill(d, d.rng.choice(CANCEL_TPL[d.lang]), d1=ref), {"contains_any": time_variants(est.hour, est.minute)})
            if sub == "cancel_yes":
                d.say(d.yes("cancel", True))
                d.cancelled.append(e["start"])
            else:
                d.say(d.no("cancel"))
        else:
            d.kinds.append("reschedule")
            style, st = pick(d, e["service"], pkey=e["practitioner"])
            d.say(fill(d, d.rng.choice(MOVE_TPL[d.lang]), d1=ref, date=d.date_txt(st.date(), style), time=d.time_txt(st)))
            if sub == "move_yes":
                d.say(d.yes("move", True), d.confirm_expect(st))
                d.moved.append({"from": e["start"], "date": st.date().isoformat(), "time": st.strftime("%H:%M")})
            else:
                d.say(d.no("move"))


def sc_dates(d):
    d.kinds = ["explicit_dates", "booking"]
    d.add_noise()
    sub = d.rng.choice(["wdm", "wdm", "dm", "num", "ord", "contradict_date", "contradict_wd", "same_later_time", "same_later_window", "day_only"])
    name, g = self_writer(d, new=False)
    skey = d.rng.choice(d.adult_services())
    if sub in EXPLICIT:
        do_booking(d, name, skey, styles=[sub], day_expect=True)
        return
    if sub.startswith("contradict"):
        style, st = pick(d, skey, styles=["wdm"])
        real = st.weekday()
        delta = d.rng.choice([-1, 1]) if 0 < real < 5 else (1 if real == 0 else -1)
        wrong = (real + delta) % 7
        assert wrong != real
        if sub == "contradict_wd":
            alt = st + timedelta(days=delta)
            if not free_pracs(d.c, skey, alt, d.now + timedelta(minutes=30), d.now, d.busy()):
                raise Retry("alt not free")
            final = alt
        else:
            final = st
        d.say(d.request(d.svc_np(skey), d.date_txt(st.date(), "wdm", wd_override=wrong), d.time_txt(st)))
        d.say(fill(d, CLARIFY_DATE[d.lang], date=d.date_txt(final.date(), "wdm")))
        d.say(d.yes("book"), d.confirm_expect(final, day=True))
        d.book(name, skey, final)
        return
    if sub == "day_only":
        style, st = pick(d, skey, styles=["wdm", "dm", "num"])
        tpl = d.rng.choice(DAY_ONLY_TPL[d.lang])
        n = d.svc_name(skey)
        d.say(fill(d, tpl, i="", np=d.svc_np(skey, n=n), n=n, who="", date=d.date_txt(st.date(), style), part=""))
        d.say(bare_time(d.lang, st.hour, st.minute, d.rng))
        d.say(d.yes("book"), d.confirm_expect(st, day=True))
        d.book(name, skey, st)
        return
    style, st = pick(d, skey, styles=["wdm", "dm", "num", "tomorrow", "weekday"], hi=15 * 60)
    d.say(d.request(d.svc_np(skey), d.date_txt(st.date(), style), d.time_txt(st)))
    sdl = d.rng.choice(SAME_DAY_LATER[d.lang])
    if sub == "same_later_time":
        st2 = later_same_day(d, skey, st)
        t = d.time_txt(st2)
        msg = {"en": sdl.rstrip("?") + ", " + t + "?", "tr": sdl.rstrip("?") + ", " + t + "?", "pt": sdl.rstrip("?") + ", " + t + "?",
               "es": sdl.rstrip("?") + ", " + t + "?"}[d.lang]
        d.say(msg)
        d.say(d.yes("book"), d.confirm_expect(st2, day=True))
        d.book(name, skey, st2)
    else:
        g = d.c["policy"]["slot_grid_minutes"]
        lo = st.hour * 60 + st.minute + g
        close = max(b for p in service(d.c, skey)["practitioners"] for a, b in prac_ranges(d.c, p, st.date()))
        if not free_starts(d.c, skey, st.date(), d.now + timedelta(minutes=30), d.now, d.busy(), None, lo, close):
            raise Retry("no later")
        d.say(sdl)
        d.say(d.rng.choice(FIRST_ONE[d.lang]))
        d.say(d.yes("book"), {"contains_all": [str(st.day)]})
        d.book_window(name, skey, st.date(), lo, close)


def sc_own(d):
    d.kinds = ["own_appointments"]
    d.add_noise()
    sub = d.rng.choice(["when", "when", "all", "who", "other", "none", "split_booking", "split_booking", "split_move", "split_move"])
    name, g = self_writer(d, new=False)
    if sub == "when":
        e = d.add_existing(name)
        st = parse_dt(e["start"])
        d.say(fill(d, d.rng.choice(OWN_Q[d.lang])), {"contains_any": time_variants(st.hour, st.minute), "contains_all": [str(st.day)]})
    elif sub == "all":
        e1, e2 = d.add_existing(name), d.add_existing(name)
        s1, s2 = parse_dt(e1["start"]), parse_dt(e2["start"])
        if s1.date() == s2.date():
            raise Retry("same day")
        d.say(fill(d, OWN_Q_ALL[d.lang]), {"contains_all": [str(s1.day), str(s2.day)]})
    elif sub == "who":
        e = d.add_existing(name)
        st = parse_dt(e["start"])
        d.say(fill(d, OWN_Q_WHO[d.lang]), {"contains_any": time_variants(st.hour, st.minute), "contains_all": [prac_first(d.c, e["practitioner"])]})
    elif sub == "other":
        d.kinds.append("someone_else")
        rel, rg, rp = rel_pick(d)
        target = relative(d, name, rel, rg)
        d.household.append(target)
        skey = d.rng.choice(CHILD_SVCS[d.ck]) if rel in ("son", "daughter") else None
        e = d.add_existing(target, skey=skey)
        st = parse_dt(e["start"])
        first = d.parts[target][0]
        if d.lang == "en":
            relx = "%s %s" % (rp, first)
            txt = "{g}when is %s's appointment?" % relx
        elif d.lang == "tr":
            txt = "{g}%s %s randevusu ne zaman?" % (rp, tr_gen(first))
        elif d.lang == "pt":
            txt = "{g}quando é a consulta d%s %s?" % (RELS["pt"][rel][1][0], first)
        else:
            txt = "{g}¿cuándo es la cita de %s %s?" % (rp, first)
        d.say(fill(d, txt), {"contains_any": time_variants(st.hour, st.minute), "contains_all": [str(st.day)]})
    elif sub == "none":
        d.say(fill(d, OWN_NONE[d.lang]), {"handoff": False})
    elif sub == "split_booking":
        d.kinds.append("booking")
        skey = d.rng.choice(d.adult_services())
        style, st = pick(d, skey)
        first = {"en": "{g}I'd like to book {np}", "tr": "{g}{np} almak istiyorum", "pt": "{g}queria marcar {np}", "es": "{g}quería pedir {np}"}[d.lang]
        d.say(fill(d, first, np=d.svc_np(skey)))
        dt = d.date_txt(st.date(), style)
        d.say(fill(d, d.rng.choice(NEW_TIME_MSG[d.lang]), date=dt, time=d.time_txt(st)))
        d.say(d.yes("book"), d.confirm_expect(st))
        d.book(name, skey, st)
    else:
        d.kinds.append("reschedule")
        e = d.add_existing(name)
        style, st = pick(d, e["service"], pkey=e["practitioner"])
        d.say(fill(d, d.rng.choice(MOVE_OPEN[d.lang]), d1=d1_ref(d, e["start"], allow_empty=True)))
        d.say(fill(d, d.rng.choice(NEW_TIME_MSG[d.lang]), date=d.date_txt(st.date(), style), time=d.time_txt(st)))
        d.say(d.yes("move"), d.confirm_expect(st))
        d.moved.append({"from": e["start"], "date": st.date().isoformat(), "time": st.strftime("%H:%M")})


def faq_for(d, same):
    out = []
    for i, f in enumerate(d.c["faqs"]):
        if (f["language"] == d.lang) == same:
            out.append((i, f, FAQ_Q[d.ck][i]))
    return out


def sc_passage(d):
    d.kinds = ["passage"]
    name, g = self_writer(d, new=d.rng.random() < 0.4)
    i, f, q = d.rng.choice(faq_for(d, True))
    d.say(d.gj(d.greet(), d.rng.choice(q["q"][d.lang])), {"contains_any": q["same"]})
    if d.rng.random() < 0.3 and d.household:
        d.kinds.append("booking")
        do_booking(d, name, d.rng.choice(d.adult_services()))


def sc_answer_lang(d):
    d.kinds = ["answer_language", "passage"]
    name, g = self_writer(d, new=d.rng.random() < 0.4)
    i, f, q = d.rng.choice(faq_for(d, False))
    e = {"not_contains": [q["src"]]}
    if q["neutral"]:
        e["contains_any"] = q["neutral"]
    d.say(d.gj(d.greet(), d.rng.choice(q["q"][d.lang])), e)


def sc_fit(d):
    d.kinds = ["clinic_fit"]
    d.add_noise()
    spec = d.c["specialty"]
    name, g = self_writer(d, new=False)
    wrong = WRONG_SPECIALTY[spec]
    d.say(d.gj(d.greet(), d.rng.choice(CLINIC_FIT_Q[spec][d.lang])), {"not_contains": wrong})
    if d.rng.random() < 0.5:
        d.kinds.append("booking")
        skey = d.c["services"][0]["key"]
        do_booking(d, name, skey)
        d.turns[-1].setdefault("expect", {})["not_contains"] = wrong


def sc_service_words(d):
    d.kinds = ["service_words", "booking"]
    d.add_noise()
    name, g = self_writer(d, new=False)
    sub = d.rng.choice(["alias", "alias", "everyday", "everyday", "unknown"])
    if sub == "alias":
        skey = d.rng.choice(list(ALIASES[d.ck]))
        if skey == "pediatrics":
            skey = "consult"
        do_booking(d, name, skey, svc_mode="alias")
    elif sub == "everyday":
        skey = d.rng.choice([k for k in EVERYDAY[d.ck]])
        style, st = pick(d, skey)
        x = d.rng.choice(EVERYDAY[d.ck][skey][d.lang])
        d.say(fill(d, d.rng.choice(EVERYDAY_TPL[d.lang]), i="", x=x, who="", date=d.date_txt(st.date(), style), time=d.time_txt(st)))
        d.say(d.yes("book"), d.confirm_expect(st))
        d.book(name, skey, st)
    else:
        skey = d.c["services"][0]["key"]
        style, st = pick(d, skey, styles=["wdm", "dm", "tomorrow", "weekday", "nextweek"])
        d.say(fill(d, UNKNOWN_TPL[d.lang], u=UNKNOWN_SVC[d.ck][d.lang], date=d.date_txt(st.date(), style)))
        d.say(fill(d, UNKNOWN_FOLLOW[d.lang], np=d.svc_np(skey), time=d.time_txt(st)))
        d.say(d.yes("book"), d.confirm_expect(st))
        d.book(name, skey, st)


def part_window(d, skey, day, part):
    rs = [r for p in service(d.c, skey)["practitioners"] for r in prac_ranges(d.c, p, day)]
    if not rs:
        return None
    g = d.c["policy"]["slot_grid_minutes"]
    opn, close = min(a for a, b in rs), max(b for a, b in rs)
    if part == "morning":
        return opn, (12 * 60 - 1) // g * g
    if part == "afternoon":
        return AFTERNOON_START[d.lang], close
    return 18 * 60, close


def sc_day_parts(d):
    d.kinds = ["day_parts", "booking"]
    d.add_noise()
    name, g = self_writer(d, new=False)
    parts = ["morning", "afternoon", "afternoon"] + (["evening"] if d.ck == "physio-madrid" else [])
    part = d.rng.choice(parts)
    svcs = d.adult_services()
    if part == "evening":
        svcs = ["session", "massage", "assessment"]
    skey = d.rng.choice(svcs)
    lo0 = {"morning": 0, "afternoon": AFTERNOON_START[d.lang], "evening": 18 * 60}[part]
    hi0 = 11 * 60 + 59 if part == "morning" else 24 * 60

    def has_noon(x):  # for es/pt afternoon: prefer days where 12:00-13:59 is free, so 'tarde' discriminates
        return bool(free_starts(d.c, skey, x, d.now + timedelta(minutes=30), d.now, d.busy(), None, 12 * 60, 13 * 60 + 59))
    style = st = None
    if part == "afternoon" and d.lang in ("es", "pt"):
        try:
            style, st = pick(d, skey, styles=["wdm", "dm", "tomorrow", "weekday", "this", "nextweek"], lo=lo0, hi=hi0, date_ok=has_noon)
        except Retry:
            style = None
    if style is None:
        style, st = pick(d, skey, styles=["wdm", "dm", "tomorrow", "weekday", "this", "nextweek"], lo=lo0, hi=hi0)
    day = st.date()
    lo, hi = part_window(d, skey, day, part)
    if part == "afternoon" and d.lang == "tr":
        d.block_range(skey, day, 12 * 60, 13 * 60)  # 'öğleden sonra' from 12:00 or 13:00 gives the same answer
    msg_t = d.now + timedelta(minutes=30)
    avail = free_starts(d.c, skey, day, msg_t, d.now, d.busy(), None, lo, hi)
    if len(avail) < 3 or hi - lo < 150:
        raise Retry("no window")
    pw = d.rng.choice(PART_WORDS[part][d.lang])
    n = d.svc_name(skey)
    d.say(fill(d, d.rng.choice(DAY_ONLY_TPL[d.lang]), i="", np=d.svc_np(skey, n=n), n=n, who="", date=d.date_txt(day, style), part=pw))
    if d.rng.random() < 0.5:
        d.say(d.rng.choice(FIRST_ONE[d.lang]))
        d.say(d.yes("book"))
        d.book_window(name, skey, day, lo, hi)
    else:
        pickt = d.rng.choice(avail)
        d.say(bare_time(d.lang, pickt.hour, pickt.minute, d.rng))
        d.say(d.yes("book"), d.confirm_expect(pickt))
        d.book(name, skey, pickt)


def sc_emergency(d):
    d.kinds = ["emergency"]
    new = d.rng.random() < 0.4
    name, g = self_writer(d, new=new)
    spec = d.c["specialty"]
    text = d.rng.choice(EMERGENCY[spec][d.lang])
    sub = d.rng.choice(["plain", "plain", "plain", "mid_booking", "small_talk"])
    pre = d.rng.choice(EMERG_PRE[d.lang])
    msg = pre + (lower_first(text) if pre and not pre.endswith(". ") else text) + d.rng.choice(EMERG_POST[d.lang])
    if sub == "small_talk":
        d.say(d.rng.choice(SMALL_TALK[d.lang]))
    elif sub == "mid_booking" and not new:
        skey = d.rng.choice(d.adult_services())
        style, st = pick(d, skey)
        d.say(d.request(d.svc_np(skey), d.date_txt(st.date(), style), d.time_txt(st)))
    d.say(msg, {"emergency": True})


def sc_two(d):
    d.kinds = ["two_questions"]
    d.add_noise()
    sub = d.rng.choice(["price_faq", "price_faq", "price_book", "own_price", "two_prices"])
    name, g = self_writer(d, new=False)
    priced = [s["key"] for s in d.c["services"] if s["price"] and s["key"] != "pediatrics"]
    if sub == "two_prices" and d.c["currency"] == "TRY":
        sub = "price_faq"
    if sub == "price_faq":
        cands = [(i, f, q) for i, f, q in faq_for(d, True) + faq_for(d, False) if q["neutral"]]
        i, f, q = d.rng.choice(cands)
        skey = d.rng.choice(priced)
        pq = d.rng.choice(PRICE_Q[d.lang]).format(n=d.svc_name(skey, d.rng.choice(["name", "alias"])))
        fq = d.rng.choice(q["q"][d.lang])
        j = d.rng.choice(JOIN2[d.lang])
        msg = (pq + j + lower_first(fq)) if d.rng.random() < 0.5 else (fq + j + lower_first(pq))
        d.kinds.append("passage" if f["language"] == d.lang else "answer_language")
        d.say(d.gj(d.greet(), msg), {"contains_any": price_variants(d.c, skey), "contains_all": [q["neutral"][0]]})
    elif sub == "price_book":
        d.kinds.append("booking")
        skey = d.rng.choice(priced)
        style, st = pick(d, skey)
        d.say(d.gj(d.greet(), "") + TWO_Q_PRICE_BOOK[d.lang].format(n=d.svc_name(skey), date=d.date_txt(st.date(), style), time=d.time_txt(st)),
              {"contains_any": price_variants(d.c, skey)})
        d.say(d.yes("book"), d.confirm_expect(st))
        d.book(name, skey, st)
    elif sub == "own_price":
        d.kinds.append("own_appointments")
        e = d.add_existing(name, skey=d.rng.choice(priced))
        st = parse_dt(e["start"])
        d.say(fill(d, TWO_Q_OWN[d.lang]), {"contains_any": price_variants(d.c, e["service"]), "contains_all": [str(st.day)]})
    else:
        a, b = d.rng.sample(priced, 2)
        pa, pb = price_variants(d.c, a)[0], price_variants(d.c, b)[0]
        msg = d.rng.choice(PRICE_Q[d.lang]).format(n=d.svc_name(a)) + d.rng.choice(JOIN2[d.lang]) + lower_first(d.rng.choice(PRICE_Q[d.lang]).format(n=d.svc_name(b)))
        d.say(d.gj(d.greet(), msg), {"contains_all": [pa, pb]})


def sc_cancel(d):
    d.kinds = ["cancel"]
    d.add_noise()
    name, g = self_writer(d, new=False)
    e = d.add_existing(name)
    if d.rng.random() < 0.4:
        d.add_existing(name)
    est = parse_dt(e["start"])
    ref = d1_ref(d, e["start"], allow_empty=len(d.existing) == 1)
    d.say(fill(d, d.rng.choice(CANCEL_TPL[d.lang]), d1=ref), {"contains_any": time_variants(est.hour, est.minute)})
    d.say(d.yes("cancel"))
    d.cancelled.append(e["start"])


def sc_reschedule(d):
    d.kinds = ["reschedule"]
    d.add_noise()
    name, g = self_writer(d, new=False)
    e = d.add_existing(name)
    if d.rng.random() < 0.3:
        d.add_existing(name)
    ref = d1_ref(d, e["start"], allow_empty=len(d.existing) == 1)
    style, st = pick(d, e["service"], pkey=e["practitioner"])
    if d.rng.random() < 0.35:  # the asked time is taken; the patient then names a free one that day
        st0 = st
        st = other_same_day(d, e["service"], st0, e["practitioner"])
        d.block_all(e["service"], st0)
        d.say(fill(d, d.rng.choice(MOVE_TPL[d.lang]), d1=ref, date=d.date_txt(st0.date(), style), time=d.time_txt(st0)))
        d.say(fill(d, TAKEN_PICK[d.lang], time=d.time_txt(st)))
    else:
        d.say(fill(d, d.rng.choice(MOVE_TPL[d.lang]), d1=ref, date=d.date_txt(st.date(), style), time=d.time_txt(st)))
    d.say(d.yes("move"), d.confirm_expect(st, day=style in EXPLICIT))
    d.moved.append({"from": e["start"], "date": st.date().isoformat(), "time": st.strftime("%H:%M")})


PLAN = [  # (scenario, dialogs per language)
    (sc_names, 44), (sc_someone, 44), (sc_yes, 44), (sc_dates, 44), (sc_emergency, 44),
    (sc_own, 18), (sc_passage, 16), (sc_answer_lang, 16), (sc_fit, 16), (sc_service_words, 18),
    (sc_day_parts, 20), (sc_two, 16), (sc_cancel, 12), (sc_reschedule, 12), (sc_booking, 14),
]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.phone_n = 0


def generate():
    gen = Gen(SEED)
    out = []
    retries = 0
    for li, lang in enumerate(LANGS):
        n = 0
        for si, (fn, count) in enumerate(PLAN):
            clinics = list(CLINIC_KEYS)
            if fn is sc_passage:
                clinics = [k for k in CLINIC_KEYS if any(f["language"] == lang for f in CLINICS[k]["faqs"])]
            if fn is sc_answer_lang:
                clinics = [k for k in CLINIC_KEYS if any(f["language"] != lang for f in CLINICS[k]["faqs"])]
            for i in range(count):
                ck = clinics[(i + li + si) % len(clinics)]
                for attempt in range(40):
                    d = Dlg(gen, lang, ck, [])
                    try:
                        fn(d)
                        n += 1
                        dl = d.build("dev-%s-%04d" % (lang, n))
                        validate(dl, d.reqs)
                        break
                    except Retry:
                        retries += 1
                        continue
                else:
                    raise SystemExit("could not build %s %s %s" % (fn.__name__, lang, ck))
                out.append(dl)
    ids = [x["id"] for x in out]
    assert len(ids) == len(set(ids))
    return out, retries


def stats(rows):
    by_lang, by_kind, by_clinic, by_lk = Counter(), Counter(), Counter(), Counter()
    for r in rows:
        by_lang[r["language"]] += 1
        by_clinic[r["clinic"]] += 1
        for k in r["kinds"]:
            by_kind[k] += 1
            by_lk[(r["language"], k)] += 1
    return by_lang, by_kind, by_clinic, by_lk


def print_stats(rows):
    by_lang, by_kind, by_clinic, by_lk = stats(rows)
    print("dialogs:", len(rows))
    print("per language:", dict(sorted(by_lang.items())))
    print("per clinic:", dict(sorted(by_clinic.items())))
    print("%-18s %6s  %s" % ("kind", "total", "  ".join("%4s" % l for l in LANGS)))
    for k in KINDS:
        print("%-18s %6d  %s" % (k, by_kind[k], "  ".join("%4d" % by_lk[(l, k)] for l in LANGS)))


def load(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except ValueError as e:
                    raise SystemExit("%s:%d: bad JSON: %s" % (path, ln, e))
    return rows


def main(argv):
    if len(argv) >= 2 and argv[0] in ("--check", "--stats"):
        rows = load(argv[1])
        if argv[0] == "--check":
            bad = 0
            ids = Counter(r.get("id") for r in rows)
            for k, v in ids.items():
                if v > 1:
                    print("duplicate id", k)
                    bad += 1
            for r in rows:
                try:
                    validate(r)
                except (Invalid, KeyError, ValueError) as e:
                    bad += 1
                    print("INVALID", r.get("id"), e)
            print("%d dialogs, %d invalid" % (len(rows), bad))
        print_stats(rows)
        return 1 if argv[0] == "--check" and bad else 0
    rows, retries = generate()
    path = os.path.join(HERE, "generated.jsonl")
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %s (%d retries while generating)" % (path, retries))
    print_stats(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
