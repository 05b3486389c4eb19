"""The Trust Board's coverage pages and downloads. Public, read-only, no cookies.

Each is the same for everyone at the same address (with the same choices): kept whole in
the shared cache, as the catalogue version stands (@shared_page, offers.page_cache).
"""

import csv
import re

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from board import presentation, selectors
from board.coverage import position_changes
from board.forms import AsOfForm, CoverageForm
from offers.page_cache import ICB, ISO_DATE, LONDON_AUTHORITY, SLUG, shared_page

LONDON_AUTHORITY_CODE = re.compile(r"^E09\d{6}$")
# The choices a shared coverage address may carry, in the order its own links write them
# (presentation.Choices.params); the date boxes (on-day, …) are answered, not kept.
SHARED_CHOICES = {
    "on": ISO_DATE,
    "icb": ICB,
    "commitment": r"\d{1,2}",
    "status": r"yes|partly|no|not_known|gap",
    "sort": SLUG,
    "map": SLUG,
}


def _as_of(request, today):
    """The date asked for (None for today) and the form that checked it."""
    form = AsOfForm(request.GET, today=today, records_begin=selectors.records_begin())
    return (form.cleaned_data.get("date") if form.is_valid() else None), form


def _coverage(day, today):
    if day is None:
        return selectors.coverage_now(today=today)
    return selectors.coverage_on(day=day)


def _errors(*forms):
    """(field id, message) for the GOV.UK error summary."""
    found = []
    for form in forms:
        for name, messages in form.errors.items():
            anchor = {"__all__": "on-day", "sort": "table-commitments", "map": "map-choice"}.get(
                name, form.add_prefix(name)
            )
            found.extend((anchor, message) for message in messages)
    return found


PARAMETERS = ("on", "on-day", "on-month", "on-year", "icb", "commitment", "status", "sort", "map")
DATE_PARAMETERS = {"on", "on-day", "on-month", "on-year"}


def _hidden(params, without):
    """The choices another form on the page must carry along, as hidden inputs."""
    return [(k, v) for k, v in params if k not in without]


@shared_page(query=SHARED_CHOICES)
@require_safe
def coverage(request):
    today = timezone.localdate()
    base = reverse("board:coverage")
    day, date_form = _as_of(request, today)
    cover = _coverage(day, today)
    form = CoverageForm(request.GET, coverage=cover)
    context = {
        "today": today,
        "date_form": date_form,
        "form": form,
        "status_options": form.fields["status"].choices,
        "commitment_options": form.fields["commitment"].choices,
        "icb_options": [
            (code, presentation.short_icb_name(str(name)))
            for code, name in form.fields["icb"].choices
        ],
        "records_begin": selectors.records_begin(),
        "date_parts": [
            {
                "id": date_form.add_prefix(name),
                "label": date_form.fields[name].label,
                "width": 4 if name == "year" else 2,
                "value": date_form[name].value(),
            }
            for name in ("day", "month", "year")
        ],
        "base": base,
    }
    if not (date_form.is_valid() and form.is_valid()):
        # Keep what the reader typed, so they can correct it.
        params = [(k, request.GET[k]) for k in PARAMETERS if request.GET.get(k)]
        context.update(
            errors=_errors(date_form, form),
            map_options=presentation.map_options(cover, request.GET.get("map", "")),
            hidden_for_map=_hidden(params, {"map"}),
            hidden_for_filters=_hidden(params, {"icb", "commitment", "status"}),
            hidden_for_date=_hidden(params, DATE_PARAMETERS),
        )
        return render(request, "board/coverage.html", context, status=400)
    data = form.cleaned_data
    choices = presentation.Choices(
        on=day,
        icb=data["icb"],
        commitment=data["commitment"],
        status=data["status"],
        sort=data["sort"],
        map=request.GET.get("map", ""),
    )
    context.update(
        choices=choices,
        cover=cover,
        table=presentation.table(cover, choices, base),
        map=presentation.tile_map_view(cover, data["map"]) if cover.rows else None,
        map_options=presentation.map_options(cover, data["map"]),
        hidden_for_map=choices.params(without={"map"}),
        hidden_for_filters=choices.params(without={"icb", "commitment", "status"}),
        hidden_for_date=choices.params(without={"on"}),
        clear_filters_url=choices.url(base, icb="", commitment=None, status=""),
        today_url=choices.url(base, on=None),
        csv_url=_download_url("board_csv", day),
        json_url=_download_url("board_json", day),
    )
    if day is not None:
        now = selectors.coverage_now(today=today)
        context["changes"] = presentation.changes_view(
            position_changes(cover, now),
            selectors.offer_changes_since(day=day, today=today),
        )
    return render(request, "board/coverage.html", context)


def _download_url(name, day):
    url = reverse(name)
    return f"{url}?on={day.isoformat()}" if day else url


@shared_page(path={"gss_code": LONDON_AUTHORITY})
@require_safe
def borough(request, gss_code):
    today = timezone.localdate()
    profile = None
    if LONDON_AUTHORITY_CODE.match(gss_code):
        profile = selectors.borough_profile(gss_code=gss_code, today=today)
    if profile is None:
        return render(request, "board/borough_not_found.html", status=404)
    return render(
        request,
        "board/borough.html",
        {"profile": profile, **presentation.profile_view(profile), "today": today},
    )


# --- Downloads (no language prefix) -----------------------------------------------------


def _download_coverage(request):
    """The Coverage asked for, or a list of problems with the request."""
    today = timezone.localdate()
    day, date_form = _as_of(request, today)
    if not date_form.is_valid():
        return None, [str(m) for messages in date_form.errors.values() for m in messages]
    return _coverage(day, today), []


def _cell(value):
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def download_rows(cover):
    """One flat row per authority: the CSV's columns, in order."""
    for row in cover.rows:
        record = {
            "gss_code": row.gss_code,
            "name": row.name,
            "icb_code": row.icb_code,
            "icb_name": row.icb_name,
        }
        for commitment in cover.commitments:
            position = row.position(commitment.number)
            record[f"{commitment.slug}_status"] = position.status
            record[f"{commitment.slug}_date"] = position.as_of.isoformat() if position.as_of else ""
            record[f"{commitment.slug}_evidence_url"] = position.evidence_url
        for theme in cover.themes:
            record[f"offers_{theme.slug}"] = row.offers.get(theme.slug, 0)
        record["offers_total"] = row.total_offers
        yield record


def _filename(cover, extension):
    return f"london-care-leavers-compact-coverage-{cover.on.isoformat()}.{extension}"


@shared_page(query={"on": ISO_DATE})
@require_safe
def coverage_csv(request):
    cover, problems = _download_coverage(request)
    if problems:
        return HttpResponse(
            "\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(cover, "csv")}"'
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8.
    response.write("\ufeff")
    rows = list(download_rows(cover))
    fields = list(rows[0]) if rows else ["gss_code", "name", "icb_code", "icb_name"]
    writer = csv.DictWriter(response, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return response


@shared_page(query={"on": ISO_DATE})
@require_safe
def coverage_json(request):
    cover, problems = _download_coverage(request)
    if problems:
        return JsonResponse({"errors": problems}, status=400)
    data = {
        "title": _("London Care Leavers Compact: coverage by London authority"),
        "on": cover.on.isoformat(),
        "from_history": cover.historical,
        "commitments": [
            {"number": c.number, "slug": c.slug, "title": c.title} for c in cover.commitments
        ],
        "themes": [{"slug": t.slug, "name": t.name} for t in cover.themes],
        "authorities": [
            {
                "gss_code": row.gss_code,
                "name": row.name,
                "icb": {"gss_code": row.icb_code, "name": row.icb_name},
                "commitments": {
                    c.slug: {
                        "status": (p := row.position(c.number)).status,
                        "date": p.as_of.isoformat() if p.as_of else None,
                        "evidence_url": p.evidence_url,
                    }
                    for c in cover.commitments
                },
                "offers": {t.slug: row.offers.get(t.slug, 0) for t in cover.themes},
                "offers_total": row.total_offers,
            }
            for row in cover.rows
        ],
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'inline; filename="{_filename(cover, "json")}"'
    return response
