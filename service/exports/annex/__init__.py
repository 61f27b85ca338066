"""The UN annex ("proposed organization of work"): one table model (`table`), its labels, and a renderer per format."""
