"""Enterprises: the profile of each enterprise tenant, sign-up and verification by regulators."""
