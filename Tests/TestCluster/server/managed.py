"""`metadata.managedFields`: who owns which fields, kept up to date on every write.

Entries are identified by (manager, operation, subresource). An update (create,
PUT, non-apply PATCH) gives its manager the fields it added or changed and
takes them from everyone else; an apply (see `apply.py`) sets its manager's
set to exactly the fields applied.
"""

from __future__ import annotations


from fieldpath import (MISSING, UNOWNED_METADATA, from_fields_v1, get_at, has_prefix, item_key, names, object_paths,
                       to_fields_v1, value_paths, without_subtrees)
from schema import Schema
from jsoncopy import jcopy


class Entry:
    def __init__(self, manager: str, operation: str, api_version: str, time: str | None,
                 subresource: str, fields: set):
        self.manager = manager
        self.operation = operation
        self.api_version = api_version
        self.time = time
        self.subresource = subresource
        self.fields = fields

    @property
    def identity(self) -> tuple:
        return (self.manager, self.operation, self.subresource)

    def describe(self) -> str:
        """How conflict messages name this manager (kube's printManager)."""
        text = '"' + self.manager + '"'
        if self.subresource:
            text += f' with subresource "{self.subresource}"'
        if self.operation == "Update":
            text += f" using {self.api_version}"
        return text

    def encode(self) -> dict:
        out = {"manager": self.manager, "operation": self.operation, "apiVersion": self.api_version}
        if self.time:
            out["time"] = self.time
        out["fieldsType"] = "FieldsV1"
        out["fieldsV1"] = to_fields_v1(self.fields)
        if self.subresource:
            out["subresource"] = self.subresource
        return out


def decode(raw) -> list[Entry]:
    entries = []
    if not isinstance(raw, list):
        return entries
    for item in raw:
        if not isinstance(item, dict) or not item.get("manager") and not item.get("fieldsV1"):
            continue
        entries.append(Entry(str(item.get("manager", "")), str(item.get("operation", "Update")),
                             str(item.get("apiVersion", "")), item.get("time"),
                             str(item.get("subresource", "")), from_fields_v1(item.get("fieldsV1") or {})))
    return entries


def encode(entries: list[Entry]) -> list[dict]:
    live = [e for e in entries if e.fields]
    live.sort(key=lambda e: (e.operation, e.time or "", e.manager, e.api_version, e.subresource))
    return [e.encode() for e in live]


def same_sets(a: list[Entry], b: list[Entry]) -> bool:
    """Equal ownership, ignoring timestamps (a no-op write must not count as a change)."""
    def key(entries):
        return sorted((e.identity, e.api_version, tuple(sorted(map(repr, e.fields)))) for e in entries if e.fields)
    return key(a) == key(b)


def changed_paths(old, new, schema: Schema, path: tuple = ()) -> tuple[set, set]:
    """(added or modified, removed) paths between two versions of an object."""
    added: set = set()
    removed: set = set()
    top = path == ()
    if isinstance(old, dict) and isinstance(new, dict) and not (path and schema.is_atomic_map(names(path))):
        keys = list(old.keys()) + [k for k in new.keys() if k not in old]
        for key in keys:
            if top and key in ("apiVersion", "kind"):
                continue
            p = path + (("f", key),)
            if top and key == "metadata":
                o = {k: v for k, v in (old.get(key) or {}).items() if k not in UNOWNED_METADATA} \
                    if isinstance(old.get(key), dict) else old.get(key, MISSING)
                n = {k: v for k, v in (new.get(key) or {}).items() if k not in UNOWNED_METADATA} \
                    if isinstance(new.get(key), dict) else new.get(key, MISSING)
                a, r = changed_paths(o, n, schema, p)
                added |= a
                removed |= r
                continue
            if key not in new:
                removed.add(p)
            elif key not in old:
                added |= value_paths(new[key], schema, p, mark_new_maps=True)
            else:
                a, r = changed_paths(old[key], new[key], schema, p)
                added |= a
                removed |= r
        return added, removed
    if isinstance(old, list) and isinstance(new, list) and path:
        info = schema.list_info(names(path))
        if info.kind == "map" and old and new:
            old_items = {item_key(i, info.keys): i for i in old}
            new_items = {item_key(i, info.keys): i for i in new}
            if None not in old_items and None not in new_items:
                for k, item in old_items.items():
                    if k not in new_items:
                        removed.add(path + (k,))
                for k, item in new_items.items():
                    ip = path + (k,)
                    if k not in old_items:
                        added.add(ip)
                        added |= object_paths(item, schema, mark_new_maps=True, top=False, path=ip)
                    else:
                        a, r = changed_paths(old_items[k], item, schema, ip)
                        added |= a
                        removed |= r
                return added, removed
        if info.kind == "set" and old and new:
            old_paths = value_paths(old, schema, path)
            new_paths = value_paths(new, schema, path)
            return new_paths - old_paths, old_paths - new_paths
    if old == new and type(old) is type(new):
        return added, removed
    if new is MISSING:
        removed.add(path)
    else:
        added |= value_paths(new, schema, path, mark_new_maps=True) if path else set()
    return added, removed


def record_update(old_obj: dict | None, new_obj: dict, entries: list[Entry], manager: str,
                  api_version: str, subresource: str, schema: Schema, now: str) -> list[Entry]:
    """Ownership after a non-apply write by `manager`."""
    if old_obj is None:
        added = object_paths(_scope(new_obj, subresource), schema, mark_new_maps=True)
        removed: set = set()
    else:
        added, removed = changed_paths(_scope(old_obj, subresource), _scope(new_obj, subresource), schema)
    touched = added | removed
    result: list[Entry] = []
    mine = None
    for e in entries:
        e = Entry(e.manager, e.operation, e.api_version, e.time, e.subresource, set(e.fields))
        if e.identity == (manager, "Update", subresource):
            mine = e
        else:
            e.fields = without_subtrees(e.fields, touched)
        result.append(e)
    if not touched:
        return result
    if mine is None:
        mine = Entry(manager, "Update", api_version, now, subresource, set())
        result.append(mine)
    mine.fields = without_subtrees(mine.fields, removed) | added
    mine.api_version = api_version
    mine.time = now
    return [e for e in result if e.fields]


def _scope(obj: dict, subresource: str) -> dict:
    """The part of an object a write through this subresource may own."""
    if subresource == "status":
        return {"status": obj["status"]} if "status" in obj else {}
    return obj


def owned_by_others(entries: list[Entry], identity: tuple) -> set:
    out: set = set()
    for e in entries:
        if e.identity != identity:
            out |= e.fields
    return out


def prune_paths(obj: dict, paths: set, keep: set) -> dict:
    """Removes `paths` from a copy of `obj`, deepest first, sparing nodes with kept descendants."""
    result = jcopy(obj)
    for p in sorted(paths, key=len, reverse=True):
        if any(has_prefix(k, p) and k != p for k in keep):
            continue
        _remove(result, p)
    return result


def _remove(obj, path: tuple) -> None:
    parents = [obj]
    node = obj
    for element in path[:-1]:
        node = get_at(node, (element,))
        if node is MISSING:
            return
        parents.append(node)
    container = parents[-1]
    kind, arg = path[-1]
    if kind == "f" and isinstance(container, dict):
        container.pop(arg, None)
    elif isinstance(container, list):
        target = get_at(container, (path[-1],))
        if target is not MISSING:
            for i, item in enumerate(container):
                if item is target:
                    del container[i]
                    break
    # Maps and lists emptied by the removal go too (their owner asked for the contents only).
    for depth in range(len(parents) - 1, 0, -1):
        child = parents[depth]
        if child:
            break
        parent = parents[depth - 1]
        k, a = path[depth - 1]
        if k == "f" and isinstance(parent, dict) and depth - 1 > 0:
            parent.pop(a, None)
        else:
            break
