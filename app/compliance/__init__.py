"""Compliance engine: rule packs evaluated against an enterprise's records, with findings."""
