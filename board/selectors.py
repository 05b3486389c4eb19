"""Reads for the Trust Board's coverage pages.

Every function runs a fixed number of queries whatever the number of offers (counting is
done by the database), and the tables that are the same for every reader are cached through
offers.cache.cached, so they are rebuilt only after the catalogue changes.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Min, Q
from django.utils import timezone, translation

from board.coverage import (
    NO_RECORD,
    AuthorityRow,
    CommitmentInfo,
    Coverage,
    OfferChange,
    OfferState,
    Position,
    ThemeInfo,
    offer_changes,
)
from boroughs.models import LONDON, Area
from offers.cache import cached
from offers.content_language import content_language
from offers.eligibility import Borough
from offers.models import Commitment, CommitmentStatus, Offer, Theme
from offers.selectors import BoroughOffers, borough_offers


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the portal's time zone (Europe/London)."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def _language() -> str:
    # Commitment titles and theme names may be translated (modeltranslation): key by language.
    return translation.get_language() or "en"


def _areas():
    """One query: (the 33 London authorities, every one of them and the ICBs by id)."""
    areas = list(
        Area.objects.filter(
            Q(kind=Area.Kind.LOCAL_AUTHORITY, parent__gss_code=LONDON) | Q(kind=Area.Kind.ICB)
        ).only("id", "gss_code", "name", "kind", "icb_id")
    )
    authorities = [a for a in areas if a.kind == Area.Kind.LOCAL_AUTHORITY]
    return authorities, {a.id: a for a in areas}


def _commitments_and_themes():
    """Two queries: the commitments by number, the themes in order, and numbers by id."""
    rows = list(Commitment.objects.order_by("number"))
    language = _language()

    def shown(obj, field):
        content = content_language(obj, language)
        return {"in_english": content.in_english(field), "unchecked": content.unchecked}

    commitments = tuple(
        CommitmentInfo(c.number, c.slug, c.title, **shown(c, "title")) for c in rows
    )
    themes = tuple(ThemeInfo(t.slug, t.name, **shown(t, "name")) for t in Theme.objects.all())
    return commitments, themes, {c.id: c.number for c in rows}


def _rows(authorities, areas_by_id, icb_of, positions, counts, totals, theme_slugs):
    rows = []
    for area in authorities:
        icb = areas_by_id.get(icb_of.get(area.id))
        rows.append(
            AuthorityRow(
                gss_code=area.gss_code,
                name=area.name,
                icb_code=icb.gss_code if icb else "",
                icb_name=icb.name if icb else "",
                positions=positions.get(area.id, {}),
                offers={slug: counts.get((area.id, slug), 0) for slug in theme_slugs},
                total_offers=totals.get(area.id, 0),
            )
        )
    return tuple(sorted(rows, key=lambda r: r.name.casefold()))


def _offer_counts(public, theme_links, offer_key: str):
    """Two queries, counted by the database: public offers per (area id, theme slug), from
    the rows linking them to themes (whose offer or historical offer is `offer_key`), and
    distinct public offers per area id."""
    counts = {
        (row[f"{offer_key}__area_id"], row["theme__slug"]): row["n"]
        for row in theme_links.values(f"{offer_key}__area_id", "theme__slug").annotate(
            n=Count("offer_id", distinct=True)
        )
    }
    totals = {
        row["area_id"]: row["n"]
        for row in public.order_by().values("area_id").annotate(n=Count("id", distinct=True))
    }
    return counts, totals


def _build_coverage_now(today: datetime.date) -> Coverage:
    authorities, areas_by_id = _areas()
    ids = [a.id for a in authorities]
    commitments, themes, _ = _commitments_and_themes()
    positions = defaultdict(dict)
    for status in CommitmentStatus.objects.filter(area_id__in=ids).select_related("commitment"):
        positions[status.area_id][status.commitment.number] = Position(
            status.status, status.as_of, status.evidence_url, status.note
        )
    public = Offer.objects.public(today).filter(area_id__in=ids)
    counts, totals = _offer_counts(
        public, Offer.themes.through.objects.filter(offer__in=public), "offer"
    )
    rows = _rows(
        authorities,
        areas_by_id,
        {a.id: a.icb_id for a in authorities},
        positions,
        counts,
        totals,
        [t.slug for t in themes],
    )
    return Coverage(today, False, commitments, themes, rows)


def coverage_now(*, today: datetime.date) -> Coverage:
    """The table as it is: published offers not ended by today, and current positions."""
    return cached(
        "board-coverage", lambda: _build_coverage_now(today), _language(), today.isoformat()
    )


def _latest(history_queryset, before: datetime.datetime, key: str) -> dict:
    """The last historical record of each object made before `before`, deletions dropped."""
    latest = {}
    records = (
        history_queryset.filter(history_date__lt=before)
        .latest_of_each()
        .order_by("history_date", "history_id")
    )
    for record in records:
        latest[getattr(record, key)] = record  # later records overwrite earlier ties
    return {k: r for k, r in latest.items() if r.history_type != "-"}


def _public_history_on(day: datetime.date):
    """The historical offer records that were public at the end of `day`."""
    return (
        Offer.history.filter(history_date__lt=end_of_day(day))
        .latest_of_each()
        .exclude(history_type="-")
        .filter(status=Offer.Status.PUBLISHED)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
    )


def _build_coverage_on(day: datetime.date) -> Coverage:
    before = end_of_day(day)
    authorities, areas_by_id = _areas()
    ids = [a.id for a in authorities]
    commitments, themes, number_of = _commitments_and_themes()
    # The ICB each authority was in on that day (ICBs merge); its current one if unrecorded.
    icb_then = {
        area_id: record.icb_id
        for area_id, record in _latest(Area.history.filter(id__in=ids), before, "id").items()
    }
    icb_of = {a.id: icb_then.get(a.id, a.icb_id) for a in authorities}
    positions = defaultdict(dict)
    for record in _latest(CommitmentStatus.history.filter(area_id__in=ids), before, "id").values():
        number = number_of.get(record.commitment_id)
        if number is not None:
            positions[record.area_id][number] = Position(
                record.status, record.as_of, record.evidence_url, record.note
            )
    public = _public_history_on(day).filter(area_id__in=ids)
    theme_history = apps.get_model("offers", "HistoricalOffer_themes")
    counts, totals = _offer_counts(
        public, theme_history.objects.filter(history__in=public.values("history_id")), "history"
    )
    rows = _rows(
        authorities, areas_by_id, icb_of, positions, counts, totals, [t.slug for t in themes]
    )
    return Coverage(day, True, commitments, themes, rows)


def coverage_on(*, day: datetime.date) -> Coverage:
    """The table as it stood at the end of `day`, rebuilt from the recorded history."""
    return cached("board-coverage-on", lambda: _build_coverage_on(day), _language(), day)


def records_begin() -> datetime.date | None:
    """The first day with a recorded commitment position: history starts there."""

    def build():
        first = CommitmentStatus.history.aggregate(first=Min("history_date"))["first"]
        return timezone.localdate(first) if first else None

    # Cached as a one-item tuple: a plain None would read as "not cached".
    return cached("board-records-begin", lambda: (build(),))[0]


def _offer_state(offer, areas) -> OfferState:
    area = areas.get(offer.area_id)
    return OfferState(
        id=str(offer.id),
        title=offer.title,
        area_name=area.name if area else "",
        status=offer.status,
        ends_on=offer.ends_on,
    )


def offer_changes_since(*, day: datetime.date, today: datetime.date) -> list[OfferChange]:
    """Offers that became public after `day`, and those public then but not now."""

    def build():
        areas = {a.id: a for a in Area.objects.only("id", "name")}
        fields = ("id", "title", "area_id", "status", "ends_on")
        every_offer = {
            str(o.id): _offer_state(o, areas) for o in Offer.objects.only(*fields).order_by()
        }
        public_now = {
            str(i): every_offer[str(i)]
            for i in Offer.objects.public(today).values_list("id", flat=True)
        }
        public_then = {}
        for record in _public_history_on(day).order_by("history_date", "history_id"):
            public_then[str(record.id)] = _offer_state(record, areas)
        return offer_changes(public_then, public_now, every_offer, today=today)

    return cached("board-offer-changes", build, day, today)


# --- One borough's profile ---------------------------------------------------------------


@dataclass(frozen=True)
class OverdueOffer:
    id: str
    title: str
    last_checked: datetime.date | None


@dataclass(frozen=True)
class BoroughRecord:
    """What the profile adds to the public borough page: positions and freshness."""

    positions: tuple  # of (CommitmentInfo, Position), by commitment number
    overdue: tuple  # of OverdueOffer: the borough's own public offers overdue a check
    positions_updated: datetime.date | None  # the last time any position was changed


@dataclass(frozen=True)
class BoroughProfile:
    borough: Borough  # gss_code, name, icb_code, icb_name
    record: BoroughRecord
    offers: BoroughOffers  # its own, its ICB's, London's and England's public offers

    @property
    def gaps(self):
        return tuple((c, p) for c, p in self.record.positions if p.is_gap)


def _build_record(gss_code: str, today: datetime.date) -> BoroughRecord:
    commitments, _, _ = _commitments_and_themes()
    statuses = {
        s.commitment.number: s
        for s in CommitmentStatus.objects.filter(area__gss_code=gss_code).select_related(
            "commitment"
        )
    }
    positions = tuple(
        (
            c,
            Position(s.status, s.as_of, s.evidence_url, s.note)
            if (s := statuses.get(c.number))
            else Position(NO_RECORD),
        )
        for c in commitments
    )
    overdue = tuple(
        OverdueOffer(str(o["id"]), o["title"], o["last_checked"])
        for o in Offer.objects.public(today)
        .filter(area__gss_code=gss_code)
        .overdue_for_check(today)
        .order_by("last_checked", "title")
        .values("id", "title", "last_checked")
    )
    updated = [s.updated_at for s in statuses.values() if s.updated_at]
    return BoroughRecord(
        positions=positions,
        overdue=overdue,
        positions_updated=timezone.localdate(max(updated)) if updated else None,
    )


def borough_profile(*, gss_code: str, today: datetime.date) -> BoroughProfile | None:
    """One London authority's profile, or None if the code is not one of the 33.

    Its offers come from offers.selectors.borough_offers, as on the public borough page.
    """
    offers = borough_offers(gss_code=gss_code, today=today)
    if offers is None:
        return None
    record = cached(
        "board-borough",
        lambda: _build_record(gss_code, today),
        gss_code,
        _language(),
        today.isoformat(),
    )
    return BoroughProfile(borough=offers.borough, record=record, offers=offers)
