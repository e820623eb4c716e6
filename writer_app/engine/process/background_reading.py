"""What the engine reads while no request waits: background prefills (the window the
writer will need next, the one a document opened at) and the whole window behind a
short-window answer.

Reading yields to the writer. A request for a suggestion or a task aborts it inside
llama.cpp at once (what was read in earlier chunks stays, and reading goes on from there
later), except the suggestion a read was made ready for (see Generate's stop_rule): that
read reads the chunk it is in on for it, then ends. A chunk is about a tenth of a second
of reading (at least a few tokens: half a second or more for a 4B model on two cores).

The editor sends the text at the cursor at every word the writer ends: a background
prompt that another one continues (the writer typed on) is of no more use, and is
dropped for it (once its chunk ends, if it is being read), without losing what it read.
A newer prompt of another place (the writer's newest word while the next window is read,
or the prompt made ready for the coming pause: see Generate) is needed first: for it the
chunk being read is aborted (and read again later); one that continues the prompt being
read lets it end its chunk, and so does the next window's (Generate.ahead): sent at the
same word as the writer's place, it would throw away the chunk of the word before.
Once one is read, reading elsewhere waits HOLD_AFTER_READY_S for the pause's suggestion:
turning to another window would put the healed prompt aside, and a slow model would
heal it again at the pause (a call of a fifth of a second for a 4B model).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from writer_app.engine.process.generation import Engine
from writer_app.engine.protocol import Finished, Generate, Message

HOLD_AFTER_READY_S = 0.5


def continues(new: Generate, old: Generate) -> bool:
    """Whether reading `new` reads all of `old` (and then more, or the same)."""
    return (new.messages is None and old.messages is None and new.suffix == old.suffix
            and new.prompt.startswith(old.prompt))


class BackgroundReading:
    """Background prefills, newest first, the follow-up read, and who waits for idle."""

    def __init__(self, send: Callable[[Message], None]) -> None:
        self._send = send
        self._lock = threading.Lock()
        self._jobs: list[Generate] = []
        self._cancelled: set[int] = set()
        self._superseded: set[int] = set()  # being read, and continued by a newer one
        self._preempted = False  # a newer prompt of another place came: stop the chunk
        self._hold_until = 0.0  # a prompt was made ready for a pause: wait for it
        self._added = 0  # background reads added so far
        self._held_after = 0  # ... when the hold began
        self._idle_waiters: list[int] = []
        self._urgent: set[int] = set()  # requests waiting that must not wait for a chunk
        self._reading_job: Generate | None = None
        self._spared: Generate | None = None  # its place's next chunk ends unstopped
        # The whole window behind the last short-window answer (engine tokens).
        self.follow_up: list[int] | None = None

    def add(self, job: Generate) -> None:
        """Queue `job`, dropping the older jobs it continues."""
        ended: list[int] = []
        with self._lock:
            for old in [old for old in self._jobs if continues(job, old)]:
                if old is self._reading_job:
                    self._superseded.add(old.id)
                else:
                    self._jobs.remove(old)
                    ended.append(old.id)
            # A read of another place stops the chunk being read: the writer's newest
            # word, or the pause's own read, must not wait behind a chunk of the next
            # window, which a 4B model reads for half a second or more (what earlier
            # chunks read stays). A read that continues the one being read lets it
            # end its chunk: the chunk is its own first part. A word's read spares a
            # chunk that follows one it stopped: a writer typing faster than a chunk
            # reads would otherwise leave the next window unread for good.
            reading = self._reading_job
            elsewhere = reading is None or not continues(job, reading)
            spared = (reading is not None and self._spared is not None
                      and continues(reading, self._spared))
            self._preempted = self._preempted or (elsewhere and not job.ahead and (
                job.stop_rule is not None or not spared))
            self._jobs.append(job)
            self._added += 1
        for request_id in ended:
            self._send(Finished(request_id, "cancelled"))

    def wait_for_idle(self, request_id: int) -> None:
        """Answer `request_id` with Finished "idle" once nothing is left to read."""
        with self._lock:
            self._idle_waiters.append(request_id)

    def request_queued(self, request: Message) -> None:
        """A request came: if the writer waits on it, reading must stop at once, unless
        it is the suggestion a read was made ready for: that read, if being read, reads
        the chunk it is in on for it (aborted, the chunk would be lost), and, if not
        started, ends here (the suggestion reads it all itself)."""
        if not isinstance(request, Generate) or request.prefill:
            return
        unread: list[Generate] = []
        with self._lock:
            def made_ready_for(job: Generate) -> bool:
                return (job.stop_rule is not None and job.stop_rule == request.stop_rule
                        and request.messages is None and job.prompt == request.prompt
                        and job.suffix == request.suffix)

            unread = [job for job in self._jobs if job is not self._reading_job
                      and made_ready_for(job)]
            for job in unread:
                self._jobs.remove(job)
            job = self._reading_job
            if (job is not None and made_ready_for(job) and job.id not in self._superseded
                    and job.id not in self._cancelled):
                # Read on to the chunk's end (a request waits), then ended.
                self._superseded.add(job.id)
            else:
                self._urgent.add(request.id)
        for job in unread:
            self._send(Finished(job.id, "cancelled"))

    def request_taken(self, request: Message) -> None:
        if not isinstance(request, Generate):
            return
        with self._lock:
            self._urgent.discard(request.id)

    def _reading_id(self) -> int | None:
        return self._reading_job.id if self._reading_job is not None else None

    def urgent(self) -> bool:
        with self._lock:
            return bool(self._urgent)

    def cancel(self, request_id: int) -> bool:
        """Cancel a background request; False if `request_id` is not one."""
        with self._lock:
            if request_id in self._idle_waiters:
                self._idle_waiters.remove(request_id)
                waiting = True
            elif request_id == self._reading_id():
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

    def held_for(self) -> float:
        """Return how long to wait for a request before reading on (0: none)."""
        with self._lock:
            if self._added > self._held_after:  # a newer read came: the writer typed on
                return 0.0
            return max(0.0, self._hold_until - time.monotonic())

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
        """Read until done or until a request comes: the newest background prefill (the
        writer's latest place), then the follow-up."""
        with self._lock:
            job = self._jobs[-1] if self._jobs else None
            self._reading_job = job
            self._preempted = False
        if job is None:
            if self.follow_up is not None and engine.prepare(
                    self.follow_up, lambda: self.urgent() or self._preempted, request_waits):
                self.follow_up = None
            return

        def cancelled() -> bool:
            with self._lock:
                return job.id in self._cancelled

        whole = self.follow_up
        try:
            done = not cancelled() and engine.prepare(
                job, lambda: self.urgent() or cancelled() or self._preempted, request_waits,
                whole)
        except Exception:
            self._end(job, done=False, failed=True)
            raise
        with self._lock:
            if not done and self._preempted:
                self._spared = job
            elif self._spared is not None and continues(job, self._spared):
                self._spared = None  # it read a chunk on
            superseded = job.id in self._superseded
        # A ready read at a new place leaves the whole window to read; one elsewhere, or
        # one that read the whole window on, leaves none of the older place's.
        if job.stop_rule is not None or whole is not None:
            self.follow_up = engine.take_follow_up()
        if done and job.stop_rule is not None and not superseded:
            # (A superseded one: the writer typed on, no pause is coming here.)
            with self._lock:
                self._hold_until = time.monotonic() + HOLD_AFTER_READY_S
                self._held_after = self._added
        self._end(job, done)

    def _end(self, job: Generate, done: bool, *, failed: bool = False) -> None:
        """Answer `job` if it is over, and let the reader thread act on it again (until
        then, a cancel or a newer read only marks it: nothing answers it twice)."""
        with self._lock:
            over = (done or failed or job.id in self._cancelled
                    or job.id in self._superseded)
            self._reading_job = None
            self._superseded.discard(job.id)
            if over:
                self._cancelled.discard(job.id)
                if job in self._jobs:
                    self._jobs.remove(job)
        if over:
            self._send(Finished(job.id, "prefilled" if done else "cancelled"))

    def give_up(self) -> None:
        """Reading failed in a way nobody foresaw: the job that failed was answered (see
        read_one); the follow-up goes too, in case it was what failed."""
        self.follow_up = None
