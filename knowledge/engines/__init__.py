"""The pure engines: reading role text, placing a person, screening and building a plan."""
