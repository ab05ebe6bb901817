"""The pure domain: models, the knowledge base, dates, text, names, cards and shared wording.

No I/O, no clock reads, no discord, no store: everything here is a function of its arguments.
"""
