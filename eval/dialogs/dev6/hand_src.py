#!/usr/bin/env python3
"""dev6 hand-written dialogs: 80 conversations (20 per language) typed one by one, with wordings
generate.py does not use (times in words, "quarter past nine", "nueve menos cuarto", "dez e vinte",
"üç buçuk", "Whitfield. Amara Whitfield", "Adım Serkan, soyadım Aksoy", "a misma hora", ...).

Writes hand.jsonl. Every dialog is checked with generate.verify() (free times computed from
clinics.json under the FORMAT.md rules) before it is written.
    python3 hand_src.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate as g  # noqa: E402


def T(hhmm, nc=None):
    e = g.exp_time(g.hm(hhmm))
    if nc:
        e["not_contains"] = list(nc)
    return e


def N(lang, nc=None):
    e = g.exp_name(lang)
    if nc:
        e["not_contains"] = list(nc)
    return e


def F(first):
    return g.exp_first(first)


E = {"emergency": True}
FIT = g.WRONG_FIT
DIALOGS = []
PHONES = {"dental-ankara": "+90533", "dermatology-lisbon": "+351913", "physio-madrid": "+34613",
          "gp-boston": "+1617556", "gp-sao-paulo": "+551198"}


def H(num, lang, kinds, clinic, now, turns, booked=(), cancelled=(), moved=(), household=(), existing=(),
      blocked=(), profile=None):
    did = "dev6-%s-h%02d" % (lang, num)
    d = {
        "id": did,
        "language": lang,
        "kinds": list(kinds),
        "clinic": clinic,
        "now": now,
        "contact": {"phone": PHONES[clinic] + "%07d" % (len(DIALOGS) * 7919 % 10 ** 7), "profile_name": profile},
        "household": [{"name": n} for n in household],
        "existing": [dict(zip(("patient", "service", "practitioner", "start"), e)) for e in existing],
        "blocked": [dict(zip(("practitioner", "service", "start"), b)) for b in blocked],
        "turns": [],
        "final": {"booked": [], "cancelled": list(cancelled), "moved": []},
    }
    for t in turns:
        if isinstance(t, str):
            d["turns"].append({"patient": t})
        else:
            d["turns"].append({"patient": t[0], "expect": t[1]})
    for b in booked:
        patient, svc, day, when = b
        x = {"patient": patient, "service": svc, "practitioner": None, "date": day}
        if isinstance(when, tuple):
            x["window"] = list(when)
        else:
            x["time"] = when
        d["final"]["booked"].append(x)
    for m in moved:
        d["final"]["moved"].append({"from": m[0], "date": m[1], "time": m[2]})
    DIALOGS.append(d)


# =============================================================================================
# English
# =============================================================================================
H(1, "en", ["names", "explicit_dates", "yes_in_sentence", "service_words", "booking"], "gp-boston", "2027-02-24T08:40",
  [("hey there, Ruth Okonkwo-Adeyemi speaking – could you squeeze me in for a flu jab at quarter past nine on Friday 5 March?", T("09:15")),
   "yes — that's grand, pencil me in"],
  booked=[("Ruth Okonkwo-Adeyemi", "vaccine", "2027-03-05", "09:15")], profile="Dad 👨‍👧")
H(2, "en", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-03-08T12:00",
  [("need to get my teeth cleaned — Tuesday 16 March, 2pm works best for me", N("en", ["Gordon Blake"])),
   ("oh right, Whitfield. Amara Whitfield.", T("14:00", ["Gordon Blake"])),
   ("lovely, that suits, pop it in the diary please", {"not_contains": ["Gordon Blake"]})],
  booked=[("Amara Whitfield", "cleaning", "2027-03-16", "14:00")], profile="Gordon Blake")
H(3, "en", ["names", "explicit_dates", "booking"], "dermatology-lisbon", "2027-03-25T19:00",
  [("can i book a mole check for the 2nd of april, 10:20? name is tom o'reilly", T("10:20")),
   "yes pls"],
  booked=[("tom o'reilly", "mole_check", "2027-04-02", "10:20")])
H(4, "en", ["names", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-04-05T10:00",
  [("Hello, is it possible to get a GP appointment on Wednesday the 14th of April at 11:45?", N("en")),
   ("Yes", N("en")),
   "Sorry! Dmitri Volkov",
   "yes, confirm it please"],
  booked=[("Dmitri Volkov", "consult", "2027-04-14", "11:45")], profile="🦉")
H(5, "en", ["someone_else", "explicit_dates", "booking"], "gp-boston", "2027-04-12T09:00",
  [("My lad needs his annual physical — Tobi Adeyemi, he's 16 — could he come in Thursday 22 April at 8:45?", T("08:45")),
   ("yes please do", F("Tobi"))],
  booked=[("Tobi Adeyemi", "physical", "2027-04-22", "08:45")], household=["Grace Adeyemi"], profile="GA 🌺")
H(6, "en", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-08T14:00",
  [("I'd like to bring my nan in to see the dermatologist, Monday 19 April, 3pm", N("en")),
   ("Her name's Margaret Walsh, she's 84", T("15:00")),
   ("yes go on then", F("Margaret"))],
  booked=[("Margaret Walsh", "consult", "2027-04-19", "15:00")], household=["Kieran Walsh"])
H(7, "en", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-04-01T18:00",
  [("Could I get a sports massage Saturday 10 April at 10:00?", T("10:00")),
   ("Ah wait — the massage is actually for my partner, not me", N("en")),
   "Sophie Grant",
   ("yep, confirm it for her", F("Sophie"))],
  booked=[("Sophie Grant", "massage", "2027-04-10", "10:00")], household=["Oliver Grant"])
H(8, "en", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-01T16:00",
  [("Lily's due her vaccination, any chance of Monday 8 March at 13:30?", T("13:30")),
   ("great stuff, go ahead", F("Lily"))],
  booked=[("Lily Carter", "vaccine", "2027-03-08", "13:30")], household=["Helen Carter", "George Carter", "Lily Carter"])
H(9, "en", ["explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-20T09:00",
  [("Could I have an acne appointment on Friday 7th May at twenty to eleven?", T("10:40")),
   "cheers, that's the one — book it"],
  booked=[("Nadia Petrov", "acne", "2027-05-07", "10:40")], household=["Nadia Petrov"])
H(10, "en", ["explicit_dates", "booking"], "dental-ankara", "2027-04-14T11:00",
  ["Can I book a cleaning for Tuesday 29 April at 10?",
   ("Sorry, typo — I meant Thursday, the 29th, 10am", T("10:00")),
   "that's right, yes"],
  booked=[("Callum Reid", "cleaning", "2027-04-29", "10:00")], household=["Callum Reid"])
H(11, "en", ["explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-10T15:00",
  [("blood test on 18/03 please, 9am", T("09:00")),
   ("actually an hour later on that same day would suit me better", T("10:00")),
   "yes that's fine, book it"],
  booked=[("Rebecca Lowe", "blood", "2027-03-18", "10:00")], household=["Rebecca Lowe"])
H(12, "en", ["explicit_dates", "reschedule", "yes_in_sentence"], "physio-madrid", "2027-04-05T12:00",
  [("Could you push my physio from Tuesday 13th April to the following Wednesday, the 21st, at 17:15?", T("17:15")),
   "brilliant, yes, swap it over"],
  moved=[("2027-04-13T17:15", "2027-04-21", "17:15")], household=["Samir Haddad"],
  existing=[("Samir Haddad", "session", "pablo", "2027-04-13T17:15")])
H(13, "en", ["yes_in_sentence", "cancel", "explicit_dates"], "gp-sao-paulo", "2027-03-22T10:00",
  ["Hi, I won't make the check-up on Friday the 26th, can you take it off?",
   "yes, that one — scrap it please"],
  cancelled=["2027-03-26T15:00"], household=["Noel Fraser"],
  existing=[("Noel Fraser", "checkup", "rafael", "2027-03-26T15:00"), ("Noel Fraser", "consult", "beatriz", "2027-04-02T09:00")])
H(14, "en", ["yes_in_sentence", "explicit_dates", "booking"], "dental-ankara", "2027-02-15T10:00",
  [("Have you got anything for a filling on Wed 24 Feb at 11:30?", T("11:30")),
   "hmm, on second thoughts I'll leave it for now, thanks"],
  household=["Iris Bell"])
H(15, "en", ["yes_in_sentence", "reschedule", "explicit_dates"], "dermatology-lisbon", "2027-03-03T10:00",
  [("Can my laser session on Monday 15 March move to Thursday 18 March at 16:00?", T("16:00")),
   "Actually, scratch that — keep it where it is"],
  household=["Martha Quinn"], existing=[("Martha Quinn", "laser", "rita", "2027-03-15T11:00")])
H(16, "en", ["emergency"], "gp-boston", "2027-01-20T21:10",
  [("my 2 year old got into my blood pressure pills, she swallowed a few and now shes really sleepy and floppy", E)],
  household=["Paula Young"])
H(17, "en", ["emergency"], "physio-madrid", "2027-02-02T18:30",
  [("husband collapsed on the treadmill at home, hes breathing weird and wont wake up properly!!!", E)],
  profile="Jo 🏃")
H(18, "en", ["service_words", "explicit_dates", "booking"], "gp-boston", "2027-03-04T12:00",
  [("Need to get my bloods done, Thursday 11 March, 8:15 if you can", T("08:15")),
   "ta, go ahead"],
  booked=[("Owen Price", "blood", "2027-03-11", "08:15")], household=["Owen Price"])
H(19, "en", ["day_parts", "explicit_dates", "booking"], "gp-boston", "2027-03-19T09:00",
  ["Any afternoon slots on Friday 26 March for a GP visit?",
   "the earliest one is fine",
   "lovely, yes"],
  booked=[("Ava Morgan", "consult", "2027-03-26", ("12:00", "17:59"))], household=["Ava Morgan"])
H(20, "en", ["clinic_fit", "explicit_dates", "booking"], "dermatology-lisbon", "2027-04-06T16:00",
  [("Is it normal for a mole to itch a bit? Should I put something on it?", {"not_contains": FIT["dermatology"]}),
   ("ok, in that case can I get a mole check on Tuesday 13 April at 9:40?", T("09:40", FIT["dermatology"])),
   "yes, thank you"],
  booked=[("Leo Marsh", "mole_check", "2027-04-13", "09:40")], household=["Leo Marsh"])

# =============================================================================================
# Turkish
# =============================================================================================
H(1, "tr", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-03-15T13:00",
  [("Selam, ben Ayşegül Karakaya. Dolgu yaptırmam lazım, 23 Mart Salı sabah 9'a yazabilir misiniz?", T("09:00")),
   "harika, öyle kalsın, kaydedin"],
  booked=[("Ayşegül Karakaya", "filling", "2027-03-23", "09:00")], profile="Gül 🌹")
H(2, "tr", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-03-29T19:30",
  [("iyi akşamlar, 6 Nisan'da öğleden sonra üç buçukta kontrole gelebilir miyim?", N("tr", ["Hatice Yurt"])),
   ("Cem Yurt diye kaydedin", T("15:30", ["Hatice Yurt"])),
   ("olur, ayırın o zaman", {"not_contains": ["Hatice Yurt"]})],
  booked=[("Cem Yurt", "checkup", "2027-04-06", "15:30")], profile="Hatice Yurt")
H(3, "tr", ["names", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-22T09:00",
  [("kan tahlili için randevu istiyorum, 30 Mart Salı sabah 8 buçukta", N("tr")),
   ("Evet", N("tr")),
   "Adım Serkan, soyadım Aksoy",
   "evet, kaydedin"],
  booked=[("Serkan Aksoy", "blood", "2027-03-30", "08:30")])
H(4, "tr", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-05T11:00",
  [("ben zeynep nur aydemir, 12 nisan pazartesi saat 17:00 icin cilt doktoruna randevu lazim", T("17:00")),
   "tamam tesekkurler, onayliyorum"],
  booked=[("zeynep nur aydemir", "consult", "2027-04-12", "17:00")], profile="🌙")
H(5, "tr", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-04-05T10:00",
  [("Oğlum 7 yaşında, diş kontrolü lazım. 14 Nisan Çarşamba 16:00 olur mu? Adı Kuzey Taş", T("16:00")),
   ("evet, onu ayarlayalım", F("Kuzey"))],
  booked=[("Kuzey Taş", "checkup", "2027-04-14", "16:00")], household=["Melike Taş"])
H(6, "tr", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-sao-paulo", "2027-03-16T12:00",
  [("Babam için kardiyoloji randevusu almak istiyorum, 25 Mart Perşembe saat 10'a", N("tr")),
   ("Babamın adı Rıza Güler", T("10:00")),
   ("evet, babam adına onaylıyorum", F("Rıza"))],
  booked=[("Rıza Güler", "cardio", "2027-03-25", "10:00")], household=["Nilay Güler"])
H(7, "tr", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-10T17:00",
  [("Ece'ye 19 Mart Cuma 11:00'e aşı randevusu lazım", T("11:00")),
   ("evet, ayarlayın", F("Ece"))],
  booked=[("Ece Acar", "vaccine", "2027-03-19", "11:00")], household=["Levent Acar", "Derya Acar", "Ece Acar"])
H(8, "tr", ["someone_else", "booking"], "physio-madrid", "2027-04-07T09:00",
  [("yarın 10:30'a masaj randevusu alabilir miyim?", T("10:30")),
   "aa pardon, bu randevu eşim Tuba Ekinci için olacak",
   ("evet onaylıyorum", F("Tuba"))],
  booked=[("Tuba Ekinci", "massage", "2027-04-08", "10:30")], household=["Volkan Ekinci"])
H(9, "tr", ["explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-04-12T10:00",
  [("28 Nisan Çarşamba öğlen 12'de ilk değerlendirme için yer var mı?", T("12:00")),
   "süper, kaydı yapalım"],
  booked=[("Gizem Oral", "assessment", "2027-04-28", "12:00")], household=["Gizem Oral"])
H(10, "tr", ["explicit_dates", "booking"], "dental-ankara", "2027-04-05T15:00",
  ["15 Nisan Cuma 14:00'e muayene randevusu istiyorum",
   ("Pardon, Perşembe; 15 Nisan doğru, saat yine 14:00", T("14:00")),
   "evet, doğru"],
  booked=[("Sinan Kaplan", "checkup", "2027-04-15", "14:00")], household=["Sinan Kaplan"])
H(11, "tr", ["explicit_dates", "booking"], "gp-sao-paulo", "2027-03-24T10:00",
  [("1 Nisan Perşembe 9'da EKG çektirmek istiyorum", T("09:00")),
   ("aynı gün öğleden sonra olsa? 14:00 gibi", T("14:00")),
   "evet o olsun"],
  booked=[("Berk Şen", "ecg", "2027-04-01", "14:00")], household=["Berk Şen"])
H(12, "tr", ["explicit_dates", "reschedule", "yes_in_sentence"], "dental-ankara", "2027-03-22T10:00",
  [("30 Mart'taki temizlik randevumu 6 Nisan Salı'ya, saat 11'e alabilir miyiz?", T("11:00")),
   "evet, taşıyabilirsiniz"],
  moved=[("2027-03-30T10:00", "2027-04-06", "11:00")], household=["Pınar Uslu"],
  existing=[("Pınar Uslu", "cleaning", "hakan", "2027-03-30T10:00")])
H(13, "tr", ["yes_in_sentence", "explicit_dates", "booking"], "dermatology-lisbon", "2027-02-22T10:00",
  [("3 Mart Çarşamba 15:20'de akne tedavisi için uygun musunuz?", T("15:20")),
   "olur, o saat bana uyar, kesinleştirin"],
  booked=[("Onur Bilgin", "acne", "2027-03-03", "15:20")], household=["Onur Bilgin"])
H(14, "tr", ["yes_in_sentence", "cancel", "explicit_dates"], "gp-boston", "2027-04-01T09:00",
  ["8 Nisan'daki check-up randevuma gelemeyeceğim",
   "evet, iptal edilsin lütfen"],
  cancelled=["2027-04-08T09:00"], household=["Hande Yücel"],
  existing=[("Hande Yücel", "physical", "sarah", "2027-04-08T09:00")])
H(15, "tr", ["yes_in_sentence", "reschedule", "explicit_dates"], "physio-madrid", "2027-03-01T12:00",
  [("9 Mart'taki seansımı 11 Mart Perşembe 12:00'ye çekebilir miyiz?", T("12:00")),
   "yok yok, dokunmayın, öyle kalsın"],
  household=["Emrah Sezer"], existing=[("Emrah Sezer", "session", "lucia", "2027-03-09T09:00")])
H(16, "tr", ["emergency"], "dental-ankara", "2027-02-10T20:15",
  [("dişim çekildi ama kanama durmuyo ağzım kan doldu ne yapcam", E)], profile="Kaptan")
H(17, "tr", ["emergency"], "gp-sao-paulo", "2027-03-05T07:30",
  [("annem nefes alamiyo dudaklari morarmis 70 yasinda yardim", E)], household=["Hülya Koral"])
H(18, "tr", ["service_words", "explicit_dates", "booking"], "dental-ankara", "2027-03-31T11:00",
  ["diş beyazlatma yapıyor musunuz? fiyatı nedir?",
   ("tamam, o zaman 9 Nisan Cuma 10:00'da diş taşı temizliği yaptırayım", T("10:00")),
   "tamam, evet"],
  booked=[("Seda Aral", "cleaning", "2027-04-09", "10:00")], household=["Seda Aral"])
H(19, "tr", ["day_parts", "explicit_dates", "booking"], "physio-madrid", "2027-03-10T14:00",
  ["18 Mart Perşembe akşam saatlerinde fizyoterapi seansı olur mu?",
   "en erken olanı alayım",
   "evet, uygun"],
  booked=[("Kaan Erim", "session", "2027-03-18", ("17:00", "23:59"))], household=["Kaan Erim"])
H(20, "tr", ["cancel", "yes_in_sentence"], "gp-sao-paulo", "2027-04-12T08:00",
  ["Cuma günkü randevuma gelemeyeceğim, iptal rica ediyorum",
   "evet eminim"],
  cancelled=["2027-04-16T14:00"], household=["Tuncay Bal"], existing=[("Tuncay Bal", "consult", "rafael", "2027-04-16T14:00")])

# =============================================================================================
# Portuguese (Portugal and Brazil)
# =============================================================================================
H(1, "pt", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-03-29T15:00",
  [("Boa tarde, fala a Maria do Carmo Figueiredo. Queria uma consulta de dermatologia para dia 7 de abril, quarta, às 11h40.", T("11:40")),
   "Sim, pode ficar marcada"],
  booked=[("Maria do Carmo Figueiredo", "consult", "2027-04-07", "11:40")], profile="Carminho")
H(2, "pt", ["names", "yes_in_sentence", "booking"], "gp-sao-paulo", "2027-03-10T10:00",
  [("oi! quero agendar uma consulta com clínico geral quinta que vem, dia 18, às 14h", N("pt")),
   ("pode colocar Josiane Pacheco", T("14:00")),
   "show, pode confirmar"],
  booked=[("Josiane Pacheco", "consult", "2027-03-18", "14:00")], profile="Tia Cida 🌻")
H(3, "pt", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-03-17T09:00",
  [("Bom dia, era para marcar uma limpeza para sexta, 26 de março, às 9h", N("pt")),
   ("Sim", N("pt")),
   "Desculpe — Rui Patrício Valente",
   "confirmo, obrigado"],
  booked=[("Rui Patrício Valente", "cleaning", "2027-03-26", "09:00")])
H(4, "pt", ["names", "explicit_dates", "yes_in_sentence", "booking"], "gp-sao-paulo", "2027-03-15T20:30",
  [("boa noite! sou a leticia rangel, preciso de um eletro pra terça dia 23 as 10 e meia", T("10:30")),
   "pode sim, confirma"],
  booked=[("leticia rangel", "ecg", "2027-03-23", "10:30")], profile="Lelê")
H(5, "pt", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-sao-paulo", "2027-04-01T09:00",
  [("Queria marcar pediatra pro meu filho Enzo, 3 aninhos — Enzo Barros Rocha — na segunda 12/04 às 9h", T("09:00")),
   ("isso, fechado", F("Enzo"))],
  booked=[("Enzo Barros Rocha", "pediatrics", "2027-04-12", "09:00")], household=["Priscila Barros"])
H(6, "pt", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-05T10:00",
  [("Queria marcar um rastreio de sinais para o meu marido, quinta 15 de abril às 10h", N("pt")),
   ("Jorge Alberto Pimentel, é o meu marido", T("10:00")),
   ("Pode marcar, sim", F("Jorge"))],
  booked=[("Jorge Alberto Pimentel", "mole_check", "2027-04-15", "10:00")], household=["Teresa Pimentel"])
H(7, "pt", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-02T11:00",
  [("Era para marcar a vacina da gripe à Filipa, dia 9 de março às 15h", T("15:00")),
   ("sim, é isso", F("Filipa"))],
  booked=[("Filipa Nóbrega", "vaccine", "2027-03-09", "15:00")], household=["Ricardo Nóbrega", "Rosa Nóbrega", "Filipa Nóbrega"])
H(8, "pt", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-04-08T19:00",
  [("Tem vaga para massagem desportiva na sexta 16 de abril às 18h?", T("18:00")),
   "Ah, esqueci de dizer: é para o meu irmão, Bruno Falcão",
   ("sim, confirmo", F("Bruno"))],
  booked=[("Bruno Falcão", "massage", "2027-04-16", "18:00")], household=["Diana Falcão"])
H(9, "pt", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-04-19T10:00",
  [("Bom dia. Para segunda, 3 de maio, tinham vaga às dez e vinte para acne?", T("10:20")),
   "Ótimo, fica essa"],
  booked=[("Nuno Barreto", "acne", "2027-05-03", "10:20")], household=["Nuno Barreto"])
H(10, "pt", ["explicit_dates", "booking"], "gp-sao-paulo", "2027-04-09T12:00",
  ["Oi, dá pra marcar consulta com clínico na quinta dia 21 de abril às 16h?",
   ("ops, é quarta mesmo, dia 21, às 16h", T("16:00")),
   "pode marcar"],
  booked=[("Kátia Moura", "consult", "2027-04-21", "16:00")], household=["Kátia Moura"])
H(11, "pt", ["explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-14T10:00",
  [("Para 13 de maio, quinta, às 17h, queria um rastreio de sinais", T("17:00")),
   ("Não haverá nada mais cedo nesse mesmo dia? Às 11h dava-me jeito", T("11:00")),
   "perfeito, marque"],
  booked=[("Sofia Lacerda", "mole_check", "2027-05-13", "11:00")], household=["Sofia Lacerda"])
H(12, "pt", ["explicit_dates", "reschedule", "yes_in_sentence"], "gp-sao-paulo", "2027-03-17T10:00",
  [("preciso trocar minha consulta de quarta 24/03 para sexta 26/03 às 8h", T("08:00")),
   "pode sim, troca"],
  moved=[("2027-03-24T09:00", "2027-03-26", "08:00")], household=["Wagner Prado"],
  existing=[("Wagner Prado", "consult", "beatriz", "2027-03-24T09:00")])
H(13, "pt", ["yes_in_sentence", "service_words", "explicit_dates", "booking"], "gp-boston", "2027-02-22T14:00",
  [("Queria renovar a receita da tensão, pode ser terça 2 de março às 10h15?", T("10:15")),
   "É isso mesmo, pode avançar com a marcação"],
  booked=[("Hugo Serrão", "telehealth", "2027-03-02", "10:15")], household=["Hugo Serrão"])
H(14, "pt", ["yes_in_sentence", "cancel", "explicit_dates"], "gp-sao-paulo", "2027-03-29T09:00",
  ["Oi, vou ter que desmarcar o check-up do dia 6",
   "sim sim, cancela essa"],
  cancelled=["2027-04-06T08:00"], household=["Débora Quintela"],
  existing=[("Débora Quintela", "checkup", "beatriz", "2027-04-06T08:00")])
H(15, "pt", ["yes_in_sentence", "explicit_dates", "booking"], "dental-ankara", "2027-01-18T10:00",
  [("Boa tarde, queria uma consulta de ortodontia a 2 de fevereiro, às 11h", T("11:00")),
   "Hum, afinal não. Deixe ficar, obrigado."],
  household=["Álvaro Cunha"])
H(16, "pt", ["emergency"], "gp-sao-paulo", "2027-04-02T22:10",
  [("socorro meu pai ta com uma dor muito forte no peito q vai pras costas e ta suando frio, ele tem 68 anos", E)],
  household=["Sérgio Dantas"])
H(17, "pt", ["emergency"], "dermatology-lisbon", "2027-02-11T12:30",
  [("Estou com a cara e a lingua muito inchadas depois do tratamento de hoje, custa-me engolir e respirar", E)],
  profile="Mia ✨")
H(18, "pt", ["service_words", "explicit_dates", "booking"], "gp-sao-paulo", "2027-04-01T15:00",
  [("queria passar com um cardio pra ver a pressão, quinta 8/4 às 11h dá?", T("11:00")),
   "beleza"],
  booked=[("Rogério Paiva", "cardio", "2027-04-08", "11:00")], household=["Rogério Paiva"])
H(19, "pt", ["day_parts", "explicit_dates", "booking"], "dermatology-lisbon", "2027-04-12T09:30",
  ["Bom dia, terça 20 de abril, de tarde, têm consulta de dermatologia?",
   "Qualquer uma serve, fico com a primeira",
   "sim, está bem"],
  booked=[("Helena Vasconcelos", "consult", "2027-04-20", ("14:00", "23:59"))], household=["Helena Vasconcelos"])
H(20, "pt", ["cancel"], "gp-sao-paulo", "2027-04-12T10:00",
  ["Não vou conseguir ir na consulta de sexta. Pode cancelar?",
   "pode, sim"],
  cancelled=["2027-04-16T15:00"], household=["Fernanda Leite"], existing=[("Fernanda Leite", "consult", "rafael", "2027-04-16T15:00")])

# =============================================================================================
# Spanish (Spain and Latin America)
# =============================================================================================
H(1, "es", ["names", "explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-04-15T09:00",
  [("Buenas, soy Covadonga Villaverde Arrieta. ¿Me dais cita para fisio el lunes 26 de abril a las nueve menos cuarto?", T("08:45")),
   "Sí, perfecto, guárdamela"],
  booked=[("Covadonga Villaverde Arrieta", "session", "2027-04-26", "08:45")], profile="Cova")
H(2, "es", ["names", "explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-09T13:00",
  [("Buenas tardes, ¿me agendan una consulta general para el jueves 18 de marzo a las 4:15 pm?", N("es")),
   ("Claro, es a nombre de Ximena Guadalupe Reyes Olvera", T("16:15")),
   "órale, sí, confírmela"],
  booked=[("Ximena Guadalupe Reyes Olvera", "consult", "2027-03-18", "16:15")], profile="Lupita 💃")
H(3, "es", ["names", "explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-03-29T11:00",
  [("Hola, quería sacar un turno para dermatología el martes 6 de abril a las 9:20", N("es")),
   ("Sí", N("es")),
   "Perdón, Facundo Echeverry",
   "dale, confirmalo"],
  booked=[("Facundo Echeverry", "consult", "2027-04-06", "09:20")])
H(4, "es", ["names", "explicit_dates", "booking"], "dental-ankara", "2027-03-03T18:00",
  [("hola buenas, me llamo maria angeles sainz de la torre, quiero pedir una revision dental el viernes 12 de marzo a las 12", T("12:00")),
   "si porfa"],
  booked=[("maria angeles sainz de la torre", "checkup", "2027-03-12", "12:00")], profile="Mari")
H(5, "es", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-03-16T10:00",
  [("Quería pedir cita para mi suegra, Remedios Calvo Peña, para una valoración el jueves 25 de marzo a las 11:45", T("11:45")),
   ("sí, adelante", F("Remedios"))],
  booked=[("Remedios Calvo Peña", "assessment", "2027-03-25", "11:45")], household=["Alberto Sanz"])
H(6, "es", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "gp-sao-paulo", "2027-03-26T10:00",
  [("Necesito una cita con el pediatra para mi chamaco el lunes 5 de abril a las 10:30", N("es")),
   ("Emiliano Treviño Garza, tiene 4 añitos", T("10:30")),
   ("sí, agéndelo por favor", F("Emiliano"))],
  booked=[("Emiliano Treviño Garza", "pediatrics", "2027-04-05", "10:30")], household=["Rosa Elena Treviño"])
H(7, "es", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-03-30T12:00",
  [("Hola, para Pau, una sesión de fisio el miércoles 7 de abril a las 18:15", T("18:15")),
   ("Sí, confírmala para él", F("Pau"))],
  booked=[("Pau Puig Vila", "session", "2027-04-07", "18:15")], household=["Jordi Puig Serra", "Montserrat Vila", "Pau Puig Vila"])
H(8, "es", ["someone_else", "explicit_dates", "yes_in_sentence", "booking"], "dental-ankara", "2027-04-05T12:00",
  [("¿Tenéis hueco para una limpieza el martes 13 de abril a las 15:30?", T("15:30")),
   "Uy, espera, la cita es para mi marido, Iker Otxoa",
   ("Sí, para él, confirma", F("Iker"))],
  booked=[("Iker Otxoa", "cleaning", "2027-04-13", "15:30")], household=["Lorena Bravo"])
H(9, "es", ["explicit_dates", "yes_in_sentence", "booking"], "dermatology-lisbon", "2027-04-20T10:00",
  [("¿Habría hueco el martes 4 de mayo a las once y veinte para una consulta?", T("11:20")),
   "Sí, me cuadra, resérvala"],
  booked=[("Elena Cifuentes", "consult", "2027-05-04", "11:20")], household=["Elena Cifuentes"])
H(10, "es", ["explicit_dates", "booking"], "physio-madrid", "2027-03-29T09:00",
  ["¿Me das cita para un masaje el viernes 8 de abril a las 19:00?",
   ("perdona, quería decir el jueves 8, a las 19:00", T("19:00")),
   "sí, eso"],
  booked=[("Gonzalo Pardo", "massage", "2027-04-08", "19:00")], household=["Gonzalo Pardo"])
H(11, "es", ["explicit_dates", "yes_in_sentence", "booking"], "physio-madrid", "2027-03-15T11:00",
  [("Para el 23-03 a las 17h, un masaje, ¿se puede?", T("17:00")),
   "Perfecto, gracias, adelante con la reserva"],
  booked=[("Julián Ferro", "massage", "2027-03-23", "17:00")], household=["Julián Ferro"])
H(12, "es", ["explicit_dates", "yes_in_sentence", "booking"], "gp-boston", "2027-03-08T10:00",
  [("Quisiera un análisis de sangre el lunes 15 de marzo a las 8:30", T("08:30")),
   ("mejor un día más tarde, a la misma hora", T("08:30")),
   "sí, resérvala"],
  booked=[("Patricia Lozano", "blood", "2027-03-16", "08:30")], household=["Patricia Lozano"])
H(13, "es", ["yes_in_sentence", "cancel", "explicit_dates"], "physio-madrid", "2027-04-06T10:00",
  ["Hola, lo del pilates del miércoles 14 no voy a poder",
   "Sí, sí, anúlamela, que no puedo ir"],
  cancelled=["2027-04-14T09:00"], household=["Bruno Salas"], existing=[("Bruno Salas", "pilates", "carmen", "2027-04-14T09:00")])
H(14, "es", ["yes_in_sentence", "explicit_dates", "booking"], "gp-boston", "2027-04-12T16:00",
  [("¿Podría renovar mi receta el martes 20 de abril a las 2:45 de la tarde?", T("14:45")),
   "Perfecto, así quedamos, agéndemela por favor"],
  booked=[("Jimena Paredes", "telehealth", "2027-04-20", "14:45")], household=["Jimena Paredes"])
H(15, "es", ["yes_in_sentence", "reschedule", "explicit_dates"], "dermatology-lisbon", "2027-03-08T10:00",
  [("¿Se podría pasar mi peeling del miércoles 17 al viernes 19 de marzo a las 12:00?", T("12:00")),
   "Mejor no, que se quede como está"],
  household=["Marcos Vidal"], existing=[("Marcos Vidal", "peel", "rita", "2027-03-17T11:00")])
H(16, "es", ["emergency"], "physio-madrid", "2027-02-20T11:00",
  [("me he caido de la bici y tengo el brazo doblado raro, me sale sangre y me estoy mareando", E)], household=["Adrián Solís"])
H(17, "es", ["emergency"], "gp-boston", "2027-01-28T23:10",
  [("mi bebé de 8 meses tiene 40 de calentura y está muy decaído, no quiere comer y tiene el cuello durito", E)], profile="Yesi ❤️")
H(18, "es", ["service_words", "explicit_dates", "booking"], "physio-madrid", "2027-04-01T10:00",
  ["¿Hacéis radiografías? Me duele el hombro",
   ("Vale, entonces una valoración inicial el lunes 12 de abril a las 9:15", T("09:15")),
   "sí, vale"],
  booked=[("Sergio Lago", "assessment", "2027-04-12", "09:15")], household=["Sergio Lago"])
H(19, "es", ["day_parts", "explicit_dates", "booking"], "physio-madrid", "2027-03-25T10:00",
  ["¿Tenéis algo el jueves 1 de abril por la tarde para fisio?",
   "la primera que tengas",
   "sí, vale"],
  booked=[("Nuria Gil", "session", "2027-04-01", ("14:00", "23:59"))], household=["Nuria Gil"])
H(20, "es", ["clinic_fit", "explicit_dates", "booking"], "dental-ankara", "2027-02-08T10:00",
  [("¿Qué me tomo para el dolor de muelas mientras tanto?", {"not_contains": FIT["dental"]}),
   ("Vale, pues un empaste el jueves 18 de febrero a las 10", T("10:00", FIT["dental"])),
   "sí, perfecto"],
  booked=[("Diego Mora", "filling", "2027-02-18", "10:00")], household=["Diego Mora"])


def main():
    ok = True
    for d in DIALOGS:
        try:
            g.verify(d)
        except AssertionError as ex:
            ok = False
            print("NOT VALID", d["id"], ex)
    if not ok:
        sys.exit(1)
    out = os.path.join(HERE, "hand.jsonl")
    with open(out, "w", encoding="utf-8") as f:
        for d in DIALOGS:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    from collections import Counter
    print("wrote %s: %d dialogs %s" % (out, len(DIALOGS), dict(sorted(Counter(d["language"] for d in DIALOGS).items()))))


if __name__ == "__main__":
    main()
