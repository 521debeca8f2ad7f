"""The app's log file: failures in background work, with tracebacks, for bug reports.

It sits in the app's state folder (beside the record of checked files) as `workbench.log`,
rotated at 1 MB with three old files kept, so it never grows without bound.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from workbench.paths import state_dir

LOG_NAME = "workbench.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_handler: logging.Handler | None = None


def log_path() -> Path:
    return state_dir() / LOG_NAME


def start_logging() -> Path | None:
    """Send the `workbench` loggers' warnings and errors to the rotating log file (once)."""
    global _handler
    path = log_path()
    if _handler is not None and getattr(_handler, "baseFilename", "") == str(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                       encoding="utf-8", delay=True)
    except OSError:  # a read-only home: the app works on without a log
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("workbench")
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    return path
