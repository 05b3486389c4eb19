import csv
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from boroughs.models import ENGLAND, LONDON, Area, Postcode, PostcodeArea
from boroughs.postcode_package import local_authority_names, package_files, read_package_file
from boroughs.postcode_store import PostcodeTableWriter
from boroughs.postcodes import LONDON_AUTHORITY

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


# --- Postcodes -------------------------------------------------------------------------


@dataclass(frozen=True)
class PostcodeLoadReport:
    postcodes: int
    files: int
    local_authorities: int
    seconds: float


def postcode_area_ids(
    *, codes: Iterable[str], kind: str, names: dict[str, str] | None = None
) -> dict[str, int]:
    """GSS code -> PostcodeArea id, creating the codes not seen before.

    Known names are filled in or corrected; a name is never blanked because a source
    does not know it.
    """
    names = names or {}
    codes = set(codes)
    existing = {area.gss_code: area for area in PostcodeArea.objects.filter(gss_code__in=codes)}
    PostcodeArea.objects.bulk_create(
        [
            PostcodeArea(gss_code=code, kind=kind, name=names.get(code, ""))
            for code in sorted(codes - existing.keys())
        ]
    )
    renamed = [
        area
        for area in existing.values()
        if names.get(area.gss_code) and area.name != names[area.gss_code]
    ]
    for area in renamed:
        area.name = names[area.gss_code]
    PostcodeArea.objects.bulk_update(renamed, ["name"])
    return dict(PostcodeArea.objects.filter(gss_code__in=codes).values_list("gss_code", "id"))


@transaction.atomic
def postcodes_load_package(
    *, london_only: bool = True, progress: Callable[[str, int], None] | None = None
) -> PostcodeLoadReport:
    """Replace the Postcode table with the package's postcodes: London's or the whole UK's.

    One transaction: lookups answer from the previous data until it commits, and a load
    that fails or is interrupted leaves the previous data in place.
    """
    started = time.perf_counter()
    files = package_files(london_only=london_only)
    names = local_authority_names()
    writer = PostcodeTableWriter()
    ids: dict[str, int] = {}
    for path in files:
        keys, codes = read_package_file(path)
        seen = {code for code in set(codes) if isinstance(code, str)}  # NaN: no authority
        if london_only:
            london = {code for code in seen if LONDON_AUTHORITY.match(code)}
            keep = [code in london for code in codes]
            keys, codes = list(compress(keys, keep)), list(compress(codes, keep))
            seen = london
        if seen - ids.keys():
            ids.update(
                postcode_area_ids(
                    codes=seen - ids.keys(), kind=PostcodeArea.Kind.LOCAL_AUTHORITY, names=names
                )
            )
        writer.write_codes(keys, codes, ids)
        if progress:
            progress(path.name, len(keys))
        del keys, codes
    total = writer.finish()
    return PostcodeLoadReport(
        postcodes=total,
        files=len(files),
        local_authorities=len(ids),
        seconds=time.perf_counter() - started,
    )


def postcodes_loaded() -> bool:
    return Postcode.objects.exists()
