"""`svodka eval normal DIR`: base forms of PER/LOC/ORG mentions on SlavicNER-like folders."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SHARED, need
from svodka.eval import normal

SLAVICNER = SHARED / "eval" / "slavicner"

# Two short texts written for this test (title, blank line, body), and their gold: (surface, base form, type).
TEXTS = {
    "a": ("Губернатор Новосибирской области встретился с фермерами\n\n"
          "Во вторник губернатор Андрей Травников провёл в Новосибирске встречу с фермерами из Бердска. "
          "Травникову рассказали о проблемах с поставками семян. "
          "Компания «Сибирская нива» обещала помочь аграриям.\n"),
    "b": ("В Казани открыли новый мост через Казанку\n\n"
          "Мэр Казани Ильсур Метшин открыл движение по новому мосту. На церемонии выступил представитель "
          "компании «Татавтодор», который поблагодарил строителей.\n"),
}
GOLD = {
    "a": [("Новосибирской области", "Новосибирская область", "LOC"),
          ("Андрей Травников", "Андрей Травников", "PER"),
          ("Новосибирске", "Новосибирск", "LOC"),
          ("Бердска", "Бердск", "LOC"),
          ("Травникову", "Травников", "PER"),
          ("семян", "семена", "PRO"),                       # not PER/LOC/ORG: not counted
          ("Сибирская нива", "Сибирская нива", "ORG")],
    "b": [("Казани", "Казань", "LOC"),
          ("Казанку", "река Казанка", "LOC"),               # svodka says "Казанка": an error
          ("Казани", "Казань", "LOC"),
          ("Ильсур Метшин", "Ильсур Метшин", "PER"),
          ("Ильсура", "Ильсур", "PER"),                     # a surface svodka does not mark: not covered
          ("Татавтодор", "Татавтодор", "ORG")],
}


def run(*args):
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    return subprocess.run([sys.executable, "-m", "svodka.cli", *args], capture_output=True, env=env)


def make_folder(root: Path) -> Path:
    for name, text in TEXTS.items():
        raw = root / "raw" / "demo" / "ru" / f"{name}.txt"
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_text(text, encoding="utf-8")
        rows = []
        for surface, base, typ in GOLD[name]:
            start = max(text.find(surface), 0)      # ("Ильсура" is not in the text; the metric reads no offsets)
            rows.append(f"{start}\t{start + len(surface)}\t{surface}\t{base}\t{typ}\t{typ}-{base.replace(' ', '-')}")
        ann = root / "ner" / "demo" / "ru" / f"{name}.tsv"
        ann.parent.mkdir(parents=True, exist_ok=True)
        ann.write_text("\n".join(rows) + "\n", encoding="utf-8")
    # gold without a text: the document is not predicted, so it counts nowhere
    (root / "ner" / "demo" / "ru" / "c.tsv").write_text("0\t6\tМосква\tМосква\tLOC\tGPE-Moscow\n", encoding="utf-8")
    return root


def test_tiny_folder_through_the_cli(tmp_path):
    folder = make_folder(tmp_path / "corpus")
    result = run("eval", "normal", str(folder), "--errors", "5")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert json.loads(lines[-1]) == {
        "PER": {"accuracy": 1.0, "coverage": 0.75, "mentions": 4},
        "LOC": {"accuracy": 0.8333, "coverage": 1.0, "mentions": 6},
        "ORG": {"accuracy": 1.0, "coverage": 1.0, "mentions": 2},
    }
    assert "2 of 3 documents predicted" in result.stdout.decode()
    errors = [line for line in lines if line.count("\t") == 4]
    assert errors == ["LOC\tКазанку\tрека Казанка\tказанка\tdemo/ru/b.txt"]
    per = next(line.split() for line in lines if line.startswith("PER "))
    assert per[1:] == ["1.0000", "0.7500", "4", "3", "3"]


def test_no_errors_printed_unless_asked(tmp_path):
    folder = make_folder(tmp_path / "corpus")
    shutil.rmtree(folder / "raw" / "demo" / "ru")
    (folder / "raw" / "demo" / "ru").mkdir()
    result = run("eval", "normal", str(folder))
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert not any(line.count("\t") == 4 for line in lines)
    assert "0 of 3 documents predicted" in lines[0]
    assert json.loads(lines[-1])["PER"] == {"accuracy": 0.0, "coverage": 0.0, "mentions": 0}


def test_not_a_slavicner_folder(tmp_path):
    result = run("eval", "normal", str(tmp_path))
    assert result.returncode == 2
    assert b"no SlavicNER documents" in result.stderr


def test_the_rules_of_the_metric():
    gold = {"t/ru/1.txt": [("Путина", "Путин", "PER"), ("ПУТИНА", "Путин", "PER"), ("Орёл", "Орел", "LOC"),
                           ("Москвы", "Москва", "LOC"), ("ООН", "ООН", "ORG"), ("Газпрома", "Газпром", "ORG")],
            "t/ru/2.txt": [("Лондона", "Лондон", "LOC")]}
    article = {"entities": [
        {"mentions": [{"text": "Путина", "normal": "Путина"},
                      {"text": "путина", "normal": "Владимир  Путин"}]},    # the last one counts; whole words
        {"mentions": [{"text": "Орел", "normal": "Орёл"}]},                  # ё read as е
        {"mentions": [{"text": "Москвы", "normal": "Москвы"},
                      {"text": "ООН", "normal": None}]},                      # no normal: wrong
        {"mentions": [{"text": "Газпрома", "normal": "Газпромбанк"}]},       # a part of a word is not enough
    ]}
    assert normal.surfaces(article) == {"путина": "владимир путин", "орел": "орел", "москвы": "москвы",
                                        "оон": None, "газпрома": "газпромбанк"}
    result = normal.score(gold, {"t/ru/1.txt": normal.surfaces(article)})
    assert result["counts"] == {"PER": {"mentions": 2, "covered": 2, "right": 2},
                                "LOC": {"mentions": 2, "covered": 2, "right": 1},
                                "ORG": {"mentions": 2, "covered": 2, "right": 0}}
    assert result["summary"]["LOC"] == {"accuracy": 0.5, "coverage": 1.0, "mentions": 2}
    assert [e[1] for e in result["errors"]] == ["Москвы", "ООН", "Газпрома"]
    assert normal.doc_of("/x/raw/t/ru/1.txt", gold) == "t/ru/1.txt"
    assert normal.doc_of("/x/raw/t/ru/11.txt", gold) is None


def test_on_a_few_slavicner_documents(tmp_path):
    need(SLAVICNER / "ner")
    folder = tmp_path / "few"
    picked = []
    for topic in ("brexit", "ryanair", "covid-19"):
        tsvs = sorted((SLAVICNER / "ner" / topic / "ru").glob("*.tsv"))[:1]
        for tsv in tsvs:
            raw = SLAVICNER / "raw" / topic / "ru" / f"{tsv.stem}.txt"
            for src, dst in ((tsv, folder / "ner" / topic / "ru" / tsv.name),
                             (raw, folder / "raw" / topic / "ru" / raw.name)):
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dst)
            picked.append(tsv)
    gold = normal.load_gold(folder)
    result = run("eval", "normal", str(folder), "--errors", "3")
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert f"{len(picked)} of {len(picked)} documents predicted" in result.stdout.decode()
    summary = json.loads(lines[-1])
    assert set(summary) == {"PER", "LOC", "ORG"}
    for typ, s in summary.items():
        assert set(s) == {"accuracy", "coverage", "mentions"}
        assert 0.0 <= s["accuracy"] <= 1.0 and 0.0 <= s["coverage"] <= 1.0
        assert s["mentions"] == sum(1 for rows in gold.values() for r in rows if r[2] == typ)
    errors = [line.split("\t") for line in lines if line.count("\t") == 4]
    assert len(errors) <= 3
    assert all(e[0] in ("PER", "LOC", "ORG") and e[4] in gold for e in errors)
