"""Training entry points, one module per analyzer; each reads ../shared/data (or any folder of that format)."""
