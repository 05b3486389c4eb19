"""Backups: scripts/backup.sh dumps a live database, scripts/restore.sh restores it into a
fresh one, and every offer, commitment and history row is there."""

import subprocess
import textwrap

import psycopg

from tests.compact_portal import services
from tests.compact_portal.conftest import needs_postgres

pytestmark = needs_postgres

# Tables that must have rows to restore (and the test compares every table).
MUST_RESTORE = [
    "offers_offer",
    "offers_offer_themes",
    "offers_commitment",
    "offers_commitmentstatus",
    "offers_provider",
    "offers_theme",
    "boroughs_area",
    "auth_user",
    "offers_historicaloffer",
    "offers_historicalcommitmentstatus",
    "boroughs_historicalarea",
]

# Staff work that leaves history: an edit, a withdrawal, a commitment status change.
STAFF_WORK = textwrap.dedent(
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone
    from offers.models import CommitmentStatus, Offer

    officer = get_user_model().objects.create_user("officer", password="a-long-pass-phrase")
    first, second = Offer.objects.order_by("title")[:2]
    first.summary = first.summary + " (checked)"
    first.save()
    second.status = Offer.Status.WITHDRAWN
    second.withdrawn_at = timezone.now()
    second.withdrawn_by = officer
    second.save()
    status = CommitmentStatus.objects.order_by("pk").first()
    status.status = CommitmentStatus.Status.YES
    status.note = "Confirmed at the Board, ünïcödé and 'quotes'"
    status.save()
    """
)


def rows(url: str, table: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)


def tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]


def test_backup_and_restore_into_a_fresh_database(tmp_path, portal_database_template):
    source_db = services.scratch_database("backup_source", template=portal_database_template)
    with source_db as source:
        services.manage("shell", "-c", STAFF_WORK, database=source)
        source_url = services.database_url(source)

        dump = tmp_path / "portal.dump"
        backup = subprocess.run(
            ["scripts/backup.sh", source_url, str(dump)],
            cwd=services.REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert backup.returncode == 0, backup.stderr
        assert dump.stat().st_size > 0
        assert not (tmp_path / "portal.dump.partial").exists()

        target = services.unique_name("backup_restored")
        target_url = services.database_url(target)
        try:
            restore = subprocess.run(
                ["scripts/restore.sh", str(dump), target_url],
                cwd=services.REPO,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert restore.returncode == 0, restore.stderr
            assert f"restored into {target}" in restore.stdout

            assert tables(target_url) == tables(source_url)
            for table in MUST_RESTORE:
                assert rows(source_url, table), f"{table} should have rows to restore"
            # Every row of every table, history included, comes back as it was.
            for table in tables(source_url):
                assert rows(target_url, table) == rows(source_url, table), table
            # The staff work is in the history: the withdrawal and the edit.
            with psycopg.connect(target_url) as conn:
                withdrawn = conn.execute(
                    "SELECT count(*) FROM offers_historicaloffer WHERE status = 'withdrawn'"
                ).fetchone()[0]
            assert withdrawn == 1

            # The restored database serves: no migration is missing.
            services.manage("migrate", "--check", database=target)

            # Restoring over a database that exists is refused.
            again = subprocess.run(
                ["scripts/restore.sh", str(dump), target_url],
                cwd=services.REPO,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert again.returncode == 1
            assert "exists" in again.stderr
        finally:
            services.drop_database(target)


def test_restore_of_a_broken_dump_leaves_nothing_behind(tmp_path):
    broken = tmp_path / "broken.dump"
    broken.write_bytes(b"PGDMP" + b"\x00" * 64)
    target = services.unique_name("backup_broken")
    result = subprocess.run(
        ["scripts/restore.sh", str(broken), services.database_url(target)],
        cwd=services.REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    try:
        assert result.returncode != 0
        with psycopg.connect(services.postgres_server_url()) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [target]
            ).fetchone()
        assert exists is None
    finally:
        services.drop_database(target)
