"""What the engine reads while no request waits: background prefills (the window the
writer will need next, the one a document opened at) and the whole window behind a
short-window answer.

Reading yields to the writer. A request for a suggestion or a task aborts it inside
llama.cpp at once (what was read in earlier chunks stays, and reading goes on from there
later); a prefill, itself only a head start, waits for the chunk being read (a few dozen
tokens) to end, so that reading always gets somewhere while the writer types.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from writer_app.engine.process.generation import Engine
from writer_app.engine.protocol import Finished, Generate, Message


class BackgroundReading:
    """Background prefills, newest first, the follow-up read, and who waits for idle."""

    def __init__(self, send: Callable[[Message], None]) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._jobs: list[Generate] = []
        self._reading: int | None = None
        self._cancelled: set[int] = set()
        self._idle_waiters: list[int] = []
        self._urgent = 0  # requests waiting that must not wait for a chunk
        # The whole window behind the last short-window answer (engine tokens).
        self.follow_up: list[int] | None = None

    def add(self, job: Generate) -> None:
        with self._lock:
            self._jobs.append(job)

    def wait_for_idle(self, request_id: int) -> None:
        """Answer `request_id` with Finished "idle" once nothing is left to read."""
        with self._lock:
            self._idle_waiters.append(request_id)

    def request_queued(self, request: Message) -> None:
        """A request came: if the writer waits on it, reading must stop at once."""
        if isinstance(request, Generate) and not request.prefill:
            with self._lock:
                self._urgent += 1

    def request_taken(self, request: Message) -> None:
        if isinstance(request, Generate) and not request.prefill:
            with self._lock:
                self._urgent -= 1

    def urgent(self) -> bool:
        with self._lock:
            return self._urgent > 0

    def cancel(self, request_id: int) -> bool:
        """Cancel a background request; False if `request_id` is not one."""
        with self._lock:
            if request_id in self._idle_waiters:
                self._idle_waiters.remove(request_id)
                waiting = True
            elif request_id == self._reading:
                self._cancelled.add(request_id)
                return True
            else:
                jobs = [job for job in self._jobs if job.id == request_id]
                for job in jobs:
                    self._jobs.remove(job)
                waiting = bool(jobs)
        if waiting:  # never started, or put aside: it ends here
            self._send(Finished(request_id, "cancelled"))
        return waiting

    def has_work(self) -> bool:
        with self._lock:
            return bool(self._jobs) or self.follow_up is not None

    def answer_idle(self) -> None:
        with self._lock:
            waiters, self._idle_waiters = self._idle_waiters, []
        for request_id in waiters:
            self._send(Finished(request_id, "idle"))

    def drop_all(self) -> None:
        """Forget everything (another model is loading): its prompts end cancelled."""
        with self._lock:
            jobs, self._jobs = self._jobs, []
            self.follow_up = None
        for job in jobs:
            self._send(Finished(job.id, "cancelled"))

    def read_one(self, engine: Engine, request_waits: Callable[[], bool]) -> None:
        """Read until done or until a request comes: the follow-up first, then the newest
        background prefill."""
        if self.follow_up is not None:
            if engine.prepare(self.follow_up, self.urgent, request_waits):
                self.follow_up = None
            return
        with self._lock:
            job = self._jobs[-1]
            self._reading = job.id

        def cancelled() -> bool:
            with self._lock:
                return job.id in self._cancelled

        try:
            done = not cancelled() and engine.prepare(
                job, lambda: self.urgent() or cancelled(), request_waits)
        finally:
            with self._lock:
                self._reading = None
        if done or cancelled():
            with self._lock:
                self._jobs.remove(job)
                self._cancelled.discard(job.id)
            self._send(Finished(job.id, "prefilled" if done else "cancelled"))

    def give_up(self) -> None:
        """Reading failed in a way nobody foresaw: drop what was being read."""
        self.follow_up = None
        with self._lock:
            jobs, self._jobs = self._jobs[-1:], self._jobs[:-1]
        for job in jobs:
            self._send(Finished(job.id, "cancelled"))
