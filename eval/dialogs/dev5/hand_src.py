#!/usr/bin/env python3
"""dev5 hand-written dialogs: 80 conversations typed one by one (20 per language).

Every message below was written by hand, in wordings the generator does not use.  The
fixtures (now, household, existing, blocked) and the expected calendars were chosen by hand
too; this script only writes them out as hand.jsonl and re-checks with generate.verify()
that every booked or moved time is really free.  Helpers used here:
  tv("HH:MM")  - the spellings of a clock time a reply may use (10:30, 10h30, 10.30, 10:30 am ...)
  nc(clinic, topic) - fragments of that clinic's FAQ text, which a reply in another
                      language must not paste.
"""
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import generate as G  # noqa: E402  (clinics, time spellings, verification)


def tv(hhmm):
    h, m = hhmm.split(":")
    return G.tv(dt.datetime(2027, 1, 11, int(h), int(m)))


def nc(ck, topic):
    return list(G.FAQ[(ck, topic)][3])


def E(all_=(), any_=(), no=(), **kw):
    return G.mkexpect(all_, any_, no, **kw)


def P(text, expect=None):
    t = {"patient": text}
    if expect:
        t["expect"] = expect
    return t


def ex(patient, service, practitioner, start):
    return {"patient": patient, "service": service, "practitioner": practitioner, "start": start}


def bl(practitioner, service, start):
    return {"practitioner": practitioner, "service": service, "start": start}


def bk(patient, service, date, time, practitioner=None):
    return {"patient": patient, "service": service, "practitioner": practitioner, "date": date, "time": time}


def mv(frm, date, time):
    return {"from": frm, "date": date, "time": time}


ROWS = []


def D(L, kinds, clinic, now, phone, profile, household, turns, existing=(), blocked=(), booked=(), cancelled=(),
      moved=()):
    n = sum(1 for r in ROWS if r["language"] == L) + 1
    ROWS.append({
        "id": "dev5-hand-%s-%02d" % (L, n),
        "language": L,
        "kinds": kinds,
        "clinic": clinic,
        "now": now,
        "contact": {"phone": phone, "profile_name": profile},
        "household": [{"name": h} for h in household],
        "existing": list(existing),
        "blocked": list(blocked),
        "turns": turns,
        "final": {"booked": list(booked), "cancelled": list(cancelled), "moved": list(moved)},
    })


# ======================================================================================
# English
# ======================================================================================

D("en", ["answer_language", "passage"], "physio-madrid", "2027-01-18T21:12", "+447700900101", "Tash 🏃‍♀️", [],
  [P("Hey! First time coming to you guys, my running coach sent me. Is there anything I should bring or wear for the session?",
     E(any_=G.CLOTH_STEMS, no=nc("physio-madrid", "clothes")))])

D("en", ["answer_language", "passage"], "dermatology-lisbon", "2027-02-02T08:05", "+447700900102", None, ["Oliver Grant"],
  [P("Quick one - does the clinic work with Multicare? I'm covered through my employer over here",
     E(all_=["Multicare"], no=nc("dermatology-lisbon", "insurance")))])

D("en", ["answer_language", "passage"], "dental-ankara", "2027-02-24T13:40", "+447700900103", "Rob", [],
  [P("hello, I'm in Ankara for work all week so weekdays are impossible. Can I come on a Saturday and until what time?",
     E(all_=["10"], any_=G.CLOSE[14], no=nc("dental-ankara", "saturday")))])

D("en", ["answer_language", "passage"], "gp-sao-paulo", "2027-01-27T17:22", "+5511900000104", "Jess in SP", ["Jessica Moore"],
  [P("Hi there, American living in São Paulo here 🙂 how do people usually pay for a private consultation with you?",
     E(all_=["Pix"], no=nc("gp-sao-paulo", "payment_general")))])

D("en", ["passage"], "gp-boston", "2027-03-01T07:55", "+16175550105", None, ["Kenneth Lowe"],
  [P("my insurance is through Harvard Pilgrim - is that one you take or do I need to pay out of pocket?",
     E(all_=["Harvard"]))])

D("en", ["passage"], "gp-boston", "2027-02-08T22:31", "+16175550106", "Deb", ["Deborah Kline"],
  [P("doc ordered fasting bloodwork for my cholesterol. how many hrs with no food before?? can I at least have water",
     E(all_=["8", "12"]))])

D("en", ["passage"], "dental-ankara", "2027-01-21T10:10", "+447700900107", "Mummy of 2", ["Claire Dunn"],
  [P("my twins are 2 and a half, are they too young for you or what's the minimum age?",
     E(all_=["3"]))])

D("en", ["two_questions", "passage"], "gp-boston", "2027-01-13T12:15", "+16175550108", None, ["Marcus Hill"],
  [P("Two things: is there somewhere to park near you, and how much is a flu shot if I pay myself?",
     E(all_=["Prudential", "40"]))])

D("en", ["two_questions", "booking", "answer_language"], "dermatology-lisbon", "2027-02-15T10:02", "+447700900109", "R.",
  ["Rachel Gordon"],
  [P("Morning! Could I get a mole check on Thursday the 18th at 2:20pm? And how early do I need to be there beforehand?",
     E(all_=["10"], any_=tv("14:20"), no=nc("dermatology-lisbon", "arrival"))),
   P("lovely, yes please book it")],
  blocked=[bl("emily", "mole_check", "2027-02-18T14:00"), bl("ines", "consult", "2027-02-18T15:00")],
  booked=[bk("Rachel Gordon", "mole_check", "2027-02-18", "14:20")])

D("en", ["two_questions", "own_appointments", "answer_language"], "dental-ankara", "2027-02-12T18:30", "+447700900110",
  "Tom B", ["Tom Baker"],
  [P("what day did I book my cleaning for again?? and are you open saturdays in case I need to move it",
     E(all_=["10"], any_=tv("11:00"), no=nc("dental-ankara", "saturday")))],
  existing=[ex("Tom Baker", "cleaning", "hakan", "2027-02-17T11:00")])

D("en", ["own_appointments"], "gp-boston", "2027-02-26T19:04", "+16175550111", "Laura B",
  ["Laura Bennett", "Max Bennett"],
  [P("is Max's shot this week or next? can't for the life of me remember what time either",
     E(any_=tv("15:30")))],
  existing=[ex("Max Bennett", "vaccine", "nurse", "2027-03-03T15:30"), ex("Laura Bennett", "consult", "sarah", "2027-03-05T09:00")])

D("en", ["own_appointments"], "dermatology-lisbon", "2027-01-20T12:00", "+447700900112", None, ["Kevin Doyle"],
  [P("I think I've got two things booked with you, when's the laser one?",
     E(any_=tv("16:00")))],
  existing=[ex("Kevin Doyle", "consult", "emily", "2027-01-26T10:40"), ex("Kevin Doyle", "laser", "rita", "2027-02-05T16:00")])

D("en", ["someone_else", "booking"], "physio-madrid", "2027-01-25T09:00", "+447700900113", "Sandra", ["Sandra Cole"],
  [P("Hi, I'd like to get my husband in for a sports massage, he's got a half marathon coming up. Friday 29th January, 6pm "
     "if you've got it. His name's Mark Cole", E(any_=tv("18:00"))),
   P("yes perfect, thanks", E(any_=["Mark"]))],
  blocked=[bl("pablo", "session", "2027-01-29T16:00")],
  booked=[bk("Mark Cole", "massage", "2027-01-29", "18:00")])

D("en", ["someone_else", "names", "booking"], "gp-boston", "2027-02-24T16:45", "+16175550114", "Di", ["Diane Foster"],
  [P("can I make a physical for my dad? Tuesday March 2 at 9:00am. he's 71 and hasn't been in years", E(any_=["name"])),
   P("Robert Foster", E(any_=tv("09:00"))),
   P("great, go ahead", E(any_=["Robert"]))],
  booked=[bk("Robert Foster", "physical", "2027-03-02", "09:00")])

D("en", ["names", "booking"], "gp-sao-paulo", "2027-02-01T14:00", "+5511900000115", "Sunshine ☀️", [],
  [P("Hello, do you have a general consultation on Saturday Feb 6 at 9:30? I only speak English, hope that's ok",
     E(any_=["name"])),
   P("sure - Caroline Webb", E(any_=tv("09:30"))),
   P("yes")],
  booked=[bk("Caroline Webb", "consult", "2027-02-06", "09:30")])

D("en", ["yes_in_sentence", "cancel"], "dental-ankara", "2027-03-01T09:00", "+447700900116", None, ["Gary Holt"],
  [P("Hi, I need to cancel the filling on the 8th, sorry for the short-ish notice", E(any_=tv("10:00"))),
   P("yes go ahead and cancel it, I'll rebook when I'm back in town")],
  existing=[ex("Gary Holt", "filling", "selin", "2027-03-08T10:00")],
  cancelled=["2027-03-08T10:00"])

D("en", ["explicit_dates", "booking"], "gp-boston", "2027-03-02T08:30", "+16175550117", "N", ["Nina Alvarez"],
  [P("Could I come in for a general consultation Wednesday 3/17 at 11:15am?", E(any_=tv("11:15"))),
   P("yes that's great")],
  blocked=[bl("sarah", "consult", "2027-03-17T11:00"), bl("priya", "physical", "2027-03-17T10:00")],
  booked=[bk("Nina Alvarez", "consult", "2027-03-17", "11:15")])

D("en", ["cancel"], "physio-madrid", "2027-02-04T20:00", "+447700900118", "Owen 🏉", ["Owen Price"],
  [P("evening - I won't be able to make pilates on the 10th, can you take me off the list?", E(any_=tv("10:00"))),
   P("yes please")],
  existing=[ex("Owen Price", "pilates", "carmen", "2027-02-10T10:00")],
  cancelled=["2027-02-10T10:00"])

D("en", ["reschedule"], "dermatology-lisbon", "2027-02-16T10:00", "+447700900119", None, ["Hannah Scott"],
  [P("Something came up on Monday the 22nd - could we push my consult to Wednesday the 24th, 3pm?", E(any_=tv("15:00"))),
   P("yes that works")],
  existing=[ex("Hannah Scott", "consult", "ines", "2027-02-22T11:00")],
  moved=[mv("2027-02-22T11:00", "2027-02-24", "15:00")])

D("en", ["emergency"], "dental-ankara", "2027-01-30T23:10", "+447700900120", "Becky", ["Rebecca Hart"],
  [P("my husband bit down and half his molar cracked off, now his cheek is blowing up and he's got 39.5 fever and shaking",
     {"emergency": True})])

# ======================================================================================
# Turkish
# ======================================================================================

D("tr", ["answer_language", "passage"], "gp-boston", "2027-01-19T09:20", "+16175550201", "Seda", ["Seda Önal"],
  [P("Merhaba, Boston'da yaşıyorum. Medicare kartımla sizde muayene olabiliyor muyum?",
     E(all_=["Medicare"], no=nc("gp-boston", "insurance")))])

D("tr", ["answer_language", "passage"], "physio-madrid", "2027-02-03T18:45", "+34600000202", None, [],
  [P("iyi günler, hafta içi işten çıkamıyorum. cumartesi sabah seans yapabiliyor muyuz, kaçta kapanıyorsunuz?",
     E(all_=["9"], any_=G.CLOSE[13], no=nc("physio-madrid", "saturday")))])

D("tr", ["answer_language", "passage"], "dermatology-lisbon", "2027-03-02T11:30", "+905300000203", "Ozan", ["Ozan Bilgin"],
  [P("merhabalar, arabayla geleceğiz. kliniğin kendi otoparkı var mı yoksa yakında park edecek bir yer mi var?",
     E(all_=["Rosa"], no=nc("dermatology-lisbon", "parking")))])

D("tr", ["answer_language", "passage"], "gp-sao-paulo", "2027-02-11T15:05", "+5511900000204", "Melis ✈️", [],
  [P("selam, birkaç aylığına São Paulo'dayım. SulAmérica sigortam var, sizde geçer mi?",
     E(all_=["SulAmerica"], no=nc("gp-sao-paulo", "insurance")))])

D("tr", ["passage"], "dental-ankara", "2027-01-28T20:40", "+905300000205", None, ["Hakan Yurt"],
  [P("diş tedavisini kredi kartına bölebiliyor muyuz? kaç aya kadar oluyor", E(any_=G.SIX))])

D("tr", ["passage"], "dental-ankara", "2027-02-16T12:12", "+905300000206", "Nurcan", ["Nurcan Ateş"],
  [P("SGK'm var ama özel muayenehaneye gelsem geçerli olur mu, yoksa cepten mi ödüyorum", E(all_=["SGK"]))])

D("tr", ["passage"], "dental-ankara", "2027-03-04T19:50", "+905300000207", None, [],
  [P("slm pazar günü de açık mısınız acaba, hafta içi hiç gelemiyorum", E(any_=["pazar"]))])

D("tr", ["two_questions", "passage"], "dental-ankara", "2027-01-15T14:25", "+905300000208", "Emine", ["Emine Sarı"],
  [P("kanal tedavisi ne kadar tutuyor? bir de SGK geçiyor mu sizde",
     E(all_=["SGK"], any_=["6.000", "6000", "6,000", "6 000"]))])

D("tr", ["two_questions", "booking", "answer_language"], "gp-boston", "2027-01-25T15:00", "+16175550209", None, ["Selim Aksu"],
  [P("Perşembe 28 Ocak sabah 9:30'a kan tahlili için randevu alabilir miyim? Aç mı gelmem lazım?",
     E(all_=["8", "12"], any_=tv("09:30"), no=nc("gp-boston", "fasting"))),
   P("evet, onaylıyorum")],
  blocked=[bl("nurse", "blood", "2027-01-28T09:15"), bl("nurse", "vaccine", "2027-01-28T09:45")],
  booked=[bk("Selim Aksu", "blood", "2027-01-28", "09:30")])

D("tr", ["two_questions", "own_appointments", "answer_language"], "dermatology-lisbon", "2027-02-05T11:00", "+905300000210",
  "Derya K.", ["Derya Kılıç"],
  [P("randevum hangi gündü? bir de kaç dakika erken gelmem gerekiyor, kayıt falan var mı",
     E(all_=["10"], any_=tv("09:40"), no=nc("dermatology-lisbon", "arrival")))],
  existing=[ex("Derya Kılıç", "acne", "ines", "2027-02-11T09:40")])

D("tr", ["own_appointments"], "dental-ankara", "2027-01-22T20:00", "+905300000211", "Hülya", ["Hülya Taş", "Mert Taş"],
  [P("Mert'in kontrolü cumartesi miydi, saat kaçtaydı hatırlamıyorum", E(any_=tv("11:30")))],
  existing=[ex("Mert Taş", "checkup", "selin", "2027-01-30T11:30"), ex("Hülya Taş", "cleaning", "hakan", "2027-01-26T14:00")])

D("tr", ["own_appointments"], "physio-madrid", "2027-02-10T13:00", "+34600000212", None, ["Tolga Erdem"],
  [P("önümüzdeki pazartesi randevum var mıydı? saatini unuttum", E(any_=tv("19:00")))],
  existing=[ex("Tolga Erdem", "session", "pablo", "2027-02-15T19:00"), ex("Tolga Erdem", "massage", "lucia", "2027-02-24T09:00")])

D("tr", ["someone_else", "booking"], "dental-ankara", "2027-01-27T10:00", "+905300000213", "Ayten", ["Ayten Korkmaz"],
  [P("Oğlum Kuzey Korkmaz için diş kontrolü lazım, 7 yaşında. 3 Şubat Çarşamba 15:30 olur mu?", E(any_=tv("15:30"))),
   P("evet lütfen, Kuzey adına kaydedin", E(any_=["Kuzey"]))],
  blocked=[bl("selin", "filling", "2027-02-03T14:00")],
  booked=[bk("Kuzey Korkmaz", "checkup", "2027-02-03", "15:30")])

D("tr", ["someone_else", "booking"], "gp-sao-paulo", "2027-02-10T09:00", "+5511900000214", "Gökhan", ["Gökhan Şimşek", "Leyla Şimşek"],
  [P("eşim Leyla için kardiyoloji muayenesi istiyorum, 16 şubat salı saat 10:30 müsait mi", E(any_=tv("10:30"))),
   P("evet", E(any_=["Leyla"]))],
  booked=[bk("Leyla Şimşek", "cardio", "2027-02-16", "10:30")])

D("tr", ["names", "booking"], "physio-madrid", "2027-02-15T20:30", "+34600000215", "🦋", [],
  [P("iyi akşamlar, ilk değerlendirme için randevu almak istiyorum. 22 şubat pazartesi 10:15 uygun mu?", E(any_=G.NAME_WORDS["tr"])),
   P("Ad soyad: Nazlı Ekinci", E(any_=tv("10:15"))),
   P("evet, tamamdır")],
  booked=[bk("Nazlı Ekinci", "assessment", "2027-02-22", "10:15")])

D("tr", ["yes_in_sentence", "booking"], "gp-boston", "2027-03-03T16:00", "+16175550216", "Cem", ["Cem Yavuz"],
  [P("reçete yenileme için 9 mart salı 11:45 uygun mu", E(any_=tv("11:45"))),
   P("tamam o zaman onaylayın lütfen, o saatte geliyorum")],
  booked=[bk("Cem Yavuz", "telehealth", "2027-03-09", "11:45")])

D("tr", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-03-01T10:00", "+905300000217", "Pelin", ["Pelin Aslan"],
  [P("16 Mart Pazartesi 16:40 için ben kontrolü randevusu alabilir miyim?"),
   P("pardon, 16 Mart Salı demek istedim, tarih doğru", E(any_=tv("16:40"))),
   P("evet")],
  booked=[bk("Pelin Aslan", "mole_check", "2027-03-16", "16:40")])

D("tr", ["cancel"], "gp-sao-paulo", "2027-02-17T12:00", "+5511900000218", None, ["Berk Aydemir", "Ela Aydemir"],
  [P("kızımın 24 şubattaki çocuk doktoru randevusunu iptal etmemiz gerekiyor", E(any_=tv("09:00"))),
   P("evet iptal edin")],
  existing=[ex("Ela Aydemir", "pediatrics", "mariana", "2027-02-24T09:00")],
  cancelled=["2027-02-24T09:00"])

D("tr", ["reschedule"], "gp-boston", "2027-01-29T10:00", "+16175550219", "Onur", ["Onur Çetin"],
  [P("4 şubat perşembe randevumu bir sonraki pazartesiye, 8 şubat saat 10:45'e alabilir miyiz?", E(any_=tv("10:45"))),
   P("evet değiştirin")],
  existing=[ex("Onur Çetin", "consult", "carlos", "2027-02-04T16:00")],
  moved=[mv("2027-02-04T16:00", "2027-02-08", "10:45")])

D("tr", ["emergency"], "gp-boston", "2027-02-21T08:14", "+16175550220", "Esra", ["Esra Kaplan"],
  [P("annem birden konuşamaz oldu, yüzünün bir tarafı kaydı, ne yapmalıyım", {"emergency": True})])

# ======================================================================================
# Portuguese (European and Brazilian)
# ======================================================================================

D("pt", ["answer_language", "passage"], "dental-ankara", "2027-02-05T16:20", "+351910000301", "Rita Férias 🏖️", [],
  [P("Boa tarde, estou de férias em Ancara e queria ir aí tratar de um dente. Vocês funcionam ao sábado? Até que horas?",
     E(all_=["10"], any_=G.CLOSE[14], no=nc("dental-ankara", "saturday")))])

D("pt", ["answer_language", "passage"], "physio-madrid", "2027-01-12T09:45", "+351910000302", None, ["Nuno Lacerda"],
  [P("olá! vou começar fisioterapia convosco. o meu seguro é a DKV, é aceite?",
     E(all_=["DKV"], no=nc("physio-madrid", "insurance")))])

D("pt", ["answer_language", "passage"], "gp-boston", "2027-03-05T12:00", "+16175550303", "Dani", ["Daniela Brito"],
  [P("Oi, tudo bem? Tem estacionamento aí perto da clínica? Vou de carro com minha mãe, ela anda pouco",
     E(all_=["Prudential"], no=nc("gp-boston", "parking")))])

D("pt", ["answer_language", "passage"], "dental-ankara", "2027-01-26T10:30", "+351910000304", "Mãe da Carolina", [],
  [P("Olá! A minha filha tem 2 anos e meio, já pode ter consulta de dentista convosco?",
     E(all_=["3"], no=nc("dental-ankara", "children")))])

D("pt", ["passage"], "dermatology-lisbon", "2027-02-18T08:50", "+351910000305", None, ["Adelaide Couto"],
  [P("Bom dia, é a minha primeira vez na Pele Viva, preciso de levar alguma coisa? tomo vários medicamentos",
     E(any_=G.MED_STEMS))])

D("pt", ["passage"], "gp-sao-paulo", "2027-01-20T13:13", "+5511900000306", "Rê", ["Regina Matos"],
  [P("vcs atendem pelo Bradesco Saúde ou só particular?", E(all_=["Bradesco"]))])

D("pt", ["passage"], "gp-sao-paulo", "2027-02-25T19:30", "+5511900000307", None, [],
  [P("Oi! Sábado de manhã tem médico atendendo? até q horas?", E(all_=["8"], any_=G.CLOSE[12]))])

D("pt", ["two_questions", "passage"], "dermatology-lisbon", "2027-03-08T14:00", "+351910000308", "Zé Manel", ["José Manuel Dias"],
  [P("Quanto é a consulta de dermatologia? E aceitam a Médis?", E(all_=["80", "Medis"]))])

D("pt", ["two_questions", "booking"], "gp-sao-paulo", "2027-02-08T09:00", "+5511900000309", "Renata D", ["Renata Duarte"],
  [P("Queria agendar um eletro pra quinta dia 11 às 14h. Ah, e posso pagar no pix?", E(all_=["Pix"], any_=tv("14:00"))),
   P("sim, pode agendar")],
  blocked=[bl("tiago", "cardio", "2027-02-11T13:30")],
  booked=[bk("Renata Duarte", "ecg", "2027-02-11", "14:00")])

D("pt", ["two_questions", "own_appointments", "answer_language"], "physio-madrid", "2027-02-25T18:00", "+351910000310", None,
  ["Fábio Moreira"],
  [P("Olá! Confirma-me a que horas é a minha sessão de terça? E vocês abrem ao sábado, caso precise de mudar?",
     E(all_=["9"], any_=tv("09:15"), no=nc("physio-madrid", "saturday")))],
  existing=[ex("Fábio Moreira", "session", "lucia", "2027-03-02T09:15")])

D("pt", ["own_appointments"], "dermatology-lisbon", "2027-01-19T09:00", "+351910000311", "Marta", ["Marta Lopes", "Tomás Lopes"],
  [P("Bom dia! A consulta das borbulhas do Tomás é a que horas? Não encontro a mensagem", E(any_=tv("15:00")))],
  existing=[ex("Tomás Lopes", "acne", "joao", "2027-01-25T15:00"), ex("Marta Lopes", "consult", "ines", "2027-01-27T10:00")])

D("pt", ["own_appointments"], "gp-sao-paulo", "2027-02-22T20:00", "+5511900000312", "Paty", ["Patrícia Nogueira"],
  [P("boa noite, eu tenho consulta marcada semana que vem né? que dia e que horas?", E(any_=tv("08:30")))],
  existing=[ex("Patrícia Nogueira", "consult", "beatriz", "2027-03-04T08:30")])

D("pt", ["someone_else", "booking"], "gp-sao-paulo", "2027-02-15T10:00", "+5511900000313", "Cláudia", ["Cláudia Ramos"],
  [P("Preciso marcar pediatra pro meu filho Enzo Ramos, ele tá com tosse há uns dias. Sexta, 19 de fevereiro, 14h30 dá?",
     E(any_=tv("14:30"))),
   P("sim, pode marcar pro Enzo", E(any_=["Enzo"]))],
  blocked=[bl("mariana", "pediatrics", "2027-02-19T14:00")],
  booked=[bk("Enzo Ramos", "pediatrics", "2027-02-19", "14:30")])

D("pt", ["someone_else", "booking"], "dermatology-lisbon", "2027-03-03T10:00", "+351910000314", "Sérgio", ["Sérgio Pinto"],
  [P("Queria marcar um rastreio de sinais para terça, 9 de março, às 11h", E(any_=tv("11:00"))),
   P("Ah, esqueci-me de dizer: a consulta não é para mim, é para a minha mulher, Cristina Pinto"),
   P("sim", E(any_=["Cristina"]))],
  booked=[bk("Cristina Pinto", "mole_check", "2027-03-09", "11:00")])

D("pt", ["names", "booking"], "dental-ankara", "2027-02-01T12:00", "+351910000315", "Bia 🌺", [],
  [P("Olá, estou em Ancara a trabalhar e preciso de uma limpeza. Há vaga na sexta 5 de fevereiro às 16h? O meu nome é "
     "Beatriz Gouveia", E(any_=tv("16:00"))),
   P("sim")],
  booked=[bk("Beatriz Gouveia", "cleaning", "2027-02-05", "16:00")])

D("pt", ["yes_in_sentence", "cancel"], "gp-sao-paulo", "2027-02-16T11:00", "+5511900000316", "Lu", ["Lúcia Prado"],
  [P("preciso desmarcar meu check-up do dia 23, surgiu uma viagem", E(any_=tv("15:00"))),
   P("isso, pode cancelar sim, obrigada")],
  existing=[ex("Lúcia Prado", "checkup", "rafael", "2027-02-23T15:00")],
  cancelled=["2027-02-23T15:00"])

D("pt", ["explicit_dates", "booking"], "physio-madrid", "2027-03-05T16:00", "+351910000317", None, ["Raquel Vieira"],
  [P("Boa tarde, têm vaga para uma massagem desportiva na quarta-feira, 17/03, às 17h30?", E(any_=tv("17:30"))),
   P("sim, pode reservar")],
  blocked=[bl("pablo", "session", "2027-03-17T16:30")],
  booked=[bk("Raquel Vieira", "massage", "2027-03-17", "17:30")])

D("pt", ["cancel"], "gp-boston", "2027-01-22T14:00", "+16175550318", "Edu", ["Eduardo Faria"],
  [P("olá, não vou conseguir ir ao check-up anual de sexta, dia 29. podem cancelar?", E(any_=tv("10:00"))),
   P("sim")],
  existing=[ex("Eduardo Faria", "physical", "priya", "2027-01-29T10:00")],
  cancelled=["2027-01-29T10:00"])

D("pt", ["reschedule"], "dental-ankara", "2027-02-09T09:00", "+351910000319", None, ["Vera Campos"],
  [P("Olá, dava para trocar a obturação de segunda, dia 15, para quarta dia 17 às 11h?", E(any_=tv("11:00"))),
   P("sim, troque por favor")],
  existing=[ex("Vera Campos", "filling", "ana", "2027-02-15T10:00")],
  moved=[mv("2027-02-15T10:00", "2027-02-17", "11:00")])

D("pt", ["emergency"], "dermatology-lisbon", "2027-03-06T15:40", "+351910000320", "Carla", ["Carla Neves"],
  [P("a minha filha foi picada por uma abelha no jardim e está com a cara muito inchada e a respirar com dificuldade",
     {"emergency": True})])

# ======================================================================================
# Spanish (Spain and Latin America)
# ======================================================================================

D("es", ["answer_language", "passage"], "dermatology-lisbon", "2027-01-14T17:00", "+34600000401", "Alba", [],
  [P("Hola! Voy a ir a la consulta en Lisboa, ¿tienen parking propio o dónde puedo dejar el coche?",
     E(all_=["Rosa"], no=nc("dermatology-lisbon", "parking")))])

D("es", ["answer_language", "passage"], "gp-boston", "2027-02-19T10:10", "+16175550402", None, ["Gustavo Paredes"],
  [P("buenas, tengo Tufts Health Plan, ¿me lo aceptan en la clínica?",
     E(all_=["Tufts"], no=nc("gp-boston", "insurance")))])

D("es", ["answer_language", "passage"], "gp-sao-paulo", "2027-03-03T08:05", "+5491100000403", "Caro", [],
  [P("hola, estoy de viaje en São Paulo, ¿abren el sábado por la mañana? ¿hasta qué hora?",
     E(all_=["8"], any_=G.CLOSE[12], no=nc("gp-sao-paulo", "saturday")))])

D("es", ["answer_language", "passage"], "dental-ankara", "2027-02-20T11:45", "+34600000404", "Jordi", ["Jordi Puig"],
  [P("Hola, ¿tenéis aparcamiento? voy en coche de alquiler y no conozco la zona",
     E(any_=G.PARK_STEMS, no=nc("dental-ankara", "parking")))])

D("es", ["passage"], "physio-madrid", "2027-01-29T13:30", "+34600000405", None, ["Elena Crespo"],
  [P("oye, para el pilates qué tengo que llevar? calcetines especiales o algo?", E(any_=["calcet", "toalla", "ropa"]))])

D("es", ["passage"], "physio-madrid", "2027-02-02T09:00", "+34600000406", "Rubén", ["Rubén Gallardo"],
  [P("hola! tengo Adeslas por la empresa, os vale o tengo que pagar yo?", E(all_=["Adeslas"]))])

D("es", ["passage"], "physio-madrid", "2027-03-01T22:05", "+34600000407", None, [],
  [P("el finde abrís? es que entre semana curro hasta tarde", E(all_=["9"], any_=G.CLOSE[13]))])

D("es", ["two_questions", "passage"], "physio-madrid", "2027-01-11T16:20", "+34600000408", "Pepa", [],
  [P("¿Cuánto cuesta la primera valoración? ¿Y trabajáis con Sanitas?", E(all_=["50", "Sanitas"]))])

D("es", ["two_questions", "booking", "answer_language"], "gp-boston", "2027-03-08T11:00", "+16175550409", "Gaby", ["Gabriela Ortiz"],
  [P("Quisiera una cita para análisis de sangre el jueves 11 a las 8:15 de la mañana, y ¿debo ir en ayunas?",
     E(all_=["8", "12"], any_=tv("08:15"), no=nc("gp-boston", "fasting"))),
   P("sí, confírmela")],
  booked=[bk("Gabriela Ortiz", "blood", "2027-03-11", "08:15")])

D("es", ["two_questions", "own_appointments", "answer_language"], "dental-ankara", "2027-01-14T10:00", "+34600000410", None,
  ["Rocío Ferrer"],
  [P("hola, ¿me dices a qué hora es mi revisión del miércoles? y otra cosa, ¿atendéis a niños? mi hijo tiene 5 años",
     E(all_=["3"], any_=tv("12:30"), no=nc("dental-ankara", "children")))],
  existing=[ex("Rocío Ferrer", "checkup", "ana", "2027-01-20T12:30")])

D("es", ["own_appointments"], "physio-madrid", "2027-02-12T19:00", "+34600000411", "Nacho", ["Ignacio Vega", "Lola Vega"],
  [P("¿A qué hora le tocaba el pilates a Lola? creo que era el viernes pero no me acuerdo", E(any_=tv("17:00")))],
  existing=[ex("Lola Vega", "pilates", "carmen", "2027-02-19T17:00"), ex("Ignacio Vega", "session", "lucia", "2027-02-18T09:00")])

D("es", ["own_appointments"], "gp-sao-paulo", "2027-02-03T08:00", "+5491100000412", "Tini", ["Martina Acosta"],
  [P("buen día, ¿tengo turno la semana próxima? no encuentro el mail", E(any_=tv("17:30")))],
  existing=[ex("Martina Acosta", "consult", "rafael", "2027-02-09T17:30")])

D("es", ["someone_else", "booking"], "gp-boston", "2027-02-16T12:00", "+5215500000413", "Vero", ["Verónica Salas"],
  [P("Necesito vacunar a mi hija Ana Sofía Salas (la antigripal), ¿puede ser el lunes 22 de febrero a las 3:30 de la tarde?",
     E(any_=tv("15:30"))),
   P("sí, resérvela a nombre de ella", E(any_=["Ana"]))],
  booked=[bk("Ana Sofía Salas", "vaccine", "2027-02-22", "15:30")])

D("es", ["someone_else", "names", "booking"], "physio-madrid", "2027-02-24T10:00", "+34600000414", "Paco", ["Francisco Ibáñez"],
  [P("quiero pedir una valoración inicial para mi madre, tiene artrosis de rodilla. El martes 2 de marzo a las 11, ¿hay hueco?",
     E(any_=["nombre"])),
   P("Se llama Rosario Ibáñez Gil", E(any_=tv("11:00"))),
   P("perfecto, sí", E(any_=["Rosario"]))],
  blocked=[bl("lucia", "session", "2027-03-02T11:00")],
  booked=[bk("Rosario Ibáñez Gil", "assessment", "2027-03-02", "11:00")])

D("es", ["names", "booking"], "dermatology-lisbon", "2027-02-05T09:00", "+34600000415", "Pau", [],
  [P("Buenas! Soy Paula Navarro, ¿podría pedir cita para una consulta de dermatología el viernes 12 de febrero a las 10:20?",
     E(any_=tv("10:20"))),
   P("sí, por favor")],
  booked=[bk("Paula Navarro", "consult", "2027-02-12", "10:20")])

D("es", ["yes_in_sentence", "booking"], "physio-madrid", "2027-02-09T18:00", "+34600000416", "Alberto", ["Alberto Campos"],
  [P("¿me reservas un masaje deportivo para mañana a las 10?", E(any_=tv("10:00"))),
   P("uy no, mejor no me lo reserves todavía, que tengo que mirar el trabajo")])

D("es", ["explicit_dates", "booking"], "gp-sao-paulo", "2027-02-12T15:00", "+5491100000417", "Lore", ["Lorena Paz"],
  [P("¿Hay turno con el cardiólogo el martes 23/2 a las 9?", E(any_=tv("09:00"))),
   P("sí, dale")],
  booked=[bk("Lorena Paz", "cardio", "2027-02-23", "09:00")])

D("es", ["cancel"], "dermatology-lisbon", "2027-03-04T10:00", "+34600000418", None, ["Esteban Ruiz"],
  [P("hola, tengo que anular la depilación del jueves 11, me surgió un viaje", E(any_=tv("12:00"))),
   P("sí, anúlala")],
  existing=[ex("Esteban Ruiz", "laser", "rita", "2027-03-11T12:00")],
  cancelled=["2027-03-11T12:00"])

D("es", ["reschedule"], "physio-madrid", "2027-01-14T12:00", "+34600000419", "Marisol", ["Marisol Díaz"],
  [P("¿Me podéis cambiar la sesión del miércoles 20 al jueves 21 a la misma hora?", E(any_=tv("19:00"))),
   P("sí, cámbiela")],
  existing=[ex("Marisol Díaz", "session", "pablo", "2027-01-20T19:00")],
  moved=[mv("2027-01-20T19:00", "2027-01-21", "19:00")])

D("es", ["emergency"], "gp-sao-paulo", "2027-02-27T21:30", "+5491100000420", None, ["Teresa Luna"],
  [P("mi marido se ha desmayado en la cocina y no responde bien, respira raro", {"emergency": True})])


def main():
    for r in ROWS:
        G.verify(r)
    path = os.path.join(HERE, "hand.jsonl")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in ROWS:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote", path, len(ROWS), "dialogs")
    if "--stats" in sys.argv:
        G.stats(ROWS)


if __name__ == "__main__":
    main()
