"""Bulk storage of the Postcode table: build a new table beside the live one, swap it in.

A load writes every postcode into boroughs_postcode_new, builds its index, then drops the
live table and renames the new one, all inside the caller's transaction. Until that
transaction commits, lookups keep reading the previous table; if the load fails or is
interrupted, the transaction rolls back and the previous data stay in place and answering.

This works on the driver's own connection (sqlite3 / psycopg 3), not Django's cursor
wrapper: multi-row INSERT statements fed by a generator, and COPY, need the raw cursor, and
the wrapper would keep millions of parameters in connection.queries under DEBUG.

Measured choices (bench/postcodes_load.py): on SQLite a WITHOUT ROWID table filled ~500
rows per statement (one row per statement costs twice as much); on PostgreSQL one
COPY ... FREEZE stream kept open across files, so the server stores rows while this process
decodes the next file, and the primary key built afterwards by one sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import wraps
from itertools import islice, repeat

from django.db import connection

TABLE = "boroughs_postcode"
NEW_TABLE = "boroughs_postcode_new"
COLUMNS = ("key", "local_authority_id", "icb_id", "terminated")

# Keep in step with boroughs/migrations/0002_postcodes.py, which creates the first table.
SQLITE_DDL = (
    'CREATE TABLE "{table}" ("key" varchar(7) NOT NULL PRIMARY KEY, '
    '"local_authority_id" integer NULL, "icb_id" integer NULL, '
    '"terminated" bool DEFAULT 0 NOT NULL) WITHOUT ROWID'
)
# No primary key yet: PostgreSQL builds the index once, after COPY, by sorting.
POSTGRESQL_DDL = (
    'CREATE TABLE "{table}" ("key" varchar(7) COLLATE "C" NOT NULL, '
    '"local_authority_id" integer NULL, "icb_id" integer NULL, '
    '"terminated" boolean DEFAULT false NOT NULL)'
)
ROWS_BATCH = 100_000  # rows per batch of write_rows (an ONSPD import)
COPY_CHUNK = 100_000  # rows per write to an open COPY
# Parameters per SQLite statement: under 999, the limit of SQLite before 3.32.
SQLITE_MAX_VARIABLES = 996


class UnsupportedDatabase(Exception):
    pass


def _vendor() -> str:
    if connection.vendor not in {"sqlite", "postgresql"}:
        raise UnsupportedDatabase(
            f"Postcodes load on SQLite or PostgreSQL, not {connection.vendor}."
        )
    return connection.vendor


def _django_errors(method):
    """Raise the driver's errors as Django's (IntegrityError, DatabaseError, ...)."""

    @wraps(method)
    def wrapper(*args, **kwargs):
        with connection.wrap_database_errors:
            return method(*args, **kwargs)

    return wrapper


class PostcodeTableWriter:
    """Writes a complete new Postcode table; finish() swaps it in.

    Use inside transaction.atomic(): nothing is visible to anyone until it commits.
    """

    @_django_errors
    def __init__(self):
        if not connection.in_atomic_block:
            raise RuntimeError("PostcodeTableWriter needs a transaction (transaction.atomic).")
        self.vendor = _vendor()
        connection.ensure_connection()
        self.raw = connection.connection
        self.rows = 0
        self._copy = None  # PostgreSQL: one COPY kept open across writes (see _copy_write)
        self._copy_columns = None
        cursor = self.raw.cursor()
        cursor.execute(f'DROP TABLE IF EXISTS "{NEW_TABLE}"')
        if self.vendor == "sqlite":
            cursor.execute(SQLITE_DDL.format(table=NEW_TABLE))
        else:
            # Local to this transaction: more memory to sort the primary key, and no wait
            # for the WAL flush at commit (the table can always be loaded again).
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute(POSTGRESQL_DDL.format(table=NEW_TABLE))
        cursor.close()

    @_django_errors
    def write_codes(
        self, keys: Sequence[str], local_authority_codes: Sequence, ids: dict[str, int]
    ) -> None:
        """The fast path for the package: keys and codes as decoded, codes -> ids by `ids`.

        A code missing from `ids` (the package's NaN for "no local authority") is stored
        as NULL. No per-row Python object is made beyond what the driver needs.
        """
        if len(local_authority_codes) != len(keys):
            raise ValueError("keys and local authority codes differ in length")
        if self.vendor == "sqlite":
            la_ids = list(map(ids.get, local_authority_codes))
            self._insert(("key", "local_authority_id"), (keys, la_ids))
        else:
            text_ids = {code: str(pk) for code, pk in ids.items()}
            la_texts = list(map(text_ids.get, local_authority_codes, repeat(r"\N")))
            for start in range(0, len(keys), COPY_CHUNK):
                end = start + COPY_CHUNK
                self._copy_write(
                    ("key", "local_authority_id"),
                    _interleave((keys[start:end], la_texts[start:end]), "\t", "\n"),
                )
        self.rows += len(keys)

    @_django_errors
    def write_rows(self, rows: Iterable[tuple[str, int | None, int | None, bool]]) -> None:
        """(key, local_authority_id, icb_id, terminated) tuples, streamed in batches."""
        rows = iter(rows)
        while batch := list(islice(rows, ROWS_BATCH)):
            if self.vendor == "sqlite":
                self._insert(COLUMNS, list(zip(*batch, strict=True)))
            else:
                text = "".join(
                    f"{key}\t{_text(la)}\t{_text(icb)}\t{'t' if terminated else 'f'}\n"
                    for key, la, icb, terminated in batch
                )
                self._copy_write(COLUMNS, text)
            self.rows += len(batch)

    def _insert(self, columns: Sequence[str], values: Sequence[Sequence]) -> None:
        """SQLite: many rows per INSERT statement; `values` holds one list per column.

        One statement per row would cost twice as much: SQLite's time would go on
        stepping and resetting statements rather than on the B-tree. Each statement's
        parameters are laid out by slice assignment, without a tuple per row.
        """
        width = len(columns)
        per_statement = SQLITE_MAX_VARIABLES // width
        names = ", ".join(f'"{c}"' for c in columns)
        row = "(" + ", ".join("?" * width) + ")"
        total = len(values[0])

        def statement(rows: int) -> str:
            return f'INSERT INTO "{NEW_TABLE}" ({names}) VALUES ' + ", ".join([row] * rows)

        def parameters(start: int, rows: int) -> list:
            flat = [None] * (rows * width)
            for i, column in enumerate(values):
                flat[i::width] = column[start : start + rows]
            return flat

        full, rest = divmod(total, per_statement)
        cursor = self.raw.cursor()
        if full:
            cursor.executemany(
                statement(per_statement),
                (parameters(n * per_statement, per_statement) for n in range(full)),
            )
        if rest:
            cursor.execute(statement(rest), parameters(full * per_statement, rest))
        cursor.close()

    def _copy_write(self, columns: Sequence[str], text: str) -> None:
        """PostgreSQL: send rows down one COPY that stays open between writes.

        The server parses and stores while this process decodes the next file, so the two
        work side by side; the COPY is closed only to run another statement (pause()).
        """
        if self._copy_columns != columns:
            self.pause()
            names = ", ".join(f'"{c}"' for c in columns)
            cursor = self.raw.cursor()
            # FREEZE: the table was created in this transaction, so its rows are written
            # frozen (no later vacuum pass over 2.7 million rows).
            manager = cursor.copy(f'COPY "{NEW_TABLE}" ({names}) FROM STDIN (FREEZE)')
            self._copy = (cursor, manager, manager.__enter__())
            self._copy_columns = columns
        self._copy[2].write(text.encode("ascii"))

    @_django_errors
    def pause(self, exc_info=(None, None, None)) -> None:
        """End an open COPY (before any other statement on the connection)."""
        if self._copy is not None:
            cursor, manager, _ = self._copy
            self._copy, self._copy_columns = None, None
            try:
                manager.__exit__(*exc_info)
            finally:
                cursor.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        # On an error, abort the COPY so the transaction can roll back cleanly.
        self.pause(exc_info)

    @_django_errors
    def finish(self) -> int:
        """Index the new table and put it in place of the live one. Returns the row count."""
        self.pause()
        cursor = self.raw.cursor()
        if self.vendor == "sqlite":
            cursor.execute(f'DROP TABLE IF EXISTS "{TABLE}"')
            cursor.execute(f'ALTER TABLE "{NEW_TABLE}" RENAME TO "{TABLE}"')
        else:
            cursor.execute(
                f'ALTER TABLE "{NEW_TABLE}" ADD CONSTRAINT "{NEW_TABLE}_pkey" PRIMARY KEY ("key")'
            )
            cursor.execute(f'DROP TABLE IF EXISTS "{TABLE}"')
            cursor.execute(f'ALTER TABLE "{NEW_TABLE}" RENAME TO "{TABLE}"')
            cursor.execute(f'ALTER INDEX "{NEW_TABLE}_pkey" RENAME TO "{TABLE}_pkey"')
            # No ANALYZE: lookups are by primary key, which needs no statistics;
            # autovacuum gathers them later.
        cursor.close()
        return self.rows


def _interleave(columns: Sequence[list[str]], separator: str, terminator: str) -> str:
    """COPY text from columns of strings, laid out by slice assignment (no tuple per row)."""
    width = len(columns) * 2
    rows = len(columns[0])
    parts = [separator] * (rows * width)
    for i, column in enumerate(columns):
        parts[i * 2 :: width] = column
    parts[width - 1 :: width] = [terminator] * rows
    return "".join(parts)


def _text(value: int | None) -> str:
    return r"\N" if value is None else str(int(value))
