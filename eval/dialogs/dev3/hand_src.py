import json

OUT = []


def tv(t):
    h, m = t.split(":")
    h = int(h)
    v = ["%02d:%s" % (h, m), "%d:%s" % (h, m), "%02d.%s" % (h, m), "%dh%s" % (h, m)]
    if m == "00":
        v += ["%dh" % h]
    return sorted(set(v))


def D(lang, kinds, clinic, now, profile, household, turns, booked=(), cancelled=(), moved=(), existing=(), blocked=()):
    n = sum(1 for d in OUT if d["language"] == lang) + 1
    ts = []
    for t in turns:
        if isinstance(t, str):
            ts.append({"patient": t})
        else:
            ts.append({"patient": t[0], "expect": t[1]})
    OUT.append({
        "id": "dev3-hand-%s-%03d" % (lang, n), "language": lang, "kinds": kinds, "clinic": clinic, "now": now,
        "contact": {"phone": ("+55119%08d" if lang == "pt" else "+34699%06d") % n, "profile_name": profile},
        "household": [{"name": h} for h in household],
        "existing": [{"patient": e[0], "service": e[1], "practitioner": e[2], "start": e[3]} for e in existing],
        "blocked": [{"practitioner": b[0], "service": b[1], "start": b[2]} for b in blocked],
        "turns": ts,
        "final": {"booked": [dict(zip(["patient", "service", "practitioner", "date"], b[:4]),
                                  **({"time": b[4]} if isinstance(b[4], str) else {"window": list(b[4])})) for b in booked],
                  "cancelled": list(cancelled),
                  "moved": [dict({"from": m[0], "date": m[1]}, **({"time": m[2]} if isinstance(m[2], str) else {"window": list(m[2])})) for m in moved]},
    })


NODENT = ["dentista", "dental", "diente", "dente ", "dentes", "odontol"]

# ============================================================================ PT
D("pt", ["names", "booking", "service_words"], "gp-sao-paulo", "2027-02-08T10:00", "Paulinho 🌴", [],
  ["bom dia! queria marcar clinico geral pra quinta dia 11 as 9h, meu nome é Paulo Henrique Reis",
   ("isso pode marcar", {"contains_any": tv("09:00"), "not_contains": ["Paulinho"]})],
  booked=[("Paulo Henrique Reis", "consult", None, "2027-02-11", "09:00")])

D("pt", ["names", "booking", "explicit_dates"], "dermatology-lisbon", "2027-02-10T09:30", None, [],
  ["Bom dia. Gostaria de marcar uma consulta de dermatologia para a próxima terça-feira, dia 16 de fevereiro, às 10h20, se for possível.",
   "Chamo-me Inês Rocha Matos",
   ("Sim, confirmo. Obrigada.", {"contains_any": tv("10:20")})],
  booked=[("Inês Rocha Matos", "consult", None, "2027-02-16", "10:20")])

D("pt", ["names", "booking", "yes_in_sentence"], "gp-sao-paulo", "2027-02-10T11:00", None, [],
  ["oi vcs fazem eletro? queria agendar pra terça 16/02 umas 10h",
   "Sim, o nome é Carla Pinto",
   ("pode marcar sim", {"contains_any": tv("10:00")})],
  booked=[("Carla Pinto", "ecg", None, "2027-02-16", "10:00")])

D("pt", ["names", "booking"], "gp-sao-paulo", "2027-03-01T14:00", "Ana Costa", [],
  ["Boa tarde! Queria marcar uma consulta com clínico geral na quarta 3/3 às 15h. O celular é da minha irmã, mas a consulta é pra mim, Beatriz Souza",
   ("👍 pode confirmar", {"contains_any": tv("15:00"), "not_contains": ["Ana Costa"]})],
  booked=[("Beatriz Souza", "consult", None, "2027-03-03", "15:00")])

D("pt", ["someone_else", "booking", "service_words"], "gp-sao-paulo", "2027-02-10T08:00", "Fer", ["Fernanda Alves", "Lucas Alves"],
  ["oi, bom dia! to precisando de pediatra pro meu filho Lucas, ele ta com tosse faz uns dias. tem horário segunda de manhã? tipo 9h30",
   ("fechado, pode marcar pra ele", {"contains_all": ["Lucas"], "contains_any": tv("09:30")})],
  booked=[("Lucas Alves", "pediatrics", None, "2027-02-15", "09:30")])

D("pt", ["someone_else", "booking", "explicit_dates"], "dermatology-lisbon", "2027-02-12T15:00", "Rui F.", ["Rui Ferreira"],
  ["Boa tarde, queria marcar um rastreio de sinais para a minha mãe. Ela chama-se Maria do Carmo Ferreira",
   "Pode ser quinta, 18 de fevereiro, às 11h?",
   ("Sim, pode marcar em nome dela", {"contains_all": ["Maria"]})],
  booked=[("Maria do Carmo Ferreira", "mole_check", None, "2027-02-18", "11:00")])

D("pt", ["someone_else", "booking", "service_words"], "gp-boston", "2027-02-15T11:00", "Jo 🌻", ["Joana Teixeira"],
  ["olá! minha avó precisa tomar a vacina da gripe, dá pra agendar pra ela? o nome dela é Helena Teixeira. pode ser sexta 19/02 às 10h30",
   ("sim pfv", {"contains_all": ["Helena"], "contains_any": tv("10:30")})],
  booked=[("Helena Teixeira", "vaccine", None, "2027-02-19", "10:30")])

D("pt", ["cancel", "yes_in_sentence"], "dermatology-lisbon", "2027-02-19T09:00", "Marta", ["Marta Gomes"],
  [("Bom dia, não vou conseguir ir à consulta do dia 25, tenho de viajar em trabalho 😕", {"contains_any": ["25"]}),
   "Pode cancelar sim, obrigada"],
  existing=[("Marta Gomes", "consult", "ines", "2027-02-25T10:00")], cancelled=["2027-02-25T10:00"])

D("pt", ["cancel", "yes_in_sentence"], "gp-sao-paulo", "2027-03-05T19:00", "Digo", ["Rodrigo Barbosa"],
  [("boa noite, pode desmarcar minha consulta de quarta?", {"contains_any": ["10"]}),
   "pera, na vdd não, deixa marcada que eu vou dar um jeito"],
  existing=[("Rodrigo Barbosa", "consult", "beatriz", "2027-03-10T08:00")])

D("pt", ["reschedule", "yes_in_sentence", "explicit_dates"], "gp-sao-paulo", "2027-03-03T12:00", "Tânia M", ["Tânia Moreira"],
  [("Oi! tenho cardiologista na terça dia 9 às 10h mas surgiu um compromisso, dá pra passar pra quinta 11 no mesmo horário?", {"contains_any": tv("10:00")}),
   ("pode remarcar sim, obrigada!", {"contains_any": ["11"]})],
  existing=[("Tânia Moreira", "cardio", "tiago", "2027-03-09T10:00")], moved=[("2027-03-09T10:00", "2027-03-11", "10:00")])

D("pt", ["reschedule", "yes_in_sentence"], "physio-madrid", "2027-02-10T18:00", "Nuno", ["Nuno Cardoso"],
  ["Olá, boa tarde. Tenho uma sessão de fisioterapia marcada para dia 17 e precisava de a mudar para sexta dia 19 às 10h",
   ("não, espera, melhor às 11h30 se der", {"contains_any": tv("11:30")}),
   ("sim, pode alterar para as 11h30", {"contains_any": ["19"]})],
  existing=[("Nuno Cardoso", "session", "lucia", "2027-02-17T09:00")], moved=[("2027-02-17T09:00", "2027-02-19", "11:30")])

D("pt", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-02-03T10:00", "Hugo N.", ["Hugo Nogueira"],
  [("Queria marcar consulta de dermatologia para quarta, 11 de fevereiro, às 15h", {"contains_any": ["11", "quarta", "quinta"]}),
   ("Ah desculpe, é quinta mesmo, dia 11", {"contains_any": tv("15:00")}),
   "Sim, fica marcado"],
  booked=[("Hugo Nogueira", "consult", None, "2027-02-11", "15:00")])

D("pt", ["explicit_dates", "booking", "service_words"], "gp-sao-paulo", "2027-02-09T09:00", "Clau", ["Cláudia Rocha"],
  ["queria marcar um check up completo dia 17 as 7h, antes do trabalho",
   ("bora", {"contains_any": ["07:00", "7:00", "7h", "07h00", "7h00"]})],
  booked=[("Cláudia Rocha", "checkup", None, "2027-02-17", "07:00")])

D("pt", ["explicit_dates", "names", "booking", "service_words"], "gp-boston", "2027-03-02T13:00", "Nanda", [],
  ["ola queria uma consulta com clinico geral 11/03 as 14h15 meu nome é Fernanda Lima",
   ("tá ótimo, confirma", {"contains_any": tv("14:15"), "not_contains": ["Nanda"]})],
  booked=[("Fernanda Lima", "consult", None, "2027-03-11", "14:15")])

D("pt", ["explicit_dates", "booking"], "dermatology-lisbon", "2027-02-22T10:00", "Débora", ["Débora Martins"],
  [("Boa tarde, era para marcar depilação a laser sexta, 26 de fevereiro, às 10h", {"contains_any": tv("10:00")}),
   ("hmm afinal pode ser no mesmo dia mas mais tarde? às 16h", {"contains_any": tv("16:00")}),
   ("sim, às 16h está ótimo, pode marcar", {"contains_any": ["26"]})],
  booked=[("Débora Martins", "laser", None, "2027-02-26", "16:00")])

D("pt", ["own_appointments"], "dermatology-lisbon", "2027-03-01T09:00", "Patty", ["Patrícia Lopes"],
  [("olá, não me lembro se a minha consulta de acne era quinta ou sexta, pode confirmar?", {"contains_any": ["11:20", "11h20", "11.20"], "contains_all": ["4"], "handoff": False})],
  existing=[("Patrícia Lopes", "acne", "ines", "2027-03-04T11:20")])

D("pt", ["own_appointments", "booking"], "gp-sao-paulo", "2027-02-15T10:00", "Vini", ["Vinícius Oliveira"],
  ["quero marcar um eletro tb",
   ("pode ser no mesmo dia da minha consulta? mas depois dela", {"contains_any": ["18"], "handoff": False}),
   ("às 10h", {"contains_any": tv("10:00")}),
   "sim"],
  existing=[("Vinícius Oliveira", "consult", "beatriz", "2027-02-18T09:00")],
  booked=[("Vinícius Oliveira", "ecg", None, "2027-02-18", "10:00")])

D("pt", ["own_appointments", "cancel", "yes_in_sentence"], "gp-boston", "2027-03-12T16:00", "Edu", ["Eduardo Pinto"],
  [("oi, qnd é meu check-up msm?", {"contains_all": ["19"], "contains_any": tv("09:00"), "handoff": False}),
   "ah ok, nesse dia nao vou poder ir. pode cancelar?",
   "sim, cancela por favor"],
  existing=[("Eduardo Pinto", "physical", "sarah", "2027-03-19T09:00")], cancelled=["2027-03-19T09:00"])

D("pt", ["passage"], "gp-sao-paulo", "2027-02-11T13:00", "Gi", [],
  [("boa tarde, quais convênios vcs pegam?", {"contains_any": ["Amil", "Bradesco", "SulAm"], "handoff": False})])

D("pt", ["passage"], "dermatology-lisbon", "2027-02-11T13:00", None, [],
  [("Vou de carro, há algum sítio para deixar o carro perto da clínica?", {"contains_any": ["Rosa Araújo", "Rosa Araujo"], "handoff": False})])

D("pt", ["passage"], "gp-sao-paulo", "2027-03-15T08:00", "Beto", [],
  [("bom dia vcs tem convenio com algum estacionamento ai perto?", {"contains_any": ["1480"], "handoff": False})])

D("pt", ["passage", "answer_language"], "physio-madrid", "2027-02-16T17:00", "Lu", [],
  [("Oi, queria saber se vocês têm algum pacote de sessões de fisio com desconto", {"contains_any": ["200"], "not_contains": ["el bono de 5 sesiones", "cuesta 200"]})])

D("pt", ["passage", "answer_language"], "gp-boston", "2027-02-16T17:00", "Mari", [],
  [("preciso ir em jejum fazer exame de sangue? quantas horas?", {"contains_any": ["12", "8"], "not_contains": ["fast for", "water is fine"]})])

D("pt", ["passage", "answer_language"], "dental-ankara", "2027-02-16T17:00", "Zé", [],
  [("vocês atendem sábado? até que horas?", {"contains_any": ["14"], "not_contains": ["Cumartesi", "açığız"]})])

D("pt", ["two_questions"], "gp-sao-paulo", "2027-02-18T10:00", "Rafa", [],
  [("quanto custa a consulta particular com clínico? e como posso pagar?", {"contains_all": ["250", "pix"]})])

D("pt", ["two_questions"], "dermatology-lisbon", "2027-02-18T10:00", None, [],
  [("Boa tarde! Quanto custa o rastreio de sinais? E abrem aos sábados?", {"contains_all": ["110", "sexta"]})])

D("pt", ["two_questions", "answer_language"], "gp-boston", "2027-02-18T10:00", "Carol", [],
  [("oi, onde fica a clínica? tem estacionamento?", {"contains_all": ["Boylston", "Prudential"], "not_contains": ["Validated parking"]})])

D("pt", ["clinic_fit"], "physio-madrid", "2027-02-18T10:00", "Dinho", [],
  [("oi, queria marcar uma consulta", {"contains_any": ["fisio", "massag", "pilates", "avalia", "reabilita"], "not_contains": NODENT})])

D("pt", ["clinic_fit"], "dermatology-lisbon", "2027-02-18T10:00", "Xuxu", [],
  [("Olá! Queria marcar qualquer coisa para a pele, que consultas têm?", {"contains_any": ["dermatolog", "acne", "sinais", "laser", "peeling"], "not_contains": NODENT + ["fisioterap"]})])

D("pt", ["service_words", "booking"], "gp-boston", "2027-03-03T09:00", "Lucas M", ["Lucas Martins"],
  ["preciso passar no médico de família, tem vaga terça 9/3 às 11h?",
   ("pode ser sim", {"contains_any": tv("11:00")})],
  booked=[("Lucas Martins", "consult", None, "2027-03-09", "11:00")])

D("pt", ["service_words", "booking", "names", "clinic_fit"], "dental-ankara", "2027-03-02T10:00", None, [],
  ["Olá! Queria fazer uma limpeza nos dentes. Têm vaga segunda, 8 de março, às 14h? Sou o Miguel Teixeira.",
   ("confirmo", {"contains_any": tv("14:00")})],
  booked=[("Miguel Teixeira", "cleaning", None, "2027-03-08", "14:00")])

D("pt", ["service_words"], "gp-sao-paulo", "2027-02-18T10:00", "Tatá", [],
  ["vcs fazem ultrassom? queria marcar um pra semana que vem"])

D("pt", ["day_parts", "booking"], "gp-sao-paulo", "2027-02-11T10:00", "Lê", ["Letícia Cardoso"],
  [("oi queria marcar clínico geral terça à tarde", {"not_contains": ["12:00", "12:30", "12h00", "12h30"]}),
   ("15h30 pode ser?", {"contains_any": tv("15:30")}),
   "fechado"],
  booked=[("Letícia Cardoso", "consult", None, "2027-02-16", "15:30")])

D("pt", ["day_parts", "booking", "service_words"], "physio-madrid", "2027-02-15T18:00", "Bruno", ["Bruno Souza"],
  ["boa noite, dá pra marcar fisio pra quarta de manhã?",
   "qualquer um, o primeiro serve",
   "isso, pode marcar"],
  booked=[("Bruno Souza", "session", None, "2027-02-17", ("08:00", "12:00"))])

D("pt", ["day_parts", "booking", "names"], "dermatology-lisbon", "2027-02-18T11:00", None, [],
  [("Olá, sou a Joana Reis, queria uma consulta de dermatologia quarta-feira à tarde, 24 de fevereiro", {"not_contains": ["12:00", "12:20", "12:40", "12h00", "12h20", "12h40"]}),
   ("às 16h40 dá?", {"contains_any": tv("16:40")}),
   "pode ser, obrigada"],
  booked=[("Joana Reis", "consult", None, "2027-02-24", "16:40")])

D("pt", ["emergency"], "gp-sao-paulo", "2027-02-18T22:00", "Mãe do Davi", [],
  [("meu filho de 3 anos ta com febre de 40 e pouco, ta molinho e apareceram umas manchinhas roxas na perna", {"emergency": True})])
D("pt", ["emergency"], "dermatology-lisbon", "2027-02-18T10:00", None, [],
  [("Estou com a cara toda inchada e sinto a garganta a fechar, comecei um antibiótico ontem", {"emergency": True})])
D("pt", ["emergency", "clinic_fit"], "dental-ankara", "2027-02-18T10:00", "Sandra", [],
  [("socorro minha filha caiu de bicicleta, o dente da frente ficou mole e não para de sangrar", {"emergency": True})])
D("pt", ["emergency"], "physio-madrid", "2027-02-18T10:00", "Rui", [],
  [("caí no treino, ouvi um estalo e o joelho ta virado pro lado, dor insuportavel nao consigo levantar", {"emergency": True})])
D("pt", ["emergency"], "gp-boston", "2027-02-18T10:00", "Neto", [],
  [("minha mãe de 80 anos ta com o lado direito do rosto caído e não consegue levantar o braço", {"emergency": True})])

D("pt", ["booking", "names", "explicit_dates"], "gp-boston", "2027-02-16T09:00", None, [],
  ["Bom dia, tudo bem? Desculpe o incômodo, eu sou nova na cidade e gostaria de saber se seria possível agendar uma consulta com o Dr. Carlos, que fala português, na próxima segunda-feira, dia 22 de fevereiro, às 11h... meu nome é Raquel Nogueira. Muito obrigada!",
   ("Sim, pode confirmar, muito obrigada 🙏", {"contains_any": tv("11:00")})],
  booked=[("Raquel Nogueira", "consult", "carlos", "2027-02-22", "11:00")])

D("pt", ["booking"], "gp-sao-paulo", "2027-02-24T10:00", "Guga", ["Gustavo Lopes"],
  [("consulta sab 8h?", {"contains_any": ["27"]}),
   "blz"],
  booked=[("Gustavo Lopes", "consult", None, "2027-02-27", "08:00")])

D("pt", ["booking", "explicit_dates"], "dermatology-lisbon", "2027-03-01T12:00", "Tiago", ["Tiago Gomes"],
  ["queria marcar peeling quinta dia 4 às 10h",
   ("ai nao, desculpa, quis dizer sexta dia 5, mesma hora", {"contains_any": ["5"]}),
   ("sim sim pode", {"contains_any": tv("10:00")})],
  booked=[("Tiago Gomes", "peel", None, "2027-03-05", "10:00")])

D("pt", ["someone_else", "booking"], "gp-sao-paulo", "2027-02-25T10:00", "Marina", ["Marina Campos"],
  ["oi tudo bem entao eu queria ver se consigo um encaixe com a pediatra pra minha filha ela ta com uma tossezinha chata faz uns 3 dias nada grave mas queria que alguem olhasse, pode ser segunda dia 1 de manha tipo 10h? o nome dela é Alice Campos",
   ("pode sim obgda 🙏", {"contains_all": ["Alice"], "contains_any": tv("10:00")})],
  booked=[("Alice Campos", "pediatrics", None, "2027-03-01", "10:00")])

D("pt", ["booking", "yes_in_sentence"], "physio-madrid", "2027-03-01T10:00", "André", ["André Pereira"],
  ["queria uma massagem desportiva quinta 4 de março às 13h",
   ("hmm deixa, melhor não, vou ver com o meu treinador primeiro", {"handoff": False})])

D("pt", ["someone_else", "booking", "service_words"], "gp-boston", "2027-03-22T09:00", "Ricardo", ["Ricardo Moreira", "Sílvia Moreira"],
  ["a minha esposa Sílvia precisa de fazer análises ao sangue, pode ser quarta 24 às 8h15?",
   ("sim, em nome dela, obrigado", {"contains_all": ["Sílvia"], "contains_any": tv("08:15")})],
  booked=[("Sílvia Moreira", "blood", None, "2027-03-24", "08:15")])

# ============================================================================ ES
D("es", ["names", "booking", "service_words"], "physio-madrid", "2027-02-08T10:00", "Juanito", [],
  ["hola buenas, quería pedir cita para fisio el jueves 11 de febrero a las 18:30",
   "me llamo Juan Antonio Pérez",
   ("sí, resérvemela", {"contains_any": tv("18:30"), "not_contains": ["Juanito"]})],
  booked=[("Juan Antonio Pérez", "session", None, "2027-02-11", "18:30")])

D("es", ["names", "booking", "service_words"], "gp-boston", "2027-02-24T09:00", "Mami 💕", [],
  ["buenos días, necesito un médico de cabecera para el martes 2 de marzo a las 10:30, de parte de Rosa Elena Castillo",
   ("perfecto, confirma", {"contains_any": tv("10:30"), "not_contains": ["Mami"]})],
  booked=[("Rosa Elena Castillo", "consult", None, "2027-03-02", "10:30")])

D("es", ["names", "booking", "yes_in_sentence"], "dermatology-lisbon", "2027-02-12T10:00", None, [],
  ["Hola! ¿me pueden dar cita con el dermatólogo el viernes 19 de febrero a las 9:40?",
   "sí, soy Carmen Ortiz",
   ("sí, perfecto", {"contains_any": tv("09:40")})],
  booked=[("Carmen Ortiz", "consult", None, "2027-02-19", "09:40")])

D("es", ["names", "booking"], "gp-sao-paulo", "2027-02-22T10:00", "Carlos Ruiz", [],
  ["hola, quisiera una consulta de medicina general el viernes 26 a las 17hs. mi nombre es Daniela Ruiz, el celular es de mi marido",
   ("dale", {"contains_any": tv("17:00") + ["17hs"], "not_contains": ["Carlos"]})],
  booked=[("Daniela Ruiz", "consult", None, "2027-02-26", "17:00")])

D("es", ["someone_else", "booking"], "physio-madrid", "2027-03-10T12:00", "Elena", ["Elena Martín", "Lucía Martín"],
  ["hola! quiero reservar una valoración para mi hija Lucía, se torció el tobillo jugando al baloncesto. ¿el lunes 15 a las 17:00?",
   ("sí, apúntala a ella porfa", {"contains_all": ["Luc"], "contains_any": tv("17:00")})],
  booked=[("Lucía Martín", "assessment", None, "2027-03-15", "17:00")])

D("es", ["someone_else", "booking", "service_words"], "gp-boston", "2027-02-26T15:00", "Héctor", ["Héctor Vargas"],
  ["buenas tardes, quisiera pedir cita para mi padre, se llama Ramón Vargas, necesita renovar la receta de la tensión",
   "¿puede ser el jueves 4 de marzo a las 11?",
   ("sí, resérvasela", {"contains_all": ["Ram"]})],
  booked=[("Ramón Vargas", "telehealth", None, "2027-03-04", "11:00")])

D("es", ["someone_else", "booking"], "dental-ankara", "2027-03-03T09:00", "Sofi", ["Sofía Romero"],
  ["Hola, mi abuela Carmen Romero necesita una revisión de los dientes, ¿tienen hueco el miércoles 10 de marzo a las 10?",
   ("vale, perfecto, para ella", {"contains_all": ["Carmen"], "contains_any": tv("10:00")})],
  booked=[("Carmen Romero", "checkup", None, "2027-03-10", "10:00")])

D("es", ["cancel", "yes_in_sentence"], "physio-madrid", "2027-02-19T11:00", "Diego", ["Diego Herrera"],
  [("buenas, al final no voy a poder ir al masaje del miércoles 24, me ha salido un viaje", {"contains_any": ["24"]}),
   "sí, cancélela por favor"],
  existing=[("Diego Herrera", "massage", "pablo", "2027-02-24T19:00")], cancelled=["2027-02-24T19:00"])

D("es", ["cancel", "yes_in_sentence"], "gp-boston", "2027-03-18T17:00", "Xime", ["Ximena Rojas"],
  [("hola, ¿me pueden anular el análisis del martes 23?", {"contains_any": ["23"]}),
   "mmm espera, no, mejor no la anules, ya me organizo"],
  existing=[("Ximena Rojas", "blood", "nurse", "2027-03-23T08:15")])

D("es", ["reschedule", "yes_in_sentence"], "dermatology-lisbon", "2027-02-09T10:00", "Pili", ["Pilar Domínguez"],
  [("Hola, tengo la revisión de lunares el martes 16 a las 11, ¿se podría pasar al jueves 18 a la misma hora?", {"contains_any": ["18"]}),
   "sí, cámbiela, gracias"],
  existing=[("Pilar Domínguez", "mole_check", "emily", "2027-02-16T11:00")], moved=[("2027-02-16T11:00", "2027-02-18", "11:00")])

D("es", ["reschedule", "own_appointments"], "gp-sao-paulo", "2027-04-06T10:00", "Mateo", ["Mateo Suárez"],
  ["necesito mover mi cita con el cardiólogo del 13, ¿hay algo el jueves 15?",
   ("a las 9:30 entonces", {"contains_any": tv("09:30"), "handoff": False}),
   ("no, mejor a las 11", {"contains_any": tv("11:00")}),
   "sí, pásala"],
  existing=[("Mateo Suárez", "cardio", "tiago", "2027-04-13T11:00")], moved=[("2027-04-13T11:00", "2027-04-15", "11:00")])

D("es", ["explicit_dates", "booking", "service_words"], "physio-madrid", "2027-02-04T09:00", "Raúl", ["Raúl Ortiz"],
  [("quisiera una sesión de fisio el martes 11 de febrero a las 9", {"contains_any": ["11", "martes", "jueves"]}),
   ("perdona, el jueves 11, me lié con el día", {"contains_any": tv("09:00")}),
   "vale, perfecto"],
  booked=[("Raúl Ortiz", "session", None, "2027-02-11", "09:00")])

D("es", ["explicit_dates", "booking", "names", "service_words"], "gp-boston", "2027-03-09T10:00", None, [],
  ["hola q tal, vacuna de la gripe el 17 a las 9:45 porfa, soy Iván Méndez",
   ("sí", {"contains_any": tv("09:45")})],
  booked=[("Iván Méndez", "vaccine", None, "2027-03-17", "09:45")])

D("es", ["explicit_dates", "booking", "service_words"], "dental-ankara", "2027-02-15T14:00", "Marta", ["Marta Navarro"],
  ["Buenas, tengo una caries que me molesta, ¿me dan hora para un empaste el 22 de febrero a las 12?",
   ("sí, resérvemela", {"contains_any": tv("12:00")})],
  booked=[("Marta Navarro", "filling", None, "2027-02-22", "12:00")])

D("es", ["explicit_dates", "booking"], "physio-madrid", "2027-03-08T10:00", "Andrés", ["Andrés Torres"],
  [("quería un masaje deportivo el viernes 12 de marzo a las 9", {"contains_any": tv("09:00")}),
   ("o mejor el mismo día pero más tarde, ¿tenéis a las 18:00?", {"contains_any": tv("18:00")}),
   ("sí, esa, resérvala", {"contains_any": ["12"]})],
  booked=[("Andrés Torres", "massage", None, "2027-03-12", "18:00")])

D("es", ["own_appointments"], "physio-madrid", "2027-03-05T20:00", "Rocío", ["Rocío Delgado"],
  [("hola! me he liado, ¿cuándo tenía el pilates y la fisio?", {"contains_all": ["10", "12"], "contains_any": ["9:15", "09:15", "9.15", "09.15", "9h15"], "handoff": False})],
  existing=[("Rocío Delgado", "pilates", "carmen", "2027-03-10T10:00"), ("Rocío Delgado", "session", "lucia", "2027-03-12T09:15")])

D("es", ["own_appointments", "booking", "service_words"], "gp-boston", "2027-02-26T10:00", "Jorge", ["Jorge Salas"],
  ["quiero hacerme un análisis de sangre",
   ("el mismo día que tengo la consulta con el doctor, a las 11", {"contains_any": tv("11:00"), "handoff": False}),
   ("dale", {"contains_any": ["4"]})],
  existing=[("Jorge Salas", "consult", "carlos", "2027-03-04T10:00")],
  booked=[("Jorge Salas", "blood", None, "2027-03-04", "11:00")])

D("es", ["own_appointments"], "dermatology-lisbon", "2027-04-08T12:00", "Lore", ["Lorena Suárez"],
  [("perdona, ¿a qué hora era mi depilación de la semana que viene?", {"contains_all": ["14"], "contains_any": tv("15:00"), "handoff": False}),
   ("vale gracias! y ya que estoy, ¿cuánto cuesta?", {"contains_any": ["65"]})],
  existing=[("Lorena Suárez", "laser", "rita", "2027-04-14T15:00")])

D("es", ["passage"], "physio-madrid", "2027-02-10T10:00", "Kike", [],
  [("¿qué tengo que llevar puesto para la sesión?", {"contains_any": ["toalla", "cómoda", "comoda"], "handoff": False})])
D("es", ["passage"], "physio-madrid", "2027-02-10T10:00", None, [],
  [("oye y si compro varias sesiones sale más barato?", {"contains_any": ["200"], "handoff": False})])
D("es", ["passage"], "physio-madrid", "2027-02-10T10:00", "Tita", [],
  [("mi seguro es de los privados, ¿os vale o tengo que pagar yo?", {"contains_any": ["Sanitas", "Adeslas", "DKV"], "handoff": False})])
D("es", ["passage", "answer_language"], "dermatology-lisbon", "2027-02-10T10:00", "Nena 🌻", [],
  [("¿Se puede aparcar cerca de la clínica?", {"contains_any": ["Rosa Araújo", "Rosa Araujo"], "not_contains": ["parque público", "a dois minutos a pé"]})])
D("es", ["passage", "answer_language"], "gp-sao-paulo", "2027-02-10T10:00", "Chema", [],
  [("¿aceptan seguro médico? tengo uno brasileño", {"contains_any": ["Amil", "Bradesco", "SulAm"], "not_contains": ["traga a carteirinha", "Aceitamos Amil"]})])
D("es", ["passage", "answer_language"], "gp-boston", "2027-02-10T10:00", "Gordo", [],
  [("¿dónde puedo dejar el carro cuando vaya?", {"contains_any": ["Prudential"], "not_contains": ["Validated parking"]})])
D("es", ["passage", "answer_language"], "dental-ankara", "2027-02-10T10:00", "Pau", [],
  [("¿atienden a niños pequeños? mi hijo tiene 4 años", {"contains_any": ["3"], "not_contains": ["a parent must come", "we see children"]})])

D("es", ["two_questions"], "physio-madrid", "2027-02-11T10:00", "Lolo", [],
  [("¿cuánto cuesta la sesión de fisio y abrís los sábados?", {"contains_all": ["45", "13"]})])
D("es", ["two_questions", "answer_language"], "gp-boston", "2027-02-11T10:00", None, [],
  [("¿qué seguros aceptan y cuánto sale la consulta si pago yo?", {"contains_all": ["150"], "contains_any": ["Blue Cross", "Harvard Pilgrim", "Tufts", "Medicare"], "not_contains": ["We accept", "bring your insurance card"]})])
D("es", ["two_questions", "answer_language"], "gp-sao-paulo", "2027-02-11T10:00", "Churri", [],
  [("¿dónde están y abren el sábado?", {"contains_all": ["Augusta", "12"], "not_contains": ["aos sábados"]})])

D("es", ["clinic_fit"], "physio-madrid", "2027-02-11T10:00", "Pepa", [],
  [("hola, quería pedir una cita", {"contains_any": ["fisio", "masaje", "pilates", "valoraci", "rehabilit"], "not_contains": NODENT})])
D("es", ["clinic_fit"], "gp-boston", "2027-02-11T10:00", "Mimi", [],
  [("¿qué tipo de citas puedo pedir con ustedes?", {"contains_any": ["consulta", "análisis", "analisis", "vacun", "receta", "chequeo"], "not_contains": NODENT + ["fisioterap"]})])

D("es", ["service_words", "booking"], "gp-boston", "2027-03-04T10:00", "Nico", ["Nicolás Rojas"],
  ["me da hora con el médico de cabecera para el miércoles 10 de marzo a las 8:30?",
   ("sí porfa", {"contains_any": tv("08:30")})],
  booked=[("Nicolás Rojas", "consult", None, "2027-03-10", "08:30")])

D("es", ["service_words", "booking", "names"], "physio-madrid", "2027-03-11T12:00", "Runner 🏃", [],
  ["hola!! tengo las piernas cargadísimas de correr la maratón, ¿hay hueco para una descarga muscular el martes 16 a las 19:00? soy Álvaro Méndez",
   ("genial, resérvala", {"contains_any": tv("19:00")})],
  booked=[("Álvaro Méndez", "massage", None, "2027-03-16", "19:00")])

D("es", ["service_words", "booking", "clinic_fit"], "dental-ankara", "2027-02-26T10:00", "Tomás", ["Tomás Ortiz"],
  ["me dijeron que necesito una endodoncia, ¿me la pueden hacer el viernes 5 de marzo a las 15?",
   ("de acuerdo, resérvala", {"contains_any": tv("15:00")})],
  booked=[("Tomás Ortiz", "root_canal", None, "2027-03-05", "15:00")])

D("es", ["service_words"], "physio-madrid", "2027-02-26T10:00", "Mimi", [],
  ["¿hacen acupuntura? quería reservar una sesión de eso"])

D("es", ["day_parts", "booking", "service_words"], "physio-madrid", "2027-02-17T10:00", "Paula", ["Paula Herrera"],
  [("buenas! ¿tienen algo el martes 23 por la tarde para fisio?", {"not_contains": ["12:00", "12:15", "12:30", "13:00", "13:15"]}),
   ("a las 17:30 me viene genial", {"contains_any": tv("17:30")}),
   "sí, resérvela"],
  booked=[("Paula Herrera", "session", None, "2027-02-23", "17:30")])

D("es", ["day_parts", "booking"], "gp-sao-paulo", "2027-03-08T09:00", "Sergio", ["Sergio García"],
  [("hola, quiero una consulta con el médico general el jueves por la tarde", {"not_contains": ["12:00", "12:30", "12h00", "12h30"]}),
   "la primera que tengas",
   "dale, esa"],
  booked=[("Sergio García", "consult", None, "2027-03-11", ("14:00", "19:00"))])

D("es", ["day_parts", "booking", "service_words"], "gp-boston", "2027-02-09T15:00", "Cami", ["Camila Torres"],
  ["¿me pueden poner la vacuna mañana por la mañana?",
   "cualquiera, la primera",
   "sí"],
  booked=[("Camila Torres", "vaccine", None, "2027-02-10", ("08:00", "12:00"))])

D("es", ["emergency"], "physio-madrid", "2027-02-12T10:00", "Hija de Paco", [],
  [("mi padre está con un dolor muy fuerte en el pecho y le cuesta respirar, está sudando", {"emergency": True})])
D("es", ["emergency"], "gp-boston", "2027-02-12T03:00", None, [],
  [("mi bebé de 8 meses tiene 40 de fiebre y no se despierta bien, está como ido", {"emergency": True})])
D("es", ["emergency"], "dermatology-lisbon", "2027-02-12T10:00", "Vero", [],
  [("me tomé un antibiótico nuevo y se me están hinchando los labios y la lengua, me cuesta tragar", {"emergency": True})])
D("es", ["emergency", "clinic_fit"], "dental-ankara", "2027-02-12T10:00", "Papá Leo", [],
  [("a mi hijo le dieron un pelotazo en la boca, se le salió un diente entero y no para de sangrar", {"emergency": True})])
D("es", ["emergency"], "gp-sao-paulo", "2027-02-12T10:00", "Rodri", [],
  [("ayuda mi esposa se desmayó en la cocina y está como ida, no me responde bien", {"emergency": True})])

D("es", ["booking", "service_words"], "physio-madrid", "2027-04-12T20:00", "Santi", ["Santiago Molina"],
  [("fisio mañana 8:00?", {"contains_any": ["13"]}),
   ("ok", {"contains_any": tv("08:00")})],
  booked=[("Santiago Molina", "session", None, "2027-04-13", "08:00")])

D("es", ["booking", "names", "service_words"], "gp-boston", "2027-03-02T10:00", "Dani", [],
  ["hola buenas q tal mira te escribo xq necesito una cita para mi y otra cosa mi hija tb necesita la vacuna pero eso lo veo despues, lo mio es con el medico general el lunes 8 de marzo a las 10 y media si se puede, me llamo Daniela Vargas",
   ("sí, la mía está bien así, gracias", {"contains_any": tv("10:30")})],
  booked=[("Daniela Vargas", "consult", None, "2027-03-08", "10:30")])

D("es", ["booking", "yes_in_sentence"], "dermatology-lisbon", "2027-03-01T10:00", "Isa", ["Isabel Molina"],
  ["quería reservar un peeling el miércoles 3 a las 15:00",
   ("uy no, pensándolo bien mejor no, que tengo boda el finde y no quiero irritarme la piel", {"handoff": False})])

D("es", ["someone_else", "booking", "yes_in_sentence"], "gp-sao-paulo", "2027-03-15T09:00", "Valen", ["Valentina Rojas", "Mateo Rojas"],
  ["buenas, necesito pediatra para mi hijo Mateo, el miércoles 17 a las 11",
   ("sí, resérvesela a él por favor", {"contains_all": ["Mateo"], "contains_any": tv("11:00")})],
  booked=[("Mateo Rojas", "pediatrics", None, "2027-03-17", "11:00")])

D("es", ["reschedule", "yes_in_sentence", "explicit_dates"], "physio-madrid", "2027-03-01T09:00", "Jaime", ["Jaime Castillo"],
  [("Buenos días. Tengo pilates el lunes 8 a las 10 y necesitaría pasarlo al miércoles 10 a la misma hora, si puede ser.", {"contains_any": ["10"]}),
   ("vale, hágame el cambio", {"contains_any": tv("10:00")})],
  existing=[("Jaime Castillo", "pilates", "carmen", "2027-03-08T10:00")], moved=[("2027-03-08T10:00", "2027-03-10", "10:00")])

with open(__import__("os").path.join(__import__("os").path.dirname(__file__), "hand.jsonl"), "w", encoding="utf-8") as fh:
    for d in OUT:
        fh.write(json.dumps(d, ensure_ascii=False) + "\n")
print(len(OUT), sum(d["language"] == "pt" for d in OUT), sum(d["language"] == "es" for d in OUT))
