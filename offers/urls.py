from django.urls import path

from offers import views

app_name = "offers"

urlpatterns = [
    path("", views.start, name="start"),
    # The questions, one per page; the answers travel in the query string.
    path("where-you-live/", views.where_you_live, name="where_you_live"),
    path("where-you-live/borough/", views.where_you_live_borough, name="where_you_live_borough"),
    path("who-looked-after-you/", views.looked_after_by, name="looked_after_by"),
    path("how-old-are-you/", views.age, name="age"),
    path("your-offers/", views.results, name="results"),
    # Browsing without answering anything.
    path("offers/", views.browse, name="browse"),
    path("offers/<uuid:offer_id>/", views.offer_detail, name="offer"),
    path("boroughs/", views.borough_list, name="boroughs"),
    path("boroughs/<str:gss_code>/", views.borough, name="borough"),
    path("search/", views.search, name="search"),
    # Information pages.
    path("help-now/", views.page, {"template": "offers/help_now.html"}, name="help_now"),
    path(
        "accessibility/",
        views.page,
        {"template": "offers/accessibility.html"},
        name="accessibility",
    ),
    path("privacy/", views.page, {"template": "offers/privacy.html"}, name="privacy"),
    path("cookies/", views.page, {"template": "offers/cookies.html"}, name="cookies"),
]
