"""The `anxin` command line."""
