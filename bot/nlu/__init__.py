"""Pathfinder's own NLU components, registered with Rasa's default recipe, named in config.yml."""
