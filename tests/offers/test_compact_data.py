"""`manage.py load_compact_data`: the Compact's first data, loaded idempotently.

The expectations here are written from the facts (OFFER-FACTS.md and the repo's own
boroughs/data/london_boroughs.csv), not read back from offers/compact_data.py.
"""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from boroughs.models import ENGLAND, LONDON, Area
from offers.models import Commitment, CommitmentStatus, Offer, Provider, Theme

pytestmark = pytest.mark.django_db

BOROUGHS_CSV = Path(__file__).resolve().parents[2] / "boroughs" / "data" / "london_boroughs.csv"
LONDON_ICBS = {"E54000027", "E54000028", "E54000029", "E54000030", "E54000031"}
KINGSTON, ISLINGTON, TOWER_HAMLETS = "E09000021", "E09000019", "E09000030"
BARKING_AND_DAGENHAM, HARROW, BRENT = "E09000002", "E09000015", "E09000005"
HAMMERSMITH_AND_FULHAM, KENSINGTON_AND_CHELSEA = "E09000013", "E09000020"
CATALOGUE = (Area, Theme, Commitment, Provider, Offer, Offer.themes.through, CommitmentStatus)


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_compact_data", *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every row of the catalogue, and how many rows each table (history included) holds."""
    rows = {model._meta.label: sorted(map(repr, model.objects.values())) for model in CATALOGUE}
    counts = {model._meta.label: model.objects.count() for model in apps.get_models()}
    return rows, counts


def council_tax_offer(gss_code: str) -> Offer:
    return Offer.objects.get(area__gss_code=gss_code, themes__slug="money")


# --- Areas -------------------------------------------------------------------------------


def test_the_command_loads_the_33_london_authorities_into_their_icbs():
    load()
    with open(BOROUGHS_CSV, newline="", encoding="utf-8") as f:
        shipped = {row["gss_code"]: row for row in csv.DictReader(f)}
    assert len(shipped) == 33

    boroughs = Area.objects.london_authorities().select_related("icb", "parent")
    assert {b.gss_code for b in boroughs} == set(shipped)
    for borough in boroughs:
        row = shipped[borough.gss_code]
        assert borough.name == row["name"]
        assert (borough.icb.gss_code, borough.icb.name) == (row["icb_code"], row["icb_name"])
        assert borough.icb.kind == Area.Kind.ICB
        assert borough.parent.gss_code == LONDON

    icbs = Area.objects.icbs()
    assert {icb.gss_code for icb in icbs} == LONDON_ICBS
    assert {icb.parent.gss_code for icb in icbs} == {LONDON}
    assert Area.objects.get(gss_code=LONDON).parent.gss_code == ENGLAND
    assert Area.objects.get(gss_code=ENGLAND).kind == Area.Kind.COUNTRY
    # Barnet and Camden in North Central London, Kingston in South West London.
    assert Area.objects.get(gss_code="E09000003").icb.gss_code == "E54000028"
    assert Area.objects.get(gss_code=KINGSTON).icb.gss_code == "E54000031"


# --- Idempotence ---------------------------------------------------------------------------


def test_running_it_twice_changes_nothing(django_assert_max_num_queries):
    first = load()
    assert "0 created" not in first
    before = snapshot()
    with django_assert_max_num_queries(20):  # it runs on every `make run`
        second = load()
    assert "0 created, 0 updated" in second
    after = snapshot()
    assert after[0] == before[0]  # not a field changed, not even updated_at
    assert after[1] == before[1]  # no new row in any table, history tables included


def test_staff_edits_survive_a_rerun_and_update_resets_them(compact_data):
    barnet = Area.objects.get(gss_code="E09000003")
    barnet.icb = Area.objects.get(gss_code="E54000027")  # ICBs merge: staff move a borough
    barnet.save()
    kingston = council_tax_offer(KINGSTON)
    kingston.title = "Council tax help for Kingston care leavers"
    kingston.save()
    kingston.themes.add(Theme.objects.get(slug="housing"))
    tfl = Provider.objects.get(area__gss_code=LONDON)
    tfl.website = "https://tfl.gov.uk/fares"
    tfl.save()
    Provider.objects.filter(name="Royal Borough of Kingston upon Thames").update(
        name="Kingston Council"
    )
    brent_deposits = CommitmentStatus.objects.get(
        area__gss_code=BRENT, commitment__slug="rent-deposit-scheme"
    )
    brent_deposits.status = CommitmentStatus.Status.YES
    brent_deposits.note = "Scheme launched."
    brent_deposits.save()
    # Staff set a shipped status back to "not known", blank: that is an edit too.
    islington_tax = CommitmentStatus.objects.get(
        area__gss_code=ISLINGTON, commitment__slug="council-tax-exemption"
    )
    islington_tax.status, islington_tax.note = CommitmentStatus.Status.NOT_KNOWN, ""
    islington_tax.evidence_url, islington_tax.as_of = "", None
    islington_tax.save()
    harrow = council_tax_offer(HARROW)
    harrow_id = harrow.id
    harrow.delete()
    edited = snapshot()

    assert "0 created, 0 updated" in load()
    assert snapshot() == edited  # the renamed provider is not created again, either

    load("--update")
    barnet.refresh_from_db()
    kingston.refresh_from_db()
    tfl.refresh_from_db()
    brent_deposits.refresh_from_db()
    islington_tax.refresh_from_db()
    assert barnet.icb.gss_code == "E54000028"
    assert kingston.title != "Council tax help for Kingston care leavers"
    assert set(kingston.themes.values_list("slug", flat=True)) == {"money"}
    assert tfl.website == "https://tfl.gov.uk"
    assert brent_deposits.status == CommitmentStatus.Status.NO
    assert islington_tax.status == CommitmentStatus.Status.YES
    assert Offer.objects.filter(id=harrow_id).exists()
    assert kingston.provider.name == "Royal Borough of Kingston upon Thames"


def test_a_status_row_never_edited_takes_evidence_shipped_later(compact_data):
    """A database loaded before some evidence was shipped gets it on the next run."""
    shipped = CommitmentStatus.objects.exclude(status=CommitmentStatus.Status.NOT_KNOWN)
    known = shipped.count()
    # As an older loader left them: blank, written in bulk (no "changed" history).
    shipped.update(status=CommitmentStatus.Status.NOT_KNOWN, note="", evidence_url="", as_of=None)
    assert f"0 created, {known} updated" in load()
    refilled = CommitmentStatus.objects.exclude(status=CommitmentStatus.Status.NOT_KNOWN)
    assert refilled.count() == known


# --- The offers are sourced and honest -----------------------------------------------------------


def test_every_published_offer_has_a_source_and_a_last_checked_date(compact_data):
    published = Offer.objects.published()
    assert published.count() >= 20
    for offer in published:
        assert offer.source_url.startswith(("https://", "http://")), offer.title
        assert offer.last_checked is not None, offer.title
        assert offer.last_checked <= datetime.date.today(), offer.title
        assert offer.themes.exists(), offer.title
        assert offer.how_to_get.strip(), offer.title
        assert offer.min_age <= offer.max_age <= 25, offer.title
        assert "UNVERIFIED" not in offer.not_yet_confirmed + offer.conditions + offer.details


def test_offer_ids_are_the_fixed_uuids_in_every_database(compact_data):
    """Open Referral identifies services by UUID: loading elsewhere gives the same ids."""
    tfl = Offer.objects.get(area__gss_code=LONDON, themes__slug="travel")
    assert str(tfl.id) == "d27f059d-6ce6-464a-939e-8cad248006a7"
    assert Offer.objects.count() == len({o.id for o in Offer.objects.all()})


# Each borough's council tax rule, from OFFER-FACTS.md: (must live there, must have been
# looked after by that council).
COUNCIL_TAX_RULES = {
    ISLINGTON: (True, False),  # anyone living in Islington
    KINGSTON: (True, True),  # Kingston's own care leavers living in Kingston
    TOWER_HAMLETS: (False, True),  # its own, wherever they live
    BARKING_AND_DAGENHAM: (True, True),  # its own, living in the borough
    HARROW: (False, True),  # its own; where they must live is not confirmed
    HAMMERSMITH_AND_FULHAM: (True, False),  # living there; whose care leavers not confirmed
    KENSINGTON_AND_CHELSEA: (True, False),  # care leavers living in the borough
}


@pytest.mark.parametrize("gss_code", COUNCIL_TAX_RULES)
def test_each_borough_s_council_tax_offer_has_its_own_rule(compact_data, gss_code):
    offer = council_tax_offer(gss_code)
    assert offer.status == Offer.Status.PUBLISHED
    assert (offer.must_live_in_area, offer.must_be_looked_after_by_area) == (
        COUNCIL_TAX_RULES[gss_code]
    )
    assert offer.provider.area.gss_code == gss_code
    assert offer.min_age == 18


def test_council_tax_offers_say_what_is_not_settled(compact_data):
    assert not council_tax_offer(KINGSTON).not_yet_confirmed  # fully sourced
    for gss_code in (TOWER_HAMLETS, HARROW, HAMMERSMITH_AND_FULHAM, KENSINGTON_AND_CHELSEA):
        assert council_tax_offer(gss_code).not_yet_confirmed
    assert "6 months" in council_tax_offer(HARROW).summary
    # Boroughs reported to have schemes whose rules are UNVERIFIED get no offer.
    for gss_code in (BRENT, "E09000023", "E09000011", "E09000004", "E09000003"):
        assert not Offer.objects.filter(area__gss_code=gss_code).exists()


def test_tfl_discount_needs_a_london_council_and_runs_to_the_26th_birthday(compact_data):
    tfl = Offer.objects.get(area__gss_code=LONDON, themes__slug="travel")
    assert tfl.must_be_looked_after_by_area and not tfl.must_live_in_area
    assert (tfl.min_age, tfl.max_age) == (18, 25)  # valid until the day before 26
    assert tfl.cost == "£20 fee"
    assert "London address" in tfl.documents_needed
    assert tfl.not_yet_confirmed  # councils outside London: UNVERIFIED


def test_free_prescriptions_follow_the_responsible_council_s_icb(compact_data):
    prescriptions = Offer.objects.filter(
        themes__slug="health", area__kind=Area.Kind.ICB, status=Offer.Status.PUBLISHED
    )
    assert {o.area.gss_code for o in prescriptions} == LONDON_ICBS
    assert prescriptions.count() == 5
    for offer in prescriptions:
        assert offer.must_be_looked_after_by_area and not offer.must_live_in_area
        assert (offer.min_age, offer.max_age) == (18, 24)  # up to the 25th birthday
        assert offer.provider.area == offer.area
    sourced = {"E54000028", "E54000029"}  # North Central and North East London
    for offer in prescriptions:
        assert bool(offer.not_yet_confirmed) is (offer.area.gss_code not in sourced)


def test_the_national_announcement_stays_a_draft_until_confirmed(compact_data):
    announced = Offer.objects.get(area__gss_code=ENGLAND, themes__slug="health")
    assert announced.status == Offer.Status.DRAFT
    assert announced.not_yet_confirmed


def test_the_ete_pilots_show_what_is_unconfirmed(compact_data):
    pilots = Offer.objects.filter(themes__slug="education-training-employment", area__kind="icb")
    assert {p.area.gss_code for p in pilots} == {"E54000028", "E54000027"}
    for pilot in pilots:
        assert "not yet confirmed" in pilot.not_yet_confirmed


@pytest.mark.parametrize(
    ("words", "ages", "looked_after"),
    [
        ("personal adviser", (16, 24), True),
        ("Staying Put", (18, 20), True),
        ("Setting up home", (16, 24), True),
        ("Higher education bursary", (18, 24), True),
        ("16 to 19 bursary", (16, 18), False),
        ("Apprenticeship bursary", (16, 24), False),
        ("shared accommodation rate", (18, 24), False),
        ("Care Leaver Covenant", (16, 25), False),
    ],
)
def test_national_entitlements_cover_england(compact_data, words, ages, looked_after):
    offer = Offer.objects.get(area__gss_code=ENGLAND, title__icontains=words)
    assert offer.status == Offer.Status.PUBLISHED
    assert (offer.min_age, offer.max_age) == ages
    assert offer.must_be_looked_after_by_area is looked_after
    assert not offer.must_live_in_area


def test_caveats_for_former_unaccompanied_children_and_nrpf(compact_data):
    adviser = Offer.objects.get(area__gss_code=ENGLAND, title__icontains="personal adviser")
    assert "Schedule 3" in adviser.conditions
    rent = Offer.objects.get(title__icontains="shared accommodation rate")
    assert "no recourse to public funds" in rent.conditions


# --- Commitments --------------------------------------------------------------------------------


def test_every_borough_has_a_status_on_each_commitment(compact_data):
    assert Commitment.objects.count() == 6
    assert CommitmentStatus.objects.count() == 33 * 6
    statuses = {
        (s.area.gss_code, s.commitment.slug): s
        for s in CommitmentStatus.objects.select_related("area", "commitment")
    }
    assert statuses[(BRENT, "rent-deposit-scheme")].status == "no"
    assert statuses[(BRENT, "council-tax-exemption")].status == "yes"
    assert statuses[(BRENT, "priority-need-to-25")].status == "partly"
    assert statuses[(HARROW, "council-tax-exemption")].status == "partly"
    for gss_code in (ISLINGTON, KINGSTON, TOWER_HAMLETS, BARKING_AND_DAGENHAM):
        assert statuses[(gss_code, "council-tax-exemption")].status == "yes"
    known = [s for s in statuses.values() if s.status != "not_known"]
    for status in known:
        assert status.evidence_url.startswith(("https://", "http://")), status
        assert status.note, status
    # Everything else is "not known" until evidenced.
    assert len(known) < 20
    assert statuses[("E09000033", "care-leaver-covenant")].status == "not_known"
