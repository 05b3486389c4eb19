from django.db.models.signals import m2m_changed, post_delete, post_save

from boroughs.models import Area
from offers.cache import bump_catalogue_version
from offers.models import Commitment, CommitmentStatus, Offer, Provider, Theme


def _bump(sender, **kwargs):
    bump_catalogue_version()


def connect():
    for model in (Area, Provider, Theme, Offer, Commitment, CommitmentStatus):
        post_save.connect(_bump, sender=model, dispatch_uid=f"bump-{model.__name__}-save")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"bump-{model.__name__}-delete")
    m2m_changed.connect(_bump, sender=Offer.themes.through, dispatch_uid="bump-offer-themes")
