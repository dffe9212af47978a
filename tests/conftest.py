"""Test fixtures live in tests/fixtures/ as plugins (no star imports)."""

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.web",
    "tests.fixtures.live_server",
    "tests.fixtures.mail",
    "tests.fixtures.receiver",
    "tests.fixtures.world",
]
