"""Spread CPU-bound work over the machine's cores by forking.

Converting reports and rendering pages are pure Python work, one item after
another, on a machine with several cores. Forked workers start as a copy of
this process, so they need nothing pickled but their results (the function
may be a closure, or live in a module MkDocs loaded by path). Forking is only
safe while no other thread runs, so callers fall back to working in-process
then (``mkdocs serve`` has a file watcher and a web server).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_DONE = "done"


def workers() -> int:
    """The machine's cores, or REPORTS_WORKERS when set (1: never fork)."""
    setting = os.environ.get("REPORTS_WORKERS", "").strip()
    return max(1, int(setting)) if setting.isdigit() else os.cpu_count() or 1


def can_fork() -> bool:
    return workers() > 1 and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def fork_map(function: Callable[[Item], Result], items: list[Item], processes: int | None = None) -> Iterator[Result]:
    """``function(item)`` for every item, in forked workers; results come in the order they finish.

    Items are dealt round-robin, so callers put the largest first. A failure
    in a worker is raised here, with the worker's traceback.
    """
    count = max(1, min(processes or workers(), len(items)))
    context = multiprocessing.get_context("fork")
    channels: list[Connection] = []
    started = []
    for number in range(count):
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_work, args=(function, items[number::count], sender), daemon=True)
        process.start()
        sender.close()
        channels.append(receiver)
        started.append(process)
    try:
        open_channels = list(channels)
        while open_channels:
            for channel in wait(open_channels):
                try:
                    kind, value = channel.recv()  # type: ignore[union-attr]
                except EOFError:
                    raise RuntimeError("a worker process ended without its results") from None
                if kind == "result":
                    yield value
                elif kind == "error":
                    raise RuntimeError(f"a worker process failed:\n{value}")
                else:
                    open_channels.remove(channel)
    finally:
        for process in started:
            if process.is_alive():
                process.terminate()
            process.join()
        for channel in channels:
            channel.close()


def _work(function: Callable[[Any], Any], items: list[Any], channel: Connection) -> None:
    try:
        for item in items:
            channel.send(("result", function(item)))
        channel.send((_DONE, None))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        channel.send(("error", traceback.format_exc()))
    finally:
        channel.close()
