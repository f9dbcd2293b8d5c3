"""The transactional outbox: domain changes and the events they cause, committed together."""
