"""Test-only helpers: databases for the lanes and a small resource that exercises the conventions."""
