"""The worker: dispatches outbox events, delivers webhooks and runs the scheduled jobs."""
