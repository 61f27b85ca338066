"""Browser tests: the pages in headless Chromium."""
