from django.db import transaction

from boroughs.models import Area
from boroughs.services import london_areas_load
from offers import compact_data
from offers.models import Commitment, CommitmentStatus, Theme


@transaction.atomic
def compact_data_load(*, update: bool = False) -> dict[str, int]:
    """Load areas, themes, commitments, providers, offers and commitment statuses.

    Idempotent. Records that exist are kept as staff left them, unless update=True.
    """
    counts = london_areas_load(update=update)

    def bump(created, changed=False):
        counts["created" if created else "updated"] += int(created or changed)

    for order, (slug, name, description) in enumerate(compact_data.THEMES):
        theme, created = Theme.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
        bump(created)

    themes = {t.slug: t for t in Theme.objects.all()}
    for number, slug, title, theme_slug in compact_data.COMMITMENTS:
        _, created = Commitment.objects.get_or_create(
            number=number, defaults={"slug": slug, "title": title, "theme": themes[theme_slug]}
        )
        bump(created)

    # Every London borough has a status on every commitment: "not known" until evidenced.
    existing = set(CommitmentStatus.objects.values_list("commitment_id", "area_id"))
    missing = [
        CommitmentStatus(commitment=commitment, area=area)
        for commitment in Commitment.objects.all()
        for area in Area.objects.london_authorities()
        if (commitment.pk, area.pk) not in existing
    ]
    for status in missing:
        status.save()
    counts["created"] += len(missing)
    return counts
