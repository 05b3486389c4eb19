from django.contrib import admin

from boroughs.models import Area
from staff.admin_base import ScopedAdmin


@admin.register(Area)
class AreaAdmin(ScopedAdmin):
    """Areas are reference data (ONS GSS codes): every staff member may look them up; only
    site administrators change them."""

    list_display = ("name", "gss_code", "kind", "parent", "icb")
    list_filter = ("kind",)
    list_select_related = ("parent", "icb")
    search_fields = ("name", "gss_code")
    ordering = ("kind", "name")
