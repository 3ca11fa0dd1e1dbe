"""What tests steer and observe: injected faults, the request log, the live configuration.

Faults match by method and path (regular expressions, whole-string match,
optionally the user) and fire `count` times after letting `skip` matching
requests through; a fault answers with a status code (a kube Status body, or
plain text as some proxies and kube's own rate limiter send), resets the
connection, or delays the request (then lets it through unless it also has a
status or a reset). The log records every API request (not the control
requests themselves).
"""

from __future__ import annotations

import collections
import itertools
import re
import threading
import time

import status as st

LOG_LIMIT = 100_000


class Fault:
    def __init__(self, spec: dict, ident: int):
        self.id = ident
        self.spec = dict(spec)
        try:
            self.method = re.compile(spec.get("method") or ".*", re.IGNORECASE)
            self.path = re.compile(spec.get("path") or ".*")
            self.query = re.compile(spec["query"]) if spec.get("query") else None
        except re.error as e:
            raise st.bad_request(f"fault has an invalid regular expression: {e}") from None
        self.user = spec.get("user")
        self.count = int(spec.get("count", 1))
        self.skip = int(spec.get("skip", 0))
        self.status = spec.get("status")
        self.retry_after = spec.get("retryAfter")
        self.message = spec.get("message")
        self.body = spec.get("body", "status")
        self.reset = bool(spec.get("reset", False))
        self.delay = float(spec.get("delay", 0))
        self.fired = 0
        if self.status is None and not self.reset and not self.delay:
            raise st.bad_request("a fault needs a status, reset or delay")
        if self.status is not None and not (isinstance(self.status, int) and 100 <= self.status <= 599):
            raise st.bad_request("fault status must be an HTTP status code")
        if self.body not in ("status", "text"):
            raise st.bad_request('fault body must be "status" or "text"')

    def matches(self, method: str, path: str, query: str, user: str) -> bool:
        if not self.method.fullmatch(method) or not self.path.fullmatch(path):
            return False
        if self.query is not None and not self.query.search(query):
            return False
        return self.user is None or self.user == user

    def describe(self) -> dict:
        out = dict(self.spec)
        out["id"] = self.id
        out["fired"] = self.fired
        out["remaining"] = -1 if self.count < 0 else max(0, self.count - self.fired)
        return out


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def add(self, spec: dict) -> dict:
        fault = Fault(spec, next(self._ids))
        with self._lock:
            self._faults.append(fault)
        return fault.describe()

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> list:
        with self._lock:
            return [f.describe() for f in self._faults]

    def take(self, method: str, path: str, query: str, user: str) -> Fault | None:
        """The fault this request meets, counted as fired, or None."""
        with self._lock:
            for fault in self._faults:
                if fault.count >= 0 and fault.fired >= fault.count:
                    continue
                if not fault.matches(method, path, query, user):
                    continue
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                fault.fired += 1
                return fault
        return None


def fault_error(fault: Fault) -> st.ApiError:
    err = st.generic(fault.status, fault.message)
    if fault.status == 429 or fault.retry_after is not None:
        if fault.retry_after is not None:
            err.headers["Retry-After"] = str(fault.retry_after)
            if err.details is None:
                err.details = {}
            err.details["retryAfterSeconds"] = int(fault.retry_after)
    return err


class RequestLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries: collections.deque = collections.deque(maxlen=LOG_LIMIT)
        self._seq = itertools.count(1)

    def record(self, entry: dict) -> None:
        entry["seq"] = next(self._seq)
        entry["time"] = time.time()
        with self._lock:
            self._entries.append(entry)

    def since(self, seq: int) -> list:
        with self._lock:
            return [e for e in self._entries if e["seq"] > seq]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
