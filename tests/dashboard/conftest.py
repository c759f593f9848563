from tests.dashboard.seed import releases, seeded  # noqa: F401 - fixtures shared with the browser tests
