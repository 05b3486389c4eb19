"""Reading a full ONS Postcode Directory (ONSPD) or NSPL file, as ONS publishes it.

Columns are found by header name, so both layouts work:
- November 2025 and later: pcd7, pcd8, pcds, dointr, doterm, lad25cd, icb23cd, ...
- August 2024 and earlier: pcd, pcd2, pcds, dointr, doterm, oslaua, icb, ...
A .zip is read as ONS ships it: the data CSV(s) under Data/ (the single whole-UK file is
preferred over Data/multi_csv/), and the names of local authorities and ICBs from the
lookup files under Documents/ ("LA_UA names and codes ...", "ICB names and codes ...").

Rows are streamed: the file is never held in memory. A row that cannot be read is reported
with its line number; it is never dropped silently.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from boroughs.postcode_shape import key_of_clean, parse_postcode

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd2", "pcd8")
LOCAL_AUTHORITY_COLUMN = re.compile(r"lad(\d\d)cd")
LOCAL_AUTHORITY_OLD_COLUMNS = ("oslaua", "laua")
ICB_COLUMN = re.compile(r"icb(\d\d)cd")
ICB_OLD_COLUMNS = ("icb",)
TERMINATED_COLUMN = "doterm"
GSS_CODE = re.compile(r"[A-Z][0-9]{8}")
# ONS writes "no such area" as a pseudo-code (E99999999, W99999999, ...). The Channel
# Islands' L99999999 and the Isle of Man's M99999999 are kept: they say where it is.
NO_AREA = re.compile(r"[EWSN]99999999")
YEAR_MONTH = re.compile(r"[0-9]{6}")
NAME_CODE_COLUMN = re.compile(r"(lad|icb|la_ua|ua)(\d\d)?cd")
MAX_REPORTED = 100


class OnspdError(Exception):
    """The file cannot be imported at all (missing, unreadable, not an ONSPD layout)."""


@dataclass
class Malformed:
    """Rows that could not be read: every line number counted, the first few explained."""

    count: int = 0
    examples: list[tuple[str, int, str]] = field(default_factory=list)

    def add(self, source: str, line: int, reason: str) -> None:
        self.count += 1
        if len(self.examples) < MAX_REPORTED:
            self.examples.append((source, line, reason))

    def lines(self) -> list[str]:
        out = [f"{source} line {line}: {reason}" for source, line, reason in self.examples]
        if self.count > len(self.examples):
            out.append(f"… and {self.count - len(self.examples):,} more malformed rows")
        return out


@dataclass(frozen=True)
class Layout:
    postcode: int
    local_authority: int
    icb: int | None
    terminated: int | None
    width: int
    names: tuple[str, ...]


def _normalise_header(header: list[str]) -> list[str]:
    return [name.strip().strip("\ufeff").lower() for name in header]


def _newest(header: list[str], pattern: re.Pattern, fallbacks: tuple[str, ...]) -> int | None:
    """Index of the column with the newest year (lad25cd over lad24cd), else a fallback."""
    dated = [(int(m[1]), i) for i, name in enumerate(header) if (m := pattern.fullmatch(name))]
    if dated:
        return max(dated)[1]
    for name in fallbacks:
        if name in header:
            return header.index(name)
    return None


def layout_of(header: list[str]) -> Layout:
    names = _normalise_header(header)
    postcode = next((names.index(c) for c in POSTCODE_COLUMNS if c in names), None)
    local_authority = _newest(names, LOCAL_AUTHORITY_COLUMN, LOCAL_AUTHORITY_OLD_COLUMNS)
    if postcode is None or local_authority is None:
        raise OnspdError(
            "This is not an ONSPD or NSPL file: its header has no postcode column "
            f"({', '.join(POSTCODE_COLUMNS)}) or no local authority column (ladNNcd, oslaua "
            f"or laua). Header found: {', '.join(names[:20])}"
        )
    return Layout(
        postcode=postcode,
        local_authority=local_authority,
        icb=_newest(names, ICB_COLUMN, ICB_OLD_COLUMNS),
        terminated=names.index(TERMINATED_COLUMN) if TERMINATED_COLUMN in names else None,
        width=len(names),
        names=tuple(names),
    )


def _area_code(value: str) -> str | None:
    """A GSS code, None for empty or a "no area" pseudo-code; ValueError otherwise."""
    value = value.strip()
    if not value or NO_AREA.fullmatch(value):
        return None
    if GSS_CODE.fullmatch(value):
        return value
    raise ValueError(value)


def read_rows(
    stream: Iterable[str], *, source: str, malformed: Malformed
) -> Iterator[tuple[str, str | None, str | None, bool]]:
    """(ONS 7-character key, local authority code, ICB code, terminated) for every good row."""
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        raise OnspdError(f"{source} is empty.") from None
    layout = layout_of(header)
    needed = max(i for i in (layout.postcode, layout.local_authority, layout.icb,
                             layout.terminated) if i is not None)  # fmt: skip
    codes: dict[str, str | None] = {}  # each distinct code checked once, not once a row

    def area_code(value: str) -> str | None:
        try:
            return codes[value]
        except KeyError:
            codes[value] = code = _area_code(value)  # ValueError: not remembered
            return code

    for row in reader:
        line = reader.line_num
        if len(row) <= needed:
            if not row or row == [""]:
                continue  # a blank line (often the last) is not a row
            malformed.add(source, line, f"{len(row)} fields, the header has {layout.width}")
            continue
        value = row[layout.postcode]
        key = key_of_clean(value)
        if key is None:
            shape = parse_postcode(value)
            if shape.problem:
                malformed.add(source, line, f"{value!r} is not a postcode")
                continue
            key = shape.key
        try:
            la = area_code(row[layout.local_authority])
        except ValueError:
            malformed.add(source, line, f"{row[layout.local_authority]!r} is not a GSS code")
            continue
        icb = None
        if layout.icb is not None:
            try:
                icb = area_code(row[layout.icb])
            except ValueError:
                malformed.add(source, line, f"{row[layout.icb]!r} is not a GSS code")
                continue
        terminated = False
        if layout.terminated is not None:
            doterm = row[layout.terminated]
            if doterm and not YEAR_MONTH.fullmatch(doterm.strip()):
                malformed.add(source, line, f"doterm {doterm!r} is not a year and month")
                continue
            terminated = bool(doterm.strip())
        yield key, la, icb, terminated


def read_names(stream: Iterable[str]) -> dict[str, str]:
    """GSS code -> English name from an ONS names-and-codes file (LAD25CD, LAD25NM, ...)."""
    reader = csv.reader(stream)
    try:
        header = _normalise_header(next(reader))
    except StopIteration:
        return {}
    code = next((i for i, name in enumerate(header) if NAME_CODE_COLUMN.fullmatch(name)), None)
    if code is None:
        return {}
    name_column = header[code][:-2] + "nm"
    if name_column not in header:
        return {}
    name = header.index(name_column)
    names = {}
    for row in reader:
        if len(row) > max(code, name) and GSS_CODE.fullmatch(row[code].strip()):
            names[row[code].strip()] = row[name].strip()
    return names


class OnspdSource:
    """A .csv or .zip file: data streams and the names it brings. Use as a context manager."""

    def __init__(self, path: str | Path, *, names_files: Iterable[str | Path] = ()):
        self.path = Path(path)
        self.names_files = [Path(p) for p in names_files]
        self._zip: zipfile.ZipFile | None = None
        if not self.path.is_file():
            raise OnspdError(f"No such file: {self.path}")

    def __enter__(self):
        if self.path.suffix.lower() == ".zip":
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as error:
                raise OnspdError(f"{self.path.name} is not a readable zip file: {error}") from None
        return self

    def __exit__(self, *exc):
        if self._zip is not None:
            self._zip.close()

    def _open_member(self, name: str, *, errors: str = "strict") -> io.TextIOWrapper:
        return io.TextIOWrapper(
            self._zip.open(name), encoding="utf-8-sig", errors=errors, newline=""
        )

    def _zip_csvs(self) -> list[tuple[str, list[str]]]:
        found = []
        for info in self._zip.infolist():
            if info.is_dir() or not info.filename.lower().endswith(".csv"):
                continue
            with self._open_member(info.filename, errors="replace") as f:
                header = _normalise_header(next(csv.reader(f), []))
            found.append((info.filename, header))
        return found

    def data_streams(self) -> Iterator[tuple[str, Iterable[str]]]:
        """(name, text stream) of each data CSV, in order."""
        if self._zip is None:
            with open(self.path, encoding="utf-8-sig", newline="") as f:
                yield self.path.name, f
            return
        data = []
        for name, header in self._zip_csvs():
            try:
                layout_of(header)
            except OnspdError:
                continue
            data.append(name)
        if not data:
            raise OnspdError(f"{self.path.name} holds no ONSPD or NSPL data CSV.")
        whole = [name for name in data if "multi_csv" not in name.lower()]
        for name in sorted(whole or data):
            with self._open_member(name) as f:
                yield name, f

    def names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        if self._zip is not None:
            for name, header in self._zip_csvs():
                if any(NAME_CODE_COLUMN.fullmatch(h) for h in header) and not any(
                    h in POSTCODE_COLUMNS for h in header
                ):
                    with self._open_member(name, errors="replace") as f:
                        names.update(read_names(f))
        for path in self.names_files:
            with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
                names.update(read_names(f))
        return names

    def rows(self, malformed: Malformed) -> Iterator[tuple[str, str | None, str | None, bool]]:
        for name, stream in self.data_streams():
            try:
                yield from read_rows(stream, source=name, malformed=malformed)
            except UnicodeDecodeError as error:
                raise OnspdError(f"{name} is not UTF-8 text: {error}") from None
            except csv.Error as error:
                raise OnspdError(f"{name} is not a readable CSV file: {error}") from None
