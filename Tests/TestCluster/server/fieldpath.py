"""Field paths and field sets, the vocabulary of managed fields.

A path is a tuple of elements:
  ("f", name)          a field of a map or struct
  ("k", ((key, value), ...))  the item of a list map with these key values
  ("v", json)          the item of a set with this value (JSON text)
A field set is a Python set of paths; a path in the set is owned. It serialises
to the `FieldsV1` trie (`f:`, `k:`, `v:` prefixes, `.` for a node owned
itself that also has owned children), and prints as `.spec.replicas`,
`.spec.containers[name="app"].image` in conflict messages.
"""

from __future__ import annotations

import json

from schema import Schema

# Fields the API server sets or that name the object; they are never owned.
UNOWNED_METADATA = {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                    "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"}

# Go map fields (as opposed to structs, which always serialise): adding one
# makes its own node owned by an update, as kube-apiserver records it.
GO_MAP_FIELDS = {"labels", "annotations", "data", "binaryData", "stringData", "matchLabels",
                 "nodeSelector", "selector", "limits", "requests", "capacity", "allocatable"}


def _json(value) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def item_key(item, keys: tuple) -> tuple | None:
    """The ("k", …) element of a list-map item, or None when the item lacks a key."""
    if not isinstance(item, dict):
        return None
    pairs = []
    for k in keys:
        if k in item:
            pairs.append((k, _json(item[k])))
    if not pairs:
        return None
    return ("k", tuple(sorted(pairs)))


def names(path: tuple) -> tuple:
    """Schema lookup form: field names, with `[]` for list items."""
    return tuple(p[1] if p[0] == "f" else "[]" for p in path)


def object_paths(obj: dict, schema: Schema, *, mark_new_maps: bool = False, top: bool = True,
                 path: tuple = ()) -> set:
    """Every owned path of an object as an applier sets it (leaves, list items, key fields).

    With `mark_new_maps`, Go map nodes and list items are owned themselves too,
    which is how an update records fields it created.
    """
    out: set = set()
    if not isinstance(obj, dict):
        return out
    for key, value in obj.items():
        if top and key in ("apiVersion", "kind"):
            continue
        p = path + (("f", key),)
        if top and key == "metadata" and isinstance(value, dict):
            meta = {k: v for k, v in value.items() if k not in UNOWNED_METADATA}
            out |= object_paths(meta, schema, mark_new_maps=mark_new_maps, top=False, path=p)
            continue
        out |= value_paths(value, schema, p, mark_new_maps=mark_new_maps)
    return out


def value_paths(value, schema: Schema, p: tuple, *, mark_new_maps: bool = False) -> set:
    out: set = set()
    if isinstance(value, dict):
        if not value or schema.is_atomic_map(names(p)):
            out.add(p)
            return out
        if mark_new_maps and p[-1][0] == "f" and p[-1][1] in GO_MAP_FIELDS:
            out.add(p)
        out |= object_paths(value, schema, mark_new_maps=mark_new_maps, top=False, path=p)
        return out
    if isinstance(value, list):
        info = schema.list_info(names(p))
        if not value or info.kind == "atomic":
            out.add(p)
            return out
        if info.kind == "set":
            for item in value:
                out.add(p + (("v", _json(item)),))
            return out
        for item in value:
            element = item_key(item, info.keys)
            if element is None:
                # An item without its keys cannot be tracked on its own.
                out.add(p)
                continue
            ip = p + (element,)
            out.add(ip)
            out |= object_paths(item, schema, mark_new_maps=mark_new_maps, top=False, path=ip)
        return out
    out.add(p)
    return out


_MISSING = object()


def get_at(obj, path: tuple, schema: Schema | None = None):
    """The value at a path, or `MISSING`."""
    node = obj
    for element in path:
        kind, arg = element
        if kind == "f":
            if not isinstance(node, dict) or arg not in node:
                return _MISSING
            node = node[arg]
        elif kind == "k":
            if not isinstance(node, list):
                return _MISSING
            wanted = dict(arg)
            for item in node:
                if isinstance(item, dict) and all(k in item and _json(item[k]) == v for k, v in wanted.items()):
                    node = item
                    break
            else:
                return _MISSING
        else:
            if not isinstance(node, list):
                return _MISSING
            for item in node:
                if _json(item) == arg:
                    node = item
                    break
            else:
                return _MISSING
    return node


MISSING = _MISSING


def has_prefix(path: tuple, prefix: tuple) -> bool:
    return len(path) >= len(prefix) and path[:len(prefix)] == prefix


def without_subtrees(paths: set, roots: set) -> set:
    """`paths` minus every path that is one of `roots` or lies below one."""
    if not roots:
        return set(paths)
    return {p for p in paths if not any(has_prefix(p, r) for r in roots)}


# MARK: FieldsV1

def _element_text(element) -> str:
    kind, arg = element
    if kind == "f":
        return "f:" + arg
    if kind == "k":
        body = ",".join(f"{json.dumps(k)}:{v}" for k, v in arg)
        return "k:{" + body + "}"
    return "v:" + arg


def to_fields_v1(paths: set) -> dict:
    trie: dict = {}
    members: set = set()
    for p in paths:
        node = trie
        for element in p:
            node = node.setdefault(element, {})
        members.add(p)

    def render(node: dict, prefix: tuple) -> dict:
        out: dict = {}
        if prefix in members and node:
            out["."] = {}
        for element in sorted(node, key=_element_text):
            out[_element_text(element)] = render(node[element], prefix + (element,))
        return out

    return render(trie, ())


def from_fields_v1(fields: dict) -> set:
    out: set = set()

    def walk(node: dict, prefix: tuple):
        if not node and prefix:
            out.add(prefix)
            return
        for text, child in node.items():
            if text == ".":
                out.add(prefix)
                continue
            element = _parse_element(text)
            if element is None or not isinstance(child, dict):
                continue
            walk(child, prefix + (element,))

    if isinstance(fields, dict):
        walk(fields, ())
    return out


def _parse_element(text: str):
    if text.startswith("f:"):
        return ("f", text[2:])
    if text.startswith("v:"):
        return ("v", _json(json.loads(text[2:])))
    if text.startswith("k:"):
        keys = json.loads(text[2:])
        if not isinstance(keys, dict):
            return None
        return ("k", tuple(sorted((k, _json(v)) for k, v in keys.items())))
    return None


# MARK: printing

def path_string(path: tuple) -> str:
    """fieldpath.Path's String(): `.spec.containers[name="app"].image`."""
    out = []
    for kind, arg in path:
        if kind == "f":
            out.append("." + arg)
        elif kind == "k":
            out.append("[" + ",".join(f"{k}={v}" for k, v in arg) + "]")
        else:
            out.append("[=" + arg + "]")
    return "".join(out)
