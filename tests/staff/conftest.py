import pytest

from tests.staff.world import build_world


@pytest.fixture
def world(compact_data):
    return build_world()
