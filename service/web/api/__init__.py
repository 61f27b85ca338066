"""The HTTP API: one router per domain, each a thin caller of `service.operations`."""
