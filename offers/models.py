import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from boroughs.models import Area


class Provider(models.Model):
    """Who makes an offer: a council, TfL and the Mayor, an NHS ICB, a department, a charity."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        TRANSPORT = "transport", _("TfL / Mayor of London")
        NHS = "nhs", _("NHS")
        GOVERNMENT = "government", _("Government department")
        CHARITY = "charity", _("Charity")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="providers",
        help_text=_("The council or ICB area this provider stands for, if any."),
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provider")
        verbose_name_plural = _("providers")

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    translation_checks = models.JSONField(
        _("translations checked"), default=dict, blank=True, editable=False
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


# An offer not confirmed for this many months is overdue a check.
CHECK_DUE_MONTHS = 6


def check_due_cutoff(today: datetime.date) -> datetime.date:
    """The date CHECK_DUE_MONTHS calendar months before today (clamped to month end)."""
    month_index = today.year * 12 + today.month - 1 - CHECK_DUE_MONTHS
    year, month = divmod(month_index, 12)
    month += 1
    for day in range(today.day, 0, -1):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class OfferQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Offer.Status.PUBLISHED)

    def public(self, today: datetime.date):
        """What the public may see: published and not past its end date."""
        return self.published().filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def overdue_for_check(self, today: datetime.date):
        """Not withdrawn, and never checked or last checked more than 6 months ago."""
        return self.exclude(status=Offer.Status.WITHDRAWN).filter(
            Q(last_checked__isnull=True) | Q(last_checked__lt=check_due_cutoff(today))
        )


class Offer(models.Model):
    """One thing a care leaver can get, who qualifies for it and how to get it.

    Who qualifies: an age range in whole years, inclusive ("until your 25th birthday" is
    max_age 24), and two rules about the offer's area: must the person LIVE in it, and
    must they have been LOOKED AFTER by a council in it. The rules are applied by
    offers.eligibility, which knows nothing of this model.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # A stable UUID: Open Referral identifies services by UUID.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("short summary"), max_length=300)
    details = models.TextField(_("what you get"))
    how_to_get = models.TextField(_("how to get it"), help_text=_("The steps, in order."))
    documents_needed = models.TextField(_("documents needed"), blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True)
    contact = models.TextField(_("contact"), blank=True, help_text=_("Phone, email or office."))
    url = models.URLField(_("apply or find out more"), max_length=500, blank=True)

    provider = models.ForeignKey(
        Provider, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="offers"
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="offers")
    area = models.ForeignKey(
        Area,
        verbose_name=_("offered in"),
        on_delete=models.PROTECT,
        related_name="offers",
        help_text=_("The area the offer is made in: a borough, an ICB, London or England."),
    )

    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    max_age = models.PositiveSmallIntegerField(
        _("maximum age"),
        default=24,
        help_text=_('Inclusive: "until your 25th birthday" is 24.'),
    )
    must_live_in_area = models.BooleanField(_("must live in the area"), default=False)
    must_be_looked_after_by_area = models.BooleanField(
        _("must have been looked after by a council in the area"), default=False
    )
    conditions = models.TextField(
        _("other conditions"),
        blank=True,
        help_text=_("In words, e.g. not for people with no recourse to public funds."),
    )
    not_yet_confirmed = models.TextField(
        _("not yet confirmed"),
        blank=True,
        help_text=_("Anything about this offer that is not yet confirmed, shown as such."),
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(
        _("ends on"),
        null=True,
        blank=True,
        help_text=_("For pilots and time-limited offers: the last day it can be claimed."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Where the area asks for a second person to approve publishing (staff.PublishingPolicy):
    # who asked, and when. A different editor then publishes. Cleared by any later edit.
    approval_requested_at = models.DateTimeField(_("approval asked for at"), null=True, blank=True)
    approval_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approval asked for by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # {language: who checked the translation, when, and a fingerprint of the texts checked}:
    # see offers.content_language. History is registered in offers/translation.py.
    translation_checks = models.JSONField(
        _("translations checked"), default=dict, blank=True, editable=False
    )

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__lte=F("max_age")), name="offer_min_age_not_above_max_age"
            ),
            models.CheckConstraint(condition=Q(max_age__lte=120), name="offer_max_age_plausible"),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(starts_on__lte=F("ends_on")),
                name="offer_starts_before_it_ends",
            ),
            # The public only sees what can be traced to a source and was checked.
            models.CheckConstraint(
                condition=~Q(status="published")
                | (~Q(source_url="") & Q(last_checked__isnull=False)),
                name="offer_published_has_source_and_check",
            ),
        ]
        indexes = [models.Index(fields=["status", "area"], name="offer_status_area")]

    def __str__(self):
        return self.title


class Commitment(models.Model):
    """One of the Compact's borough commitments (council tax exemption, rent deposits, …)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )
    translation_checks = models.JSONField(
        _("translations checked"), default=dict, blank=True, editable=False
    )
    # History is registered in offers/translation.py, after the translation fields exist.

    class Meta:
        ordering = ["number"]
        verbose_name = _("Compact commitment")
        verbose_name_plural = _("Compact commitments")

    def __str__(self):
        return self.title


class CommitmentStatus(models.Model):
    """Where one borough stands on one Compact commitment."""

    class Status(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")
        NOT_KNOWN = "not_known", _("Not known")

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="statuses",
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("borough"),
        on_delete=models.CASCADE,
        related_name="commitment_statuses",
        limit_choices_to={"kind": Area.Kind.LOCAL_AUTHORITY},
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_KNOWN
    )
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["area__name", "commitment__number"]
        verbose_name = _("commitment status")
        verbose_name_plural = _("commitment statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "area"], name="one_status_per_borough_per_commitment"
            ),
        ]

    def __str__(self):
        return f"{self.area} – {self.commitment}: {self.get_status_display()}"
