"""Quotes and their speakers (svodka.nlp.quotes): invented sentences for each pattern, and the seed page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from svodka.nlp.quotes import SpeakerMention, find_quotes, quote_spans
from svodka.nlp.speech import speech_word

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_EXPECTED = SHARED / "examples" / "000_68e2d56d0b42af1b.expected.json"

# surface form → (normalised name, type, gender); the entity layer fills these in the pipeline
KNOWN = {
    "Иван Петров": ("Иван Петров", "PER", "masc"),
    "Ивана Петрова": ("Иван Петров", "PER", "masc"),
    "Петров": ("Иван Петров", "PER", "masc"),
    "Анна Смирнова": ("Анна Смирнова", "PER", "femn"),
    "Анны Смирновой": ("Анна Смирнова", "PER", "femn"),
    "Смирнова": ("Анна Смирнова", "PER", "femn"),
    "Олег Кузнецов": ("Олег Кузнецов", "PER", "masc"),
    "Мария Волкова": ("Мария Волкова", "PER", "femn"),
    "Минфин": ("Минфин", "ORG", None),
    "Минфине": ("Минфин", "ORG", None),
    "ТАСС": ("ТАСС", "ORG", None),
    "Ромашка": ("Ромашка", "ORG", None),
    "Ромашки": ("Ромашка", "ORG", None),
    "Газпром": ("Газпром", "ORG", None),
    "Спартак": ("Спартак", "ORG", None),
    "Спартака": ("Спартак", "ORG", None),
}


def mentions_for(fields: list[tuple[str, str]]) -> list[SpeakerMention]:
    """Every known surface form in the fields, longest first, without overlaps."""
    out: list[SpeakerMention] = []
    for name, text in fields:
        taken: list[tuple[int, int]] = []
        for surface in sorted(KNOWN, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                norm, typ, gender = KNOWN[surface]
                out.append(SpeakerMention(name, m.start(), m.end(), norm, typ, gender))
    return out


def quotes(*paragraphs: str):
    fields = [(f"body[{i}]", p) for i, p in enumerate(paragraphs)]
    found = find_quotes(fields, mentions_for(fields))
    texts = dict(fields)
    for q in found:                                   # offsets always point at the quote text
        assert texts[q.field][q.start:q.stop] == q.text
        assert q.speaker_id is None
    return found


def only(found, kind: str):
    return [q for q in found if q.kind == kind]


def one(found, kind: str):
    got = only(found, kind)
    assert len(got) == 1, got
    return got[0]


# --- the lexicon ----------------------------------------------------------------------------------

def test_speech_words():
    assert speech_word("заявила").lemma == "заявить" and speech_word("заявила").gender == "femn"
    assert speech_word("сказал").gender == "masc"
    assert speech_word("сообщает").lemma == "сообщать"
    assert speech_word("отметили").number == "plur"
    assert speech_word("говорится").impersonal
    assert speech_word("отметив").pos == "GRND"
    assert speech_word("уверена") is not None
    assert speech_word("напомним") is None            # first person: the outlet itself
    assert speech_word("заявить") is None             # infinitive
    assert speech_word("заявление") is None           # a noun
    assert speech_word("поздравил") is None


def test_quote_marks():
    text = "«Мы поддержим „Зеленый город“», — сказал он, а \"Спартак\" и «Газпром» молчат."
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans == ["Мы поддержим „Зеленый город“", "Спартак", "Газпром"]
    text = "a «b «c» d» e"
    assert [text[a:b] for a, b in quote_spans(text)] == ["b «c» d"]


# --- direct quotes ----------------------------------------------------------------------------------

def test_dash_after_person():
    q = one(quotes("«Мы не планируем повышать цены в этом году», — заявил глава компании Иван Петров."), "direct")
    assert q.text == "Мы не планируем повышать цены в этом году"
    assert q.speaker == "Иван Петров"
    assert q.field == "body[0]" and q.start == 1


def test_dash_after_female_person():
    q = one(quotes("«Решение будет принято до конца недели», — сообщила Анна Смирнова журналистам."), "direct")
    assert q.speaker == "Анна Смирнова"


def test_dash_after_subject_first():
    q = one(quotes("«Сроки не изменятся», — Анна Смирнова заявила журналистам."), "direct")
    assert q.speaker == "Анна Смирнова"


def test_dash_after_descriptor_in_nominative():
    q = one(quotes("«Работы идут по графику», — сообщила пресс-служба министерства транспорта."), "direct")
    assert q.speaker == "пресс-служба министерства транспорта"


def test_dash_after_organisation_mention():
    assert one(quotes("«Бюджет будет исполнен», — заявил Минфин."), "direct").speaker == "Минфин"
    assert one(quotes("«Бюджет будет исполнен», — заявили в Минфине."), "direct").speaker == "Минфин"


def test_addressee_is_not_the_speaker():
    q = one(quotes("«Решение уже принято», — сообщил «Известиям» источник в правительстве."), "direct")
    assert q.speaker == "источник в правительстве"


def test_colon_before():
    q = one(quotes("Анна Смирнова написала в Telegram-канале: «Это провокация»."), "direct")
    assert (q.text, q.speaker) == ("Это провокация", "Анна Смирнова")
    q = one(quotes("Иван Петров заявил журналистам: «Мы готовы к переговорам»."), "direct")
    assert q.speaker == "Иван Петров"


def test_bare_name_and_colon():
    q = one(quotes("Петров: «Мы не уйдем с рынка»"), "direct")
    assert q.speaker == "Иван Петров"


def test_pronoun_after_quote():
    found = quotes("Иван Петров приехал на завод. «Мы довольны итогами», — сказал он.")
    assert one(found, "direct").speaker == "Иван Петров"
    found = quotes("Анна Смирнова выступила на форуме. «Работа продолжится», — сказала она.")
    assert one(found, "direct").speaker == "Анна Смирнова"


def test_pronoun_gender_picks_the_right_speaker():
    found = quotes("«Мы договорились», — заявила Анна Смирнова. «И мы довольны», — сказал Иван Петров. "
                   "«Подписание состоится в мае», — добавила она.")
    assert [q.speaker for q in only(found, "direct")] == ["Анна Смирнова", "Иван Петров", "Анна Смирнова"]


def test_po_slovam_direct():
    q = one(quotes("По словам Ивана Петрова, «компания справится с трудностями»."), "direct")
    assert (q.text, q.speaker) == ("компания справится с трудностями", "Иван Петров")


def test_quote_split_by_attribution():
    found = quotes("«Первая часть работы завершена», — сказал Олег Кузнецов, — «вторая начнется весной».")
    assert [(q.text, q.speaker) for q in only(found, "direct")] == [
        ("Первая часть работы завершена", "Олег Кузнецов"), ("вторая начнется весной", "Олег Кузнецов")]


def test_attribution_inside_the_marks():
    found = quotes("«Мы пройдем этот путь вместе, — сказал Иван Петров. — Работа только начинается».")
    assert [(q.text, q.speaker) for q in only(found, "direct")] == [
        ("Мы пройдем этот путь вместе", "Иван Петров"), ("Работа только начинается", "Иван Петров")]


def test_straight_quotes():
    q = one(quotes('"Мы готовы к диалогу", — сказал Иван Петров.'), "direct")
    assert (q.text, q.speaker) == ("Мы готовы к диалогу", "Иван Петров")


def test_nested_quotes_stay_inside():
    text = "«Мы поддерживаем проект „Зеленый город“ и будем его развивать», — заявила Анна Смирнова."
    q = one(quotes(text), "direct")
    assert q.text == "Мы поддерживаем проект „Зеленый город“ и будем его развивать"
    assert q.speaker == "Анна Смирнова"
    q = one(quotes("«Компания «Ромашка» выполнила все обязательства», — заявила Мария Волкова."), "direct")
    assert q.text == "Компания «Ромашка» выполнила все обязательства"
    assert q.speaker == "Мария Волкова"


def test_whole_paragraph_quote_after_colon():
    found = quotes("Иван Петров обратился к сотрудникам с заявлением:",
                   "«Мы прошли трудный год. Никто не останется без работы, и зарплаты будут проиндексированы».")
    q = one(found, "direct")
    assert q.field == "body[1]"
    assert q.text == "Мы прошли трудный год. Никто не останется без работы, и зарплаты будут проиндексированы"
    assert q.speaker == "Иван Петров"


def test_whole_paragraph_quote_continues_previous_speaker():
    found = quotes("«Мы пройдем этот путь вместе», — сказала Анна Смирнова.",
                   "«Работа только начинается. Впереди много дел».")
    assert [(q.field, q.speaker) for q in only(found, "direct")] == [
        ("body[0]", "Анна Смирнова"), ("body[1]", "Анна Смирнова")]


def test_whole_paragraph_quote_with_attribution():
    q = one(quotes("«Мы пройдем этот путь вместе. Никто не останется в стороне», — сказал Иван Петров."), "direct")
    assert q.text == "Мы пройдем этот путь вместе. Никто не останется в стороне"
    assert q.speaker == "Иван Петров"


def test_comma_only_attribution():
    q = one(quotes("«У меня к этому просто отвращение», заявил Олег Кузнецов."), "direct")
    assert q.speaker == "Олег Кузнецов"


# --- partial quotes ------------------------------------------------------------------------------------

def test_partial_quote_speaker_is_the_subject_not_the_nearest_name():
    found = quotes("Олег Кузнецов заявил, что Иван Петров поздравил коллег «очень тепло».")
    q = one(found, "direct")
    assert (q.text, q.speaker) == ("очень тепло", "Олег Кузнецов")
    ind = one(found, "indirect")
    assert ind.text == "Иван Петров поздравил коллег «очень тепло»"
    assert ind.speaker == "Олег Кузнецов"


def test_partial_quote_with_naming_verb():
    q = one(quotes("Анна Смирнова назвала переговоры «конструктивными»."), "direct")
    assert (q.text, q.speaker) == ("конструктивными", "Анна Смирнова")


def test_partial_quote_in_impersonal_plural():
    found = quotes("В министерстве отметили, что разговор носил «теплый и дружеский характер»")
    assert one(found, "direct").speaker == "министерство"
    assert one(found, "indirect").text == "разговор носил «теплый и дружеский характер»"


# --- quoted names are not quotes ---------------------------------------------------------------------

def test_quoted_names_are_not_quotes():
    assert quotes("«Газпром» увеличил добычу газа. Болельщики «Спартака» отпраздновали победу.") == []
    assert quotes("Клуб «Спартак» объявил о подписании контракта с новым тренером.") == []
    assert quotes("Сотрудники «Sputnik Азербайджан» задержаны.") == []


def test_quoted_name_inside_reported_speech():
    found = quotes("Иван Петров заявил, что «Спартак» выиграл заслуженно.")
    assert only(found, "direct") == []
    assert one(found, "indirect").text == "«Спартак» выиграл заслуженно"


def test_scare_quotes_without_speech_verb():
    assert quotes("В ходе встречи, которая прошла «в конструктивном ключе», стороны подписали договор.") == []


# --- indirect speech -------------------------------------------------------------------------------------

def test_indirect_subject_first():
    q = one(quotes("Иван Петров сообщил журналистам, что переговоры пройдут в январе."), "indirect")
    assert (q.text, q.speaker) == ("переговоры пройдут в январе", "Иван Петров")


def test_indirect_female_and_o_tom():
    q = one(quotes("Анна Смирнова отметила, что сроки не изменятся."), "indirect")
    assert (q.text, q.speaker) == ("сроки не изменятся", "Анна Смирнова")
    q = one(quotes("Мария Волкова напомнила о том, что закон вступает в силу в марте."), "indirect")
    assert (q.text, q.speaker) == ("закон вступает в силу в марте", "Мария Волкова")


def test_indirect_verb_after_clause():
    q = one(quotes("Переговоры прошли успешно, заявил Иван Петров."), "indirect")
    assert (q.text, q.speaker) == ("Переговоры прошли успешно", "Иван Петров")
    q = one(quotes("Стороны договорились о новой встрече, сообщает ТАСС."), "indirect")
    assert (q.text, q.speaker) == ("Стороны договорились о новой встрече", "ТАСС")


def test_indirect_pronoun():
    found = quotes("Иван Петров встретился с Анной Смирновой. Он заявил, что встреча прошла продуктивно.")
    q = one(found, "indirect")
    assert (q.text, q.speaker) == ("встреча прошла продуктивно", "Иван Петров")
    found = quotes("Анна Смирнова и Олег Кузнецов провели встречу. Она подчеркнула, что договор подписан.")
    assert one(found, "indirect").speaker == "Анна Смирнова"


def test_indirect_gerund_and_short_adjective():
    q = one(quotes("Иван Петров поблагодарил коллег, отметив, что проект завершен в срок."), "indirect")
    assert (q.text, q.speaker) == ("проект завершен в срок", "Иван Петров")
    q = one(quotes("Мария Волкова уверена, что цены снизятся."), "indirect")
    assert (q.text, q.speaker) == ("цены снизятся", "Мария Волкова")


def test_indirect_descriptors():
    q = one(quotes("Источник в правительстве сообщил, что решение уже принято."), "indirect")
    assert q.speaker == "источник в правительстве"
    q = one(quotes("Представитель Минфина заявил, что бюджет будет исполнен."), "indirect")
    assert q.speaker == "представитель Минфина"
    q = one(quotes("В сообщении пресс-службы банка говорится, что вклады застрахованы."), "indirect")
    assert (q.text, q.speaker) == ("вклады застрахованы", "пресс-служба банка")


def test_intro_phrases():
    q = one(quotes("Как отметили в пресс-службе министерства, работы завершатся к маю."), "indirect")
    assert (q.text, q.speaker) == ("работы завершатся к маю", "пресс-служба министерства")
    q = one(quotes("Как сообщает ТАСС, переговоры завершились."), "indirect")
    assert (q.text, q.speaker) == ("переговоры завершились", "ТАСС")
    q = one(quotes("По мнению экспертов, рынок восстановится к лету."), "indirect")
    assert (q.text, q.speaker) == ("рынок восстановится к лету", "эксперты")
    q = one(quotes("По словам Анны Смирновой, компания справится с трудностями."), "indirect")
    assert (q.text, q.speaker) == ("компания справится с трудностями", "Анна Смирнова")
    q = one(quotes("Компания сохранит все рабочие места, как заявил Иван Петров."), "indirect")
    assert (q.text, q.speaker) == ("Компания сохранит все рабочие места", "Иван Петров")


def test_about_this_points_back():
    found = quotes("Цены на проезд вырастут на пять процентов. Об этом сообщает пресс-служба мэрии.")
    q = one(found, "indirect")
    assert (q.text, q.speaker) == ("Цены на проезд вырастут на пять процентов", "пресс-служба мэрии")


def test_no_speaker_no_indirect():
    assert quotes("Сообщается, что переговоры продолжатся.") == []
    assert quotes("Напомним, что ранее компания «Ромашка» объявила о сокращениях.") == []


def test_descriptor_mention_only_in_its_case():
    text = ("Как отметили в пресс-службе азербайджанского лидера, стороны обсудили торговлю. "
            "По словам азербайджанского лидера, переговоры прошли успешно.")
    fields = [("body[0]", text)]
    mentions = [SpeakerMention("body[0]", m.start(), m.end(), "Ильхам Алиев", "PER", "masc")
                for m in re.finditer("азербайджанского лидера", text)]
    found = only(find_quotes(fields, mentions), "indirect")
    assert [(q.text, q.speaker) for q in found] == [
        ("стороны обсудили торговлю", "пресс-служба азербайджанского лидера"),
        ("переговоры прошли успешно", "Ильхам Алиев")]


def test_captions_between_paragraphs_are_skipped():
    fields = [("lead", "«Мы пройдем этот путь вместе», — сказала Анна Смирнова."),
              ("media[0].caption", "Анна Смирнова"),
              ("body[0]", "«Работа только начинается. Впереди много дел».")]
    found = find_quotes(fields, mentions_for(fields))
    assert [(q.field, q.speaker) for q in found] == [("lead", "Анна Смирнова"), ("body[0]", "Анна Смирнова")]


# --- the seed page -------------------------------------------------------------------------------------------

SEED_PERSONS = {                                     # surface → (name, gender): what the entity layer gives
    "Владимир Путин": ("Владимир Путин", "masc"),
    "Путин": ("Владимир Путин", "masc"),
    "Путина": ("Владимир Путин", "masc"),
    "Ильхамом Алиевым": ("Ильхам Алиев", "masc"),
    "Алиева": ("Ильхам Алиев", "masc"),
    "Дмитрий Песков": ("Дмитрий Песков", "masc"),
    "Мехрибан Алиева": ("Мехрибан Алиева", "femn"),
}


def _seed_fields_and_mentions():
    if not SEED_EXPECTED.exists():
        pytest.skip(f"{SEED_EXPECTED} is not here (../shared absent)")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    art = expected["article"]
    fields = [("title", art["title"]), ("lead", art["lead"])]
    fields += [(f"body[{i}]", p) for i, p in enumerate(art["body"])]
    mentions = []
    for name, text in fields:
        taken: list[tuple[int, int]] = []
        for surface in sorted(SEED_PERSONS, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                norm, gender = SEED_PERSONS[surface]
                mentions.append(SpeakerMention(name, m.start(), m.end(), norm, "PER", gender))
    return expected, fields, mentions


def test_seed_quotes():
    expected, fields, mentions = _seed_fields_and_mentions()
    found = find_quotes(fields, mentions)
    texts = dict(fields)
    for q in found:
        assert texts[q.field][q.start:q.stop] == q.text
    for want in expected["quotes"]:
        hits = [q for q in found if q.kind == want["kind"]
                and (q.text == want["text"] if "text" in want else q.text.startswith(want["text_starts"]))]
        assert hits, want
        q = hits[0]
        if "speaker" in want:
            assert q.speaker == want["speaker"], (q, want)
        if "speaker_any" in want:
            assert any(s in (q.speaker or "") for s in want["speaker_any"]), (q, want)


def test_seed_details():
    _, fields, mentions = _seed_fields_and_mentions()
    found = {(q.kind, q.field, q.text[:25]): q.speaker for q in find_quotes(fields, mentions)}
    assert found[("direct", "body[1]", "Подтвержден обоюдный наст")] == \
        "пресс-служба администрации российского президента"
    assert found[("direct", "body[3]", "очень тепло")] == "Дмитрий Песков"
    assert found[("indirect", "body[3]", "стороны взаимно поздравил")] == "Дмитрий Песков"
    assert found[("indirect", "body[5]", "стороны также обсудили во")] == "пресс-служба азербайджанского лидера"
    assert found[("indirect", "body[6]", "эти переговоры стали пред")] == "эксперты"
    assert found[("direct", "lead", "теплый и дружеский характ")] == "Кремль"
    # quoted names in the last paragraph are no quotes
    assert not any(f == "body[7]" for _, f, _ in found)
    # the echo of the lead's quote has no speech verb: not a quote
    assert not any(f == "body[2]" for _, f, _ in found)


def test_a_surname_the_dictionary_lacks_speaks_in_the_nominative():
    from svodka.model import Article
    from svodka.nlp import annotate

    article = annotate(Article(id="q", source="t", published="2025-03-14", title="Суд",
                               body=["Олег Маркив предстал перед судом.",
                                     "29-летний Маркив перед началом слушаний заявил: «Я невиновен»."]))
    assert [(q.kind, q.speaker) for q in article.quotes] == [("direct", "Олег Маркив")]
