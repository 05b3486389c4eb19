import csv
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from django.db import transaction

from boroughs.models import ENGLAND, LONDON, Area, Postcode, PostcodeArea
from boroughs.postcode_package import local_authority_names, package_files, read_package_file
from boroughs.postcode_store import PostcodeTableWriter
from boroughs.postcodes import LONDON_AUTHORITY

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
