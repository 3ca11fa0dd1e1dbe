"""Server-side apply (`PATCH` with `application/apply-patch+yaml`).

The applied configuration is merged into the live object; fields another
manager owns with a different value are conflicts (409) unless forced, in which
case they change hands; fields this manager applied before but no longer
applies are removed unless someone else still owns them. The manager's set
becomes exactly the fields it applied.
"""

from __future__ import annotations


import status as st
from fieldpath import UNOWNED_METADATA, get_at, item_key, names, object_paths, path_string
from managed import Entry, owned_by_others, prune_paths
from schema import Schema
from jsoncopy import jcopy


def scope_config(config: dict, subresource: str, has_status: bool) -> dict:
    """The part of an applied configuration this endpoint takes."""
    if subresource == "status":
        return {"status": config["status"]} if "status" in config else {}
    out = {k: v for k, v in config.items() if k not in ("apiVersion", "kind")}
    if has_status:
        out.pop("status", None)
    if isinstance(out.get("metadata"), dict):
        out["metadata"] = {k: v for k, v in out["metadata"].items() if k not in UNOWNED_METADATA}
    return out


def merge(live, cfg, schema: Schema, path: tuple = ()):
    """The applied value over the live one, following the list and map types."""
    if isinstance(cfg, dict) and isinstance(live, dict) and not (path and schema.is_atomic_map(names(path))):
        out = jcopy(live)
        for key, value in cfg.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = merge(out[key], value, schema, path + (("f", key),))
            else:
                out[key] = jcopy(value)
        return out
    if isinstance(cfg, list) and isinstance(live, list) and path:
        info = schema.list_info(names(path))
        if info.kind == "set":
            out = jcopy(live)
            for item in cfg:
                if item not in out:
                    out.append(jcopy(item))
            return out
        if info.kind == "map":
            applied = {}
            for item in cfg:
                applied[item_key(item, info.keys)] = item
            if None in applied or any(item_key(i, info.keys) is None for i in live):
                return jcopy(cfg)
            out = []
            for item in live:
                k = item_key(item, info.keys)
                if k in applied:
                    out.append(merge(item, applied.pop(k), schema, path + (k,)))
                else:
                    out.append(jcopy(item))
            for item in cfg:
                if item_key(item, info.keys) in applied:
                    out.append(jcopy(item))
            return out
    return jcopy(cfg)


def server_side_apply(live: dict, config: dict, entries: list[Entry], *, manager: str, force: bool,
                      api_version: str, subresource: str, has_status: bool, schema: Schema,
                      now: str) -> tuple[dict, list[Entry]]:
    """The object and ownership after an apply; raises a 409 `ApiError` on conflicts."""
    scoped = scope_config(config, subresource, has_status)
    applied = object_paths(scoped, schema)
    identity = (manager, "Apply", subresource)
    entries = [Entry(e.manager, e.operation, e.api_version, e.time, e.subresource, set(e.fields))
               for e in entries]

    conflicts = []
    for e in entries:
        if e.identity == identity:
            continue
        for p in sorted(applied & e.fields, key=path_string):
            if p[-1][0] != "f":
                continue  # both want the list item to exist: no conflict
            if get_at(live, p) != get_at(scoped, p):
                conflicts.append((e, p))
    if conflicts and not force:
        raise conflict_error(conflicts)
    for e, p in conflicts:
        e.fields.discard(p)

    merged = merge(live, scoped, schema)
    mine = next((e for e in entries if e.identity == identity), None)
    previous = mine.fields if mine else set()
    others = owned_by_others(entries, identity)
    merged = prune_paths(merged, previous - applied - others, keep=others | applied)

    if mine is None:
        mine = Entry(manager, "Apply", api_version, now, subresource, set())
        entries.append(mine)
    mine.fields = applied
    mine.api_version = api_version
    return merged, [e for e in entries if e.fields]


def conflict_error(conflicts: list) -> st.ApiError:
    causes = [{"type": "FieldManagerConflict", "message": f"conflict with {e.describe()}",
               "field": path_string(p)} for e, p in conflicts]
    if len(conflicts) == 1:
        e, p = conflicts[0]
        message = f"Apply failed with 1 conflict: conflict with {e.describe()}: {path_string(p)}"
    else:
        by_manager: dict = {}
        for e, p in conflicts:
            by_manager.setdefault(e.describe(), []).append(path_string(p))
        lines = []
        for manager in sorted(by_manager):
            lines.append(f"conflicts with {manager}:")
            lines.extend(f"- {p}" for p in by_manager[manager])
        message = f"Apply failed with {len(conflicts)} conflicts: " + "\n".join(lines)
    return st.apply_conflict(message, causes)
