"""The care leaver's answers: one form per question, and the answers carried in a URL.

The answers travel in the query string as area codes and an age only
(?lives_in=E09000012&looked_after_by=E09000019&age=19), so no session or cookie is needed
and the results can be bookmarked or shared. A postcode is turned into a borough here, at
once, and is never kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from boroughs.postcodes import lookup_postcode
from offers.eligibility import (
    COUNTRIES,
    ENGLAND,
    NORTHERN_IRELAND,
    OUTSIDE_LONDON,
    SCOTLAND,
    UNKNOWN,
    WALES,
    Borough,
    OutsideLondon,
    Person,
    Place,
    Unknown,
)
from offers.selectors import london_boroughs

OUTSIDE = "outside"
NOT_SURE = "unknown"
MIN_AGE, MAX_AGE = 16, 30
ANSWER_NAMES = ("lives_in", "looked_after_by", "age")

# lookup_postcode's countries, as GSS country codes for the URL.
COUNTRY_CODES = {
    "england": ENGLAND,
    "wales": WALES,
    "scotland": SCOTLAND,
    "northern_ireland": NORTHERN_IRELAND,
}


def place_from_code(value: str) -> Place | None:
    """A lives_in / looked_after_by value from a URL, or None if it is not one we know."""
    if value == OUTSIDE:
        return OUTSIDE_LONDON
    if value == NOT_SURE:
        return UNKNOWN
    if value in COUNTRIES:
        # A country's code: somewhere in that country, not in a London borough.
        return OutsideLondon(value)
    return london_boroughs().get(value)


def place_code(place: Place) -> str:
    if isinstance(place, Borough):
        return place.gss_code
    if isinstance(place, Unknown):
        return NOT_SURE
    return place.country_code or OUTSIDE


def where_you_live_label(place: Place) -> str:
    if isinstance(place, Borough):
        return place.name
    if isinstance(place, Unknown):
        return gettext("Not given")
    if place.country_code == ENGLAND:
        return gettext("In England, outside London")
    if place.country_code:
        return gettext("In %(country)s") % {"country": place.country_name}
    return gettext("Outside London")


def council_label(place: Place) -> str:
    if isinstance(place, Borough):
        return place.name
    if isinstance(place, Unknown):
        return gettext("Not sure")
    if place.country_code:
        return gettext("A council in %(country)s") % {"country": place.country_name}
    return gettext("A council outside London")


def parse_age(value: str) -> int:
    """A whole number from 16 to 30, in any script's digits; ValidationError otherwise."""
    text = (value or "").strip()
    if not text:
        raise forms.ValidationError(_("Enter your age"), code="required")
    if len(text) > 3 or not text.isdecimal():
        raise forms.ValidationError(_("Enter your age as a whole number, like 19"), code="invalid")
    age = int(text)
    if age < MIN_AGE:
        raise forms.ValidationError(
            _("Your age must be %(min)s or more. Most offers start at 18."),
            code="min",
            params={"min": MIN_AGE},
        )
    if age > MAX_AGE:
        raise forms.ValidationError(
            _("Your age must be %(max)s or less. Most offers end at 25."),
            code="max",
            params={"max": MAX_AGE},
        )
    return age


@dataclass(frozen=True)
class Answers:
    """What the person has told us so far (any may be missing)."""

    lives_in: Place | None = None
    looked_after_by: Place | None = None
    age: int | None = None

    @classmethod
    def from_query(cls, query) -> Answers:
        """The valid answers in a query string; anything else is dropped (it is asked again)."""
        age = None
        try:
            age = parse_age(str(query.get("age", ""))[:10])
        except forms.ValidationError:
            pass
        return cls(
            lives_in=place_from_code(str(query.get("lives_in", ""))[:20]),
            looked_after_by=place_from_code(str(query.get("looked_after_by", ""))[:20]),
            age=age,
        )

    def replace(self, **changes) -> Answers:
        values = {name: getattr(self, name) for name in ANSWER_NAMES}
        values.update(changes)
        return Answers(**values)

    @property
    def complete(self) -> bool:
        return None not in (self.lives_in, self.looked_after_by, self.age)

    def person(self) -> Person:
        return Person(
            lives_in=self.lives_in or UNKNOWN,
            looked_after_by=self.looked_after_by or UNKNOWN,
            age=self.age,
        )

    def params(self, *, without: str | None = None) -> dict[str, str]:
        params = {}
        if self.lives_in is not None and without != "lives_in":
            params["lives_in"] = place_code(self.lives_in)
        if self.looked_after_by is not None and without != "looked_after_by":
            params["looked_after_by"] = place_code(self.looked_after_by)
        if self.age is not None and without != "age":
            params["age"] = str(self.age)
        return params

    def query(self, *, without: str | None = None) -> str:
        """'?lives_in=…&looked_after_by=…&age=…' (empty string when there is nothing)."""
        params = self.params(without=without)
        return "?" + urlencode(params) if params else ""


# --- One form per question ------------------------------------------------------------------


class PostcodeForm(forms.Form):
    """Where do you live now? A postcode, turned into an area at once."""

    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,  # lookup_postcode's own message says what to enter
        strip=False,
    )

    def clean_postcode(self):
        result = lookup_postcode(self.cleaned_data.get("postcode") or "")
        if result.found:
            if result.in_london:
                borough = london_boroughs().get(result.local_authority.gss_code)
                if borough is None:  # the areas are not loaded: say so, never guess
                    raise forms.ValidationError(
                        _(
                            "We cannot match this postcode to a London council. "
                            "Choose your borough instead."
                        ),
                        code="no_area",
                    )
                self.place = borough
            else:
                self.place = OutsideLondon(COUNTRY_CODES.get(result.country))
        elif result.problem == "no_local_authority" and result.country in COUNTRY_CODES:
            self.place = OutsideLondon(COUNTRY_CODES[result.country])
        else:
            raise forms.ValidationError(result.message, code=result.problem or "invalid")
        # The postcode itself goes no further than this form.
        return ""


def _radio_choices(places, extra):
    return [(b.gss_code, b.name) for b in places] + extra


class BoroughForm(forms.Form):
    """Which London borough do you live in?"""

    lives_in = forms.ChoiceField(
        label=_("Which London borough do you live in?"),
        error_messages={
            "required": _("Select the borough you live in, or that you do not live in London"),
            "invalid_choice": _(
                "Select the borough you live in, or that you do not live in London"
            ),
        },
    )

    OTHER_CHOICES = (
        (OUTSIDE, _("I do not live in London")),
        (NOT_SURE, _("I do not have a settled address")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lives_in"].choices = _radio_choices(
            london_boroughs().values(), list(self.OTHER_CHOICES)
        )

    def clean_lives_in(self):
        return place_from_code(self.cleaned_data["lives_in"])


class LookedAfterForm(forms.Form):
    """Which council looked after you?"""

    looked_after_by = forms.ChoiceField(
        label=_("Which council looked after you?"),
        error_messages={
            "required": _("Select the council that looked after you, or that you are not sure"),
            "invalid_choice": _(
                "Select the council that looked after you, or that you are not sure"
            ),
        },
    )

    OTHER_CHOICES = ((OUTSIDE, _("A council outside London")), (NOT_SURE, _("I’m not sure")))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["looked_after_by"].choices = _radio_choices(
            london_boroughs().values(), list(self.OTHER_CHOICES)
        )

    def clean_looked_after_by(self):
        return place_from_code(self.cleaned_data["looked_after_by"])


class AgeForm(forms.Form):
    """How old are you?"""

    age = forms.CharField(label=_("How old are you?"), required=False, strip=False)

    def clean_age(self):
        return parse_age(self.cleaned_data.get("age") or "")


class ResultsForm(forms.Form):
    """The three answers in a results link or an API call: each must be present and valid."""

    lives_in = forms.CharField(required=False)
    postcode = forms.CharField(required=False, strip=False)
    looked_after_by = forms.CharField(required=False)
    age = forms.CharField(required=False)

    def __init__(self, *args, allow_postcode=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.allow_postcode = allow_postcode

    def _place(self, name, missing, wrong):
        value = (self.cleaned_data.get(name) or "").strip()
        if not value:
            raise forms.ValidationError(missing, code="required")
        place = place_from_code(value[:20]) if len(value) <= 20 else None
        if place is None:
            raise forms.ValidationError(wrong, code="invalid")
        return place

    def clean_lives_in(self):
        if self.allow_postcode and self.data.get("postcode") is not None:
            return None  # answered by clean_postcode
        return self._place(
            "lives_in",
            _("Say where you live."),
            _(
                "We could not tell where you live. Use a London borough’s code "
                "(like E09000019), “outside” or “unknown”."
            ),
        )

    def clean_postcode(self):
        if not self.allow_postcode or self.data.get("postcode") is None:
            return ""
        if self.data.get("lives_in"):
            raise forms.ValidationError(_("Give a postcode or lives_in, not both."), code="both")
        postcode_form = PostcodeForm({"postcode": self.data.get("postcode")})
        if not postcode_form.is_valid():
            raise forms.ValidationError(postcode_form.errors["postcode"][0], code="postcode")
        self.cleaned_data["lives_in"] = postcode_form.place
        return ""

    def clean_looked_after_by(self):
        return self._place(
            "looked_after_by",
            _("Say which council looked after you."),
            _(
                "We could not tell which council looked after you. Use a London council’s "
                "code (like E09000019), “outside” or “unknown”."
            ),
        )

    def clean_age(self):
        return parse_age(self.cleaned_data.get("age") or "")

    def answers(self) -> Answers:
        return Answers(
            lives_in=self.cleaned_data["lives_in"],
            looked_after_by=self.cleaned_data["looked_after_by"],
            age=self.cleaned_data["age"],
        )
