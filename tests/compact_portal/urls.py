"""The portal's URLs plus views that fail on purpose, for the error-page tests."""

from django.conf.urls.i18n import i18n_patterns
from django.db import InterfaceError, OperationalError
from django.urls import path

from compact_portal.urls import (  # noqa: F401 - the error handlers come with the URLs
    handler400,
    handler403,
    handler404,
    handler500,
)
from compact_portal.urls import urlpatterns as portal_urlpatterns


def boom(request):
    raise RuntimeError("secret detail SW1A 1AA that must not reach the visitor")


def database_gone(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def database_interface_gone(request):
    raise InterfaceError("connection already closed")


failing = [
    path("test-failures/boom/", boom),
    path("test-failures/database/", database_gone),
    path("test-failures/interface/", database_interface_gone),
]

urlpatterns = [
    path("api/v1/test-failures/boom/", boom),
    path("api/v1/test-failures/database/", database_gone),
    *i18n_patterns(*failing, prefix_default_language=False),
    *portal_urlpatterns,
]
