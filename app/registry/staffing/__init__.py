"""Staffing (art. 16–18): safety body, officers, leaders, assessments, registered engineers."""
