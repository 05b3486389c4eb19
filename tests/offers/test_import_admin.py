"""Import in admin: choose a file, see a preview (nothing saved), then import."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from offers.models import Offer
from tests.offers.test_import_csv import csv_bytes, row
from tests.staff.world import ISLINGTON, world_fixtures

IMPORT = "admin:offers_offer_import"


module_world, world = world_fixtures()


def upload(client, data, name="offers.csv"):
    return client.post(
        reverse(IMPORT), {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_preview_then_import(client, world):
    client.force_login(world.user("camden_editor"))
    before = Offer.objects.count()
    data = csv_bytes(row(), row(title="Second", provider="A new local charity"))
    preview = upload(client, data)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview of offers.csv" in page
    assert "2 new, 0 changed, 0 unchanged" in page
    assert "A new local charity" in page
    assert Offer.objects.count() == before  # nothing yet

    response = client.post(reverse(IMPORT), {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert Offer.objects.count() == before + 2


def test_errors_are_listed_with_line_and_column_and_nothing_is_saved(client, world):
    client.force_login(world.user("camden_editor"))
    before = Offer.objects.count()
    response = upload(client, csv_bytes(row(), row(title="Elsewhere", area=ISLINGTON)))
    page = response.content.decode()
    assert "Nothing was imported: there is 1 error." in page
    assert "You cannot add or move offers to Islington." in page
    assert "<td>3</td><td>H area</td>" in page
    assert 'name="payload"' not in page
    assert Offer.objects.count() == before


def test_a_changed_or_borrowed_preview_is_refused(client, world):
    client.force_login(world.user("camden_editor"))
    preview = upload(client, csv_bytes(row()))
    payload = preview.context["payload"]
    before = Offer.objects.count()
    response = client.post(reverse(IMPORT), {"payload": payload[:-2] + "xx"})
    assert response.status_code == 302 and Offer.objects.count() == before
    # Another staff member cannot replay it.
    client.force_login(world.user("islington_editor"))
    response = client.post(reverse(IMPORT), {"payload": payload})
    assert response.status_code == 302 and Offer.objects.count() == before


def test_a_board_viewer_cannot_import(client, world):
    client.force_login(world.user("board_viewer"))
    assert upload(client, csv_bytes(row())).status_code == 403
    assert not Offer.objects.filter(title="Free gym membership").exists()


def test_no_file_or_a_huge_file_is_a_clear_error(client, world, settings):
    client.force_login(world.user("camden_editor"))
    response = client.post(reverse(IMPORT), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = None
    big = csv_bytes(row()) + b"," * (5 * 1024 * 1024)
    response = upload(client, big)
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()
