"""Read an original within its time and memory: in a bounded worker process, or against a timer.

The readers of PDF, Word and web pages call libraries (pdfminer, PDFium, python-docx,
lxml) that give no hook to stop a file that inflates or nests without end. So each such
original is read in a forked child with an address-space limit and a deadline; the parent
receives the result (or the reader's SourceError) through a pipe, and turns a child that
ran out of either into a SourceError naming the file and the limit it crossed.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
from pathlib import Path
from typing import Callable

from . import limits
from .read import SourceError

_MB = 1_000_000


def can_guard() -> bool:
    return hasattr(os, "fork")


def read_guarded(path: Path, reader: Callable[[Path], object], seconds: float | None = None,
                 memory: int | None = None):
    """``reader(path)`` in a forked child bounded by ``seconds`` and ``memory`` (see limits.py)."""
    if not can_guard():
        return reader(path)
    size = path.stat().st_size if path.exists() else 0
    seconds = limits.read_seconds(size) if seconds is None else seconds
    memory = limits.READ_MEMORY_BYTES if memory is None else memory
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:  # the build itself runs under a tighter limit: the worker keeps to it
        memory = min(memory, hard)
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: read, send, and leave without running the parent's clean-up
        status = 0
        try:
            os.close(readable)
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
            try:
                result: object = ("ok", reader(path))
            except SourceError as error:
                result = ("error", error)
            except MemoryError:
                result = ("memory", None)
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writable, "wb") as out:
                out.write(data)
        except BaseException:  # noqa: BLE001 - anything else: the parent reports the file as unreadable
            status = 1
        finally:
            os._exit(status)
    os.close(writable)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    with os.fdopen(readable, "rb") as pipe:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([pipe], [], [], left)
            if not ready:
                continue
            chunk = os.read(pipe.fileno(), 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    if timed_out:
        os.kill(child, signal.SIGKILL)
    _, status = os.waitpid(child, 0)
    if timed_out:
        raise SourceError(path, None, f"reading it took more than {seconds:.0f} s, the limit for a file of "
                          f"{size / _MB:.1f} MB (a government report of that size reads in a few seconds)",
                          "if the file is genuine, save it again from its source (print to PDF, save as .docx or .txt)")
    data = b"".join(chunks)
    kind, value = pickle.loads(data) if data else ("crash", None)  # noqa: S301 - our own child
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory" or os.WIFSIGNALED(status) or kind == "crash":
        raise SourceError(path, None, f"reading it needed more than {memory // (1024 * 1024):,} MiB of memory "
                          "(a government report needs a few hundred)",
                          "if the file is genuine, save it again from its source (print to PDF, save as .docx or .txt)")
    raise SourceError(path, None, "this file could not be read", "save it again from its source")


class _OutOfTime(Exception):
    pass


def read_timed(path: Path, reader: Callable[[Path], object], seconds: float | None = None):
    """``reader(path)`` in this process, stopped at its deadline (limits.read_seconds) by a timer signal.

    For readers whose memory their checked input bounds (a .docx, a web page): no worker to fork, so
    no cost; the timer interrupts Python code, which is where a pathological tree's time goes."""
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return reader(path)
    size = path.stat().st_size if path.exists() else 0
    seconds = limits.read_seconds(size) if seconds is None else seconds

    def stop(signum, frame):
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return reader(path)
    except _OutOfTime:
        raise SourceError(path, None, f"reading it took more than {seconds:.0f} s, the limit for a file of "
                          f"{size / _MB:.1f} MB (a government report of that size reads in a few seconds)",
                          "if the file is genuine, save it again from its source (print to PDF, save as .docx or .txt)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
