"""Training (art. 18, 24): sessions and who attended them, with hours and results."""
