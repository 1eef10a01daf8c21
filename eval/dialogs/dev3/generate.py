#!/usr/bin/env python3
"""dev3: independent pt/es dialog set for Frontdesk.

Deterministic (fixed seed, standard library only). Writes generated.jsonl next to this file.
Written without looking at the engine or the other dialog sets; only FORMAT.md and
clinics.json were read. Phrasings are combined from many small pieces so that no two dialogs
read alike.
"""
import json
import os
import random
from datetime import datetime, timedelta, date
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
CLINICS = {c["key"]: c for c in json.load(open(os.path.join(HERE, "..", "clinics.json")))["clinics"]}
UTC = ZoneInfo("UTC")
WD_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

R = random.Random(20270303)

# ----------------------------------------------------------------------------- calendar

def hm(s):
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def fmt_hm(mins):
    return "%02d:%02d" % (mins // 60, mins % 60)


def svc(clinic, key):
    return next(s for s in clinic["services"] if s["key"] == key)


def prac_free(clinic, pkey, start, dur, busy):
    """start: naive local datetime"""
    p = next(p for p in clinic["practitioners"] if p["key"] == pkey)
    ranges = p["working_hours"].get(WD_KEYS[start.weekday()], [])
    s = start.hour * 60 + start.minute
    if not any(hm(a) <= s and s + dur <= hm(b) for a, b in (r.split("-") for r in ranges)):
        return False
    for (bp, bstart, bdur) in busy:
        if bp != pkey:
            continue
        if bstart < start + timedelta(minutes=dur) and start < bstart + timedelta(minutes=bdur):
            return False
    return True


def free_pracs(clinic, skey, start, last_msg, now, busy):
    s = svc(clinic, skey)
    pol = clinic["policy"]
    tz = ZoneInfo(clinic["time_zone"])
    mins = start.hour * 60 + start.minute
    if mins % pol["slot_grid_minutes"]:
        return []
    a = start.replace(tzinfo=tz).astimezone(UTC)
    b = last_msg.replace(tzinfo=tz).astimezone(UTC)
    if (a - b) < timedelta(minutes=pol["min_notice_minutes"]):
        return []
    if (start.date() - now.date()).days > pol["horizon_days"] - 2:
        return []
    return [p for p in s["practitioners"] if prac_free(clinic, p, start, s["duration_minutes"], busy)]


def free_times(clinic, skey, day, last_msg, now, busy, lo=0, hi=24 * 60):
    g = clinic["policy"]["slot_grid_minutes"]
    out = []
    for m in range(lo, hi, g):
        st = datetime(day.year, day.month, day.day, m // 60, m % 60)
        if free_pracs(clinic, skey, st, last_msg, now, busy):
            out.append(m)
    return out


def busy_of(clinic, existing, blocked):
    b = []
    for e in existing + blocked:
        d = svc(clinic, e["service"])["duration_minutes"]
        b.append((e["practitioner"], datetime.fromisoformat(e["start"]), d))
    return b


# ----------------------------------------------------------------------------- language bits

WD = {
    "pt": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
WD_LONG_PT = ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"]
MONTHS = {
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}

STRIP = str.maketrans("áàâãéêíóôõúçñü", "aaaaeeiooouçnu")


_NAME_RE = None


def _name_re():
    global _NAME_RE
    if _NAME_RE is None:
        import re
        firsts = sorted({n for l in FIRST.values() for g in l.values() for n in g}, key=len, reverse=True)
        lasts = sorted({n for l in LAST.values() for n in l}, key=len, reverse=True)
        _NAME_RE = re.compile(r"\b(?:%s)(?:\s+(?:%s))?\b" % ("|".join(firsts), "|".join(lasts)))
    return _NAME_RE


def casual(text, p=0.35):
    """WhatsApp-ify: drop accents, lowercase, drop final punctuation, sometimes. Names are kept as given."""
    keep = []

    def stash(m):
        keep.append(m.group(0))
        return "\x00%d\x01" % (len(keep) - 1)
    text = _name_re().sub(stash, text)
    text = _casual(text, p)
    for i, k in enumerate(keep):
        text = text.replace("\x00%d\x01" % i, k)
    return text


def _casual(text, p):
    if R.random() < p:
        text = text.translate(STRIP).replace("ç", "c")
    if R.random() < p:
        text = text.lower()
    if R.random() < 0.3:
        text = text.rstrip(".!")
    return text


def time_variants(m):
    h, mi = m // 60, m % 60
    v = ["%02d:%02d" % (h, mi), "%d:%02d" % (h, mi), "%02d.%02d" % (h, mi), "%dh%02d" % (h, mi)]
    if mi == 0:
        v += ["%dh" % h, "%d h" % h]
    return sorted(set(v))


def say_time(lang, m):
    h, mi = m // 60, m % 60
    if lang == "pt":
        opts = []
        if mi == 0:
            opts += ["às %dh" % h, "as %dh" % h, "%dh" % h, "às %d:00" % h, "pras %dh" % h, "às %d horas" % h]
            if 13 <= h <= 18:
                opts += ["às %d da tarde" % (h - 12)]
            if h <= 11:
                opts += ["às %d da manhã" % h]
        else:
            opts += ["às %dh%02d" % (h, mi), "%d:%02d" % (h, mi), "as %d:%02d" % (h, mi), "às %dh%02d" % (h, mi)]
            if mi == 30:
                opts += ["às %d e meia" % h if h <= 12 else "às %dh30" % h]
        return R.choice(opts)
    opts = []
    if mi == 0:
        opts += ["a las %d" % h, "a las %d:00" % h, "a las %dh" % h, "%d:00" % h]
        if 13 <= h <= 20:
            opts += ["a las %d de la tarde" % (h - 12)]
        if h <= 11:
            opts += ["a las %d de la mañana" % h]
        if h == 13:
            opts = ["a la una", "a las 13:00", "a las 13h"]
    else:
        opts += ["a las %d:%02d" % (h, mi), "%d:%02d" % (h, mi), "a las %d.%02d" % (h, mi)]
        if mi == 30 and h <= 12:
            opts += ["a las %d y media" % h]
        if mi == 15 and h <= 12:
            opts += ["a las %d y cuarto" % h]
    return R.choice(opts)


def say_day(lang, day, now, style=None):
    """returns (text, style)"""
    wd = day.weekday()
    delta = (day - now.date()).days
    styles = ["wd_full", "day_month", "numeric", "dia_n", "wd_n"]
    if 2 <= delta <= 6:
        styles += ["wd", "wd", "wd_next"]
    if delta == 1:
        styles += ["tomorrow", "tomorrow"]
    style = style or R.choice(styles)
    d, mo = day.day, day.month
    if lang == "pt":
        w = R.choice([WD["pt"][wd], WD_LONG_PT[wd]])
        t = {
            "wd_full": R.choice(["%s, %d de %s" % (w, d, MONTHS["pt"][mo - 1]),
                                 "%s dia %d de %s" % (w, d, MONTHS["pt"][mo - 1]),
                                 "na %s, %d de %s" % (w, d, MONTHS["pt"][mo - 1]) if wd < 5 else "no sábado, %d de %s" % (d, MONTHS["pt"][mo - 1])]),
            "day_month": R.choice(["dia %d de %s" % (d, MONTHS["pt"][mo - 1]), "%d de %s" % (d, MONTHS["pt"][mo - 1])]),
            "numeric": R.choice(["dia %02d/%02d" % (d, mo), "%d/%d" % (d, mo), "%02d/%02d" % (d, mo)]),
            "dia_n": R.choice(["dia %d" % d, "no dia %d" % d, "pro dia %d" % d]),
            "wd_n": R.choice(["%s dia %d" % (w, d), "%s (%d)" % (w, d), "na %s dia %d" % (w, d) if wd < 5 else "sábado dia %d" % d]),
            "wd": R.choice(["na %s" % w, "%s" % w, "essa %s" % w]) if wd < 5 else R.choice(["no sábado", "sábado"]),
            "wd_next": ("na próxima %s" % w) if wd < 5 else "no próximo sábado",
            "tomorrow": R.choice(["amanhã", "amanha"]),
        }[style]
    else:
        w = WD["es"][wd]
        t = {
            "wd_full": R.choice(["el %s %d de %s" % (w, d, MONTHS["es"][mo - 1]),
                                 "%s, %d de %s" % (w, d, MONTHS["es"][mo - 1]),
                                 "el %s, %d de %s" % (w, d, MONTHS["es"][mo - 1])]),
            "day_month": R.choice(["el %d de %s" % (d, MONTHS["es"][mo - 1]), "%d de %s" % (d, MONTHS["es"][mo - 1])]),
            "numeric": R.choice(["el %02d/%02d" % (d, mo), "el %d/%d" % (d, mo), "%d/%d" % (d, mo)]),
            "dia_n": R.choice(["el %d" % d, "el día %d" % d, "para el %d" % d]),
            "wd_n": R.choice(["el %s %d" % (w, d), "%s %d" % (w, d), "el %s (%d)" % (w, d)]),
            "wd": R.choice(["el %s" % w, "este %s" % w, "%s" % w]),
            "wd_next": R.choice(["el próximo %s" % w, "el %s que viene" % w]) if delta >= 2 else "el %s" % w,
            "tomorrow": R.choice(["mañana", "manana"]),
        }[style]
    return t, style


# ----------------------------------------------------------------------------- service words
SW = {
    ("dental-ankara", "pt"): {
        "checkup": ["uma avaliação", "uma consulta de avaliação", "uma revisão", "avaliação dos dentes"],
        "cleaning": ["uma limpeza", "limpeza dos dentes", "uma limpeza dentária", "limpeza"],
        "filling": ["uma obturação", "uma restauração", "obturação"],
        "root_canal": ["tratamento de canal", "um canal", "desvitalização"],
        "braces_consult": ["consulta de ortodontia", "avaliação pra aparelho", "consulta para aparelho"],
    },
    ("dental-ankara", "es"): {
        "checkup": ["una revisión", "un chequeo", "una consulta general", "revisión"],
        "cleaning": ["una limpieza", "limpieza dental", "una higiene", "limpieza"],
        "filling": ["un empaste", "una obturación", "empaste", "una caries"],
        "root_canal": ["una endodoncia", "tratamiento de conducto", "endodoncia"],
        "braces_consult": ["consulta de ortodoncia", "lo de los brackets", "consulta para brackets"],
    },
    ("dermatology-lisbon", "pt"): {
        "consult": ["uma consulta de dermatologia", "consulta com dermatologista", "dermatologista", "uma consulta de dermatologia"],
        "mole_check": ["rastreio de sinais", "uma consulta pra ver uns sinais", "um rastreio de sinais", "dermatoscopia"],
        "acne": ["tratamento de acne", "tratamento para as borbulhas", "acne", "tratamento pras espinhas"],
        "laser": ["depilação a laser", "laser", "depilação laser"],
        "peel": ["peeling", "um peeling químico", "peeling químico"],
    },
    ("dermatology-lisbon", "es"): {
        "consult": ["consulta de dermatología", "cita con el dermatólogo", "el dermatólogo", "una consulta de dermatología"],
        "mole_check": ["revisión de lunares", "una cita para que me miren unos lunares", "los lunares", "una revisión de lunares"],
        "acne": ["tratamiento del acné", "lo de los granos", "algo para el acné", "tratamiento para los granos"],
        "laser": ["depilación láser", "láser", "depilación con láser"],
        "peel": ["un peeling", "peeling químico", "peeling"],
    },
    ("physio-madrid", "es"): {
        "assessment": ["valoración inicial", "una primera visita", "una valoración", "primera visita"],
        "session": ["sesión de fisio", "fisio", "una sesión de fisioterapia", "fisioterapia"],
        "massage": ["un masaje deportivo", "masaje", "una descarga muscular", "un masaje"],
        "pilates": ["pilates", "una clase de pilates terapéutico", "pilates terapéutico"],
        "rehab_consult": ["consulta con el médico rehabilitador", "consulta de rehabilitación", "el médico rehabilitador"],
    },
    ("physio-madrid", "pt"): {
        "assessment": ["avaliação inicial", "primeira consulta", "uma avaliação inicial"],
        "session": ["sessão de fisio", "fisioterapia", "fisio", "uma sessão de fisioterapia"],
        "massage": ["massagem", "massagem desportiva", "uma massagem"],
        "pilates": ["pilates", "pilates clínico", "aula de pilates clínico"],
        "rehab_consult": ["consulta de reabilitação", "reabilitação"],
    },
    ("gp-boston", "es"): {
        "consult": ["médico de cabecera", "consulta general", "médico general", "una consulta con el médico general"],
        "physical": ["chequeo anual", "un chequeo", "el chequeo anual"],
        "blood": ["análisis de sangre", "una analítica", "un análisis de sangre"],
        "vaccine": ["vacuna", "la vacuna de la gripe", "vacunación", "la vacuna"],
        "telehealth": ["renovar la receta", "renovación de receta", "lo de la receta"],
    },
    ("gp-boston", "pt"): {
        "consult": ["clínico geral", "consulta geral", "médico de família", "uma consulta com clínico geral"],
        "physical": ["check-up anual", "exame de rotina", "check-up"],
        "blood": ["exame de sangue", "análises ao sangue", "um exame de sangue"],
        "vaccine": ["vacina", "vacina da gripe", "vacinação", "a vacina"],
        "telehealth": ["renovar a receita", "renovação de receita", "receita"],
    },
    ("gp-sao-paulo", "pt"): {
        "consult": ["consulta com clínico geral", "clínico geral", "consulta", "médico de família", "uma consulta com o clinico"],
        "pediatrics": ["pediatra", "consulta de pediatria", "pediatria", "consulta com a pediatra"],
        "cardio": ["cardiologista", "consulta de cardiologia", "consulta com cardiologista"],
        "ecg": ["eletro", "eletrocardiograma", "um ecg"],
        "checkup": ["check-up", "exames de rotina", "check-up completo"],
    },
    ("gp-sao-paulo", "es"): {
        "consult": ["médico general", "médico de cabecera", "consulta de medicina general", "una consulta con el médico general"],
        "pediatrics": ["pediatra", "pediatría", "consulta con la pediatra"],
        "cardio": ["cardiólogo", "consulta de cardiología", "consulta con el cardiólogo"],
        "ecg": ["electrocardiograma", "un ecg", "electro"],
        "checkup": ["chequeo completo", "chequeo", "un chequeo completo"],
    },
}

PT_BR_CLINICS = {"gp-sao-paulo", "gp-boston"}
ES_LATAM_CLINICS = {"gp-boston", "gp-sao-paulo"}

# ----------------------------------------------------------------------------- phrase banks
GREET = {
    "pt": ["", "", "Oi", "Olá", "Bom dia", "Boa tarde", "Boa noite", "oii", "Olá, bom dia", "Oi tudo bem?", "Bom dia, tudo bem?", "Olá boa tarde"],
    "es": ["", "", "Hola", "Buenas", "Buenos días", "Buenas tardes", "hola q tal", "Holaa", "Hola, buenos días", "Buenas noches", "Hola, ¿qué tal?"],
}
BOOK_OPEN = {
    "pt": ["queria marcar {s}", "dá pra agendar {s}", "tem horário pra {s}", "consegue um encaixe pra {s}",
           "gostaria de agendar {s}", "preciso marcar {s}", "vcs tem vaga pra {s}", "quero agendar {s}",
           "to precisando de {s}", "queria ver um horário de {s}", "seria possível marcar {s}",
           "me arruma um horário pra {s}", "era para marcar {s}", "gostaria de marcar {s}",
           "queria saber se têm vaga para {s}", "precisava de marcar {s}", "podia marcar-me {s}",
           "tem disponibilidade para {s}", "queria uma marcação de {s}", "daria pra encaixar {s}"],
    "es": ["quisiera pedir cita para {s}", "me da hora para {s}", "¿tienen hueco para {s}", "quiero reservar {s}",
           "necesito una cita de {s}", "quería pedir {s}", "¿me pueden dar cita para {s}", "quiero sacar turno para {s}",
           "¿hay disponibilidad para {s}", "me gustaría reservar {s}", "¿podría agendar {s}", "quiero agendar {s}",
           "¿me apuntan para {s}", "busco cita para {s}", "¿me podés dar un turno para {s}", "necesitaría {s}",
           "quería coger cita para {s}", "¿se puede reservar {s}", "ando buscando hora para {s}", "¿me reservas {s}"],
}
NAME_SENT = {
    "pt": ["meu nome é {n}", "é para mim, {n}", "chamo-me {n}", "sou a {n}", "sou o {n}", "aqui é {n}", "me chamo {n}",
           "o meu nome é {n}", "{n} aqui", "em nome de {n}", "nome: {n}", "é pra {n}, eu mesma", "pode pôr no nome de {n}"],
    "es": ["me llamo {n}", "soy {n}", "mi nombre es {n}", "de parte de {n}", "a nombre de {n}", "les escribe {n}",
           "soy yo, {n}", "nombre: {n}", "ponlo a nombre de {n}", "es para mí, {n}", "aquí {n}", "te escribe {n}"],
}
NAME_ALONE = {
    "pt": ["{n}", "{n}.", "é {n}", "meu nome é {n}", "{n}, obrigada", "Sou {n}", "chamo-me {n}", "ah sim, {n}", "{n} 😊", "o nome é {n}"],
    "es": ["{n}", "{n}.", "soy {n}", "me llamo {n}", "{n}, gracias", "mi nombre es {n}", "ah perdón, {n}", "{n} 🙂", "a nombre de {n}"],
}
CONFIRM = {
    "pt": ["sim", "Sim, pode marcar", "pode ser", "fechado", "bora", "tá ótimo, confirma", "isso, pode confirmar",
           "perfeito, pode agendar", "ok pode marcar sim", "confirmo", "beleza, marca aí", "sim sim, pode",
           "combinado, pode marcar", "pode sim, obrigada", "sim, por favor", "👍 pode ser", "isso mesmo, confirma pra mim",
           "Sim, marque por favor", "está bem, confirme por favor", "sim, fica marcado", "pode ser, obrigado",
           "perfeito 👌 pode confirmar", "ss pode marcar", "claro, pode agendar sim"],
    "es": ["sí", "Sí, resérvemela", "vale, perfecto", "dale", "perfecto, confirma", "sí por favor", "ok, agéndalo",
           "sí, apúntame", "confirmo", "de acuerdo, resérvala", "sí sí, adelante", "genial, déjalo reservado",
           "está bien, confírmela", "vale, me lo apuntas", "listo, dale", "si porfa", "👍 sí", "perfecto, resérvalo",
           "sí, agéndamela", "vale, confírmame esa", "sí, esa me viene bien, resérvala"],
}
REFUSE = {
    "pt": ["não, deixa", "não, obrigado", "melhor não", "ah não, deixa pra lá", "não precisa, obrigada",
           "pensando bem, não", "nao nao, esquece", "não, deixa quieto por enquanto", "afinal não, obrigada"],
    "es": ["no, gracias", "mejor no", "no, déjalo", "pensándolo bien, no", "no hace falta, gracias", "nah, olvídalo",
           "no, mejor lo dejo", "al final no, gracias", "no no, déjalo así"],
}
CANCEL_OPEN = {
    "pt": ["queria desmarcar a consulta {d}", "pode desmarcar minha consulta {d}?", "não vou conseguir ir na consulta {d}",
           "preciso cancelar o horário {d}", "queria cancelar a consulta marcada {d}", "vou ter que cancelar a consulta {d}, surgiu um imprevisto",
           "não vou poder comparecer à consulta {d}, pode cancelar?", "tenho a consulta {d} mas não vou conseguir ir", "era para anular a consulta {d}",
           "desmarca pra mim a consulta {d}?", "infelizmente tenho de desmarcar a consulta {d}", "queria cancelar a marcação {d}"],
    "es": ["quisiera anular la cita {d}", "no voy a poder ir a la cita {d}", "necesito cancelar mi cita {d}",
           "me surgió algo y no puedo ir a la cita {d}, ¿la pueden cancelar?", "quiero anular mi cita {d}", "¿me cancelan la cita {d}?",
           "al final no puedo ir a la cita {d}, hay que cancelar", "¿se puede cancelar el turno {d}?", "cancelar cita {d} porfa",
           "tengo la cita {d} y no llego, ¿la anulamos?", "me va a ser imposible ir a la cita {d}, cancélenla", "quería dar de baja mi cita {d}"],
}
CANCEL_YES = {
    "pt": ["pode cancelar sim", "sim, pode desmarcar", "isso, cancela por favor", "sim, cancele por favor", "pode desmarcar sim, obrigada",
           "sim quero cancelar", "confirmo o cancelamento", "isso mesmo, pode anular", "sim, infelizmente pode cancelar", "ss, cancela"],
    "es": ["sí, cancélela", "sí, anúlala", "vale, cancélala porfa", "sí, quiero anularla", "sí, bórrala por favor", "confirmo la cancelación",
           "dale, cancela nomás", "sí, anúlela, gracias", "eso, cancélala", "sí, por desgracia cancélala"],
}
CANCEL_NO = {
    "pt": ["não, deixa marcada", "não, mantém a consulta", "melhor não cancelar", "não, esquece, eu vou sim",
           "pensando bem não cancela não", "não! deixa, eu dou um jeito de ir"],
    "es": ["no, mejor déjala", "no, no la canceles", "mejor no la anules, al final sí puedo ir", "no, mantenla",
           "uy no, déjala como está", "no no, que sí voy"],
}
MOVE_OPEN = {
    "pt": ["dá pra remarcar a consulta {d} {nd}?", "queria passar a consulta {d} {nd}", "posso mudar minha consulta {d} {nd}?",
           "preciso trocar o horário {d}, pode ser {nd}?", "não vou conseguir ir na consulta {d}, dá pra passar {nd}?",
           "era possível alterar a consulta {d} {nd}?", "queria adiar a consulta {d} {nd}",
           "consegue mudar a minha marcação {d} {nd}?", "tem como jogar a consulta {d} {nd}?", "remarcar consulta {d} {nd} pfv"],
    "es": ["quisiera cambiar la cita {d} {nd}", "¿puedo pasar la cita {d} {nd}?", "necesito mover mi cita {d}, ¿me la pasan {nd}?",
           "¿se puede cambiar la cita {d} {nd}?", "no voy a poder ir a la cita {d}, ¿la pasamos {nd}?", "quería atrasar la cita {d} {nd}",
           "reprogramar mi turno {d} {nd} porfa", "¿me cambias la cita {d}? mejor {nd}", "¿hay forma de mover la cita {d} {nd}?",
           "me gustaría trasladar la cita {d} {nd}"],
}
MOVE_YES = {
    "pt": ["sim, pode passar", "pode remarcar sim", "isso, muda pra esse horário", "sim, pode trocar", "fechado, pode mudar",
           "sim, pode alterar por favor", "isso, remarca", "perfeito, pode mudar sim", "sim muda"],
    "es": ["sí, cámbiela", "sí, muévela a esa hora", "vale, pásala", "dale, cámbiala", "sí, reprográmela por favor",
           "perfecto, cámbiala", "sí, hazme el cambio", "sí, muévala, gracias", "vale, adelante con el cambio"],
}
MOVE_NO = {
    "pt": ["não, deixa como está", "melhor não mudar", "não, mantém o horário original"],
    "es": ["no, déjala como estaba", "mejor no la muevas", "no, que se quede como está"],
}
OWN_Q = {
    "pt": ["quando é minha consulta?", "que dia ficou minha consulta mesmo?", "a que horas é a minha consulta?",
           "tenho alguma consulta marcada?", "esqueci o horário da minha consulta, pode me lembrar?", "qual é o dia da minha próxima consulta?",
           "me confirma que dia eu tô marcada?", "pode ver se tenho marcação aí?", "minha consulta é que horas msm?",
           "para quando ficou a minha marcação?", "qual o horário q eu marquei?", "vcs podem me dizer quando é a minha consulta?"],
    "es": ["¿cuándo es mi cita?", "¿a qué hora tengo la cita?", "¿me recuerdas qué día tengo cita?", "¿tengo alguna cita reservada?",
           "no me acuerdo de cuándo era mi cita", "¿para cuándo quedó mi cita?", "¿me dices la fecha de mi próxima cita?",
           "porfa, ¿qué día tenía turno?", "¿a qué hora era lo mío?", "¿me confirman el día y la hora de mi cita?",
           "perdona, ¿mi cita es qué día?", "¿cuándo me toca?"],
}
OWN_Q_OTHER = {
    "pt": ["quando é a consulta {rel}?", "que horas é a consulta {rel}?", "pode me lembrar o dia da consulta {rel}?", "a consulta {rel} ficou pra quando?"],
    "es": ["¿cuándo es la cita {rel}?", "¿a qué hora tiene la cita {rel}?", "¿me recuerdas el día de la cita {rel}?", "¿para cuándo quedó la cita {rel}?"],
}
REL = {
    "pt": [("filho", "do meu filho", "pro meu filho", "M"), ("filha", "da minha filha", "pra minha filha", "F"),
           ("mãe", "da minha mãe", "para a minha mãe", "F"), ("pai", "do meu pai", "pro meu pai", "M"),
           ("esposa", "da minha esposa", "pra minha esposa", "F"), ("marido", "do meu marido", "para o meu marido", "M"),
           ("avó", "da minha avó", "pra minha avó", "F")],
    "es": [("hijo", "de mi hijo", "para mi hijo", "M"), ("hija", "de mi hija", "para mi hija", "F"),
           ("madre", "de mi madre", "para mi madre", "F"), ("padre", "de mi padre", "para mi padre", "M"),
           ("esposa", "de mi esposa", "para mi esposa", "F"), ("marido", "de mi marido", "para mi marido", "M"),
           ("abuela", "de mi abuela", "para mi abuela", "F")],
}
FIRST = {
    "pt": {"F": ["Ana", "Inês", "Beatriz", "Mariana", "Joana", "Fernanda", "Luíza", "Carla", "Sofia", "Helena", "Raquel", "Tânia", "Débora", "Cláudia", "Patrícia", "Letícia", "Marta", "Vitória"],
           "M": ["Paulo", "João", "Pedro", "Rui", "Tiago", "Bruno", "Gustavo", "Rodrigo", "Miguel", "Lucas", "Eduardo", "Hugo", "Vinícius", "Nuno", "Rafael", "André"]},
    "es": {"F": ["Lucía", "Carmen", "María", "Elena", "Marta", "Paula", "Valentina", "Camila", "Sofía", "Isabel", "Daniela", "Rocío", "Ximena", "Pilar", "Lorena", "Julia"],
           "M": ["Javier", "Pablo", "Diego", "Alejandro", "Mateo", "Sergio", "Andrés", "Jorge", "Álvaro", "Santiago", "Iván", "Héctor", "Nicolás", "Raúl", "Tomás"]},
}
LAST = {
    "pt": ["Costa", "Reis", "Rocha", "Ferreira", "Almeida", "Souza", "Pereira", "Carvalho", "Gomes", "Martins", "Oliveira", "Lopes", "Teixeira", "Moreira", "Barbosa", "Cardoso", "Pinto", "Nogueira"],
    "es": ["García", "Martínez", "López", "Sánchez", "Romero", "Torres", "Navarro", "Domínguez", "Vargas", "Castillo", "Herrera", "Molina", "Ortiz", "Delgado", "Rojas", "Méndez", "Suárez"],
}
PROFILES = {
    "pt": ["Paulinho 🌴", "Mãe do Pedro", "Cris ✨", "💙💙", "Tio Zé", "Nanda", "Gabi 🦋", "Juju", "Dinho", "Família Silva", "Loirinha",
           "Xuxu", "Bela 🌸", "Tatá", "Celular Trabalho", None, None],
    "es": ["Juanito", "Mami 💕", "Pepa", "La Flaca", "Gordo", "Chema", "Nena 🌻", "Lolo", "Pau ✨", "Móvil Curro", "Tita", "Kike",
           "Mimi", "Churri", None, None],
}

# ----------------------------------------------------------------------------- helpers

def person(lang, sex=None):
    sex = sex or R.choice("MF")
    return R.choice(FIRST[lang][sex]) + " " + R.choice(LAST[lang]), sex


def pick_now(clinic):
    d0 = date(2027, 2, 1) + timedelta(days=R.randrange(0, 78))
    h = R.choice([7, 8, 9, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])
    return datetime(d0.year, d0.month, d0.day, h, R.choice([0, 5, 12, 20, 30, 41, 47, 55]))


def svc_phrase(clinic, lang, skey):
    return R.choice(SW[(clinic["key"], lang)][skey])


def join(parts, lang):
    parts = [p for p in parts if p]
    if not parts:
        return ""
    s = parts[0]
    for p in parts[1:]:
        sep = R.choice([", ", " ", ". ", ", ", " - "]) if not p[0] in ",.?!" else ""
        s += sep + p
    s = s[0].upper() + s[1:] if R.random() < 0.6 else s
    if R.random() < 0.15:
        s += R.choice([" 🙏", " 😊", " obg" if lang == "pt" else " gracias", "!!", " 🙂"])
    return casual(s)


def mk(idx, lang, kinds, clinic, now, contact, household, existing, blocked, turns, final):
    return {
        "id": "dev3-%s-%04d" % (lang, idx),
        "language": lang,
        "kinds": kinds,
        "clinic": clinic["key"],
        "now": now.strftime("%Y-%m-%dT%H:%M"),
        "contact": contact,
        "household": [{"name": h} for h in household],
        "existing": existing,
        "blocked": blocked,
        "turns": turns,
        "final": final,
    }


def pick_clinic(lang):
    if lang == "pt":
        return R.choices(["dermatology-lisbon", "gp-sao-paulo", "gp-boston", "physio-madrid", "dental-ankara"], [30, 30, 14, 13, 13])[0]
    return R.choices(["physio-madrid", "gp-boston", "gp-sao-paulo", "dermatology-lisbon", "dental-ankara"], [32, 22, 15, 15, 16])[0]


def random_blocked(clinic, day, n, avoid_busy):
    out = []
    for _ in range(n):
        skey = R.choice(clinic["services"])["key"]
        s = svc(clinic, skey)
        p = R.choice(s["practitioners"])
        g = clinic["policy"]["slot_grid_minutes"]
        m = R.randrange(7 * 60, 19 * 60, g)
        st = datetime(day.year, day.month, day.day, m // 60, m % 60)
        busy = busy_of(clinic, [], out) + avoid_busy
        if prac_free(clinic, p, st, s["duration_minutes"], busy):
            out.append({"practitioner": p, "service": skey, "start": st.strftime("%Y-%m-%dT%H:%M")})
    return out


def day_after(now, lo, hi):
    return now.date() + timedelta(days=R.randint(lo, hi))


def last_msg_time(now, n_turns):
    return now + timedelta(minutes=2 * (n_turns - 1))


def time_expect(m):
    return {"contains_any": time_variants(m)}


# ----------------------------------------------------------------------------- builders

def build_booking(idx, lang, kinds_extra=(), force=None):
    """Generic booking; force: dict of options."""
    f = dict(force or {})
    clinic = CLINICS[f.get("clinic") or pick_clinic(lang)]
    now = pick_now(clinic)
    skey = f.get("skey") or R.choice(clinic["services"])["key"]
    who = f.get("who") or R.choice(["new", "new", "self", "self"])
    profile = R.choice(PROFILES[lang])
    household, existing = [], []
    kinds = ["booking"] + list(kinds_extra)
    writer, wsex = person(lang)
    patient = writer
    rel = None
    if who == "self":
        household = [writer]
    elif who in ("other_new", "other_existing"):
        rel = R.choice(REL[lang])
        member = writer
        while member.split()[0] == writer.split()[0]:
            member, _ = person(lang, rel[3])
            member = member.split()[0] + " " + writer.split()[1]
        if who == "other_existing":
            household = [writer, member]
        else:
            household = [writer] if R.random() < 0.7 else []
        patient = member
        if "someone_else" not in kinds:
            kinds.append("someone_else")
    # day/time
    for _ in range(40):
        day = day_after(now, 1, 20)
        if f.get("day_filter") and not f["day_filter"](day):
            continue
        blocked = random_blocked(clinic, day, R.randint(0, 4), [])
        busy = busy_of(clinic, existing, blocked)
        last = last_msg_time(now, 6)
        lo, hi = f.get("window", (0, 24 * 60))
        times = free_times(clinic, skey, day, last, now, busy, lo, hi)
        if f.get("need_times"):
            if not f["need_times"](clinic, skey, day, last, now, busy, times):
                continue
        if times:
            break
    else:
        return None
    t = R.choice(times)
    dtxt, dstyle = say_day(lang, day, now, f.get("day_style"))
    ttxt = say_time(lang, t)
    sphrase = svc_phrase(clinic, lang, skey)
    opener = R.choice(BOOK_OPEN[lang]).format(s=sphrase)
    name_needed = who == "new" or (who == "other_new")
    # name text
    turns = []
    first_parts = [R.choice(GREET[lang]), opener]
    later = []
    date_time = R.choice(["%s %s" % (dtxt, ttxt), "%s, %s" % (dtxt, ttxt), "%s %s" % (ttxt, dtxt) if lang == "pt" else "%s %s" % (dtxt, ttxt)])
    if f.get("daypart"):
        date_time = "%s %s" % (dtxt, f["daypart"])
    if R.random() < 0.7 or f.get("daypart"):
        first_parts.append(date_time)
    else:
        later.append(date_time)
    who_text = None
    if rel:
        if who == "other_existing":
            fn = patient.split()[0]
            if lang == "pt":
                who_text = R.choice(["é %s, %s" % (rel[2], fn), "%s %s" % (rel[2], fn), "seria %s (%s)" % (rel[2], fn),
                                     "a consulta é %s %s" % (rel[2], fn), "não é pra mim, é %s, %s" % (rel[2], fn)])
            else:
                who_text = R.choice(["es %s, %s" % (rel[2], fn), "%s %s" % (rel[2], fn), "sería %s (%s)" % (rel[2], fn),
                                     "la cita es %s %s" % (rel[2], fn), "no es para mí, es %s, %s" % (rel[2], fn)])
        else:
            if lang == "pt":
                who_text = R.choice(["é %s, %s" % (rel[2], patient), "é %s, o nome é %s" % (rel[2], patient),
                                     "%s que se chama %s" % (rel[2], patient), "seria %s, %s" % (rel[2], patient)])
            else:
                who_text = R.choice(["es %s, %s" % (rel[2], patient), "es %s, se llama %s" % (rel[2], patient),
                                     "sería %s, %s" % (rel[2], patient), "%s que se llama %s" % (rel[2], patient)])
        if R.random() < 0.6:
            first_parts.insert(R.randint(1, len(first_parts)), who_text)
        else:
            later.append(who_text)
    name_turn = None
    if who == "new":
        if R.random() < 0.5:
            first_parts.insert(R.randint(1, len(first_parts)), gender(R.choice(NAME_SENT[lang]).format(n=patient), wsex))
        else:
            name_turn = gender(R.choice(NAME_ALONE[lang]).format(n=patient), wsex)
    if who == "other_new" and not household:
        # the writer is new too; booking is for the member, writer's name not needed
        pass
    turns.append({"patient": join(first_parts, lang)})
    for l in later:
        turns.append({"patient": casual(l)})
    if name_turn:
        turns.append({"patient": casual(name_turn, 0.2)})
    final_time = {"time": fmt_hm(t)}
    if f.get("daypart"):
        # pick time or 'first'
        if f.get("pick_first"):
            turns.append({"patient": casual(R.choice(f["first_phr"]))})
            oh = clinic["opening_hours"].get(WD_KEYS[day.weekday()], ["00:00-23:59"])
            o_lo, o_hi = hm(oh[0].split("-")[0]), hm(oh[-1].split("-")[1])
            final_time = {"window": [fmt_hm(max(lo, o_lo)), fmt_hm(min(hi, o_hi))]}
        else:
            turns.append({"patient": casual(R.choice(["pode ser %s" % ttxt, "%s tá bom" % ttxt, "prefiro %s" % ttxt, "%s então" % ttxt])
                                            if lang == "pt" else R.choice(["%s está bien" % ttxt, "mejor %s" % ttxt, "me viene bien %s" % ttxt, "%s entonces" % ttxt]))})
    if f.get("later_same_day"):
        # patient first asks t0 then "same day later" t
        pass
    refuse = f.get("refuse")
    cturn = {"patient": casual(R.choice(REFUSE[lang] if refuse else CONFIRM[lang]), 0.3)}
    exp = {}
    if "window" not in final_time and not refuse:
        exp = time_expect(t)
    if rel and not refuse:
        exp["contains_all"] = [patient.split()[0]]
    if exp:
        cturn["expect"] = exp
    turns.append(cturn)
    if who == "new" and profile and "names" in kinds:
        nick = profile.split()[0]
        if len(nick) > 2 and nick.lower() not in patient.lower() and nick not in ("Mãe", "Família", "Celular", "Móvil", "Tio", "La"):
            turns[-1].setdefault("expect", {})["not_contains"] = [nick]
    if len(turns) > 6:
        return None
    nt = len(turns)
    # re-check freeness with real last message time
    last = last_msg_time(now, nt)
    st = datetime(day.year, day.month, day.day, t // 60, t % 60)
    if not free_pracs(clinic, skey, st, last, now, busy):
        return None
    booked = [] if refuse else [dict({"patient": patient, "service": skey, "practitioner": None, "date": day.isoformat()}, **final_time)]
    if "explicit_dates" not in kinds and dstyle in ("wd_full", "day_month", "numeric", "dia_n", "wd_n") and R.random() < 0.5:
        kinds.append("explicit_dates")
    contact = {"phone": phone(lang, idx), "profile_name": profile}
    return mk(idx, lang, kinds, clinic, now, contact, household, existing, blocked, turns,
              {"booked": booked, "cancelled": [], "moved": []})


def gender(text, sex):
    if sex == "M":
        return text.replace("sou a ", "sou o ").replace("Sou a ", "Sou o ").replace("eu mesma", "eu mesmo").replace("obrigada", "obrigado")
    return text.replace("sou o ", "sou a ").replace("Sou o ", "Sou a ").replace("eu mesmo", "eu mesma")


def phone(lang, idx):
    return ("+5511987%05d" if lang == "pt" else "+3466100%04d") % idx


def build_names(idx, lang):
    d = build_booking(idx, lang, ["names"], {"who": "new"})
    return d


def build_someone_else(idx, lang):
    return build_booking(idx, lang, ["someone_else"], {"who": R.choice(["other_new", "other_existing", "other_existing"])})


def build_service_words(idx, lang):
    return build_booking(idx, lang, ["service_words"], {"who": R.choice(["new", "self"])})


def build_clinic_fit(idx, lang):
    ck = R.choice(["physio-madrid", "gp-boston", "gp-sao-paulo", "dermatology-lisbon"])
    d = build_booking(idx, lang, ["clinic_fit"], {"clinic": ck, "who": R.choice(["new", "self"])})
    if d:
        bad = ["dentista", "dental", "diente", "dente", "odontol", "sorriso", "sonrisa"]
        d["turns"][0].setdefault("expect", {})["not_contains"] = bad
        d["turns"][-1].setdefault("expect", {}).setdefault("not_contains", [])
        d["turns"][-1]["expect"]["not_contains"] = d["turns"][-1]["expect"]["not_contains"] + bad
    return d


def build_refusal(idx, lang):
    return build_booking(idx, lang, ["yes_in_sentence"], {"who": "self", "refuse": True})


def build_day_parts(idx, lang):
    clinic = CLINICS[R.choice(["dermatology-lisbon", "gp-sao-paulo", "physio-madrid", "gp-boston", "dental-ankara"])]
    skey_opts = {
        "dermatology-lisbon": ["consult", "acne", "laser"], "gp-sao-paulo": ["consult", "checkup"],
        "physio-madrid": ["session", "massage", "assessment"], "gp-boston": ["consult", "blood", "vaccine"],
        "dental-ankara": ["checkup", "cleaning", "filling"],
    }[clinic["key"]]
    skey = R.choice(skey_opts)
    afternoon = R.random() < 0.7
    if afternoon:
        lo, hi = 14 * 60, 21 * 60
        dp = R.choice(["à tarde", "de tarde", "na parte da tarde", "no período da tarde", "depois do almoço"]) if lang == "pt" else \
            R.choice(["por la tarde", "en la tarde", "a la tarde", "por la tarde si puede ser", "de tarde"])

        def need(c, s, day, last, now, busy, times):
            noon = free_times(c, s, day, last, now, busy, 12 * 60, 14 * 60)
            return bool(noon) and len(times) >= 2
    else:
        lo, hi = 0, 12 * 60
        dp = R.choice(["de manhã", "pela manhã", "na parte da manhã", "no período da manhã"]) if lang == "pt" else \
            R.choice(["por la mañana", "en la mañana", "por la mañanita", "de mañana"])

        def need(c, s, day, last, now, busy, times):
            return len(times) >= 2
    first = R.random() < 0.4
    fp = {"pt": ["o primeiro horário serve", "pode ser o primeiro", "qualquer um desses", "o mais cedo que tiver", "tanto faz, o primeiro"],
          "es": ["el primero que tengas", "cualquiera me vale", "la primera hora que haya", "me da igual, la primera", "el primero está bien"]}[lang]
    d = build_booking(idx, lang, ["day_parts"], {"clinic": clinic["key"], "skey": skey, "who": R.choice(["self", "new"]),
                                               "daypart": dp, "window": (lo, hi), "need_times": need,
                                               "pick_first": first, "first_phr": fp})
    if d and afternoon:
        busy = busy_of(clinic, d["existing"], d["blocked"])
        now = datetime.fromisoformat(d["now"])
        day = date.fromisoformat(d["final"]["booked"][0]["date"])
        noon = free_times(clinic, skey, day, last_msg_time(now, 1), now, busy, 12 * 60, 14 * 60)
        nc = []
        for m in noon[:3]:
            nc += ["%02d:%02d" % (m // 60, m % 60), "%dh%02d" % (m // 60, m % 60)]
        if nc:
            # the reply to the message with the day and "tarde" must not offer 12:00-13:59
            d["turns"][0].setdefault("expect", {})["not_contains"] = nc
    return d


def build_explicit_contradiction(idx, lang):
    clinic = CLINICS[pick_clinic(lang)]
    now = pick_now(clinic)
    skey = R.choice(clinic["services"])["key"]
    writer, wsex = person(lang)
    for _ in range(40):
        day = day_after(now, 3, 25)
        blocked = random_blocked(clinic, day, R.randint(0, 3), [])
        busy = busy_of(clinic, [], blocked)
        times = free_times(clinic, skey, day, last_msg_time(now, 4), now, busy)
        if times:
            break
    else:
        return None
    t = R.choice(times)
    wrong_wd = (day.weekday() + R.choice([1, 2, -1])) % 7
    if wrong_wd == 6:
        wrong_wd = 4
    mon = MONTHS[lang][day.month - 1]
    w = WD[lang][wrong_wd]
    if lang == "pt":
        dtxt = R.choice(["%s, %d de %s" % (w, day.day, mon), "%s dia %d de %s" % (w, day.day, mon), "%s dia %d" % (w, day.day)])
        clar = R.choice(["desculpa, é dia %d mesmo" % day.day, "me enganei, o dia certo é %d, %s" % (day.day, WD["pt"][day.weekday()]),
                         "ah é %s sim, dia %d" % (WD["pt"][day.weekday()], day.day), "o dia %d, o dia da semana eu errei" % day.day,
                         "opa, vale o dia %d" % day.day, "é %d de %s, troquei o dia da semana" % (day.day, mon)])
    else:
        dtxt = R.choice(["el %s %d de %s" % (w, day.day, mon), "%s, %d de %s" % (w, day.day, mon), "el %s %d" % (w, day.day)])
        clar = R.choice(["perdona, es el %d" % day.day, "me equivoqué, el %d, %s" % (day.day, WD["es"][day.weekday()]),
                         "el día %d, lo del %s fue un error" % (day.day, w), "sí, el %s %d" % (WD["es"][day.weekday()], day.day),
                         "lo que cuenta es el %d de %s" % (day.day, mon), "uy, quise decir el %d" % day.day])
    household = [writer] if R.random() < 0.6 else []
    opener = R.choice(BOOK_OPEN[lang]).format(s=svc_phrase(clinic, lang, skey))
    parts = [R.choice(GREET[lang]), opener, dtxt, say_time(lang, t)]
    if not household:
        parts.append(gender(R.choice(NAME_SENT[lang]).format(n=writer), wsex))
    turns = [{"patient": join(parts, lang), "expect": {"contains_any": [str(day.day)]}},
             {"patient": casual(clar), "expect": time_expect(t)},
             {"patient": casual(R.choice(CONFIRM[lang])), "expect": {"contains_any": [str(day.day)]}}]
    st = datetime(day.year, day.month, day.day, t // 60, t % 60)
    if not free_pracs(clinic, skey, st, last_msg_time(now, 3), now, busy):
        return None
    return mk(idx, lang, ["explicit_dates", "booking"] + ([] if household else ["names"]), clinic, now,
              {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])}, household, [], blocked, turns,
              {"booked": [{"patient": writer, "service": skey, "practitioner": None, "date": day.isoformat(), "time": fmt_hm(t)}],
               "cancelled": [], "moved": []})


def build_same_day_later(idx, lang):
    clinic = CLINICS[pick_clinic(lang)]
    now = pick_now(clinic)
    skey = R.choice(clinic["services"])["key"]
    writer, wsex = person(lang)
    for _ in range(40):
        day = day_after(now, 1, 20)
        blocked = random_blocked(clinic, day, R.randint(0, 3), [])
        busy = busy_of(clinic, [], blocked)
        times = free_times(clinic, skey, day, last_msg_time(now, 4), now, busy)
        if len(times) >= 2 and times[-1] - times[0] >= 120:
            break
    else:
        return None
    t0 = R.choice([m for m in times if m <= times[-1] - 120])
    t1 = R.choice([m for m in times if m >= t0 + 120])
    dtxt, _ = say_day(lang, day, now, R.choice(["wd_full", "day_month", "numeric", "wd_n"]))
    opener = R.choice(BOOK_OPEN[lang]).format(s=svc_phrase(clinic, lang, skey))
    turns = [{"patient": join([R.choice(GREET[lang]), opener, dtxt, say_time(lang, t0), gender(R.choice(NAME_SENT[lang]).format(n=writer), wsex)], lang),
              "expect": time_expect(t0)}]
    tt = say_time(lang, t1)
    if lang == "pt":
        later = R.choice(["hmm, no mesmo dia mais tarde tem? tipo %s", "mesmo dia mas mais tarde, %s dá?", "na vdd preferia mais tarde nesse mesmo dia, %s",
                          "pode ser no mesmo dia só que %s?", "e mais pro fim do dia, %s, no mesmo dia?", "ah, esse dia mesmo, mas %s seria melhor"]) % tt
    else:
        later = R.choice(["mmm, ¿el mismo día pero más tarde? tipo %s", "el mismo día pero más tarde, ¿%s puede ser?", "mejor ese mismo día %s",
                          "¿y ese día más tarde, %s?", "no, mejor a %s, el mismo día", "ese día pero %s, si hay"]) % tt.replace("a las", "las") if "%s" else ""
    turns.append({"patient": casual(later), "expect": dict(time_expect(t1))})
    turns.append({"patient": casual(R.choice(CONFIRM[lang])), "expect": {"contains_any": [str(day.day)]}})
    st = datetime(day.year, day.month, day.day, t1 // 60, t1 % 60)
    if not free_pracs(clinic, skey, st, last_msg_time(now, 3), now, busy):
        return None
    return mk(idx, lang, ["explicit_dates", "booking", "names"], clinic, now,
              {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])}, [], [], blocked, turns,
              {"booked": [{"patient": writer, "service": skey, "practitioner": None, "date": day.isoformat(), "time": fmt_hm(t1)}],
               "cancelled": [], "moved": []})


def existing_setup(lang, min_days=3, for_member=False):
    clinic = CLINICS[pick_clinic(lang)]
    now = pick_now(clinic)
    writer, _ = person(lang)
    household = [writer]
    pat = writer
    rel = None
    if for_member:
        rel = R.choice(REL[lang])
        pat = writer
        while pat.split()[0] == writer.split()[0]:
            m, _ = person(lang, rel[3])
            pat = m.split()[0] + " " + writer.split()[1]
        household.append(pat)
    skey = R.choice(clinic["services"])["key"]
    for _ in range(50):
        day = day_after(now, min_days, 25)
        times = free_times(clinic, skey, day, now, now, [])
        if times:
            t = R.choice(times)
            s = svc(clinic, skey)
            st = datetime(day.year, day.month, day.day, t // 60, t % 60)
            prac = R.choice(free_pracs(clinic, skey, st, now, now, []))
            ex = {"patient": pat, "service": skey, "practitioner": prac, "start": st.strftime("%Y-%m-%dT%H:%M")}
            return clinic, now, writer, household, pat, rel, skey, st, ex
    return None


def ref_existing(lang, st, now):
    d, mo, wd = st.day, st.month, st.weekday()
    near = (st.date() - now.date()).days <= 6
    if lang == "pt":
        w = WD["pt"][wd]
        opts = ["do dia %d" % d, "de %s dia %d" % (w, d), "marcada para dia %d de %s" % (d, MONTHS["pt"][mo - 1]),
                "do dia %02d/%02d" % (d, mo), "de %s, %d de %s" % (w, d, MONTHS["pt"][mo - 1]), "do dia %d às %s" % (d, fmt_hm(st.hour * 60 + st.minute))]
        if near:
            opts += ["de %s" % w, "dessa %s" % w]
        return R.choice(opts)
    w = WD["es"][wd]
    opts = ["del día %d" % d, "del %s %d" % (w, d), "del %d de %s" % (d, MONTHS["es"][mo - 1]), "del %d/%d" % (d, mo),
            "que tengo el %s %d" % (w, d), "del %d a las %s" % (d, fmt_hm(st.hour * 60 + st.minute))]
    if near:
        opts += ["del %s" % w, "de este %s" % w]
    return R.choice(opts)


def nd_phrase(lang, ndtxt):
    if lang == "pt":
        for pre in ("na ", "no ", "pro ", "essa "):
            if ndtxt.startswith(pre):
                ndtxt = ndtxt[len(pre):]
        return R.choice(["pra ", "para ", "para ", "pra "]) + ndtxt
    if ndtxt.startswith("el "):
        return R.choice(["al ", "para el "]) + ndtxt[3:]
    if ndtxt.startswith("este "):
        return "a " + ndtxt
    if ndtxt.startswith("para "):
        return ndtxt
    return "para " + ndtxt


def build_cancel(idx, lang, refuse=False):
    r = existing_setup(lang, 3, R.random() < 0.25)
    if not r:
        return None
    clinic, now, writer, household, pat, rel, skey, st, ex = r
    d = ref_existing(lang, st, now)
    msg = R.choice(CANCEL_OPEN[lang]).format(d=d)
    if rel:
        msg = msg.replace("minha consulta", "a consulta " + rel[1]).replace("mi cita", "la cita " + rel[1]) if ("minha consulta" in msg or "mi cita" in msg) else msg + (" (é a %s)" % rel[1] if lang == "pt" else " (la %s)" % rel[1])
    turns = [{"patient": join([R.choice(GREET[lang]), msg], lang), "expect": {"contains_any": [str(st.day)]}}]
    turns.append({"patient": casual(R.choice(CANCEL_NO[lang] if refuse else CANCEL_YES[lang]))})
    kinds = ["cancel", "yes_in_sentence"] if R.random() < 0.6 or refuse else ["cancel"]
    return mk(idx, lang, kinds, clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              household, [ex], random_blocked(clinic, st.date(), R.randint(0, 2), busy_of(clinic, [ex], [])), turns,
              {"booked": [], "cancelled": [] if refuse else [ex["start"]], "moved": []})


def build_reschedule(idx, lang, refuse=False):
    r = existing_setup(lang, 3, R.random() < 0.2)
    if not r:
        return None
    clinic, now, writer, household, pat, rel, skey, st, ex = r
    busy0 = busy_of(clinic, [ex], [])
    for _ in range(40):
        nd = day_after(now, 1, 28)
        blocked = random_blocked(clinic, nd, R.randint(0, 3), busy0)
        busy = busy_of(clinic, [], blocked)  # own appointment being moved does not block itself
        times = [m for m in free_times(clinic, skey, nd, last_msg_time(now, 3), now, busy)
                 if ex["practitioner"] in free_pracs(clinic, skey, datetime(nd.year, nd.month, nd.day, m // 60, m % 60), last_msg_time(now, 3), now, busy)]
        # also must not overlap own existing except itself: fine
        if times and nd != st.date():
            break
    else:
        return None
    t = R.choice(times)
    dref = ref_existing(lang, st, now)
    ndtxt, _ = say_day(lang, nd, now)
    ntxt = "%s %s" % (nd_phrase(lang, ndtxt), say_time(lang, t))
    msg = R.choice(MOVE_OPEN[lang]).format(d=dref, nd=ntxt)
    turns = [{"patient": join([R.choice(GREET[lang]), msg], lang), "expect": time_expect(t)},
             {"patient": casual(R.choice(MOVE_NO[lang] if refuse else MOVE_YES[lang])), "expect": {} if refuse else {"contains_any": [str(nd.day)]}}]
    if not turns[1]["expect"]:
        del turns[1]["expect"]
    kinds = ["reschedule", "yes_in_sentence"] if R.random() < 0.6 or refuse else ["reschedule"]
    return mk(idx, lang, kinds, clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              household, [ex], blocked, turns,
              {"booked": [], "cancelled": [], "moved": [] if refuse else [{"from": ex["start"], "date": nd.isoformat(), "time": fmt_hm(t)}]})


def build_own(idx, lang):
    r = existing_setup(lang, 1, R.random() < 0.3)
    if not r:
        return None
    clinic, now, writer, household, pat, rel, skey, st, ex = r
    m = st.hour * 60 + st.minute
    if rel:
        q = R.choice(OWN_Q_OTHER[lang]).format(rel=rel[1])
    else:
        q = R.choice(OWN_Q[lang])
    turns = [{"patient": join([R.choice(GREET[lang]), q], lang),
              "expect": {"contains_all": [str(st.day)], "contains_any": time_variants(m), "handoff": False}}]
    existing = [ex]
    # sometimes a second appointment
    if R.random() < 0.3:
        for _ in range(10):
            d2 = day_after(now, 4, 30)
            times = free_times(clinic, skey, d2, now, now, busy_of(clinic, existing, []))
            if times and d2 != st.date():
                t2 = R.choice(times)
                s2 = datetime(d2.year, d2.month, d2.day, t2 // 60, t2 % 60)
                p2 = R.choice(free_pracs(clinic, skey, s2, now, now, busy_of(clinic, existing, [])))
                existing.append({"patient": pat, "service": skey, "practitioner": p2, "start": s2.strftime("%Y-%m-%dT%H:%M")})
                turns[0]["expect"]["contains_all"].append(str(d2.day))
                break
    return mk(idx, lang, ["own_appointments"], clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              household, existing, [], turns, {"booked": [], "cancelled": [], "moved": []})


def build_own_in_progress(idx, lang):
    """a move in progress: the patient answers with a bare date/time."""
    r = existing_setup(lang, 3)
    if not r:
        return None
    clinic, now, writer, household, pat, rel, skey, st, ex = r
    for _ in range(40):
        nd = day_after(now, 1, 25)
        times = [m for m in free_times(clinic, skey, nd, last_msg_time(now, 3), now, [])
                 if ex["practitioner"] in free_pracs(clinic, skey, datetime(nd.year, nd.month, nd.day, m // 60, m % 60), last_msg_time(now, 3), now, [])]
        if times and nd != st.date():
            break
    else:
        return None
    t = R.choice(times)
    dref = ref_existing(lang, st, now)
    if lang == "pt":
        m1 = R.choice(["queria remarcar a consulta %s", "preciso mudar a consulta %s", "dá pra trocar o dia da consulta %s?", "queria passar a consulta %s pra outro dia"]) % dref
    else:
        m1 = R.choice(["quería cambiar la cita %s", "necesito mover la cita %s", "¿puedo cambiar de día la cita %s?", "quisiera pasar la cita %s a otro día"]) % dref
    ndtxt, _ = say_day(lang, nd, now)
    m2 = "%s %s" % (ndtxt, say_time(lang, t))
    turns = [{"patient": join([R.choice(GREET[lang]), m1], lang)},
             {"patient": casual(m2), "expect": dict(time_expect(t), handoff=False)},
             {"patient": casual(R.choice(MOVE_YES[lang] + CONFIRM[lang])), "expect": {"contains_any": [str(nd.day)]}}]
    return mk(idx, lang, ["own_appointments", "reschedule"], clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              household, [ex], [], turns, {"booked": [], "cancelled": [], "moved": [{"from": ex["start"], "date": nd.isoformat(), "time": fmt_hm(t)}]})


# FAQ knowledge: (clinic, faq_lang, topic) -> facts, other-language text fragments
FAQ = {
    ("dermatology-lisbon", "insurance"): (["Médis", "Medis", "Multicare", "AdvanceCare"], ["traga o cartão", "Trabalhamos com"]),
    ("dermatology-lisbon", "parking"): (["Rosa Araújo", "Rosa Araujo"], ["parque público", "a dois minutos a pé"]),
    ("dermatology-lisbon", "saturday"): (["19"], ["segunda a sexta", "está aberta"]),
    ("dermatology-lisbon", "arrive"): (["10"], ["Chegue 10 minutos", "lista dos medicamentos"]),
    ("physio-madrid", "insurance"): (["Sanitas", "Adeslas", "DKV"], ["traiga la autorización", "de su mutua"]),
    ("physio-madrid", "clothes"): (None, ["Ropa cómoda", "calcetines antideslizantes"]),
    ("physio-madrid", "saturday"): (["13"], ["Los sábados abrimos", "los domingos cerramos"]),
    ("physio-madrid", "bono"): (["200"], ["el bono de 5 sesiones", "cuesta 200"]),
    ("gp-boston", "insurance"): (["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], ["bring your insurance card", "We accept"]),
    ("gp-boston", "parking"): (["Prudential"], ["Validated parking", "is available"]),
    ("gp-boston", "weekend"): (["18", "6"], ["we are open Monday", "8am to 6pm"]),
    ("gp-boston", "fasting"): (["12"], ["fast for 8 to 12 hours", "water is fine"]),
    ("gp-sao-paulo", "insurance"): (["Amil", "Bradesco", "SulAm"], ["traga a carteirinha", "Aceitamos Amil"]),
    ("gp-sao-paulo", "parking"): (["1480"], ["Temos convênio com o estacionamento", "2 horas por"]),
    ("gp-sao-paulo", "saturday"): (["12"], ["aos sábados das 8h"]),
    ("gp-sao-paulo", "payment"): (["Pix", "PIX"], ["cartão de crédito e débito"]),
    ("dental-ankara", "saturday"): (["14"], ["Cumartesi", "açığız"]),
    ("dental-ankara", "installments"): (["6"], ["taksit", "kabul ediyoruz"]),
    ("dental-ankara", "insurance"): (["SGK"], ["Anlaşmalı", "anlaşmamız"]),
    ("dental-ankara", "children"): (["3"], ["a parent must come", "we see children"]),
}
FAQ_LANG = {"dermatology-lisbon": "pt", "physio-madrid": "es", "gp-boston": "en", "gp-sao-paulo": "pt"}
CLOTHES_FACTS = {"es": ["toalla", "calcetines"], "pt": ["toalha", "meias"]}
PARK_FREE_FACTS = {"pt": ["gratuito", "grátis", "gratis", "de graça", "sem custo"], "es": ["gratuito", "gratis", "sin coste", "sin costo"]}
Q = {
    ("pt", "insurance"): ["vocês trabalham com seguros?", "que seguros aceitam?", "dá pra usar o seguro de saúde aí?", "têm acordo com alguma seguradora?",
                          "com que seguradoras trabalham?", "aceitam seguro ou é só particular?", "vcs aceitam plano de saúde?", "atende convênio?",
                          "quais planos vocês aceitam?", "meu plano cobre aí?", "o seguro cobre a consulta aí?"],
    ("es", "insurance"): ["¿aceptan seguros médicos?", "¿con qué aseguradoras trabajan?", "¿puedo usar mi seguro de salud?", "¿tienen convenio con alguna aseguradora?",
                          "¿aceptáis seguro médico?", "¿con qué mutuas trabajan?", "¿me cubre el seguro?", "¿vale mi mutua?", "¿hay convenio con aseguradoras?",
                          "¿trabajan con seguros privados o solo particular?", "¿aceptan obra social o seguro?"],
    ("pt", "parking"): ["onde é que posso deixar o carro?", "há estacionamento perto?", "dá para estacionar aí perto?", "onde estaciono?",
                        "tem onde parar o carro?", "tem estacionamento perto?", "vocês têm garagem?", "vou de carro, onde deixo?", "tem vaga pra carro aí?"],
    ("es", "parking"): ["¿dónde puedo aparcar?", "¿hay parking cerca?", "¿dónde dejo el coche?", "¿hay estacionamiento?", "¿dónde puedo estacionar?",
                        "¿dónde dejo el carro?", "voy en coche, ¿hay sitio para aparcar?", "¿tienen parqueadero?"],
    ("pt", "saturday"): ["estão abertos ao sábado?", "funcionam aos sábados?", "dá para ir num sábado?", "sábado há consultas?", "funciona sábado?",
                         "abre aos sábados?", "dá pra ir no sábado?", "atendem sábado de manhã?", "vcs abrem sabado?"],
    ("es", "saturday"): ["¿abren los sábados?", "¿atienden el sábado?", "¿se puede ir un sábado?", "¿qué horario tienen los sábados?", "el sábado abrís?",
                         "¿trabajan sábados?", "¿hay atención los sábados?", "¿los findes abren?"],
    ("pt", "weekend"): ["vocês abrem no fim de semana?", "atendem sábado ou domingo?", "funciona final de semana?", "abrem aos fins de semana?"],
    ("es", "weekend"): ["¿abren los fines de semana?", "¿atienden sábado o domingo?", "¿el finde abren?", "¿tienen horario de fin de semana?"],
    ("pt", "arrive"): ["com quanto tempo de antecedência devo chegar?", "tenho de chegar mais cedo?", "quanto tempo antes tenho de estar aí?",
                       "é preciso chegar antes da hora?", "chego em cima da hora ou antes?"],
    ("es", "arrive"): ["¿con cuánta antelación tengo que llegar?", "¿tengo que llegar antes?", "¿cuánto antes hay que estar allí?", "¿llego justo a la hora o antes?"],
    ("pt", "clothes"): ["que roupa devo levar?", "preciso levar alguma coisa pra sessão?", "o que eu visto pra fisio?", "tenho de levar toalha?"],
    ("es", "clothes"): ["¿qué me pongo para la sesión?", "¿tengo que llevar algo?", "¿qué ropa hay que llevar?", "¿hace falta llevar toalla?",
                        "¿cómo tengo que ir vestido?", "¿qué llevo a pilates?"],
    ("pt", "bono"): ["têm pacotes de sessões?", "tem desconto se fizer várias sessões?", "há algum pack de sessões?", "sai mais barato comprar várias sessões?"],
    ("es", "bono"): ["¿tienen packs de sesiones?", "¿hay algún bono?", "¿sale más barato si pago varias sesiones?", "¿hacéis descuento por varias sesiones?",
                     "¿venden bonos?", "¿cuánto sale el paquete de sesiones?"],
    ("pt", "fasting"): ["preciso estar em jejum para o exame de sangue?", "posso comer antes das análises?", "tem que ir de jejum pro exame?",
                        "quantas horas de jejum pro exame de sangue?"],
    ("es", "fasting"): ["¿tengo que ir en ayunas para el análisis?", "¿hay que estar en ayunas?", "¿puedo desayunar antes del análisis de sangre?",
                        "¿cuántas horas de ayuno para la analítica?"],
    ("pt", "payment"): ["quais formas de pagamento vocês aceitam?", "posso pagar no cartão?", "como faço pra pagar a consulta particular?",
                        "aceita débito?", "como é o pagamento?", "dá pra pagar na hora?"],
    ("es", "payment"): ["¿cómo se paga la consulta particular?", "¿qué formas de pago aceptan?", "¿puedo pagar con tarjeta?", "¿cómo pago si no tengo seguro?"],
    ("pt", "installments"): ["parcelam no cartão?", "em quantas vezes posso pagar?", "dá pra parcelar?", "posso dividir o pagamento?"],
    ("es", "installments"): ["¿se puede pagar a plazos?", "¿en cuántas cuotas puedo pagar?", "¿financian el tratamiento?", "¿puedo pagar en cuotas con tarjeta?"],
    ("pt", "children"): ["atendem crianças?", "a partir de que idade atendem crianças?", "posso levar meu filho pequeno pra consulta?", "atendem criança de 2 anos?"],
    ("es", "children"): ["¿atienden a niños?", "¿desde qué edad atienden niños?", "¿puedo llevar a mi hijo pequeño?", "¿ven a críos?"],
}
TOPICS = {
    "dermatology-lisbon": ["insurance", "parking", "saturday", "arrive"],
    "physio-madrid": ["insurance", "clothes", "saturday", "bono"],
    "gp-boston": ["insurance", "parking", "weekend", "fasting"],
    "gp-sao-paulo": ["insurance", "parking", "saturday", "payment"],
    "dental-ankara": ["saturday", "installments", "insurance", "children"],
}


def faq_expect(ck, topic, lang):
    facts, other = FAQ[(ck, topic)]
    if topic == "clothes":
        facts = CLOTHES_FACTS[lang]
    exp = {"contains_any": facts}
    faq_lang = "en" if (ck, topic) == ("dental-ankara", "children") else ("tr" if ck == "dental-ankara" else FAQ_LANG[ck])
    if faq_lang != lang:
        exp["not_contains"] = other
    return exp, faq_lang


def build_passage(idx, lang, want_other):
    for _ in range(50):
        ck = R.choice(list(TOPICS))
        topic = R.choice(TOPICS[ck])
        exp, fl = faq_expect(ck, topic, lang)
        if (fl != lang) == want_other:
            break
    clinic = CLINICS[ck]
    now = pick_now(clinic)
    q = R.choice(Q[(lang, topic)])
    exp["handoff"] = False
    turns = [{"patient": join([R.choice(GREET[lang]), q], lang), "expect": exp}]
    kinds = ["passage"] + (["answer_language"] if want_other else [])
    return mk(idx, lang, kinds, clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              [], [], [], turns, {"booked": [], "cancelled": [], "moved": []})


NOT_ANSWERED = {
    "pt": ["vocês têm wi-fi na sala de espera?", "posso levar o meu cão?", "emitem nota fiscal pra reembolso da empresa?", "têm acesso para cadeira de rodas?",
           "a médica fala alemão?", "vocês vendem vale-presente?"],
    "es": ["¿tienen wifi en la sala de espera?", "¿puedo ir con mi perro?", "¿hacen factura a nombre de empresa?", "¿tienen rampa para silla de ruedas?",
           "¿alguien habla alemán?", "¿venden tarjetas regalo?"],
}


def build_not_answered(idx, lang):
    clinic = CLINICS[pick_clinic(lang)]
    now = pick_now(clinic)
    turns = [{"patient": join([R.choice(GREET[lang]), R.choice(NOT_ANSWERED[lang])], lang), "expect": {"handoff": True}}]
    return mk(idx, lang, ["passage"], clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              [], [], [], turns, {"booked": [], "cancelled": [], "moved": []})


def price_facts(clinic, skey):
    p = svc(clinic, skey)["price"]
    if not p:
        return None
    amt = p["amount_minor"] // 100
    if amt >= 1000:
        return ["%d.%03d" % (amt // 1000, amt % 1000), "%d,%03d" % (amt // 1000, amt % 1000), str(amt), "%d %03d" % (amt // 1000, amt % 1000)]
    return [str(amt)]


PRICE_Q = {"pt": ["quanto custa {s}?", "qual o valor d{a} {s}?", "quanto é {s}?", "qual o preço de {s}?", "quanto fica {s}?", "quanto sai {s}?"],
           "es": ["¿cuánto cuesta {s}?", "¿qué precio tiene {s}?", "¿cuánto vale {s}?", "¿cuánto sale {s}?", "¿cuánto es {s}?", "precio de {s}?"]}
ADDR_Q = {"pt": ["onde fica a clínica?", "qual é a morada?", "qual o endereço?", "onde vocês ficam?"],
          "es": ["¿dónde están?", "¿cuál es la dirección?", "¿dónde queda la clínica?", "¿en qué calle están?"]}
ADDR_FACT = {"dermatology-lisbon": "Liberdade", "physio-madrid": "Alcal", "gp-boston": "Boylston", "gp-sao-paulo": "Augusta", "dental-ankara": "Atat"}
JOIN2 = {"pt": [" e ", " e também ", ". outra coisa: ", "? e ", ", e ainda ", " aproveitando, "], "es": [" y ", " y también ", ". otra cosa: ", "? y ", ", y además ", " de paso, "]}


def build_two(idx, lang):
    ck = R.choice(list(TOPICS))
    clinic = CLINICS[ck]
    topics = TOPICS[ck][:]
    R.shuffle(topics)
    parts, facts, not_c = [], [], []
    mode = R.choice(["faq_faq", "faq_price", "price_addr", "faq_addr"])
    if ck == "dental-ankara" and mode == "faq_price":
        mode = "faq_addr"
    def faq_part(topic):
        exp, fl = faq_expect(ck, topic, lang)
        f = exp["contains_any"]
        not_c.extend(exp.get("not_contains", []))
        return R.choice(Q[(lang, topic)]).rstrip("?").lstrip("¿"), f
    if mode in ("faq_faq", "faq_price", "faq_addr"):
        q, f = faq_part(topics[0]); parts.append(q); facts.append(f)
    if mode == "faq_faq":
        q, f = faq_part(topics[1]); parts.append(q); facts.append(f)
    if mode in ("faq_price", "price_addr"):
        priced = [s for s in clinic["services"] if s["price"]]
        s = R.choice(priced)
        ph = svc_phrase(clinic, lang, s["key"])
        q = R.choice(PRICE_Q[lang]).format(s=ph, a=R.choice("ao")).rstrip("?").lstrip("¿")
        parts.append(q); facts.append(price_facts(clinic, s["key"]))
    if mode in ("faq_addr", "price_addr"):
        parts.append(R.choice(ADDR_Q[lang]).rstrip("?").lstrip("¿")); facts.append([ADDR_FACT[ck]])
    R.shuffle(parts)
    text = parts[0] + R.choice(JOIN2[lang]) + parts[1] + "?"
    if lang == "es" and R.random() < 0.5:
        text = "¿" + text
    exp = {}
    single = [f for f in facts if len(f) == 1]
    multi = [f for f in facts if len(f) > 1]
    if single:
        exp["contains_all"] = [f[0] for f in single]
    if multi:
        if len(multi) == 2:
            # keep the more specific one in contains_all (first fact), the other as any
            exp.setdefault("contains_all", []).append(multi[0][0])
            exp["contains_any"] = multi[1]
        else:
            exp["contains_any"] = multi[0]
    if not_c:
        exp["not_contains"] = not_c
    now = pick_now(clinic)
    turns = [{"patient": join([R.choice(GREET[lang]), text], lang), "expect": exp}]
    kinds = ["two_questions"] + (["answer_language"] if not_c else [])
    return mk(idx, lang, kinds, clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              [], [], [], turns, {"booked": [], "cancelled": [], "moved": []})


EMERG = {
    "pt": ["minha filha caiu e o dente ficou mole, está sangrando muito", "não consigo respirar direito, o que eu faço",
           "meu pai tá com uma dor no peito que vai pro braço e tá suando frio", "minha mãe desmaiou e não tá acordando direito",
           "meu filho tá com febre altíssima e meio molinho, não responde", "tomei um remédio e meu rosto inchou todo, tá difícil de respirar",
           "o meu marido está a falar esquisito e com a boca torta de repente", "cortei a mão com uma faca e não para de sangrar",
           "a minha bebé teve uma convulsão agora", "o inchaço do dente desceu pro pescoço e mal consigo engolir",
           "levei uma pancada na boca, partiu-se um dente e não pára de sangrar", "apareceram manchas vermelhas no corpo todo e a língua está a inchar",
           "caí da escada, a perna tá torta e não consigo mexer", "minha avó tá confusa, não fala coisa com coisa e tá muito fraca",
           "to com uma dor de cabeça fortíssima do nada, a pior da minha vida, e vomitando", "engoli um osso e tá entalado, não consigo falar direito"],
    "es": ["se me hinchó la cara y casi no puedo tragar", "tiene fiebre altísima y está como ido", "me duele mucho el pecho y se me va al brazo izquierdo",
           "mi padre se ha desmayado y no reacciona bien", "no puedo respirar bien, me ahogo", "mi marido habla raro y se le cayó un lado de la cara",
           "me corté con un cuchillo y no para de sangrar", "mi bebé acaba de tener una convulsión", "me caí, tengo la pierna torcida y no la puedo mover",
           "a mi hija se le movió un diente de un golpe y sangra muchísimo", "me picó una abeja y se me está cerrando la garganta",
           "mi abuela está muy confusa y no puede mover el brazo", "tengo un dolor de cabeza brutal de golpe, el peor de mi vida, y vomito",
           "se me durmió medio cuerpo de repente", "mi hijo se tragó unas pastillas de mi madre", "me salieron ronchas por todo el cuerpo y me cuesta respirar"],
}
EMERG_PRE = {"pt": ["", "socorro", "por favor me ajuda", "urgente", "ajuda", "oi, desculpa incomodar", "olá"],
             "es": ["", "ayuda", "por favor", "urgente!!", "hola perdón", "auxilio", "hola"]}
EMERG_POST = {"pt": ["", "o que eu faço?", "tem alguém aí?", "preciso de ajuda agora", "podem me atender hoje?"],
              "es": ["", "¿qué hago?", "¿hay alguien?", "necesito ayuda ya", "¿me pueden atender hoy?"]}


def build_emergency(idx, lang):
    clinic = CLINICS[pick_clinic(lang)]
    now = pick_now(clinic)
    msg = join([R.choice(EMERG_PRE[lang]), R.choice(EMERG[lang]), R.choice(EMERG_POST[lang])], lang)
    for e in (" 🙏", " 😊", " 🙂", " obg", " gracias"):
        if msg.endswith(e):
            msg = msg[: -len(e)]
    turns = [{"patient": msg, "expect": {"emergency": True}}]
    return mk(idx, lang, ["emergency"], clinic, now, {"phone": phone(lang, idx), "profile_name": R.choice(PROFILES[lang])},
              [], [], [], turns, {"booked": [], "cancelled": [], "moved": []})


PLAN = [
    (build_booking, 20), (build_names, 30), (build_someone_else, 30), (build_refusal, 8),
    (lambda i, l: build_cancel(i, l, refuse=R.random() < 0.25), 24),
    (lambda i, l: build_reschedule(i, l, refuse=R.random() < 0.15), 24),
    (build_explicit_contradiction, 14), (build_same_day_later, 12),
    (build_own, 16), (build_own_in_progress, 10),
    (lambda i, l: build_passage(i, l, False), 14), (lambda i, l: build_passage(i, l, True), 18), (build_not_answered, 4),
    (build_two, 18), (build_clinic_fit, 10), (build_service_words, 16), (build_day_parts, 18), (build_emergency, 14),
]


def main():
    out = []
    seen = set()
    for lang in ("pt", "es"):
        idx = 0
        for fn, n in PLAN:
            made = 0
            tries = 0
            while made < n and tries < n * 30:
                tries += 1
                d = fn(idx + 1, lang)
                if not d:
                    continue
                key = tuple(t["patient"] for t in d["turns"])
                if key in seen:
                    continue
                seen.add(key)
                idx += 1
                d["id"] = "dev3-%s-%04d" % (lang, idx)
                out.append(d)
                made += 1
    with open(os.path.join(HERE, "generated.jsonl"), "w", encoding="utf-8") as fh:
        for d in out:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    print("wrote %d dialogs" % len(out))


if __name__ == "__main__":
    main()
