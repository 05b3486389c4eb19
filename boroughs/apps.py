from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoroughsConfig(AppConfig):
    name = "boroughs"
    verbose_name = _("Areas and postcodes")
