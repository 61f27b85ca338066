"""Tests of sessionfile."""
