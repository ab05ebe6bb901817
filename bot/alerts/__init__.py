"""Alerts: subscriptions, the outbox, reminders, quiet hours and exactly-once delivery.

* :mod:`~bot.alerts.records` — the typed records, their stored form, and the delivery state table
  (a delivery's state changes only there).
* :mod:`~bot.alerts.subscriptions` — who hears what; the permissions the bot needs in a channel.
* :mod:`~bot.alerts.outbox` — alerts written in the edit's transaction, released into deliveries,
  digests, results, folding finished fan-outs into summaries, pruning, the next wake-up.
* :mod:`~bot.alerts.reminders` — reminders before a milestone.
* :mod:`~bot.alerts.render` — what an alert, a digest, a sample and /alerts list say.
* :mod:`~bot.alerts.delivery` — the dispatcher that sends, under Discord's rate limits.
"""
