"""Podium's tests, grouped by the package they test; helpers in `tests/helpers`."""
