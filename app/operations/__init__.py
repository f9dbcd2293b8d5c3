"""Operational endpoints: liveness, readiness and metrics."""
