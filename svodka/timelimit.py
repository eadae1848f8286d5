"""A time limit for one piece of work in the current thread, main thread or not.

``with time_limit(30): ...`` raises ``Overtime`` inside the block once 30 s have passed.
SIGALRM only reaches the main thread, and Dask workers run tasks in threads, so one watchdog
thread per process keeps the deadlines of every guarded thread and, when one passes, raises
``Overtime`` in that thread with ``PyThreadState_SetAsyncExc``. The exception arrives between
two bytecodes: a long single C call (a regex over a huge string, a parser) is not interrupted
until it returns, which is why the pipeline also caps the size of what it reads.

``Overtime`` derives from BaseException, so the ``except Exception`` of a stage (or of a
library) does not swallow it; and the watchdog raises it again every ``REPEAT_SECONDS`` while
the block has not ended, in case something swallowed it all the same.
"""
from __future__ import annotations

import ctypes
import threading
import time
from contextlib import contextmanager
from collections.abc import Iterator

REPEAT_SECONDS = 0.1      # again this soon if swallowed (e.g. by a __del__ the GC ran in this thread)


class Overtime(BaseException):
    """The guarded block ran past its time limit."""


# Private prototypes (setting argtypes on ctypes.pythonapi's shared one would change it for
# everyone): one passes the exception class, the other NULL, which withdraws a pending one.
_set_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))
_withdraw_async_exc = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi))

# A C-level lock, never a Condition or an Event: their __enter__/__exit__ run Python bytecode,
# where a pending Overtime can land after the acquire and before the release, leaving the lock
# held for good (the watchdog then waits for it forever). A C lock's with-block is released by
# the interpreter itself. For the same reason the watchdog polls instead of being notified.
_mutex = threading.Lock()
_deadlines: dict[int, float] = {}      # thread id → monotonic time when Overtime is due
_watchdog: threading.Thread | None = None
_starting = threading.Lock()
POLL_SECONDS = 0.02


def _raise_in(thread_id: int) -> None:
    _set_async_exc(thread_id, Overtime)


def _clear_pending(thread_id: int) -> None:
    """Withdraw an Overtime set for the thread but not delivered yet."""
    _withdraw_async_exc(thread_id, None)


def _watch() -> None:
    while True:
        time.sleep(POLL_SECONDS)
        with _mutex:
            now = time.monotonic()
            for thread_id, due in list(_deadlines.items()):
                if due <= now:
                    _raise_in(thread_id)
                    _deadlines[thread_id] = now + REPEAT_SECONDS


def _start_watchdog() -> None:
    global _watchdog
    with _starting:
        if _watchdog is None or not _watchdog.is_alive():
            _watchdog = threading.Thread(target=_watch, name="svodka-time-limit", daemon=True)
            _watchdog.start()


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``Overtime`` in this thread if the block runs longer than ``seconds`` (checked every
    ``POLL_SECONDS``).

    ``None`` or a value <= 0 means no limit. Blocks may not be nested in one thread.
    """
    if not seconds or seconds <= 0:
        yield
        return
    thread_id = threading.get_ident()
    with _mutex:
        _deadlines[thread_id] = time.monotonic() + seconds
    _start_watchdog()
    try:
        yield
    finally:
        # The watchdog only raises under the lock, for a registered thread: once unregistered
        # and cleared here, nothing can reach code after the block. An Overtime that lands
        # during this cleanup came after the work ended, and is dropped.
        while True:
            try:
                with _mutex:
                    _deadlines.pop(thread_id, None)
                    _clear_pending(thread_id)
                break
            except Overtime:
                continue


__all__ = ["Overtime", "time_limit", "REPEAT_SECONDS", "POLL_SECONDS"]
