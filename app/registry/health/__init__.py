"""Occupational health (art. 22): hazard declarations and health exams."""
