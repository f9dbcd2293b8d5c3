"""Anxin (安信): work-safety compliance and credit platform."""
