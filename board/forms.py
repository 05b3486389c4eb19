"""The coverage page's GET parameters, validated: bad values get a clear message and a 400.

Nothing here touches the database: the choices come from the Coverage being shown.
"""

import datetime
import re

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from board.coverage import (
    GAP,
    STATUSES,
    Coverage,
    commitment_key,
    sort_keys,
    theme_key,
)

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class AsOfForm(forms.Form):
    """A past date from GOV.UK's date input (on-day, on-month, on-year), or `on=YYYY-MM-DD`.

    Links (sorting, downloads) carry the ISO form; the form on the page uses the three boxes.
    cleaned_data["date"] is None for "today".
    """

    day = forms.CharField(required=False, label=_("Day"))
    month = forms.CharField(required=False, label=_("Month"))
    year = forms.CharField(required=False, label=_("Year"))

    def __init__(self, params, *, today: datetime.date, records_begin: datetime.date | None):
        self.today = today
        self.records_begin = records_begin
        data = {f"on-{part}": params.get(f"on-{part}", "").strip() for part in self.base_fields}
        iso = params.get("on", "").strip()
        self.bad_iso = False
        if iso and not any(data.values()):
            match = ISO_DATE.match(iso)
            if match:
                year, month, day = match.groups()
                data = {"on-day": day, "on-month": month, "on-year": year}
            else:
                self.bad_iso = True
        super().__init__(data, prefix="on")

    def clean(self):
        cleaned = super().clean()
        if self.bad_iso:
            raise forms.ValidationError(
                _("The date must be a real date, like 31 1 2025"), code="invalid"
            )
        parts = [cleaned.get(name, "") for name in ("day", "month", "year")]
        if not any(parts):
            cleaned["date"] = None
            return cleaned
        if not all(parts):
            self.add_error(
                "day" if not parts[0] else "month" if not parts[1] else "year",
                _("The date must include a day, a month and a year"),
            )
            return cleaned
        try:
            if len(parts[2]) != 4:
                raise ValueError("the year needs 4 digits")
            day = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            self.add_error("day", _("The date must be a real date, like 31 1 2025"))
            return cleaned
        if day > self.today:
            self.add_error("day", _("The date must be today or in the past"))
        elif self.records_begin is None:
            self.add_error("day", _("No history has been recorded yet: see today’s table"))
        elif day < self.records_begin:
            self.add_error(
                "day",
                _("Records begin on %(date)s: enter that date or a later one")
                % {"date": date_format(self.records_begin, "j F Y")},
            )
        else:
            cleaned["date"] = None if day == self.today else day
        return cleaned


def status_choices():
    from offers.models import CommitmentStatus

    labels = dict(CommitmentStatus.Status.choices)
    return [
        ("", _("Any status")),
        (GAP, _("Anything but yes (a gap)")),
        *((status, labels[status]) for status in STATUSES),
    ]


class CoverageForm(forms.Form):
    """Filters, sort order and map colouring for one Coverage."""

    icb = forms.ChoiceField(
        required=False,
        label=_("Integrated care board (ICB)"),
        error_messages={"invalid_choice": _("Choose an integrated care board from the list")},
    )
    status = forms.ChoiceField(
        required=False,
        label=_("Status"),
        error_messages={"invalid_choice": _("Choose a status from the list")},
    )
    commitment = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        label=_("On the commitment"),
        error_messages={"invalid_choice": _("Choose a commitment from the list")},
    )
    sort = forms.ChoiceField(
        required=False,
        error_messages={
            "invalid_choice": _(
                "The table cannot be sorted that way: sort it by choosing a column heading"
            )
        },
    )
    map = forms.ChoiceField(
        required=False,
        label=_("Colour the map by"),
        error_messages={"invalid_choice": _("Choose a commitment or a theme from the list")},
    )

    def __init__(self, params, *, coverage: Coverage):
        super().__init__({name: params.get(name, "") for name in self.base_fields})
        self.coverage = coverage
        self.fields["icb"].choices = [("", _("All ICBs")), *coverage.icbs()]
        self.fields["status"].choices = status_choices()
        self.fields["commitment"].choices = [
            ("", _("Any commitment")),
            *((str(c.number), f"{c.number}. {c.title}") for c in coverage.commitments),
        ]
        keys = sort_keys(coverage)
        self.fields["sort"].choices = [(k, k) for k in ["", *keys, *(f"-{k}" for k in keys)]]
        self.fields["map"].choices = [("", ""), *map_choices(coverage)]

    def clean_map(self):
        return self.cleaned_data["map"] or default_map(self.coverage)


def map_choices(coverage: Coverage):
    """What the map can be coloured by: each commitment, then each theme of offers."""
    return [
        *((commitment_key(c.number), f"{c.number}. {c.title}") for c in coverage.commitments),
        *((theme_key(t.slug), t.name) for t in coverage.themes),
    ]


def default_map(coverage: Coverage) -> str:
    if coverage.commitments:
        return commitment_key(coverage.commitments[0].number)
    if coverage.themes:
        return theme_key(coverage.themes[0].slug)
    return ""
