"""Rasa add-ons loaded by dotted path from endpoints.yml: the tracker store and lock store."""
