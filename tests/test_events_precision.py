"""What the coder says must be right (precision): codebook conventions for sentences and charges, unnamed
offices as their countries, pronouns resolved, no article date for a background act, the date of the act
a sentence refers back to. Sentences written for these tests (invented people)."""
from __future__ import annotations

from svodka.events import code_events
from svodka.model import Article
from svodka.nlp import annotate


def coded(*body: str, title: str = "Новости дня", date: str = "2025-03-14"):
    article = annotate(Article(id="p", source="t", published=date, title=title, body=list(body)))
    return code_events(article)


def of_type(events, kind):
    return [e for e in events if e.type == kind]


def test_prison_sentence_is_detention():
    evs = coded("Суд приговорил бывшего мэра Тулы Игоря Ветрова к восьми годам колонии строгого режима.")
    assert of_type(evs, "arrest") and of_type(evs, "arrest")[0].cameo == "173"
    assert not of_type(evs, "convict")


def test_formal_charge_is_an_accusation():
    evs = coded("Следователи предъявили обвинение бывшему министру Олегу Ракитину.")
    charged = of_type(evs, "accuse")
    assert charged and charged[0].cameo == "1121" and not of_type(evs, "charge")


def test_unnamed_court_acts_for_its_country():
    evs = coded("Итальянский суд освободил из тюрьмы бизнесмена Марко Ферри.")
    release = of_type(evs, "release")
    assert release and release[0].source == ["Италия"]


def test_background_act_gets_no_article_date():
    evs = coded("Министр обороны Эстонии Пеэтер Таллинг прибыл в Ригу на переговоры.",
                "Переговоры продлятся два дня.",
                "Ранее полиция задержала журналиста Андрея Лыкова в Тарту.")
    arrests = of_type(evs, "arrest")
    assert arrests and all(e.date != "2025-03-14" for e in arrests)


def test_act_told_in_the_course_of_another_takes_its_date():
    evs = coded("В ходе разговора Петров также поздравил Сидорова с победой на выборах.",
                title="Президент Молдавии Иван Петров 12 марта провёл телефонный разговор с Сергеем Сидоровым")
    praise = of_type(evs, "praise")
    call = of_type(evs, "call")
    assert call and praise and praise[0].date == call[0].date


# --- CAMEO actor codes ---------------------------------------------------------------------------------

def test_actors_are_coded_country_and_role():
    from svodka.events.actor_codes import role_of

    assert role_of("министр иностранных дел России") == "GOV"
    assert role_of("Министерство обороны") == "MIL"
    assert role_of("полиция Баку") == "COP"
    assert role_of("МВД") == "COP"
    assert role_of("суд") == "JUD"
    assert role_of("боевики") == "REB"
    assert role_of("мирные жители") == "CVL"
    assert role_of("журналистка") is None or role_of("журналист") == "MED"
    evs = coded("Министр иностранных дел Эстонии Пеэтер Таллинг и министр иностранных дел Латвии Айварс Озолс "
                "встретились в Риге.")
    meet = [e for e in evs if e.type == "meet"][0]
    codes_ = {a.code for side in meet.actors.values() for a in side}
    assert codes_ == {"ESTGOV", "LVAGOV"}
    police = coded("Полиция Баку задержала двух граждан России.")
    arrest = of_type(police, "arrest")[0]
    assert [a.code for a in arrest.actors["source"]] == ["AZECOP"]


def test_gdelt_rows_carry_actor_codes():
    from svodka.events.gdelt import COLUMNS, rows

    article = annotate(Article(id="g", source="t", published="2025-03-14", title="Новости дня",
                               body=["Полиция Баку задержала журналиста Ильяса Мамедова."]))
    article.events = code_events(article)
    row = dict(zip(COLUMNS, rows(article, article.events)[0]))
    assert row["Actor1Code"] == "AZECOP" and row["Actor1Type1Code"] == "COP" and row["Actor1CountryCode"] == "AZE"
    assert row["Actor2Name"] == "Ильяс Мамедов"


def test_only_entities_countries_and_role_coded_groups_are_actors():
    from svodka.events.actor_codes import actor_ref, is_actor

    assert is_actor(actor_ref("боевики", None, None))                      # REB
    assert is_actor(actor_ref("китайцы", None, None))                      # CHN + CVL
    assert actor_ref("китайцы", None, None).code == "CHNCVL"
    assert is_actor(actor_ref("Италия", None, "ITA"))
    assert not is_actor(actor_ref("сбыт наркотиков", None, None))
    assert not is_actor(actor_ref("тема", None, None))


# --- modality and types ---------------------------------------------------------------------------------

def test_a_banned_act_did_not_happen():
    evs = coded("Суд вынес временный запрет на экстрадицию Игоря Павлова в Казахстан.")
    assert all(e.modality == "negated" for e in evs if e.type in ("deport", "extradite"))


def test_an_act_one_strives_for_is_an_intent():
    evs = coded("Адвокаты пытаются добиться освобождения Игоря Павлова в обмен на показания.")
    release = [e for e in evs if e.cameo and e.cameo.startswith(("084", "035"))]
    assert release and all(e.modality == "intent" for e in release)


def test_seizing_evidence_is_no_seizure():
    assert not of_type(coded("Полицейские изъяли записи с камер видеонаблюдения."), "seize")


def test_arson_destroys_property():
    evs = coded("Неизвестные устроили поджог здания администрации в Курске.")
    assert [e.cameo for e in of_type(evs, "seize")] == ["1712"]


def test_the_body_a_passive_act_happened_in_did_it():
    evs = coded("В Следственном комитете Армении возбуждено уголовное дело об убийстве фермера Араика Мкртчяна.")
    cases = of_type(evs, "investigate")
    assert cases and cases[0].source and cases[0].source[0].startswith("Следственный комитет")


def test_a_coded_actor_carries_the_entitys_other_names():
    evs = coded("Следственный комитет (СК) возбудил дело против бывшего мэра Тулы Игоря Ветрова.")
    case = of_type(evs, "investigate")[0]
    assert "СК" in case.actors["source"][0].aliases


# --- dates of other clauses, events named as background, descriptors read as the person ----------------

def test_time_of_a_subordinate_clause_is_not_the_event_date():
    evs = coded("Президент Литвы Ян Каукас встретился с премьером Латвии Айной Озолой после того, как летом "
                "отношения двух стран пережили кризис.", date="2025-10-09")
    meet = of_type(evs, "meet")
    assert meet and meet[0].date == "2025-10-09"


def test_a_happening_named_as_the_ground_of_the_news_gets_no_article_date():
    evs = coded("Авиакомпания возобновила рейсы в Актау после крушения самолёта под Актау.", date="2025-10-09")
    crashes = of_type(evs, "accident")
    assert all(e.date != "2025-10-09" for e in crashes)


def test_a_descriptor_refers_back_to_the_person_the_article_is_about():
    evs = coded("Бывшего депутата Артёма Зуева задержали в Самаре в пятницу.",
                "Зуев проработал в городской думе десять лет.",
                "В субботу суд отправил бывшего депутата под арест на два месяца.",
                title="В Самаре задержан Артём Зуев")
    arrests = of_type(evs, "arrest")
    assert arrests and all(e.target == ["Артём Зуев"] for e in arrests)


def test_a_descriptor_of_another_nationality_or_in_a_list_is_someone_else():
    evs = coded("Суд приговорил Артёма Зуева к девяти годам колонии за убийство французского туриста.",
                title="Артём Зуев осуждён")
    assaults = of_type(evs, "assault")
    assert all("Артём Зуев" not in e.target for e in assaults)


def test_references_to_an_accident_are_not_new_accidents():
    evs = coded("Самолёт местной авиакомпании разбился 3 марта под Кемью.",
                "Семьи погибших в катастрофе получат компенсации.",
                "Власти области признали ответственность за крушение.", date="2025-03-14")
    crashes = of_type(evs, "accident")
    assert len(crashes) == 1 and crashes[0].date == "2025-03-03"


def test_a_second_subject_after_the_object_belongs_to_the_object():
    evs = coded("Полиция Казани задержала шестерых туристов, среди них двое сотрудников газеты «Вечерний край».")
    arrest = of_type(evs, "arrest")
    assert arrest and [a.role for a in arrest[0].actors["source"]] == ["COP"]
    assert not any("сотрудник" in name for name in arrest[0].source)


def test_agreements_reached_at_a_meeting_make_it_no_intended_meeting():
    evs = coded("Лидеры обсудили выполнение договоренностей, достигнутых на встрече в Риге в октябре.",
                date="2025-12-20")
    assert all(e.modality != "intent" and not (e.date or "").startswith("2026") for e in of_type(evs, "meet"))


def test_unnamed_police_act_for_the_country_they_act_in():
    evs = coded("Силовики задержали в Екатеринбурге девятерых уроженцев Таджикистана.")
    arrest = of_type(evs, "arrest")
    assert arrest and arrest[0].actors["source"][0].code == "RUSCOP"
    assert arrest[0].actors["target"][0].code == "TJKCVL"


def test_a_sports_article_codes_no_games_as_meetings_or_fights():
    evs = coded("Полузащитник сборной Латвии Янис Берзиньш провел переговоры с клубом «Рига».",
                "В прошлом матче чемпионата нападающий забил два гола, тренер похвалил игрока.",
                "Ранее полиция задержала болельщиков «Риги» после матча.",
                title="Янис Берзиньш может сменить клуб")
    assert not of_type(evs, "meet") and not of_type(evs, "praise")
    assert of_type(evs, "arrest")                     # an arrest is still an arrest


def test_a_bare_participle_before_its_noun_is_a_state_not_an_act():
    evs = coded("Его перевели в оккупированный Симферополь.")
    assert not of_type(evs, "fight")


def test_a_term_without_the_word_prison_is_still_detention():
    evs = coded("Бывшие футболисты Олег Дронов и Илья Сытин осуждены на полтора года.")
    assert of_type(evs, "arrest") and not of_type(evs, "convict")


def test_a_title_takes_the_role_of_the_body_it_heads():
    from svodka.events.actor_codes import role_of

    assert role_of("генералы полиции") == "COP" and role_of("глава мафии") == "CRM"
    assert role_of("председатель Верховного суда") == "JUD" and role_of("генерал") == "MIL"


def test_an_act_told_in_the_first_person_is_talk():
    evs = coded("«Я тебя убью», — сказал он соседу.", "«Мы встречались с министром дважды», — добавил он.")
    assert not of_type(evs, "assault") and not of_type(evs, "meet")


def test_an_achieved_act_happened_and_a_requested_one_is_a_demand():
    evs = coded("Прошлым летом зоозащитники добились задержания живодера Петра Зорина.")
    arrest = of_type(evs, "arrest")
    assert arrest and arrest[0].modality == "fact" and arrest[0].cameo == "173"
    evs = coded("Прокурор Анна Белова попросила приговорить Петра Зорина к пяти годам колонии.")
    assert of_type(evs, "demand") and not of_type(evs, "arrest")


def test_a_subject_pronoun_continues_the_subject_of_its_sentence():
    evs = coded("Вчера лидер партии Олег Ланской поспорил с депутатом Игорем Мезенцевым, которого он обвинил "
                "в подкупе избирателей.")
    accuse = of_type(evs, "accuse")
    assert accuse and accuse[0].source == ["Олег Ланской"] and accuse[0].target == ["Игорь Мезенцев"]


# --- the statements the coding rules keep -------------------------------------------------------------

def test_denials_admissions_and_condolences_are_statements():
    evs = coded("Бизнесмен Пётр Зорин отрицает свою вину.")
    assert [(e.type, e.cameo, e.source) for e in evs] == [("statement", "016", ["Пётр Зорин"])]
    evs = coded("Пётр Зорин вину не признал.")
    assert [(e.cameo, e.modality) for e in evs] == [("016", "fact")]
    evs = coded("Пётр Зорин признал себя виновным.")
    assert [e.cameo for e in evs] == ["015"]
    evs = coded("Премьер-министр Эстонии Кая Лехт выразила соболезнования в связи со смертью Андреса Тамма.")
    assert [(e.cameo, e.source, e.target) for e in evs] == [("018", ["Кая Лехт"], ["Андрес Тамм"])]


def test_a_court_finding_someone_guilty_is_a_verdict_not_an_admission():
    evs = coded("Суд признал Петра Зорина виновным и приговорил его к трем годам колонии.")
    assert not of_type(evs, "statement") and of_type(evs, "arrest")


def test_calling_someones_proposal_unacceptable_rejects_it():
    evs = coded("Министр энергетики Эстонии Яан Кукк назвал неприемлемым предложение «Газпрома» по транзиту.")
    assert [(e.type, e.source, e.target) for e in evs] == [("reject", ["Яан Кукк"], ["Газпром"])]
    evs = coded("Власти Эстонии отвергли предложения «Газпрома».")
    assert [(e.type, e.target) for e in evs] == [("reject", ["Газпром"])]


def test_checking_reports_is_an_inquiry():
    evs = coded("Следственный комитет проверит информацию о брошенных в квартире детях.")
    assert of_type(evs, "investigate")


def test_one_held_under_arrest_is_its_target():
    evs = coded("Полицейский Алексей Зимин находится сейчас под арестом.")
    assert [(e.type, e.source, e.target) for e in evs] == [("arrest", [], ["Алексей Зимин"])]


def test_a_protest_expressed_is_one_complaint_by_the_named_ministry_of_its_country():
    evs = coded("МИД Эстонии выразил протест в связи с задержанием своих граждан.")
    complaints = [e for e in evs if e.type in ("complain", "protest")]
    assert [(e.type, e.cameo) for e in complaints] == [("complain", "114")]
    assert complaints[0].actors["source"][0].code == "ESTGOV"


def test_congratulated_on_their_occasion():
    evs = coded("Губернатор Омской области Пётр Лагутин посетил театр.",
                "С юбилеем замечательного режиссёра Анатолия Вересова поздравил Пётр Лагутин.")
    praise = of_type(evs, "praise")
    assert praise and praise[0].source == ["Пётр Лагутин"] and praise[0].target == ["Анатолий Вересов"]


def test_two_who_congratulate_are_two_acts_a_joint_statement_one():
    evs = coded("Актрису Ольгу Стрешневу поздравили мэр Твери Павел Котов и губернатор Игорь Рудин.")
    praise = of_type(evs, "praise")
    assert sorted(s for e in praise for s in e.source) == ["Игорь Рудин", "Павел Котов"]
    assert all(len(e.source) == 1 and e.target == ["Ольга Стрешнева"] for e in praise)
    joint = coded("Депутат Андрей Малахов и сенатор Ирина Жукова в совместном заявлении раскритиковали "
                  "министра Олега Ракитина.")
    assert [sorted(e.source) for e in of_type(joint, "criticize")] == [["Андрей Малахов", "Ирина Жукова"]]


def test_the_text_of_an_act_cited_is_no_second_act():
    evs = coded("Президент Литвы Андрюс Вайткус поздравил Павла Котова с избранием.",
                "В поздравлении президента Литвы говорится, что страны ждут новых встреч.")
    assert len(of_type(evs, "praise")) == 1


def test_condolences_about_the_one_person_named_in_them():
    evs = coded("Министр Олег Ракитин выразил соболезнования: «Мы скорбим о нашем друге Павле Котове».")
    mourned = [e for e in evs if e.cameo == "018"]
    assert mourned and mourned[0].target == ["Павел Котов"]


def test_headline_descriptor_is_the_person_named_in_the_lead():
    evs = coded("Суд в Италии приговорил эстонского лётчика Андреса Кукка к 10 годам тюрьмы за контрабанду.",
                "Андрес Кукк был задержан в 2022 году. Адвокаты Андреса Кукка обжалуют приговор.",
                title="Итальянский суд приговорил эстонского лётчика к 10 годам тюрьмы")
    arrests = [e for e in of_type(evs, "arrest") if e.modality == "fact" and e.source == ["Италия"]]
    assert arrests and all(e.target == ["Андрес Кукк"] for e in arrests)


def test_possessives_are_not_part_of_a_group_actor():
    evs = coded("Министр Олег Ракитин поблагодарил губернатора Павла Котова и его администрацию.")
    praise = of_type(evs, "praise")
    assert praise and "администрация" in praise[0].target and not any("он " in t for t in praise[0].target)


def test_first_person_condolences_have_no_source():
    evs = coded("Выражаю искреннее соболезнование министру Олегу Ракитину в связи с кончиной его отца.")
    assert not [e for e in evs if e.cameo == "018" and e.source]


def test_who_dies_during_an_arrest_is_not_its_agent():
    evs = coded("Бывший мэр Тулы Игорь Ветров скончался в больнице после попытки суицида во время задержания.")
    assert not [e for e in of_type(evs, "arrest") if "Игорь Ветров" in e.source]


def test_a_joined_clause_shares_the_time_of_the_one_before():
    evs = coded("В 2021 году Андрес Кукк прилетел в Милан, но в аэропорту его задержала полиция.")
    arrests = of_type(evs, "arrest")
    assert arrests and arrests[0].date == "2021"


def test_emergency_rule_and_curfews_are_coercion():
    evs = coded("Губернатор Павел Котов 2 марта ввёл режим самоизоляции.",
                "Президент Иван Петров объявил чрезвычайное положение в столице.")
    codes = sorted(e.cameo for e in of_type(evs, "sanction"))
    assert codes == ["1723", "1724"]
    assert {s for e in of_type(evs, "sanction") for s in e.source} == {"Павел Котов", "Иван Петров"}


def test_a_closed_account_is_a_sanction_on_its_owner():
    evs = coded("Соцсеть Twitter заблокировала аккаунт блогера Олега Ракитина.")
    sanction = of_type(evs, "sanction")
    assert sanction and sanction[0].target == ["Олег Ракитин"] and sanction[0].source == ["Twitter"]


def test_refusals_of_asylum_and_refusals_received():
    evs = coded("Эстония отказала Андресу Кукку в политическом убежище.")
    rejected = of_type(evs, "reject")
    assert rejected and rejected[0].cameo == "122" and rejected[0].target == ["Андрес Кукк"]
    got = coded("Андрес Кукк подал прошение о помиловании, но получил отказ.")
    assert [e.target for e in of_type(got, "reject")] == [["Андрес Кукк"]]


def test_the_staff_of_a_body_act_for_it_and_the_body_named_again():
    evs = coded("Сотрудники ФСБ задержали журналиста Ивана Котова.")
    assert [e.source for e in of_type(evs, "arrest")] == [["ФСБ"]]
    again = coded("Представитель Роскомнадзора Олег Ракитин сообщил, что ведомство составило протокол "
                  "в отношении компании Meta.")
    assert [e.source for e in of_type(again, "accuse")] == [["Роскомнадзор"]]


def test_an_active_participle_acts_for_the_noun_it_qualifies():
    evs = coded("ФСБ, инициировавшая расследование против сотрудников Минобороны, сообщила о задержаниях.")
    probes = of_type(evs, "investigate")
    assert probes and probes[0].source == ["ФСБ"] and probes[0].target == ["Минобороны"]


def test_a_lawyer_or_son_of_someone_named_is_not_that_someone():
    evs = coded("Адвокат Жаркова обвинил следователей в давлении на свидетелей.")
    accuse = of_type(evs, "accuse")
    assert accuse and "Жарков" not in accuse[0].source
    article = annotate(Article(id="p", source="t", published="2025-03-14", title="Новости",
                               body=["Сын Баранова Тимур возглавил компанию, а адвокат Олег Жарков подал иск."]))
    roles = {e.name: e.roles for e in article.entities}
    assert "сын" not in roles.get("Баранов", [])
    assert roles.get("Олег Жарков") == ["адвокат"]


def test_an_adverbial_participle_acts_when_its_clause_does():
    evs = coded("Полиция в 2008 году задержала Виктора Сомова, обвинив его в краже.")
    accuse = of_type(evs, "accuse")
    assert accuse and accuse[0].date == "2008" and accuse[0].target == ["Виктор Сомов"]


def test_a_scheduled_meeting_is_future_and_dated_ahead():
    evs = coded("Встреча лидеров Чехии и Словакии запланирована на 9 декабря.",
                "Встреча глав МИД Чехии и Словакии должна состояться в Праге 20 марта.", date="2025-11-18")
    meets = of_type(evs, "meet")
    assert [(e.modality, e.date) for e in meets] == [("future", "2025-12-09"), ("future", "2026-03-20")]


def test_a_state_named_by_a_participle_before_a_thing_is_no_act():
    evs = coded("Депутаты обсудили поселения на оккупированных Израилем землях.")
    assert not of_type(evs, "fight") and not of_type(evs, "seize")
    evs = coded("Задержанный накануне Игорь Сомов дал показания.")
    assert of_type(evs, "arrest") and of_type(evs, "arrest")[0].target == ["Игорь Сомов"]


def test_orders_rejections_by_naming_and_attacks_on_positions():
    evs = coded("Министерство энергетики Эстонии назвало предложение «Роснефти» о контракте неприемлемым.")
    assert [(e.type, e.target) for e in of_type(evs, "reject")] == [("reject", ["Роснефть"])]
    evs = coded("Президент Ганы Джон Махама поручил правительству подготовить проект моста.")
    demand = of_type(evs, "demand")
    assert demand and demand[0].cameo == "100" and demand[0].source == ["Джон Махама"]
    evs = coded("Турецкие войска атаковали позиции РПК на севере Ирака.")
    fight = of_type(evs, "fight")
    assert fight and fight[0].target == ["РПК"] and fight[0].source and fight[0].source[0].startswith("турецк")


def test_unnamed_speakers_in_a_capital_or_a_ministry_speak_for_it():
    evs = coded("В Варшаве назвали неприемлемым предложение «Роснефти».")
    assert [e.source for e in of_type(evs, "reject")] == [["Польша"]]
    evs = coded("В МИД Польши осудили решение Минска.")
    assert [e.source for e in of_type(evs, "criticize")] == [["МИД"]]
    # an arrest is no verbal act: the city does not make the state its agent
    assert all(not e.source for e in coded("В Варшаве задержали подозреваемого в краже."))


def test_a_relative_of_someone_named_is_not_them_and_things_are_not_victims():
    evs = coded("Боевики похитили сына Барсукова.")
    assert [e.target for e in of_type(evs, "assault")] == [[]]
    evs = coded("Помощник Жаркова Юрий Сомов раскритиковал решение Минска.")
    assert [e.source for e in of_type(evs, "criticize")] == [["Юрий Сомов"]]
    assert not coded("Из музея пытались похитить две картины Шишкина.")
    assert not coded("Ученик Иванова поручил воспитание сына своей сестре.")


def test_the_offence_a_charge_or_a_sentence_is_about_is_no_event_of_its_own():
    assert not of_type(coded("Американец получил пожизненный срок за убийство студентки."), "assault")
    assert not of_type(coded("Он был задержан по подозрению в подготовке покушения на Игоря Сомова."), "assault")
    evs = coded("Прокуратура обвинила Олега Жаркова в нападении на полицейского.")
    assert of_type(evs, "accuse") and not of_type(evs, "assault")
    assert of_type(coded("Боевики совершили нападение на полицейский участок."), "assault")


def test_a_local_office_keeps_its_name_and_a_denial_is_about_the_one_named():
    evs = coded("Прокуратура города Турку обвинила Олега Жаркова в мошенничестве.")
    assert [e.source for e in of_type(evs, "accuse")] == [["прокуратура города Турку"]]
    evs = coded("Финский суд освободил бизнесмена Марко Ферри.")
    assert [e.source for e in of_type(evs, "release")] == [["Финляндия"]]
    evs = coded("Правительство Чехии опровергает сообщения о болезни Игоря Сомова.")
    assert [e.target for e in of_type(evs, "statement")] == [["Игорь Сомов"]]


def test_office_holders_are_coded_with_their_country_and_role_on_the_day():
    from svodka.lang.people import office_holder
    assert office_holder("Путин", "2019-11-18").role == "GOV"
    assert office_holder("Дональд Трамп", "2022-05-01").role is None
    assert office_holder("Сергей Шойгу", "2020-01-01").role == "MIL"
    assert office_holder("Иван Сидоров") is None
    evs = coded("Эрдоган раскритиковал решение Вашингтона.", date="2019-11-18")
    assert [a.code for e in of_type(evs, "criticize") for a in e.actors["source"]] == ["TURGOV"]


def test_a_leader_named_by_country_and_reports_that_name_one_side_each_are_one_act():
    evs = coded("Российский лидер поздравил коллегу с юбилеем.",
                "В среду Владимир Путин поздравил Ильхама Алиева с днем рождения.",
                title="Алиев получил поздравление от Путина", date="2025-12-24")
    praise = of_type(evs, "praise")
    assert [(e.source, e.target) for e in praise] == [(["Владимир Путин"], ["Ильхам Алиев"])]


def test_a_first_name_and_patronymic_is_the_person_of_that_first_name():
    article = annotate(Article(id="p", source="t", published="2025-03-14", title="Новости",
                               body=["Олег Жарков выступил в Думе.", "«Олег Петрович прав», — сказал Сомов."]))
    zharkov = next(e for e in article.entities if e.name == "Олег Жарков")
    assert "Олег Петрович" in zharkov.aliases and len(zharkov.mentions) == 2


def test_two_reports_of_one_order_agree_across_articles_when_one_names_no_target():
    from svodka.link.event_actors import reports_agree
    from svodka.link.events import Report

    putin = {"key": "per:1", "country": "RUS", "kind": "person"}
    russia = {"key": "loc:rus", "country": "RUS", "kind": "country"}
    china = {"key": "loc:chn", "country": "CHN", "kind": "country"}
    told = Report(1, 0, "demand", "+", [putin], [russia], None, None, "a")
    bare = Report(2, 0, "demand", "+", [putin], [], None, None, "b")
    other = Report(3, 0, "demand", "+", [putin], [china], None, None, "c")
    nobody = Report(4, 0, "demand", "+", [], [], None, None, "d")
    assert reports_agree(bare, told, set()) and reports_agree(told, bare, set())
    assert not reports_agree(other, told, set())
    assert not reports_agree(nobody, bare, set())


def test_an_organisation_named_with_a_country_after_it_is_that_countrys():
    article = annotate(Article(id="p", source="t", published="2025-03-14", title="Минэнерго Польши отвергло план",
                               body=["МВД Латвии потребовало разойтись.", "Минэнерго пообещало ответить."]))
    countries_of = {e.name: e.country for e in article.entities if e.type == "ORG"}
    assert countries_of == {"Минэнерго": "POL", "МВД": "LVA"}


def test_a_country_under_its_other_names_is_one_entity_named_as_the_table_names_it():
    article = annotate(Article(id="p", source="t", published="2025-03-14", title="РФ ответила Соединенным Штатам",
                               body=["Российская Федерация и Россия — одно, как и Беларусь с Белоруссией."]))
    names = {e.name: sorted(e.aliases) for e in article.entities if e.type == "LOC"}
    assert names == {"Россия": ["РФ", "Российская Федерация"], "США": ["Соединенные Штаты"],
                     "Белоруссия": ["Беларусь"]}


def test_kin_exemptions_and_another_accident():
    assert [e.target for e in of_type(coded("Сына Барсукова избили на съемках программы."), "assault")] == [[]]
    assert [e.target for e in of_type(coded("Полиция задержала сына Барсукова Тимура."), "arrest")] == [["Тимур"]]
    assert not of_type(coded("От уроков физкультуры его освободили из-за болезни."), "release")
    assert of_type(coded("Суд освободил Игоря Сомова от наказания."), "release")
    crash = of_type(coded("Вечером в понедельник в Твери случилась очередная авария."), "accident")
    assert crash and crash[0].modality == "fact"


def test_elided_persons_implicit_courts_thoughts_and_pleas():
    evs = coded("Игорь Сомов был мэром Тулы.", "После отставки арестован новыми властями.")
    assert [e.target for e in of_type(evs, "arrest")] == [["Игорь Сомов"]]
    evs = coded("Тверской суд рассмотрел дело хоккеистов.", "Жарков и Сомов осуждены на два года колонии.")
    assert [e.source for e in of_type(evs, "arrest")] == [["Тверской суд"]]
    assert not coded("В тот день он был одержим идеей убить человека.")
    assert not of_type(coded("Обвинитель требовал для Олега Жаркова 17 лет колонии."), "demand")
    assert of_type(coded("Прокуратура Твери потребовала закрыть хостел."), "demand")


def test_capitals_act_for_their_states_judgements_criticise_appeals_go_to_states():
    evs = coded("МИД Польши обвинил Минск в срыве переговоров.")
    assert [e.target for e in of_type(evs, "accuse")] == [["Белоруссия"]]
    evs = coded("Песков назвал заявления Жаркова безответственными.")
    assert [(e.cameo, e.target) for e in of_type(evs, "criticize")] == [("111", ["Жарков"])]
    evs = coded("Президент Чехии призвал Словакию усилить охрану границы.")
    assert [e.target for e in of_type(evs, "appeal")] == [["Словакия"]]
    assert not of_type(coded("Жарков назвал сына Петром."), "criticize")


def test_a_hypothetical_attack_is_no_attack():
    assert not coded("В случае нападения на колонну в дело вступает авиация.")


def test_denials_offences_hung_on_the_accused_and_names_of_a_middleman():
    evs = coded("Жарков через своего адвоката Эрве Темиме отверг обвинения.")
    assert [(e.type, e.cameo, e.source) for e in evs] == [("statement", "016", ["Жарков"])]
    evs = coded("Французская теннисистка обвинила футболиста «Динамо» в убийстве кубка.")
    assert of_type(evs, "accuse") and not of_type(evs, "assault")


def test_inquiries_opened_being_under_investigation_and_driving_out_by_force():
    evs = coded("Полиция Твери проводит проверку по факту драки.")
    assert [(e.type, e.source) for e in evs] == [("investigate", ["полиция Твери"])]
    evs = coded("Бывший мэр Тулы Игорь Ветров находится под следствием.")
    assert [e.target for e in of_type(evs, "investigate")] == [["Игорь Ветров"]]
    assert not coded("Следствие считает, что Ветров виновен.")
    evs = coded("Позднее боевики вытеснили НДОА с подконтрольных территорий.")
    assert [(e.type, e.target) for e in evs] == [("fight", ["НДОА"])]
    assert not coded("Он выбил зуб сопернику.")


def test_opening_fire_and_giving_oneself_up():
    evs = coded("Боевики открыли огонь по патрулю.")
    assert [(e.type, e.cameo) for e in evs] == [("assault", "180")]
    evs = coded("Игорь Сомов открыл огонь в магазине.", "После чего сдался без сопротивления полицейскому.")
    assert [(e.source, e.target) for e in of_type(evs, "arrest")] == [(["полиция"], ["Игорь Сомов"])]
    assert not coded("Магазин открыл двери.")


def test_places_purposes_liberated_cities_and_next_weekdays():
    assert not coded("Освобождение Москвы от польских оккупантов стало символом.")
    assert not coded("Чтобы открыть огонь, им необходимо захватить цель.")
    assert not of_type(coded("Спецназ вытесняет митингующих с территории у здания парламента."), "fight")
    evs = coded("Во вторник глава МИД Чехии Ян Липавский посетит Братиславу, где проведет переговоры с "
                "президентом Словакии Петером Пеллегрини.", date="2025-03-14")
    assert evs and all(e.source == ["Ян Липавский"] for e in evs) and {e.date for e in evs} == {"2025-03-18"}


def test_a_meeting_with_one_named_party_only_where_an_official_holds_it():
    assert of_type(coded("Президент Чехии Петр Павел провел переговоры в Праге."), "meet")
    assert not coded("Мария Бутина встретилась с коллегами в Москве.")
    assert not coded("Зеленского предупредили о провокации перед встречей с Путиным в Париже.")


def test_an_act_until_a_day_is_before_it():
    evs = coded("Сейчас Игорь Сомов находится в СИЗО под арестом до 8 января 2026 года.", date="2025-11-18")
    assert [e.date for e in of_type(evs, "arrest")] == ["../2026-01-08"]


def test_a_judgement_said_of_something_is_criticism_or_rejection_of_its_owner():
    evs = coded("Олег Жарков заявил, что задержание участников марша неправомерно.")
    assert [(e.type, e.source) for e in evs] == [("criticize", ["Олег Жарков"])]
    evs = coded("Лавров заявил, что предложение Польши неприемлемо.")
    assert [(e.type, e.target) for e in evs] == [("reject", ["Польша"])]
    assert not coded("Песков заявил, что встреча прошла хорошо.")
    evs = coded("Представитель партии «Яблоко» назвал прошедшие выборы мошенничеством.")
    assert of_type(evs, "criticize")


def test_a_negated_or_buried_judgement_is_none():
    assert not coded("В 1981 году президент Чехии заявил, что он не считает, что поселения незаконны.")
    assert not coded("Премьер Польши назвал их исправлением исторической ошибки.")


def test_appeals_against_rulings_and_complaints_are_official_complaints():
    evs = coded("Компания Bayer намерена обжаловать приговор.")
    assert [(e.cameo, e.modality) for e in evs] == [("114", "intent")]
    assert [e.cameo for e in coded("Олег Жарков пожаловался в прокуратуру на соседа.")] == ["114"]
    assert not coded("Он подал документы в вуз.")


def test_a_condition_and_a_railway_picket_are_no_events():
    assert not coded("Если Игоря Сомова задержат, адвокаты обратятся в суд.")
    assert not coded("Девушка погибла под поездом на 1766-м километре девятого пикета перегона.")
    assert of_type(coded("Сторонники оппозиции провели пикет у здания мэрии."), "protest")


def test_a_verdict_is_the_act_of_the_speaker_named_after_it():
    # the next sentence says whose words they were
    evs = coded("Предложение «Роснефти» о поставках топлива неприемлемо.",
                "Об этом заявил министр финансов Эстонии Карл Таммик.")
    assert [(e.type, e.source, e.target) for e in evs] == [("reject", ["Карл Таммик"], ["Роснефть"])]
    # the same sentence, after a comma; a title, after a dash
    evs = coded("Планы «Роснефти» являются неприемлемыми, сообщил министр финансов Эстонии Карл Таммик.")
    assert [(e.type, e.source) for e in evs] == [("reject", ["Карл Таммик"])]
    evs = coded("Таммик выступил в парламенте.", title="Действия «Роснефти» недопустимы — Карл Таммик")
    assert [(e.type, e.source, e.target) for e in of_type(evs, "criticize")] == \
        [("criticize", ["Карл Таммик"], ["Роснефть"])]


def test_a_verdict_denied_or_only_reported_by_an_agency_is_no_act():
    assert not coded("Предложение «Роснефти» не является неприемлемым.", "Об этом заявил министр Карл Таммик.")
    assert not coded("Предложение «Роснефти» неприемлемо для Эстонии.", "Об этом сообщает агентство Baltic News.")


def test_requested_or_unprevented_acts_and_detention_without_a_court():
    evs = coded("Депутат Олег Ланской потребовал возбудить уголовное дело против мэра Тулы Игоря Ветрова.")
    assert of_type(evs, "demand") and not of_type(evs, "investigate")
    evs = coded("Камеры запечатлели грабителя, но это не помешало ему напасть на кассира Анну Белову.")
    assert [e.modality for e in evs if e.type == "assault"] == ["fact"]
    evs = coded("Тульский областной суд рассмотрит жалобу.", "В мае были задержаны три рыболовных судна.")
    assert all(e.source == [] for e in of_type(evs, "arrest"))
    # a common noun's name follows it: the subject is the one named after "глава государства"
    evs = coded("Помощник президента Олег Ланской сказал, что глава государства Игорь Ветров поручил ему "
                "провести переговоры.")
    assert [e.source for e in of_type(evs, "demand")] == [["Игорь Ветров"]]


def test_an_act_that_will_be_done_is_future_even_where_the_tagger_gives_no_tense():
    evs = coded("Замглавы ведомства Олег Ланской не исключил, что против Игоря Ветрова будет возбуждено дело.")
    assert [e.modality for e in of_type(evs, "investigate")] == ["future"]


def test_headline_acts_told_in_other_words():
    # a consultation, not said to be by phone: 040 between the parties; the topic's place is not the talk's
    evs = coded("Об этом сообщила пресс-служба.", title="Ланской и Ветров обсудили ситуацию в Эстонии")
    assert [(e.type, e.cameo, e.place) for e in of_type(evs, "meet")] == [("meet", "040", None)]
    # the same talk told as a call in the body: one event, the call
    evs = coded("Президент Олег Ланской провел телефонный разговор с премьером Игорем Ветровым.",
                title="Ланской и Ветров обсудили ситуацию в Эстонии")
    assert [(e.type, e.cameo) for e in evs] == [("call", "041")]
    # a death toll rising is the news of the blast, not a reference to one told before
    evs = coded("Спасатели продолжают работу.", title="Число погибших в результате взрыва в Тарту возросло до шести")
    assert [(e.type, e.killed, e.place) for e in evs] == [("accident", 6, "Тарту")]
    evs = coded("Ланской выступил в парламенте.", title="Олег Ланской опроверг подозрение прокуратуры в подкупе")
    assert [(e.type, e.cameo) for e in evs] == [("statement", "016")]
    evs = coded("Об этом сообщил министр.", title="Прокуратура займется проверкой сделок с землей")
    assert [(e.type, e.modality) for e in evs] == [("investigate", "future")]


def test_a_plea_of_innocence_is_a_denial():
    for text in ("Перед началом слушаний Олег Маркин заявил: «Я невиновен и доверяю правосудию».",
                 "Олег Маркин заявил, что невиновен.", "Олег Маркин заявил о своей невиновности."):
        assert [(e.type, e.cameo, e.source) for e in coded(text)] == [("statement", "016", ["Олег Маркин"])], text


def test_a_subject_before_the_clauses_that_is_the_outer_clauses():
    evs = coded("Министерство обороны Эстонии выступило с заявлением, что боевики освободили более 80 заложников "
                "из лагеря под Тарту.")
    assert [e.source for e in of_type(evs, "release")] == [["боевики"]]


def test_a_cancelled_visit_is_a_visit_that_did_not_happen_by_whom_cancelled_it():
    evs = coded("Министр иностранных дел Эстонии Карл Таммик отменил поездку на Донбасс из-за погоды.")
    assert [(e.type, e.cameo, e.source, e.target, e.modality) for e in evs] == \
        [("meet", "042", ["Карл Таммик"], ["Донбасс"], "negated")]


def test_an_act_told_as_someones_statement_is_a_claim():
    evs = coded("Министерство обороны Эстонии выступило с заявлением, что боевики освободили 80 заложников.")
    assert [e.modality for e in of_type(evs, "release")] == ["claim"]


def test_refused_asked_for_and_asked_about_acts_did_not_happen():
    evs = coded("Прокуратура Тулы отказалась проверять сведения об имуществе мэра Игоря Ветрова.")
    assert [e.modality for e in of_type(evs, "investigate")] == ["negated"]
    evs = coded("Депутат Олег Ланской требовал, чтобы Эстония инициировала расследование против Игоря Ветрова.")
    assert of_type(evs, "demand") and not of_type(evs, "investigate")
    assert not coded("Когда произошло ДТП на трассе под Тулой?")
    evs = coded("Депутаты осудили требование Олега Ланского к прокуратуре арестовать Игоря Ветрова.")
    assert not of_type(evs, "arrest")


def test_a_proposal_is_talked_over_with_its_owner():
    evs = coded("«Балтгаз» намерен обсудить предложение «Роснефти» в трёхстороннем формате.")
    assert [(e.type, e.source, e.target, e.modality) for e in evs] == [("meet", ["Балтгаз"], ["Роснефть"], "intent")]
    assert not coded("Депутаты обсудили законопроект Минфина о налогах.")


def test_an_office_of_one_country_is_nobody_of_another():
    evs = coded("Глава МИД Германии отменил поездку на Донбасс.",
                "Ранее министр встречался с главой МИД Эстонии Карлом Таммиком.")
    assert [e.source for e in evs if e.modality == "negated"] == [["глава МИД Германии"]]


def test_meetings_someone_has_are_theirs():
    evs = coded("Министр иностранных дел Эстонии Карл Таммик прибыл в Ригу.",
                "На 19 ноября у него запланированы встречи с президентом Латвии Олегом Ланским и премьером Игорем Ветровым.")
    assert [(e.source, e.modality) for e in of_type(evs, "meet")] == [(["Карл Таммик"], "future")]
    assert "Игорь Ветров" in of_type(evs, "meet")[0].target


def test_a_dismissal_asked_for_is_no_demand_to_free_a_prisoner():
    evs = coded("Активисты требуют освобождения от должности директора Олега Ланского.")
    assert [e.cameo for e in of_type(evs, "demand")] == ["100"]
    evs = coded("Активисты требуют освобождения журналиста Олега Ланского из-под стражи.")
    assert [e.cameo for e in of_type(evs, "demand")] == ["1053"]


def test_refused_registrations_and_rally_permits_are_sanctions():
    evs = coded("Горизбирком Тулы отказал независимым кандидатам в регистрации.")
    assert [(e.type, e.cameo) for e in evs] == [("sanction", "1722")]
    evs = coded("Мэрия Тулы не согласовала митинг оппозиции на площади Ленина.")
    assert [(e.type, e.cameo, e.modality) for e in of_type(evs, "sanction")] == [("sanction", "1721", "fact")]
    assert not of_type(coded("Мэрия Тулы согласовала митинг оппозиции."), "sanction")


def test_a_group_spelled_out_as_names_is_those_persons():
    evs = coded("В Перу под расследование попали три экс-президента: Альберто Ферро, Алехандро Ланский и Алан Ветров.")
    assert [(e.type, e.target) for e in evs] == [
        ("investigate", ["Альберто Ферро", "Алехандро Ланский", "Алан Ветров"])]
    evs = coded("Лидеры России и Франции Олег Ланский и Пьер Ферро провели переговоры.")
    assert [(e.type, e.source + e.target) for e in evs] == [("meet", ["Олег Ланский", "Пьер Ферро"])]


def test_custody_and_terms_served_are_detention_but_a_term_foretold_is_not():
    evs = coded("Бывший мэр Олег Ланский находится под стражей.")
    assert [(e.type, e.cameo, e.target) for e in evs] == [("arrest", "173", ["Олег Ланский"])]
    evs = coded("Олег Ланский продолжает отбывать 25-летний срок за убийство.")
    assert [(e.type, e.target) for e in evs] == [("arrest", ["Олег Ланский"])]
    assert not coded("Букмекеры принимают ставки на то, что Олег Ланский получит тюремный срок.")
    assert not coded("Олег Ланский получил условный срок.")
    assert not coded("Во время второго президентского срока Ланский получал деньги от компании.")


def test_criticism_a_speaker_subjects_a_policy_to_targets_its_owner():
    evs = coded("В своём послании Пётр Ферро подверг критике политику Олега Ланского.")
    assert [(e.type, e.source, e.target) for e in evs] == [("criticize", ["Пётр Ферро"], ["Олег Ланский"])]


def test_an_investigation_someone_is_busy_with_is_theirs():
    evs = coded("Расследованием этого дела занимается ФБР.")
    assert [(e.type, e.source) for e in evs] == [("investigate", ["ФБР"])]


def test_a_foreign_first_name_read_as_a_plural_genitive_is_no_womans():
    from svodka.nlp.entity_rules import gender_of
    assert gender_of("Габриэл Ферро") is None
    assert gender_of("Мария Ланская") == "femn"
    evs = coded("Сначала полиция сообщала, что Габриэл был задержан, однако позже выяснилось, что его застрелила полиция.")
    assert ("assault", ["полиция"], ["Габриэл"]) in [(e.type, e.source, e.target) for e in evs]


def test_rallies_called_actions_and_refused_protests():
    evs = coded("Акция в поддержку журналиста Олега Ланского состоялась 12 июня 2019 года.")
    assert [(e.type, e.cameo, e.date) for e in evs] == [("protest", "141", "2019-06-12")]
    assert not coded("Акции Газпрома подешевели на бирже.")
    evs = coded("Правительство Москвы не согласовало мирный протест граждан.")
    assert [(e.type, e.cameo, e.modality) for e in evs] == [("sanction", "1721", "fact")]


def test_leaving_a_detention_centre_is_a_release_and_a_court_keeping_someone_in_custody_detains():
    evs = coded("В четверг, 11 июля 2019 года, политик Олег Ланский вышел из спецприёмника.", date="2019-07-12")
    assert [(e.type, e.target, e.date) for e in evs] == [("release", ["Олег Ланский"], "2019-07-11")]
    evs = coded("Колпинский районный суд оставил под стражей бывшего чиновника Сергея Ветрова.")
    assert [(e.type, e.source, e.target) for e in evs] == [("arrest", ["Колпинский районный суд"], ["Сергей Ветров"])]


def test_a_group_is_not_the_one_its_name_is_after_and_a_case_about_a_rally_is_not_its_organiser():
    evs = coded("Олег Ланский заявил, что задержание всех участников «Марша Ветрова» неправомерно.")
    assert all("Ветров" not in " ".join(e.target) for e in evs)
    evs = coded("СК возбудил уголовное дело о препятствовании работе избиркома в связи с акцией протеста 14 июля.")
    assert all(e.source == [] for e in evs if e.type == "protest")


def test_welcoming_a_decision_praises_its_owner_but_greeting_people_is_no_event():
    evs = coded("Олег Ланский приветствовал решение Пьера Ферро о выводе войск.")
    assert [(e.type, e.source, e.target) for e in evs] == [("praise", ["Олег Ланский"], ["Пьер Ферро"])]
    assert not coded("Олег Ланский приветствовал замначальника управления Кирилла Ветрова.")



def test_the_object_a_plural_impersonal_verb_seems_to_have_as_subject():
    evs = coded("Шоу Victoria's Secret в этом году резко раскритиковали за отсутствие разнообразия.")
    assert [(e.type, e.source, e.target) for e in evs] == [("criticize", [], ["Victoria's Secret"])]


def test_suppositions_forced_acts_and_happenings_that_go_on():
    assert not coded("Если мы вернемся, нас убьют или отправят в лагерь.")
    evs = coded("Если Украина не подпишет договор, Россия введет санкции против Киева.")
    assert [(e.cameo, e.source, e.modality) for e in evs] == [("1312", ["Россия"], "future")]
    evs = coded("Сотрудник разведки Джон Смит был вынужден подать официальную жалобу руководству.")
    assert [(e.type, e.source) for e in evs] == [("complain", ["Джон Смит"])]
    evs = coded("Акция протеста не прекращается в Тбилиси с 14 ноября.")
    assert [(e.type, e.modality) for e in evs] == [("protest", "fact")]


def test_an_order_to_release_is_a_demand_and_a_court_of_a_named_body_is_that_bodys():
    evs = coded("Трибунал ООН обязал Россию немедленно освободить украинских моряков.")
    assert [(e.type, e.cameo, e.source, e.target) for e in evs] == [("demand", "1053", ["ООН"], ["Россия"])]
    assert not coded("Суд Сан-Франциско обязал компанию Monsanto выплатить 80 млн долларов.")


def test_threats_complaints_and_plans_are_not_the_acts_they_name():
    evs = coded("Боевики пригрозили убить заложников.")
    assert [(e.type, e.cameo) for e in evs] == [("threaten", "138")]
    assert not [e for e in coded("Защита решила подать жалобу на арест Олега Ланского.") if e.type == "arrest"]
    assert not coded("Когда две стороны, которые готовы убить друг друга, входят в клинч, начинается торг.")


def test_a_shared_subject_keeps_the_voice_of_its_own_verb_and_a_rally_is_one_act():
    evs = coded("Соединенные Штаты сильно обеспокоены протестами в Гонконге и вновь призывают все стороны "
                "воздержаться от насилия.")
    assert [(e.source, e.target) for e in evs if e.type == "appeal"] == [(["США"], [])]
    evs = coded("На акции протеста в Тбилиси задержали 37 человек.")
    assert sorted((e.type, tuple(e.target)) for e in evs) == [("arrest", ("люди",)), ("protest", ())]


def test_an_object_put_first_before_a_plural_verb_and_its_pair_of_subjects():
    evs = coded("Кроме того, Киев также осудят ЕС и США.")
    assert sorted((e.source[0], e.target[0]) for e in evs) == [("ЕС", "Украина"), ("США", "Украина")]
    evs = coded("Россия и Китай осудили США и Британию.")
    assert sorted(e.source[0] for e in evs) == ["Китай", "Россия"]


def test_pressing_for_an_act_demands_it_for_its_person_and_charges_dropped_ease_sanctions():
    evs = coded("Власти Перу добиваются экстрадиции бывшего президента Алехандро Ферро.")
    assert [(e.type, e.source, e.target) for e in evs] == [("demand", ["Перу"], ["Алехандро Ферро"])]
    evs = coded("Олег Ланский сбежал в США, власти Перу добиваются его экстрадиции.")
    assert [e.source for e in evs if e.type == "demand"] == [["Перу"]]
    evs = coded("Адвокаты добились освобождения журналиста Ивана Ветрова.")
    assert [(e.type, e.cameo, e.target) for e in evs] == [("release", "0841", ["Иван Ветров"])]
    evs = coded("Глава МВД заявил, что все обвинения против журналиста Ивана Ветрова сняты.")
    assert [(e.type, e.cameo, e.target) for e in evs] == [("release", "081", ["Иван Ветров"])]


def test_endorsing_a_decision_praises_its_owner_but_passing_a_bill_does_not():
    evs = coded("Родители погибшего итальянца одобрили решение итальянского суда.")
    assert [(e.type, e.target) for e in evs] == [("praise", ["Италия"])]
    assert not coded("Госдума одобрила законопроект правительства.")


def test_one_direct_object_and_no_habitual_accidents():
    evs = coded("15 ноября СБУ задержала под Киевом террориста Цезаря Ланского, воевавшего за "
                "террористическую организацию Исламское государство.")
    assert [(e.source, e.target) for e in evs] == [(["СБУ"], ["Цезарь Ланский"])]
    assert not coded("Самое тяжелое - это, когда случается крупное ДТП с несколькими автомобилями.")
    assert [e.type for e in coded("Когда произошло ДТП, водитель скрылся.")] == ["accident"]
