"""Moderation: flags, the queue, watched words, decisions and their audit log.

The blueprint lives in views.py (not here) because feature services import moderation.access and
moderation.services; importing the views from this package's __init__ would make that an import cycle.
"""
