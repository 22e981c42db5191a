"""Where the database lives, how its schema is migrated, and where people reach this deployment."""
