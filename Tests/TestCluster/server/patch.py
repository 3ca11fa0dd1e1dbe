"""The three classic patch formats: JSON patch, JSON merge patch, strategic merge patch.

Strategic merge patch follows k8s.io/apimachinery/pkg/util/strategicpatch for
the directives it defines (`$patch`, `$retainKeys`, `$deleteFromPrimitiveList/`,
`$setElementOrder/`) using the merge keys in `schema.py`; kube-apiserver
refuses it for custom resources (415), and so does this server.
"""

from __future__ import annotations

import json

import status as st
from schema import Schema
from jsoncopy import jcopy


class PatchError(Exception):
    """A patch that cannot be applied; `code` is 400 (malformed) or 422 (does not fit)."""

    def __init__(self, message: str, code: int = 422):
        super().__init__(message)
        self.code = code

    def api_error(self) -> st.ApiError:
        if self.code == 400:
            return st.bad_request(str(self))
        return st.ApiError(422, "Invalid", str(self))


# MARK: JSON merge patch (RFC 7386)

def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return jcopy(patch)
    out = jcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


# MARK: JSON patch (RFC 6902)

def _pointer(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        raise PatchError(f'invalid JSON pointer "{path}"', 400)
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _parent(doc, tokens: list[str], path: str):
    node = doc
    for t in tokens[:-1]:
        if isinstance(node, dict):
            if t not in node:
                raise PatchError(f"doc is missing path: \"{path}\": missing value")
            node = node[t]
        elif isinstance(node, list):
            try:
                node = node[int(t)]
            except (ValueError, IndexError):
                raise PatchError(f"doc is missing path: \"{path}\": missing value") from None
        else:
            raise PatchError(f"doc is missing path: \"{path}\": missing value")
    return node


def _get(doc, path: str):
    tokens = _pointer(path)
    if not tokens:
        return doc
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent[last]
    if isinstance(parent, list):
        try:
            return parent[int(last)]
        except (ValueError, IndexError):
            pass
    raise PatchError(f"doc is missing path: \"{path}\": missing value")


def _add(doc, path: str, value):
    tokens = _pointer(path)
    if not tokens:
        return value
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        if last == "-":
            parent.append(value)
        else:
            try:
                index = int(last)
            except ValueError:
                raise PatchError(f"unable to access invalid index: {last}") from None
            if index < 0 or index > len(parent):
                raise PatchError(f"add operation does not apply: doc is missing path: \"{path}\": missing value")
            parent.insert(index, value)
    else:
        raise PatchError(f"add operation does not apply: doc is missing path: \"{path}\": missing value")
    return doc


def _remove(doc, path: str):
    tokens = _pointer(path)
    if not tokens:
        raise PatchError("unable to remove the whole document")
    parent = _parent(doc, tokens, path)
    last = tokens[-1]
    if isinstance(parent, dict) and last in parent:
        return parent.pop(last)
    if isinstance(parent, list):
        try:
            return parent.pop(int(last))
        except (ValueError, IndexError):
            pass
    raise PatchError(f"remove operation does not apply: doc is missing path: \"{path}\": missing value")


def json_patch(doc, operations):
    if not isinstance(operations, list):
        raise PatchError("json: cannot unmarshal object into Go value of type jsonpatch.Patch", 400)
    doc = jcopy(doc)
    for op in operations:
        if not isinstance(op, dict) or "op" not in op:
            raise PatchError("Unexpected kind: missing op", 400)
        kind = op["op"]
        path = op.get("path")
        if not isinstance(path, str):
            raise PatchError(f"operation {kind} is missing path", 400)
        if kind == "add":
            doc = _add(doc, path, jcopy(op.get("value")))
        elif kind == "remove":
            _remove(doc, path)
        elif kind == "replace":
            _get(doc, path)
            if _pointer(path):
                _remove(doc, path)
            doc = _add(doc, path, jcopy(op.get("value")))
        elif kind == "move":
            value = _remove(doc, op.get("from", ""))
            doc = _add(doc, path, value)
        elif kind == "copy":
            doc = _add(doc, path, jcopy(_get(doc, op.get("from", ""))))
        elif kind == "test":
            if _get(doc, path) != op.get("value"):
                raise PatchError(f"testing value {path} failed: test failed")
        else:
            raise PatchError(f"Unexpected kind: {kind}", 400)
    return doc


# MARK: strategic merge patch

DELETE_PRIMITIVE = "$deleteFromPrimitiveList/"
SET_ORDER = "$setElementOrder/"


def strategic_merge_patch(target, patch, schema: Schema, path: tuple = ()):
    if not isinstance(patch, dict):
        return jcopy(patch)
    directive = patch.get("$patch")
    if directive == "delete":
        return None
    if directive == "replace":
        return {k: jcopy(v) for k, v in patch.items() if k != "$patch"}
    if directive not in (None, "merge"):
        raise PatchError(f"Unknown patch type: {directive} in map: {json.dumps(patch)}", 400)
    out = jcopy(target) if isinstance(target, dict) else {}
    retain = patch.get("$retainKeys")
    for key, value in patch.items():
        if key in ("$patch", "$retainKeys") or key.startswith(SET_ORDER):
            continue
        if key.startswith(DELETE_PRIMITIVE):
            field = key[len(DELETE_PRIMITIVE):]
            if isinstance(out.get(field), list) and isinstance(value, list):
                out[field] = [v for v in out[field] if v not in value]
            continue
        sub = path + (key,)
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict):
            merged = strategic_merge_patch(out.get(key), value, schema, sub)
            if merged is None:
                out.pop(key, None)
            else:
                out[key] = merged
        elif isinstance(value, list):
            out[key] = _patch_list(out.get(key), value, schema, sub)
        else:
            out[key] = jcopy(value)
    for key, order in patch.items():
        if key.startswith(SET_ORDER) and isinstance(order, list):
            field = key[len(SET_ORDER):]
            if isinstance(out.get(field), list):
                out[field] = _reorder(out[field], order, schema.list_info(path + (field,)).smp_key)
    if isinstance(retain, list):
        out = {k: v for k, v in out.items() if k in retain}
    return out


def _patch_list(current, patch: list, schema: Schema, path: tuple):
    info = schema.list_info(path)
    if "merge" not in info.smp_strategy:
        return [v for v in jcopy(patch) if not (isinstance(v, dict) and v.get("$patch"))]
    if any(isinstance(v, dict) and v.get("$patch") == "replace" for v in patch):
        return [jcopy(v) for v in patch if not (isinstance(v, dict) and "$patch" in v)]
    current = jcopy(current) if isinstance(current, list) else []
    key = info.smp_key
    if key is None:
        for v in patch:
            if v not in current:
                current.append(jcopy(v))
        return current
    for item in patch:
        if not isinstance(item, dict) or key not in item:
            raise PatchError(f"map: {json.dumps(item)} does not contain declared merge key: {key}", 400)
        index = next((i for i, c in enumerate(current) if isinstance(c, dict) and c.get(key) == item[key]), None)
        if item.get("$patch") == "delete":
            if index is not None:
                del current[index]
            continue
        if index is None:
            current.append(strategic_merge_patch({}, item, schema, path + ("[]",)))
        else:
            current[index] = strategic_merge_patch(current[index], item, schema, path + ("[]",))
    return current


def _reorder(items: list, order: list, key: str | None) -> list:
    def ident(v):
        return v.get(key) if key and isinstance(v, dict) else json.dumps(v, sort_keys=True)
    wanted = [ident(o) for o in order]
    ordered = sorted((i for i in items if ident(i) in wanted), key=lambda i: wanted.index(ident(i)))
    rest = [i for i in items if ident(i) not in wanted]
    return ordered + rest
