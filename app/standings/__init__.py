"""Stored compliance standings: each verified enterprise judged by its stack, kept in tables
so that reads need not re-judge (issue 21). This first slice stores and verifies them; the
reads still compute live."""
