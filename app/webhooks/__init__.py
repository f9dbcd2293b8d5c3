"""Webhook endpoints of organizations and the signed, at-least-once delivery of events."""
