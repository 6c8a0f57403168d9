"""The SQLite store: articles, actors with their aliases, and claims, plus full-text search.

A claimtrack database is marked with ``PRAGMA application_id`` and versioned with
``PRAGMA user_version``; ``MIGRATIONS`` bring any older version up to date in order when the
file is opened. Files that are not claimtrack databases are refused, never overwritten.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from claimtrack import EXTRACTOR_VERSION, statements
from claimtrack.actor_stats import add_actor_stats
from claimtrack.models import Actor, Article, Claim, PublishedDate, RoleSighting, SaidOn
from claimtrack.sightings import StatementLinker, add_statements, compact_statements

if TYPE_CHECKING:
    import sqlite_utils

    from claimtrack.identities import Pins
    from claimtrack.learned_roles import LearnedRole

APPLICATION_ID = 0x436C6D54  # "ClmT": tells our databases apart from other SQLite files
BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database problem the user can act on; the CLI prints it as one line."""


_SCHEMA_V1 = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT,
    outlet TEXT,
    url TEXT,
    origin TEXT,
    published TEXT,
    published_precision TEXT,
    published_source TEXT,
    published_evidence TEXT,
    language TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    raw BLOB,
    raw_type TEXT,
    ingested_at TEXT,
    extractor_version TEXT
);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT
);
CREATE TABLE aliases (
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    alias TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    kind TEXT,
    topics TEXT,
    venue TEXT,
    time_text TEXT,
    time_start TEXT,
    time_end TEXT,
    time_precision TEXT,
    participants TEXT,
    polarity TEXT,
    polarity_cue TEXT,
    event_kind TEXT,
    event_status TEXT,
    confidence REAL,
    extractor_version TEXT
);
"""

_SCHEMA_V2 = """
ALTER TABLE actors ADD COLUMN roles TEXT NOT NULL DEFAULT '[]';
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX aliases_key ON aliases(key);
CREATE INDEX claims_actor ON claims(actor_id);
CREATE INDEX claims_article ON claims(article_id, content_start);
CREATE VIRTUAL TABLE claims_fts USING fts5(
    content, venue, participants, speaker, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts (rowid, content, venue, participants, speaker)
SELECT claims.id, claims.content, claims.venue, claims.participants,
       actors.name || ' ' || coalesce(claims.speaker_text, '')
FROM claims JOIN actors ON actors.id = claims.actor_id;
"""


def _script(sql: str) -> Callable[[sqlite_utils.Database], None]:
    def run(db: sqlite_utils.Database) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                db.execute(statement)

    return run


def _add_user_decisions(db: sqlite_utils.Database) -> None:
    """The analyst's decisions, kept apart from extraction so they survive re-extraction:
    actor pins and a decision log (``claimtrack.identities``), claim corrections keyed by
    article and content (``claimtrack.corrections``), and each claim's review status."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS actor_overrides (scope TEXT NOT NULL, spelling TEXT NOT NULL,"
        " actor_id INTEGER NOT NULL, PRIMARY KEY (scope, spelling))"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS user_decisions (id INTEGER PRIMARY KEY, action TEXT NOT NULL,"
        " args TEXT NOT NULL, created_at TEXT)"
    )
    db.execute(
        "CREATE TABLE IF NOT EXISTS corrections (id INTEGER PRIMARY KEY,"
        " article_id INTEGER NOT NULL REFERENCES articles(id), content_start INTEGER NOT NULL,"
        " content_end INTEGER NOT NULL, content_hash TEXT NOT NULL, status TEXT, speaker TEXT,"
        " topics TEXT, venue TEXT, time_text TEXT, polarity TEXT, updated_at TEXT,"
        " UNIQUE (article_id, content_hash))"
    )
    if "review" not in db["claims"].columns_dict:
        db.execute("ALTER TABLE claims ADD COLUMN review TEXT")


_CLAIM_CLOCK_COLUMNS = {
    "said_on": str,
    "said_on_precision": str,
    "said_on_source": str,
    "said_on_text": str,
    "parties": str,
    "agent": str,
}


def _add_claim_clocks(db: sqlite_utils.Database) -> None:
    """When each claim was said (``claimtrack.said_at``), the parties of its event with
    their roles (JSON) and the agent of a reported commitment."""
    present = db["claims"].columns_dict
    for name, kind in _CLAIM_CLOCK_COLUMNS.items():
        if name not in present:
            db["claims"].add_column(name, kind)


def _add_role_sightings(db: sqlite_utils.Database) -> None:
    """The roles articles give people, for role-only speakers (``claimtrack.learned_roles``);
    articles stored before this version taught none until ``reprocess --all``."""
    from claimtrack.learned_roles import CREATE_TABLE

    db.execute(CREATE_TABLE)


# Full-text search over claims reads their words from ``claims_search`` instead of holding a
# copy of them (FTS5 external content); triggers on ``claims`` and ``actors`` keep the index
# in step with every write, whoever makes it. FTS5 must be given exactly the values it
# indexed to remove them, so BEFORE triggers remove a row's words while they are unchanged.
_SEARCH_FIELDS = "content, venue, participants, speaker"
_SEARCH_ADD = (
    f"INSERT INTO claims_fts (rowid, {_SEARCH_FIELDS})"
    f" SELECT id, {_SEARCH_FIELDS} FROM claims_search WHERE"
)
_SEARCH_DROP = (
    f"INSERT INTO claims_fts (claims_fts, rowid, {_SEARCH_FIELDS})"
    f" SELECT 'delete', id, {_SEARCH_FIELDS} FROM claims_search WHERE"
)
_SEARCHED_COLUMNS = "content, venue, participants, speaker_text, actor_id"
_SEARCH_WITHOUT_COPY = (
    "DROP TABLE claims_fts",
    "CREATE VIEW claims_search AS SELECT c.id, c.actor_id, c.content, c.venue, c.participants,"
    " act.name || ' ' || coalesce(c.speaker_text, '') AS speaker"
    " FROM claims c JOIN actors act ON act.id = c.actor_id",
    f"CREATE VIRTUAL TABLE claims_fts USING fts5({_SEARCH_FIELDS}, content = 'claims_search',"
    " content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2')",
    "INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')",
    "CREATE TRIGGER claims_search_added AFTER INSERT ON claims"
    f" BEGIN {_SEARCH_ADD} id = new.id; END",
    "CREATE TRIGGER claims_search_deleted BEFORE DELETE ON claims"
    f" BEGIN {_SEARCH_DROP} id = old.id; END",
    f"CREATE TRIGGER claims_search_changing BEFORE UPDATE OF {_SEARCHED_COLUMNS} ON claims"
    f" BEGIN {_SEARCH_DROP} id = old.id; END",
    f"CREATE TRIGGER claims_search_changed AFTER UPDATE OF {_SEARCHED_COLUMNS} ON claims"
    f" BEGIN {_SEARCH_ADD} id = new.id; END",
    "CREATE TRIGGER actors_search_renaming BEFORE UPDATE OF name ON actors"
    f" BEGIN {_SEARCH_DROP} actor_id = old.id; END",
    "CREATE TRIGGER actors_search_renamed AFTER UPDATE OF name ON actors"
    f" BEGIN {_SEARCH_ADD} actor_id = new.id; END",
)


def _search_without_copy(db: sqlite_utils.Database) -> None:
    """Migration to version 9: ``claims_fts`` indexes ``claims_search`` (a view over claims
    and actors) in place of a copy of the claims' words; the index is rebuilt from it."""
    for sql in _SEARCH_WITHOUT_COPY:
        db.execute(sql)


# Index i brings a database from version i to version i + 1. Never edit a released step:
# append a new one.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _script(_SCHEMA_V1),
    _script(_SCHEMA_V2),
    _add_user_decisions,
    add_statements,
    add_actor_stats,
    _add_claim_clocks,
    _add_role_sightings,
    compact_statements,
    _search_without_copy,
]
SCHEMA_VERSION = len(MIGRATIONS)

# json.dumps builds a new encoder per call when given options; a claim row needs two.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def actor_key(name: str) -> str:
    """The key that merges spellings of one actor; the actors module's when it has one."""
    try:
        from claimtrack.actors import actor_key as resolver_key
    except ImportError:
        return " ".join(name.casefold().split())
    return resolver_key(name)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AddResult:
    """What storing one article did: ``status`` is ``added`` or ``duplicate``."""

    status: str
    article_id: int
    claims: int


class Store:
    """An open claimtrack database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Speaker name -> actor id and (actor id, mention) pairs already aliased, so that
        # a batch resolves each name once; cleared when a transaction rolls back.
        self._actor_ids: dict[str, int] = {}
        self._mentions_seen: set[tuple[int, str]] = set()
        self._pins: Pins | None = None  # the user's actor decisions, loaded on first use
        self._linker = StatementLinker(conn)
        self._learned: list[LearnedRole] | None = None  # role_sightings, loaded on first use

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes and schema work; imported on
        first use so that read-only commands start faster."""
        return _sqlite_utils_database(self.conn)

    def query(self, sql: str, params: dict | tuple = ()) -> list[dict]:
        cursor = self.conn.execute(sql, params)
        columns = [column[0] for column in cursor.description or ()]
        return [dict(zip(columns, row, strict=True)) for row in cursor]

    def find_duplicate(self, article: Article) -> int | None:
        """The id of a stored article with the same text, or the same URL when known."""
        row = self.conn.execute(
            "SELECT id FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
            (content_hash(article.text), article.url),
        ).fetchone()
        return row[0] if row else None

    def add_article(
        self,
        article: Article,
        claims: list[Claim],
        roles: Iterable[RoleSighting] = (),
        wordings: list[statements.Wording] | None = None,
    ) -> AddResult:
        """Store an article, its claims and the roles it gives people in one transaction,
        unless it is already stored. Role-only speakers are filled from the roles learned
        so far (``claimtrack.learned_roles``). ``wordings``, one per claim, spare
        computing them here (see ``Extraction.wordings``).

        The duplicate check runs inside the write transaction, so two processes ingesting
        the same article at once store it once.
        """
        try:
            with write_transaction(self.conn):
                duplicate = self.find_duplicate(article)
                if duplicate is not None:
                    return AddResult("duplicate", duplicate, 0)
                article_id = self._insert_article(article)
                self._learn_roles(article_id, roles)
                filled = self._filled(claims, article.published)
                if wordings is None:
                    wordings = [statements.wording(claim.content) for claim in filled]
                for claim, wording in zip(filled, wordings, strict=True):
                    self._insert_claim(article_id, claim, wording)
        except BaseException:
            self._actor_ids.clear()
            self._mentions_seen.clear()
            self._linker.forget()
            raise
        return AddResult("added", article_id, len(claims))

    def _learn_roles(self, article_id: int, roles: Iterable[RoleSighting]) -> None:
        from claimtrack.learned_roles import record_sightings

        roles = list(roles)
        if roles:
            record_sightings(self.conn, article_id, roles)
            self._learned = None

    def _filled(self, claims: list[Claim], published: PublishedDate) -> list[Claim]:
        """The claims with role-only speakers filled from the roles learned so far."""
        from claimtrack.learned_roles import ROLE, fill_role_speakers, load_learned

        if not any(claim.speaker_kind == ROLE for claim in claims):
            return claims
        if self._learned is None:
            self._learned = load_learned(self.conn)
        return fill_role_speakers(claims, self._learned, published.anchor())

    def _insert_article(self, article: Article) -> int:
        published = article.published
        row = {
            "text": article.text,
            "title": article.title,
            "outlet": article.outlet,
            "url": article.url,
            "origin": article.origin,
            "published": published.value,
            "published_precision": published.precision,
            "published_source": published.source,
            "published_evidence": published.evidence,
            "language": article.language,
            "content_hash": content_hash(article.text),
            "raw": gzip.compress(article.raw) if article.raw is not None else None,
            "raw_type": article.raw_type,
            "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "extractor_version": EXTRACTOR_VERSION,
        }
        return self._insert("articles", row)

    def _insert_claim(self, article_id: int, claim: Claim, wording: statements.Wording) -> int:
        facets = claim.facets
        time = facets.time
        actor_id = self._actor_id(claim)
        row = {
            "article_id": article_id,
            "actor_id": actor_id,
            "speaker_text": claim.speaker_text,
            "speaker_start": claim.speaker_span[0] if claim.speaker_span else None,
            "speaker_end": claim.speaker_span[1] if claim.speaker_span else None,
            "cue": claim.cue,
            "cue_start": claim.cue_span[0] if claim.cue_span else None,
            "cue_end": claim.cue_span[1] if claim.cue_span else None,
            "content": claim.content,
            "content_start": claim.content_span[0],
            "content_end": claim.content_span[1],
            "kind": claim.kind,
            "topics": json.dumps(list(facets.topics)),
            "venue": facets.venue,
            "time_text": time.text if time else None,
            "time_start": time.start if time else None,
            "time_end": time.end if time else None,
            "time_precision": time.precision if time else None,
            "participants": _to_json(list(facets.participants)),
            "polarity": facets.polarity,
            "polarity_cue": facets.polarity_cue,
            "event_kind": facets.event_kind,
            "event_status": facets.event_status,
            **_said_on_row(facets.said_on),
            "parties": _to_json(facets.parties),
            "agent": facets.agent,
            "confidence": claim.confidence,
            "extractor_version": EXTRACTOR_VERSION,
            "statement_id": self._linker.statement_for(actor_id, wording),
        }
        claim_id = self._insert("claims", row)
        self._linker.index(claim_id, actor_id, wording)
        return claim_id

    def _actor_id(self, claim: Claim) -> int:
        """The stored actor for the claim's speaker, created on first sight.

        A new actor takes kind, country, aliases and roles from the actors module when it
        knows the speaker. A mention spelled differently but with the same key (Peskow for
        Peskov) becomes an alias. The user's actor decisions (pins) come first.
        """
        pinned = self._pinned_actor(claim)
        if pinned is not None:
            return pinned
        actor_id = self._actor_ids.get(claim.speaker)
        if actor_id is None:
            key = actor_key(claim.speaker)
            row = self.conn.execute("SELECT actor_id FROM aliases WHERE key = ?", (key,)).fetchone()
            actor_id = row[0] if row else self._insert_actor(claim.speaker, claim.speaker_kind)
            self._actor_ids[claim.speaker] = actor_id
        mention = (actor_id, claim.speaker_text)
        if claim.speaker_text and mention not in self._mentions_seen:
            self._mentions_seen.add(mention)
            if actor_key(claim.speaker_text) == actor_key(claim.speaker):
                self._add_alias(actor_id, claim.speaker_text)
        return actor_id

    def _pinned_actor(self, claim: Claim) -> int | None:
        if self._pins is None:
            from claimtrack.identities import Pins

            self._pins = Pins.load(self.conn)
        return self._pins.actor_for(claim.speaker, claim.speaker_text)

    def forget_actors(self) -> None:
        """Drop cached actor lookups once actors or the user's decisions changed."""
        self._actor_ids.clear()
        self._mentions_seen.clear()
        self._pins = None
        self._linker.forget()

    def replace_claims(
        self,
        article_id: int,
        claims: list[Claim],
        roles: Iterable[RoleSighting] = (),
        published: PublishedDate | None = None,
    ) -> None:
        """Swap an article's claims and roles for freshly extracted ones and stamp the
        extractor version; role-only speakers are filled as of ``published``. The caller
        holds the transaction."""
        from claimtrack.learned_roles import record_sightings

        self.conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        record_sightings(self.conn, article_id, roles)
        self._learned = None
        for claim in self._filled(claims, published or PublishedDate()):
            self._insert_claim(article_id, claim, statements.wording(claim.content))
        self.conn.execute(
            "UPDATE articles SET extractor_version = ? WHERE id = ?",
            (EXTRACTOR_VERSION, article_id),
        )

    def _insert_actor(self, name: str, kind: str) -> int:
        known = known_actor(name)
        row = {
            "name": known.name if known else name,
            "kind": known.kind if known else kind,
            "country": known.country if known else None,
            "roles": json.dumps(
                list(dict.fromkeys(known.roles if known else ())), ensure_ascii=False
            ),
        }
        actor_id = self._insert("actors", row)
        for alias in (name, row["name"], *(known.aliases if known else ())):
            self._add_alias(actor_id, alias)
        return actor_id

    def _insert(self, table: str, row: dict) -> int:
        """Insert a row and return its id (plain SQL: sqlite-utils' insert re-reads the
        table's schema on every call)."""
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        return self.conn.execute(sql, tuple(row.values())).lastrowid

    def _add_alias(self, actor_id: int, alias: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO aliases (actor_id, alias, key) VALUES (?, ?, ?)",
            (actor_id, alias, actor_key(alias)),
        )


def _said_on_row(said: SaidOn | None) -> dict:
    if said is None:
        return dict.fromkeys(("said_on", "said_on_precision", "said_on_source", "said_on_text"))
    return {
        "said_on": said.date,
        "said_on_precision": said.precision,
        "said_on_source": said.source,
        "said_on_text": said.text,
    }


def known_actor(name: str) -> Actor | None:
    """The actors module's record (kind, country, aliases, roles) of a speaker, if any.

    Only a record of the same actor (same key) counts: a role phrase resolved to someone
    else must not rename the speaker.
    """
    try:
        from claimtrack.actors import canonical_actor
    except ImportError:
        return None
    known = canonical_actor(name)
    return known if known and actor_key(known.name) == actor_key(name) else None


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """A transaction holding the write lock from its start (``BEGIN IMMEDIATE``).

    Reads inside it see every commit of other processes, and it never fails half way on
    a lock: it waits up to the busy timeout before it starts, then commits or rolls back.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def open_store(path: Path, create: bool = False) -> Store:
    """Open (and migrate) the database at ``path``; ``create`` makes a new one if missing.

    Raises StoreError for a missing, corrupt, foreign or too new file.
    """
    if not path.exists():
        if not create:
            raise StoreError(f"no database at {path} (run 'claimtrack ingest' first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {path.parent}: {exc.strerror}") from None
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = _schema_version(conn, path)
        if version < SCHEMA_VERSION:
            migrate(_sqlite_utils_database(conn), version)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; no fsync per article
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a readable SQLite database ({exc})") from None
    except StoreError:
        conn.close()
        raise
    return Store(conn)


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    """The claimtrack schema version of the file; 0 for an empty one."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != APPLICATION_ID:
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{path} is not a claimtrack database; refusing to touch it")
        return 0
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {version}, newer than this claimtrack "
            f"({SCHEMA_VERSION}); upgrade claimtrack"
        )
    return version


def _sqlite_utils_database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False)


def migrate(db: sqlite_utils.Database, version: int, target: int = SCHEMA_VERSION) -> None:
    """Run the migrations from ``version`` up to ``target``, each in its own transaction.

    A step another process ran while we waited for the write lock is not run again.
    """
    for step in range(version, target):
        with write_transaction(db.conn):
            if db.execute("PRAGMA user_version").fetchone()[0] > step:
                continue
            MIGRATIONS[step](db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute(f"PRAGMA user_version = {step + 1}")
