"""Alembic environment: migrates the database named by the caller or by KNOWLEDGE_DB_URL."""

from alembic import context

from knowledge.catalogue.tables import Base
from knowledge.storage.db import default_url, make_engine

config = context.config
url = config.attributes.get("url") or default_url()

connection = config.attributes.get("connection")
if connection is not None:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = make_engine(url)
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
