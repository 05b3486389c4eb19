# /coverage.csv and /coverage.json: outside the language prefix.
from django.urls import path

from board import views

urlpatterns = [
    path("coverage.csv", views.coverage_csv, name="board_csv"),
    path("coverage.json", views.coverage_json, name="board_json"),
]
