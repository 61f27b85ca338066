"""The `podium` command line and the deployment files."""
