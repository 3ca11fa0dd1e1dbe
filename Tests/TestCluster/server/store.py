"""The object store: every object, one cluster-wide resourceVersion counter, watch events.

All writes go through `commit`/`delete` under one lock; each write takes the
next resourceVersion and is recorded in a bounded history so that a watch can
start from any recent resourceVersion. Watchers get events through their own
queue (the HTTP thread blocks on it: no polling).
"""

from __future__ import annotations

import collections
import queue
import threading
from dataclasses import dataclass
from jsoncopy import jcopy

HISTORY = 50_000


@dataclass
class Event:
    rv: int
    type: str                # ADDED, MODIFIED, DELETED
    key: tuple               # (group, resource)
    namespace: str
    name: str
    obj: dict
    old: dict | None = None  # the object before a MODIFIED (selectors need both)


class Watcher:
    def __init__(self, key: tuple, namespace: str | None):
        self.key = key
        self.namespace = namespace
        self.queue: queue.SimpleQueue = queue.SimpleQueue()
        self.closed = False

    def wants(self, event: Event) -> bool:
        return event.key == self.key and (self.namespace is None or event.namespace == self.namespace)


class TooOld(Exception):
    def __init__(self, requested: int, oldest: int):
        super().__init__(f"too old resource version: {requested} ({oldest})")


class Store:
    def __init__(self, first_rv: int = 100):
        self.lock = threading.RLock()
        self.rv = first_rv
        self._objects: dict[tuple, dict[tuple, dict]] = {}
        self._history: collections.deque = collections.deque(maxlen=HISTORY)
        self._watchers: set[Watcher] = set()
        self._listeners: list = []

    def add_listener(self, listener) -> None:
        """`listener(event)` runs under the store lock after every write: it must only enqueue."""
        self._listeners.append(listener)

    # MARK: reads (copies, so callers may change them)

    def get(self, key: tuple, namespace: str, name: str) -> dict | None:
        with self.lock:
            obj = self._objects.get(key, {}).get((namespace, name))
            return jcopy(obj) if obj is not None else None

    def list(self, key: tuple, namespace: str | None = None) -> tuple[list[dict], int]:
        with self.lock:
            objs = self._objects.get(key, {})
            items = [jcopy(o) for (ns, _), o in sorted(objs.items())
                     if namespace is None or ns == namespace]
            return items, self.rv

    def keys(self) -> list[tuple]:
        with self.lock:
            return list(self._objects.keys())

    def current_rv(self) -> int:
        with self.lock:
            return self.rv

    # MARK: writes

    def commit(self, key: tuple, obj: dict) -> dict:
        """Stores a created or changed object with the next resourceVersion; returns a copy."""
        with self.lock:
            meta = obj["metadata"]
            namespace, name = meta.get("namespace", ""), meta["name"]
            bucket = self._objects.setdefault(key, {})
            old = bucket.get((namespace, name))
            self.rv += 1
            meta["resourceVersion"] = str(self.rv)
            stored = jcopy(obj)
            bucket[(namespace, name)] = stored
            self._emit(Event(self.rv, "MODIFIED" if old is not None else "ADDED", key, namespace, name,
                             stored, old))
            return jcopy(stored)

    def delete(self, key: tuple, namespace: str, name: str) -> dict | None:
        """Removes an object; the DELETED event carries it with the deletion's resourceVersion."""
        with self.lock:
            bucket = self._objects.get(key, {})
            old = bucket.pop((namespace, name), None)
            if old is None:
                return None
            self.rv += 1
            gone = jcopy(old)
            gone["metadata"]["resourceVersion"] = str(self.rv)
            self._emit(Event(self.rv, "DELETED", key, namespace, name, gone, old))
            return jcopy(gone)

    def _emit(self, event: Event) -> None:
        self._history.append(event)
        for w in list(self._watchers):
            if w.wants(event):
                w.queue.put(event)
        for listener in self._listeners:
            listener(event)

    # MARK: watch

    def watch(self, key: tuple, namespace: str | None, since: int | None) -> tuple[Watcher, list, int]:
        """A watcher, the events to replay first, and the resourceVersion the watch starts at.

        `since` None means "now, after a synthetic ADDED for every current object".
        """
        with self.lock:
            watcher = Watcher(key, namespace)
            replay: list = []
            if since is None:
                for (ns, name), obj in sorted(self._objects.get(key, {}).items()):
                    if namespace is None or ns == namespace:
                        replay.append(Event(int(obj["metadata"]["resourceVersion"]), "ADDED", key, ns, name,
                                            obj))
            else:
                oldest = self._history[0].rv if self._history else self.rv + 1
                if since < oldest - 1 and since < self.rv:
                    raise TooOld(since, oldest - 1)
                replay = [e for e in self._history if e.rv > since and watcher.wants(e)]
            self._watchers.add(watcher)
            return watcher, [jcopy(e) for e in replay], self.rv

    def stop_watch(self, watcher: Watcher) -> None:
        with self.lock:
            self._watchers.discard(watcher)
            watcher.closed = True

    def close_all_watches(self) -> None:
        with self.lock:
            for w in self._watchers:
                w.queue.put(None)
