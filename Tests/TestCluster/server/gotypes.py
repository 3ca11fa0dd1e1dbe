"""Type checks kube-apiserver gets for free from decoding JSON into Go structs.

A built-in object with a string where Go has an int32 (a quoted port, say)
or a number where Go has a string (a label or ConfigMap value) never reaches
kube's validation: decoding fails with 400 and a message naming the Go field.
This server stores JSON as it comes, so it checks the fields where such
mistakes are common, with kube's wording.
"""

from __future__ import annotations

import status as st

STRING, INT32, INT_OR_STRING = "string", "int32", "intstr"

_META = [("metadata.labels.*", STRING, "ObjectMeta.metadata.labels"),
         ("metadata.annotations.*", STRING, "ObjectMeta.metadata.annotations")]


def _pod(prefix: str) -> list:
    return [(f"{prefix}.containers[].ports[].containerPort", INT32,
             f"ContainerPort.{prefix}.containers.ports.containerPort"),
            (f"{prefix}.containers[].image", STRING, f"Container.{prefix}.containers.image"),
            (f"{prefix}.containers[].env[].value", STRING, f"EnvVar.{prefix}.containers.env.value")]


CHECKS = {
    ("", "ConfigMap"): [("data.*", STRING, "ConfigMap.data"), ("binaryData.*", STRING, "ConfigMap.binaryData")],
    ("", "Secret"): [("data.*", STRING, "Secret.data"), ("stringData.*", STRING, "Secret.stringData")],
    ("", "Service"): [("spec.ports[].port", INT32, "ServicePort.spec.ports.port"),
                      ("spec.ports[].nodePort", INT32, "ServicePort.spec.ports.nodePort"),
                      ("spec.ports[].targetPort", INT_OR_STRING, "ServicePort.spec.ports.targetPort"),
                      ("spec.selector.*", STRING, "ServiceSpec.spec.selector")],
    ("", "Pod"): _pod("spec"),
    ("apps", "Deployment"): [("spec.replicas", INT32, "DeploymentSpec.spec.replicas")] + _pod("spec.template.spec"),
    ("apps", "StatefulSet"): [("spec.replicas", INT32, "StatefulSetSpec.spec.replicas")] + _pod("spec.template.spec"),
    ("apps", "DaemonSet"): _pod("spec.template.spec"),
}


def _json_type(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "null"


def _fits(value, go_type: str) -> bool:
    if value is None:
        return True
    if go_type == STRING:
        return isinstance(value, str)
    if go_type == INT32:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, (str, int)) and not isinstance(value, bool)


def _values(node, parts: list):
    if not parts:
        yield node
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        if isinstance(node, dict):
            for v in node.values():
                yield from _values(v, rest)
        return
    is_list = head.endswith("[]")
    key = head[:-2] if is_list else head
    if not isinstance(node, dict) or key not in node:
        return
    child = node[key]
    if is_list:
        for item in child if isinstance(child, list) else []:
            yield from _values(item, rest)
    else:
        yield from _values(child, rest)


def check(group: str, kind: str, obj: dict) -> None:
    """Raises kube's 400 decoding error for the first value of the wrong JSON type (metadata for every
    kind; pass an empty kind for custom resources)."""
    kind_name = obj.get("kind", kind)
    for path, go_type, field in _META + CHECKS.get((group, kind), []):
        for value in _values(obj, path.split(".")):
            if not _fits(value, go_type):
                shown = "string" if go_type == INT_OR_STRING else go_type
                version = obj.get("apiVersion", "").rpartition("/")[2] or "v1"
                raise st.bad_request(f'{kind_name} in version "{version}" cannot be handled as a {kind_name}: json: cannot '
                                     f"unmarshal {_json_type(value)} into Go struct field {field} of type {shown}")
