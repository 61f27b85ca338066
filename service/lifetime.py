"""Processes the server starts end with it: a server killed outright (uvicorn re-raises SIGTERM once it has shut down) leaves its children to init."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable


def end_with(parent: int, end: Callable[[], None]) -> None:
    """Call `end`, from a daemon thread, once the process `parent` is no longer this process's parent."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        end()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
