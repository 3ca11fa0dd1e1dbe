"""Label and field selectors (`labelSelector=`, `fieldSelector=` on list and watch)."""

from __future__ import annotations

import re

import status as st

_KEY = re.compile(r"^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$")


class LabelSelector:
    """Requirements joined by AND: (key, op, values) with op in =, !=, in, notin, exists, !exists."""

    def __init__(self, requirements: list):
        self.requirements = requirements

    @staticmethod
    def parse(text: str | None) -> "LabelSelector":
        if not text:
            return LabelSelector([])
        requirements = []
        for part in _split_top(text):
            part = part.strip()
            if not part:
                raise st.bad_request(f"unable to parse requirement: found '', expected: identifier")
            requirements.append(_parse_requirement(part))
        return LabelSelector(requirements)

    @staticmethod
    def from_label_selector(selector: dict | None) -> "LabelSelector":
        """A metav1.LabelSelector (matchLabels and matchExpressions)."""
        requirements = []
        if isinstance(selector, dict):
            for k, v in (selector.get("matchLabels") or {}).items():
                requirements.append((k, "=", [str(v)]))
            for expr in selector.get("matchExpressions") or []:
                op = {"In": "in", "NotIn": "notin", "Exists": "exists", "DoesNotExist": "!exists"}.get(
                    expr.get("operator"), "in")
                requirements.append((expr.get("key", ""), op, [str(v) for v in expr.get("values") or []]))
        return LabelSelector(requirements)

    def matches(self, labels: dict | None) -> bool:
        labels = labels or {}
        for key, op, values in self.requirements:
            present = key in labels
            value = labels.get(key)
            if op == "=" and not (present and value == values[0]):
                return False
            if op == "!=" and present and value == values[0]:
                return False
            if op == "in" and not (present and value in values):
                return False
            if op == "notin" and present and value in values:
                return False
            if op == "exists" and not present:
                return False
            if op == "!exists" and present:
                return False
        return True


def _split_top(text: str) -> list[str]:
    """Splits on commas outside parentheses."""
    parts, depth, current = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _check_key(key: str, text: str) -> str:
    if not _KEY.match(key):
        raise st.bad_request(f"unable to parse requirement: invalid label key \"{key}\": name part must consist of "
                             "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                             "character")
    return key


def _parse_requirement(part: str) -> tuple:
    m = re.match(r"^\s*(\S+?)\s+(in|notin)\s*\((.*)\)\s*$", part)
    if m:
        values = [v.strip() for v in m.group(3).split(",") if v.strip()]
        return (_check_key(m.group(1), part), m.group(2), values)
    if part.startswith("!"):
        return (_check_key(part[1:].strip(), part), "!exists", [])
    for op, name in (("!=", "!="), ("==", "="), ("=", "=")):
        if op in part:
            key, value = part.split(op, 1)
            return (_check_key(key.strip(), part), name, [value.strip()])
    return (_check_key(part.strip(), part), "exists", [])


# Fields a field selector may use, per resource (beyond metadata.name and metadata.namespace).
EXTRA_FIELDS = {
    ("", "secrets"): {"type"},
    ("", "pods"): {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                   "status.phase", "status.podIP", "status.nominatedNodeName"},
    ("", "events"): {"involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                     "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                     "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"},
    ("", "namespaces"): {"status.phase"},
    ("", "services"): {"spec.clusterIP", "spec.type"},
}


class FieldSelector:
    def __init__(self, requirements: list):
        self.requirements = requirements

    @staticmethod
    def parse(text: str | None, group: str, resource: str, custom: bool) -> "FieldSelector":
        if not text:
            return FieldSelector([])
        allowed = {"metadata.name", "metadata.namespace"} | EXTRA_FIELDS.get((group, resource), set())
        requirements = []
        for part in text.split(","):
            part = part.strip()
            if not part:
                continue
            for op, name in (("!=", "!="), ("==", "="), ("=", "=")):
                if op in part:
                    field, value = part.split(op, 1)
                    break
            else:
                raise st.bad_request(f"invalid selector: '{text}'; can't understand '{part}'")
            field = field.strip()
            if field not in allowed:
                if custom:
                    raise st.bad_request(f'"{field}" is not a known field selector: only "metadata.name", '
                                         '"metadata.namespace"')
                raise st.bad_request(f"field label not supported: {field}")
            requirements.append((field, name, value.strip()))
        return FieldSelector(requirements)

    def name(self) -> str | None:
        """The object name when the selector pins one (`metadata.name=x`)."""
        for field, op, value in self.requirements:
            if field == "metadata.name" and op == "=":
                return value
        return None

    def matches(self, obj: dict) -> bool:
        for field, op, value in self.requirements:
            actual = _field_value(obj, field)
            if (op == "=") != (actual == value):
                return False
        return True


def _field_value(obj: dict, field: str) -> str:
    node = obj
    for part in field.split("."):
        if not isinstance(node, dict):
            return ""
        node = node.get(part)
    if node is None:
        return ""
    if isinstance(node, bool):
        return "true" if node else "false"
    return str(node)
