"""Demo data for `make run`: the top layer, free to import every app it fills; nothing imports it."""
