from tests.dashboard.seed import releases, seeded  # noqa: F401 - fixtures shared with the browser tests


def as_rebuilt(model, rebuild, snapshot) -> set[tuple]:
    """What `snapshot` reads after `rebuild` recounts `model` from the exams; the running rows are put back."""
    running = list(model.objects.all())
    rebuild()
    rebuilt = snapshot()
    model.objects.all().delete()
    model.objects.bulk_create(running)
    return rebuilt
