"""Russian triggers → event type and CAMEO code.

One :class:`Trigger` per reading of a lemma; readings of one lemma are tried in order and the first
whose conditions hold wins ("арестовать имущество" → seize 1711 before "арестовать" → arrest 173).

Fields of a trigger:
  lemmas   pymorphy normal forms that fire it ("условлено" → "условить")
  pos      "V" (a verb, participle or short participle) or "N" (a noun: nominalisations count)
  type     the event family (meet, call, praise, arrest, accident, …)
  code     CAMEO code (None for accidents and disasters); a meeting's 040 is refined later to
           042/043/044 from the place and the actors' countries
  frame    "sym"  participants are all actors (subject + "с"-partner, "X и Y", "встреча X и Y");
           "dir"  someone does something to someone (subject → target);
           "pat"  only the one it happens to matters (subject of the passive, genitive of the noun);
           "none" no actors (accidents, disasters)
  target   for verbs: where the target is — (preposition or None, case): (None, "Acc") the direct
           object, (None, "Dat"), ("на", "Acc"), ("от", "Gen"), ("против", "Gen") …
  gen      for nouns: the role of a genitive dependent ("встреча Путина" participant, "задержание
           активиста" target, "нападение боевиков" source, "крушение самолета" none)
  needs    lemmas one of which must be among the trigger's dependents (two levels down) or, for
           "need_head", its head ("подписать соглашение", "оказать помощь")
  refine   (lemmas, code): a more specific code when one of the lemmas is a dependent
  exclude  lemmas among the dependents that cancel the reading ("освободить от должности")
  anim     the target must be a person (an animate noun or a PER entity): "задержать рейс" is no arrest
  thing    the object must be no one: "приветствовал решение" praises, "приветствовал гостей" greets
  subject_is_target  "X вышел на свободу": the subject is the one released
  intent_head  "договориться", "условиться", "намерен", "подтвердить настрой": the complement is the event
           (another trigger in it gets modality intent and an intent code; cooperation words → 030,
           contacts → 036); with neither, the head is no event
  phone    "разговор", "беседа": a call with "телефон" near, otherwise a meeting (or a later report of one)
  pre, person  prefilter only — a sentence is parsed for this reading only when one of the ``pre`` lemmas,
           or a person (a PER entity or a person noun), is in it ("принять" is parsed only near a person)

Every code here is in svodka.cameo.CODES (a test checks it). The word forms of all lemmas (pymorphy lexemes) make
the prefilter: a set lookup per word, no tagger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.morph import morph


@dataclass(frozen=True, slots=True)
class Trigger:
    lemmas: tuple[str, ...]
    pos: str
    type: str
    code: str | None
    frame: str = "dir"
    target: tuple[tuple[str | None, str], ...] = ((None, "Acc"),)
    gen: str = "target"
    needs: frozenset[str] = frozenset()
    need_head: frozenset[str] = frozenset()
    refine: tuple[tuple[frozenset[str], str], ...] = ()
    exclude: frozenset[str] = frozenset()
    anim: bool = False
    subject_is_target: bool = False
    intent_head: bool = False          # договориться, условиться …: the complement is the event
    phone: bool = False                # разговор/беседа: a call when "телефон" is near
    pre: frozenset[str] = frozenset()  # prefilter only: one of these lemmas must be in the sentence
    reach: int = 2                     # how deep under the trigger ``needs`` are looked for
    main_only: bool = False            # not as another verb's complement ("условились поручить …")
    said: bool = False                 # ``needs`` is the predicate of the said clause ("заявил, что … неправомерно")
    complement: bool = False           # an infinitive must follow: "поручил подготовить" (not "поручил воспитание")
    person: bool = False               # prefilter only: a person (PER entity or person noun) in the sentence
    thing: bool = False                # the object is a thing: "приветствовал решение" (not "приветствовал гостей")


def _t(lemmas: str, pos: str, type_: str, code: str | None, **kw) -> Trigger:
    for key in ("needs", "need_head", "exclude", "pre"):
        if key in kw and isinstance(kw[key], str):
            kw[key] = frozenset(kw[key].split())
    if "refine" in kw:
        kw["refine"] = tuple((frozenset(ls.split()), c) for ls, c in kw["refine"])
    return Trigger(tuple(lemmas.split()), pos, type_, code, **kw)


S, A, D = (("с", "Ins"),), ((None, "Acc"),), ((None, "Dat"),)
PERSON_NOUNS = frozenset(
    "президент премьер премьер-министр министр глава лидер коллега посол делегация гость канцлер король "
    "королева монарх губернатор мэр госсекретарь генсек генеральный секретарь председатель принц султан "
    "эмир шейх вице-президент вице-премьер".split())
DOCUMENTS = ("соглашение договор меморандум контракт декларация протокол пакт хартия конвенция "
             "договоренность коммюнике")
COOPERATION = frozenset(
    "укрепление укреплять укрепить развитие развивать развить расширение расширять расширить углубление "
    "углублять углубить сотрудничество сотрудничать отношение связь партнерство нормализация "
    "нормализовать взаимодействие взаимодействовать союзнический".split())
CONTACTS = frozenset("контакт встреча встретиться переговоры визит саммит обсудить обсуждать консультация".split())
INTENT_WORDS = " ".join(sorted(COOPERATION | CONTACTS))
VEHICLES = frozenset("самолет поезд автобус автомобиль машина судно теплоход вертолет лайнер грузовик "
                     "электричка маршрутка катер корабль танкер паром состав метро трамвай троллейбус".split())
EVIDENCE = ("запись видеозапись камера документ документация улика образец телефон компьютер ноутбук материал "
            "носитель переписка")
IMPOSE = "ввести вводить объявить объявлять"         # emergency rule is brought in, not held
PROPERTY = "имущество счет актив средство недвижимость акция доля квартира дом автомобиль земля участок"

TRIGGERS: list[Trigger] = [
    # --- consult: calls ------------------------------------------------------------------------
    _t("созвониться", "V", "call", "041", frame="sym", target=S),
    _t("поговорить переговорить побеседовать обсудить", "V", "call", "041", frame="sym", target=S,
       needs="телефон телефонный"),
    _t("разговор беседа", "N", "call", "041", frame="sym", gen="participant", phone=True,
       exclude="журналист пресса"),
    _t("звонок", "N", "call", "041", frame="sym", gen="participant", needs="телефонный"),
    # "Путин и Макрон обсудили ситуацию": a consultation not said to be by phone (040; merge.py joins it
    # to the call the article tells of the same parties)
    _t("обсудить обсуждать", "V", "meet", "040", frame="sym", target=S),
    # --- consult: meetings, visits, talks --------------------------------------------------------
    _t("встретиться встречаться", "V", "meet", "040", frame="sym", target=S),
    _t("увидеться повидаться", "V", "meet", "040", frame="sym", target=S),
    _t("встреча свидание", "N", "meet", "040", frame="sym", gen="participant",
       exclude="новый год болельщик матч поединок футбольный спортивный сборная тур"),
    _t("переговоры", "N", "meet", "046", frame="sym", gen="participant"),
    _t("визит", "N", "meet", "042", frame="dir", gen="source", exclude="пациент врач"),
    _t("поездка", "N", "meet", "042", frame="dir", gen="source", person=True,
       exclude="пациент врач отпуск туристический семья семейный"),
    _t("посетить посещать", "V", "meet", "042", frame="dir", target=A),
    _t("принять принимать", "V", "meet", "043", frame="dir", target=A, anim=True, person=True,
       exclude="участие решение закон меры мера закон законопроект резолюция поправка"),
    # --- intent heads: the complement is the event -------------------------------------------------
    _t("договориться условиться условить согласиться", "V", "intent", "030", frame="sym", target=S,
       intent_head=True, pre=INTENT_WORDS),
    _t("договоренность", "N", "intent", "030", frame="sym", gen="participant", intent_head=True, pre=INTENT_WORDS),
    _t("настрой", "N", "intent", "030", frame="sym", gen="participant", intent_head=True,
       need_head="подтвердить подтверждать выразить выражать", pre=INTENT_WORDS),
    _t("намереваться намерен намеренный пообещать обещать", "V", "intent", "030", frame="dir", target=D,
       intent_head=True, pre=INTENT_WORDS),
    # --- diplomatic cooperation -----------------------------------------------------------------
    _t("поздравить поздравлять", "V", "praise", "051", target=A),
    _t("поздравление", "N", "praise", "051", gen="source"),
    _t("похвалить поблагодарить", "V", "praise", "051", target=A, anim=True),
    # welcoming a decision or a step praises its owner; welcoming people is a greeting
    _t("приветствовать", "V", "praise", "051", target=A, thing=True),
    # "одобрили решение суда": endorsing someone's decision or step (passing a bill is no praise)
    _t("одобрить одобрять", "V", "praise", "051", target=A, thing=True,
       needs="решение шаг инициатива действие позиция приговор вердикт", exclude="законопроект закон поправка"),
    _t("подписать подписывать заключить заключать", "V", "agreement", "057", frame="sym", target=S,
       needs=DOCUMENTS),
    _t("подписание", "N", "agreement", "057", frame="sym", gen="none", needs=DOCUMENTS),
    # --- material cooperation ---------------------------------------------------------------------
    _t("помощь", "N", "aid", "070", gen="none",
       need_head="оказать оказывать предоставить предоставлять направить направлять выделить выделять "
                 "передать передавать отправить доставить поставить",
       refine=[("гуманитарный", "073"), ("военный военно-технический оружие", "072"),
               ("финансовый экономический кредит", "071")],
       exclude="медицинский скорая хирургический психологический юридический пациент врач больной "
               "медик паллиативный стоматологический консультативный"),
    _t("освободить освобождать отпустить", "V", "release", "0841", target=A, anim=True,
       exclude="должность обязанность пост ответственность налог уплата пошлина занимать"),
    _t("освобождение", "N", "release", "0841", gen="target", anim=True,
       exclude="должность обязанность пост ответственность налог уплата пошлина"),
    # "все обвинения против журналиста сняты": charges dropped (081)
    _t("обвинение", "N", "release", "081", gen="none", need_head="снять снимать"),
    _t("выйти", "V", "release", "0841", frame="pat", needs="свобода спецприемник сизо колония тюрьма изолятор",
       subject_is_target=True),
    # --- statements the coding rules keep: admissions (015), denials (016), condolences (018) ---------
    _t("признать признавать", "V", "statement", "015", target=A, needs="вина виновный причастность"),
    _t("признаться сознаться", "V", "statement", "015", target=(),
       needs="убийство преступление совершение вина причастность"),
    _t("отрицать", "V", "statement", "016", target=(),
       needs="вина обвинение причастность участие ответственность"),
    _t("опровергнуть опровергать", "V", "statement", "016", target=(),
       needs="обвинение причастность информация сообщение данные слух подозрение утверждение заявление"),
    _t("соболезновать", "V", "statement", "018", target=D),
    _t("соболезнование", "N", "statement", "018", gen="source",
       need_head="выразить выражать принести приносить направить направлять передать передавать"),
    # --- investigate, demand, disapprove, reject, threaten ---------------------------------------
    _t("расследовать", "V", "investigate", "091", target=()),
    _t("проверить проверять", "V", "investigate", "091", target=(),
       needs="информация данные сообщение обстоятельство факт сведение"),
    _t("расследование", "N", "investigate", "091", gen="none", exclude="журналистский"),
    _t("возбудить возбуждать завести заводить", "V", "investigate", "091", target=(("против", "Gen"),),
       needs="дело"),
    # "начало проверку", "проводит проверку по факту": an inquiry opened (the body's own)
    _t("проверка доследственный", "N", "investigate", "091", gen="target",
       need_head="начать начинать провести проводить организовать инициировать заняться заниматься"),
    # "находятся под следствием": the subject undergoes it
    _t("следствие", "N", "investigate", "091", gen="none", need_head="находиться оказаться"),
    _t("потребовать требовать", "V", "demand", "100", target=(("от", "Gen"),),
       refine=[("освобождение освободить", "1053")]),
    # "власти Перу добиваются его экстрадиции": pressing for an act is demanding it ("добились освобождения":
    # the release happened, coded by its noun)
    _t("добиваться", "V", "demand", "100", target=(("от", "Gen"),),
       needs="экстрадиция освобождение отставка выдача арест наказание отмена",
       refine=[("освобождение", "1053")]),
    _t("призвать призывать", "V", "appeal", "020", target=A, anim=True),
    _t("раскритиковать критиковать", "V", "criticize", "111", target=A),
    _t("осудить осуждать", "V", "criticize", "111", target=A),
    # "подверг критике политику Трампа": the noun under "подвергнуть", the verb's object its target
    _t("критика", "N", "criticize", "111", gen="target", need_head="подвергнуть подвергать"),
    _t("обвинить обвинять", "V", "accuse", "112", target=A),
    _t("предъявить", "V", "charge", "173", target=D, needs="обвинение"),
    _t("выразить", "V", "complain", "114", target=D, needs="протест"),
    _t("подать", "V", "sue", "115", target=(("к", "Dat"), ("против", "Gen")), needs="иск"),
    # "намерена обжаловать приговор", "подал жалобу в ЕСПЧ": an official complaint (114)
    _t("обжаловать", "V", "complain", "114", target=(), needs="приговор решение вердикт постановление арест"),
    _t("подать подавать", "V", "complain", "114", target=(("на", "Acc"), ("против", "Gen")),
       needs="жалоба апелляция кассация"),
    _t("пожаловаться жаловаться", "V", "complain", "114", target=(("на", "Acc"),), needs="суд еспч прокуратура"),
    _t("приговорить", "V", "convict", "116", target=A),
    _t("отвергнуть отвергать отклонить отклонять", "V", "reject", "120", target=(),
       refine=[("встреча переговоры", "125")]),
    # "отказал кандидатам в регистрации": barring from an election is a sanction (1722), other refused
    # registrations an administrative one (172) — before the general refusal below
    _t("отказать отказывать", "V", "sanction", "172", target=D, needs="регистрация",
       refine=[("кандидат выборы", "1722")]),
    _t("отказать отказывать", "V", "reject", "120", target=D,
       refine=[("убежище виза въезд гражданство", "122"), ("помилование освобождение", "1243")]),
    # "мэрия не согласовала митинг": a rally refused its permit (1721); an agreed one is no event
    _t("согласовать согласовывать", "V", "sanction", "1721", target=(),
       needs="митинг акция шествие пикет демонстрация протест марш"),
    _t("отказ", "N", "reject", "120", gen="none", need_head="получить получать",
       refine=[("убежище виза въезд гражданство", "122")]),
    _t("протокол", "N", "accuse", "112", gen="none", need_head="составить составлять"),
    _t("отказаться отказываться", "V", "reject", "125", frame="dir", target=(), needs="встреча переговоры"),
    # "назвало предложение о контракте неприемлемым": the parser often hangs the adjective a level lower
    _t("назвать называть счесть считать", "V", "reject", "120", target=(), reach=3,
       needs="неприемлемый недопустимый неприемлемо неприемлимый"),
    # "назвал заявления Байдена безответственными": a judgement that disapproves (111)
    _t("назвать называть", "V", "criticize", "111", target=A, reach=3,
       needs="безответственный провокационный абсурдный лживый ошибочный незаконный нелегитимный "
             "позорный возмутительный агрессивный враждебный циничный бездоказательный голословный "
             "клеветнический абсурд ложь провокация мошенничество фальсификация преступление"),
    # "заявил, что задержание участников неправомерно": a judgement said of something (the said clause's
    # predicate is the judging word itself, one level down)
    _t("заявить заявлять сказать", "V", "reject", "120", target=(), said=True,
       needs="неприемлемый неприемлемо неприемлимый"),
    # "заявил, что невиновен", «Я невиновен», — заявил он: a denial (016) of what he is accused of
    _t("заявить заявлять сказать", "V", "statement", "016", target=(), said=True, needs="невиновный"),
    _t("заявить заявлять настаивать", "V", "statement", "016", target=(), needs="невиновность"),
    _t("заявить заявлять сказать", "V", "criticize", "111", target=(), said=True,
       needs="неправомерный незаконный недопустимый безответственный провокационный абсурдный позорный "
             "возмутительный циничный преступный ошибочный бездоказательный голословный"),
    # "поручил правительству представить предложения": an order (CAMEO 100: demands and orders)
    _t("поручить поручать", "V", "demand", "100", target=D, main_only=True, complement=True),
    # "трибунал обязал РФ освободить моряков": an order to release (1053); an order to pay is a ruling the
    # coding rules leave out
    _t("обязать обязывать", "V", "demand", "1053", target=A, complement=True, needs="освободить отпустить"),
    _t("пригрозить угрожать грозить", "V", "threaten", "130", target=D,
       refine=[("санкция эмбарго", "1312"), ("разрыв", "1313"),
               ("удар сила война ракетный военный ответ уничтожить убить взорвать расстрелять казнить", "138")]),
    _t("ультиматум", "N", "threaten", "139", gen="source"),
    # --- protest -------------------------------------------------------------------------------------
    _t("протест", "N", "protest", "140", frame="dir", gen="source", exclude="выразить выражать нота"),
    _t("протестовать", "V", "protest", "140", target=(("против", "Gen"),)),
    _t("митинг демонстрация пикет манифестация шествие", "N", "protest", "141", gen="source",
       exclude="сила возможность мощь фильм километр перегон девятый"),
    _t("митинговать", "V", "protest", "141", target=(("против", "Gen"),)),
    # "акция протеста", "акция в поддержку журналиста": a rally ("акция" alone is a share or a sale)
    _t("акция марш", "N", "protest", "141", gen="source", needs="протест протестный поддержка солидарность несогласие"),
    _t("забастовка стачка", "N", "protest", "143", gen="source"),
    _t("бастовать", "V", "protest", "143", target=(("против", "Gen"),)),
    _t("голодовка", "N", "protest", "142", gen="source"),
    _t("беспорядок", "N", "protest", "145", gen="none", needs="массовый"),
    # --- force posture, reduced relations, sanctions ---------------------------------------------
    _t("учение", "N", "military_posture", "150", gen="none",
       needs="военный военно-морской ядерный совместный войско армия флот вмс ввс стратегический "
             "командно-штабной масштабный"),
    _t("мобилизация", "N", "military_posture", "154", gen="none", exclude="экономика ресурс"),
    _t("привести", "V", "military_posture", "152", needs="готовность"),
    _t("разорвать прервать", "V", "reduce_relations", "161", target=(("с", "Ins"),),
       needs="отношение"),
    _t("отозвать отзывать", "V", "reduce_relations", "161", target=(("из", "Gen"),), needs="посол"),
    _t("выслать высылать", "V", "reduce_relations", "161", target=A,
       needs="дипломат посол атташе консул"),
    _t("ввести вводить расширить продлить ужесточить", "V", "sanction", "163",
       target=(("против", "Gen"), ("в", "Loc")), needs="санкция эмбарго"),
    # --- coerce: emergency rule, curfews, bans of accounts and outlets (CAMEO 172x) ----------------
    _t("положение", "N", "sanction", "1724", gen="none", needs="военный чрезвычайный",
       need_head=IMPOSE),
    _t("час", "N", "sanction", "1723", gen="none", needs="комендантский", need_head=IMPOSE),
    _t("режим", "N", "sanction", "1723", gen="none",
       needs="самоизоляция карантинный карантин чрезвычайный контртеррористический", need_head=IMPOSE),
    _t("карантин самоизоляция", "N", "sanction", "1723", gen="none", need_head=IMPOSE),
    _t("аккаунт страница канал сайт блог", "N", "sanction", "172", gen="target",
       need_head="закрыть закрывать заблокировать блокировать удалить удалять"),
    _t("приостановить заморозить прекратить прервать", "V", "reduce_relations", "164",
       target=(("с", "Ins"),), needs="переговоры"),
    # --- coercion ------------------------------------------------------------------------------------
    _t("арестовать арестовывать", "V", "seize", "1711", target=A, needs=PROPERTY),
    _t("арест", "N", "seize", "1711", gen="none", needs=PROPERTY),
    # seizing evidence ("изъяли записи с камер") is no seizure from an actor
    _t("изъять изымать конфисковать", "V", "seize", "1711", target=(), exclude=EVIDENCE),
    _t("изъятие конфискация", "N", "seize", "1711", gen="none", exclude=EVIDENCE),
    # setting fire to property: destroy property
    _t("поджог", "N", "seize", "1712", gen="none"),
    _t("поджечь поджигать", "V", "seize", "1712", target=A),
    _t("захватить захватывать", "V", "assault", "181", target=A, needs="заложник"),
    _t("захватить захватывать", "V", "seize", "171", target=(),
       needs="танкер судно корабль здание самолет сухогруз"),
    _t("задержать задерживать арестовать арестовывать", "V", "arrest", "173", target=A, anim=True,
       exclude="рейс поезд вылет выплата зарплата пенсия"),
    _t("задержание арест", "N", "arrest", "173", gen="target", exclude="рейс вылет"),
    _t("взять заключить отправить поместить", "V", "arrest", "173", target=A, needs="стража сизо"),
    # custody and prison terms served or received are detention (173): "находятся под стражей",
    # "отбывает срок", "получил пожизненный срок" (the subject undergoes it; a suspended term does not)
    _t("стража", "N", "arrest", "173", gen="none",
       need_head="находиться содержаться оставаться остаться оставить оставлять"),
    _t("срок наказание", "N", "arrest", "173", gen="none", need_head="отбывать отбыть получить получать",
       exclude="условный штраф годность действие давность испытательный президентский губернаторский "
               "депутатский полномочие второй третий"),
    _t("депортировать выдворить высылать выслать экстрадировать", "V", "deport", "174", target=A,
       anim=True),
    _t("депортация экстрадиция высылка выдворение", "N", "deport", "174", gen="target"),
    # --- assault, fight, mass violence ---------------------------------------------------------------
    _t("напасть нападать", "V", "assault", "180", target=(("на", "Acc"),)),
    _t("открыть открывать", "V", "assault", "180", target=(("по", "Dat"),), needs="огонь стрельба"),
    # "сдался полиции": taken into custody by the one he gave himself up to
    _t("сдаться сдаваться", "V", "arrest", "173", target=D, subject_is_target=True,
       needs="полиция власть полицейский силовик следствие правоохранитель"),
    _t("нападение", "N", "assault", "180", gen="source"),
    _t("теракт", "N", "assault", "180", gen="none", refine=[("взрыв бомба смертник взрывчатка", "183")]),
    _t("взорвать", "V", "assault", "183", target=A),
    _t("избить избивать", "V", "assault", "182", target=A, anim=True),
    _t("избиение", "N", "assault", "182", gen="target"),
    _t("похитить похищать", "V", "assault", "181", target=A, anim=True),
    _t("похищение", "N", "assault", "181", gen="target", anim=True, exclude="средство деньги"),
    _t("убить убивать застрелить зарезать", "V", "assault", "1823", target=A, anim=True),
    _t("убийство", "N", "assault", "1823", gen="target", refine=[("массовый", "202")]),
    _t("покушение", "N", "assault", "185", gen="none", target=(("на", "Acc"),)),
    # "выбили экстремистов из крупнейших городов": driven out by force
    _t("выбить выбивать вытеснить вытеснять", "V", "fight", "190", target=A,
       needs="город позиция территория район село поселок населенный область база",
       exclude="митингующий протестующий демонстрант манифестант участник митинговать протестовать"),
    _t("атаковать", "V", "fight", "190", target=A,
       needs="позиция войско армия военный база блокпост укрепление бригада вэсэу всу флот корабль"),
    _t("атаковать", "V", "assault", "180", target=A, anim=True),
    _t("сбросить сбрасывать", "V", "fight", "195", target=(("на", "Acc"),), needs="бомба граната снаряд"),
    _t("обстрелять обстреливать", "V", "fight", "190", target=A,
       refine=[("артиллерия артиллерийский миномет минометный танк рсзо", "194")]),
    _t("обстрел", "N", "fight", "190", gen="target",
       refine=[("артиллерийский минометный танковый рсзо артиллерия", "194")]),
    _t("бой боестолкновение", "N", "fight", "190", frame="sym", gen="participant"),
    _t("перестрелка", "N", "fight", "193", frame="sym", gen="participant"),
    _t("авиаудар бомбардировка", "N", "fight", "195", gen="target"),
    _t("бомбить бомбардировать", "V", "fight", "195", target=A),
    _t("удар", "N", "fight", "190", gen="target", needs="ракетный авиационный воздушный артиллерийский",
       refine=[("авиационный воздушный", "195"), ("артиллерийский", "194")]),
    _t("оккупировать", "V", "fight", "192", target=A),
    _t("резня геноцид", "N", "mass_violence", "202", gen="target"),
    # --- accidents and disasters (no CAMEO) -----------------------------------------------------------
    _t("крушение катастрофа авиакатастрофа авария дтп обрушение", "N", "accident", None, frame="none",
       gen="none", exclude="гуманитарный экологический экономический демографический политический "
                           "финансовый моральный"),
    _t("пожар взрыв", "N", "accident", None, frame="none", gen="none", exclude="возмущение негодование"),
    _t("столкновение", "N", "accident", None, frame="none", gen="none",
       needs=" ".join(sorted(VEHICLES))),
    _t("разбиться взорваться загореться затонуть обрушиться", "V", "accident", None, frame="none",
       target=()),
    _t("землетрясение наводнение ураган тайфун цунами оползень извержение", "N", "disaster", None,
       frame="none", gen="none"),
]

BY_LEMMA: dict[str, list[Trigger]] = {}
for _trigger in TRIGGERS:
    for _lemma in _trigger.lemmas:
        BY_LEMMA.setdefault(_lemma, []).append(_trigger)

WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def forms() -> dict[str, frozenset[str]]:
    """Every inflected form of every trigger lemma (pymorphy's lexemes) → the lemmas it can be."""
    out: dict[str, set[str]] = {}
    analyzer = morph()
    for lemma in BY_LEMMA:
        out.setdefault(lemma, set()).add(lemma)
        for p in analyzer.parse(lemma):
            if p.normal_form.replace("ё", "е") != lemma:
                continue
            for f in p.lexeme:
                out.setdefault(f.word.replace("ё", "е"), set()).add(lemma)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=200_000)
def normal_forms(word: str) -> frozenset[str]:
    """Every normal form pymorphy gives the word (ё → е), lower-case."""
    return frozenset(p.normal_form.replace("ё", "е") for p in morph().parse(word.lower()))


def trigger_lemmas(word: str) -> frozenset[str]:
    """The trigger lemmas a word form can be (empty for most words)."""
    return forms().get(word.lower().replace("ё", "е"), frozenset())


def has_trigger(text: str) -> bool:
    """Cheap test: does any word of the text inflect a trigger lemma?"""
    table = forms()
    return any(m.group().lower().replace("ё", "е") in table for m in WORD.finditer(text))


__all__ = ["Trigger", "TRIGGERS", "BY_LEMMA", "has_trigger", "trigger_lemmas", "forms", "normal_forms",
           "PERSON_NOUNS", "COOPERATION", "CONTACTS", "VEHICLES"]
