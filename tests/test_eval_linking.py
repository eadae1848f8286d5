"""`svodka eval linking`: B-cubed over cross-document entity links, on hand-made clusters, a tiny corpus
written here in SlavicNER's layout, and (when ../shared is here) three SlavicNER documents."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SHARED, need
from svodka.eval import linking

SLAVICNER = SHARED / "eval" / "slavicner"


# --- B-cubed on hand-made clusters ----------------------------------------------------------

def test_bcubed_known_values():
    # gold A = 1..5, B = 6..7, C = 8..12; predicted: 1..5 together, 6..12 together (B and C merged)
    gold = ["A"] * 5 + ["B"] * 2 + ["C"] * 5
    pred = ["x"] * 5 + ["y"] * 7
    p, r, f1 = linking.bcubed(zip(gold, pred))
    assert p == pytest.approx((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)        # 0.7619
    assert r == pytest.approx(1.0)
    assert f1 == pytest.approx(2 * p * r / (p + r))
    # the same, the other way round: a split costs recall, not precision
    p, r, _ = linking.bcubed(zip(pred, gold))
    assert (p, r) == pytest.approx((1.0, (5 + 2 * 2 / 7 + 5 * 5 / 7) / 12))
    # one gold entity as two singletons; all in one; nothing
    assert linking.bcubed([("a", 1), ("a", 2)]) == pytest.approx((1.0, 0.5, 2 / 3))
    assert linking.bcubed([("a", 1), ("b", 1), ("c", 1), ("c", 1)]) == \
        pytest.approx(((1 / 4 + 1 / 4 + 2 / 4 + 2 / 4) / 4, 1.0, 2 * 0.375 / 1.375))
    assert linking.bcubed([]) == (0.0, 0.0, 0.0)


def test_gold_mentions_find_their_predicted_mentions():
    raw = "Полесов приехал\n\n12 марта 2024\n\nАркадий Полесов открыл школу. Полесова ждали в Твери."
    article = {"title": "Полесов приехал", "body": ["Аркадий Полесов открыл школу. Полесова ждали в Твери."]}
    where = linking.place_fields(raw, article, ["body[0]", "title", "lead", "media[0].caption"])
    assert sorted(where) == ["body[0]", "title"]
    assert where["title"].span(0, 7) == (0, 7) and where["body[0]"].span(8, 15) == (40, 47)
    # whitespace the page reading changed (lines joined, spaces collapsed) is read loosely
    loose = linking.place_fields("Заголовок\n\nАркадий  Полесов\nоткрыл школу.",
                                 {"body": ["Аркадий Полесов открыл школу."]}, ["body[0]"])["body[0]"]
    assert loose.span(8, 15) == (20, 27) and loose.span(16, 22) == (28, 34)
    doc = linking.Doc(article="x", mentions=[
        linking.Predicted("полесов", "PER", 7, 0, 7),
        linking.Predicted("аркадий полесов", "PER", 7, 32, 47),
        linking.Predicted("полесова", "PER", None, 62, 70),        # its entity was not linked
        linking.Predicted("твери", "LOC", 9, None, None),          # its field was not found in the text
    ])

    def g(start, surface, type_="PER"):
        return linking.GoldMention("d.txt", start, start + len(surface), surface, type_, "PER-Arkady-Polesov")

    gold = [g(0, "Полесов"), g(40, "Полесов"), g(62, "Полесова"), g(79, "Твери", "LOC"), g(90, "Москве", "LOC")]
    assert linking.assign(gold, doc) == [(7, "span"), (7, "span"), (None, "none"), (9, "text"), (None, "none")]


# --- a tiny corpus in SlavicNER's layout, through the command line ----------------------------

DOCS = {
    "tver/ru/a1.txt": (
        "Аркадий Полесов открыл новую школу в Твери\n\n2024-03-12\n\n"
        "Губернатор Аркадий Полесов в среду открыл новую школу в Твери. По словам Полесова, школа рассчитана "
        "на восемьсот учеников. Строительство вела компания «Волгастрой».\n",
        [("Аркадий Полесов", "PER", "PER-Arkady-Polesov"), ("Твери", "LOC", "GPE-Tver"),
         ("Аркадий Полесов", "PER", "PER-Arkady-Polesov"), ("Твери", "LOC", "GPE-Tver"),
         ("Полесова", "PER", "PER-Arkady-Polesov"), ("Волгастрой", "ORG", "ORG-Volgastroy")]),
    "tver/ru/a2.txt": (
        "Полесов встретился с жителями Ржева\n\n2024-03-15\n\n"
        "Губернатор Аркадий Полесов встретился с жителями Ржева. Аркадий Полесов пообещал отремонтировать "
        "дороги в городе до конца года. Компания «Волгастрой» начнёт работы в апреле.\n",
        [("Полесов", "PER", "PER-Arkady-Polesov"), ("Ржева", "LOC", "GPE-Rzhev"),
         ("Аркадий Полесов", "PER", "PER-Arkady-Polesov"), ("Ржева", "LOC", "GPE-Rzhev"),
         ("Аркадий Полесов", "PER", "PER-Arkady-Polesov"), ("Волгастрой", "ORG", "ORG-Volgastroy")]),
    "kazan/ru/b1.txt": (
        "Мэр Казани Ильдар Гарипов посетил выставку в Москве\n\n2024-04-02\n\n"
        "Мэр Казани Ильдар Гарипов в пятницу посетил выставку в Москве. Гарипов рассказал журналистам "
        "о планах города.\n",
        [("Казани", "LOC", "GPE-Kazan"), ("Ильдар Гарипов", "PER", "PER-Ildar-Garipov"),
         ("Москве", "LOC", "GPE-Moscow"), ("Казани", "LOC", "GPE-Kazan"),
         ("Ильдар Гарипов", "PER", "PER-Ildar-Garipov"), ("Москве", "LOC", "GPE-Moscow"),
         ("Гарипов", "PER", "PER-Ildar-Garipov")]),
    "kazan/ru/b2.txt": (
        "Тверь и Казань подписали соглашение\n\n2024-04-20\n\n"
        "Власти Твери и Казани подписали соглашение о сотрудничестве. Документ подписали Ильдар Гарипов "
        "и Аркадий Полесов.\n",
        [("Тверь", "LOC", "GPE-Tver"), ("Казань", "LOC", "GPE-Kazan"), ("Твери", "LOC", "GPE-Tver"),
         ("Казани", "LOC", "GPE-Kazan"), ("Ильдар Гарипов", "PER", "PER-Ildar-Garipov"),
         ("Аркадий Полесов", "PER", "PER-Arkady-Polesov")]),
}


def write_corpus(root: Path) -> dict[str, int]:
    """The documents and their gold (offsets found in order); returns the gold mentions per type."""
    counts = {t: 0 for t in linking.TYPES}
    for doc, (text, mentions) in DOCS.items():
        (root / "raw" / doc).parent.mkdir(parents=True, exist_ok=True)
        (root / "raw" / doc).write_text(text, encoding="utf-8")
        lines, at = [], 0
        for surface, type_, id_ in mentions:
            start = text.index(surface, at)
            at = start + len(surface)
            lines.append(f"{start}\t{at}\t{surface}\t{surface}\t{type_}\t{id_}")
            counts[type_] += 1
        lines.append("0\t1\tx\tx\tEVT\tEVT-not-counted")
        tsv = (root / "ner" / doc).with_suffix(".tsv")
        tsv.parent.mkdir(parents=True, exist_ok=True)
        tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return counts


def test_cli_on_a_tiny_corpus(tmp_path):
    root = tmp_path / "corpus"
    counts = write_corpus(root)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    run = subprocess.run([sys.executable, "-m", "svodka.cli", "eval", "linking", str(root), "--errors", "3"],
                         capture_output=True, text=True, env={**os.environ, "TMPDIR": str(tmp)}, timeout=600)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    assert list(result) == ["PER", "ORG", "LOC"]
    for t, s in result.items():
        assert set(s) == {"p", "r", "f1", "mentions", "clusters_gold", "clusters_pred"}
        assert s["mentions"] == counts[t]
        assert all(0.0 <= s[k] <= 1.0 for k in ("p", "r", "f1"))
        assert 1 <= s["clusters_pred"] <= s["mentions"]
    assert (result["PER"]["clusters_gold"], result["ORG"]["clusters_gold"], result["LOC"]["clusters_gold"]) == (2, 1, 4)
    # Полесов and Гарипов are two people, each named in several documents: linked, not merged
    per = result["PER"]
    assert per["p"] >= 0.8
    ids = [id_ for _, mentions in DOCS.values() for _, type_, id_ in mentions if type_ == "PER"]
    assert per["r"] > linking.bcubed([(g, i) for i, g in enumerate(ids)])[1]         # all singletons
    assert per["clusters_pred"] < per["mentions"]
    assert any(line.startswith("PER ") for line in lines)
    assert any("mixing several gold ids" in line for line in lines)
    assert not list(tmp.iterdir())                   # the temporary store is gone without --keep


def test_db_is_kept_and_reused(tmp_path):
    root = tmp_path / "corpus"
    write_corpus(root)
    db = tmp_path / "kept.db"
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    with open(first, "w", encoding="utf-8") as out:
        assert linking.main(root, db=str(db), progress=False, out=out) == 0
    assert db.is_file()
    with open(second, "w", encoding="utf-8") as out:               # nothing new to ingest: the same figures
        assert linking.main(root, db=str(db), progress=False, out=out) == 0
    last = [json.loads(p.read_text(encoding="utf-8").strip().splitlines()[-1]) for p in (first, second)]
    assert last[0] == last[1]


def test_not_a_slavicner_folder(tmp_path, capsys):
    assert linking.main(tmp_path, progress=False) == 2
    assert "no SlavicNER documents" in capsys.readouterr().err


# --- three SlavicNER documents (skips without ../shared) ---------------------------------------

def test_a_few_slavicner_documents(tmp_path):
    need(SLAVICNER / "raw")
    docs = sorted((SLAVICNER / "ner" / "brexit" / "ru").glob("*.tsv"))[:3]
    for tsv in docs:
        rel = tsv.relative_to(SLAVICNER / "ner").with_suffix(".txt")
        for sub, path in (("ner", tsv), ("raw", SLAVICNER / "raw" / rel)):
            dest = tmp_path / sub / path.relative_to(SLAVICNER / sub)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, dest)
    gold = linking.load_gold(tmp_path)
    assert len(gold) == 3
    out = tmp_path / "out.txt"
    with open(out, "w", encoding="utf-8") as handle:
        assert linking.main(tmp_path, progress=False, out=handle) == 0
    result = json.loads(out.read_text(encoding="utf-8").strip().splitlines()[-1])
    for t in linking.TYPES:
        assert result[t]["mentions"] == sum(1 for rows in gold.values() for m in rows if m.type == t)
    assert result["PER"]["f1"] >= 0.6 and result["LOC"]["f1"] >= 0.6
