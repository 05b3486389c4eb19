"""Bulk storage of the Postcode table: build a new table beside the live one, swap it in.

A load writes every postcode into boroughs_postcode_new, builds its index, then drops the
live table and renames the new one, all inside the caller's transaction. Until that
transaction commits, lookups keep reading the previous table; if the load fails or is
interrupted, the transaction rolls back and the previous data stay in place and answering.

This works on the driver's own connection (sqlite3 / psycopg 3), not Django's cursor
wrapper: executemany with lazy iterators and COPY need the raw cursor, and the wrapper
would keep millions of parameters in connection.queries under DEBUG.
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
SQLITE_BATCH = 100_000


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
        if self.vendor == "sqlite":
            cursor = self.raw.cursor()
            cursor.executemany(
                f'INSERT INTO "{NEW_TABLE}" ("key", "local_authority_id") VALUES (?, ?)',
                zip(keys, map(ids.get, local_authority_codes), strict=True),
            )
            cursor.close()
        else:
            text_ids = {code: str(pk) for code, pk in ids.items()}
            lines = map(
                "\t".join,
                zip(keys, map(text_ids.get, local_authority_codes, repeat(r"\N")), strict=True),
            )
            self._copy(("key", "local_authority_id"), "\n".join(lines) + "\n" if keys else "")
        self.rows += len(keys)

    @_django_errors
    def write_rows(self, rows: Iterable[tuple[str, int | None, int | None, bool]]) -> None:
        """(key, local_authority_id, icb_id, terminated) tuples, streamed in batches."""
        rows = iter(rows)
        while batch := list(islice(rows, SQLITE_BATCH)):
            if self.vendor == "sqlite":
                cursor = self.raw.cursor()
                cursor.executemany(
                    f'INSERT INTO "{NEW_TABLE}" ({", ".join(COLUMNS)}) VALUES (?, ?, ?, ?)',
                    batch,
                )
                cursor.close()
            else:
                text = "".join(
                    f"{key}\t{_text(la)}\t{_text(icb)}\t{'t' if terminated else 'f'}\n"
                    for key, la, icb, terminated in batch
                )
                self._copy(COLUMNS, text)
            self.rows += len(batch)

    def _copy(self, columns: Sequence[str], text: str) -> None:
        if not text:
            return
        cursor = self.raw.cursor()
        names = ", ".join(f'"{c}"' for c in columns)
        # FREEZE: the table was created in this transaction, so rows can be written frozen
        # (no later vacuum pass over 2.7 million rows).
        with cursor.copy(f'COPY "{NEW_TABLE}" ({names}) FROM STDIN (FREEZE)') as copy:
            copy.write(text.encode("ascii"))
        cursor.close()

    @_django_errors
    def finish(self) -> int:
        """Index the new table and put it in place of the live one. Returns the row count."""
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
            cursor.execute(f'ANALYZE "{TABLE}"')
        cursor.close()
        return self.rows


def _text(value: int | None) -> str:
    return r"\N" if value is None else str(int(value))
