import json, sys
sys.path.insert(0, "/work/main/eval/dialogs/dev2")
from generate import time_expect

OUT = []
N = {"en": 0, "tr": 0}


def tm(s):
    h, m = s.split(":")
    return time_expect(int(h) * 60 + int(m))


def T(text, times=None, days=None, names=None, any_=None, all_=None, no=None, emergency=None):
    t = {"patient": text}
    e = {}
    ca = []
    if times:
        for x in times:
            ca += tm(x)
    if any_:
        ca += any_
    if names:
        ca += names
    if ca:
        e["contains_any"] = sorted(set(ca))
    ca2 = list(days or []) + list(all_ or [])
    if ca2:
        e["contains_all"] = ca2
    if no:
        e["not_contains"] = no
    if emergency:
        e["emergency"] = True
    if e:
        t["expect"] = e
    return t


def B(patient, service, date, time=None, window=None, prac=None):
    b = {"patient": patient, "service": service, "practitioner": prac, "date": date}
    if window:
        b["window"] = window
    else:
        b["time"] = time
    return b


def D(lang, kinds, clinic, now, profile, household, turns, booked=(), cancelled=(), moved=(), existing=(), blocked=(), phone=None):
    N[lang] += 1
    OUT.append({"id": "dev2-hand-%s-%03d" % (lang, N[lang]), "language": lang, "kinds": kinds, "clinic": clinic,
                "now": now, "contact": {"phone": phone or ("+90533%07d" % (4000000 + len(OUT)) if lang == "tr" else "+1857%07d" % (5000000 + len(OUT))),
                                        "profile_name": profile},
                "household": [{"name": h} for h in household], "existing": list(existing), "blocked": list(blocked),
                "turns": turns, "final": {"booked": list(booked), "cancelled": list(cancelled), "moved": list(moved)}})


def E(patient, service, prac, start):
    return {"patient": patient, "service": service, "practitioner": prac, "start": start}


def X(prac, service, start):
    return {"practitioner": prac, "service": service, "start": start}


DENT = ["dentist", "dental", "tooth", "teeth", "diş hekim", "dişçi"]

# ============================================================ ENGLISH
D("en", ["names", "service_words", "booking"], "gp-boston", "2027-02-08T09:10", "Liam 🏀", [], [
    T("hey so i've had this cough for like 2 weeks now and it's not going away, could i see a doctor thursday? morning if you can, like 10:15"),
    T("oh and it's Liam, Liam O'Brien", times=["10:15"]),
    T("perfect, lock it in")],
  booked=[B("Liam O'Brien", "consult", "2027-02-11", "10:15")])

D("en", ["names", "booking"], "dermatology-lisbon", "2027-02-10T11:00", "Mum's phone", [], [
    T("Hello! This is Rachel Greenberg speaking, I'd like a mole check please. Do you have Tuesday 16 February at 2:20pm? I have a couple that changed colour", times=["14:20"]),
    T("yes that's great, thanks so much")],
  booked=[B("Rachel Greenberg", "mole_check", "2027-02-16", "14:20")])

D("en", ["names", "booking"], "dental-ankara", "2027-02-15T08:30", "D", [], [
    T("hi i need a cleaning, friday the 19th at 10am"),
    T("Daniel Kowalski", times=["10:00"]),
    T("no wait, make it 11, I have a meeting at 9:30", times=["11:00"]),
    T("yes go ahead")],
  booked=[B("Daniel Kowalski", "cleaning", "2027-02-19", "11:00")])

D("en", ["names", "booking"], "gp-boston", "2027-01-19T16:00", "Jennifer Smith", [], [
    T("hi can i get a flu shot tomorrow at 2pm"),
    T("it's for me, Jennifer Alvarez — the whatsapp is under my sister's name lol", times=["14:00"], no=["Jennifer Smith"]),
    T("go for it 👍")],
  booked=[B("Jennifer Alvarez", "vaccine", "2027-01-20", "14:00")])

D("en", ["someone_else", "booking"], "gp-boston", "2027-02-22T10:00", "Mark D", ["Mark Davies"], [
    T("hi, I need to get my son Noah Davies in to see the family doctor, he's had an earache since sunday. Is anything open Thursday afternoon, like 3:30?", times=["15:30"]),
    T("Yes please, book it for Noah", names=["Noah"])],
  booked=[B("Noah Davies", "consult", "2027-02-25", "15:30")])

D("en", ["someone_else", "booking"], "gp-sao-paulo", "2027-03-01T08:00", "Patty", ["Patricia Gomez", "Sofia Gomez"], [
    T("morning! my daughter needs to see the pediatrician, wednesday at 9 would be great", times=["09:00"], names=["Sofia"]),
    T("yes please 🙏")],
  booked=[B("Sofia Gomez", "pediatrics", "2027-03-03", "09:00")])

D("en", ["someone_else", "booking"], "physio-madrid", "2027-02-24T12:00", "Tom B", ["Tom Becker"], [
    T("Can you fit my wife in for a sports massage? Her name's Laura Becker. Monday 1 March, 6pm would be ideal", times=["18:00"], names=["Laura"]),
    T("that works, go ahead")],
  booked=[B("Laura Becker", "massage", "2027-03-01", "18:00")])

D("en", ["someone_else", "service_words", "booking"], "dental-ankara", "2027-03-05T14:00", "Emily C", ["Emily Carter"], [
    T("My dad is visiting from the UK and a filling fell out, could he come in? He's George Carter. wednesday 10 march at 9:30?", times=["09:30"], names=["George"]),
    T("yes, book it for him please, thank you!")],
  booked=[B("George Carter", "filling", "2027-03-10", "09:30")])

D("en", ["yes_in_sentence", "booking"], "dermatology-lisbon", "2027-03-01T09:00", "Meg", ["Megan Doyle"], [
    T("could I get acne treatment on Friday 5 March at 10am?", times=["10:00"]),
    T("hmm actually no, don't book it, I'll have to check with work first")])

D("en", ["yes_in_sentence", "explicit_dates", "booking"], "gp-boston", "2027-03-10T13:00", None, ["Carlos Rivera"], [
    T("any chance of a physical next Wednesday the 17th at 8:45?", times=["08:45"], days=["17"]),
    T("Sounds perfect, yes please reserve that for me!")],
  booked=[B("Carlos Rivera", "physical", "2027-03-17", "08:45")])

D("en", ["cancel", "yes_in_sentence"], "gp-boston", "2027-03-12T10:00", "Angie", ["Angela Moore"], [
    T("hey so I actually can't make my physical on the 18th anymore, work trip 😩", days=["18"]),
    T("yeah please go ahead and cancel it, I'll rebook when I'm back")],
  cancelled=["2027-03-18T09:00"], existing=[E("Angela Moore", "physical", "sarah", "2027-03-18T09:00")])

D("en", ["cancel", "yes_in_sentence"], "physio-madrid", "2027-02-12T17:00", "Kev", ["Kevin Walsh"], [
    T("I think I need to cancel my physio on Thursday the 18th", days=["18"]),
    T("Actually no wait, keep it — I'll move my meeting instead")],
  existing=[E("Kevin Walsh", "session", "lucia", "2027-02-18T09:00")])

D("en", ["reschedule", "yes_in_sentence"], "dental-ankara", "2027-02-10T09:00", "Sarah", ["Sarah Lee"], [
    T("hi! could we move my check-up on the 17th to Friday the 19th? same time if possible", days=["19"], times=["10:00"]),
    T("yes perfect, move it")],
  moved=[{"from": "2027-02-17T10:00", "date": "2027-02-19", "time": "10:00"}],
  existing=[E("Sarah Lee", "checkup", "selin", "2027-02-17T10:00")])

D("en", ["reschedule", "own_appointments", "yes_in_sentence"], "dermatology-lisbon", "2027-03-02T10:00", "H.P.", ["Hannah Price"], [
    T("Hello, I need to reschedule my dermatology appointment on the 9th."),
    T("could it be Thursday the 11th at 3pm? no wait, 3:40 is better", times=["15:40"]),
    T("Yes, please change it to that. Thank you!")],
  moved=[{"from": "2027-03-09T11:00", "date": "2027-03-11", "time": "15:40"}],
  existing=[E("Hannah Price", "consult", "ines", "2027-03-09T11:00")])

D("en", ["explicit_dates", "booking"], "gp-sao-paulo", "2027-02-05T09:00", "Ryan", ["Ryan Costa"], [
    T("Hi, I'd like an ECG on Thursday 11 February at 10am, my cardiologist back home asked for one", days=["11"], times=["10:00"]),
    T("yes please")],
  booked=[B("Ryan Costa", "ecg", "2027-02-11", "10:00")])

D("en", ["explicit_dates", "booking"], "gp-boston", "2027-03-08T12:00", "Olga", ["Olga Petrova"], [
    T("can I get blood work done Friday the 17th of March at 8:30?", any_=["17", "Wednesday", "Friday"]),
    T("oh the 17th is right, the wednesday. sorry!", times=["08:30"]),
    T("great, book it")],
  booked=[B("Olga Petrova", "blood", "2027-03-17", "08:30")])

D("en", ["explicit_dates", "booking"], "dental-ankara", "2027-03-15T10:00", "Mia T", ["Mia Turner"], [
    T("is there anything on the 24th for a cleaning? 9am?", times=["09:00"]),
    T("hmm actually same day but later? after 4 would be better, 4:15?", times=["16:15"]),
    T("yep that's the one, go ahead")],
  booked=[B("Mia Turner", "cleaning", "2027-03-24", "16:15")])

D("en", ["explicit_dates", "service_words", "booking"], "dermatology-lisbon", "2027-02-15T09:00", "Chlo ✨", ["Chloe Martin"], [
    T("laser hair removal on 23/2 at 11:00 possible?", times=["11:00"], days=["23"]),
    T("👍 yes book it")],
  booked=[B("Chloe Martin", "laser", "2027-02-23", "11:00")])

D("en", ["own_appointments"], "physio-madrid", "2027-03-05T19:00", "Paul G", ["Paul Grant"], [
    T("hey what have I got booked with you guys? I keep forgetting", days=["10", "15"])],
  existing=[E("Paul Grant", "pilates", "carmen", "2027-03-10T09:00"), E("Paul Grant", "session", "lucia", "2027-03-15T08:30")])

D("en", ["own_appointments", "service_words", "booking"], "gp-boston", "2027-02-18T10:00", "Dana", ["Dana White"], [
    T("I'd like to book a refill for my inhaler"),
    T("is there anything tuesday?"),
    T("2:45pm then", times=["14:45"]),
    T("yes")],
  booked=[B("Dana White", "telehealth", "2027-02-23", "14:45")])

D("en", ["own_appointments", "someone_else"], "gp-sao-paulo", "2027-02-19T20:00", "Lucas F", ["Lucas Ferreira", "Ana Ferreira"], [
    T("what time is Ana's appointment with the pediatrician again?", days=["24"], times=["10:00"])],
  existing=[E("Ana Ferreira", "pediatrics", "mariana", "2027-02-24T10:00")])

D("en", ["passage"], "gp-boston", "2027-02-02T08:15", "Sam", ["Sam Hughes"], [
    T("how long before blood work do I have to stop eating? and can I have my coffee? ☕", any_=["8", "12"])])

D("en", ["passage"], "gp-boston", "2027-02-03T12:00", None, [], [
    T("what insurances do you guys take? mine's through my job and I'm not sure which one it is", any_=["Blue Cross", "Tufts", "Medicare", "Harvard Pilgrim"])])

D("en", ["passage"], "gp-boston", "2027-03-03T07:50", "Greg", ["Greg Howard"], [
    T("I'm driving in for my appointment, where should I leave the car?", any_=["Prudential"])])

D("en", ["answer_language", "passage"], "physio-madrid", "2027-02-09T18:00", "Anna", [], [
    T("What's the deal with package prices, like if I book several physio sessions in one go?", any_=["200"], no=["el bono de 5", "cuesta 200"])])

D("en", ["answer_language", "passage"], "gp-sao-paulo", "2027-03-16T09:30", "Jo", [], [
    T("is there anywhere to park near the clinic, and do I have to pay for it", any_=["1480", "15"], no=["Temos convênio", "2 horas por"])])

D("en", ["answer_language", "passage"], "dermatology-lisbon", "2027-01-26T13:00", "Kate", [], [
    T("Hi there, does your clinic work with any health insurance companies? I just moved to Lisbon", any_=["Médis", "Medis", "Multicare", "AdvanceCare"], no=["traga o cartão", "Trabalhamos com"])])

D("en", ["answer_language", "passage"], "dental-ankara", "2027-02-01T10:00", "Tom", [], [
    T("hi, is it possible to spread the payment over a few months on my credit card? the root canal is quite pricey", any_=["6"], no=["taksit yapılabilir", "kabul ediyoruz"])])

D("en", ["two_questions", "passage"], "gp-boston", "2027-02-16T11:00", "Rob", ["Robert King"], [
    T("how much is a physical and are you open on saturdays?", all_=["250"], any_=["Monday", "Friday", "weekend", "closed"])])

D("en", ["two_questions", "answer_language", "passage"], "physio-madrid", "2027-03-01T09:00", "Jules", [], [
    T("Two questions: do you work with DKV, and what should I wear for the first session?", all_=["DKV"], any_=["towel", "comfortable", "clothes"], no=["Ropa cómoda", "traiga la autorización"])])

D("en", ["two_questions", "answer_language", "passage"], "gp-sao-paulo", "2027-03-22T14:00", None, [], [
    T("Do you open on Saturdays? Also can I pay with Pix or only card?", all_=["Pix", "12"], no=["Aceitamos Pix", "aos sábados das"])])

D("en", ["clinic_fit", "booking"], "physio-madrid", "2027-03-03T10:00", "Jake", ["Jake Morris"], [
    T("Hi! I hurt my knee playing football last weekend and it's still swollen. I'd like a first assessment — Tuesday 9 March at 5pm?", times=["17:00"], no=DENT),
    T("go for it", no=DENT)],
  booked=[B("Jake Morris", "assessment", "2027-03-09", "17:00")])

D("en", ["clinic_fit", "service_words", "booking"], "dermatology-lisbon", "2027-02-26T15:00", "Nora", ["Nora Quinn"], [
    T("I've got this weird itchy rash on my arm, I'd like to see a skin doctor — Thursday 4 March at 9:40?", times=["09:40"], no=DENT),
    T("yes please", no=DENT)],
  booked=[B("Nora Quinn", "consult", "2027-03-04", "09:40")])

D("en", ["service_words", "booking"], "dental-ankara", "2027-03-01T10:00", "Owen", ["Owen Price"], [
    T("Could I get my teeth cleaned? scale and polish kind of thing. Monday the 8th at 2pm", times=["14:00"]),
    T("lovely, book it")],
  booked=[B("Owen Price", "cleaning", "2027-03-08", "14:00")])

D("en", ["service_words", "booking"], "gp-boston", "2027-02-05T09:00", "Frank M", ["Frank Morales"], [
    T("I'm running out of my blood pressure meds, need a prescription renewal. wed 10 feb 11:30?", times=["11:30"]),
    T("yes, that's right, please book")],
  booked=[B("Frank Morales", "telehealth", "2027-02-10", "11:30")])

D("en", ["day_parts", "booking"], "gp-boston", "2027-02-24T14:00", "Ella", ["Ella Ward"], [
    T("Could I come in for a flu shot on Monday morning? the earliest you've got"),
    T("the first one's fine"),
    T("yes")],
  booked=[B("Ella Ward", "vaccine", "2027-03-01", window=["06:00", "11:59"])])

D("en", ["day_parts", "booking"], "gp-sao-paulo", "2027-02-10T12:00", "Paulo", ["Paul Souza"], [
    T("anything in the evening on Tuesday 16 Feb for a GP visit? after work, so after 5"),
    T("6pm please", times=["18:00"]),
    T("yes, thanks")],
  booked=[B("Paul Souza", "consult", "2027-02-16", "18:00")])

D("en", ["emergency"], "dental-ankara", "2027-02-13T11:00", "Mom", ["Karen Fox"], [
    T("omg my daughter fell off the swing and her front tooth is basically hanging by a thread, theres blood everywhere what do i do", emergency=True)])

D("en", ["emergency", "clinic_fit"], "gp-boston", "2027-03-09T19:30", None, [], [
    T("my husband suddenly can't lift his left arm and his words are coming out all jumbled", emergency=True)])

D("en", ["emergency", "clinic_fit"], "dermatology-lisbon", "2027-02-18T16:00", "Amy", ["Amy Ross"], [
    T("I used the new cream and now my eyes are swelling shut and my throat feels weird, tight", emergency=True)])

D("en", ["emergency", "clinic_fit"], "physio-madrid", "2027-03-11T10:00", "Chris", [], [
    T("I was doing my home exercises and heard a crack in my knee, now it's bent the wrong way and I can't stand up", emergency=True)])

D("en", ["emergency", "clinic_fit"], "gp-sao-paulo", "2027-02-27T09:00", "Ben", [], [
    T("my father is really pale and sweating, says his chest feels like an elephant is sitting on it", emergency=True)])

D("en", ["names", "someone_else", "booking"], "gp-boston", "2027-02-22T09:00", "👨‍👩‍👧", [], [
    T("Hi, this is Maria Lopez, I'd like to book a blood test for my husband, Javier Lopez, Friday 26 Feb at 9:15", times=["09:15"], names=["Javier"]),
    T("yes please, book it for him")],
  booked=[B("Javier Lopez", "blood", "2027-02-26", "09:15")])

# ============================================================ TURKISH
D("tr", ["names", "service_words", "booking"], "dental-ankara", "2027-02-22T11:00", "Ayşoş 💅", [], [
    T("slm dis tasi temizligi icin randevu almak istiyorum cuma 10da olur mu"),
    T("adım Ayşe Demir", times=["10:00"]),
    T("evet lütfen oluşturun")],
  booked=[B("Ayşe Demir", "cleaning", "2027-02-26", "10:00")])

D("tr", ["names", "explicit_dates", "booking"], "dental-ankara", "2027-02-26T15:00", "Mehmet", [], [
    T("Merhaba ben Mehmet Can Yıldız, kontrol için randevu almak istiyorum, 3 Mart Çarşamba saat 11'de müsait misiniz?", times=["11:00"], days=["3"]),
    T("evet uygundur, kaydedin")],
  booked=[B("Mehmet Can Yıldız", "checkup", "2027-03-03", "11:00")])

D("tr", ["names", "booking"], "dental-ankara", "2027-03-08T09:00", "Kral 👑", [], [
    T("dolgu yaptırmam lazım persembe 14:00 bos mu"),
    T("ismim Burak Sahin", times=["14:00"]),
    T("pardon saat 15 olsun, 14e yetişemem", times=["15:00"]),
    T("tamam onaylıyorum")],
  booked=[B("Burak Sahin", "filling", "2027-03-11", "15:00")])

D("tr", ["names", "explicit_dates", "booking"], "gp-boston", "2027-02-12T10:00", "Z.", [], [
    T("Merhabalar, adım Zeynep Arslan. Grip aşısı olmak istiyorum, 17 Şubat Çarşamba saat 13:30'da uygun musunuz?", times=["13:30"]),
    T("Evet, teşekkür ederim, oluşturabilirsiniz")],
  booked=[B("Zeynep Arslan", "vaccine", "2027-02-17", "13:30")])

D("tr", ["names", "service_words", "booking"], "dermatology-lisbon", "2027-03-02T11:00", "elif", [], [
    T("iyi günler benlerimi kontrol ettirmek istiyorum, 9 mart salı 10:20 uygun mu? adım soyadım Elif Koç", times=["10:20"]),
    T("olur evet")],
  booked=[B("Elif Koç", "mole_check", "2027-03-09", "10:20")])

D("tr", ["someone_else", "service_words", "booking"], "dental-ankara", "2027-03-10T18:00", "Fatma K", ["Fatma Kaya"], [
    T("oğlum Deniz Kaya için ortodonti muayenesi istiyoruz, tel takılacak mı diye baksınlar. Salı 16 Mart 16:30 olur mu", times=["16:30"], names=["Deniz"]),
    T("evet lütfen, Deniz adına yazın")],
  booked=[B("Deniz Kaya", "braces_consult", "2027-03-16", "16:30")])

D("tr", ["someone_else", "booking"], "dental-ankara", "2027-03-01T12:00", "Hasan Ç", ["Hasan Çelik", "Emine Çelik"], [
    T("eşim için kontrol randevusu alabilir miyiz, 5 Mart cuma saat 9:30", times=["09:30"], names=["Emine"]),
    T("tamamdır")],
  booked=[B("Emine Çelik", "checkup", "2027-03-05", "09:30")])

D("tr", ["someone_else", "service_words", "booking"], "gp-sao-paulo", "2027-02-05T10:00", "Ali", ["Ali Kurt"], [
    T("annem için kardiyoloğa randevu lazım, adı Hatice Kurt. perşembe 11 şubat saat 10'da müsait mi", times=["10:00"], names=["Hatice"]),
    T("evet onun adına oluşturun")],
  booked=[B("Hatice Kurt", "cardio", "2027-02-11", "10:00")])

D("tr", ["someone_else", "service_words", "booking"], "physio-madrid", "2027-02-19T10:00", "Cem", ["Cem Polat"], [
    T("babam Osman Polat'a fizik tedavi seansı ayarlamak istiyorum, 24 şubat çarşamba saat 15:00", times=["15:00"], names=["Osman"]),
    T("olur, babam adına kaydedin")],
  booked=[B("Osman Polat", "session", "2027-02-24", "15:00")])

D("tr", ["someone_else", "booking"], "gp-boston", "2027-03-08T10:00", "Derya", ["Derya Uçar"], [
    T("kızıma kan tahlili yaptırmak istiyorum cuma 8:30'da"),
    T("adı Ada Uçar", times=["08:30"]),
    T("evet")],
  booked=[B("Ada Uçar", "blood", "2027-03-12", "08:30")])

D("tr", ["yes_in_sentence", "booking"], "dental-ankara", "2027-03-04T09:00", "Gülşen", ["Gülşen Aksoy"], [
    T("merhaba 10 mart çarşamba 15:00 dolgu için müsait misiniz", times=["15:00"]),
    T("evet evet tam o saat uygun, oluşturun lütfen")],
  booked=[B("Gülşen Aksoy", "filling", "2027-03-10", "15:00")])

D("tr", ["yes_in_sentence", "booking"], "dental-ankara", "2027-02-15T16:00", "Kerem", ["Kerem Doğan"], [
    T("yarın 11'de kontrol olabilir mi", times=["11:00"]),
    T("hmm yok simdilik kalsin, isten izin alamazsam bosuna tutmayayim")])

D("tr", ["cancel", "yes_in_sentence", "own_appointments"], "dental-ankara", "2027-03-12T10:00", "Nazlı", ["Nazlı Güneş"], [
    T("17 martta randevum vardı ya, gelemeyeceğim maalesef", days=["17"]),
    T("evet lütfen iptal edin, sonra tekrar yazarım")],
  cancelled=["2027-03-17T14:00"], existing=[E("Nazlı Güneş", "cleaning", "hakan", "2027-03-17T14:00")])

D("tr", ["cancel", "someone_else", "yes_in_sentence"], "dental-ankara", "2027-02-18T09:00", "Serkan", ["Serkan Yücel", "Ece Yücel"], [
    T("kızımın perşembe günkü randevusunu iptal etmek istiyoruz, okul gezisi çıktı", days=["25"]),
    T("evet onu iptal edebilirsiniz")],
  cancelled=["2027-02-25T15:00"],
  existing=[E("Serkan Yücel", "checkup", "selin", "2027-02-23T10:00"), E("Ece Yücel", "cleaning", "hakan", "2027-02-25T15:00")])

D("tr", ["cancel", "yes_in_sentence"], "dermatology-lisbon", "2027-03-30T10:00", "Onur", ["Onur Çetin"], [
    T("6 nisan randevumu iptal etmek istiyorum", days=["6"]),
    T("yok yok vazgeçtim, iptal etmeyin gelicem")],
  existing=[E("Onur Çetin", "laser", "rita", "2027-04-06T11:00")])

D("tr", ["reschedule", "yes_in_sentence"], "dental-ankara", "2027-02-26T12:00", "Büşra", ["Büşra Erdoğan"], [
    T("çarşamba 15teki randevumu perşembeye alabilir miyiz aynı saatte", times=["15:00"], days=["4"]),
    T("evet taşıyın lütfen")],
  moved=[{"from": "2027-03-03T15:00", "date": "2027-03-04", "time": "15:00"}],
  existing=[E("Büşra Erdoğan", "checkup", "selin", "2027-03-03T15:00")])

D("tr", ["reschedule", "own_appointments", "yes_in_sentence"], "physio-madrid", "2027-03-03T09:00", "Emre", ["Emre Koç"], [
    T("randevumu ertelemem lazım"),
    T("12 mart cuma 19:00 olur mu", times=["19:00"]),
    T("süper değiştirelim")],
  moved=[{"from": "2027-03-09T18:00", "date": "2027-03-12", "time": "19:00"}],
  existing=[E("Emre Koç", "massage", "pablo", "2027-03-09T18:00")])

D("tr", ["reschedule", "explicit_dates", "yes_in_sentence"], "gp-boston", "2027-02-04T10:00", "Tuğba", ["Tuğba Karaca"], [
    T("10 şubattaki randevumu aynı gün öğleden sonraya alabilir misiniz, saat 14:00'e", times=["14:00"]),
    T("tamam, randevumu oraya kaydırın")],
  moved=[{"from": "2027-02-10T09:00", "date": "2027-02-10", "time": "14:00"}],
  existing=[E("Tuğba Karaca", "consult", "sarah", "2027-02-10T09:00")])

D("tr", ["explicit_dates", "booking"], "dental-ankara", "2027-02-05T10:00", "Dilek", ["Dilek Arslan"], [
    T("11 Şubat Perşembe saat 10:30'a dolgu randevusu rica ediyorum", times=["10:30"], days=["11"]),
    T("evet olur")],
  booked=[B("Dilek Arslan", "filling", "2027-02-11", "10:30")])

D("tr", ["explicit_dates", "booking"], "dental-ankara", "2027-03-05T09:00", "Yusuf", ["Yusuf Kılıç"], [
    T("12 mart persembe 14:30 dis temizligi olur mu", any_=["12", "cuma", "perşembe", "persembe"]),
    T("cuma yani, tarih doğru 12 mart", times=["14:30"]),
    T("tamam kaydedin")],
  booked=[B("Yusuf Kılıç", "cleaning", "2027-03-12", "14:30")])

D("tr", ["explicit_dates", "booking"], "dental-ankara", "2027-02-17T10:00", "Yiğit", ["Yiğit Özdemir"], [
    T("22 şubat pazartesi 9'da kontrol var mı", times=["09:00"]),
    T("aynı gün öğleden sonra olsa daha iyi aslında, saat 16:00", times=["16:00"]),
    T("tamam onaylıyorum")],
  booked=[B("Yiğit Özdemir", "checkup", "2027-02-22", "16:00")])

D("tr", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-03-10T09:00", "Özge", ["Özge Yücel"], [
    T("ayın 17'sinde akne tedavisi için 10:40 uygun mu", times=["10:40"]),
    T("evet")],
  booked=[B("Özge Yücel", "acne", "2027-03-17", "10:40")])

D("tr", ["explicit_dates", "service_words", "booking"], "gp-boston", "2027-02-19T09:00", "Cem A", ["Cem Aksoy"], [
    T("25.02 saat 11:15 kan testi", times=["11:15"]),
    T("evet lütfen")],
  booked=[B("Cem Aksoy", "blood", "2027-02-25", "11:15")])

D("tr", ["own_appointments"], "dental-ankara", "2027-03-15T10:00", "Hüseyin", ["Hüseyin Polat"], [
    T("randevum ne zamandı unuttum ya 🙈", days=["19"], times=["11:00"])],
  existing=[E("Hüseyin Polat", "filling", "selin", "2027-03-19T11:00")])

D("tr", ["own_appointments", "someone_else"], "dental-ankara", "2027-02-20T10:00", "Sevgi", ["Sevgi Koç", "Alp Koç"], [
    T("oğlumun ortodonti randevusu kaçtaydı", days=["25"], times=["16:30"])],
  existing=[E("Alp Koç", "braces_consult", "murat", "2027-02-25T16:30")])

D("tr", ["own_appointments", "booking"], "dental-ankara", "2027-03-10T10:00", "İrem", ["İrem Şahin"], [
    T("kanal tedavisi için randevu almak istiyorum"),
    T("pazartesi olabilir mi"),
    T("saat 11", times=["11:00"]),
    T("evet")],
  booked=[B("İrem Şahin", "root_canal", "2027-03-15", "11:00")])

D("tr", ["passage"], "dental-ankara", "2027-02-09T13:00", "Can", [], [
    T("otopark sorunu var mı sizde, arabayla gelcem", any_=["otopark", "park"])])

D("tr", ["passage"], "dental-ankara", "2027-02-10T14:00", None, [], [
    T("SGK ile muayene olabiliyor muyuz", any_=["SGK"])])

D("tr", ["passage"], "dental-ankara", "2027-03-05T20:00", "Ebru", ["Ebru Karaca"], [
    T("pazar günü açık mısınız", any_=["kapalı", "kapali", "10", "14"])])

D("tr", ["answer_language", "passage"], "dental-ankara", "2027-01-28T11:00", "Anne", [], [
    T("küçük çocuklara da bakıyor musunuz? kaç yaşından itibaren?", any_=["3"], no=["a parent must", "we see children"])])

D("tr", ["answer_language", "passage"], "gp-boston", "2027-02-08T08:30", "Tolga", [], [
    T("kan tahlilinden önce aç gitmem gerekiyor mu, su içebilir miyim?", any_=["8", "12"], no=["fast for 8", "water is fine"])])

D("tr", ["answer_language", "passage"], "dermatology-lisbon", "2027-03-18T12:00", None, [], [
    T("hangi sigortaları kabul ediyorsunuz?", any_=["Médis", "Medis", "Multicare", "AdvanceCare"], no=["traga o cartão", "Trabalhamos com"])])

D("tr", ["answer_language", "passage"], "physio-madrid", "2027-02-25T17:00", "Kaan", [], [
    T("toplu seans paketi var mı, fiyatı ne kadar", any_=["200"], no=["el bono de 5", "cuesta 200"])])

D("tr", ["two_questions", "passage"], "dental-ankara", "2027-02-11T12:00", "Nur", [], [
    T("dolgu ne kadar tutuyor, bir de kredi kartına taksit yapıyor musunuz?", all_=["500", "6"])])

D("tr", ["two_questions", "answer_language", "passage"], "gp-boston", "2027-03-02T15:00", "Mert", [], [
    T("genel muayene ücreti ne kadar ve cumartesi açık mısınız", all_=["150"], any_=["pazartesi", "cuma", "hafta sonu", "kapalı", "kapali"], no=["we are open Monday"])])

D("tr", ["two_questions", "answer_language", "passage"], "physio-madrid", "2027-03-04T10:00", "Selin", [], [
    T("cumartesi açık mısınız? bir de DKV geçiyor mu", all_=["DKV", "13"], no=["los domingos", "traiga la autorización"])])

D("tr", ["clinic_fit", "service_words", "booking"], "gp-boston", "2027-02-24T10:00", "Barış", ["Barış Doğan"], [
    T("aile hekimiyle görüşmek istiyorum, 2 mart salı 11:45", times=["11:45"], no=DENT + ["diş"]),
    T("evet, lütfen", no=DENT + ["diş"])],
  booked=[B("Barış Doğan", "consult", "2027-03-02", "11:45")])

D("tr", ["service_words", "someone_else", "booking"], "gp-sao-paulo", "2027-03-03T10:00", "Merve", ["Merve Kara"], [
    T("kızımı çocuk doktoruna götürmem lazım, adı Defne Kara, pazartesi 8 mart 9:00 olur mu", times=["09:00"], names=["Defne"]),
    T("evet kaydedin")],
  booked=[B("Defne Kara", "pediatrics", "2027-03-08", "09:00")])

D("tr", ["day_parts", "booking"], "dental-ankara", "2027-03-04T10:00", "Oğuz", ["Oğuz Çelik"], [
    T("salı öğleden sonra temizlik için yer var mı"),
    T("ilki olur"),
    T("evet")],
  booked=[B("Oğuz Çelik", "cleaning", "2027-03-09", window=["13:00", "17:59"])],
  blocked=[X("hakan", "cleaning", "2027-03-09T12:00"), X("hakan", "cleaning", "2027-03-09T12:45"), X("selin", "cleaning", "2027-03-09T12:00")])

D("tr", ["day_parts", "service_words", "booking"], "physio-madrid", "2027-02-22T10:00", "Ufuk", ["Ufuk Aydın"], [
    T("persembe aksam masaj icin musaitlik var mi is cikisi"),
    T("19:00 olsun", times=["19:00"]),
    T("evet")],
  booked=[B("Ufuk Aydın", "massage", "2027-02-25", "19:00")])

D("tr", ["emergency"], "dental-ankara", "2027-02-06T12:00", "Sibel", ["Sibel Kara"], [
    T("cocugun disi kirildi kan durmuyor ne yapicam", emergency=True)])

D("tr", ["emergency", "clinic_fit"], "gp-boston", "2027-03-10T21:00", None, [], [
    T("babam nefes almakta zorlanıyor, dudakları morarmış", emergency=True)])

D("tr", ["emergency", "clinic_fit"], "physio-madrid", "2027-02-17T09:00", "Kadir", [], [
    T("sırtım tutuldu bacaklarım uyuştu, idrarımı da tutamıyorum", emergency=True)])

D("tr", ["emergency"], "dental-ankara", "2027-03-16T08:00", "Eda", [], [
    T("dün yirmilik dişimi çektirdim bugün yüzümün yarısı şişti ateşim 39 yutkunamıyorum", emergency=True)])

D("tr", ["emergency", "clinic_fit"], "dermatology-lisbon", "2027-04-07T14:00", "Gizem", [], [
    T("arı soktu, yüzüm gözüm şişiyor nefesim daralıyor", emergency=True)])

with open(__import__("os").path.join(__import__("os").path.dirname(__file__), "hand.jsonl"), "w", encoding="utf-8") as f:
    for o in OUT:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
print(N)
