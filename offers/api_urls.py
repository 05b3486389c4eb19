from django.urls import path

from offers import api

# Included at /api/v1/.
urlpatterns = [
    path("eligibility", api.eligibility, name="api-eligibility"),
]
