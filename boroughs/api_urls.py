from django.urls import path

from boroughs import views

# /api/v1/postcodes/<postcode>. <path:> takes anything, slashes included, so every string
# gets the lookup's own 400 or 404 answer rather than the generic not-found page.
urlpatterns = [
    path("postcodes/", views.postcode_detail, name="postcode_detail_empty"),
    path("postcodes/<path:postcode>", views.postcode_detail, name="postcode_detail"),
]
