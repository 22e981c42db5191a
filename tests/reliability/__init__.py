"""Faults and bad input: the bot answers clearly, stays up, and keeps other conversations."""
