from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from compact_portal import views
from openreferral import views as openreferral_views

# Machine-readable endpoints: no language prefix.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("boroughs.api_urls")),
    path("api/v1/", include("offers.api_urls")),
    # The feed's base without its slash: redirected with the feed's CORS header.
    path("openreferral", openreferral_views.root_without_slash),
    path("openreferral/", include("openreferral.urls")),
    path("", include("board.download_urls")),
]

# Public pages: English unprefixed, other languages under their prefix (/ar/…).
urlpatterns += i18n_patterns(
    path("coverage/", include("board.urls")),
    path("", include("offers.urls")),
    prefix_default_language=False,
)

# Error pages in the portal's style and the visitor's language; JSON on /api/ and
# /openreferral/ (compact_portal.errors).
handler400 = "compact_portal.errors.bad_request"
handler403 = "compact_portal.errors.permission_denied"
handler404 = "compact_portal.errors.page_not_found"
handler500 = "compact_portal.errors.server_error"
