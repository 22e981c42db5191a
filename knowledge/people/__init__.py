"""The people Pathfinder has advised: who a conversation belongs to and their saved profiles."""
