"""Pathfinder's knowledge store: the curated catalogue, its loader, queries and engines.

Nothing here imports Rasa, so the domain logic can be read and tested on its own.
"""
