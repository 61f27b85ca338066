"""Subcommands of the `podium` command line."""
