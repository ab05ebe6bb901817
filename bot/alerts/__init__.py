"""Alerts: subscriptions, the outbox, reminders, quiet hours and exactly-once delivery."""
