"""A deploy runs migrations forward and back: every migration is reversible, and the
whole schema migrates to zero and back, with data in it, on a PostgreSQL database of its
own (prod_*, in the suite's PostgreSQL pass)."""

import pytest
from django.apps import apps
from django.db import migrations as django_migrations
from django.db.migrations.loader import MigrationLoader

from tests.compact_portal import services
from tests.compact_portal.conftest import needs_postgres

OUR_APPS = ["boroughs", "offers", "staff", "board", "openreferral", "compact_portal"]

# Migrations that cannot be reversed, each with the reason. Keep it empty if you can.
IRREVERSIBLE: dict[tuple[str, str], str] = {}


def our_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return sorted(
        (key, migration) for key, migration in loader.disk_migrations.items() if key[0] in OUR_APPS
    )


def operations(operation_list):
    for operation in operation_list:
        if isinstance(operation, django_migrations.SeparateDatabaseAndState):
            yield from operations(operation.database_operations)
        else:
            yield operation


@pytest.mark.parametrize(("key", "migration"), our_migrations(), ids=lambda v: str(v))
def test_every_migration_is_reversible_or_says_why(key, migration):
    if key in IRREVERSIBLE:
        assert IRREVERSIBLE[key].strip(), f"{key}: say why it cannot be reversed"
        return
    for operation in operations(migration.operations):
        assert operation.reversible, f"{key}: {operation.describe()} cannot be reversed"
        if isinstance(operation, django_migrations.RunPython):
            assert operation.reverse_code is not None, f"{key}: RunPython without reverse_code"
        if isinstance(operation, django_migrations.RunSQL):
            assert operation.reverse_sql is not None, f"{key}: RunSQL without reverse_sql"


def test_every_app_of_ours_with_models_has_its_migrations_on_disk():
    keys = {key[0] for key, _m in our_migrations()}
    with_models = {a.label for a in apps.get_app_configs() if a.label in OUR_APPS and a.models}
    assert with_models <= keys


def test_no_model_change_lacks_a_migration():
    result = services.manage("makemigrations", "--check", "--dry-run", url="sqlite://:memory:")
    assert "No changes detected" in result.stdout


@pytest.fixture
def scratch_database_url(portal_database_template):
    """A copy of the session's migrated database with the Compact's data in it."""
    with services.scratch_database("migrations", template=portal_database_template) as name:
        yield services.database_url(name)


# Runs in a subprocess against the scratch database (one Django start-up for all steps).
ZERO_AND_BACK = """
from io import StringIO
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

OUR_APPS = {our_apps!r}


def applied():
    return {{key for key in MigrationLoader(connection).applied_migrations if key[0] in OUR_APPS}}


def tables():
    return set(connection.introspection.table_names())


# Up to date already (a copy of a migrated database with the Compact's data).
call_command("migrate", verbosity=0, interactive=False)
everything, all_tables = applied(), tables()
assert everything, "nothing applied"
assert connection.cursor().execute("SELECT count(*) FROM offers_offer").fetchone()[0] > 0

# To zero with data in the tables: every migration's backwards operations, in turn
# (unapplying an app takes the apps that depend on it with it).
for app in ["boroughs", "offers", "staff", "board", "openreferral"]:
    if any(label == app for label, _name in applied()):
        call_command("migrate", app, "zero", verbosity=0, interactive=False)
assert applied() == set(), applied()
ours = {{t for t in tables() if t.split("_")[0] in OUR_APPS}}
assert ours == set(), ours

# And forward again: schema and data as on a first deploy.
call_command("migrate", verbosity=0, interactive=False)
call_command("load_compact_data", stdout=StringIO())
assert applied() == everything
assert tables() == all_tables
print("zero and back:", len(everything), "migrations")
"""


@needs_postgres  # production's engine; on SQLite every step rebuilds tables (a minute)
def test_migrate_to_zero_and_back_with_data(scratch_database_url):
    script = ZERO_AND_BACK.format(our_apps=OUR_APPS)
    result = services.manage("shell", "-c", script, url=scratch_database_url)
    assert "zero and back:" in result.stdout
    services.manage("migrate", "--check", url=scratch_database_url)
