#!/usr/bin/env python3
"""Independent dialog set (en + tr) for Frontdesk.

Deterministic: fixed seed, standard library only. Writes generated.jsonl next to this file.
Phrasings are assembled from many hand-written pieces so that no two dialogs read alike.
"""
import datetime as dt
import json
import os
import random
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CLINICS = {c["key"]: c for c in json.load(open(os.path.join(HERE, "..", "clinics.json")))["clinics"]}
R = random.Random(20270206)
WD = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EN_WD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MON = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
TR_LOC = ["ta", "ta", "ta", "da", "ta", "da", "da", "ta", "de", "de", "da", "ta"]
TR_WD = ["Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar"]
TR_MON = ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
          "Ekim", "Kasım", "Aralık"]

# ---------------------------------------------------------------- helpers


def pick(xs):
    return R.choice(xs)


def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt_t(mins):
    return "%02d:%02d" % (mins // 60, mins % 60)


DEACC = str.maketrans("ışğçöüİŞĞÇÖÜâ", "isgcouISGCOUa")


def messy_tr(s, p=0.45):
    """People often type Turkish without its letters, in lowercase."""
    if R.random() < p:
        s = s.translate(DEACC)
    if R.random() < 0.4:
        s = s.replace("I", "ı").replace("İ", "i").lower()
    return s


def messy_en(s):
    if R.random() < 0.3:
        s = s.lower()
    if R.random() < 0.15:
        s = s.replace("'", "")
    return s


def messy(lang, s, keep=()):
    """Mess up spelling but keep the given names exactly as written (they become the patient's name)."""
    marks = {}
    for i, k in enumerate(sorted(set(keep), key=len, reverse=True)):
        m = chr(0xE000 + i)
        marks[m] = k
        s = s.replace(k, m)
    s = messy_tr(s) if lang == "tr" else messy_en(s)
    for m, k in marks.items():
        s = s.replace(m, k)
    return s


def written_name(lang, name):
    if lang == "tr" and R.random() < 0.3:
        return name.translate(DEACC)
    return name


def emoji():
    return pick(["", "", "", " 🙏", " 😊", " 👍", " 🙂", " 😅", " 🦷" if False else "", " ✨", " 😬"])


def aware(clinic, d):
    return d.replace(tzinfo=ZoneInfo(clinic["time_zone"]))


def msg_time(clinic, now, i):
    """Local time of message i (0-based): 2 minutes apart in real (UTC) time."""
    u = aware(clinic, now).astimezone(dt.timezone.utc) + dt.timedelta(minutes=2 * i)
    return u.astimezone(ZoneInfo(clinic["time_zone"])).replace(tzinfo=None)


def svc(clinic, key):
    return next(s for s in clinic["services"] if s["key"] == key)


def prac(clinic, key):
    return next(p for p in clinic["practitioners"] if p["key"] == key)


def works(clinic, pkey, start, dur):
    p = prac(clinic, pkey)
    m0 = start.hour * 60 + start.minute
    for r in p["working_hours"].get(WD[start.weekday()], []):
        a, b = r.split("-")
        if hm(a) <= m0 and m0 + dur <= hm(b):
            return True
    return False


def busy_list(clinic, appts):
    out = []
    for a in appts:
        s = dt.datetime.fromisoformat(a["start"])
        out.append((a["practitioner"], s, s + dt.timedelta(minutes=svc(clinic, a["service"])["duration_minutes"])))
    return out


def free_pracs(clinic, skey, start, now, last, busy, only=None):
    s = svc(clinic, skey)
    pol = clinic["policy"]
    if (start.hour * 60 + start.minute) % pol["slot_grid_minutes"]:
        return []
    if aware(clinic, start) - aware(clinic, last) < dt.timedelta(minutes=pol["min_notice_minutes"] + 5):
        return []
    if start.date() - now.date() > dt.timedelta(days=pol["horizon_days"] - 2):
        return []
    end = start + dt.timedelta(minutes=s["duration_minutes"])
    res = []
    for p in s["practitioners"]:
        if only and p != only:
            continue
        if not works(clinic, p, start, s["duration_minutes"]):
            continue
        if any(bp == p and bs < end and start < be for bp, bs, be in busy):
            continue
        res.append(p)
    return res


def slots_on(clinic, skey, day, now, last, busy, lo=0, hi=24 * 60, only=None):
    g = clinic["policy"]["slot_grid_minutes"]
    out = []
    for m in range(0, 24 * 60, g):
        if lo <= m < hi:
            st = dt.datetime.combine(day, dt.time(m // 60, m % 60))
            if free_pracs(clinic, skey, st, now, last, busy, only):
                out.append(st)
    return out


def pick_slot(clinic, skey, now, busy, dmin=1, dmax=20, lo=0, hi=24 * 60, last=None, only=None,
              weekday_ok=None):
    last = last or now + dt.timedelta(minutes=14)
    for _ in range(200):
        d = now.date() + dt.timedelta(days=R.randint(dmin, dmax))
        if weekday_ok and not weekday_ok(d):
            continue
        sl = slots_on(clinic, skey, d, now, last, busy, lo, hi, only)
        if sl:
            return pick(sl)
    return None


# ---------------------------------------------------------------- people

EN_FIRST = ["Liam", "Olivia", "Noah", "Emma", "James", "Ava", "Lucas", "Mia", "Ethan", "Grace", "Daniel",
            "Chloe", "Samuel", "Hannah", "Owen", "Isla", "Jack", "Zoe", "Ryan", "Nora", "Kevin", "Priyanka",
            "Marcus", "Aisha", "Tom", "Megan", "Connor", "Rosa", "Wei", "Fatima"]
EN_LAST = ["O'Brien", "Smith", "Walker", "Nguyen", "Murphy", "Patel", "Johnson", "Kowalski", "Brooks",
           "McCarthy", "Fitzgerald", "Reyes", "Chen", "Harper", "Bennett", "Sullivan", "Okafor", "Doyle",
           "Lindqvist", "Van der Berg", "Ramirez", "Thompson"]
TR_FIRST = ["Ayşe", "Mehmet", "Zeynep", "Mustafa", "Elif", "Emre", "Büşra", "Burak", "Gökhan", "Şeyma",
            "Çağla", "Oğuz", "Merve", "Hüseyin", "İrem", "Deniz", "Ece", "Kerem", "Sevgi", "Ufuk", "Tuğba",
            "Yiğit", "Gülşen", "Onur", "Nazlı", "Cem", "Dilek", "Barış", "Özge", "Serkan"]
TR_SECOND = ["Can", "Nur", "Ali", "Su", "Naz", "Efe"]
TR_LAST = ["Demir", "Yıldız", "Kaya", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç",
           "Kılıç", "Güneş", "Erdoğan", "Yücel", "Aksoy", "Polat", "Karaca", "Özdemir", "Çetin", "Uçar"]
KIDS_EN = ["Leo", "Maya", "Finn", "Lily", "Max", "Ruby", "Sam", "Ella"]
KIDS_TR = ["Deniz", "Ege", "Elif", "Ada", "Aras", "Defne", "Kuzey", "Eylül", "Alp", "Mira"]
OLD_EN = ["Margaret", "Robert", "Patricia", "George", "Dorothy", "Frank"]
OLD_TR = ["Fatma", "Hasan", "Hatice", "Ahmet", "Emine", "İbrahim", "Nuriye", "Osman"]


GENDERED = {
    "en": {"son": ["Leo", "Finn", "Max", "Sam", "Oliver", "Henry"], "daughter": ["Maya", "Lily", "Ruby", "Ella", "Sophie"],
           "wife": ["Olivia", "Emma", "Grace", "Hannah", "Megan", "Rosa"], "husband": ["Liam", "James", "Daniel", "Owen", "Marcus", "Tom"],
           "mother": ["Margaret", "Patricia", "Dorothy", "Linda"], "father": ["Robert", "George", "Frank", "Michael"],
           "grandmother": ["Dorothy", "Edith", "Margaret"]},
    "tr": {"son": ["Ege", "Aras", "Kuzey", "Alp", "Deniz", "Emir"], "daughter": ["Elif", "Ada", "Defne", "Eylül", "Mira", "Zeynep"],
           "wife": ["Ayşe", "Zeynep", "Elif", "Merve", "Özge", "Dilek"], "husband": ["Mehmet", "Burak", "Emre", "Onur", "Serkan", "Barış"],
           "mother": ["Fatma", "Hatice", "Emine", "Nuriye"], "father": ["Hasan", "Ahmet", "İbrahim", "Osman"],
           "grandmother": ["Hatice", "Emine", "Saadet", "Fadime"]},
}


def full_name(lang):
    if lang == "tr":
        f = pick(TR_FIRST)
        if R.random() < 0.25:
            f += " " + pick(TR_SECOND)
        return f + " " + pick(TR_LAST)
    return pick(EN_FIRST) + " " + pick(EN_LAST)


def profile_for(lang, realname):
    first = realname.split()[0]
    opts = [None, first.lower(), first[:3] + "oş 🌸" if lang == "tr" else first[:3] + "zy ✌️", "📱",
            "Annem" if lang == "tr" else "Mom", "iPhone", first + " " + realname.split()[-1][0] + ".",
            "🌻🌻", "Kral" if lang == "tr" else "Big Dave", "Ev" if lang == "tr" else "Home",
            full_name(lang)]  # a profile that looks like a different real name
    return pick(opts)


def phone(lang, i):
    return ("+90532%07d" % (1000000 + i)) if lang == "tr" else ("+1617%07d" % (2000000 + i))


# ---------------------------------------------------------------- phrase pieces

def tr_hour_suffix(mins):
    h, m = mins // 60, mins % 60
    if m == 0:
        n = h
    else:
        n = m
    last = {0: "da", 1: "de", 2: "de", 3: "te", 4: "te", 5: "te", 6: "da", 7: "de", 8: "de", 9: "da"}
    if n in (10, 30, 60):
        return "da"
    if n == 40:
        return "ta"
    if n in (20, 50):
        return "de" if n == 20 else "de"
    return last[n % 10]


def time_en(mins, ctx_pm=False):
    h, m = mins // 60, mins % 60
    h12 = h - 12 if h > 12 else h
    ap = "pm" if h >= 12 else "am"
    mm = "" if m == 0 else ":%02d" % m
    opts = ["%d:%02d" % (h, m), "%d%s%s" % (h12, mm, ap), "%d%s %s" % (h12, mm, ap),
            "%d%s%s" % (h12, mm, ap.upper()), "%02d:%02d" % (h, m)]
    if m == 0:
        opts += ["%d o'clock" % h12 if 9 <= h <= 11 else "%d%s" % (h12, ap), "%d%s" % (h12, ap)]
    if m == 30:
        opts += ["half past %d" % h12 if h < 12 or ctx_pm else "%d:30pm" % h12, "%d.30%s" % (h12, ap)]
    if m == 15:
        opts += ["quarter past %d" % h12 if h < 12 or ctx_pm else "%d:15pm" % h12]
    if m == 45:
        opts += ["%d.45" % h]
    if h >= 13 and not ctx_pm:
        opts = [o for o in opts if "pm" in o.lower() or ":" in o and int(o.split(":")[0]) >= 13 or "." in o]
    return pick(opts)


def time_tr(mins):
    h, m = mins // 60, mins % 60
    suf = tr_hour_suffix(mins)
    opts = ["saat %d:%02d'%s" % (h, m, suf), "%d:%02d'%s" % (h, m, suf), "%d.%02d'%s" % (h, m, suf),
            "%d:%02d%s" % (h, m, suf), "saat %d.%02d" % (h, m), "%02d:%02d" % (h, m)]
    if m == 0:
        opts += ["saat %d'%s" % (h, suf), "%d%s" % (h, suf), "saat %d'%s" % (h, suf)]
        if h >= 13:
            opts += ["öğleden sonra %d'%s" % (h - 12, tr_hour_suffix((h - 12) * 60))]
    if m == 30:
        opts += ["%d buçukta" % h]
        if h >= 13:
            opts += ["öğleden sonra %d buçukta" % (h - 12)]
    return pick(opts)


def time_expect(mins):
    h, m = mins // 60, mins % 60
    v = ["%d:%02d" % (h, m), "%d.%02d" % (h, m), "%dh%02d" % (h, m), "%02d:%02d" % (h, m)]
    if h > 12:
        h12 = h - 12
        v += ["%d:%02d p" % (h12, m), "%d:%02dp" % (h12, m)]
        if m == 0:
            v += ["%d pm" % h12, "%dpm" % h12, "%d p.m" % h12]
    elif h < 12 and m == 0:
        v += ["%d am" % h, "%dam" % h, "%d a.m" % h]
    return sorted(set(v))


def tr_ord(d):
    last = d % 10
    if d in (10, 30):
        return "'unda"
    if d == 20:
        return "'sinde"
    return {1: "'inde", 2: "'sinde", 3: "'ünde", 4: "'ünde", 5: "'inde", 6: "'sında", 7: "'sinde",
            8: "'inde", 9: "'unda", 0: "'unda"}[last]


def next_with_day(now, dnum):
    d = now.date() + dt.timedelta(days=1)
    for _ in range(62):
        if d.day == dnum:
            return d
        d += dt.timedelta(days=1)


def date_en(d, now, clinic, allow_wd=True):
    delta = (d - now.date()).days
    wd, mon = EN_WD[d.weekday()], EN_MON[d.month - 1]
    opts = ["%s %d %s" % (wd, d.day, mon), "%s, %s %d" % (wd, mon, d.day), "%d %s" % (d.day, mon),
            "%s %d" % (mon[:3], d.day), "%s %dth" % (mon, d.day) if d.day in (4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 24, 25, 26, 27, 28, 29, 30) else "%s %d" % (mon, d.day),
            "the %d%s of %s" % (d.day, ord_en(d.day), mon), "%s the %d%s" % (wd, d.day, ord_en(d.day))]
    if d.day > 12:
        opts.append(("%d/%d" % (d.month, d.day)) if clinic["key"] == "gp-boston" else "%d/%d" % (d.day, d.month))
    if next_with_day(now, d.day) == d and delta < 25:
        opts += ["the %d%s" % (d.day, ord_en(d.day))]
    if allow_wd and 1 < delta < 7:
        opts += [wd, "this " + wd, "on " + wd, wd.lower(), wd[:3]]
    if delta == 1:
        opts += ["tomorrow", "tmrw", "tomorrow"]
    return pick(opts)


def ord_en(n):
    if n in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def date_tr(d, now, allow_wd=True):
    delta = (d - now.date()).days
    wd, mon = TR_WD[d.weekday()], TR_MON[d.month - 1]
    opts = ["%d %s %s" % (d.day, mon, wd), "%d %s" % (d.day, mon), "%d %s'%s" % (d.day, mon, TR_LOC[d.month - 1]),
            "%02d.%02d" % (d.day, d.month), "%d/%d" % (d.day, d.month), "%s %d %s" % (wd, d.day, mon.lower()),
            "%d %s %s günü" % (d.day, mon.lower(), wd.lower())]
    if next_with_day(now, d.day) == d and delta < 25:
        opts += ["ayın %d%s" % (d.day, tr_ord(d.day))]
    if allow_wd and 1 < delta < 7:
        w = wd.lower()
        dat = {"pazartesi": "pazartesiye", "salı": "salıya", "çarşamba": "çarşambaya", "perşembe": "perşembeye",
               "cuma": "cumaya", "cumartesi": "cumartesiye"}[w]
        opts += [w, w + " günü", dat, "bu " + w, w + " için"]
    if delta == 1:
        opts += ["yarın", "yarin", "yarın"]
    return pick(opts)


def date_expect(d):
    return [str(d.day)]


def svc_word(lang, clinic, skey):
    """Everyday ways to name each service (incl. clinic aliases)."""
    ck = clinic["key"]
    W = {
        ("en", "dental-ankara", "checkup"): ["a check-up", "a checkup", "a dental exam", "a dental check", "a routine check", "a check up"],
        ("en", "dental-ankara", "cleaning"): ["a cleaning", "a teeth cleaning", "a scale and polish", "a scaling", "a hygiene appointment", "a hygienist clean"],
        ("en", "dental-ankara", "filling"): ["a filling"],
        ("en", "dental-ankara", "root_canal"): ["a root canal", "root canal treatment", "the root canal"],
        ("en", "dental-ankara", "braces_consult"): ["a braces consultation", "braces", "an orthodontic consult", "invisalign consultation"],
        ("tr", "dental-ankara", "checkup"): ["muayene", "kontrol", "diş kontrolü", "genel muayene", "bir muayene", "check up"],
        ("tr", "dental-ankara", "cleaning"): ["diş taşı temizliği", "diş temizliği", "detartraj", "temizlik"],
        ("tr", "dental-ankara", "filling"): ["dolgu", "çürük dolgusu", "bir dolgu"],
        ("tr", "dental-ankara", "root_canal"): ["kanal tedavisi", "kanal"],
        ("tr", "dental-ankara", "braces_consult"): ["tel tedavisi", "ortodonti muayenesi", "şeffaf plak"],
        ("en", "dermatology-lisbon", "consult"): ["a dermatologist", "a skin doctor", "a dermatology consultation", "a derm appointment"],
        ("en", "dermatology-lisbon", "mole_check"): ["a mole check", "a mole check-up", "a mole screening appointment", "a mole screening"],
        ("en", "dermatology-lisbon", "acne"): ["acne treatment", "an acne appointment", "pimples treatment"],
        ("en", "dermatology-lisbon", "laser"): ["laser hair removal", "laser", "a laser session"],
        ("en", "dermatology-lisbon", "peel"): ["a chemical peel", "a peel", "a peeling"],
        ("tr", "dermatology-lisbon", "consult"): ["cilt doktoru", "dermatoloji muayenesi", "dermatolog"],
        ("tr", "dermatology-lisbon", "mole_check"): ["ben kontrolü", "benler için kontrol", "ben taraması"],
        ("tr", "dermatology-lisbon", "acne"): ["akne tedavisi", "sivilce tedavisi", "akne"],
        ("tr", "dermatology-lisbon", "laser"): ["lazer epilasyon", "epilasyon", "lazer"],
        ("tr", "dermatology-lisbon", "peel"): ["kimyasal peeling", "peeling"],
        ("en", "physio-madrid", "assessment"): ["an initial assessment", "a first visit", "an evaluation", "a first assessment"],
        ("en", "physio-madrid", "session"): ["a physio session", "physio", "physiotherapy", "a physiotherapy session"],
        ("en", "physio-madrid", "massage"): ["a sports massage", "a massage", "a deep tissue sports massage"],
        ("en", "physio-madrid", "pilates"): ["clinical pilates", "a pilates class", "pilates", "reformer"],
        ("en", "physio-madrid", "rehab_consult"): ["a rehab doctor", "a rehabilitation consultation", "the rehab doctor"],
        ("tr", "physio-madrid", "assessment"): ["ilk değerlendirme", "değerlendirme", "ilk muayene değerlendirmesi"],
        ("tr", "physio-madrid", "session"): ["fizik tedavi", "fizyoterapi seansı", "fizyoterapi", "fizik tedavi seansı"],
        ("tr", "physio-madrid", "massage"): ["spor masajı", "masaj", "bir masaj"],
        ("tr", "physio-madrid", "pilates"): ["klinik pilates", "pilates", "reformer pilates"],
        ("tr", "physio-madrid", "rehab_consult"): ["fiziatrist", "rehabilitasyon muayenesi", "rehabilitasyon doktoru"],
        ("en", "gp-boston", "consult"): ["a GP appointment", "the family doctor", "a sick visit with the GP", "a doctor's appointment", "a general consultation", "a doctor"],
        ("en", "gp-boston", "physical"): ["an annual physical", "a physical", "a check-up", "my yearly physical"],
        ("en", "gp-boston", "blood"): ["a blood test", "blood work", "labs"],
        ("en", "gp-boston", "vaccine"): ["a flu shot", "a vaccine", "a shot", "a vaccination"],
        ("en", "gp-boston", "telehealth"): ["a prescription refill", "a refill", "a prescription renewal"],
        ("tr", "gp-boston", "consult"): ["genel muayene", "aile hekimi", "pratisyen", "doktor randevusu"],
        ("tr", "gp-boston", "physical"): ["yıllık check-up", "check-up", "yıllık kontrol"],
        ("tr", "gp-boston", "blood"): ["kan tahlili", "kan testi", "tahlil"],
        ("tr", "gp-boston", "vaccine"): ["aşı", "grip aşısı", "tetanos aşısı"],
        ("tr", "gp-boston", "telehealth"): ["reçete yenileme", "reçete", "ilaç reçetesi yenileme"],
        ("en", "gp-sao-paulo", "consult"): ["a GP appointment", "a general consultation", "the family doctor", "a doctor's visit"],
        ("en", "gp-sao-paulo", "pediatrics"): ["a pediatrician", "the pediatrician", "a paediatric consultation", "a kids' doctor"],
        ("en", "gp-sao-paulo", "cardio"): ["a cardiologist", "a cardiology consultation", "a heart doctor"],
        ("en", "gp-sao-paulo", "ecg"): ["an ECG", "an EKG", "an electrocardiogram"],
        ("en", "gp-sao-paulo", "checkup"): ["a full check-up", "a checkup", "a complete check-up"],
        ("tr", "gp-sao-paulo", "consult"): ["genel muayene", "pratisyen", "doktor muayenesi"],
        ("tr", "gp-sao-paulo", "pediatrics"): ["çocuk doktoru", "çocuk doktoru muayenesi", "pediatri"],
        ("tr", "gp-sao-paulo", "cardio"): ["kardiyolog", "kardiyoloji muayenesi", "kalp doktoru"],
        ("tr", "gp-sao-paulo", "ecg"): ["EKG", "ekg çekimi", "kalp grafisi (EKG)"],
        ("tr", "gp-sao-paulo", "checkup"): ["tam check-up", "check-up", "genel check up"],
    }
    return pick(W[(lang, ck, skey)])


def price_variants(clinic, skey):
    p = svc(clinic, skey)["price"]
    if not p:
        return None
    a = p["amount_minor"] // 100
    v = {str(a)}
    if a >= 1000:
        v |= {"{:,}".format(a), "{:,}".format(a).replace(",", "."), "{:,}".format(a).replace(",", " ")}
    return sorted(v)


# ---------------------------------------------------------------- sentences

def en_request(sw, dphr, tphr, who=None):
    forms = [
        "Hi, could I book {s} for {d} at {t}?",
        "hello! i need {s} {d} at {t} if possible",
        "Good morning, I'd like to make an appointment for {s} on {d}, {t} would be ideal.",
        "could you squeeze me in for {s} {d} around {t}?",
        "Do you have {t} free on {d}? It's for {s}",
        "{d} at {t} for {s} please",
        "hey is {t} on {d} available? need {s}",
        "I was hoping to get {s} — {d}, {t}?",
        "Hi there. Looking to book {s}. {d} {t} works best for me.",
        "can i come in {d} at {t} for {s}",
        "Hello, is there anything {d} at {t}? I need {s}.",
        "I need to see someone for {s}, ideally {d} at {t}",
        "Would {t} {d} be possible for {s}? Thanks in advance",
        "booking request: {s}, {d}, {t}",
        "hiya, any chance of {s} at {t} on {d}?",
        "Good afternoon! I'd like {s}, preferably on {d} at {t}. Thank you so much.",
    ]
    f = pick(forms)
    out = f.format(s=sw, d=dphr, t=tphr)
    if who:
        out = out.rstrip(".?! ") + ". " + who
    return out


def tr_request(sw, dphr, tphr, who=None):
    forms = [
        "Merhaba, {d} {t} {s} için randevu alabilir miyim?",
        "merhabalar {s} icin randevu almak istiyorum {d} {t} uygun mu",
        "İyi günler, {d} {t} {s} randevusu rica ediyorum.",
        "{d} {t} müsait misiniz? {s} için",
        "selam {d} {t} {s} randevusu olur mu",
        "Merhaba {s} randevusu istiyorum, {d} {t} olabilir mi?",
        "{s} için {d} {t} boş yer var mı acaba",
        "Hocam merhaba, {d} {t} {s} için gelebilir miyim?",
        "iyi akşamlar, {s} için gelmek istiyorum {d} {t} uygunsa",
        "{d} {t} için bi randevu ayarlayabilir misiniz, {s}",
        "Slm {d} {t} {s} randevu alcam",
        "Merhaba, müsaitseniz {d} {t} {s} için randevu oluşturmak istiyorum.",
        "kolay gelsin, {d} {t} {s} var mı yer?",
        "Selamlar 🙂 {s} için {d} {t} bir randevu alabilir miyiz?",
    ]
    out = pick(forms).format(s=sw, d=dphr, t=tphr)
    if who:
        out = out.rstrip(".?! ") + ". " + who
    return out


EN_YES_BOOK = ["yes please", "Yes, book it", "perfect, lock it in", "that works, go for it", "yep that's fine, thanks!",
               "Sounds good — please confirm it.", "great, please reserve it for me", "ok yeah put me down for that",
               "Absolutely, go ahead and book it.", "sure thing, book it", "yes that's perfect thank you so much",
               "Yes please go ahead", "👍 yes", "yeah that works for me, book it in", "Lovely, yes please confirm",
               "that's fine, go ahead and make the booking", "yes!! thank you", "ok, confirmed from my side — book it"]
EN_NO_BOOK = ["no, actually leave it for now", "hmm no, don't book it, I need to check my calendar first",
              "nah that won't work, forget it", "No thank you, not now.", "Actually no — please don't book anything yet",
              "no sorry, I changed my mind", "no, leave it, I'll call later", "Not yet, no. Thanks though"]
EN_YES_CANCEL = ["yes please go ahead and cancel", "Yes, cancel it please", "yeah cancel it, thanks", "please do cancel it",
                 "Yes — cancel that one.", "yep, go ahead and cancel it", "correct, please cancel", "ok yes cancel it",
                 "Yes please, I can't make it so cancel it"]
EN_NO_CANCEL = ["actually no, keep it", "no wait, don't cancel it", "hmm no, leave it as it is", "No, I'll keep the appointment after all"]
EN_YES_MOVE = ["yes please move it", "that works, go ahead and move it", "perfect, change it to that", "Yes, please reschedule it to that time",
               "yep, move it there", "great, swap it please", "sure, go ahead with the change", "yes that's better, move it"]
EN_NO_MOVE = ["no, leave it where it is", "actually no, keep the original time", "hmm no, don't move it"]

TR_YES_BOOK = ["evet", "Evet lütfen", "olur, ayarlayın", "evet uygun, oluşturun", "tamamdır kaydedin", "süper onaylıyorum",
               "evet evet o saat olur", "Tamam, randevuyu alın lütfen", "evet lütfen randevumu oluşturun", "olur teşekkürler 🙏",
               "uygun, onaylıyorum", "Evet, o saate yazın beni", "tamam olsun", "evet kaydedebilirsiniz", "harika, evet",
               "Evet lütfen, teşekkür ederim"]
TR_NO_BOOK = ["hayır vazgeçtim", "yok, şimdilik almayayım", "hayır teşekkürler, sonra yazarım", "yok olmasın, takvimime bakmam lazım",
              "Hayır, randevu oluşturmayın lütfen", "hmm hayır kalsın"]
TR_YES_CANCEL = ["evet lütfen iptal edin", "Evet, iptal edebilirsiniz", "evet iptal olsun", "tamam iptal edin",
                 "Evet, gelemeyeceğim iptal edin lütfen", "evet onaylıyorum iptal", "olur iptal edin", "evet evet iptal"]
TR_NO_CANCEL = ["yok kalsın, iptal etmeyin", "hayır vazgeçtim, gelebilirim", "hayır iptal etmeyin", "Hayır, randevum kalsın"]
TR_YES_MOVE = ["evet taşıyın lütfen", "olur, o saate alın", "evet uygun, değiştirin", "tamam, randevumu oraya kaydırın",
               "Evet, yeni saate alabilirsiniz", "süper, değiştirelim", "evet o saat olur, taşıyın"]
TR_NO_MOVE = ["hayır, eski saat kalsın", "yok değiştirmeyin", "hayır vazgeçtim, kalsın"]


def yes(lang, what):
    t = {"en": {"book": EN_YES_BOOK, "cancel": EN_YES_CANCEL, "move": EN_YES_MOVE},
         "tr": {"book": TR_YES_BOOK, "cancel": TR_YES_CANCEL, "move": TR_YES_MOVE}}[lang][what]
    return messy(lang, pick(t))


def no(lang, what):
    t = {"en": {"book": EN_NO_BOOK, "cancel": EN_NO_CANCEL, "move": EN_NO_MOVE},
         "tr": {"book": TR_NO_BOOK, "cancel": TR_NO_CANCEL, "move": TR_NO_MOVE}}[lang][what]
    return messy(lang, pick(t))


def name_phrase(lang, name):
    if lang == "en":
        first, last = name.split()[0], name.split()[-1]
        return pick([f"my name is {name}", f"it's {name}", f"this is {name} speaking", f"name's {last}, {name}",
                     f"{name}", f"It's for me, {name}", f"I'm {name}", f"{name} here", f"the name is {name}",
                     f"put it under {name} please", f"you can book it under {name}"])
    return pick([f"adım {name}", f"ben {name}", f"ismim {name}", f"{name}", f"benim için, {name}",
                 f"{name} adına", f"adım soyadım {name}", f"{name} ben", f"kendim için, adım {name}",
                 f"{name} adına yazabilirsiniz"])


REL_EN = {"son": "my son", "daughter": "my daughter", "wife": "my wife", "husband": "my husband", "mother": "my mum",
          "father": "my dad", "grandmother": "my grandmother"}
REL_TR = {"son": ["oğlum", "oğlum için", "oğluma"], "daughter": ["kızım", "kızım için", "kızıma"],
          "wife": ["eşim", "eşim için", "hanımım için"], "husband": ["eşim", "eşim için", "beyim için"],
          "mother": ["annem", "annem için", "anneme"], "father": ["babam", "babam için", "babama"],
          "grandmother": ["babaannem", "anneannem için", "babaanneme"]}


# ---------------------------------------------------------------- dialog assembly

class D:
    n = {"en": 0, "tr": 0}

    def __init__(self, lang, ckey, kinds):
        self.lang, self.c, self.kinds = lang, CLINICS[ckey], list(kinds)
        self.contact = None
        self.household, self.existing, self.blocked, self.turns = [], [], [], []
        self.final = {"booked": [], "cancelled": [], "moved": []}
        self.now = None

    def say(self, text, expect=None):
        t = {"patient": text}
        if expect:
            t["expect"] = expect
        self.turns.append(t)

    def busy(self):
        return busy_list(self.c, self.existing + self.blocked)

    def last(self):
        return msg_time(self.c, self.now, 6)

    def out(self):
        D.n[self.lang] += 1
        i = D.n[self.lang]
        return {"id": "dev2-%s-%04d" % (self.lang, i), "language": self.lang, "kinds": self.kinds,
                "clinic": self.c["key"], "now": self.now.strftime("%Y-%m-%dT%H:%M"), "contact": self.contact,
                "household": [{"name": n} for n in self.household], "existing": self.existing,
                "blocked": self.blocked, "turns": self.turns, "final": self.final}


def clinic_for(lang):
    if lang == "tr":
        return pick(["dental-ankara"] * 5 + ["dermatology-lisbon", "physio-madrid", "gp-boston", "gp-sao-paulo"] * 1)
    return pick(["gp-boston"] * 3 + ["dental-ankara", "dermatology-lisbon", "physio-madrid", "gp-sao-paulo"] * 1 + ["dental-ankara", "gp-sao-paulo", "dermatology-lisbon", "physio-madrid"])


def rand_now(c):
    base = dt.date(2027, 1, 11) + dt.timedelta(days=R.randint(0, 95))
    while base.weekday() == 6:
        base += dt.timedelta(days=1)
    return dt.datetime.combine(base, dt.time(R.randint(7, 20), R.choice([0, 5, 12, 20, 33, 41, 50])))


def add_blocked(d, skey, n=2):
    """Other patients' appointments, on the grid, on working times."""
    c = d.c
    for _ in range(n):
        st = pick_slot(c, skey, d.now, d.busy(), 1, 20, last=d.last())
        if st:
            p = pick(free_pracs(c, skey, st, d.now, d.last(), d.busy()))
            d.blocked.append({"practitioner": p, "service": skey, "start": st.strftime("%Y-%m-%dT%H:%M")})


def add_existing(d, patient, dmin=3, dmax=18, skey=None):
    c = d.c
    skey = skey or pick([s["key"] for s in c["services"]])
    for _ in range(50):
        st = pick_slot(c, skey, d.now, d.busy(), dmin, dmax, last=d.last())
        if st and (st - d.now) > dt.timedelta(hours=50):
            p = pick(free_pracs(c, skey, st, d.now, d.last(), d.busy()))
            e = {"patient": patient, "service": skey, "practitioner": p, "start": st.strftime("%Y-%m-%dT%H:%M")}
            d.existing.append(e)
            return e, st
    return None, None


def booked(d, patient, skey, st, window=None, practitioner=None):
    b = {"patient": patient, "service": skey, "practitioner": practitioner, "date": st.strftime("%Y-%m-%d")}
    if window:
        b["window"] = window
    else:
        b["time"] = st.strftime("%H:%M")
    d.final["booked"].append(b)


def dphr(d, day, allow_wd=True):
    return date_en(day, d.now, d.c, allow_wd) if d.lang == "en" else date_tr(day, d.now, allow_wd)


def tphr(d, mins):
    return time_en(mins) if d.lang == "en" else time_tr(mins)


def new_contact(d, name=None):
    name = name or full_name(d.lang)
    d.contact = {"phone": phone(d.lang, R.randint(0, 9999999)), "profile_name": profile_for(d.lang, name)}
    return name


def known_contact(d, extra=()):
    name = full_name(d.lang)
    d.household = [name] + list(extra)
    d.contact = {"phone": phone(d.lang, R.randint(0, 9999999)), "profile_name": profile_for(d.lang, name)}
    return name


def any_service(c):
    return pick([s["key"] for s in c["services"]])


def confirm_expect(d, st):
    return {"contains_any": time_expect(st.hour * 60 + st.minute)}


# ---- kinds


def g_booking(lang, extra_kinds=(), ckey=None):
    """Known patient books; exact free time; sentence confirm."""
    d = D(lang, ckey or clinic_for(lang), ["booking"] + list(extra_kinds))
    d.now = rand_now(d.c)
    name = known_contact(d)
    skey = any_service(d.c)
    add_blocked(d, skey, R.randint(0, 3))
    st = pick_slot(d.c, skey, d.now, d.busy(), last=d.last())
    if not st:
        return None
    req = (en_request if lang == "en" else tr_request)(svc_word(lang, d.c, skey), dphr(d, st.date()), tphr(d, st.hour * 60 + st.minute))
    d.say(messy(lang, req) + emoji(), confirm_expect(d, st))
    if R.random() < 0.2:
        d.kinds.append("yes_in_sentence")
        d.say(no(lang, "book"))
    else:
        d.say(yes(lang, "book"))
        booked(d, name, skey, st)
    return d


def g_names(lang):
    """New contact; name given in a sentence, in the first or a later message."""
    d = D(lang, clinic_for(lang), ["names", "booking"])
    d.now = rand_now(d.c)
    name = new_contact(d)
    skey = any_service(d.c)
    add_blocked(d, skey, R.randint(0, 2))
    st = pick_slot(d.c, skey, d.now, d.busy(), last=d.last())
    if not st:
        return None
    sw, dp, tp = svc_word(lang, d.c, skey), dphr(d, st.date()), tphr(d, st.hour * 60 + st.minute)
    mode = R.randint(0, 2)
    name = written_name(lang, name)
    first = name.split()[0]
    kp = (name, name.split()[-1])
    if mode == 0:  # name in the first message
        np_ = name_phrase(lang, name)
        req = (en_request if lang == "en" else tr_request)(sw, dp, tp)
        txt = (np_[0].upper() + np_[1:] + (". " if lang == "en" else ", ") + req) if R.random() < 0.5 else req.rstrip(".?! ") + " — " + np_
        d.say(messy(lang, txt, kp), confirm_expect(d, st))
    else:  # name asked for
        req = (en_request if lang == "en" else tr_request)(sw, dp, tp)
        d.say(messy(lang, req) + emoji())
        np_ = name_phrase(lang, name)
        if R.random() < 0.3:
            np_ = (pick(["sorry, ", "oh yes — ", "of course, "]) if lang == "en" else pick(["pardon, ", "tabi ", "hı tamam, "])) + np_
        d.say(messy(lang, np_, kp) if R.random() < 0.5 else np_, {"contains_any": time_expect(st.hour * 60 + st.minute)})
    d.say(yes(lang, "book"), {"contains_any": [first]} if R.random() < 0.3 else None)
    booked(d, name, skey, st)
    if d.turns[-1].get("expect") is None:
        d.turns[-1].pop("expect", None)
    return d


def g_someone_else(lang):
    d = D(lang, clinic_for(lang), ["someone_else", "booking"])
    d.now = rand_now(d.c)
    rel = pick(list(REL_EN))
    fam_last = None
    parent = known_contact(d)
    fam_last = parent.split()[-1]
    first = pick(GENDERED[lang][rel])
    registered = R.random() < 0.4
    member = first + " " + fam_last
    if member == parent or first == parent.split()[0]:
        return None
    if not registered:
        member = written_name(lang, member)
        first = member.split()[0]
    kp = (member, first)
    if registered:
        d.household.append(member)
    skey = any_service(d.c)
    if d.c["key"] == "gp-sao-paulo" and rel in ("son", "daughter") and R.random() < 0.6:
        skey = "pediatrics"
    add_blocked(d, skey, R.randint(0, 2))
    st = pick_slot(d.c, skey, d.now, d.busy(), last=d.last())
    if not st:
        return None
    sw, dp, tp = svc_word(lang, d.c, skey), dphr(d, st.date()), tphr(d, st.hour * 60 + st.minute)
    ask_name_later = (not registered) and R.random() < 0.35
    if lang == "en":
        relw = REL_EN[rel]
        who = relw if (registered and R.random() < 0.5) or ask_name_later else pick([f"{relw} {member}", f"{relw}, {member}", f"{relw} ({member})", f"{member}, {relw}"])
        if registered and who == relw and R.random() < 0.5:
            who = f"{relw} {first}"
        forms = [f"Hi, I'd like to book {sw} for {who} on {dp} at {tp}",
                 f"Can I make an appointment for {who}? {sw}, {dp} {tp}",
                 f"It's not for me, it's for {who} — {sw} {dp} at {tp} please",
                 f"hello, {who} needs {sw}. is {dp} at {tp} ok?",
                 f"Booking for {who}: {sw}, {dp}, {tp} if you have it",
                 f"could you fit {who} in for {sw} {dp} {tp}?",
                 f"{dp} {tp} for {who} please, {sw}"]
    else:
        relw = pick(REL_TR[rel])
        base = REL_TR[rel][0]
        if ask_name_later:
            who = relw
        elif registered:
            who = pick([relw, f"{base} {first} için", f"{base} {first}"])
        else:
            who = pick([f"{base} {member} için", f"{member} için ({base})", f"{base} {member}", f"{base} için, adı {member},"])
        forms = [f"Merhaba, {who} {dp} {tp} {sw} randevusu alabilir miyim?",
                 f"{who} randevu istiyorum, {sw}, {dp} {tp}",
                 f"kendim için değil, {who} {sw} randevusu lazım {dp} {tp}",
                 f"iyi günler {who} {dp} {tp} {sw} için yer var mı",
                 f"{dp} {tp} {who} {sw} olur mu acaba"]
    d.say(messy(lang, pick(forms), kp) + emoji())
    if ask_name_later:
        pron = "his" if rel in ("son", "husband", "father") else "her"
        if lang == "en":
            d.say(messy(lang, pick([f"{member}", f"{pron} name is {member}", f"it's {member}", f"name is {member}", f"{first} — {member}", f"{member}, {pron} full name"]), kp),
                  {"contains_any": time_expect(st.hour * 60 + st.minute)})
        else:
            d.say(messy(lang, pick([f"adı {member}", f"{member}", f"ismi {member}", f"{member} adına", f"adı soyadı {member}"]), kp),
                  {"contains_any": time_expect(st.hour * 60 + st.minute)})
    else:
        d.turns[-1]["expect"] = {"contains_any": [first]}
    d.say(yes(lang, "book"), {"contains_any": [first]} if R.random() < 0.5 else None)
    if d.turns[-1].get("expect") is None:
        d.turns[-1].pop("expect", None)
    booked(d, member, skey, st)
    return d


def g_explicit_dates(lang):
    d = D(lang, clinic_for(lang), ["explicit_dates", "booking"])
    d.now = rand_now(d.c)
    name = known_contact(d)
    skey = any_service(d.c)
    add_blocked(d, skey, R.randint(0, 2))
    mode = pick(["full", "full", "contradict", "same_day_later", "same_day_part"])
    c = d.c
    if mode == "full":
        st = pick_slot(c, skey, d.now, d.busy(), 2, 40, last=d.last())
        if not st:
            return None
        day = st.date()
        if lang == "en":
            dp = pick(["%s %d %s" % (EN_WD[day.weekday()], day.day, EN_MON[day.month - 1]),
                       "%s, %s %d%s" % (EN_WD[day.weekday()], EN_MON[day.month - 1], day.day, ord_en(day.day)),
                       "%d %s" % (day.day, EN_MON[day.month - 1]), "%s %d" % (EN_MON[day.month - 1][:3], day.day),
                       "the %d%s of %s" % (day.day, ord_en(day.day), EN_MON[day.month - 1])])
        else:
            dp = pick(["%d %s %s" % (day.day, TR_MON[day.month - 1], TR_WD[day.weekday()]),
                       "%s %d %s" % (TR_WD[day.weekday()].lower(), day.day, TR_MON[day.month - 1].lower()),
                       "%d %s" % (day.day, TR_MON[day.month - 1]), "%02d.%02d.%d" % (day.day, day.month, day.year),
                       "%d.%d" % (day.day, day.month), "%d %s%s" % (day.day, TR_MON[day.month - 1].lower(), TR_LOC[day.month - 1])])
        req = (en_request if lang == "en" else tr_request)(svc_word(lang, c, skey), dp, tphr(d, st.hour * 60 + st.minute))
        d.say(messy(lang, req), {"contains_any": [str(day.day)]})
        d.say(yes(lang, "book"))
        booked(d, name, skey, st)
    elif mode == "contradict":
        st = pick_slot(c, skey, d.now, d.busy(), 8, 40, last=d.last())
        if not st:
            return None
        day = st.date()
        wrong = (day.weekday() + pick([1, -1, 2])) % 7
        if wrong == 6:
            wrong = 0 if day.weekday() != 0 else 1
        t = tphr(d, st.hour * 60 + st.minute)
        if lang == "en":
            dp = pick(["%s %d %s" % (EN_WD[wrong], day.day, EN_MON[day.month - 1]), "%s, %s %d" % (EN_WD[wrong], EN_MON[day.month - 1], day.day)])
            d.say(messy(lang, en_request(svc_word(lang, c, skey), dp, t)),
                  {"contains_any": [str(day.day), EN_WD[day.weekday()], EN_WD[wrong]]})
            d.say(messy(lang, pick([f"oh sorry, I meant the {day.day}{ord_en(day.day)}, the {EN_WD[day.weekday()]}",
                                    f"my bad — {EN_WD[day.weekday()]} the {day.day}{ord_en(day.day)} is right",
                                    f"the date is right, {day.day} {EN_MON[day.month - 1]}. I got the day wrong",
                                    f"{day.day} {EN_MON[day.month - 1]}, whatever day that is 😅"])),
                  {"contains_any": time_expect(st.hour * 60 + st.minute)})
        else:
            dp = pick(["%d %s %s" % (day.day, TR_MON[day.month - 1], TR_WD[wrong]), "%s %d %s" % (TR_WD[wrong].lower(), day.day, TR_MON[day.month - 1].lower())])
            d.say(messy(lang, tr_request(svc_word(lang, c, skey), dp, t)),
                  {"contains_any": [str(day.day), TR_WD[day.weekday()].lower(), TR_WD[wrong].lower(),
                                    TR_WD[day.weekday()].lower().translate(DEACC), TR_WD[wrong].lower().translate(DEACC)]})
            d.say(messy(lang, pick([f"pardon, {day.day} {TR_MON[day.month - 1]} doğru, günü karıştırdım",
                                    f"tarih doğru, {day.day}{tr_ord(day.day)} olsun",
                                    f"{TR_WD[day.weekday()].lower()} demek istedim, {day.day} {TR_MON[day.month - 1].lower()}",
                                    f"ayın {day.day}{tr_ord(day.day)} yani, gün yanlış yazmışım"])),
                  {"contains_any": time_expect(st.hour * 60 + st.minute)})
        d.say(yes(lang, "book"))
        booked(d, name, skey, st)
    else:  # same day, later (exact time) or afternoon (window)
        # first asked time is free, then patient wants a later one the same day
        for _ in range(60):
            day = d.now.date() + dt.timedelta(days=R.randint(2, 20))
            lo_sl = slots_on(c, skey, day, d.now, d.last(), d.busy(), 0, 12 * 60)
            pm_start = 12 * 60 if lang == "en" else 13 * 60
            hi_sl = slots_on(c, skey, day, d.now, d.last(), d.busy(), pm_start, 24 * 60)
            if lo_sl and len(hi_sl) >= 2:
                break
        else:
            return None
        a = pick(lo_sl)
        b = pick(hi_sl)
        d.say(messy(lang, (en_request if lang == "en" else tr_request)(svc_word(lang, c, skey), dphr(d, day), tphr(d, a.hour * 60 + a.minute))),
              confirm_expect(d, a))
        if mode == "same_day_later":
            bt = tphr(d, b.hour * 60 + b.minute)
            if lang == "en":
                txt = pick([f"hmm that's a bit early. same day but later? {bt}?", f"Actually, same day but later would be better — {bt}?",
                            f"no wait, make it {bt} the same day", f"could it be later that day, like {bt}?", f"scrap that, {bt} same day instead"])
            else:
                txt = pick([f"biraz erken, aynı gün {bt} olur mu?", f"yok bekleyin, aynı gün {bt} yapalım", f"aynı gün daha geç olsa, {bt} mesela?",
                            f"pardon aynı gün {bt} olsun", f"o gün {bt} boş mu peki"])
            d.say(messy(lang, txt), {"contains_any": time_expect(b.hour * 60 + b.minute)})
            d.say(yes(lang, "book"))
            booked(d, name, skey, b)
        else:
            d.kinds.append("day_parts")
            if lang == "tr":
                # block 12:00-12:59 so that both readings of "öğleden sonra" agree
                for p in svc(c, skey)["practitioners"]:
                    for m in range(12 * 60, 13 * 60, c["policy"]["slot_grid_minutes"]):
                        st = dt.datetime.combine(day, dt.time(m // 60, m % 60))
                        if works(c, p, st, c["policy"]["slot_grid_minutes"]) and free_pracs(c, skey, st, d.now, d.last(), d.busy(), p):
                            d.blocked.append({"practitioner": p, "service": skey, "start": st.strftime("%Y-%m-%dT%H:%M")})
                hi_sl = slots_on(c, skey, day, d.now, d.last(), d.busy(), 13 * 60, 24 * 60)
                if not hi_sl or not free_pracs(c, skey, a, d.now, d.last(), d.busy()):
                    return None
                txt = pick(["aynı gün öğleden sonra olur mu?", "aynı gün öğleden sonrası için ne var", "o gün öğleden sonra bakabilir misiniz",
                            "aynı gün ama öğleden sonra lütfen", "aynı gün öğlen sonrası daha iyi benim için"])
                pick_txt = pick(["ilki olur", "ilk saat uygun", "en erkeni olsun", "fark etmez, ilkini alayım", "ilk söylediğiniz olsun"])
                win = ["13:00", "19:00"]
            else:
                txt = pick(["same day but in the afternoon?", "what about that afternoon instead?", "same day, afternoon works better",
                            "is there anything in the afternoon that day?", "afternoon that day maybe?"])
                pick_txt = pick(["the first one is fine", "the earliest one", "first one works", "any is fine, take the first", "the first option please"])
                win = ["12:00", "19:00"]
            d.say(messy(lang, txt), {"contains_any": [str(day.day)] + time_expect(hi_sl[0].hour * 60 + hi_sl[0].minute)})
            d.say(messy(lang, pick_txt))
            d.say(yes(lang, "book"))
            booked(d, name, skey, hi_sl[0], window=win)
    return d


def g_day_parts(lang):
    d = D(lang, clinic_for(lang), ["day_parts", "booking"])
    d.now = rand_now(d.c)
    name = known_contact(d)
    c = d.c
    skey = any_service(c)
    add_blocked(d, skey, R.randint(0, 2))
    part = pick(["morning", "afternoon", "evening"])
    if part == "evening" and c["key"] not in ("physio-madrid", "dental-ankara", "gp-sao-paulo"):
        part = "afternoon"
    if lang == "en":
        rng = {"morning": (0, 12 * 60), "afternoon": (12 * 60, 17 * 60), "evening": (17 * 60, 24 * 60)}[part]
        win = {"morning": ["06:00", "11:59"], "afternoon": ["12:00", "17:59"], "evening": ["17:00", "22:00"]}[part]
    else:
        rng = {"morning": (0, 12 * 60), "afternoon": (13 * 60, 17 * 60), "evening": (18 * 60, 24 * 60)}[part]
        win = {"morning": ["06:00", "11:59"], "afternoon": ["13:00", "17:59"], "evening": ["18:00", "22:00"]}[part]
    for _ in range(60):
        day = d.now.date() + dt.timedelta(days=R.randint(1, 14))
        sl = slots_on(c, skey, day, d.now, d.last(), d.busy(), *rng)
        if len(sl) >= 2:
            break
    else:
        return None
    # make the boundary unambiguous: block slots between the two readings
    amb = {("tr", "afternoon"): (12 * 60, 13 * 60), ("tr", "evening"): (17 * 60, 18 * 60), ("en", "afternoon"): (17 * 60, 18 * 60),
           ("en", "evening"): (None, None), ("en", "morning"): (None, None), ("tr", "morning"): (None, None)}[(lang, part)]
    if amb[0] is not None:
        for p in svc(c, skey)["practitioners"]:
            for m in range(amb[0], amb[1], c["policy"]["slot_grid_minutes"]):
                st = dt.datetime.combine(day, dt.time(m // 60, m % 60))
                if free_pracs(c, skey, st, d.now, d.last(), d.busy(), p):
                    d.blocked.append({"practitioner": p, "service": skey, "start": st.strftime("%Y-%m-%dT%H:%M")})
    sl = slots_on(c, skey, day, d.now, d.last(), d.busy(), *rng)
    if len(sl) < 2:
        return None
    sw, dp = svc_word(lang, c, skey), dphr(d, day)
    if lang == "en":
        pw = {"morning": pick(["morning", "in the morning", "before lunch", "first thing"]),
              "afternoon": pick(["afternoon", "in the afternoon", "after lunch", "afternoon-ish"]),
              "evening": pick(["evening", "in the evening", "after work, evening"])}[part]
        if pw in ("before lunch", "first thing", "after lunch", "after work, evening"):
            pw = {"morning": "morning", "afternoon": "afternoon", "evening": "evening"}[part] + " (" + pw + ")"
        txt = pick([f"is there anything {dp} {pw}? for {sw}", f"Hi, I need {sw}. {dp} {pw} would suit me",
                    f"any {pw} slots on {dp} for {sw}?", f"could I get {sw} {dp}, {pw} ideally",
                    f"What do you have {pw} on {dp}? Looking for {sw}."])
    else:
        pw = {"morning": pick(["sabah", "sabah saatlerinde", "öğleden önce", "sabahleyin"]),
              "afternoon": pick(["öğleden sonra", "öğleden sonraya", "öğleden sonra bir saat"]),
              "evening": pick(["akşam", "akşam saatlerinde", "akşama doğru", "iş çıkışı akşam"])}[part]
        txt = pick([f"{dp} {pw} {sw} için yer var mı?", f"merhaba {sw} istiyorum, {dp} {pw} uygun olur",
                    f"{dp} {pw} müsait saatiniz var mı, {sw} için", f"{sw} randevusu, {dp} {pw} olabilir mi",
                    f"iyi günler, {dp} {pw} bi {sw} ayarlayabilir miyiz"])
    d.say(messy(lang, txt) + emoji())
    if R.random() < 0.5:
        st = pick(sl)
        t = tphr(d, st.hour * 60 + st.minute)
        d.say(messy(lang, pick([f"{t} works", f"{t} please", f"let's do {t}", f"I'll take {t}", f"{t} is good for me"]) if lang == "en"
                    else pick([f"{t} olsun", f"{t} uygun", f"{t} alayım", f"{t} iyi", f"o zaman {t}"])), confirm_expect(d, st))
        d.say(yes(lang, "book"))
        booked(d, name, skey, st)
    else:
        d.say(messy(lang, pick(["the first one is fine", "first one", "any is fine, the earliest", "earliest please", "whichever is first"])
                    if lang == "en" else pick(["ilki olur", "ilk saat", "en erken olan", "hangisi olursa, ilki", "ilkini alalım"])))
        d.say(yes(lang, "book"))
        booked(d, name, skey, sl[0], window=win)
    return d


def g_own(lang):
    d = D(lang, clinic_for(lang), ["own_appointments"])
    d.now = rand_now(d.c)
    mode = pick(["ask", "ask", "ask_family", "stepwise"])
    if mode == "stepwise":
        d.kinds.append("booking")
        name = known_contact(d)
        c = d.c
        skey = any_service(c)
        add_blocked(d, skey, R.randint(0, 2))
        st = pick_slot(c, skey, d.now, d.busy(), 2, 20, last=d.last())
        if not st:
            return None
        sw = svc_word(lang, c, skey)
        if lang == "en":
            d.say(messy(lang, pick([f"Hi, I'd like to book {sw}", f"need {sw} please", f"hello can I get {sw}?", f"I need to see someone for {sw}"])))
            d.say(messy(lang, pick(["{d}", "{d} if possible", "what about {d}?", "is there anything {d}"]).format(d=dphr(d, st.date()))))
            d.say(messy(lang, pick(["{t}", "{t} please", "{t} would be great", "at {t}"]).format(t=time_en(st.hour * 60 + st.minute))), confirm_expect(d, st))
        else:
            d.say(messy(lang, pick([f"merhaba {sw} için randevu almak istiyorum", f"{sw} randevusu lazım", f"{sw} için yazıyorum"])))
            d.say(messy(lang, pick(["{d}", "{d} olabilir mi", "{d} uygun mu", "{d} ne durumda"]).format(d=dphr(d, st.date()))))
            d.say(messy(lang, pick(["{t}", "{t} olsun", "{t} iyi olur", "{t} uygunsa"]).format(t=time_tr(st.hour * 60 + st.minute))), confirm_expect(d, st))
        d.say(yes(lang, "book"))
        booked(d, name, skey, st)
        return d
    if mode == "ask_family":
        d.kinds.append("someone_else")
        rel = pick(["son", "daughter", "wife", "husband"])
        me = known_contact(d)
        first = pick(GENDERED[lang][rel])
        member = first + " " + me.split()[-1]
        if member == me or first == me.split()[0]:
            return None
        d.household.append(member)
        e, st = add_existing(d, member)
        if not e:
            return None
        if lang == "en":
            q = pick([f"when is {REL_EN[rel]}'s appointment again?", f"what time is {first}'s appointment?", f"remind me when {first} is booked in?",
                      f"hi, I forgot when {REL_EN[rel]} {first} is coming in, can you check?"])
        else:
            base = REL_TR[rel][0]
            poss = {"oğlum": "oğlumun", "kızım": "kızımın", "eşim": "eşimin"}[base]
            q = pick([f"{poss} randevusu ne zamandı?", f"{first}'in randevusu saat kaçta?", f"{poss} randevu günü neydi unuttum",
                      f"merhaba {first} için randevu ne zaman bakabilir misiniz"])
        d.say(messy(lang, q), {"contains_all": [str(st.day)], "contains_any": time_expect(st.hour * 60 + st.minute)})
        return d
    me = known_contact(d)
    e, st = add_existing(d, me)
    if not e:
        return None
    two = R.random() < 0.3
    if two:
        e2, st2 = add_existing(d, me)
        if e2 and st2.date() == st.date():
            return None
    if lang == "en":
        q = pick(["when is my appointment?", "Hi, what time was my appointment again?", "can you remind me when I'm booked in?",
                  "do I have anything booked with you?", "I forgot the date of my appointment 🙈", "when am I coming in next?",
                  "Quick one — what day is my appointment?", "what appointments do I have?", "hey is my appointment this week or next?",
                  "could you tell me my appointment details please"])
    else:
        q = pick(["randevum ne zaman?", "randevum ne zamandi", "merhaba randevum hangi gün saat kaçta?", "randevumu unuttum, ne zamandı?",
                  "benim randevularım ne zaman", "randevumun saati neydi acaba", "bi randevum vardı galiba, ne zamandı",
                  "kaçta gelmem gerekiyordu?", "randevu günümü hatırlatır mısınız", "hangi gün gelecektim ben"])
    exp = {"contains_all": [str(st.day)], "contains_any": time_expect(st.hour * 60 + st.minute)}
    if two and e2:
        exp["contains_all"] = sorted({str(st.day), str(st2.day)})
    d.say(messy(lang, q), exp)
    return d


def g_cancel(lang):
    d = D(lang, clinic_for(lang), ["cancel"])
    d.now = rand_now(d.c)
    me = known_contact(d)
    e, st = add_existing(d, me)
    if not e:
        return None
    two = R.random() < 0.3
    if two:
        e2, st2 = add_existing(d, me)
        if e2 and st2.date() == st.date():
            return None
    dp = dphr(d, st.date())
    if lang == "en":
        q = pick([f"I need to cancel my appointment on {dp}", f"hi, can't make it {dp} anymore, please cancel", f"Could you cancel my booking for {dp}?",
                  f"actually can't make it on {dp}, sorry! cancel please", f"please cancel {dp} at {time_en(st.hour * 60 + st.minute)}",
                  f"I won't be able to come {dp}, can we cancel that?", f"scrap my appointment on {dp} please",
                  f"Hello, something came up — I'd like to cancel my appointment on {dp}."])
    else:
        q = pick([f"{dp} randevumu iptal etmek istiyorum", f"merhaba {dp} gelemeyeceğim, iptal edebilir miyiz?", f"{dp} randevumu iptal edin lütfen",
                  f"{dp} tarihli randevuyu iptal ettirmek istiyorum", f"{dp} {time_tr(st.hour * 60 + st.minute)} olan randevumu iptal edebilir misiniz",
                  f"iyi günler, {dp} randevumuz vardı iptal etmemiz gerekiyor", f"kusura bakmayın {dp} gelemiyorum, randevuyu iptal edelim"])
    d.say(messy(lang, q), {"contains_any": [str(st.day)] + time_expect(st.hour * 60 + st.minute)})
    if R.random() < 0.25:
        d.kinds.append("yes_in_sentence")
        d.say(no(lang, "cancel"))
    else:
        if R.random() < 0.5:
            d.kinds.append("yes_in_sentence")
        d.say(yes(lang, "cancel"))
        d.final["cancelled"].append(e["start"])
    return d


def g_reschedule(lang):
    d = D(lang, clinic_for(lang), ["reschedule"])
    d.now = rand_now(d.c)
    me = known_contact(d)
    e, st = add_existing(d, me)
    if not e:
        return None
    skey = e["service"]
    busy = [b for b in d.busy() if not (b[1] == st and b[0] == e["practitioner"])]
    nt = pick_slot(d.c, skey, d.now, busy, 3, 25, last=d.last(), only=e["practitioner"])
    if not nt or nt.date() == st.date():
        return None
    dp, ndp, nt_s = dphr(d, st.date()), dphr(d, nt.date()), tphr(d, nt.hour * 60 + nt.minute)
    if R.random() < 0.5:
        if lang == "en":
            q = pick([f"Can I move my appointment from {dp} to {ndp} at {nt_s}?", f"hi, could we push my {dp} appointment to {ndp}, {nt_s}?",
                      f"I need to reschedule {dp} — does {ndp} {nt_s} work?", f"something came up on {dp}, can you change it to {ndp} at {nt_s}"])
        else:
            q = pick([f"{dp} randevumu {ndp} {nt_s} alabilir miyiz?", f"merhaba {dp} olan randevumu {ndp} {nt_s} olarak değiştirmek istiyorum",
                      f"{dp} gelemiyorum, randevumu {ndp} {nt_s} kaydırabilir misiniz", f"randevumun tarihini değiştirmek istiyorum, {dp} yerine {ndp} {nt_s}"])
        d.say(messy(lang, q), {"contains_any": time_expect(nt.hour * 60 + nt.minute)})
    else:
        if lang == "en":
            q = pick([f"I need to move my appointment on {dp}", "can I reschedule my appointment?", "hi, need to change the time of my appointment",
                      f"could you move my {dp} booking?"])
            q2 = pick([f"{ndp} at {nt_s}?", f"how about {ndp}, {nt_s}", f"{ndp} {nt_s} would work", f"is {nt_s} on {ndp} free?"])
        else:
            q = pick([f"{dp} randevumu değiştirmek istiyorum", "randevumun saatini değiştirebilir miyiz", "randevumu ertelemem lazım",
                      f"{dp} randevumu başka güne alabilir miyiz"])
            q2 = pick([f"{ndp} {nt_s} olur mu", f"{ndp} {nt_s}", f"{ndp} {nt_s} uygunsa oraya alalım", f"{nt_s}, {ndp}"])
        d.say(messy(lang, q))
        d.say(messy(lang, q2), {"contains_any": time_expect(nt.hour * 60 + nt.minute)})
        d.kinds.append("own_appointments")
    if R.random() < 0.2:
        d.kinds.append("yes_in_sentence")
        d.say(no(lang, "move"))
    else:
        d.kinds.append("yes_in_sentence")
        d.say(yes(lang, "move"))
        d.final["moved"].append({"from": e["start"], "date": nt.strftime("%Y-%m-%d"), "time": nt.strftime("%H:%M")})
    return d


# FAQ questions phrased unlike the FAQ. (clinic, lang_of_question, topic) -> (questions, contains_any, not_contains)
FAQ = {
    "dental-ankara": {
        "saturday": ({"tr": ["haftasonu açık mısınız", "cumartesi günleri çalışıyor musunuz?", "cmt gelebilir miyim, açık mı", "hafta sonu randevu olur mu, kaça kadar açıksınız cumartesi"],
                      "en": ["are you open at the weekend?", "do you work on saturdays?", "can I come in on a Saturday?", "what are your saturday hours"]},
                     ["14"], ["pazar kapalıyız", "arası açığız"]),
        "parking": ({"tr": ["arabayla gelsem park yeri bulur muyum", "otopark ücretli mi", "araçla gelince nereye park ederim"],
                     "en": ["is there somewhere to park?", "can I park near the clinic?", "do you have parking for patients"]},
                    {"tr": ["otopark", "park"], "en": ["park", "free", "behind"]}, ["ücretsiz otopark vardır", "binanın arkasında"]),
        "payment": ({"tr": ["kartla ödeyebilir miyim", "taksit yapıyor musunuz", "kredi kartına taksit var mı"],
                     "en": ["can I pay by card?", "do you do installments?", "can I split the payment into instalments on my credit card"]},
                    ["6", "taksit", "card", "kart"], ["taksit yapılabilir", "kabul ediyoruz"]),
        "insurance": ({"tr": ["sgk geçiyor mu", "özel sigortam var, geçerli mi", "sigorta ile gelebilir miyim"],
                       "en": ["do you take SGK?", "will my private insurance cover it?", "do you work with health insurance"]},
                      ["SGK", "sigorta", "insur"], ["SGK anlaşmamız yoktur", "anlaşmalı özel sigortalarla"]),
        "children": ({"tr": ["çocuklara da bakıyor musunuz", "4 yaşındaki kızımı getirebilir miyim", "kaç yaşından itibaren çocuk bakıyorsunuz"],
                      "en": ["do you see kids?", "can I bring my 5 year old?", "from what age do you treat children"]},
                     ["3"], ["a parent must come with them", "we see children from age"]),
    },
    "dermatology-lisbon": {
        "insurance": ({"tr": ["sigorta geçiyor mu", "hangi sigortalarla çalışıyorsunuz", "sağlık sigortam var, kabul ediyor musunuz"],
                       "en": ["which insurance do you take?", "is Médis accepted?", "can I use my health insurance there"]},
                      ["Médis", "Medis", "Multicare", "AdvanceCare"], ["traga o cartão", "Trabalhamos com"]),
        "parking": ({"tr": ["nereye park edebilirim", "otopark var mı yakında", "arabayla gelirsem nereye bırakırım"],
                     "en": ["where can I park?", "is there a car park nearby", "do you have parking?"]},
                    ["Rosa Ara"], ["parque público", "a dois minutos a pé"]),
        "saturday": ({"tr": ["cumartesi açık mısınız", "hafta sonu çalışıyor musunuz", "çalışma saatleriniz nedir"],
                      "en": ["are you open saturdays?", "what are your opening hours?", "can I come at the weekend?"]},
                     ["19", "7pm", "7 pm", "7 p.m"], ["a clínica está aberta", "de segunda a sexta"]),
        "arrive": ({"tr": ["ne kadar erken gelmeliyim", "randevudan kaç dakika önce orada olmalıyım", "ilk gelişimde yanımda ne getireyim"],
                    "en": ["how early should I get there?", "how many minutes before should I arrive", "what should I bring to the first visit?"]},
                   ["10", "medic", "ilaç"], ["Chegue 10 minutos", "para o registo"]),
    },
    "physio-madrid": {
        "insurance": ({"tr": ["sigortayla çalışıyor musunuz", "DKV sigortam var geçer mi", "hangi sigortaları kabul ediyorsunuz"],
                       "en": ["do you work with insurance companies?", "is Sanitas accepted?", "which health insurers do you take"]},
                      ["Sanitas", "Adeslas", "DKV"], ["traiga la autorización", "Sí, con Sanitas"]),
        "clothes": ({"tr": ["ne giyeyim seansa", "yanımda ne getirmeliyim", "pilates için ne lazım"],
                     "en": ["what should I wear?", "what do I need to bring?", "anything special to bring for pilates"]},
                    {"tr": ["havlu", "çorap", "rahat"], "en": ["towel", "socks", "comfortable"]}, ["Ropa cómoda", "calcetines antideslizantes"]),
        "saturday": ({"tr": ["cumartesi açık mısınız", "hafta sonu geliyorum, açık mı", "cumartesi kaça kadar açıksınız"],
                      "en": ["open on saturdays?", "can I come in at the weekend", "what are your weekend hours?"]},
                     ["13", "1pm", "1 pm", "9"], ["los domingos cerramos", "abrimos de"]),
        "bono": ({"tr": ["paket var mı, 5 seans ne kadar", "toplu seans alınca indirim var mı", "seans paketi fiyatı nedir"],
                  "en": ["do you do packages of sessions?", "is there a bundle for several physio sessions?", "how much is the 5 session pack"]},
                 ["200"], ["el bono de 5", "cuesta 200"]),
    },
    "gp-boston": {
        "insurance": ({"tr": ["sigorta kabul ediyor musunuz", "hangi sigortalarla anlaşmanız var", "Medicare geçiyor mu"],
                       "en": ["do you take my insurance? I have Tufts", "which insurance plans are accepted", "Is Blue Cross ok?", "do you take Medicare"]},
                      ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], ["bring your insurance card", "We accept Blue Cross"]),
        "parking": ({"tr": ["park yeri var mı", "arabayla gelirsem nereye park ederim", "otopark nerede"],
                     "en": ["where do I park", "is parking validated?", "any parking near you?"]},
                    ["Prudential"], ["Validated parking is available", "garage"]),
        "weekend": ({"tr": ["hafta sonu açık mısınız", "cumartesi gelebilir miyim", "kaçta kapanıyorsunuz"],
                     "en": ["are you open saturday?", "what time do you close?", "any weekend hours?"]},
                    ["6", "18"], ["we are open Monday to Friday", "8am to 6pm"]),
        "fasting": ({"tr": ["kan tahlilinden önce aç mı gelmeliyim", "tahlil için kaç saat aç kalmam gerek", "kan testinden önce su içebilir miyim"],
                     "en": ["should I skip breakfast before my blood work?", "how long do I need to fast for labs", "can I drink water before the blood test?"]},
                    ["8", "12"], ["fast for 8 to 12 hours", "water is fine"]),
    },
    "gp-sao-paulo": {
        "insurance": ({"tr": ["sigorta geçiyor mu", "hangi sigortalar kabul ediliyor", "Amil sigortam var, olur mu"],
                       "en": ["do you take health plans?", "is Bradesco accepted?", "which insurance do you work with"]},
                      ["Amil", "Bradesco", "SulAm"], ["traga a carteirinha", "Aceitamos Amil"]),
        "parking": ({"tr": ["otopark var mı", "arabayla gelsem nereye park ederim", "park ücreti ne kadar"],
                     "en": ["is there parking?", "where can I leave my car", "how much is parking near you"]},
                    ["1480", "15"], ["Temos convênio", "2 horas por"]),
        "saturday": ({"tr": ["cumartesi açık mısınız", "hafta sonu muayene var mı", "cumartesi kaça kadar açıksınız"],
                      "en": ["open saturdays?", "can I come on a saturday", "weekend hours?"]},
                     ["8", "12"], ["aos sábados das", "Sim, aos sábados"]),
        "payment": ({"tr": ["nasıl ödeme yapabilirim", "kredi kartı geçiyor mu", "pix ile ödeyebilir miyim"],
                     "en": ["how can I pay?", "do you take credit cards?", "can I pay with Pix"]},
                    ["Pix"], ["Aceitamos Pix", "cartão de crédito e débito"]),
    },
}


def faq_item(ckey, lang, topic):
    qs, ca, nc = FAQ[ckey][topic]
    ca = ca[lang] if isinstance(ca, dict) else ca
    return pick(qs[lang]), ca, nc


def faq_lang(ckey):
    return CLINICS[ckey]["faqs"][0]["language"]


def g_passage(lang):
    ckey = clinic_for(lang)
    d = D(lang, ckey, ["passage"])
    d.now = rand_now(d.c)
    if R.random() < 0.5:
        known_contact(d)
    else:
        new_contact(d)
    topic = pick(list(FAQ[ckey]))
    q, ca, nc = faq_item(ckey, lang, topic)
    flang = "en" if (ckey == "dental-ankara" and topic == "children") else faq_lang(ckey)
    exp = {"contains_any": ca}
    if flang != lang:
        d.kinds.append("answer_language")
        exp["not_contains"] = nc
    pre = pick(["", "", "hi! ", "Hello, quick question: ", "hey, "]) if lang == "en" else pick(["", "", "merhaba ", "iyi günler, bir sorum var: ", "slm "])
    d.say(pre + messy(lang, q), exp)
    return d


def g_answer_language(lang):
    """Force a clinic whose FAQ is in another language."""
    ck = pick(["dermatology-lisbon", "physio-madrid", "gp-sao-paulo"] + (["gp-boston"] if lang == "tr" else ["dental-ankara"]))
    d = D(lang, ck, ["answer_language", "passage"])
    d.now = rand_now(d.c)
    new_contact(d) if R.random() < 0.5 else known_contact(d)
    topics = [t for t in FAQ[ck] if not (ck == "dental-ankara" and t == "children")]
    topic = pick(topics)
    q, ca, nc = faq_item(ck, lang, topic)
    d.say(messy(lang, q) + emoji(), {"contains_any": ca, "not_contains": nc})
    return d


def g_two_questions(lang):
    ck = clinic_for(lang)
    d = D(lang, ck, ["two_questions", "passage"])
    d.now = rand_now(d.c)
    new_contact(d) if R.random() < 0.5 else known_contact(d)
    # one FAQ + one price (services with a price), or two FAQs
    topics = [t for t in FAQ[ck] if t not in ("parking", "clothes", "children", "arrive")]
    t1 = pick(topics)
    q1, ca1, nc1 = faq_item(ck, lang, t1)
    priced = [s["key"] for s in d.c["services"] if s["price"] and (s["price"]["amount_minor"] < 100000 or s["price"]["amount_minor"] % 100000)]
    sk = pick(priced)
    pv = price_variants(d.c, sk)
    key_fact = {"dental-ankara": {"saturday": "14", "payment": "6", "insurance": "SGK"},
                "dermatology-lisbon": {"insurance": "Multicare", "saturday": "19"},
                "physio-madrid": {"insurance": "Adeslas", "saturday": "13", "bono": "200"},
                "gp-boston": {"insurance": "Tufts", "weekend": "6", "fasting": "12"},
                "gp-sao-paulo": {"insurance": "Amil", "saturday": "12", "payment": "Pix"}}[ck].get(t1)
    if key_fact is None:
        return None
    # the price fact: a substring common to every spelling
    a = svc(d.c, sk)["price"]["amount_minor"] // 100
    pf = str(a)[-3:] if a >= 1000 else str(a)
    sw = svc(d.c, sk)["name"][lang].lower() if R.random() < 0.6 else svc_word(lang, d.c, sk)
    if lang == "en":
        q = pick([f"how much is {sw} and {q1}", f"Two things: what does {sw} cost? And {q1}", f"{q1} also what's the price for {sw}?",
                  f"hi, what do you charge for {sw}, and {q1}", f"{q1.rstrip('?')}? and how much would {sw} be"])
    else:
        q = pick([f"{sw} ne kadar, bir de {q1}", f"iki sorum var: {sw} ücreti nedir? ayrıca {q1}", f"{q1}? bir de {sw} fiyatı ne kadar",
                  f"merhaba {sw} kaç TL / ne kadar tutuyor, {q1}", f"{sw} fiyatı nedir ve {q1}"])
        if d.c["currency"] != "TRY":
            q = q.replace("kaç TL / ", "")
    flang = faq_lang(ck)
    exp = {"contains_all": [pf, key_fact]}
    if flang != lang:
        d.kinds.append("answer_language")
        exp["not_contains"] = nc1
    d.say(messy(lang, q) if lang == "tr" else q, exp)
    return d


def g_service_words(lang):
    d = g_booking(lang, ["service_words"])
    return d


def g_clinic_fit(lang):
    ck = pick(["dermatology-lisbon", "physio-madrid", "gp-boston", "gp-sao-paulo"])
    d = g_booking(lang, ["clinic_fit"], ckey=ck) if R.random() < 0.7 else None
    bad = ["dentist", "dental", "tooth", "teeth", "diş hekim", "dişçi", "diş "]
    if d is None:
        d = D(lang, ck, ["clinic_fit", "passage"])
        d.now = rand_now(d.c)
        known_contact(d)
        topic = pick(list(FAQ[ck]))
        q, ca, nc = faq_item(ck, lang, topic)
        exp = {"contains_any": ca}
        if faq_lang(ck) != lang:
            d.kinds.append("answer_language")
            exp["not_contains"] = list(nc)
        exp["not_contains"] = exp.get("not_contains", []) + bad
        d.say(messy(lang, q), exp)
        return d
    for t in d.turns:
        e = t.setdefault("expect", {})
        e["not_contains"] = e.get("not_contains", []) + bad
    return d


EMERG = {
    "dental-ankara": {"en": ["my face is swelling up and I can barely swallow", "my son fell off his bike and his front tooth is hanging, lots of blood",
                             "had a tooth pulled yesterday and the bleeding won't stop, soaked through everything", "jaw so swollen my eye is closing and I've got a fever of 39",
                             "kid knocked his tooth clean out at the playground, what do I do??"],
                      "tr": ["çocuğun dişi kırıldı kan durmuyor", "yüzüm çok şişti yutkunamıyorum", "dün diş çektirdim kanama hiç durmuyor ne yapmalıyım",
                             "oğlum düştü ön dişi sallanıyor ağzı kan içinde", "çenem şişti gözüme kadar yükseldi ateşim de var", "dişim kırıldı çok kanıyor acil"]},
    "dermatology-lisbon": {"en": ["tried a new cream and now my lips and tongue are swelling, it's hard to breathe",
                                  "got stung and my whole body is covered in hives and my throat feels tight",
                                  "after yesterday's peel my face is blistering and burning like crazy and I feel faint"],
                           "tr": ["yeni krem sürdüm dudaklarım şişti nefes almakta zorlanıyorum", "arı soktu her yerim kabardı boğazım daralıyor",
                                  "peelingden sonra yüzüm yanıyor su toplamış bayılacak gibiyim"]},
    "physio-madrid": {"en": ["I fell on the stairs and there's a bone sticking out of my ankle", "my back locked up and I can't feel my legs",
                             "during exercises my chest went tight and my left arm is numb"],
                      "tr": ["merdivenden düştüm bileğimden kemik çıkmış gibi", "belim tutuldu bacaklarımı hissetmiyorum", "egzersiz yaparken göğsüm sıkıştı sol kolum uyuşuyor"]},
    "gp-boston": {"en": ["my dad has chest pain going down his arm and he's sweating", "she's struggling to breathe and her lips look blue",
                         "my husband's face is drooping on one side and his speech is slurred", "he passed out and won't wake up properly",
                         "baby has a 40 fever and is really floppy and not responding much"],
                  "tr": ["babam nefes almakta zorlanıyor dudakları morardı", "göğsümde baskı var sol koluma vuruyor", "annem bayıldı ayılmıyor",
                         "eşimin yüzü bir tarafa kaydı konuşması bozuk", "bebeğimin ateşi 40 hiç tepki vermiyor"]},
    "gp-sao-paulo": {"en": ["my mother suddenly can't move her right arm and she's confused", "I'm having crushing chest pain right now",
                            "my kid swallowed a bunch of pills, what do I do"],
                     "tr": ["annem birden sağ kolunu oynatamıyor konuşamıyor", "göğsümde ezici bir ağrı var şu an", "çocuk bir sürü ilaç yutmuş ne yapayım"]},
}


def g_emergency(lang):
    ck = clinic_for(lang)
    d = D(lang, ck, ["emergency"])
    d.now = rand_now(d.c)
    if ck != "dental-ankara":
        d.kinds.append("clinic_fit")
    new_contact(d) if R.random() < 0.5 else known_contact(d)
    txt = pick(EMERG[ck][lang])
    pre = pick(["", "", "help ", "HELP!! ", "please help, ", "hi sorry to bother, "]) if lang == "en" else pick(["", "", "acil!! ", "yardım edin ", "merhaba, "])
    post = pick(["", "", " 😭", " what should I do", " can we come now?"]) if lang == "en" else pick(["", "", " 😢", " ne yapalım", " hemen gelebilir miyiz"])
    d.say(messy(lang, pre + txt + post), {"emergency": True})
    if R.random() < 0.2:
        d.say(messy(lang, pick(["please hurry", "is anyone there??"]) if lang == "en" else pick(["lütfen çabuk", "kimse yok mu"])), {"emergency": True})
    return d


KINDS = [(g_names, 38), (g_someone_else, 38), (g_explicit_dates, 40), (g_own, 26), (g_cancel, 22), (g_reschedule, 24),
         (g_passage, 22), (g_answer_language, 18), (g_two_questions, 18), (g_clinic_fit, 14), (g_service_words, 14),
         (g_day_parts, 22), (g_emergency, 24), (g_booking, 10)]


def main():
    out = []
    for lang in ("en", "tr"):
        for fn, n in KINDS:
            made = 0
            while made < n:
                d = fn(lang)
                if d is None:
                    continue
                out.append(d.out())
                made += 1
    with open(os.path.join(HERE, "generated.jsonl"), "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    print("wrote", len(out))


if __name__ == "__main__":
    main()
