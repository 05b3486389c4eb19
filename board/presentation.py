"""What the coverage templates draw, prepared from a Coverage and the reader's choices.

No ORM and no request: plain data in, plain data out, so templates hold nothing but loops
and conditionals.
"""

import datetime
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from board import wording
from board.coverage import (
    NAME,
    NO,
    NO_RECORD,
    NOT_KNOWN,
    PARTLY,
    STATUSES,
    TOTAL,
    YES,
    Coverage,
    commitment_key,
    commitment_totals,
    filter_rows,
    sort_rows,
    theme_key,
    theme_totals,
)
from board.tilemap import (
    COUNT_BANDS,
    STATUS_CATEGORIES,
    abbreviations,
    count_band,
    count_band_category,
    count_category,
    tile_map,
)

TAG_CLASSES = {
    YES: "govuk-tag--green",
    PARTLY: "govuk-tag--yellow",
    NO: "govuk-tag--red",
    NOT_KNOWN: "govuk-tag--grey",
    NO_RECORD: "govuk-tag--white",
}


def status_labels() -> dict:
    from offers.models import CommitmentStatus

    return {**dict(CommitmentStatus.Status.choices), NO_RECORD: _("No record")}


def short_icb_name(name: str) -> str:
    """ "NHS North East London Integrated Care Board" -> "North East London", for narrow tables."""
    short = name.removeprefix("NHS ")
    for suffix in (" Integrated Care Board", " ICB"):
        if short.casefold().endswith(suffix.casefold()):
            short = short[: -len(suffix)]
    return short.strip() or name


def safe_url(url: str) -> str:
    """Only web addresses become links."""
    return url if url.startswith(("https://", "http://")) else ""


@dataclass(frozen=True)
class Choices:
    """What the reader picked: every link on the page keeps it."""

    on: datetime.date | None = None
    icb: str = ""
    commitment: int | None = None
    status: str = ""
    sort: str = ""
    map: str = ""

    def params(self, *, without=()) -> list[tuple[str, str]]:
        values = [
            ("on", self.on.isoformat() if self.on else ""),
            ("icb", self.icb),
            ("commitment", str(self.commitment) if self.commitment else ""),
            ("status", self.status),
            ("sort", self.sort),
            ("map", self.map),
        ]
        return [(k, v) for k, v in values if v and k not in without]

    def url(self, base: str, **changes) -> str:
        query = urlencode(replace(self, **changes).params())
        return f"{base}?{query}" if query else base

    @property
    def filtered(self) -> bool:
        return bool(self.icb or self.status)


def _column(key: str, label: str, choices: Choices, base: str) -> dict:
    current = choices.sort or NAME
    if current == key:
        aria_sort, next_sort = "ascending", f"-{key}"
    elif current == f"-{key}":
        aria_sort, next_sort = "descending", key
    else:
        aria_sort, next_sort = "", key
    return {
        "key": key,
        "label": label,
        "url": choices.url(base, sort="" if next_sort == NAME else next_sort),
        "aria_sort": aria_sort,
    }


def position_cell(position, commitment, borough: str, labels: dict) -> dict:
    return {
        "status": position.status,
        "label": labels.get(position.status, position.status),
        "tag_class": TAG_CLASSES.get(position.status, ""),
        "as_of": position.as_of,
        "evidence_url": safe_url(position.evidence_url),
        "note": position.note,
        "context": f"{borough}: {commitment.title}",
    }


def table(coverage: Coverage, choices: Choices, base: str) -> dict:
    """Both tables (commitments, offers by theme), sorted and filtered, with totals."""
    labels = status_labels()
    sort = choices.sort or NAME
    rows = sort_rows(coverage, sort.lstrip("-"), descending=sort.startswith("-"))
    rows = filter_rows(rows, icb=choices.icb, commitment=choices.commitment, status=choices.status)
    abbr = abbreviations()
    on = choices.on
    body = [
        {
            "gss_code": row.gss_code,
            "name": row.name,
            "abbreviation": abbr.get(row.gss_code, ""),
            "profile_url": reverse("board:borough", args=[row.gss_code]),
            "icb_name": short_icb_name(row.icb_name),
            "positions": [
                position_cell(row.position(c.number), c, row.name, labels)
                for c in coverage.commitments
            ],
            "offers": [row.offers.get(t.slug, 0) for t in coverage.themes],
            "total_offers": row.total_offers,
        }
        for row in rows
    ]
    c_totals = commitment_totals(coverage, rows)
    t_totals = theme_totals(coverage, rows)
    return {
        "rows": body,
        "shown": len(rows),
        "of": len(coverage.rows),
        "showing": wording.showing(len(rows), len(coverage.rows)),
        "name_column": _column(NAME, _("Authority"), choices, base),
        "icb_column": _column("icb", _("ICB"), choices, base),
        "commitment_columns": [
            _column(commitment_key(c.number), f"{c.number}. {c.title}", choices, base)
            for c in coverage.commitments
        ],
        "theme_columns": [
            _column(theme_key(t.slug), t.name, choices, base) for t in coverage.themes
        ],
        "total_column": _column(TOTAL, _("All offers"), choices, base),
        "commitment_totals": [
            {
                "sentence": wording.commitment_sentence(total),
                "breakdown": wording.status_breakdown(total, labels),
                "yes": total.yes,
                "of": total.of,
            }
            for total in c_totals
        ],
        "theme_totals": [
            {
                "sentence": wording.theme_sentence(total),
                "offers": total.offers,
                "boroughs": total.boroughs_with_offers,
            }
            for total in t_totals
        ],
        "all_offers": sum(row.total_offers for row in rows),
        "on": on,
    }


def tile_map_view(coverage: Coverage, key: str) -> dict:
    """The map, coloured by one commitment or one theme, for every authority in London."""
    values = {}
    legend = []
    if key.startswith("commitment-"):
        labels = status_labels()
        commitment = coverage.commitment(int(key.removeprefix("commitment-")))
        picked = f"{commitment.number}. {commitment.title}"
        counts = {}
        for row in coverage.rows:
            status = row.position(commitment.number).status
            counts[status] = counts.get(status, 0) + 1
            values[row.gss_code] = (
                row.name,
                STATUS_CATEGORIES[status],
                f"{row.name}: {labels[status]}",
            )
        shown = [*STATUSES, *([NO_RECORD] if counts.get(NO_RECORD) else [])]
        for status in shown:
            legend.append(
                {
                    "category": STATUS_CATEGORIES[status],
                    "label": labels[status],
                    "count": wording.boroughs(counts.get(status, 0)),
                }
            )
    else:
        theme = coverage.theme(key.removeprefix("theme-"))
        picked = _("%(theme)s: offers of the borough’s own") % {"theme": theme.name}
        bands = dict.fromkeys(COUNT_BANDS, 0)
        for row in coverage.rows:
            count = row.offers.get(theme.slug, 0)
            bands[count_band(count)] += 1
            values[row.gss_code] = (
                row.name,
                count_category(count),
                f"{row.name}: {wording.offers(count)}",
            )
        band_labels = {
            0: _("No offers of its own"),
            1: _("1 offer"),
            2: _("2 offers"),
            3: _("3 or more offers"),
        }
        for band in COUNT_BANDS:
            legend.append(
                {
                    "category": count_band_category(band),
                    "label": band_labels[band],
                    "count": wording.boroughs(bands[band]),
                }
            )
    summary = "; ".join(f"{item['label']}: {item['count']}" for item in legend)
    tiles = tile_map(values)
    return {
        "tiles": tiles,
        "picked": picked,
        "title": _("Map of London’s authorities: %(picked)s") % {"picked": picked},
        "desc": _(
            "Each square is one London authority, placed roughly where it is. %(summary)s. "
            "The tables below give the same information."
        )
        % {"summary": summary},
        "legend": legend,
        "abbreviations": sorted(
            ((t.abbreviation, t.name) for t in tiles.tiles), key=lambda a: a[0]
        ),
    }


def map_options(coverage: Coverage, picked: str) -> list[dict]:
    """The map's select, grouped: commitments, then themes."""
    return [
        {
            "label": _("Compact commitments"),
            "options": [
                {
                    "value": commitment_key(c.number),
                    "label": f"{c.number}. {c.title}",
                    "selected": picked == commitment_key(c.number),
                }
                for c in coverage.commitments
            ],
        },
        {
            "label": _("Offers of the borough’s own, by theme"),
            "options": [
                {
                    "value": theme_key(t.slug),
                    "label": t.name,
                    "selected": picked == theme_key(t.slug),
                }
                for t in coverage.themes
            ],
        },
    ]


def changes_view(position_changes, offer_changes) -> dict:
    labels = status_labels()
    reasons = {
        "withdrawn": _("withdrawn"),
        "ended": _("ended"),
        "unpublished": _("taken back to draft"),
        "deleted": _("deleted"),
    }
    return {
        "positions": [
            {
                "borough": change.borough,
                "profile_url": reverse("board:borough", args=[change.gss_code]),
                "commitment": f"{change.commitment.number}. {change.commitment.title}",
                "before": labels.get(change.before, change.before),
                "after": labels.get(change.after.status, change.after.status),
                "as_of": change.after.as_of,
            }
            for change in position_changes
        ],
        "offers_added": [c.offer for c in offer_changes if c.added],
        "offers_removed": [
            {"offer": c.offer, "reason": reasons.get(c.reason, c.reason)}
            for c in offer_changes
            if not c.added
        ],
    }


def profile_view(profile) -> dict:
    labels = status_labels()
    return {
        "positions": [
            position_cell(p, c, profile.borough.name, labels)
            | {"commitment": f"{c.number}. {c.title}"}
            for c, p in profile.record.positions
        ],
        "gaps": [
            {"commitment": f"{c.number}. {c.title}", "label": labels[p.status]}
            for c, p in profile.gaps
        ],
    }
