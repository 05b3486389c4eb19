from tests.staff.world import world_fixtures

module_world, world = world_fixtures()
