import csv
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from boroughs.models import ENGLAND, LONDON, Area

DATA_DIR = Path(__file__).resolve().parent / "data"


def london_areas_rows() -> list[dict[str, str]]:
    """The shipped rows of boroughs/data/london_boroughs.csv (see SOURCES.md)."""
    with open(DATA_DIR / "london_boroughs.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def london_areas_load(*, update: bool = False) -> dict[str, int]:
    """Create England, London, the London ICBs and the 33 London authorities.

    Existing areas are left as they are (staff may have moved a borough to another ICB
    in admin) unless update=True, which resets them to the shipped data. Areas are created
    level by level in bulk (with their history rows), so a first load is quick and a
    second one is a single query.
    """
    from offers.cache import bump_catalogue_version  # offers depends on boroughs, not back

    rows = london_areas_rows()
    icbs = {row["icb_code"]: row["icb_name"] for row in rows}
    # Each level's wanted fields, keyed by GSS code; parents and ICBs are GSS codes too.
    levels = [
        {ENGLAND: {"name": "England", "kind": Area.Kind.COUNTRY, "parent": None, "icb": None}},
        {LONDON: {"name": "London", "kind": Area.Kind.REGION, "parent": ENGLAND, "icb": None}},
        {
            code: {"name": name, "kind": Area.Kind.ICB, "parent": LONDON, "icb": None}
            for code, name in icbs.items()
        },
        {
            row["gss_code"]: {
                "name": row["name"],
                "kind": Area.Kind.LOCAL_AUTHORITY,
                "parent": LONDON,
                "icb": row["icb_code"],
            }
            for row in rows
        },
    ]
    wanted = [code for level in levels for code in level]
    areas = {a.gss_code: a for a in Area.objects.filter(gss_code__in=wanted)}
    counts = {"created": 0, "updated": 0}

    def field_values(fields):
        return {
            "name": fields["name"],
            "kind": fields["kind"],
            "parent_id": areas[fields["parent"]].pk if fields["parent"] else None,
            "icb_id": areas[fields["icb"]].pk if fields["icb"] else None,
        }

    for level in levels:
        missing = [
            Area(gss_code=code, **field_values(fields))
            for code, fields in level.items()
            if code not in areas
        ]
        if missing:
            for area in bulk_create_with_history(missing, Area):
                areas[area.gss_code] = area
            counts["created"] += len(missing)
            bump_catalogue_version()
        if update:
            for code, fields in level.items():
                area = areas[code]
                values = field_values(fields)
                if any(getattr(area, key) != value for key, value in values.items()):
                    for key, value in values.items():
                        setattr(area, key, value)
                    area.save()
                    counts["updated"] += 1
    return counts
