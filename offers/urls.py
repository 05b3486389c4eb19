from django.urls import path
from django.views.generic import TemplateView

app_name = "offers"

urlpatterns = [
    path("", TemplateView.as_view(template_name="offers/start.html"), name="start"),
    path("help-now/", TemplateView.as_view(template_name="offers/help_now.html"), name="help_now"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="offers/accessibility.html"),
        name="accessibility",
    ),
    path("privacy/", TemplateView.as_view(template_name="offers/privacy.html"), name="privacy"),
    path("cookies/", TemplateView.as_view(template_name="offers/cookies.html"), name="cookies"),
]
