"""Shared helpers for dev4: clinic fixtures, free-slot arithmetic, text styling.

Standard library only. Used by generate.py and hand_src.py.
"""
import datetime as dt
import json
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "..", "clinics.json"), encoding="utf-8") as _f:
    CLINICS = {c["key"]: c for c in json.load(_f)["clinics"]}

WD_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# Daylight-saving switch dates in 2027 (local), for choosing "now" near them.
DST_SWITCHES = {
    "Europe/Lisbon": [dt.date(2027, 3, 28), dt.date(2027, 10, 31)],
    "Europe/Madrid": [dt.date(2027, 3, 28), dt.date(2027, 10, 31)],
    "America/New_York": [dt.date(2027, 3, 14), dt.date(2027, 11, 7)],
    "Europe/Istanbul": [],
    "America/Sao_Paulo": [],
}


def hm2min(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def min2hm(m):
    return "%02d:%02d" % (m // 60, m % 60)


def service(clinic, skey):
    for s in CLINICS[clinic]["services"]:
        if s["key"] == skey:
            return s
    raise KeyError(skey)


def prac(clinic, pkey):
    for p in CLINICS[clinic]["practitioners"]:
        if p["key"] == pkey:
            return p
    raise KeyError(pkey)


def parse_dt(s):
    return dt.datetime.strptime(s, "%Y-%m-%dT%H:%M")


def fmt_dt(x):
    return x.strftime("%Y-%m-%dT%H:%M")


def works(clinic, pkey, date, smin, dur):
    ranges = prac(clinic, pkey)["working_hours"].get(WD_KEYS[date.weekday()], [])
    for r in ranges:
        a, b = r.split("-")
        if hm2min(a) <= smin and smin + dur <= hm2min(b):
            return True
    return False


def busy_of(clinic, appts):
    """appts: list of dicts with practitioner, service, start -> list (pkey, start, end)."""
    out = []
    for a in appts:
        s = parse_dt(a["start"])
        d = service(clinic, a["service"])["duration_minutes"]
        out.append((a["practitioner"], s, s + dt.timedelta(minutes=d)))
    return out


def free_pracs(clinic, skey, start, now, busy, margin_minutes=40):
    """Practitioners free for service skey at local datetime start.

    `margin_minutes` is added to the notice so that the time is still free
    when the patient confirms a few messages later."""
    c = CLINICS[clinic]
    pol = c["policy"]
    s = service(clinic, skey)
    dur = s["duration_minutes"]
    smin = start.hour * 60 + start.minute
    if smin % pol["slot_grid_minutes"]:
        return []
    if start < now + dt.timedelta(minutes=pol["min_notice_minutes"] + margin_minutes):
        return []
    if start > now + dt.timedelta(days=pol["horizon_days"] - 2):
        return []
    end = start + dt.timedelta(minutes=dur)
    out = []
    for pk in s["practitioners"]:
        if not works(clinic, pk, start.date(), smin, dur):
            continue
        if any(b[0] == pk and b[1] < end and start < b[2] for b in busy):
            continue
        out.append(pk)
    return out


def free_times(clinic, skey, date, now, busy, margin_minutes=40):
    grid = CLINICS[clinic]["policy"]["slot_grid_minutes"]
    out = []
    for m in range(6 * 60, 22 * 60, grid):
        st = dt.datetime.combine(date, dt.time(m // 60, m % 60))
        if free_pracs(clinic, skey, st, now, busy, margin_minutes):
            out.append(min2hm(m))
    return out


# ---------------------------------------------------------------- text styling

TR_NOACC = str.maketrans("ıİşŞğĞçÇöÖüÜâÂîÎûÛ", "iIsSgGcCoOuUaAiIuU")


def strip_accents(text, lang):
    if lang == "tr":
        text = text.translate(TR_NOACC)
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def lower(text, lang):
    if lang == "tr":
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower()


ABBREV = {
    "en": [(r"\byou\b", "u"), (r"\bplease\b", "pls"), (r"\bappointment\b", "appt"),
           (r"\bthanks\b", "thx"), (r"\bbecause\b", "bc"), (r"\bare you\b", "r u"),
           (r"\btomorrow\b", "tmrw")],
    "tr": [(r"\bmerhaba\b", "mrb"), (r"\bMerhaba\b", "Mrb"), (r"\btamam\b", "tmm"),
           (r"\bTamam\b", "Tmm"), (r"\bteşekkürler\b", "tşk"), (r"\bTeşekkürler\b", "Tşk"),
           (r"\bteşekkür ederim\b", "tşk ederim"), (r"\bselam\b", "slm"),
           (r"\blütfen\b", "lütfn"), (r"\bmüsait\b", "müsayit"), (r"\bdeğil mi\b", "di mi")],
    "pt": [(r"\bvocê\b", "vc"), (r"\bvocês\b", "vcs"), (r"\bque\b", "q"), (r"\bporque\b", "pq"),
           (r"\btambém\b", "tb"), (r"\bpor favor\b", "pf"), (r"\bobrigad[oa]\b", "obg"),
           (r"\btudo\b", "td"), (r"\bbeijos\b", "bjs"), (r"\bquando\b", "qnd")],
    "es": [(r"\bque\b", "q"), (r"\bpor favor\b", "x fa"), (r"\bporque\b", "xq"),
           (r"\btambién\b", "tb"), (r"\bgracias\b", "grcs"), (r"\bpor\b", "x"),
           (r"\bbesos\b", "bss"), (r"\bsaludos\b", "salu2"), (r"\bquiero\b", "kiero")],
}


class Style:
    """How one person types: applied to every message of a dialog."""

    def __init__(self, lang, low=False, noacc=False, abbrev=False, emoji=None):
        self.lang, self.low, self.noacc, self.abbrev, self.emoji = lang, low, noacc, abbrev, emoji

    def name(self, n):
        if self.noacc:
            n = strip_accents(n, self.lang)
        if self.low:
            n = lower(n, self.lang)
        return n

    def __call__(self, text, first=False):
        if self.abbrev:
            for pat, rep in ABBREV[self.lang]:
                text = re.sub(pat, rep, text)
        if self.noacc:
            text = strip_accents(text, self.lang)
        if self.low:
            text = lower(text, self.lang)
        if self.emoji and first:
            text = text + " " + self.emoji
        return text


# ---------------------------------------------------------------- reply expectations

def exp_time(hm):
    """Surface forms a reply may use for a time (contains_any)."""
    h, m = int(hm[:2]), int(hm[3:])
    mm = "%02d" % m
    out = ["%d:%s" % (h, mm), "%d.%s" % (h, mm), "%dh%s" % (h, mm)]
    if m == 0:
        out += ["%dh" % h, "%d h" % h, "%d am" % h if h < 12 else "%d pm" % (h - 12 if h > 12 else 12)]
    h12 = h - 12 if h > 12 else h
    ap = "am" if h < 12 else "pm"
    if h > 12:
        out += ["%d:%s %s" % (h12, mm, ap), "%d:%s%s" % (h12, mm, ap), "%d.%s%s" % (h12, mm, ap),
                "%d:%s p.m." % (h12, mm)]
        if m == 0:
            out += ["%dpm" % h12, "%d pm" % h12, "%d p.m." % h12]
    elif m == 0:
        out += ["%d%s" % (h, ap), "%d %s" % (h, ap)]
    seen, res = set(), []
    for x in out:
        if x not in seen:
            seen.add(x)
            res.append(x)
    return res


NAME_ASK = {
    "en": ["name"],
    "tr": ["isim", "ismi", "adı", "adın", "ad soyad", "ad-soyad"],
    "pt": ["nome"],
    "es": ["nombre"],
}


def dumps(d):
    return json.dumps(d, ensure_ascii=False)
