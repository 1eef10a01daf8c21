#!/usr/bin/env python3
"""dev4 hand-typed dialogs: 20 per language. Writes hand.jsonl next to this file.

The patient messages below were typed by hand, one by one; only the bookkeeping
(expected time spellings, JSON layout) comes from helpers in common.py.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import NAME_ASK, dumps, exp_time, HERE  # noqa: E402

OUT = []


def T(hm, **extra):
    e = {"contains_any": exp_time(hm)}
    e.update(extra)
    return e


def ASK(lang):
    return {"contains_any": NAME_ASK[lang]}


def NAME(*toks, **extra):
    e = {"contains_any": list(toks)}
    e.update(extra)
    return e


EM = {"emergency": True}


def B(patient, service, date, time, practitioner=None):
    return {"patient": patient, "service": service, "practitioner": practitioner, "date": date, "time": time}


def EX(patient, service, practitioner, start):
    return {"patient": patient, "service": service, "practitioner": practitioner, "start": start}


def H(lang, kinds, clinic, now, turns, household=(), profile=None, phone=None, existing=(), blocked=(),
      booked=(), cancelled=(), moved=()):
    n = sum(1 for d in OUT if d["language"] == lang) + 1
    OUT.append({
        "id": "dev4-hand-%s-%03d" % (lang, n), "language": lang, "kinds": list(kinds), "clinic": clinic, "now": now,
        "contact": {"phone": phone or "+000%s%03d" % ({"en": 1, "tr": 90, "pt": 351, "es": 34}[lang], n),
                    "profile_name": profile},
        "household": [{"name": h} for h in household], "existing": list(existing), "blocked": list(blocked),
        "turns": [{"patient": p, "expect": e} if e else {"patient": p} for p, e in turns],
        "final": {"booked": list(booked), "cancelled": list(cancelled), "moved": list(moved)},
    })


# =============================================================== English
H("en", ["names", "explicit_dates", "booking"], "gp-boston", "2027-02-08T08:40", [
    ("hi! my name is Ana Costa, could I see a doctor thursday 11 february at 10am? its for a sore throat that wont go away", T("10:00")),
    ("yes please", NAME("Ana", "Costa", not_contains=["Mom"])),
], profile="Mom ❤️", phone="+16175550101", booked=[B("Ana Costa", "consult", "2027-02-11", "10:00")])

H("en", ["names", "booking", "explicit_dates"], "gp-boston", "2027-03-01T19:05", [
    ("hey do u have anything for a flu shot wed march 10th at 9:30?", ASK("en")),
    ("oh sorry yeah it's priyanka. priyanka shah", T("09:30")),
    ("yes", NAME("priyanka", "shah", not_contains=["Sunshine"])),
], profile="Sunshine ☀️", phone="+16175550102", booked=[B("priyanka shah", "vaccine", "2027-03-10", "09:30")])

H("en", ["names", "explicit_dates", "booking", "yes_in_sentence"], "dermatology-lisbon", "2027-02-15T10:00", [
    ("Good morning, I'd like a mole check with Dr Hart if possible, Tuesday 23 Feb at 11am.\nMany thanks,\nSiobhán O'Neill", T("11:00")),
    ("Yes that's perfect, please book it", NAME("Siobhan", "O'Neill", "ONeill")),
], profile="Shiv", phone="+447700900103", booked=[B("Siobhán O'Neill", "mole_check", "2027-02-23", "11:00", "emily")])

H("en", ["names", "explicit_dates", "booking", "yes_in_sentence"], "gp-boston", "2027-01-18T12:10", [
    ("ok so um hi, this is Maria de los Angeles Ruiz speaking, I just moved here from Texas and I need my annual physical, "
     "I was thinking maybe friday january 29 at 8 in the morning if thats possible, thank you so much", T("08:00")),
    ("Yes please go ahead and book it", NAME("Maria", "Ruiz")),
], profile="M.A.", phone="+15125550104", booked=[B("Maria de los Angeles Ruiz", "physical", "2027-01-29", "08:00")])

H("en", ["names", "explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-03-03T09:00", [
    ("Hello, do you speak English? I need a cleaning on 9 March, 2pm. I'm Tom Hargreaves, staying in Ankara for work", T("14:00")),
    ("great, yes book it", NAME("Tom", "Hargreaves", not_contains=["Deniz"])),
], profile="Deniz 🌊", phone="+905320000105", booked=[B("Tom Hargreaves", "cleaning", "2027-03-09", "14:00")])

H("en", ["someone_else", "explicit_dates", "booking"], "gp-boston", "2027-02-22T07:50", [
    ("Hi, I need to book my son Jake Bennett in for his vaccination, he's 11. Could you do Thursday 25 Feb at 3.30pm after school?", T("15:30")),
    ("yes thanks", NAME("Jake")),
], household=["Laura Bennett"], profile="Laura B", phone="+16175550106", booked=[B("Jake Bennett", "vaccine", "2027-02-25", "15:30")])

H("en", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "gp-boston", "2027-03-15T16:20", [
    ("afternoon. my wife margaret needs a blood test, fasting one, earliest she can do is wednesday the 17th at 8:15", T("08:15")),
    ("Yes go ahead and book it for her", NAME("Margaret")),
], household=["Robert Hayes", "Margaret Hayes"], profile="Bob", phone="+16175550107",
    booked=[B("Margaret Hayes", "blood", "2027-03-17", "08:15")])

H("en", ["someone_else", "explicit_dates", "booking"], "dermatology-lisbon", "2027-03-22T11:00", [
    ("Hello! Could I get an acne appointment for my daughter? She's 15. Ideally Friday 26 March at 4pm", ASK("en")),
    ("Her name is Elodie Dubois", T("16:00")),
    ("yes please", NAME("Elodie")),
], household=["Claire Dubois"], profile="Claire", phone="+351910000108", booked=[B("Elodie Dubois", "acne", "2027-03-26", "16:00")])

H("en", ["someone_else", "explicit_dates", "booking"], "dental-ankara", "2027-01-25T10:00", [
    ("Hi, can I get a check-up on Friday 29 January at 12:30?", T("12:30")),
    ("sorry I should have said, it's not for me, it's for my wife Jennifer Aksoy", NAME("Jennifer")),
    ("yes that's right", NAME("Jennifer")),
], household=["Kemal Aksoy"], profile="Kemal", phone="+905320000109", booked=[B("Jennifer Aksoy", "checkup", "2027-01-29", "12:30")])

H("en", ["yes_in_sentence", "cancel"], "gp-boston", "2027-02-10T14:00", [
    ("hey I've got an appointment next thursday morning but I'm going to be away for work, can I cancel it?", T("09:00")),
    ("Yes please go ahead and cancel it, I'll rebook when I'm back", None),
], household=["Kevin Price"], profile="KP", phone="+16175550110",
    existing=[EX("Kevin Price", "consult", "sarah", "2027-02-18T09:00")], cancelled=["2027-02-18T09:00"])

H("en", ["yes_in_sentence", "cancel"], "gp-boston", "2027-02-24T18:00", [
    ("Hi, I might need to cancel my physical on the 5th", T("10:00")),
    ("hmm actually no, leave it as it is, I'll sort my childcare out", None),
], household=["Megan Hollis"], profile="Meg", phone="+16175550111",
    existing=[EX("Megan Hollis", "physical", "priya", "2027-03-05T10:00")])

H("en", ["yes_in_sentence", "booking"], "physio-madrid", "2027-04-05T09:00", [
    ("Hi, do you have a physio session tomorrow at 2pm? my knee is playing up again", T("14:00")),
    ("Yes that works, please book it 👍", T("14:00")),
], household=["Lukas Meyer"], profile="Lukas", phone="+34611000112", booked=[B("Lukas Meyer", "session", "2027-04-06", "14:00")])

H("en", ["explicit_dates", "booking"], "gp-boston", "2027-02-08T09:00", [
    ("Can I book a prescription refill appointment for Thursday 12 February at 11:15?", T("11:15", contains_all=["12"])),
    ("yes", T("11:15")),
], household=["Hannah Leigh"], profile=None, phone="+16175550113", booked=[B("Hannah Leigh", "telehealth", "2027-02-12", "11:15")])

H("en", ["explicit_dates", "booking"], "gp-boston", "2027-03-10T13:00", [
    ("need a blood draw 3/16 at 8am", T("08:00")),
    ("actually same day but later, like 2:30pm? I have a meeting in the morning", T("14:30")),
    ("yep book that", T("14:30")),
], household=["Chris Walker"], profile="CW", phone="+16175550114", booked=[B("Chris Walker", "blood", "2027-03-16", "14:30")])

H("en", ["explicit_dates", "booking"], "dental-ankara", "2027-04-12T09:00", [
    ("Hi! Could I book a filling for Wednesday 21 April at 10, no wait, make it 11", T("11:00")),
    ("yes please", T("11:00")),
], household=["Sophie Grant"], profile="Soph", phone="+905320000115", booked=[B("Sophie Grant", "filling", "2027-04-21", "11:00")])

H("en", ["emergency"], "gp-boston", "2027-01-20T08:30", [
    ("my husband is slurring his words and the left side of his face looks droopy, it started like 20 min ago. he says he's fine but he's not", EM),
], household=["Paul Dawson"], profile="Sue D", phone="+16175550116")

H("en", ["emergency"], "dental-ankara", "2027-02-02T22:15", [
    ("hi i had my wisdom tooth out yesterday and now my cheek is massive and hot, my throat feels like it's closing and breathing is getting harder", EM),
], profile=None, phone="+905320000117")

H("en", ["own_appointments", "someone_else"], "gp-boston", "2027-03-18T12:00", [
    ("what time is my mum's appointment next week? (Eileen Stone)", T("10:00")),
], household=["Rachel Stone", "Eileen Stone"], profile="Rach", phone="+16175550118",
    existing=[EX("Eileen Stone", "physical", "sarah", "2027-03-24T10:00")])

H("en", ["reschedule", "explicit_dates", "yes_in_sentence"], "dermatology-lisbon", "2027-02-09T10:00", [
    ("Hi, could I move my appointment on the 16th to Thursday 18 February at 9:20 with Dr Hart?", T("09:20")),
    ("Yes, please move it", T("09:20")),
], household=["Mark Jensen"], profile="Mark", phone="+351910000119",
    existing=[EX("Mark Jensen", "consult", "emily", "2027-02-16T15:00")],
    moved=[{"from": "2027-02-16T15:00", "date": "2027-02-18", "time": "09:20"}])

H("en", ["two_questions", "passage"], "gp-boston", "2027-04-01T10:00", [
    ("hi, which insurances do you take and is there parking anywhere close? first visit for me", {
        "contains_any": ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], "contains_all": ["Prudential"]}),
], household=[], profile="Natalie", phone="+16175550120")

# =============================================================== Turkish
H("tr", ["names", "explicit_dates", "booking"], "dental-ankara", "2027-02-08T10:00", [
    ("Merhaba, 11 Şubat Perşembe saat 10:00 için muayene randevusu almak istiyorum. Adım Mehmet Can Yıldırım", T("10:00")),
    ("Evet lütfen", NAME("Mehmet", "Yıldırım", not_contains=["Kral"])),
], profile="Kral 👑", phone="+905320000201", booked=[B("Mehmet Can Yıldırım", "checkup", "2027-02-11", "10:00")])

H("tr", ["names", "explicit_dates", "booking"], "dental-ankara", "2027-03-01T20:30", [
    ("slm dis tasi temizligi icin randevu alabilir miyim 4 mart persembe saat 11de", ASK("tr")),
    ("gulsen ozdemir", T("11:00")),
    ("evet olur tesekkurler", NAME("gulsen", "ozdemir")),
], profile="~Gül", phone="+905320000202", booked=[B("gulsen ozdemir", "cleaning", "2027-03-04", "11:00")])

H("tr", ["names", "someone_else", "explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-01-12T09:30", [
    ("Günaydın kolay gelsin. Adım Fatma Nur Karakaya, kızımın telefonundan yazıyorum. Kendime dolgu randevusu istiyorum, "
     "15 Ocak Cuma öğleden sonra 3'te olur mu?", T("15:00")),
    ("Olur, onaylıyorum", NAME("Fatma", "Karakaya")),
], household=["Zehra Karakaya"], profile="Zehra K.", phone="+905320000203",
    booked=[B("Fatma Nur Karakaya", "filling", "2027-01-15", "15:00")])

H("tr", ["names", "explicit_dates", "booking"], "dental-ankara", "2027-04-05T18:45", [
    ("merhaba şimdi şöyle ben geçen ay bir dişimde ağrı hissettim yemek yerken soğuk sıcak hassasiyet var kontrol olmak istiyorum "
     "9 nisan cuma saat 13:30 uygun musunuz saygılarımla Hüseyin Avni Taşkıran", T("13:30")),
    ("evet", NAME("Hüseyin", "Taşkıran")),
], profile=None, phone="+905320000204", booked=[B("Hüseyin Avni Taşkıran", "checkup", "2027-04-09", "13:30")])

H("tr", ["names", "explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-03-22T11:00", [
    ("iyi günler, ortodonti muayenesi için randevu istiyorum, 25 mart perşembe saat 16:00 müsait mi? ismim merve işıklar", T("16:00")),
    ("tamamdır alalım o saati", NAME("merve", "işıklar", not_contains=["Mrv"])),
], profile="Mrv", phone="+905320000205", booked=[B("merve işıklar", "braces_consult", "2027-03-25", "16:00")])

H("tr", ["someone_else", "explicit_dates", "booking"], "dental-ankara", "2027-02-08T09:00", [
    ("Merhaba oğlum Deniz Kaya için 10 Şubat Çarşamba saat 15:00 kontrol randevusu alabilir miyim? 8 yaşında", T("15:00")),
    ("Evet lütfen", NAME("Deniz")),
], household=["Ayşe Kaya"], profile="Ayşe", phone="+905320000206", booked=[B("Deniz Kaya", "checkup", "2027-02-10", "15:00")])

H("tr", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "gp-boston", "2027-03-08T10:00", [
    ("Merhaba, annem için genel muayene randevusu almak istiyorum, 12 Mart Cuma saat 11:00 olursa iyi olur. Türkçe yazabiliyor musunuz?", ASK("tr")),
    ("Annemin adı Hatice Aksoy", T("11:00")),
    ("evet onaylıyorum", NAME("Hatice")),
], household=["Emre Aksoy"], profile="Emre", phone="+16175550207", booked=[B("Hatice Aksoy", "consult", "2027-03-12", "11:00")])

H("tr", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-03-15T14:00", [
    ("eşim Elif için diş temizliği randevusu lazım, 19 Mart Cuma 10:30 uygun mu", T("10:30")),
    ("Evet o saate alın", NAME("Elif")),
], household=["Serkan Yücel", "Elif Yücel"], profile="Serkan Y.", phone="+905320000208",
    booked=[B("Elif Yücel", "cleaning", "2027-03-19", "10:30")])

H("tr", ["someone_else", "explicit_dates", "booking"], "physio-madrid", "2027-04-12T09:00", [
    ("merhaba 15 nisan persembe saat 10:00 fizyoterapi seansi var mi", T("10:00")),
    ("pardon benim icin degil kizim Duru Er icin", NAME("Duru")),
    ("evet", NAME("Duru")),
], household=["Ozan Er"], profile="Ozan", phone="+34611000209", booked=[B("Duru Er", "session", "2027-04-15", "10:00")])

H("tr", ["yes_in_sentence", "cancel"], "dental-ankara", "2027-02-10T12:00", [
    ("Merhaba 19 Şubat'taki randevumu iptal etmem gerekiyor, işten izin alamadım", T("14:00")),
    ("Evet lütfen iptal edin", None),
], household=["Volkan Şen"], profile="Volkan", phone="+905320000210",
    existing=[EX("Volkan Şen", "cleaning", "hakan", "2027-02-19T14:00")], cancelled=["2027-02-19T14:00"])

H("tr", ["yes_in_sentence", "cancel"], "dental-ankara", "2027-03-22T17:00", [
    ("slm 30 mart randevumu iptal ettirmek istiyorum galiba", T("09:30")),
    ("yok yok dur iptal etmeyin, gelirim ben", None),
], household=["Nihan Uysal"], profile="Nihan 🌸", phone="+905320000211",
    existing=[EX("Nihan Uysal", "checkup", "selin", "2027-03-30T09:30")])

H("tr", ["yes_in_sentence", "booking", "explicit_dates"], "dental-ankara", "2027-01-18T10:00", [
    ("Dolgu için 22 Ocak Cuma saat 16.00'ya randevu var mı?", T("16:00")),
    ("Hmm şimdilik almayalım, işten çıkabilir miyim bilmiyorum, ben size tekrar yazarım", None),
], household=["Tolga Aydemir"], profile="Tolga", phone="+905320000212")

H("tr", ["explicit_dates", "booking"], "dental-ankara", "2027-02-22T09:00", [
    ("03.03 çarşamba 9:45 kontrol olabilir mi", T("09:45")),
    ("evet evet", T("09:45")),
], household=["Cem Ateş"], profile=None, phone="+905320000213", booked=[B("Cem Ateş", "checkup", "2027-03-03", "09:45")])

H("tr", ["explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-04-05T09:00", [
    ("13 Nisan Perşembe saat 14:30 diş taşı temizliği istiyorum", T("14:30", contains_all=["13"])),
    ("evet, kaydedin", T("14:30")),
], household=["Seda Kurt"], profile="Seda", phone="+905320000214", booked=[B("Seda Kurt", "cleaning", "2027-04-13", "14:30")])

H("tr", ["explicit_dates", "booking", "yes_in_sentence"], "dental-ankara", "2027-03-08T08:30", [
    ("Cuma 12 Mart saat 9:00 kontrol randevusu alabilir miyim?", T("09:00")),
    ("aslında aynı gün daha geç olsa daha iyi, 17:30 olur mu?", T("17:30")),
    ("süper, onaylıyorum", T("17:30")),
], household=["Kaan Özer"], profile="Kaan", phone="+905320000215", booked=[B("Kaan Özer", "checkup", "2027-03-12", "17:30")])

H("tr", ["emergency"], "dental-ankara", "2027-01-14T21:40", [
    ("Acil mi bilmiyorum ama kızım kaykaydan düştü ağzı kan içinde ön dişinin yarısı yok ve kan durmuyor, yarım saattir bastırıyoruz", EM),
], household=["Leyla Bulut"], profile="Leyla", phone="+905320000216")

H("tr", ["emergency"], "gp-boston", "2027-03-02T07:45", [
    ("babam sabah kalktı konuşması garip, ağzı bir yana kaymış, sağ eli tutmuyor. ne yapalım", EM),
], profile=None, phone="+16175550217")

H("tr", ["own_appointments"], "dental-ankara", "2027-04-06T10:00", [
    ("merhaba kanal tedavim hangi gün ve saat kaçtaydı unuttum 🙈", T("09:00")),
], household=["Gizem Arıkan"], profile="Gizem", phone="+905320000218",
    existing=[EX("Gizem Arıkan", "root_canal", "ana", "2027-04-14T09:00")])

H("tr", ["reschedule", "explicit_dates", "yes_in_sentence"], "dental-ankara", "2027-02-10T10:00", [
    ("17 Şubat'taki randevumu 19 Şubat Cuma saat 11:00 olarak değiştirebilir miyiz?", T("11:00")),
    ("evet değiştirin lütfen", T("11:00")),
], household=["Orhan Bilgin"], profile="Orhan", phone="+905320000219",
    existing=[EX("Orhan Bilgin", "checkup", "selin", "2027-02-17T10:00")],
    moved=[{"from": "2027-02-17T10:00", "date": "2027-02-19", "time": "11:00"}])

H("tr", ["two_questions", "passage"], "dental-ankara", "2027-03-10T13:00", [
    ("Merhaba cumartesi açık mısınız bir de otopark var mı acaba", {
        "contains_any": ["10:00", "10.00", "14:00", "14.00", "10-14"], "contains_all": ["otopark"]}),
], profile="Berk", phone="+905320000220")

# =============================================================== Portuguese
H("pt", ["names", "explicit_dates", "booking"], "dermatology-lisbon", "2027-02-08T09:00", [
    ("Bom dia! Chamo-me Paulo Reis e queria marcar uma consulta de dermatologia para quinta, 11 de fevereiro, às 11h", T("11:00")),
    ("Sim, pode marcar", NAME("Paulo", "Reis", not_contains=["Paulinho"])),
], profile="Paulinho 🌴", phone="+351910000301", booked=[B("Paulo Reis", "consult", "2027-02-11", "11:00")])

H("pt", ["names", "explicit_dates", "booking"], "gp-sao-paulo", "2027-03-01T08:00", [
    ("oi bom dia, sou a Inês Rocha, queria agendar consulta com clínico geral pra sexta dia 5 de março às 14h", T("14:00")),
    ("pode ser sim, obrigada", NAME("Ines", "Rocha", not_contains=["Dinda"])),
], profile="Dinda", phone="+5511900000302", booked=[B("Inês Rocha", "consult", "2027-03-05", "14:00")])

H("pt", ["names", "explicit_dates", "booking", "yes_in_sentence"], "gp-sao-paulo", "2027-04-12T19:00", [
    ("boa noite vcs tem horario pra eletro na terca 20/04 as 10h?", ASK("pt")),
    ("joao vitor sampaio", T("10:00")),
    ("sim pode marcar", NAME("joao", "sampaio", not_contains=["Zé"])),
], profile="Zé", phone="+5511900000303", booked=[B("joao vitor sampaio", "ecg", "2027-04-20", "10:00")])

H("pt", ["names", "explicit_dates", "booking"], "dermatology-lisbon", "2027-03-15T12:00", [
    ("Boa tarde, gostaria de marcar depilação a laser para dia 22 de março às 15h.\nCumprimentos,\nMaria Fernanda de Sá Vasconcelos", T("15:00")),
    ("Sim, confirmo", NAME("Maria", "Vasconcelos")),
], profile="~Fê", phone="+351910000304", booked=[B("Maria Fernanda de Sá Vasconcelos", "laser", "2027-03-22", "15:00")])

H("pt", ["names", "explicit_dates", "booking"], "dermatology-lisbon", "2027-01-18T10:00", [
    ("Olá! Queria um rastreio de sinais na terça 26 de janeiro às 10h", ASK("pt")),
    ("Teresa Valadres", T("10:00")),
    ("ai desculpe, enganei-me a escrever: é Teresa Valadares, com A", NAME("Valadares")),
    ("sim, pode marcar", NAME("Valadares")),
], profile=None, phone="+351910000305", booked=[B("Teresa Valadares", "mole_check", "2027-01-26", "10:00")])

H("pt", ["someone_else", "explicit_dates", "booking"], "dermatology-lisbon", "2027-02-15T09:00", [
    ("Bom dia, queria marcar uma consulta para a minha mãe, quarta 17 de fevereiro às 15h20", ASK("pt")),
    ("Chama-se Ermelinda Antunes", T("15:20")),
    ("Sim, pode marcar", NAME("Ermelinda")),
], household=["Rui Antunes"], profile="Rui A.", phone="+351910000306", booked=[B("Ermelinda Antunes", "consult", "2027-02-17", "15:20")])

H("pt", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "gp-sao-paulo", "2027-03-08T07:30", [
    ("Bom dia! Preciso de pediatra pro meu filho Davi Prado, ele tá com tosse faz uma semana. Tem quarta dia 10 às 9h?", T("09:00")),
    ("pode marcar sim", NAME("Davi")),
], household=["Juliana Prado"], profile="Ju 💛", phone="+5511900000307", booked=[B("Davi Prado", "pediatrics", "2027-03-10", "09:00")])

H("pt", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "gp-sao-paulo", "2027-04-05T10:00", [
    ("oi, queria marcar um check-up completo pra minha esposa Sandra, quinta 8/4 às 8h", T("08:00")),
    ("isso, pode agendar pra ela", NAME("Sandra")),
], household=["Marcos Teixeira", "Sandra Teixeira"], profile="Marcos T", phone="+5511900000308",
    booked=[B("Sandra Teixeira", "checkup", "2027-04-08", "08:00")])

H("pt", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "dermatology-lisbon", "2027-03-22T10:00", [
    ("Olá, há vaga para tratamento de acne sexta dia 26 às 9h40?", T("09:40")),
    ("ah, esqueci-me de dizer, é para o meu filho Rodrigo Marques, tem 16 anos", NAME("Rodrigo")),
    ("Sim, pode marcar para ele", NAME("Rodrigo")),
], household=["Helena Marques"], profile="Helena", phone="+351910000309", booked=[B("Rodrigo Marques", "acne", "2027-03-26", "09:40")])

H("pt", ["yes_in_sentence", "cancel"], "dermatology-lisbon", "2027-02-15T18:00", [
    ("Boa tarde, preciso de cancelar o peeling do dia 24", T("11:00")),
    ("Pode cancelar sim, obrigada", None),
], household=["Joana Pinto"], profile="Joana", phone="+351910000310",
    existing=[EX("Joana Pinto", "peel", "rita", "2027-02-24T11:00")], cancelled=["2027-02-24T11:00"])

H("pt", ["yes_in_sentence", "cancel"], "gp-sao-paulo", "2027-03-08T09:00", [
    ("oi, to pensando em desmarcar minha consulta com o cardiologista do dia 16", T("10:00")),
    ("hmm melhor não, deixa marcada", None),
], household=["Fernando Lopes"], profile="Fernando", phone="+5511900000311",
    existing=[EX("Fernando Lopes", "cardio", "tiago", "2027-03-16T10:00")])

H("pt", ["yes_in_sentence", "booking", "explicit_dates"], "gp-sao-paulo", "2027-01-25T14:00", [
    ("Oi! Tem horário pra consulta com clínico geral sábado dia 30 às 9h?", T("09:00")),
    ("Ótimo, pode agendar então", T("09:00")),
], household=["Carla Nogueira"], profile="Carlinha", phone="+5511900000312", booked=[B("Carla Nogueira", "consult", "2027-01-30", "09:00")])

H("pt", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-04-06T09:00", [
    ("queria marcar consulta de dermatologia dia 13/04 às 14h40", T("14:40")),
    ("sim", T("14:40")),
], household=["Sofia Ramalho"], profile=None, phone="+351910000313", booked=[B("Sofia Ramalho", "consult", "2027-04-13", "14:40")])

H("pt", ["explicit_dates", "booking"], "gp-sao-paulo", "2027-02-01T09:00", [
    ("Dá pra marcar um eletrocardiograma pra terça, 4 de fevereiro, às 11h?", T("11:00", contains_all=["4"])),
    ("sim, pode marcar", T("11:00")),
], household=["Ricardo Melo"], profile="Ricardo", phone="+5511900000314", booked=[B("Ricardo Melo", "ecg", "2027-02-04", "11:00")])

H("pt", ["explicit_dates", "booking", "yes_in_sentence"], "dermatology-lisbon", "2027-03-01T09:00", [
    ("Bom dia, uma consulta dia 9 de março às 9h, não, espera, às 10h", T("10:00")),
    ("Hmm, afinal mesmo dia mas mais tarde, 16h dá?", T("16:00")),
    ("Pode marcar, obrigado", T("16:00")),
], household=["Duarte Lobo"], profile="Duarte", phone="+351910000315", booked=[B("Duarte Lobo", "consult", "2027-03-09", "16:00")])

H("pt", ["emergency"], "dermatology-lisbon", "2027-02-10T15:00", [
    ("Boa tarde, fiz o peeling ontem aí e hoje acordei com a cara toda inchada, os olhos quase fechados e custa-me respirar", EM),
], profile="Rosa", phone="+351910000316")

H("pt", ["emergency"], "gp-sao-paulo", "2027-03-20T09:00", [
    ("gente meu marido ta com uma dor no peito muito forte que vai pro braço, ta suando frio e branco, o que eu faço", EM),
], household=["Vera Campos"], profile="Vera", phone="+5511900000317")

H("pt", ["own_appointments", "someone_else"], "gp-sao-paulo", "2027-04-07T10:00", [
    ("oi, qnd é a consulta da minha mãe Aparecida com o cardiologista? esqueci o horário", T("13:30")),
], household=["Patrícia Gomes", "Aparecida Gomes"], profile="Paty", phone="+5511900000318",
    existing=[EX("Aparecida Gomes", "cardio", "tiago", "2027-04-15T13:30")])

H("pt", ["reschedule", "explicit_dates", "yes_in_sentence"], "dermatology-lisbon", "2027-02-24T10:00", [
    ("Olá, posso passar a depilação de dia 3 para sexta, 5 de março, às 12h?", T("12:00")),
    ("Sim, pode mudar", T("12:00")),
], household=["Marta Correia"], profile="Marta", phone="+351910000319",
    existing=[EX("Marta Correia", "laser", "rita", "2027-03-03T10:00")],
    moved=[{"from": "2027-03-03T10:00", "date": "2027-03-05", "time": "12:00"}])

H("pt", ["two_questions", "passage"], "dermatology-lisbon", "2027-01-20T11:00", [
    ("Olá! Duas perguntas: que seguros de saúde aceitam? e onde se pode estacionar aí perto?", {
        "contains_any": ["Médis", "Multicare", "AdvanceCare"], "contains_all": ["Rosa Araújo"]}),
], profile=None, phone="+351910000320")

# =============================================================== Spanish
H("es", ["names", "explicit_dates", "booking", "yes_in_sentence"], "physio-madrid", "2027-02-08T09:00", [
    ("Hola buenas! Me llamo Carolina Gómez Bravo, quería pedir cita para una valoración inicial el jueves 11 de febrero a las 17:00", T("17:00")),
    ("Sí, resérvela", NAME("Carolina", "Bravo", not_contains=["Mami"])),
], profile="Mami ❤️", phone="+34611000401", booked=[B("Carolina Gómez Bravo", "assessment", "2027-02-11", "17:00")])

H("es", ["names", "explicit_dates", "booking"], "physio-madrid", "2027-03-15T20:00", [
    ("hola q tal, teneis hueco pa un masaje el miercoles 17 a las 19:00?", ASK("es")),
    ("jose maria nunez", T("19:00")),
    ("si porfa", NAME("jose", "nunez", not_contains=["Gordi"])),
], profile="Gordi", phone="+34611000402", booked=[B("jose maria nunez", "massage", "2027-03-17", "19:00")])

H("es", ["names", "explicit_dates", "booking"], "gp-boston", "2027-02-15T10:00", [
    ("Buenos días, ¿me pueden dar cita para un análisis de sangre el viernes 19 de febrero a las 9:30? Es para mí, Ximena Altamirano. Gracias", T("09:30")),
    ("Perfecto, sí", NAME("Ximena", "Altamirano", not_contains=["Chiqui"])),
], profile="Chiqui", phone="+16175550403", booked=[B("Ximena Altamirano", "blood", "2027-02-19", "09:30")])

H("es", ["names", "explicit_dates", "booking", "yes_in_sentence"], "physio-madrid", "2027-04-12T11:00", [
    ("Buenas tardes, quisiera reservar una sesión de pilates terapéutico el miércoles 14 de abril a las 10:00.\nUn saludo,\nFrancisco Javier de la Torre", T("10:00")),
    ("Sí, confírmela por favor", NAME("Francisco", "Torre")),
], profile=None, phone="+34611000404", booked=[B("Francisco Javier de la Torre", "pilates", "2027-04-14", "10:00")])

H("es", ["names", "explicit_dates", "booking"], "gp-sao-paulo", "2027-03-01T13:00", [
    ("hola mira soy valentina ortiz y estoy de intercambio en sao paulo y necesito ir al medico general porque llevo una semana "
     "con fiebre baja y tos, puedo ir el jueves 4 de marzo a las 15h?", T("15:00")),
    ("si dale", NAME("valentina", "ortiz", not_contains=["Nenita"])),
], profile="Nenita", phone="+5511900000405", booked=[B("valentina ortiz", "consult", "2027-03-04", "15:00")])

H("es", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "physio-madrid", "2027-02-22T09:00", [
    ("Hola, quería pedir cita para mi hija Alba Soler, se ha torcido el tobillo jugando al baloncesto (nada grave, ya camina). "
     "¿Una valoración el martes 23 a las 18:00?", T("18:00")),
    ("Sí, resérvela", NAME("Alba")),
], household=["Raquel Soler"], profile="Raquel", phone="+34611000406", booked=[B("Alba Soler", "assessment", "2027-02-23", "18:00")])

H("es", ["someone_else", "explicit_dates", "booking"], "physio-madrid", "2027-03-08T10:00", [
    ("Buenas, ¿tenéis hueco con el médico rehabilitador para mi madre el jueves 11 de marzo a las 12:30?", ASK("es")),
    ("Se llama Encarnación Alonso", T("12:30")),
    ("vale, perfecto", NAME("Encarnacion")),
], household=["Pedro Alonso"], profile="Pedro", phone="+34611000407", booked=[B("Encarnación Alonso", "rehab_consult", "2027-03-11", "12:30")])

H("es", ["someone_else", "explicit_dates", "booking", "yes_in_sentence"], "physio-madrid", "2027-04-06T15:00", [
    ("hola! cita para Lola (mi mujer) para un masaje deportivo el viernes 9 a las 10:00 porfa", T("10:00")),
    ("sí, resérvasela", NAME("Lola")),
], household=["Jorge Ramos", "Lola Ramos"], profile="Jorge", phone="+34611000408", booked=[B("Lola Ramos", "massage", "2027-04-09", "10:00")])

H("es", ["someone_else", "explicit_dates", "booking"], "gp-boston", "2027-03-22T10:00", [
    ("Hola, ¿hay hueco para una vacuna el miércoles 24 de marzo a las 15:30?", T("15:30")),
    ("ay perdona, no es para mí, es para mi hijo Matías Fuentes, tiene 6 años", NAME("Matias")),
    ("sí", NAME("Matias")),
], household=["Gabriela Fuentes"], profile="Gabi", phone="+16175550409", booked=[B("Matías Fuentes", "vaccine", "2027-03-24", "15:30")])

H("es", ["yes_in_sentence", "cancel"], "physio-madrid", "2027-02-08T12:00", [
    ("Hola, tengo cita el martes 16 y no voy a poder ir, ¿la podéis anular?", T("09:00")),
    ("Sí, cancélela, gracias", None),
], household=["Esther Vega"], profile="Esther", phone="+34611000410",
    existing=[EX("Esther Vega", "session", "lucia", "2027-02-16T09:00")], cancelled=["2027-02-16T09:00"])

H("es", ["yes_in_sentence", "cancel"], "gp-boston", "2027-04-05T11:00", [
    ("buenas, quería cancelar mi chequeo anual del 13 de abril", T("08:00")),
    ("uy no, espera, mejor no la canceles, ya me organizo", None),
], household=["Andrea Paredes"], profile="Andre", phone="+16175550411",
    existing=[EX("Andrea Paredes", "physical", "sarah", "2027-04-13T08:00")])

H("es", ["yes_in_sentence", "booking"], "physio-madrid", "2027-01-25T18:00", [
    ("¿Hay hueco mañana a las 20:00 para una sesión de fisio?", T("20:00")),
    ("Mmm no, mejor no, déjalo que el martes tengo lío, ya te escribo", None),
], household=["Rubén Castro"], profile="Rubén", phone="+34611000412")

H("es", ["explicit_dates", "booking"], "physio-madrid", "2027-03-15T09:00", [
    ("buenas, ¿podría ser una valoración el 26/03 a las 9:15?", T("09:15")),
    ("sí", T("09:15")),
], household=["Silvia Prieto"], profile=None, phone="+34611000413", booked=[B("Silvia Prieto", "assessment", "2027-03-26", "09:15")])

H("es", ["explicit_dates", "booking"], "physio-madrid", "2027-04-05T10:00", [
    ("Quería cita para masaje el lunes 13 de abril a las 11:00", T("11:00", contains_all=["13"])),
    ("vale, sí", T("11:00")),
], household=["Adrián Molina"], profile="Adri", phone="+34611000414", booked=[B("Adrián Molina", "massage", "2027-04-13", "11:00")])

H("es", ["explicit_dates", "booking", "yes_in_sentence"], "physio-madrid", "2027-03-22T09:00", [
    ("Hola! Sesión de fisio el viernes 26 a las 8:30?", T("08:30")),
    ("uy, a esa hora entro a trabajar. ¿El mismo día pero más tarde? A las 19:30 por ejemplo", T("19:30")),
    ("Perfecto, resérvala", T("19:30")),
], household=["Noelia Campos"], profile="Noe", phone="+34611000415", booked=[B("Noelia Campos", "session", "2027-03-26", "19:30")])

H("es", ["emergency"], "physio-madrid", "2027-02-17T11:00", [
    ("estuve ayer en la sesión por la espalda y esta mañana me he levantado que no siento bien las piernas, se me duermen "
     "y no he podido hacer pis en toda la mañana", EM),
], household=["Óscar Lara"], profile="Óscar", phone="+34611000416")

H("es", ["emergency"], "gp-boston", "2027-03-30T16:00", [
    ("hola por favor mi bebé se ha comido algo de la mesa y ahora tiene los labios hinchados y le cuesta respirar", EM),
], profile=None, phone="+16175550417")

H("es", ["own_appointments"], "physio-madrid", "2027-04-01T10:00", [
    ("holaa una cosa, el pilates lo tenía el viernes a q hora??", T("17:00")),
], household=["Irene Blanco"], profile="Irene", phone="+34611000418",
    existing=[EX("Irene Blanco", "pilates", "carmen", "2027-04-09T17:00")])

H("es", ["reschedule", "explicit_dates", "yes_in_sentence"], "physio-madrid", "2027-02-03T10:00", [
    ("Buenas, ¿me podéis cambiar el masaje del miércoles 10 al jueves 11 a la misma hora?", T("18:00")),
    ("Sí, cámbiela", T("18:00")),
], household=["Gonzalo Herrero"], profile="Gonzalo", phone="+34611000419",
    existing=[EX("Gonzalo Herrero", "massage", "pablo", "2027-02-10T18:00")],
    moved=[{"from": "2027-02-10T18:00", "date": "2027-02-11", "time": "18:00"}])

H("es", ["two_questions", "passage"], "physio-madrid", "2027-01-26T10:00", [
    ("Hola, ¿trabajáis con mutuas? Y otra cosa, ¿qué hay que llevar a la primera sesión?", {
        "contains_any": ["Sanitas", "Adeslas", "DKV"], "contains_all": ["toalla"]}),
], profile="Bea", phone="+34611000420")


if __name__ == "__main__":
    path = os.path.join(HERE, "hand.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for d in OUT:
            f.write(dumps(d) + "\n")
    print("wrote %s: %d dialogs" % (path, len(OUT)))
