"""The Rasa assistant: domain, data, and its Python add-ons (channels, stores, shell)."""
