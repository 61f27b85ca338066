"""The web layer: the API routers, the pages, their errors, access rules, caches and freshness; the only part that imports FastAPI."""
