"""The catalogue: its content models, the reviewed YAML, the loader, the store and its snapshot."""
