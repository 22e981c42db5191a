"""Helpers the actions share: store access, slot state, rendering and settings."""
