"""Pathfinder's Rasa action server: thin actions over the `knowledge` package."""
