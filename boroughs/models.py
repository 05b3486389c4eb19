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


class PostcodeArea(models.Model):
    """A local authority or ICB code as the postcode data names it, anywhere in the UK.

    Postcode rows point here by a small integer instead of repeating the nine-character
    GSS code 2.7 million times. London's authorities and ICBs also have an `Area` (the
    editable data the portal reasons with); this table only names codes, and `name` is
    empty where no offline source names the code.
    """

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        ICB = "icb", _("Integrated care board")

    id = models.AutoField(primary_key=True)
    gss_code = models.CharField(
        _("GSS code"), max_length=9, unique=True, validators=[gss_code_validator]
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["gss_code"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self):
        return f"{self.gss_code} {self.name}".strip()


class Postcode(models.Model):
    """One postcode of the ONS Postcode Directory.

    `key` is ONS's seven-character form (pcd): the outward code padded to four characters,
    then the inward code ("SW1A1AA", "SW6 1AA", "N1  0AA"), so the package's values are
    stored as they come. The table is rebuilt whole by each load (see
    boroughs/postcode_store.py): on SQLite it is a WITHOUT ROWID table, on PostgreSQL its
    primary key is built after COPY, and no foreign key is enforced, to keep loading fast.
    Only the directory's own postcodes are stored here, never what a person typed.
    """

    key = models.CharField(_("postcode (ONS 7-character form)"), max_length=7, primary_key=True)
    local_authority = models.ForeignKey(
        PostcodeArea,
        verbose_name=_("local authority"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    icb = models.ForeignKey(
        PostcodeArea,
        verbose_name=_("integrated care board"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    terminated = models.BooleanField(_("terminated"), default=False, db_default=False)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self):
        return f"{self.key[:-3].strip()} {self.key[-3:]}"
