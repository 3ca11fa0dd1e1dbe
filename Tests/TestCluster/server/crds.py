"""Serving custom resources: the types an Established CRD adds, and its schema rules.

When the CRD controller establishes a CRD, `serve` registers one
`ResourceType` per served version (conversion strategy None: one storage,
apiVersion rewritten on the way out), so discovery and the URL router see it.
Objects are checked against the version's structural schema the way
kube-apiserver does it for the common keywords (type, nullable, required,
enum, x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields) and
unknown fields are pruned. Format, pattern and numeric bounds and CEL rules
are not checked.
"""

from __future__ import annotations

import re

import status as st
from resources import ALL_VERBS, ResourceType
from schema import crd_schema

_VERSION = re.compile(r"^v(\d+)(?:(alpha|beta)(\d+))?$")


def version_priority(name: str) -> tuple:
    """kube's version order: GA before beta before alpha, higher numbers first, then others by name."""
    m = _VERSION.match(name)
    if not m:
        return (3, 0, 0, name)
    major, stage, minor = int(m.group(1)), m.group(2), int(m.group(3) or 0)
    rank = {None: 0, "beta": 1, "alpha": 2}[stage]
    return (rank, -major, -minor, name)


class CustomResources:
    def __init__(self, cluster):
        self.c = cluster

    def serve(self, crd: dict) -> None:
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        versions = [v for v in spec.get("versions") or [] if isinstance(v, dict) and v.get("served", True)]
        versions.sort(key=lambda v: version_priority(v.get("name", "")))
        types = []
        for index, v in enumerate(versions):
            subresources = {}
            sub = v.get("subresources") or {}
            if "status" in sub:
                subresources["status"] = ("", ["get", "patch", "update"], None, None)
            if "scale" in sub:
                subresources["scale"] = ("Scale", ["get", "patch", "update"], "autoscaling", "v1")
            schema_doc = (v.get("schema") or {}).get("openAPIV3Schema")
            types.append(ResourceType(
                group=spec.get("group", ""), version=v["name"], resource=names.get("plural", ""),
                kind=names.get("kind", ""), namespaced=spec.get("scope") == "Namespaced", verbs=list(ALL_VERBS),
                short_names=list(names.get("shortNames") or []), categories=list(names.get("categories") or []),
                subresources=subresources, has_generation=True, schema=crd_schema(schema_doc), custom=True,
                crd_name=crd["metadata"]["name"], preferred=index == 0, openapi=schema_doc))
        self.c.registry.set_custom(crd["metadata"]["name"], types)

    def unserve(self, crd_name: str) -> None:
        self.c.registry.set_custom(crd_name, [])

    def name_conflict(self, crd: dict) -> str:
        """Why the CRD's names clash with a served resource, or ""."""
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        group = spec.get("group", "")
        for t in self.c.registry.all():
            if t.group != group or t.crd_name == crd["metadata"]["name"]:
                continue
            if t.resource == names.get("plural"):
                return f'"{t.resource}" is already in use'
            if t.kind == names.get("kind"):
                return f'"{t.kind}" is already in use'
        return ""

    def validate(self, rt: ResourceType, obj: dict, pruned: list) -> list:
        """Prunes unknown fields in place (their paths go to `pruned`) and returns schema violations."""
        schema = rt.openapi
        if not isinstance(schema, dict):
            return []
        errors: list = []
        for key in list(obj.keys()):
            if key in ("apiVersion", "kind", "metadata"):
                continue
            props = schema.get("properties") or {}
            if key in props:
                obj[key] = _check(obj[key], props[key], key, errors, pruned)
            elif not schema.get("x-kubernetes-preserve-unknown-fields"):
                del obj[key]
                pruned.append(key)
        for name in schema.get("required") or []:
            if name not in obj:
                errors.append(st.FieldError("Required", name, ""))
        return errors


_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _check(value, schema: dict, path: str, errors: list, pruned: list):
    if not isinstance(schema, dict):
        return value
    if value is None:
        return value
    expected = schema.get("type")
    actual = _type_name(value)
    if schema.get("x-kubernetes-int-or-string"):
        if actual not in ("integer", "string"):
            errors.append(st.FieldError("Invalid", path, f"{path} in body must be of type int-or-string: "
                                        f'"{actual}"', actual, True))
        return value
    if expected:
        ok = actual == expected or (expected == "number" and actual == "integer")
        if not ok:
            errors.append(st.FieldError("Invalid", path, f'{path} in body must be of type {expected}: "{actual}"',
                                        actual, True))
            return value
    if "enum" in schema and value not in schema["enum"]:
        supported = ", ".join(st.go_value(v) for v in schema["enum"])
        errors.append(st.FieldError("NotSupported", path, f"supported values: {supported}", value, True))
    if isinstance(value, dict):
        props = schema.get("properties")
        extra = schema.get("additionalProperties")
        preserve = schema.get("x-kubernetes-preserve-unknown-fields")
        embedded = schema.get("x-kubernetes-embedded-resource")
        for key in list(value.keys()):
            sub = f"{path}.{key}"
            if props and key in props:
                value[key] = _check(value[key], props[key], sub, errors, pruned)
            elif isinstance(extra, dict):
                value[key] = _check(value[key], extra, sub, errors, pruned)
            elif extra is True or preserve or (embedded and key in ("apiVersion", "kind", "metadata")):
                continue
            elif props is not None or extra is False or expected == "object":
                del value[key]
                pruned.append(sub)
        for name in schema.get("required") or []:
            if name not in value:
                errors.append(st.FieldError("Required", f"{path}.{name}", ""))
    elif isinstance(value, list):
        items = schema.get("items")
        if isinstance(items, dict):
            for i, item in enumerate(value):
                value[i] = _check(item, items, f"{path}[{i}]", errors, pruned)
    return value
