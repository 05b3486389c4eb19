import pytest

from boroughs.postcode_services import postcodes_replace
from boroughs.services import london_areas_load
from tests.boroughs.package_sample import package_sample


@pytest.fixture
def london_areas(db):
    """The 33 London authorities and their ICBs, as `make run` loads them."""
    london_areas_load()


@pytest.fixture
def postcode_sample(london_areas):
    """A few thousand real postcodes from across the UK, loaded through the real writer."""
    postcodes_replace(rows=((key, code, None, False) for key, code in package_sample()))
    return package_sample()
