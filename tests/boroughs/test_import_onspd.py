"""manage.py import_onspd: full ONSPD files in both layouts, plain and zipped."""

import csv
import io
import itertools
import zipfile

import pytest
from django.core.management import CommandError, call_command

from boroughs.models import Postcode
from boroughs.onspd import Malformed, read_rows
from boroughs.postcode_services import postcodes_replace
from boroughs.postcodes import lookup_postcode
from boroughs.services import DATA_DIR
from tests.boroughs.onspd_files import (
    AUG_2024,
    NOV_2025,
    csv_text,
    onspd_row,
    write_csv,
    write_zip,
)
from tests.boroughs.package_sample import package_sample, sample_where, standard

pytestmark = pytest.mark.django_db

MANCHESTER = "E08000003"
FIXTURE_ICB = "E54000057"
FIXTURE_ICB_NAME = "NHS Greater Manchester Integrated Care Board"
ICB_NAMES = f"ICB23CD,ICB23CDH,ICB23NM\r\n{FIXTURE_ICB},QOP,{FIXTURE_ICB_NAME}\r\n"
LA_NAMES = (
    "LAD25CD,LAD25NM,LAD25NMW\r\nE08000003,Manchester,\r\nW06000001,Isle of Anglesey,Ynys Môn\r\n"
)


def london_icbs() -> dict[str, str]:
    with open(DATA_DIR / "london_boroughs.csv", encoding="utf-8") as f:
        return {row["gss_code"]: row["icb_code"] for row in csv.DictReader(f)}


def fixture_rows(layout, *, terminated: str | None = None) -> list[list[str]]:
    """Real postcodes: some of every London borough, Manchester's, and one terminated."""
    icbs = london_icbs()
    london = sample_where(lambda code: code and code.startswith("E09"))[:60]
    manchester = sample_where(lambda code: code == MANCHESTER)[:3]
    rows = [onspd_row(layout, key, code, icbs[code]) for key, code in london]
    rows += [onspd_row(layout, key, code, FIXTURE_ICB) for key, code in manchester]
    rows.append(onspd_row(layout, "W1M 0AA", "E09000033", "E54000027", terminated or "200012"))
    return rows


def manchester_key() -> str:
    return sample_where(lambda code: code == MANCHESTER)[0][0]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_onspd", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_november_2025_layout_plain_csv(tmp_path, london_areas):
    rows = fixture_rows(NOV_2025)
    path = write_csv(tmp_path / "ONSPD_NOV_2025_UK.csv", NOV_2025, rows)
    names = tmp_path / "ICB names and codes UK as at 04_23.csv"
    names.write_text(ICB_NAMES, encoding="utf-8")
    out, _ = run(path, "--names", names)
    assert f"Imported {len(rows)} postcodes" in out
    assert Postcode.objects.count() == len(rows)
    result = lookup_postcode(standard(manchester_key()))
    assert result.local_authority.gss_code == MANCHESTER
    assert result.icb.as_dict() == {"gss_code": FIXTURE_ICB, "name": FIXTURE_ICB_NAME}
    assert not result.in_london and not result.terminated


def test_august_2024_layout_zipped_with_its_names_files(tmp_path, london_areas):
    rows = fixture_rows(AUG_2024)
    path = write_zip(
        tmp_path / "ONSPD_AUG_2024.zip",
        AUG_2024,
        rows,
        data_name="ONSPD_AUG_2024_UK.csv",
        names={
            "ICB names and codes UK as at 04_23.csv": ICB_NAMES,
            "LA_UA names and codes UK as at 04_24.csv": LA_NAMES,
        },
    )
    run(path)
    # The whole-UK file is read, not also its multi_csv parts (no duplicates, all rows).
    assert Postcode.objects.count() == len(rows)
    result = lookup_postcode(standard(manchester_key()))
    assert result.local_authority.name == "Manchester"
    assert result.icb.name == FIXTURE_ICB_NAME


def test_november_2025_layout_zipped_only_in_parts(tmp_path, london_areas):
    rows = fixture_rows(NOV_2025)
    path = tmp_path / "parts.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Data/multi_csv/ONSPD_NOV_2025_UK_A.csv", csv_text(NOV_2025, rows[:10]))
        zf.writestr("Data/multi_csv/ONSPD_NOV_2025_UK_B.csv", csv_text(NOV_2025, rows[10:]))
    run(path)
    assert Postcode.objects.count() == len(rows)


def test_terminated_postcodes_are_kept_and_flagged(tmp_path, london_areas, client):
    run(write_csv(tmp_path / "t.csv", NOV_2025, fixture_rows(NOV_2025)))
    result = lookup_postcode("W1M 0AA")
    assert result.found and result.terminated
    assert result.local_authority.gss_code == "E09000033"
    assert "no longer in use" in result.message
    body = client.get("/api/v1/postcodes/W1M0AA").json()
    assert body["terminated"] is True
    assert body["local_authority"]["gss_code"] == "E09000033"


def test_london_icb_comes_from_the_borough_not_the_file(tmp_path, london_areas):
    key, code = sample_where(lambda code: code == "E09000033")[0]
    rows = [onspd_row(NOV_2025, key, code, FIXTURE_ICB)]  # the file says another ICB
    run(write_csv(tmp_path / "t.csv", NOV_2025, rows))
    assert lookup_postcode(standard(key)).icb.gss_code == london_icbs()[code]


def test_pseudo_codes_mean_no_area(tmp_path, london_areas):
    key = manchester_key()
    rows = [onspd_row(NOV_2025, key, "E99999999", "E99999999")]
    run(write_csv(tmp_path / "t.csv", NOV_2025, rows))
    assert lookup_postcode(standard(key)).problem == "no_local_authority"


def test_malformed_rows_are_reported_by_line_and_nothing_changes(tmp_path, postcode_sample):
    before = Postcode.objects.count()
    rows = fixture_rows(NOV_2025)
    rows.insert(1, ["SW1A1AA", "broken"])  # line 3: too few fields
    bad_postcode = onspd_row(NOV_2025, "SW1A1AA", "E09000033", "E54000027")
    bad_postcode[NOV_2025.index("pcds")] = "NOT A PC"
    rows.insert(3, bad_postcode)  # line 5
    bad_code = onspd_row(NOV_2025, "SW1A2AA", "E09000033", "E54000027")
    bad_code[NOV_2025.index("lad25cd")] = "Westminster"
    rows.insert(5, bad_code)  # line 7
    bad_date = onspd_row(NOV_2025, "SW1A2AA", "E09000033", "E54000027", doterm="last May")
    rows.insert(7, bad_date)  # line 9
    path = write_csv(tmp_path / "bad.csv", NOV_2025, rows)
    err = io.StringIO()
    with pytest.raises(CommandError, match="4 malformed rows"):
        call_command("import_onspd", str(path), stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    for line in (3, 5, 7, 9):
        assert f"bad.csv line {line}:" in report
    assert Postcode.objects.count() == before
    assert lookup_postcode("SW1A 1AA").found  # the previous data still answer


def test_skip_malformed_imports_the_rest_and_still_lists_them(tmp_path, london_areas):
    rows = fixture_rows(NOV_2025)
    rows.insert(0, ["nonsense"])
    _, err = run(write_csv(tmp_path / "bad.csv", NOV_2025, rows), "--skip-malformed")
    assert "bad.csv line 2:" in err
    assert Postcode.objects.count() == len(rows) - 1


def test_a_duplicated_postcode_fails_and_nothing_changes(tmp_path, postcode_sample):
    before = Postcode.objects.count()
    rows = fixture_rows(NOV_2025)
    rows.append(rows[0])
    with pytest.raises(CommandError, match="more than once"):
        run(write_csv(tmp_path / "dup.csv", NOV_2025, rows))
    assert Postcode.objects.count() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,age\r\nA,1\r\n", "not an ONSPD"),
        ("", "empty"),
        (csv_text(NOV_2025, []), "no postcodes"),
    ],
)
def test_files_that_are_not_onspd(tmp_path, postcode_sample, content, message):
    before = Postcode.objects.count()
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(path)
    assert Postcode.objects.count() == before


def test_missing_and_broken_files(tmp_path, db):
    with pytest.raises(CommandError, match="No such file"):
        run(tmp_path / "nope.csv")
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CommandError, match="zip"):
        run(broken)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"pcds,lad25cd\r\n\xff\xfe\x00\x81,E09000033\r\n")
    with pytest.raises(CommandError, match="UTF-8"):
        run(binary)


def test_an_interrupted_import_leaves_the_previous_data(postcode_sample):
    before = Postcode.objects.count()

    def rows():
        yield from ((key, code, None, False) for key, code in package_sample()[:100])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        postcodes_replace(rows=rows())
    assert Postcode.objects.count() == before
    assert lookup_postcode("SW1A 1AA").found


def test_rows_are_streamed_not_read_whole():
    def endless_lines():
        yield ",".join(NOV_2025) + "\r\n"
        for n in itertools.count():
            yield ",".join(onspd_row(NOV_2025, "SW1A1AA", "E09000033", "")) + "\r\n"
            assert n < 10, "read past what was asked for"

    rows = read_rows(endless_lines(), source="endless", malformed=Malformed())
    assert list(itertools.islice(rows, 3)) == [("SW1A1AA", "E09000033", None, False)] * 3


def test_the_next_lookup_sees_a_reload(tmp_path, postcode_sample):
    # On PostgreSQL the lookup is a prepared statement; the swapped-in table must be read.
    assert lookup_postcode("SW1A 1AA").found
    rows = [r for r in fixture_rows(NOV_2025) if r[0] != "SW1A1AA"]
    run(write_csv(tmp_path / "t.csv", NOV_2025, rows))
    assert lookup_postcode("SW1A 1AA").problem == "not_found"
    assert lookup_postcode("W1M 0AA").terminated
