import pytest
from django.urls import reverse

from boroughs.models import Area


@pytest.mark.django_db
def test_start_page_renders(client):
    response = client.get(reverse("offers:start"))
    assert response.status_code == 200
    assert b"London Care Leavers Compact" in response.content


@pytest.mark.django_db
def test_healthz_answers_ok_when_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_compact_data_loads_33_london_authorities(compact_data):
    assert Area.objects.london_authorities().count() == 33
