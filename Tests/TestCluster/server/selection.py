"""Label and field selectors (`labelSelector=`, `fieldSelector=` on list and watch)."""

from __future__ import annotations

import re

import status as st
from objects import LABEL_VALUE_MSG, QUALIFIED_NAME_MSG, label_key_valid, label_value_valid

# The selector grammar's tokens: operators and punctuation, keywords, identifiers.
_SPECIAL = "=!(),<>"
_SYMBOLS = {")", ",", "!", "==", "=", ">", "<", "!=", "("}
_KEYWORDS = {"in", "notin"}
_END = ("end", "")


def _tokens(text: str) -> list:
    """(kind, literal) pairs: kind is the literal for symbols and keywords, "id" for identifiers, then "end"."""
    out, i = [], 0
    while True:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        if i == len(text):
            out.append(_END)
            return out
        if text[i] in _SPECIAL:
            # The longest run of special characters that still spells a symbol.
            j, symbol = i, None
            while j < len(text) and text[j] in _SPECIAL:
                if text[i:j + 1] in _SYMBOLS:
                    symbol = text[i:j + 1]
                elif symbol is not None:
                    break
                j += 1
            out.append((symbol, symbol))  # every special character alone is a symbol
            i += len(symbol)
            continue
        j = i
        while j < len(text) and text[j] not in _SPECIAL and text[j] not in " \t\r\n":
            j += 1
        word = text[i:j]
        out.append((word if word in _KEYWORDS else "id", word))
        i = j


class _Parser:
    """kube's label selector grammar: requirements joined by commas, each `[!]key`,
    `key (=|==|!=|>|<) value` or `key (in|notin) (values)`; `in` and `notin` are
    identifiers wherever a value may stand."""

    def __init__(self, text: str):
        self.items = _tokens(text)
        self.pos = 0

    def peek(self, values: bool = True) -> tuple:
        kind, literal = self.items[self.pos]
        return ("id" if values and kind in _KEYWORDS else kind), literal

    def take(self, values: bool = True) -> tuple:
        item = self.peek(values)
        self.pos += 1
        return item

    def parse(self) -> list:
        requirements = []
        while True:
            kind, literal = self.peek()
            if kind == "end":
                return requirements
            if kind not in ("id", "!"):
                raise st.bad_request(f"found '{literal}', expected: !, identifier, or 'end of string'")
            try:
                requirements.append(self.requirement())
            except _Invalid as e:
                raise st.bad_request(f"unable to parse requirement: {e}") from None
            kind, literal = self.take()
            if kind == "end":
                return requirements
            if kind != ",":
                raise st.bad_request(f"found '{literal}', expected: ',' or 'end of string'")
            after, text = self.peek()
            if after not in ("id", "!"):
                raise st.bad_request(f"found '{text}', expected: identifier after ','")

    def requirement(self) -> tuple:
        negated = False
        kind, key = self.take()
        if kind == "!":
            negated = True
            kind, key = self.take()
        if kind != "id":
            raise _Invalid(f"found '{key}', expected: identifier")
        _check_key(key)
        if self.peek()[0] in ("end", ","):
            return (key, "!exists" if negated else "exists", [])
        kind, literal = self.take(values=False)
        ops = {"=": "=", "==": "=", "!=": "!=", ">": "gt", "<": "lt", "in": "in", "notin": "notin"}
        if kind not in ops:
            raise _Invalid(f"found '{literal}', expected: '=', '!=', '==', 'in', notin'")
        op = ops[kind]
        values = self.set_values() if op in ("in", "notin") else [self.exact_value()]
        for i, value in enumerate(sorted(set(values))):
            if not label_value_valid(value):
                raise _Invalid(f'values[{i}][{key}]: Invalid value: "{value}": {LABEL_VALUE_MSG}')
        if op in ("gt", "lt") and not re.fullmatch(r"[-+]?[0-9]+", values[0]):
            raise _Invalid("values[0]: Invalid value: \"%s\": for 'Gt', 'Lt' operators, the value must be an integer"
                           % values[0])
        return (key, op, values)

    def exact_value(self) -> str:
        if self.peek()[0] in ("end", ","):
            return ""
        kind, literal = self.take()
        if kind != "id":
            raise _Invalid(f"found '{literal}', expected: identifier")
        return literal

    def set_values(self) -> list:
        kind, literal = self.take()
        if kind != "(":
            raise _Invalid(f"found '{literal}' expected: '('")
        kind, literal = self.peek()
        if kind not in ("id", ",", ")"):
            raise _Invalid(f"found '{literal}', expected: ',', ')' or identifier")
        values = []
        while True:
            kind, literal = self.take()
            if kind == ")":
                return values or [""]
            if kind == ",":
                # Empty values: "(,a)", "(a,)" and "(a,,b)" all hold "".
                if not values or self.peek()[0] in (",", ")"):
                    values.append("")
                continue
            if kind != "id":
                raise _Invalid(f"found '{literal}', expected: ',', or identifier")
            values.append(literal)
            following, text = self.peek()
            if following not in (",", ")"):
                raise _Invalid(f"found '{text}', expected: ',' or ')'")


class _Invalid(Exception):
    """A requirement that does not parse; kube prefixes its message with "unable to parse requirement: "."""


def _check_key(key: str) -> None:
    if not label_key_valid(key):
        raise _Invalid(f'<nil>: Invalid value: "{key}": {QUALIFIED_NAME_MSG}')


class LabelSelector:
    """Requirements joined by AND: (key, op, values) with op in =, !=, in, notin, exists, !exists, gt, lt."""

    def __init__(self, requirements: list):
        self.requirements = requirements

    @staticmethod
    def parse(text: str | None) -> "LabelSelector":
        return LabelSelector(_Parser(text or "").parse())

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
            if op in ("gt", "lt"):
                try:
                    number = int(value) if present else None
                except ValueError:
                    number = None
                if number is None or not (number > int(values[0]) if op == "gt" else number < int(values[0])):
                    return False
        return True


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
