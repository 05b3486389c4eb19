from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history

from boroughs.models import Area
from boroughs.services import london_areas_load
from offers import compact_data, csv_io, workflow
from offers.cache import bump_catalogue_version
from offers.models import Commitment, CommitmentStatus, Offer, Provider, Theme

# Offer fields copied from compact_data.OFFERS as they are (besides id, provider, area,
# themes, status and last_checked).
_OFFER_FIELDS = (
    "title",
    "summary",
    "details",
    "how_to_get",
    "documents_needed",
    "cost",
    "contact",
    "url",
    "min_age",
    "max_age",
    "must_live_in_area",
    "must_be_looked_after_by_area",
    "conditions",
    "not_yet_confirmed",
    "starts_on",
    "ends_on",
    "source_url",
)
_OFFER_DEFAULTS = {"starts_on": None, "ends_on": None}  # the other fields default to ""


def _compact_sync(model, key, wanted, *, update, counts, skip=frozenset()):
    """Create the rows of `wanted` ({key value: field values}) that are missing.

    Rows that exist are kept as they are (staff may have edited them) unless update=True,
    which resets their fields to the shipped values. Keys in `skip` are not created.
    Returns {key value: instance}.
    """
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": wanted})}
    for value, fields in wanted.items():
        obj = found.get(value)
        if obj is None:
            if value in skip:
                continue
            obj = model(**{key: value}, **fields)
            obj.save()
            found[value] = obj
            counts["created"] += 1
        elif update and any(getattr(obj, name) != v for name, v in fields.items()):
            for name, v in fields.items():
                setattr(obj, name, v)
            obj.save()
            counts["updated"] += 1
    return found


@transaction.atomic
def compact_data_load(*, update: bool = False) -> dict[str, int]:
    """Load areas, themes, commitments, providers, offers and commitment statuses.

    Idempotent: it creates what is missing and keeps what staff have changed in admin, so
    a second run writes nothing (no rows, no history rows). An offer staff have deleted
    stays deleted. update=True resets the shipped records to the shipped data (statuses
    only where the shipped data names one) and recreates deleted offers.
    """
    counts = london_areas_load(update=update)
    areas = dict(Area.objects.values_list("gss_code", "pk"))

    themes = _compact_sync(
        Theme,
        "slug",
        {
            slug: {
                "name": name,
                "description": description,
                "order": order,
                **{
                    f"name_{code}": translated
                    for code, translated in compact_data.THEME_NAMES.get(slug, {}).items()
                },
            }
            for order, (slug, name, description) in enumerate(compact_data.THEMES)
        },
        update=update,
        counts=counts,
    )
    theme_ids = {slug: theme.pk for slug, theme in themes.items()}
    commitments = _compact_sync(
        Commitment,
        "number",
        {
            number: {"slug": slug, "title": title, "theme_id": theme_ids[theme_slug]}
            for number, slug, title, theme_slug in compact_data.COMMITMENTS
        },
        update=update,
        counts=counts,
    )
    _compact_offers_load(areas=areas, theme_ids=theme_ids, update=update, counts=counts)
    _compact_statuses_load(commitments=commitments, update=update, counts=counts)
    return counts


def _compact_providers_load(*, names, areas, update, counts):
    """The shipped providers of these names, created if missing.

    Asked only for the providers of offers about to be created (all of them with update),
    so a provider staff have renamed in admin is not created again under its old name.
    """
    return _compact_sync(
        Provider,
        "name",
        {
            row["name"]: {
                "kind": row["kind"],
                "area_id": areas[row["area"]] if row["area"] else None,
                "website": row["website"],
            }
            for row in compact_data.PROVIDERS
            if row["name"] in names
        },
        update=update,
        counts=counts,
    )


def _compact_offers_load(*, areas, theme_ids, update, counts):
    rows = {row["id"]: row for row in compact_data.OFFERS}
    existing = set(Offer.objects.filter(id__in=rows).values_list("id", flat=True))
    missing = set(rows) - existing
    # An offer staff deleted in admin is not brought back (its history records the delete).
    deleted = (
        set(Offer.history.filter(id__in=missing, history_type="-").values_list("id", flat=True))
        if missing and not update
        else set()
    )
    to_create = missing - deleted
    if not (to_create or update):
        return
    providers = _compact_providers_load(
        names={rows[offer_id]["provider"] for offer_id in (rows if update else to_create)},
        areas=areas,
        update=update,
        counts=counts,
    )
    wanted = {
        offer_id: {
            **{name: row.get(name, _OFFER_DEFAULTS.get(name, "")) for name in _OFFER_FIELDS},
            "provider_id": providers[row["provider"]].pk,
            "area_id": areas[row["area"]],
            "status": row.get("status", Offer.Status.PUBLISHED),
            "last_checked": row.get("last_checked", compact_data.LAST_CHECKED),
        }
        for offer_id, row in rows.items()
        if update or offer_id in to_create
    }
    themes = {row["id"]: {theme_ids[slug] for slug in row["themes"]} for row in compact_data.OFFERS}

    now = timezone.now()
    for offer_id in sorted(to_create):
        fields = wanted[offer_id]
        offer = Offer(id=offer_id, **fields)
        if offer.status == Offer.Status.PUBLISHED:
            offer.published_at = now
        offer.save()
        offer.themes.set(themes[offer_id])
        counts["created"] += 1
    if not update:
        return
    for offer in Offer.objects.filter(id__in=existing).prefetch_related("themes"):
        fields = wanted[offer.id]
        changed = any(getattr(offer, name) != value for name, value in fields.items())
        if changed:
            for name, value in fields.items():
                setattr(offer, name, value)
            offer.save()
        if {t.pk for t in offer.themes.all()} != themes[offer.id]:
            offer.themes.set(themes[offer.id])
            changed = True
        counts["updated"] += int(changed)


def _compact_statuses_load(*, commitments, update, counts):
    """Every London borough has a status on every commitment: "not known" until evidenced.

    A status row that is still blank and was never changed in admin takes the shipped
    evidence, so evidence added to compact_data reaches databases loaded before it.
    """
    numbers = {slug: number for number, slug, *_ in compact_data.COMMITMENTS}
    shipped = {}
    for gss_code, slug, status, note, evidence_url, as_of in compact_data.COMMITMENT_STATUSES:
        shipped[(commitments[numbers[slug]].pk, gss_code)] = {
            "status": status,
            "note": note,
            "evidence_url": evidence_url,
            "as_of": as_of,
        }
    boroughs = dict(Area.objects.london_authorities().values_list("pk", "gss_code"))
    rows = {
        (row.commitment_id, boroughs.get(row.area_id)): row
        for row in CommitmentStatus.objects.filter(area_id__in=boroughs)
    }

    missing = [
        CommitmentStatus(
            commitment_id=commitment.pk, area_id=area_id, **shipped.get((commitment.pk, code), {})
        )
        for commitment in Commitment.objects.all()  # with any staff added in admin
        for area_id, code in boroughs.items()
        if (commitment.pk, code) not in rows
    ]
    if missing:
        bulk_create_with_history(missing, CommitmentStatus)
        bump_catalogue_version()
        counts["created"] += len(missing)

    def blank(row):
        return row.status == CommitmentStatus.Status.NOT_KNOWN and not (
            row.note or row.evidence_url or row.as_of
        )

    to_fill = {
        key: rows[key]
        for key, fields in shipped.items()
        if key in rows
        and any(getattr(rows[key], name) != value for name, value in fields.items())
        and (update or blank(rows[key]))
    }
    if to_fill and not update:
        touched = set(
            CommitmentStatus.history.filter(
                id__in=[row.pk for row in to_fill.values()], history_type="~"
            ).values_list("id", flat=True)
        )
        to_fill = {key: row for key, row in to_fill.items() if row.pk not in touched}
    for key, row in to_fill.items():
        for name, value in shipped[key].items():
            setattr(row, name, value)
        row.save()
        counts["updated"] += 1


# --- Staff: the publishing workflow, "last checked" and CSV import (issue 5) ------------
def offer_state(offer: Offer) -> workflow.OfferState:
    from staff.selectors import second_approval_area_ids

    return workflow.OfferState(
        status=offer.status,
        has_source=bool(offer.source_url),
        has_check=offer.last_checked is not None,
        second_approval=offer.area_id in second_approval_area_ids(),
        approval_requested_by=offer.approval_requested_by_id,
    )


_CHANGE_REASONS = {
    workflow.Action.ASK_APPROVAL: "Asked for approval",
    workflow.Action.PUBLISH: "Published",
    workflow.Action.WITHDRAW: "Withdrawn",
    workflow.Action.RETURN_TO_DRAFT: "Returned to draft",
}


def _offer_action_apply(offer: Offer, action: workflow.Action, *, by, now) -> None:
    """Set the fields an action changes (who and when), without saving."""
    if action == workflow.Action.ASK_APPROVAL:
        offer.approval_requested_at, offer.approval_requested_by = now, by
        return
    if action == workflow.Action.PUBLISH:
        offer.status = workflow.PUBLISHED
        offer.published_at, offer.published_by = now, by
    elif action == workflow.Action.WITHDRAW:
        offer.status = workflow.WITHDRAWN
        offer.withdrawn_at, offer.withdrawn_by = now, by
    elif action == workflow.Action.RETURN_TO_DRAFT:
        offer.status = workflow.DRAFT
    offer.approval_requested_at = offer.approval_requested_by = None


@transaction.atomic
def offer_act(*, offer: Offer, action: workflow.Action, by) -> Offer:
    """Take one workflow step (publish, withdraw, …), recording who and when.
    Raises ValidationError with the reason if the step is not allowed now."""
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    reason = workflow.refusal(action, offer_state(offer), user_id=getattr(by, "pk", None))
    if reason:
        raise ValidationError(reason)
    _offer_action_apply(offer, action, by=by, now=timezone.now())
    offer._history_user = by
    offer._change_reason = _CHANGE_REASONS[action]
    offer.save()
    return offer


@transaction.atomic
def offers_check_confirm(*, offers, by) -> int:
    """Record that each offer was checked today and is still right. Returns how many."""
    today = timezone.localdate()
    count = 0
    for offer in offers:
        offer.last_checked, offer.last_checked_by = today, by
        offer._history_user = by
        offer._change_reason = "Checked: still right"
        offer.save()
        count += 1
    return count


def offer_content_changed(*, offer: Offer) -> None:
    """After staff edit an offer: an earlier request for approval no longer stands."""
    offer.approval_requested_at = offer.approval_requested_by = None


@transaction.atomic
@translation.override(settings.LANGUAGE_CODE)  # the CSV's text columns are the English ones
def offers_import(*, data: bytes, by=None, commit: bool = True) -> csv_io.ImportPlan:
    """Import offers from CSV bytes (see offers.csv_io): all rows or none.

    `by` is the staff member importing (their scope limits the rows; None for an
    operator's command-line import). With commit=False, only the plan (a preview).
    """
    from staff.selectors import second_approval_area_ids

    plan = csv_io.plan_import(data, user=by, second_approval_area_ids=second_approval_area_ids())
    if not plan.ok or not commit:
        return plan
    providers = {name.lower(): Provider.objects.create(name=name) for name in plan.new_providers}
    now = timezone.now()
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        offer = row.offer
        if row.provider_name.lower() in providers:
            offer.provider = providers[row.provider_name.lower()]
        if row.content_changed:
            offer_content_changed(offer=offer)
        if row.action == "create" or "last_checked" in row.changed:
            offer.last_checked_by = by
        for action in row.status_actions:
            _offer_action_apply(offer, action, by=by, now=now)
        offer._history_user = by
        offer._change_reason = f"CSV import, line {row.line}"
        offer.save()
        offer.themes.set(row.themes)
    bump_catalogue_version()
    return plan
