"""Offers as CSV, the way boroughs keep them in spreadsheets (README "Bulk import and export").

Reading is strict and all-or-nothing: `plan_import` checks every row and returns either a
plan (what each row will create or change) or errors, each naming its line and column.
offers.services.offers_import applies a plan. Python's csv module reads what Excel writes
(CRLF, quoted fields holding commas and newlines); "utf-8-sig" accepts a byte-order mark.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from boroughs.models import Area
from offers import workflow
from offers.models import Offer, Provider, Theme

COLUMNS = [
    "title",
    "summary",
    "details",
    "how_to_get",
    "url",
    "provider",
    "themes",
    "area",
    "must_live_in_area",
    "must_be_looked_after_by_area",
    "min_age",
    "max_age",
    "conditions",
    "status",
    "source_url",
    "last_checked",
    "id",
]
OPTIONAL_COLUMNS = {"id"}
THEME_SEPARATOR = ";"
MAX_BYTES = 5 * 1024 * 1024
# Free-text columns: a cell Excel would run as a formula is written with a leading "'"
# (OWASP's advice against CSV injection), and that apostrophe is taken off on import.
TEXT_COLUMNS = {"title", "summary", "details", "how_to_get", "provider", "conditions"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The columns an import compares with the offer it updates (all but id, themes, status).
FIELD_COLUMNS = [c for c in COLUMNS if c not in {"themes", "status", "id"}]


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as a spreadsheet names its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class CellError:
    line: int
    column: str | None  # the column's heading, or None for a whole-line problem
    letter: str | None  # its spreadsheet letter
    message: str

    def __str__(self):
        if self.column is None:
            return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        if self.letter is None:
            return _("Line %(line)s, column %(column)s: %(message)s") % {
                "line": self.line,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(line)s, column %(letter)s (%(column)s): %(message)s") % {
            "line": self.line,
            "letter": self.letter,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class RowPlan:
    line: int
    action: str  # "create", "update" or "unchanged"
    offer: Offer  # with the new values set, not saved
    themes: list[Theme]
    provider_name: str
    changed: list[str] = field(default_factory=list)
    status_actions: list[workflow.Action] = field(default_factory=list)
    content_changed: bool = False

    @property
    def area_code(self) -> str:
        return self.offer.area.gss_code


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    new_providers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")


# --- Writing -----------------------------------------------------------------------------
def _cell(column: str, value: str) -> str:
    if column in TEXT_COLUMNS and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def offer_row(offer: Offer) -> list[str]:
    """One offer as CSV cells, in COLUMNS order. Themes should be prefetched."""
    values = {
        "title": offer.title,
        "summary": offer.summary,
        "details": offer.details,
        "how_to_get": offer.how_to_get,
        "url": offer.url,
        "provider": offer.provider.name,
        "themes": THEME_SEPARATOR.join(t.name for t in offer.themes.all()),
        "area": offer.area.gss_code,
        "must_live_in_area": "yes" if offer.must_live_in_area else "no",
        "must_be_looked_after_by_area": "yes" if offer.must_be_looked_after_by_area else "no",
        "min_age": str(offer.min_age),
        "max_age": str(offer.max_age),
        "conditions": offer.conditions,
        "status": offer.status,
        "source_url": offer.source_url,
        "last_checked": offer.last_checked.isoformat() if offer.last_checked else "",
        "id": str(offer.pk),
    }
    return [_cell(column, values[column]) for column in COLUMNS]


def offers_for_csv(queryset):
    return queryset.select_related("provider", "area").prefetch_related("themes")


def offers_csv_write(offers: Iterable[Offer], out) -> None:
    """Write the offers to a text stream as Excel expects it: a byte-order mark (so it
    reads UTF-8), then CRLF-terminated rows with quotes only where needed. The text
    columns are the English ones (translations are kept in admin)."""
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    with translation.override(settings.LANGUAGE_CODE):
        for offer in offers:
            writer.writerow(offer_row(offer))


# --- Reading: one row's values -----------------------------------------------------------
class YesNoField(forms.Field):
    YES = {"yes", "y", "true", "1"}
    NO = {"no", "n", "false", "0", ""}
    default_error_messages = {"invalid": gettext_lazy("Write yes or no.")}

    def to_python(self, value):
        text = (value or "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class OfferRowForm(forms.Form):
    """The cells of one row, checked and converted. Lookups (themes, area, provider) and
    permissions are checked by plan_import."""

    title = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=300)
    details = forms.CharField()
    how_to_get = forms.CharField()
    url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    provider = forms.CharField(max_length=200)
    themes = forms.CharField()
    area = forms.CharField(max_length=9)
    must_live_in_area = YesNoField(required=False)
    must_be_looked_after_by_area = YesNoField(required=False)
    min_age = forms.IntegerField(min_value=0, max_value=120, required=False)
    max_age = forms.IntegerField(min_value=0, max_value=120, required=False)
    conditions = forms.CharField(required=False)
    status = forms.ChoiceField(
        choices=[(s, s) for s in (workflow.DRAFT, workflow.PUBLISHED, workflow.WITHDRAWN)],
        error_messages={
            "invalid_choice": gettext_lazy("Write draft, published or withdrawn."),
        },
    )
    source_url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    # ISO dates as exported; also dd/mm/yyyy, which Excel writes back in a UK locale.
    last_checked = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": gettext_lazy("Write the date as YYYY-MM-DD.")},
    )
    id = forms.UUIDField(required=False)

    def clean(self):
        data = super().clean()
        min_age = data.get("min_age")
        max_age = data.get("max_age")
        if min_age is None and "min_age" not in self.errors:
            data["min_age"] = Offer._meta.get_field("min_age").default
        if max_age is None and "max_age" not in self.errors:
            data["max_age"] = Offer._meta.get_field("max_age").default
        if (
            data.get("min_age") is not None
            and data.get("max_age") is not None
            and data["min_age"] > data["max_age"]
        ):
            self.add_error("max_age", _("The maximum age is below the minimum age."))
        if data.get("status") == workflow.PUBLISHED:
            if not data.get("source_url") and "source_url" not in self.errors:
                self.add_error("source_url", _("A published offer needs its source address."))
            if not data.get("last_checked") and "last_checked" not in self.errors:
                self.add_error(
                    "last_checked", _("A published offer needs the date it was last checked.")
                )
        checked = data.get("last_checked")
        if checked and checked > timezone.localdate():
            self.add_error("last_checked", _("This date is in the future."))
        return data


# --- Reading: the file -------------------------------------------------------------------
@dataclass
class _Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (line the row starts on, cells by column)

    def letter(self, column: str) -> str | None:
        return column_letter(self.header.index(column)) if column in self.header else None


def _read_table(data: bytes, errors: list[CellError]) -> _Table | None:
    if len(data) > MAX_BYTES:
        errors.append(
            CellError(1, None, None, _("The file is larger than 5 MB. Split it into parts."))
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        errors.append(
            CellError(
                line,
                None,
                None,
                _(
                    "This line is not UTF-8 text. In Excel, use Save As and choose "
                    "“CSV UTF-8 (Comma delimited)”."
                ),
            )
        )
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header_cells = next(reader, None)
    except csv.Error as e:
        errors.append(CellError(reader.line_num or 1, None, None, _("Cannot read: %s") % e))
        return None
    if not header_cells or not any(c.strip() for c in header_cells):
        errors.append(
            CellError(1, None, None, _("The file is empty: the first line must name the columns."))
        )
        return None
    header = [c.strip().lower() for c in header_cells]
    seen = set()
    for index, name in enumerate(header):
        if name not in COLUMNS:
            errors.append(
                CellError(
                    1,
                    name or _("(blank)"),
                    column_letter(index),
                    _("Unknown column. The columns are: %s.") % ", ".join(COLUMNS),
                )
            )
        elif name in seen:
            errors.append(CellError(1, name, column_letter(index), _("This column appears twice.")))
        seen.add(name)
    for name in COLUMNS:
        if name not in seen and name not in OPTIONAL_COLUMNS:
            errors.append(CellError(1, name, None, _("This column is missing.")))
    if errors:
        return None

    rows = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            errors.append(CellError(start, None, None, _("Cannot read this line: %s") % e))
            break
        if not any(c.strip() for c in cells):
            continue  # blank lines, and the empty rows spreadsheets leave at the end
        extra = [i for i in range(len(header), len(cells)) if cells[i].strip()]
        if extra:
            errors.append(
                CellError(
                    start,
                    None,
                    column_letter(extra[0]),
                    _("This line has more cells than there are columns (column %s).")
                    % column_letter(extra[0]),
                )
            )
            continue
        values = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)}
        for name in TEXT_COLUMNS:
            value = values.get(name, "")
            if value.startswith("'") and value[1:2] and value[1:2] in FORMULA_STARTS:
                values[name] = value[1:]
        rows.append((start, values))
    return _Table(header, rows)


def _split_themes(text: str) -> list[str]:
    return [name.strip() for name in text.split(THEME_SEPARATOR) if name.strip()]


def plan_import(data: bytes, *, user=None, second_approval_area_ids=frozenset()) -> ImportPlan:
    """Check a CSV file and work out what importing it would do, touching nothing.

    `user` limits the rows to the offers and areas that staff member may change (no user:
    a command-line import by an operator, which may change anything).
    `second_approval_area_ids`: areas whose offers need a second person to publish.
    """
    from staff.scope import Scope, scope_of
    from staff.selectors import areas_for_offers_by, providers_for_offers_by

    plan = ImportPlan()
    table = _read_table(data, plan.errors)
    if table is None:
        return plan

    def error(line, column, message):
        plan.errors.append(CellError(line, column, table.letter(column), str(message)))

    if user is None:
        scope = Scope(role="site-admin")
        allowed_area_ids = None
        only_provider = None
    else:
        scope = scope_of(user)
        allowed_area_ids = set(areas_for_offers_by(user).values_list("pk", flat=True))
        only_provider = (
            providers_for_offers_by(user).first() if scope.role == "provider-editor" else None
        )

    areas = {a.gss_code: a for a in Area.objects.all()}
    themes = {}
    for theme in Theme.objects.all():
        themes[theme.name.lower()] = theme
        themes[theme.slug.lower()] = theme
    providers = {p.name.lower(): p for p in Provider.objects.all()}

    # Check each row's cells, then what they name (area, themes, provider): every problem
    # in the row is reported, not just the first.
    checked = []
    for line, values in table.rows:
        form = OfferRowForm(data=values)
        ok = form.is_valid()
        for column, messages in form.errors.items():
            for message in messages:
                error(line, None if column == "__all__" else column, message)
        row = form.cleaned_data
        area = areas.get(row["area"].upper()) if row.get("area") else None
        if row.get("area"):
            if area is None:
                error(line, "area", _("No area has the GSS code “%s”.") % row["area"])
                ok = False
            elif allowed_area_ids is not None and area.pk not in allowed_area_ids:
                error(line, "area", _("You cannot add or move offers to %s.") % area.name)
                ok = False
        row_themes = []
        if "themes" in row:
            theme_names = _split_themes(row["themes"])
            for name in theme_names:
                if name.lower() in themes:
                    row_themes.append(themes[name.lower()])
                    continue
                error(
                    line,
                    "themes",
                    _("Unknown theme “%(name)s”. The themes are: %(themes)s.")
                    % {
                        "name": name,
                        "themes": "; ".join(sorted({t.name for t in themes.values()})),
                    },
                )
                ok = False
            if not theme_names:
                error(line, "themes", _("Give at least one theme."))
                ok = False
        provider = providers.get(row["provider"].lower()) if row.get("provider") else None
        if row.get("provider") and only_provider is not None and provider != only_provider:
            error(line, "provider", _("You can only import offers of %s.") % only_provider.name)
            ok = False
        if ok:
            checked.append((line, row, area, row_themes, provider))

    # Find the offers the rows update: by id, else by provider + title + area.
    ids = [row["id"] for _line, row, *_rest in checked if row["id"]]
    by_id = Offer.objects.prefetch_related("themes").in_bulk(ids)
    keyed_areas = {area.pk for _line, _row, area, *_rest in checked}
    by_key = {}
    for offer in (
        Offer.objects.filter(area_id__in=keyed_areas)
        .select_related("provider")
        .prefetch_related("themes")
    ):
        key = (offer.provider.name.lower(), offer.title.lower(), offer.area_id)
        by_key.setdefault(key, []).append(offer)

    claimed: dict[uuid.UUID | tuple, int] = {}
    new_providers: dict[str, str] = {}
    for line, row, area, row_themes, provider in checked:
        key = (row["provider"].lower(), row["title"].lower(), area.pk)
        offer = None
        match_column = "title"
        if row["id"]:
            offer = by_id.get(row["id"])
            match_column = "id"
        if offer is None:
            matches = by_key.get(key, [])
            if len(matches) > 1:
                error(
                    line,
                    "title",
                    _("%d offers have this provider, title and area: add the id column.")
                    % len(matches),
                )
                continue
            if matches:
                offer = matches[0]
                match_column = "title"
                if row["id"] and offer.pk != row["id"]:
                    error(
                        line,
                        "id",
                        _("An offer with this provider, title and area has another id."),
                    )
                    continue
        if offer is not None and not scope.can_edit_offer(
            area_id=offer.area_id, provider_id=offer.provider_id
        ):
            error(line, match_column, _("You cannot change this offer."))
            continue
        identities = {key, offer.pk if offer is not None else row["id"]} - {None}
        earlier = [claimed[i] for i in identities if i in claimed]
        if earlier:
            error(line, match_column, _("This is the same offer as on line %d.") % min(earlier))
            continue
        claimed.update(dict.fromkeys(identities, line))

        if provider is None:
            new_providers.setdefault(row["provider"].lower(), row["provider"])
        plan_row = _plan_row(line, row, area, row_themes, provider, offer)
        current = offer.status if offer is not None else workflow.DRAFT
        state = workflow.OfferState(
            status=current,
            has_source=bool(row["source_url"]),
            has_check=bool(row["last_checked"]),
            second_approval=area.pk in second_approval_area_ids,
            approval_requested_by=(
                None
                if offer is None or plan_row.content_changed
                else offer.approval_requested_by_id
            ),
        )
        for action in workflow.path_to(current, row["status"]):
            reason = workflow.refusal(action, state, user_id=getattr(user, "pk", None))
            if reason:
                error(line, "status", reason)
                break
            state = workflow.OfferState(
                status={
                    workflow.Action.PUBLISH: workflow.PUBLISHED,
                    workflow.Action.WITHDRAW: workflow.WITHDRAWN,
                    workflow.Action.RETURN_TO_DRAFT: workflow.DRAFT,
                }[action],
                has_source=state.has_source,
                has_check=state.has_check,
                second_approval=state.second_approval,
                approval_requested_by=state.approval_requested_by,
            )
            plan_row.status_actions.append(action)
        else:
            if plan_row.status_actions and plan_row.action == "unchanged":
                plan_row.action = "update"
                plan_row.changed.append("status")
            plan.rows.append(plan_row)

    plan.new_providers = sorted(new_providers.values(), key=str.lower)
    plan.errors.sort(key=lambda e: (e.line, e.column in table.header, _position(table, e)))
    return plan


def _position(table: _Table, error: CellError) -> int:
    return table.header.index(error.column) if error.column in table.header else -1


def _plan_row(line, row, area, row_themes, provider, offer) -> RowPlan:
    new = offer is None
    if new:
        offer = Offer(id=row["id"] or uuid.uuid4(), status=workflow.DRAFT)
    values = {
        "title": row["title"],
        "summary": row["summary"],
        "details": row["details"],
        "how_to_get": row["how_to_get"],
        "url": row["url"],
        "must_live_in_area": row["must_live_in_area"],
        "must_be_looked_after_by_area": row["must_be_looked_after_by_area"],
        "min_age": row["min_age"],
        "max_age": row["max_age"],
        "conditions": row["conditions"],
        "source_url": row["source_url"],
        "last_checked": row["last_checked"],
    }
    changed = []
    for name, value in values.items():
        if new or getattr(offer, name) != value:
            changed.append(name)
            setattr(offer, name, value)
    if new or offer.area_id != area.pk:
        changed.append("area")
    offer.area = area
    if provider is None or new or offer.provider_id != provider.pk:
        changed.append("provider")
    if provider is not None:
        offer.provider = provider
    if new or {t.pk for t in offer.themes.all()} != {t.pk for t in row_themes}:
        changed.append("themes")
    changed.sort(key=COLUMNS.index)
    return RowPlan(
        line=line,
        action="create" if new else ("update" if changed else "unchanged"),
        offer=offer,
        themes=row_themes,
        provider_name=row["provider"],
        changed=[] if new else changed,
        content_changed=bool(changed),
    )
