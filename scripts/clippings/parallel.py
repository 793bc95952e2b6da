"""Work spread over processes: the one module that starts process pools.

Two shapes. `map_in_processes`: many small items (convert's reading and analysing),
`jobs` workers that receive the shared read-only arguments once, when they start,
not with every item. `in_two_halves`: one list cut in two (the site's front matter),
a forked worker doing the second half while this process does the first.
Where a pool would cost more than it saves, the work is done here, in order.
(site/background.py forks one process for work done while MkDocs renders: a
different shape, kept there.)
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    """Forking a process that runs other threads (as `mkdocs serve` does) is unsafe."""
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


# What every task of a worker shares: set once per worker by _start_worker.
_WORKER: tuple[Callable[..., Any], tuple] | None = None


def _start_worker(function: Callable[..., Any], arguments: tuple) -> None:
    global _WORKER
    _WORKER = (function, arguments)


def _run(item: Any) -> Any:
    assert _WORKER is not None
    function, arguments = _WORKER
    return function(item, *arguments)


def map_in_processes(
    function: Callable[..., R],
    items: Sequence[T],
    jobs: int,
    arguments: tuple = (),
    min_per_job: int = 2,
) -> Iterator[R]:
    """`function(item, *arguments)` for each item, in order, as results come in.

    In `jobs` worker processes when there are at least `min_per_job` items per job;
    `function` must then be a module-level function, picklable like the arguments.
    """
    if jobs <= 1 or len(items) < min_per_job * jobs:
        yield from (function(item, *arguments) for item in items)
        return
    with ProcessPoolExecutor(
        jobs, initializer=_start_worker, initargs=(function, arguments)
    ) as pool:
        yield from pool.map(_run, items, chunksize=max(1, len(items) // (jobs * 8)))


def in_two_halves(
    function: Callable[[Sequence[T]], list[R]], items: Sequence[T], min_items: int
) -> list[R]:
    """`function(items)`, computed as two halves at once from `min_items` on, where fork is safe."""
    if len(items) < min_items or not can_fork():
        return function(items)
    half = len(items) // 2
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        second = pool.submit(function, items[half:])
        first = function(items[:half])
        return first + second.result()
