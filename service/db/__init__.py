"""The database: SQLAlchemy models, engine, migrations and the repository that maps them to the domain."""
