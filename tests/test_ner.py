"""PER/LOC/ORG spans: corrections on invented sentences, the scorer against ../shared/eval/score_ner.py,
and the factRuEval devset targets."""
from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest

from conftest import SHARED, need
from svodka.eval import ner as ev
from svodka.nlp import ner

warnings.filterwarnings("ignore", category=UserWarning, module="pymorphy2")

FACTRU_DEV = SHARED / "eval" / "factru" / "devset"
SCORER = SHARED / "eval" / "score_ner.py"
TARGETS = {"PER": 0.95, "LOC": 0.93, "ORG": 0.80}


def mentions(text: str) -> list[tuple[str, str]]:
    return [(text[a:b], t) for a, b, t in ner.find_spans(text)]


# ---------------------------------------------------------------- invented sentences

def test_people_and_countries():
    text = "Президент России Владимир Путин созвонился с президентом Азербайджана Ильхамом Алиевым."
    assert mentions(text) == [("России", "LOC"), ("Владимир Путин", "PER"),
                              ("Азербайджана", "LOC"), ("Ильхамом Алиевым", "PER")]


def test_female_surnames_and_titles_stay_out():
    text = "Официальный представитель ведомства Мария Захарова ответила депутату Анне Ивановой."
    got = mentions(text)
    assert ("Мария Захарова", "PER") in got
    assert ("Анне Ивановой", "PER") in got
    assert all(t != "PER" or not s.startswith(("представитель", "депутат")) for s, t in got)


def test_line_break_does_not_fuse_names():
    text = "Ильхам Алиев\nПрезидент Азербайджана выступил в Баку."
    got = mentions(text)
    assert ("Ильхам Алиев", "PER") in got
    assert all("\n" not in s for s, _ in got)


def test_abbreviation_in_brackets_is_its_own_mention():
    text = "Рейс «Азербайджанских авиалиний» (AZAL) вылетел из Баку в Грозный."
    got = mentions(text)
    assert ("Азербайджанских авиалиний", "ORG") in got
    assert ("AZAL", "ORG") in got
    assert ("Баку", "LOC") in got


def test_latin_form_in_brackets_is_a_second_person():
    text = "Как рассказал аналитик Джон Смит (John Smith), сделка закрыта."
    assert [m for m in mentions(text) if m[1] == "PER"] == [("Джон Смит", "PER"), ("John Smith", "PER")]


def test_organisation_in_quotes_is_the_quoted_name():
    text = "Об этом сообщил глава ОАО «Газпром» Алексей Миллер, передаёт РИА «Новости»."
    got = mentions(text)
    assert ("Газпром", "ORG") in got
    assert ("Новости", "ORG") in got
    assert ("Алексей Миллер", "PER") in got


def test_quoted_name_after_an_organisation_word():
    text = "Немецкий концерн «Фольксваген» откроет завод под Калугой."
    assert ("Фольксваген", "ORG") in mentions(text)


def test_craft_in_quotes_is_not_an_organisation():
    text = "Шаттл «Дискавери» вернулся на Землю. После «Дискавери» к станции полетит «Индевор»."
    assert not [m for m in mentions(text) if m[0] == "Дискавери"]


def test_european_union_is_an_organisation():
    text = "Евросоюз продлил санкции, а в Европейском союзе обсуждают новые; ЕС ждёт ответа."
    got = mentions(text)
    assert ("Евросоюз", "ORG") in got
    assert ("Европейском союзе", "ORG") in got
    assert ("ЕС", "ORG") in got


def test_relational_adjective_joins_the_organisation():
    text = "Глава японского МИДа прилетел в Москву."
    got = mentions(text)
    assert ("японского МИДа", "ORG") in got
    assert ("Москву", "LOC") in got


def test_ministry_in_lower_case_with_a_country():
    text = "Встреча прошла в миде Грузии."
    assert mentions(text) == [("миде", "ORG"), ("Грузии", "LOC")]


def test_surname_alone_later_in_the_text():
    text = ("Министр финансов Алексей Кудрин выступил в Думе. "
            "По словам Кудрина, бюджет сбалансирован.")
    assert ("Кудрина", "PER") in mentions(text)


def test_country_adjective_is_not_a_place():
    text = "Российские и американские дипломаты обсудили ситуацию в Сирии."
    assert mentions(text) == [("Сирии", "LOC")]


def test_ordinary_word_opening_a_sentence_is_not_a_name():
    text = "Подана первая заявка. Супруга бизнесмена обратилась в суд."
    assert mentions(text) == []


def test_list_of_countries():
    text = "Поддержали:\n• Чили • Коста Рика • Эквадор • Египет • Эфиопия"
    got = mentions(text)
    assert all(t == "LOC" for _, t in got)
    assert ("Эфиопия", "LOC") in got


def test_span_invariants_and_batch():
    texts = ["", "   ", "«Газпром", "Иван (", "• • •", "Москва\r\nПетербург",
             "Встреча Сергея Лаврова и Энтони Блинкена прошла в Женеве (Швейцария)."]
    batch = ner.find_spans_batch(texts)
    for text, spans in zip(texts, batch):
        assert spans == ner.find_spans(text)
        prev = 0
        for a, b, t in spans:
            assert 0 <= prev <= a < b <= len(text)
            assert t in ("PER", "LOC", "ORG")
            assert text[a:b] == text[a:b].strip()
            prev = b
    assert batch[0] == [] and batch[1] == []


# ---------------------------------------------------------------- scorer

def test_scorer_counts():
    docs = {"d": {"text": "x", "gold": [(0, 5, "PER"), (6, 9, "LOC")]}}
    res = ev.score(docs, {"d": [(0, 5, "PER"), (6, 8, "LOC"), (6, 8, "LOC"), (10, 12, "ORG")]})
    assert (res["PER"]["tp"], res["PER"]["fp"], res["PER"]["fn"]) == (1, 0, 0)
    assert (res["LOC"]["tp"], res["LOC"]["fp"], res["LOC"]["fn"]) == (0, 1, 1)
    assert (res["ORG"]["tp"], res["ORG"]["fp"]) == (0, 1)
    assert res["micro"]["tp"] == 1 and res["micro"]["fp"] == 2 and res["micro"]["fn"] == 1


@pytest.fixture(scope="module")
def devset():
    docs = ev.load_gold(need(FACTRU_DEV))
    return docs, ev.predict(docs)


def test_gold_adaptation_matches_shared(tmp_path):
    need(SCORER)
    out = tmp_path / "gold.jsonl"
    subprocess.run([sys.executable, str(SCORER), "--gold", str(FACTRU_DEV), "--dump-gold", str(out)],
                   check=True, capture_output=True)
    theirs = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        theirs[rec["doc"]] = sorted(tuple(s) for s in rec["spans"])
    ours = {d: sorted(v["gold"]) for d, v in ev.load_gold(FACTRU_DEV).items()}
    assert ours == theirs
    assert sum(len(v) for v in ours.values()) == 2351


def test_scorer_agrees_with_shared(devset, tmp_path):
    need(SCORER)
    docs, preds = devset
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(ev.predictions_jsonl(preds), encoding="utf-8")
    done = subprocess.run([sys.executable, str(SCORER), "--gold", str(FACTRU_DEV), "--pred", str(pred_file),
                           "--quiet"], check=True, capture_output=True, text=True)
    theirs = json.loads(done.stdout.strip().splitlines()[-1])
    ours = ev.score(docs, preds)
    for t in ev.TYPES:
        for k in ("tp", "fp", "fn"):
            assert ours[t][k] == theirs["types"][t][k], (t, k)
        assert ours[t]["f1"] == pytest.approx(theirs["types"][t]["f1"], abs=1e-4)
    assert ours["micro"]["f1"] == pytest.approx(theirs["micro"]["f1"], abs=1e-4)


def test_devset_targets(devset):
    docs, preds = devset
    res = ev.score(docs, preds)
    for t, goal in TARGETS.items():
        assert res[t]["f1"] >= goal, (t, res[t])


def test_cli_prints_json_last(capsys):
    need(FACTRU_DEV)
    assert ev.main(FACTRU_DEV) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    res = json.loads(last)
    assert set(res) >= {"PER", "LOC", "ORG"}
    assert all({"p", "r", "f1"} <= set(res[t]) for t in ("PER", "LOC", "ORG"))


def test_fields_share_evidence_but_not_mentions():
    fields = ["Ильхам Алиев", "Президент Азербайджана Ильхам Алиев прилетел в Москву.",
              "Комитет защиты журналистов (КЗЖ) выпустил доклад.", "Доклад КЗЖ обсудили в Баку."]
    got = ner.find_spans_fields(fields)
    assert len(got) == len(fields)
    for text, spans in zip(fields, got):
        for a, b, _ in spans:
            assert 0 <= a < b <= len(text)
    assert (0, len("Ильхам Алиев"), "PER") in got[0]
    assert [(fields[3][a:b], t) for a, b, t in got[3]] == [("КЗЖ", "ORG"), ("Баку", "LOC")]
    assert ner.find_spans_fields([]) == []
