import csv
from pathlib import Path

from django.db import transaction

from boroughs.models import ENGLAND, LONDON, Area

DATA_DIR = Path(__file__).resolve().parent / "data"


@transaction.atomic
def london_areas_load(*, update: bool = False) -> dict[str, int]:
    """Create England, London, the London ICBs and the 33 London authorities.

    Existing areas are left as they are (staff may have moved a borough to another ICB
    in admin) unless update=True, which resets them to the shipped data.
    """
    counts = {"created": 0, "updated": 0}

    def upsert(gss_code, **fields):
        area, created = Area.objects.get_or_create(gss_code=gss_code, defaults=fields)
        if created:
            counts["created"] += 1
        elif update and any(getattr(area, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(area, key, value)
            area.save()
            counts["updated"] += 1
        return area

    england = upsert(ENGLAND, name="England", kind=Area.Kind.COUNTRY, parent=None)
    london = upsert(LONDON, name="London", kind=Area.Kind.REGION, parent=england)
    with open(DATA_DIR / "london_boroughs.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    icbs = {}
    for row in rows:
        if row["icb_code"] not in icbs:
            icbs[row["icb_code"]] = upsert(
                row["icb_code"], name=row["icb_name"], kind=Area.Kind.ICB, parent=london
            )
    for row in rows:
        upsert(
            row["gss_code"],
            name=row["name"],
            kind=Area.Kind.LOCAL_AUTHORITY,
            parent=london,
            icb=icbs[row["icb_code"]],
        )
    return counts
