"""Speed of the store, without the language layer.

    python benchmarks/bench_store.py [--n 5000] [--big 100000] [--queries 200] [--db PATH]
                                     [--pg URL] [--pg-big 20000]

(a) ingest: N synthetic Article records (entities, mentions, quotes, times) written with
    ``Store.add_articles`` in batches of 50 (as ``svodka ingest`` commits) → articles/s, lemma
    index included; once with every word form new to the process, once with the lemmas cached.
    Goal ≥ 500/s. With a PostgreSQL server (``--pg URL``, else $SVODKA_TEST_PG; none: skipped with a
    message), the same articles into a new schema there, lemmas cached: the PostgreSQL rate.
(b) search: a store of BIG synthetic articles (Russian-ish text from a composed word list; built
    once into a temporary file and reused while its size matches), then QUERIES searches — words in
    any case form, phrases, OR, filters — timed end to end (``Store.search``: FTS5 + bm25 + joins +
    snippets) → p50/p95 ms; then again ranking every match (``rank_cap=None``). Goal p95 ≤ 50 ms.
    On PostgreSQL, the same over a store of PG_BIG articles (tsvector + GIN + ts_rank).
Wall-clock, one process, one core. The figures also go to benchmarks/results/store.md (a markdown
section; benchmarks/RESULTS.md is assembled from that folder).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from svodka import Article, Entity, Event, Mention, Quote, TimeExpr  # noqa: E402
from svodka import cameo  # noqa: E402
from svodka.store import open_store  # noqa: E402

BUILD_VERSION = "5"        # bump when the generator changes: a reused store must match it

# A small Russian newsroom vocabulary, with the case and tense forms news text uses.
NOUNS = """президент президента президентом президенту правительство правительства правительством
министр министра министром министерство министерства глава главы губернатор губернатора мэр мэра
город города городе городу области область регион региона регионе страна страны стране странами
закон закона законопроект законопроекта решение решения решением вопрос вопроса вопросы вопросов
встреча встречи встрече переговоры переговоров соглашение соглашения договор договора сделка сделки
компания компании компанией банк банка банке рынок рынка рынке цена цены цен ценам рост роста
рубль рубля рублей доллар доллара нефть нефти газ газа экспорт экспорта импорт импорта бюджет бюджета
суд суда суде дело дела деле приговор приговора полиция полиции следователи следствие следствия
авария аварии пожар пожара пожаре взрыв взрыва жертвы жертв пострадавшие пострадавших больница больницы
школа школы школе учитель учителя студенты студентов университет университета наука науки ученые
выставка выставки театр театра премьера премьеры фестиваль фестиваля музей музея концерт концерта
матч матча команда команды клуб клуба игрок игрока тренер тренера победа победы турнир турнира
погода погоды снег снега снегопад снегопада дождь дождя мороз морозы жара жары ветер ветра
дорога дороги дороге мост моста транспорт транспорта автобус автобуса поезд поезда самолет самолета
аэропорт аэропорта рейс рейса пассажиры пассажиров граница границы таможня таможни посол посла
посольство посольства дипломат дипломата санкции санкций конфликт конфликта армия армии оборона
выборы выборов депутат депутата депутаты партия партии парламент парламента комиссия комиссии
проект проекта программа программы строительство строительства завод завода производство продукция
энергетика электростанция урожай урожая зерно зерна фермеры фермеров отрасль отрасли инвестиции
год года году месяц месяца неделя недели день дня утро утра вечер вечера ночь ночи время времени
данные данных доклад доклада отчет отчета заявление заявления сообщение сообщения интервью""".split()
VERBS = """заявил заявила заявили сообщил сообщила сообщили отметил отметила подчеркнул рассказал
объявил объявила провел провела провели подписал подписали обсудили обсуждают договорились встретился
встретились прибыл прибыла посетил посетили открыл открыла открыли закрыли начал начали завершил
выросла вырос выросли снизилась снизились упал упали увеличил увеличили сократил сократили потребовал
потребовали предложил предложили поддержал поддержали осудил задержали арестовал приговорил
признал отказался получил получили передал направил назначил уволил выиграл выиграла проиграл
пострадали погибли эвакуировали потушили ограничили запретили разрешили утвердил утвердили""".split()
ADJS = """новый новая новое новые нового новой новых российский российская российского российских
международный международного международной федеральный федерального региональный региональных
экономический экономического экономической политический политического политической крупный крупного
крупной важный важного главный главного первый первого первой последний последнего сильный сильного
государственный государственной городской городского местный местных зимний летний ночной""".split()
OTHER = """в в в на на на и и и с с по по о к из за от для до не не что что как это также уже еще
все около более менее после перед во время при над под между против через только""".split()
NAMES = [("Иван Петров", "PER"), ("Анна Смирнова", "PER"), ("Олег Кузнецов", "PER"), ("Мария Волкова", "PER"),
         ("Сергей Орлов", "PER"), ("Елена Соколова", "PER"), ("Тимур Абдуллаев", "PER"), ("Лейла Гусейнова", "PER"),
         ("Виктор Лапин", "PER"), ("Дмитрий Егоров", "PER"), ("Москва", "LOC"), ("Казань", "LOC"),
         ("Екатеринбург", "LOC"), ("Новосибирск", "LOC"), ("Баку", "LOC"), ("Минск", "LOC"), ("Пермь", "LOC"),
         ("Сбербанк", "ORG"), ("Газпром", "ORG"), ("Росстат", "ORG"), ("МИД", "ORG"), ("Госдума", "ORG")]
SITES = [f"{name}.example" for name in ("vestnik", "kurier", "obzor", "telegraf", "gazeta", "vesti", "most",
                                          "region", "sibir", "volga", "ural", "kavkaz", "sever", "yug")]
RUBRICS = ["Политика", "Экономика", "Общество", "Происшествия", "Культура", "Спорт", "В мире", "Регионы"]


SYLLABLES = [c + v for c in "бвгдзклмнпрстфхцчшщ" for v in "аеиоуя"] + ["ст", "ль", "нк", "рт"]
ENDINGS = ["", "а", "у", "ом", "е", "ы", "ов", "ами", "ой", "ий", "ая", "ого"]


def pseudo_words(count: int, seed: int = 5) -> list[str]:
    """A long tail of Russian-looking word forms (stems × endings): rare words, as real text has."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        out += [stem + e for e in rng.sample(ENDINGS, 4)]
    return out[:count]


class TextMaker:
    """Sentences from the word list: the composed newsroom words are the head of a Zipf-like
    distribution (each in 5–90 % of articles), pseudo-words its long tail; names come in."""

    def __init__(self, seed: int, tail: int = 40_000) -> None:
        self.rng = random.Random(seed)
        content = NOUNS + VERBS + ADJS
        random.Random(1).shuffle(content)
        self.words = content + pseudo_words(tail) + OTHER
        weights = [1 / (i + 10) for i in range(len(content) + tail)]
        weights += [sum(weights) * 0.3 / len(OTHER)] * len(OTHER)      # function words: ~23 % of tokens
        self.cum = list(_accumulate(weights))

    def sentence(self, lo: int, hi: int, names: list[str] = ()) -> str:
        n = self.rng.randint(lo, hi)
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        if names and self.rng.random() < 0.6:
            words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(names))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, names: list[str]) -> str:
        return " ".join(self.sentence(6, 16, names) for _ in range(self.rng.randint(2, 4)))


def _accumulate(values):
    total = 0.0
    for v in values:
        total += v
        yield total


def make_articles(n: int, seed: int = 1, start: int = 0):
    """n synthetic articles with entities (and their mentions), a quote and a time expression each."""
    maker = TextMaker(seed)
    rng = maker.rng
    for i in range(start, start + n):
        people = rng.sample(NAMES, rng.randint(2, 5))
        names = [name for name, _ in people]
        title = maker.sentence(5, 9, names[:1]).rstrip(".")
        lead = maker.sentence(12, 22)
        body = [maker.paragraph(names) for _ in range(rng.randint(3, 6))]
        entities = []
        for k, (name, kind) in enumerate(people):
            mentions = [Mention(f, t.find(name), t.find(name) + len(name), name, "name")
                        for f, t in [("title", title)] + [(f"body[{j}]", p) for j, p in enumerate(body)]
                        if name in t][:3]
            entities.append(Entity(f"b{i}:e{k + 1}", kind, name, mentions=mentions,
                                   roles=["министр"] if kind == "PER" and k == 0 else []))
        day = f"20{24 + i % 2}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield Article(
            id=f"b{i:06d}", source=f"bench/{i}", site=rng.choice(SITES), published=day,
            rubric=rng.choice(RUBRICS), title=title, lead=lead, body=body, language="ru", layout="text",
            sha256=hashlib.sha256(f"svodka-bench-{seed}-{i}".encode()).hexdigest(), entities=entities,
            quotes=[Quote("direct", body[0][:40], "body[0]", 0, 40, speaker=names[0])],
            times=[TimeExpr("lead", 0, 5, lead[:5], day)], events=report(i, entities, title))


PEOPLE = [name for name, kind in NAMES if kind == "PER"]
PLACES = [name for name, kind in NAMES if kind == "LOC"]
# (type, CAMEO code, modality) of the synthetic happenings: cooperation and conflict, some only intended
HAPPENINGS = [("meet", "040", "fact"), ("call", "041", "fact"), ("praise", "051", "fact"),
              ("agreement", "057", "fact"), ("criticize", "111", "fact"), ("demand", "100", "claim"),
              ("arrest", "173", "fact"), ("meet", "036", "intent"), ("sanction", "163", "fact")]


def report(i: int, entities: list, title: str) -> list:
    """Two of every three articles report one event; three consecutive articles tell of one happening
    (same type, people, day, place), so linking merges them into one corpus event as it would for a
    story several outlets carry. The happening's people become entities of the article."""
    if i % 3 == 2:
        return []
    rng = random.Random(i // 3)
    kind, code, modality = rng.choice(HAPPENINGS)
    source, target = rng.sample(PEOPLE, 2)
    day = f"20{24 + rng.randrange(2)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    place = rng.choice(PLACES + [None])
    for name in (source, target):
        if all(e.name != name for e in entities):
            entities.append(Entity(f"b{i}:e{len(entities) + 1}", "PER", name))
    sentence = Mention("title", 0, len(title), title, "sentence")
    return [Event(kind, code, cameo.plover(code), cameo.goldstein(code), cameo.quad_class(code), [source], [target],
                  day, place, modality, evidence=[sentence], confidence=0.6 + 0.1 * (i % 4))]


class PgSchema:
    """A new schema on the PostgreSQL server for one benchmark store (dropped on exit); ``url`` opens it."""

    def __init__(self, server: str, label: str) -> None:
        import psycopg

        self.server, self.schema = server, f"svodka_bench_{label}_{os.getpid()}"
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            conn.execute(f"CREATE SCHEMA {self.schema}")
        self.url = f"{server}{'&' if '?' in server else '?'}options=-csearch_path%3D{self.schema}"

    def __enter__(self) -> "PgSchema":
        return self

    def __exit__(self, *exc) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")


def pg_server(url: str | None) -> str | None:
    """The PostgreSQL server to measure on, or None (with a message) when none is given or reachable."""
    if not url:
        print("(PostgreSQL: skipped — no server; pass --pg URL or set SVODKA_TEST_PG)")
        return None
    try:
        import psycopg
        psycopg.connect(url, connect_timeout=5).close()
    except Exception as err:  # noqa: BLE001 — any failure means: no PostgreSQL figures
        print(f"(PostgreSQL: skipped — cannot connect: {str(err).strip().splitlines()[0] if str(err).strip() else err})")
        return None
    return url


def _ingest_rate(target: str, articles: list) -> float:
    with open_store(target) as store:
        started = time.perf_counter()
        for i in range(0, len(articles), 50):
            store.add_articles(articles[i:i + 50])
        seconds = time.perf_counter() - started
        assert len(store) == len(articles)
    return len(articles) / seconds


def bench_ingest(n: int, pg: str | None) -> dict[str, float]:
    """SQLite twice: the first pass meets every word form for the first time (pymorphy parses it),
    the second, into a fresh store, finds them in the lemma cache (the steady state of a long
    ingest); then PostgreSQL with the same articles, lemmas cached."""
    from svodka.store import text

    articles = list(make_articles(n, seed=7))
    rates = {}
    runs = [("sqlite", "new word forms"), ("sqlite", "lemmas cached")] + ([("postgresql", "lemmas cached")] if pg else [])
    for backend, label in runs:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                rate = _ingest_rate(str(Path(tmp) / "ingest.db"), articles)
        else:
            with PgSchema(pg, "ingest") as schema:
                rate = _ingest_rate(schema.url, articles)
        rates[f"{backend}, {label}"] = rate
        print(f"(a) add_articles, {backend:10s} {label:14s}: {n} articles in {n / rate:.2f} s = {rate:,.0f} articles/s "
              f"({text.lemma.cache_info().currsize:,} word forms; batches of 50; goal >= 500/s)")
    return rates


def build_pg(url: str, n: int) -> None:
    print(f"(b) building a PostgreSQL store with {n} articles …", flush=True)
    started = time.perf_counter()
    with open_store(url) as store:
        for start in range(0, n, 1000):
            store.add_articles(make_articles(min(1000, n - start), seed=11 + start, start=start))
        store.run("VACUUM ANALYZE")
    print(f"    built in {time.perf_counter() - started:.0f} s")


def build_big(path: Path, n: int) -> None:
    with open_store(path) as store:
        have = store.run("SELECT value FROM meta WHERE key = 'bench'").scalar()
        if have == f"{BUILD_VERSION}:{n}" and len(store) == n:
            print(f"(b) reusing {path} ({n} articles, {path.stat().st_size / 2**20:,.0f} MiB)")
            return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"(b) building {path} with {n} articles …", flush=True)
    started = time.perf_counter()
    with open_store(path) as store:
        chunk = 1000
        for start in range(0, n, chunk):
            store.add_articles(make_articles(min(chunk, n - start), seed=11 + start, start=start))
            if start and start % 20000 == 0:
                print(f"    {start} articles, {time.perf_counter() - started:.0f} s", flush=True)
        with store.transaction():
            store.run("INSERT INTO search(search) VALUES('optimize')")
            store.run("INSERT INTO meta (key, value) VALUES ('bench', :built)"
                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value", {"built": f"{BUILD_VERSION}:{n}"})
        store.run("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"    built in {time.perf_counter() - started:.0f} s, {path.stat().st_size / 2**20:,.0f} MiB")


def make_queries(count: int) -> list[tuple[str, str, dict]]:
    """(kind, query, filters): words in any form, phrases, OR, and filtered searches."""
    rng = random.Random(3)
    maker = TextMaker(99)
    content = NOUNS + VERBS + ADJS
    out: list[tuple[str, str, dict]] = []
    for i in range(count):
        kind = ["word", "words", "words", "phrase", "or", "filtered"][i % 6]
        if kind == "word":
            query = rng.choice(content)
        elif kind == "words":
            query = " ".join(rng.sample(content, rng.randint(2, 3)))
        elif kind == "phrase":
            words = [w for w in maker.sentence(8, 12).rstrip(".").lower().split() if w not in OTHER]
            j = rng.randrange(max(1, len(words) - 1))
            query = '"' + " ".join(words[j:j + 2]) + '"'
        elif kind == "or":
            query = f"{rng.choice(content)} OR {rng.choice(content)}"
        else:
            query = rng.choice(content)
        filters: dict = {}
        if kind == "filtered":
            pick = rng.randrange(4)
            if pick == 0:
                month = rng.randint(1, 12)
                filters = {"date_from": f"2025-{month:02d}-01", "date_to": f"2025-{month:02d}-28"}
            elif pick == 1:
                filters = {"site": rng.choice(SITES)}
            elif pick == 2:
                filters = {"rubric": rng.choice(RUBRICS)}
            else:
                filters = {"entity": rng.choice(NAMES)[0]}
        out.append((kind, query, filters))
    return out


def bench_search(path: Path | str, count: int, rank_cap="default") -> tuple[float, float]:
    from svodka.store import text

    queries = make_queries(count)
    options = {} if rank_cap == "default" else {"rank_cap": rank_cap}
    with open_store(path) as store:
        for _, q, f in queries[:10]:                       # warm-up: page cache, lemma cache
            store.search(q, **f, **options)
        times: dict[str, list[float]] = {}
        matches: list[int] = []
        found = 0
        for kind, q, f in queries:
            started = time.perf_counter()
            hits = store.search(q, limit=20, **f, **options)
            times.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            found += bool(hits)
            parsed = text.parse_query(q)
            if parsed.empty:
                matches.append(0)
                continue
            match, args = store.text_condition(parsed)
            matches.append(store.run(f"SELECT count(*) FROM search WHERE {match}", args).scalar())
    every = sorted(t for ts in times.values() for t in ts)

    def pct(values: list[float], p: float) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]

    p50, p95 = pct(every, 50), pct(every, 95)
    mode = "default rank cap (SQLite 20 000, PostgreSQL 2 500 newest matches)" if rank_cap == "default" else f"rank_cap={rank_cap}"
    where = Path(path).name if isinstance(path, Path) else "PostgreSQL"
    print(f"(b) search, {mode}: {count} queries on {where}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"max {every[-1]:.1f} ms; goal p95 <= 50 ms")
    print(f"    {found} queries with results; articles matching the words (before filters): "
          f"median {statistics.median(matches):,.0f}, max {max(matches):,}; limit 20, snippets included")
    for kind, ts in times.items():
        ts.sort()
        print(f"    {kind:9s} n={len(ts):3d}  p50 {pct(ts, 50):6.1f} ms  p95 {pct(ts, 95):6.1f} ms")
    return p50, p95


RESULTS = Path(__file__).resolve().parent / "results" / "store.md"
LOAD_AT_START = os.getloadavg()[0]


def write_results(args, rates: dict[str, float], searches: dict[str, tuple[float, float]], pg_version: str | None) -> None:
    """The figures as a markdown section (benchmarks/results/store.md)."""
    lines = ["## Store: ingest and search (`python benchmarks/bench_store.py`)", "",
             f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores (load average {LOAD_AT_START:.1f} at the start); "
             f"SQLite {__import__('sqlite3').sqlite_version}"
             + (f", {pg_version}" if pg_version else ", no PostgreSQL server (its figures skipped)") + ".", "",
             "| what | figure |", "|---|---|"]
    for label, rate in rates.items():
        lines.append(f"| ingest without NLP, {args.n} synthetic articles, {label} | {rate:,.0f} articles/s |")
    for label, (p50, p95) in searches.items():
        lines.append(f"| search, {label} | p50 {p50:.1f} ms, p95 {p95:.1f} ms |")
    lines += ["", "Goals: ingest ≥ 500 articles/s, search p95 ≤ 50 ms (200 queries, limit 20, snippets included).", ""]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"figures written to {RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="articles for the ingest figure")
    parser.add_argument("--big", type=int, default=100_000, help="articles in the search store")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", default=os.path.join(tempfile.gettempdir(), "svodka-bench-store.db"),
                        help="where the search store is built (and reused)")
    parser.add_argument("--pg", default=os.environ.get("SVODKA_TEST_PG"),
                        help="a PostgreSQL server URL (default: $SVODKA_TEST_PG); benchmark stores go to new schemas")
    parser.add_argument("--pg-big", type=int, default=20_000, help="articles in the PostgreSQL search store (0: none)")
    args = parser.parse_args()
    pg = pg_server(args.pg)
    rates = bench_ingest(args.n, pg)
    path = Path(args.db)
    build_big(path, args.big)
    searches = {f"SQLite, {args.big:,} articles": bench_search(path, args.queries),
                f"SQLite, {args.big:,} articles, every match ranked": bench_search(path, args.queries, rank_cap=None)}
    pg_version = None
    if pg:
        import psycopg
        with psycopg.connect(pg) as conn:
            pg_version = "PostgreSQL " + conn.execute("SHOW server_version").fetchone()[0].split()[0]
        if args.pg_big:
            with PgSchema(pg, "search") as schema:
                build_pg(schema.url, args.pg_big)
                searches[f"PostgreSQL, {args.pg_big:,} articles"] = bench_search(schema.url, args.queries)
                searches[f"PostgreSQL, {args.pg_big:,} articles, every match ranked"] = bench_search(
                    schema.url, args.queries, rank_cap=None)
    write_results(args, rates, searches, pg_version)


if __name__ == "__main__":
    main()
