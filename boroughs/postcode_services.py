"""Writes of postcode data: loading the package, importing an ONSPD file.

Kept apart from boroughs/services.py (the areas) so the two can change independently.
Every function replaces the whole Postcode table in one transaction (see postcode_store).
"""

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import compress, islice

from django.db import IntegrityError, transaction

from boroughs.models import Postcode, PostcodeArea
from boroughs.onspd import Malformed, OnspdError, OnspdSource
from boroughs.postcode_package import local_authority_names, package_files, read_package_file
from boroughs.postcode_store import PostcodeTableWriter
from boroughs.postcodes import LONDON_AUTHORITY

BATCH = 100_000  # rows per insert batch of an ONSPD import
PROGRESS_EVERY = 250_000


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
    # Codes registered by earlier loads: usually every one, so the load never has to stop
    # its stream of rows (a COPY on PostgreSQL) to register a new code.
    ids = dict(PostcodeArea.objects.values_list("gss_code", "id"))
    authorities: set[str] = set()
    with PostcodeTableWriter() as writer:
        for path in files:
            keys, codes = read_package_file(path)
            seen = {code for code in set(codes) if isinstance(code, str)}  # NaN: none
            if london_only:
                london = {code for code in seen if LONDON_AUTHORITY.match(code)}
                keep = [code in london for code in codes]
                keys, codes = list(compress(keys, keep)), list(compress(codes, keep))
                seen = london
            authorities |= seen
            if seen - ids.keys():
                writer.pause()
                ids.update(
                    postcode_area_ids(
                        codes=seen - ids.keys(),
                        kind=PostcodeArea.Kind.LOCAL_AUTHORITY,
                        names=names,
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
        local_authorities=len(authorities),
        seconds=time.perf_counter() - started,
    )


@transaction.atomic
def postcodes_replace(
    *,
    rows: Iterable[tuple[str, str | None, str | None, bool]],
    names: dict[str, str] | None = None,
) -> int:
    """Replace every postcode with `rows`: (ONS 7-character key, local authority GSS code,
    ICB GSS code, terminated). Streams in batches; all or nothing. Returns the count.

    `names` names GSS codes (from an ONSPD import's own lookup files); codes it does not
    name keep the names already known.
    """
    names = {**local_authority_names(), **(names or {})}
    la_ids: dict[str, int] = {}
    icb_ids: dict[str, int] = {}
    with PostcodeTableWriter() as writer:
        rows = iter(rows)
        while batch := list(islice(rows, BATCH)):
            # New codes are registered once per batch, not once per row.
            new_las = {row[1] for row in batch} - la_ids.keys() - {None}
            new_icbs = {row[2] for row in batch} - icb_ids.keys() - {None}
            if new_las or new_icbs:
                writer.pause()
            if new_las:
                la_ids.update(
                    postcode_area_ids(
                        codes=new_las, kind=PostcodeArea.Kind.LOCAL_AUTHORITY, names=names
                    )
                )
            if new_icbs:
                icb_ids.update(
                    postcode_area_ids(codes=new_icbs, kind=PostcodeArea.Kind.ICB, names=names)
                )
            writer.write_rows(
                [
                    (key, la_ids.get(la), icb_ids.get(icb), terminated)
                    for key, la, icb, terminated in batch
                ]
            )
        return writer.finish()


class OnspdMalformed(OnspdError):
    def __init__(self, malformed: Malformed):
        self.malformed = malformed
        super().__init__(f"{malformed.count:,} malformed rows")


@dataclass(frozen=True)
class OnspdImportReport:
    postcodes: int
    malformed: Malformed
    names: int
    seconds: float


@transaction.atomic
def onspd_import(
    *,
    path,
    names_files: Iterable = (),
    skip_malformed: bool = False,
    progress: Callable[[int], None] | None = None,
) -> OnspdImportReport:
    """Replace every postcode with a full ONSPD/NSPL file (.csv or .zip), all or nothing.

    Malformed rows are counted and reported by line number; they fail the import (and the
    previous data stay) unless skip_malformed, which imports the rest.
    """
    started = time.perf_counter()
    malformed = Malformed()

    def counted(rows):
        for count, row in enumerate(rows, start=1):
            if progress and count % PROGRESS_EVERY == 0:
                progress(count)
            yield row

    with OnspdSource(path, names_files=names_files) as source:
        names = source.names()
        try:
            total = postcodes_replace(rows=counted(source.rows(malformed)), names=names)
        except IntegrityError:
            raise OnspdError("The file lists the same postcode more than once.") from None
    if malformed.count and not skip_malformed:
        raise OnspdMalformed(malformed)
    if total == 0:
        raise OnspdError("The file holds no postcodes; the postcodes loaded before are kept.")
    return OnspdImportReport(
        postcodes=total,
        malformed=malformed,
        names=len(names),
        seconds=time.perf_counter() - started,
    )


def postcodes_loaded() -> bool:
    return Postcode.objects.exists()
