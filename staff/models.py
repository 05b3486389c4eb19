from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boroughs.models import Area
from offers.models import Provider


class StaffProfile(models.Model):
    """What a staff member's role is tied to: a borough for borough editors, a provider
    for provider editors. The role itself is the user's group (staff.roles)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("borough"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_profiles",
        limit_choices_to={"kind": Area.Kind.LOCAL_AUTHORITY},
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("provider"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_profiles",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area__isnull=True) | models.Q(provider__isnull=True),
                name="staff_profile_tied_to_one_thing",
            ),
        ]

    def __str__(self):
        return str(self.user)


class PublishingPolicy(models.Model):
    """Whether an area asks for a second person to approve an offer before it is published."""

    area = models.OneToOneField(
        Area,
        verbose_name=_("area"),
        on_delete=models.CASCADE,
        related_name="publishing_policy",
    )
    second_approval = models.BooleanField(
        _("a second person must approve publishing"),
        default=False,
        help_text=_(
            "When ticked, an offer in this area is published only after one editor asks for "
            "approval and a different editor approves it."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name"]
        verbose_name = _("publishing policy")
        verbose_name_plural = _("publishing policies")

    def __str__(self):
        return str(self.area)
