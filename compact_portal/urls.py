from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from compact_portal import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

# Public pages: English unprefixed, other languages under their prefix (/ar/…).
urlpatterns += i18n_patterns(
    path("", include("offers.urls")),
    prefix_default_language=False,
)
