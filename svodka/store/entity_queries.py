"""Store methods that answer the questions of the entity linker (link/entities.py), the lookup of names (link/lookup.py) and the linking evaluation.

A mixin of :class:`svodka.store.base.Store` (one owner of SQL: callers name what they want, not how).
Also the linking progress every stage shares (``link_state``, ``link_marks``): ``unlinked_articles`` and
``mark_linked``. Statements run through ``Store.run`` and its kin (named binds, SQL both engines accept).
"""
from __future__ import annotations

ENTITY_INFO = ("type", "name", "first", "patronymic", "last", "gender", "born", "country", "articles")


class EntityQueries:

    # --- linking progress (every stage) ---------------------------------------------------

    def _link_mark(self, stage: str) -> int:
        """The article pk up to which every article is linked for ``stage`` (0: none)."""
        upto = self.run("SELECT upto FROM link_marks WHERE stage = :stage", {"stage": stage}).scalar()
        return upto if upto is not None else 0

    def unlinked_articles(self, stage: str) -> list[tuple[int, str | None]]:
        """(pk, published) of the articles not linked for ``stage`` yet, oldest first."""
        return self.run(
            "SELECT pk, published FROM articles a WHERE pk > :mark AND NOT EXISTS"
            " (SELECT 1 FROM link_state s WHERE s.stage = :stage AND s.article = a.pk)"
            " ORDER BY published NULLS FIRST, pk", {"mark": self._link_mark(stage), "stage": stage}).fetchall()

    def mark_linked(self, stage: str, pks: list[int]) -> None:
        """Record the articles ``pks`` as linked for ``stage``, and move the mark below which all are."""
        self.run_many("INSERT INTO link_state (stage, article) VALUES (:stage, :article) ON CONFLICT DO NOTHING",
                      [{"stage": stage, "article": pk} for pk in pks])
        mark = self._link_mark(stage)
        top = self.run("SELECT max(pk) FROM articles").scalar() or 0
        gap = self.run("SELECT min(pk) FROM articles a WHERE pk > :mark AND pk <= :top AND NOT EXISTS"
                       " (SELECT 1 FROM link_state s WHERE s.stage = :stage AND s.article = a.pk)",
                       {"mark": mark, "top": top, "stage": stage}).scalar()
        upto = top if gap is None else gap - 1
        if upto > mark:
            self.run("INSERT INTO link_marks (stage, upto) VALUES (:stage, :upto) ON CONFLICT(stage) DO UPDATE"
                     " SET upto = excluded.upto", {"stage": stage, "upto": upto})

    def corpus_counts(self) -> tuple[int, int]:
        """(corpus entities, corpus events) in the store."""
        n = self.run("SELECT count(*) FROM corpus_entities").scalar()
        m = self.run("SELECT count(*) FROM corpus_events").scalar()
        return n, m

    # --- article entities ---------------------------------------------------------------------

    def article_entities(self, pks: list[int]) -> list[tuple]:
        """(article, entity, type, name, aliases JSON, roles JSON, born, country) of the articles ``pks``."""
        return self.run("SELECT article, entity, type, name, aliases, roles, born, country FROM entities"
                        " WHERE article IN :pks", {"pks": pks}, expand=("pks",)).fetchall()

    def entity_types_of_article(self, pk: int) -> dict[str, str]:
        """Entity → its type, in the article ``pk``."""
        return dict(self.run("SELECT entity, type FROM entities WHERE article = :pk", {"pk": pk}))

    def entity_links_of_article(self, pk: int) -> dict[str, int]:
        """Entity → the corpus entity it is linked to, in the article ``pk``."""
        return dict(self.run("SELECT entity, corpus FROM entity_links WHERE article = :pk", {"pk": pk}))

    def mentions_of_article(self, pk: int) -> list[tuple]:
        """(entity, field, start, stop, text) of every mention in the article ``pk``."""
        return self.run("SELECT entity, field, start, stop, text FROM mentions WHERE article = :pk",
                        {"pk": pk}).fetchall()

    def articles_by_source(self) -> list[tuple[str, int, str]]:
        """(source, article pk, article id) for every source a stored article was read from."""
        return self.run("SELECT s.source, a.pk, a.id FROM sources s JOIN articles a ON a.sha256 = s.sha256").fetchall()

    # --- corpus entities: finding them ------------------------------------------------------------

    def corpus_entities_with_keys(self, keys: list[str]) -> list[int]:
        """The corpus entities found under any of the lookup keys ``keys`` (``corpus_names``), by id."""
        if not keys:
            return []
        return [r[0] for r in self.run("SELECT DISTINCT entity FROM corpus_names WHERE key IN :keys ORDER BY entity"
                                       " NULLS FIRST", {"keys": keys}, expand=("keys",))]

    def corpus_entities_named(self, keys: list[str]) -> list[int]:
        """The corpus entities whose name's key (casefolded, ё → е) is one of ``keys``."""
        return [r[0] for r in self.run("SELECT id FROM corpus_entities WHERE key IN :keys", {"keys": keys},
                                       expand=("keys",))]

    def persons_with_last_names(self, keys: list[str]) -> list[int]:
        """The corpus persons whose last name (key) is one of ``keys``."""
        return [r[0] for r in self.run("SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name IN :keys",
                                       {"keys": keys}, expand=("keys",))]

    def persons_with_first_names(self, keys: list[str]) -> list[int]:
        """The corpus persons whose first name (key) is one of ``keys``."""
        return [r[0] for r in self.run("SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name IN :keys",
                                       {"keys": keys}, expand=("keys",))]

    def full_name_persons_with_surname(self, last: str, limit: int) -> list[int]:
        """Up to ``limit`` corpus persons with a first name and the last name ``last``, by id."""
        return [r[0] for r in self.run(
            "SELECT id FROM corpus_entities WHERE type = 'PER' AND last_name = :last"
            " AND first_name IS NOT NULL ORDER BY id LIMIT :limit", {"last": last, "limit": limit})]

    def full_name_persons_born(self, last: str) -> list[tuple[int, str | None]]:
        """(id, born) of the corpus persons with a first name and the last name ``last``."""
        return self.run("SELECT id, born FROM corpus_entities WHERE type = 'PER' AND first_name IS NOT NULL"
                        " AND last_name = :last", {"last": last}).fetchall()

    def persons_with_first_name_and_patronymic(self, first: str, patronymic: str, limit: int = 2) -> list[int]:
        """Up to ``limit`` corpus persons with this first name and patronymic and a last name."""
        return [r[0] for r in self.run(
            "SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name = :first AND patronymic = :patronymic"
            " AND last_name IS NOT NULL LIMIT :limit", {"first": first, "patronymic": patronymic, "limit": limit})]

    def surname_only_person(self, last: str) -> int | None:
        """The first corpus person known by the surname ``last`` alone (no first name, no patronymic), or None."""
        return self.run("SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name IS NULL"
                        " AND last_name = :last AND patronymic IS NULL ORDER BY id LIMIT 1", {"last": last}).scalar()

    def surname_only_persons(self, last: str) -> list[int]:
        """Every corpus person known by the surname ``last`` alone (no first name, no patronymic)."""
        return [r[0] for r in self.run(
            "SELECT id FROM corpus_entities WHERE type = 'PER' AND first_name IS NULL"
            " AND patronymic IS NULL AND last_name = :last", {"last": last})]

    # --- corpus entities: what they hold ------------------------------------------------------

    def corpus_entity_info(self, cid: int) -> dict:
        """The corpus entity ``cid``'s summary: type, name, first, patronymic, last, gender, born, country,
        articles (the keys of ``ENTITY_INFO``)."""
        row = self.run("SELECT type, name, first_name, patronymic, last_name, gender, born, country, articles"
                       " FROM corpus_entities WHERE id = :id", {"id": cid}).fetchone()
        return dict(zip(ENTITY_INFO, row))

    def corpus_entity_type_and_articles(self, cid: int) -> tuple[str, int | None]:
        """(type, articles) of the corpus entity ``cid``."""
        return self.run("SELECT type, articles FROM corpus_entities WHERE id = :id", {"id": cid}).fetchone()

    def corpus_entity_type_and_first_name(self, cid: int) -> tuple[str, str | None] | None:
        """(type, first name) of the corpus entity ``cid``, or None when there is none."""
        return self.run("SELECT type, first_name FROM corpus_entities WHERE id = :id", {"id": cid}).fetchone()

    def corpus_entity_card(self, cid: int) -> tuple | None:
        """(type, name, born, country, articles, mentions) of the corpus entity ``cid``, or None."""
        return self.run("SELECT type, name, born, country, articles, mentions FROM corpus_entities"
                        " WHERE id = :id", {"id": cid}).fetchone()

    def corpus_entity_names(self) -> dict[int, str]:
        """Every corpus entity's id → its name."""
        return {cid: name for cid, name in self.run("SELECT id, name FROM corpus_entities")}

    def corpus_entity_values_of(self, cid: int, what: str) -> list[str]:
        """The values of kind ``what`` (role, born, …) counted for the corpus entity ``cid``."""
        return [r[0] for r in self.run("SELECT value FROM corpus_entity_values WHERE entity = :entity AND what = :what",
                                       {"entity": cid, "what": what})]

    def corpus_entity_value_counts(self, cid: int) -> list[tuple[str, str, int]]:
        """(what, value, count) of every value counted for the corpus entity ``cid``."""
        return self.run("SELECT what, value, count FROM corpus_entity_values WHERE entity = :entity",
                        {"entity": cid}).fetchall()

    # --- corpus entities: writing ----------------------------------------------------------------

    def add_corpus_entity(self, type_: str, name: str, key: str, first: str | None, patronymic: str | None,
                          last: str | None, gender: str | None, born: str | None, country: str | None) -> int:
        """A new corpus entity with no mentions or articles yet; returns its id."""
        return self.insert_id(
            "INSERT INTO corpus_entities (type, name, key, first_name, patronymic, last_name, gender, born, country,"
            " mentions, articles, first_seen, last_seen) VALUES (:type, :name, :key, :first, :patronymic, :last,"
            " :gender, :born, :country, 0, 0, NULL, NULL) RETURNING id",
            {"type": type_, "name": name, "key": key, "first": first, "patronymic": patronymic, "last": last,
             "gender": gender, "born": born, "country": country})

    def add_corpus_names(self, cid: int, keys: list[str]) -> None:
        """File the corpus entity ``cid`` under the lookup keys ``keys`` (those it has are kept)."""
        self.run_many("INSERT INTO corpus_names (key, entity) VALUES (:key, :entity) ON CONFLICT DO NOTHING",
                      [{"key": k, "entity": cid} for k in keys])

    def count_corpus_entity_value(self, cid: int, what: str, value: str, day: str | None, count: int = 1) -> None:
        """Count ``value`` of kind ``what`` ``count`` times more for the corpus entity ``cid``, seen on ``day``."""
        self.run(
            "INSERT INTO corpus_entity_values AS v (entity, what, value, count, first, last)"
            " VALUES (:entity, :what, :value, :count, :day, :day)"
            " ON CONFLICT(entity, what, value) DO UPDATE SET count = v.count + excluded.count,"
            " first = CASE WHEN v.first IS NULL OR excluded.first < v.first THEN excluded.first ELSE v.first END,"
            " last = CASE WHEN v.last IS NULL OR excluded.last > v.last THEN excluded.last ELSE v.last END",
            {"entity": cid, "what": what, "value": value, "count": count, "day": day})

    def link_entity(self, article: int, entity: str, corpus: int, mentions: int, new_article: bool,
                    day: str | None) -> None:
        """Link the article's entity to the corpus entity ``corpus``, and count its mentions, its article
        (``new_article``: not counted yet) and its date there."""
        self.run("INSERT INTO entity_links (article, entity, corpus, mentions) VALUES (:article, :entity, :corpus,"
                 " :mentions) ON CONFLICT (article, entity) DO UPDATE SET corpus = excluded.corpus,"
                 " mentions = excluded.mentions",
                 {"article": article, "entity": entity, "corpus": corpus, "mentions": mentions})
        self.run(
            "UPDATE corpus_entities SET mentions = mentions + :mentions, articles = articles + :new,"
            " first_seen = CASE WHEN first_seen IS NULL OR :day < first_seen THEN :day ELSE first_seen END,"
            " last_seen = CASE WHEN last_seen IS NULL OR :day > last_seen THEN :day ELSE last_seen END WHERE id = :id",
            {"mentions": mentions, "new": 1 if new_article else 0, "day": day, "id": corpus})

    def set_corpus_entity_summary(self, cid: int, name: str | None, key: str | None, born: str | None,
                                  country: str | None) -> None:
        """Set the corpus entity's name and key (None: kept), born and country."""
        self.run("UPDATE corpus_entities SET name = coalesce(:name, name), key = coalesce(:key, key), born = :born,"
                 " country = :country WHERE id = :id",
                 {"name": name, "key": key, "born": born, "country": country, "id": cid})

    def merge_corpus_entity(self, into: int, old: int) -> list[int]:
        """Corpus entity ``old`` is ``into``: move its links, values, lookup keys, counts and dossier aggregates,
        drop it and record the merge; returns the articles ``old`` was linked in."""
        ids = {"into": into, "old": old}
        articles = [r[0] for r in self.run("SELECT DISTINCT article FROM entity_links WHERE corpus = :old", ids)]
        self.run("UPDATE entity_links SET corpus = :into WHERE corpus = :old", ids)
        self.merge_entity_aggregates(into, old)
        for what, value, count, first, last in self.run(
                "SELECT what, value, count, first, last FROM corpus_entity_values WHERE entity = :old", ids).fetchall():
            self.count_corpus_entity_value(into, what, value, first, count)
            if last and last != first:
                self.count_corpus_entity_value(into, what, value, last, 0)
        self.run("DELETE FROM corpus_entity_values WHERE entity = :old", ids)
        # the SELECT's WHERE is needed: without it SQLite would read ON CONFLICT as a join's ON
        self.run("INSERT INTO corpus_names (key, entity) SELECT key, :into FROM corpus_names WHERE entity = :old"
                 " ON CONFLICT DO NOTHING", ids)
        self.run("DELETE FROM corpus_names WHERE entity = :old", ids)
        m, f, l = self.run("SELECT mentions, first_seen, last_seen FROM corpus_entities WHERE id = :old", ids).fetchone()
        f0, l0 = self.run("SELECT first_seen, last_seen FROM corpus_entities WHERE id = :into", ids).fetchone()
        shared = self.run("SELECT count(DISTINCT article) FROM entity_links WHERE corpus = :into", ids).scalar()
        self.run("UPDATE corpus_entities SET mentions = mentions + :mentions, articles = :articles,"
                 " first_seen = :first, last_seen = :last WHERE id = :into",
                 {"mentions": m, "articles": shared, "first": min((x for x in (f0, f) if x), default=None),
                  "last": max((x for x in (l0, l) if x), default=None), "into": into})
        self.run("DELETE FROM corpus_entities WHERE id = :old", ids)
        self.run("INSERT INTO entity_merges (old, new) VALUES (:old, :into)", ids)
        return articles
