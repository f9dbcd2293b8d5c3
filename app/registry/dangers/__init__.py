"""Hidden dangers (隐患, art. 5 and 20): five fields, lifecycle, reports to the regulator."""
