from django.urls import path, re_path

from boroughs import views

# /api/v1/postcodes/<postcode>. The pattern takes anything after the slash (slashes and
# newlines too), so every string gets the lookup's own 400 or 404 answer rather than the
# generic not-found page.
urlpatterns = [
    path("postcodes/", views.postcode_detail, name="postcode_detail_empty"),
    re_path(r"^postcodes/(?P<postcode>[\s\S]+)$", views.postcode_detail, name="postcode_detail"),
]
