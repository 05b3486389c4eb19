"""A London tile map ("London Squared", After the Flood) as plain data for an inline SVG.

Pure: no ORM, no request. tile_map() places the 33 authorities on the square grid in
board/data/london_squared_grid.csv and gives each tile a category with a fill colour, a
text colour and a symbol or number, so the map never relies on colour alone. The template
board/includes/tile_map.html draws it with SVG presentation attributes only (the
Content-Security-Policy allows no inline styles).
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from board.coverage import NO, NO_RECORD, NOT_KNOWN, PARTLY, YES

GRID_CSV = Path(__file__).resolve().parent / "data" / "london_squared_grid.csv"

TILE = 60  # side of one tile, in SVG user units
GAP = 4  # space between tiles
PITCH = TILE + GAP

BLACK = "#0b0c0c"
WHITE = "#ffffff"
BORDER = "#505a5f"


@dataclass(frozen=True)
class GridCell:
    gss_code: str
    abbreviation: str
    x: int
    y: int


@cache
def london_grid() -> tuple[GridCell, ...]:
    with open(GRID_CSV, newline="", encoding="utf-8") as f:
        return tuple(
            GridCell(row["gss_code"], row["abbreviation"].upper(), int(row["x"]), int(row["y"]))
            for row in csv.DictReader(f)
        )


def abbreviations() -> dict[str, str]:
    """GSS code -> the map's three-letter label."""
    return {cell.gss_code: cell.abbreviation for cell in london_grid()}


@dataclass(frozen=True)
class Category:
    """One legend entry: how tiles in it look, besides their colour."""

    key: str
    fill: str
    text: str  # colour of the label and symbol drawn on the fill
    symbol: str  # "yes", "partly", "no", "not_known", "no_record" or "" (show `mark`)
    mark: str = ""  # a short text drawn instead of a symbol (offer counts)


# Colours chosen for contrast with their text (4.5:1 or more) and with the white page
# (3:1, or a dark border); the symbol tells statuses apart without colour.
STATUS_CATEGORIES = {
    YES: Category(YES, "#00703c", WHITE, "yes"),
    PARTLY: Category(PARTLY, "#ffdd00", BLACK, "partly"),
    NO: Category(NO, "#942514", WHITE, "no"),
    NOT_KNOWN: Category(NOT_KNOWN, "#dcdad8", BLACK, "not_known"),
    NO_RECORD: Category(NO_RECORD, WHITE, BLACK, "no_record"),
}

# Offer counts: a darker blue for more offers, and the number itself on every tile.
COUNT_BANDS = (0, 1, 2, 3)  # the last band is "3 or more"
COUNT_FILLS = {0: WHITE, 1: "#bbd4ea", 2: "#5694ca", 3: "#003078"}
COUNT_TEXT = {0: BLACK, 1: BLACK, 2: BLACK, 3: WHITE}


def count_band(count: int) -> int:
    return min(count, COUNT_BANDS[-1])


def count_category(count: int) -> Category:
    band = count_band(count)
    return Category(f"count-{band}", COUNT_FILLS[band], COUNT_TEXT[band], "", str(count))


def count_band_category(band: int) -> Category:
    mark = f"{band}+" if band == COUNT_BANDS[-1] else str(band)
    return Category(f"count-{band}", COUNT_FILLS[band], COUNT_TEXT[band], "", mark)


@dataclass(frozen=True)
class Tile:
    gss_code: str
    abbreviation: str
    name: str
    category: Category
    label: str  # what the tile shows, in words (its <title>)
    x: int  # top-left corner, SVG user units
    y: int

    @property
    def centre_x(self) -> int:
        return self.x + TILE // 2

    @property
    def label_y(self) -> int:
        return self.y + 24

    @property
    def mark_y(self) -> int:
        return self.y + 50

    @property
    def symbol_x(self) -> int:
        return self.x + (TILE - 20) // 2

    @property
    def symbol_y(self) -> int:
        return self.y + 31


@dataclass(frozen=True)
class TileMap:
    tiles: tuple
    width: int
    height: int


def tile_map(values: dict) -> TileMap:
    """Place every authority in the grid.

    values maps a GSS code to (name, Category, label in words). Authorities in the grid
    but missing from values are still drawn, as "no record".
    """
    cells = london_grid()
    tiles = []
    for cell in cells:
        name, category, label = values.get(
            cell.gss_code, (cell.abbreviation, STATUS_CATEGORIES[NO_RECORD], "")
        )
        tiles.append(
            Tile(
                gss_code=cell.gss_code,
                abbreviation=cell.abbreviation,
                name=name,
                category=category,
                label=label,
                x=cell.x * PITCH + GAP // 2,
                y=cell.y * PITCH + GAP // 2,
            )
        )
    width = (max(c.x for c in cells) + 1) * PITCH
    height = (max(c.y for c in cells) + 1) * PITCH
    return TileMap(tuple(sorted(tiles, key=lambda t: (t.y, t.x))), width, height)
