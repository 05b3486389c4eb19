from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

LONDON = "E12000007"
ENGLAND = "E92000001"

gss_code_validator = RegexValidator(
    r"^[EWSNLM]\d{8}$", _("A GSS code is a letter and eight digits, like E09000019.")
)


class AreaQuerySet(models.QuerySet):
    def local_authorities(self):
        return self.filter(kind=Area.Kind.LOCAL_AUTHORITY)

    def london_authorities(self):
        return self.local_authorities().filter(parent__gss_code=LONDON)

    def icbs(self):
        return self.filter(kind=Area.Kind.ICB)


class Area(models.Model):
    """A geography known by its ONS GSS code: a country, region, ICB or local authority.

    `parent` is the administrative parent (borough -> London -> England). Which ICB a
    local authority is in is held separately in `icb`, because ICBs merge and change.
    """

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        ICB = "icb", _("Integrated care board")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")

    gss_code = models.CharField(
        _("GSS code"), max_length=9, unique=True, validators=[gss_code_validator]
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    icb = models.ForeignKey(
        "self",
        verbose_name=_("integrated care board"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="member_authorities",
        limit_choices_to={"kind": Kind.ICB},
        help_text=_("For a local authority: the NHS integrated care board it is part of."),
    )

    history = HistoricalRecords()
    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(icb__isnull=True) | models.Q(kind="local_authority"),
                name="area_only_local_authorities_have_an_icb",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_local_authority(self):
        return self.kind == self.Kind.LOCAL_AUTHORITY

    @property
    def in_london(self):
        """True for London itself and for every area whose parent is London."""
        return (
            self.gss_code == LONDON
            or self.parent_id is not None
            and (self.parent.gss_code == LONDON)
        )
