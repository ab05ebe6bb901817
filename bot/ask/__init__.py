"""Answering members: /race, /contender, /timeline, /person, /compare, /sources, /ask, /help."""
