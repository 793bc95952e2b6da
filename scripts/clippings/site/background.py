"""Work computed in a forked process while MkDocs renders the pages.

Nothing needs related articles or the search index until the first page is written,
and MkDocs uses one core: on two cores this takes their cost off the build's
critical path. Where fork is unsafe (another thread running, as under `mkdocs
serve`) or missing, the work is done here and now.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from clippings.parallel import can_fork

T = TypeVar("T")


class InBackground(Generic[T]):
    def __init__(self, label: str, function: Callable[..., T], *args: Any) -> None:
        self._label = label
        self._result: T | None = None
        self._process = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_send, args=(function, args, sender))
            self._process.start()
            sender.close()
        else:
            self._result = function(*args)

    def result(self) -> T:
        if self._result is None:
            try:
                self._result = self._receiver.recv()
            except EOFError:
                self._process.join()
                raise RuntimeError(
                    f"{self._label}: the worker process died (exit code {self._process.exitcode})"
                ) from None
            self._process.join()
        return self._result


def _send(function: Callable[..., Any], args: tuple, sender) -> None:
    sender.send(function(*args))
    sender.close()
