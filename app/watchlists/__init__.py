"""Watchlists: an institution's portfolios of credit codes, watched for blacklist changes."""
