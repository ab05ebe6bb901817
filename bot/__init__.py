"""race-bot: a Discord bot that follows a race of rival projects chasing the same first.

The packages, and the one direction they may import in (checked by tests/test_architecture.py):

    core      pure domain: models, knowledge base, dates, text, names, cards, wording
    infra     I/O adapters: store, config, logs, health server, backups (and seed/, the shipped data)
    timeline  the race as a picture
    ask       answering members (/race … /ask)
    alerts    subscriptions, outbox, reminders, delivery
    feed      Launch Library 2
    facts     editing the facts (/facts)
    app       the composition root (App) and the running bot's runtime
    shells    the command line, the console and Discord (the only place, with cogs/, that imports discord)

core ← infra ← features ← app ← shells ← cogs.
"""

__version__ = "0.1.0"
