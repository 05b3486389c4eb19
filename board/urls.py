from django.urls import path

from board import views

app_name = "board"

urlpatterns = [
    path("", views.coverage, name="coverage"),
    path("<str:gss_code>/", views.borough, name="borough"),
]
