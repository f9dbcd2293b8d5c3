"""Test-only helpers: lane databases and a small resource exercising the conventions."""
