"""Small ONSPD files in both of ONS's layouts, written by the tests themselves.

The postcodes and local authorities are real (from the package); the ICB codes of London
postcodes are the boroughs' (boroughs/data/london_boroughs.csv); elsewhere they are the
fixture's own, named by the fixture's names files.
"""

import csv
import io
import zipfile
from pathlib import Path

# Columns in ONS's order, with some of their neighbours, so matching by name is tested.
NOV_2025 = ["pcd7", "pcd8", "pcds", "dointr", "doterm", "usertype", "oseast1m", "osnrth1m",
            "osgrdind", "oa21cd", "cty25cd", "ced25cd", "lad25cd", "wd25cd", "nhser24cd",
            "ctry25cd", "rgn25cd", "pcon24cd", "lat", "long", "sicbl24cd", "icb23cd"]  # fmt: skip
AUG_2024 = ["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua", "osward",
            "parish", "usertype", "oseast1m", "osnrth1m", "osgrdind", "oshlthau", "nhser",
            "ctry", "rgn", "lat", "long", "icb", "sicbl"]  # fmt: skip


def onspd_row(layout: list[str], key: str, la: str, icb: str, doterm: str = "") -> list[str]:
    outward, inward = key[:-3].rstrip(), key[-3:]
    values = {
        "pcd7": key,
        "pcd": key,
        "pcd8": f"{outward.ljust(4)} {inward}",
        "pcd2": f"{outward.ljust(4)} {inward}",
        "pcds": f"{outward} {inward}",
        "dointr": "198001",
        "doterm": doterm,
        "lad25cd": la,
        "oslaua": la,
        "icb23cd": icb,
        "icb": icb,
        "lat": "51.501009",
        "long": "-0.141588",
    }
    return [values.get(column, "") for column in layout]


def csv_text(layout: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # ONS's files end lines with CRLF
    writer.writerow(layout)
    writer.writerows(rows)
    return out.getvalue()


def write_csv(path: Path, layout: list[str], rows: list[list[str]]) -> Path:
    path.write_text(csv_text(layout, rows), encoding="utf-8")
    return path


def write_zip(
    path: Path,
    layout: list[str],
    rows: list[list[str]],
    *,
    data_name: str,
    names: dict[str, str] | None = None,
    split: bool = True,
) -> Path:
    """A zip as ONS ships it: Data/<whole file>, Data/multi_csv/<parts>, Documents/<names>."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"Data/{data_name}", csv_text(layout, rows))
        if split:
            zf.writestr(f"Data/multi_csv/{data_name[:-4]}_A.csv", csv_text(layout, rows[:2]))
        zf.writestr("User Guide/readme.txt", "ONSPD user guide")
        for file_name, text in (names or {}).items():
            zf.writestr(f"Documents/{file_name}", text)
    return path
