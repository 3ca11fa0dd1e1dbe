"""get, list (selectors, pagination) and watch (chunked event streams)."""

from __future__ import annotations

import base64
import json
import queue
import time

import status as st
from exchange import Request, Response, Wanted, negotiate
from selection import FieldSelector, LabelSelector
from store import TooOld

NAME_DESCRIPTION = ("Name must be unique within a namespace. Is required when creating resources, although some "
                    "resources may allow a client to request the generation of an appropriate name automatically. "
                    "Name is primarily intended for creation idempotence and configuration definition. Cannot be "
                    "updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
CREATED_DESCRIPTION = ("CreationTimestamp is a timestamp representing the server time when this object was created. "
                       "It is not guaranteed to be set in happens-before order across separate operations. Clients "
                       "may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the "
                       "system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/"
                       "sig-architecture/api-conventions.md#metadata")


def present(obj: dict, rt) -> dict:
    """An object as served through one version of its resource."""
    obj["apiVersion"] = rt.api_version
    obj["kind"] = rt.kind
    return obj


def partial_metadata(obj: dict) -> dict:
    return {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": obj["metadata"]}


class Reads:
    def __init__(self, cluster):
        self.c = cluster

    def get(self, req: Request, target) -> Response:
        rt = target.rtype
        wanted = negotiate(req.header("accept"), req.query)
        obj = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
        if obj is None:
            raise st.not_found(rt.resource, rt.group, target.name)
        obj = present(obj, rt)
        if wanted.shape == "table":
            return Response.json(200, self.table(rt, [obj], obj["metadata"]["resourceVersion"], wanted))
        if wanted.shape == "metadata":
            return Response.json(200, partial_metadata(obj))
        return Response.json(200, obj)

    def _selectors(self, req: Request, rt):
        labels = LabelSelector.parse(req.query.get("labelSelector"))
        fields = FieldSelector.parse(req.query.get("fieldSelector"), rt.group, rt.resource, rt.custom)
        return labels, fields

    def list_or_watch(self, req: Request, target, watch: bool) -> Response:
        rt = target.rtype
        wanted = negotiate(req.header("accept"), req.query)
        labels, fields = self._selectors(req, rt)
        if target.name:
            fields.requirements.append(("metadata.name", "=", target.name))
        if watch:
            return self.watch(req, target, labels, fields, wanted)
        items, rv = self.c.store.list(rt.storage_key, target.namespace)
        self._check_list_version(req, rv)
        items = [present(o, rt) for o in items
                 if labels.matches(o["metadata"].get("labels")) and fields.matches(o)]
        meta: dict = {"resourceVersion": str(rv)}
        items, meta = self._page(req, items, rv, meta)
        if wanted.shape == "table":
            table = self.table(rt, items, str(rv), wanted)
            table["metadata"] = meta
            return Response.json(200, table)
        if wanted.shape == "metadata":
            return Response.json(200, {"kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1",
                                       "metadata": meta, "items": [partial_metadata(o) for o in items]})
        if not rt.custom:
            # kube-apiserver leaves out the items' kind and apiVersion for built-in kinds.
            for o in items:
                o.pop("kind", None)
                o.pop("apiVersion", None)
        return Response.json(200, {"kind": rt.list_kind, "apiVersion": rt.api_version, "metadata": meta,
                                   "items": items})

    @staticmethod
    def _check_list_version(req: Request, current: int) -> None:
        """Lists are served from the current state (this server keeps no snapshots)."""
        text = req.query.get("resourceVersion", "")
        match = req.query.get("resourceVersionMatch", "")
        if match and match not in ("Exact", "NotOlderThan"):
            raise st.ApiError(422, "Invalid", f'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: '
                                              f'Unsupported value: "{match}": supported values: "Exact", "NotOlderThan"')
        if match and not text:
            raise st.ApiError(422, "Invalid", 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: '
                                              'Forbidden: resourceVersionMatch is forbidden unless resourceVersion '
                                              'is provided')
        if not text or text == "0":
            return
        try:
            wanted = int(text)
        except ValueError:
            raise st.bad_request(f'resourceVersion: Invalid value: "{text}": must be a non-negative integer') \
                from None
        if wanted > current:
            err = st.timeout(f"Too large resource version: {wanted}, current: {current}")
            err.details["causes"] = [{"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}]
            raise err
        if match == "Exact" and wanted != current:
            raise st.gone(f"too old resource version: {wanted} ({current})")

    def _page(self, req: Request, items: list, rv: int, meta: dict) -> tuple[list, dict]:
        token = req.query.get("continue")
        if token:
            try:
                state = json.loads(base64.b64decode(token))
                start = tuple(state["start"])
            except (ValueError, KeyError, TypeError):
                raise st.bad_request("continue key is not valid: incorrect encoded start resourceVersion "
                                     "(version meta.k8s.io/v1)") from None
            items = [o for o in items if (o["metadata"].get("namespace", ""), o["metadata"]["name"]) > start]
        limit = req.query.get("limit")
        if limit:
            try:
                n = int(limit)
            except ValueError:
                raise st.bad_request(f"limit: Invalid value: \"{limit}\"") from None
            if 0 < n < len(items):
                last = items[n - 1]["metadata"]
                state = {"v": "meta.k8s.io/v1", "rv": rv, "start": [last.get("namespace", ""), last["name"]]}
                meta["continue"] = base64.b64encode(json.dumps(state).encode()).decode()
                meta["remainingItemCount"] = len(items) - n
                items = items[:n]
        return items, meta

    # MARK: tables

    def table(self, rt, objects: list, rv: str, wanted: Wanted) -> dict:
        columns = [
            {"name": "Name", "type": "string", "format": "name", "description": NAME_DESCRIPTION, "priority": 0},
            {"name": "Created At", "type": "date", "format": "", "description": CREATED_DESCRIPTION,
             "priority": 0},
        ]
        rows = []
        for o in objects:
            row = {"cells": [o["metadata"]["name"], o["metadata"].get("creationTimestamp")]}
            if wanted.include_object == "Object":
                row["object"] = o
            elif wanted.include_object != "None":
                row["object"] = partial_metadata(o)
            rows.append(row)
        return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": rv},
                "columnDefinitions": columns, "rows": rows}

    # MARK: watch

    def watch(self, req: Request, target, labels, fields, wanted: Wanted) -> Response:
        rt = target.rtype
        rv_param = req.query.get("resourceVersion", "")
        send_initial = req.query.get("sendInitialEvents", "").lower() == "true"
        since = None
        if rv_param not in ("", "0") and not send_initial:
            try:
                since = int(rv_param)
            except ValueError:
                raise st.bad_request(f'resourceVersion: Invalid value: "{rv_param}"') from None
        timeout = _timeout(req.query.get("timeoutSeconds"), self.c.config.get("watchTimeoutSeconds", 1800))
        bookmarks = req.flag("allowWatchBookmarks")
        if send_initial:
            errors = []
            if req.query.get("resourceVersionMatch") != "NotOlderThan":
                errors.append(f'resourceVersionMatch: Forbidden: sendInitialEvents requires setting '
                              f'resourceVersionMatch to NotOlderThan')
            if not bookmarks:
                errors.append("allowWatchBookmarks: Forbidden: sendInitialEvents requires setting "
                              "allowWatchBookmarks to true")
            if errors:
                summary = errors[0] if len(errors) == 1 else "[" + ", ".join(errors) + "]"
                raise st.ApiError(422, "Invalid", f'ListOptions.meta.k8s.io "" is invalid: {summary}')
        try:
            watcher, replay, start_rv = self.c.store.watch(rt.storage_key, target.namespace, since)
        except TooOld as e:
            error = st.gone(str(e)).status()
            body = (json.dumps({"type": "ERROR", "object": error}) + "\n").encode()
            return Response(200, stream=iter([body]))
        cluster = self.c

        def encode(kind: str, obj: dict) -> bytes:
            if wanted.shape == "table" and kind != "BOOKMARK":
                obj = self.table(rt, [obj], obj["metadata"]["resourceVersion"], wanted)
            elif wanted.shape == "metadata" and kind != "BOOKMARK":
                obj = partial_metadata(obj)
            return (json.dumps({"type": kind, "object": obj}, separators=(",", ":")) + "\n").encode()

        def visible(obj) -> bool:
            return obj is not None and labels.matches(obj["metadata"].get("labels")) and fields.matches(obj)

        def translate(event):
            """The event this watcher sees, given its selectors (objects move in and out of them)."""
            now_in = visible(event.obj) if event.type != "DELETED" else False
            was_in = visible(event.old) if event.type != "ADDED" else False
            if event.type == "DELETED":
                return ("DELETED", event.obj) if visible(event.obj) else None
            if now_in and was_in:
                return ("MODIFIED", event.obj)
            if now_in:
                return ("ADDED", event.obj)
            if was_in:
                gone = dict(event.obj)
                return ("DELETED", gone)
            return None

        def bookmark(rv: int, initial_end: bool = False) -> bytes:
            meta = {"resourceVersion": str(rv)}
            if initial_end:
                meta["annotations"] = {"k8s.io/initial-events-end": "true"}
            return encode("BOOKMARK", {"kind": rt.kind, "apiVersion": rt.api_version, "metadata": meta})

        def stream():
            deadline = time.monotonic() + timeout
            last_rv = start_rv
            try:
                for event in replay:
                    if since is None:
                        if visible(event.obj):
                            yield encode("ADDED", present(dict(event.obj), rt))
                    else:
                        out = translate(event)
                        if out:
                            yield encode(out[0], present(dict(out[1]), rt))
                    last_rv = max(last_rv, event.rv)
                if send_initial and bookmarks:
                    yield bookmark(start_rv, initial_end=True)
                interval = cluster.config.get("bookmarkIntervalSeconds", 60)
                next_bookmark = time.monotonic() + interval
                while True:
                    now = time.monotonic()
                    if now >= deadline or cluster.stopping.is_set():
                        return
                    wait = deadline - now
                    if bookmarks:
                        wait = min(wait, max(0.0, next_bookmark - now))
                    try:
                        event = watcher.queue.get(timeout=wait)
                    except queue.Empty:
                        if bookmarks and time.monotonic() >= next_bookmark:
                            yield bookmark(last_rv)
                            next_bookmark = time.monotonic() + interval
                        continue
                    if event is None:
                        return
                    last_rv = event.rv
                    out = translate(event)
                    if out:
                        yield encode(out[0], present(dict(out[1]), rt))
            finally:
                cluster.store.stop_watch(watcher)

        return Response(200, stream=stream())


def _timeout(text: str | None, default: float) -> float:
    if not text:
        return float(default)
    try:
        return max(0.0, float(int(text)))
    except ValueError:
        raise st.bad_request(f'timeoutSeconds: Invalid value: "{text}"') from None
