"""The HTTP API: routers for sessions and their parts, schemas, and error responses."""
