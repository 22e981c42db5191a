"""Pathfinder's own NLU components, registered with Rasa's default recipe and named in config.yml."""
