"""Bulk import of records from CSV or XLSX: validate every row first, then write all or nothing."""
