from django.urls import path, re_path

from openreferral import views

app_name = "openreferral"

# ORUK names its paths without a trailing slash; one is tolerated, as harvesters add it.
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("schema/<path:name>", views.schema, name="schema"),
    re_path(r"^services/?$", views.services, name="services"),
    re_path(r"^services/(?P<id>[^/]+)/?$", views.service, name="service"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<id>[^/]+)/?$",
        views.service_at_location,
        name="service_at_location",
    ),
    re_path(r"^taxonomies/?$", views.taxonomies, name="taxonomies"),
    re_path(r"^taxonomies/(?P<id>[^/]+)/?$", views.taxonomy, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<id>[^/]+)/?$", views.taxonomy_term, name="taxonomy_term"),
    # Anything else under /openreferral/ is a JSON 404 with the CORS header, DEBUG or not.
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
