"""The London tile map: the grid copy, tile placement and a legend that is not colour alone."""

import csv
from pathlib import Path

from board import tilemap
from board.coverage import NO_RECORD, STATUSES

BOARD_DATA = Path(tilemap.__file__).resolve().parent / "data"
LONDON_CODES = {f"E09{n:06d}" for n in range(1, 34)}


def test_grid_has_the_33_london_authorities_each_in_its_own_square():
    cells = tilemap.london_grid()
    assert {c.gss_code for c in cells} == LONDON_CODES
    assert len({(c.x, c.y) for c in cells}) == 33
    assert all(0 <= c.x <= 7 and 0 <= c.y <= 6 for c in cells)
    assert len({c.abbreviation for c in cells}) == 33


def test_grid_copy_travels_with_its_licence_and_source_note():
    licence = (BOARD_DATA / "LICENSE-london-squared.txt").read_text(encoding="utf-8")
    assert "Copyright 2019 After the Flood Ltd." in licence
    assert "provided that the above copyright notice and this permission notice" in licence
    sources = (BOARD_DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert "github.com/aftertheflood/londonsquared" in sources
    with open(BOARD_DATA / "london_squared_grid.csv", newline="", encoding="utf-8") as f:
        assert next(csv.reader(f)) == ["gss_code", "abbreviation", "x", "y"]


def test_tile_map_places_every_authority_without_overlap():
    islington = tilemap.STATUS_CATEGORIES["yes"]
    drawn = tilemap.tile_map({"E09000019": ("Islington", islington, "Islington: Yes")})
    assert len(drawn.tiles) == 33
    assert (drawn.width, drawn.height) == (8 * tilemap.PITCH, 7 * tilemap.PITCH)
    corners = {(t.x, t.y) for t in drawn.tiles}
    assert len(corners) == 33
    for tile in drawn.tiles:
        assert 0 <= tile.x and tile.x + tilemap.TILE <= drawn.width
        assert 0 <= tile.y and tile.y + tilemap.TILE <= drawn.height
    by_code = {t.gss_code: t for t in drawn.tiles}
    assert by_code["E09000019"].category.key == "yes"
    # Missing values are drawn as "no record", not left out.
    assert by_code["E09000001"].category.key == NO_RECORD


def test_every_status_has_its_own_symbol_and_readable_text_colour():
    symbols = {tilemap.STATUS_CATEGORIES[s].symbol for s in (*STATUSES, NO_RECORD)}
    assert len(symbols) == len(STATUSES) + 1
    for category in tilemap.STATUS_CATEGORIES.values():
        assert contrast(category.fill, category.text) >= 4.5


def test_offer_counts_show_the_number_and_band_colours_are_readable():
    assert tilemap.count_category(7).mark == "7"
    assert tilemap.count_category(7).fill == tilemap.count_category(3).fill
    assert tilemap.count_band_category(3).mark == "3+"
    for band in tilemap.COUNT_BANDS:
        category = tilemap.count_band_category(band)
        assert contrast(category.fill, category.text) >= 4.5


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
