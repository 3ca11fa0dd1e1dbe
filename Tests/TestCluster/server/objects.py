"""Object metadata rules: names, timestamps, uids, generation, and per-kind defaults.

What kube-apiserver's registry strategies do on create and update, for the
parts clients can observe: name validation messages, `generation` bumps on
spec changes, status reset through the main resource, and the defaults that
show up in a returned object (Service cluster IPs and ports, Secret type,
Namespace finalizer and phase, Deployment strategy…).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re
import uuid

import status as st
from jsoncopy import jcopy

DNS1123_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
DNS1123_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
DNS1035_LABEL = re.compile(r"^[a-z]([-a-z0-9]*[a-z0-9])?$")

SUBDOMAIN_MSG = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                 "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                 "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
LABEL_MSG = ("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
             "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
             "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')")
DNS1035_MSG = ("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
               "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
               "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")

# Kinds whose names are DNS labels or path segments rather than DNS subdomains.
LABEL_NAMED = {("", "Namespace")}
DNS1035_NAMED = {("", "Service")}
SEGMENT_NAMED = {("rbac.authorization.k8s.io", k) for k in ("Role", "ClusterRole", "RoleBinding",
                                                            "ClusterRoleBinding")}


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_uid() -> str:
    return str(uuid.uuid4())


def name_errors(group: str, kind: str, name: str) -> list:
    errors = []
    if (group, kind) in SEGMENT_NAMED:
        if name in (".", "..") or "/" in name or "%" in name:
            errors.append(st.FieldError("Invalid", "metadata.name", f"may not contain '/' or '%'", name, True))
        return errors
    if (group, kind) in LABEL_NAMED:
        pattern, message, limit = DNS1123_LABEL, LABEL_MSG, 63
    elif (group, kind) in DNS1035_NAMED:
        pattern, message, limit = DNS1035_LABEL, DNS1035_MSG, 63
    else:
        pattern, message, limit = DNS1123_SUBDOMAIN, SUBDOMAIN_MSG, 253
    if len(name) > limit:
        errors.append(st.FieldError("Invalid", "metadata.name", f"must be no more than {limit} characters",
                                    name, True))
    if not pattern.match(name):
        errors.append(st.FieldError("Invalid", "metadata.name", message, name, True))
    return errors


LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")
QUALIFIED_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")
LABEL_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                   "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                   "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
QUALIFIED_NAME_MSG = ("name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                      "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                      "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")


def label_value_valid(value: str) -> bool:
    return len(value) <= 63 and LABEL_VALUE.match(value) is not None


def label_key_valid(key: str) -> bool:
    """A qualified name: `[DNS subdomain/]name`, the name at most 63 characters."""
    prefix, _, name = key.rpartition("/")
    ok = bool(name) and len(name) <= 63 and QUALIFIED_NAME.match(name) is not None
    if prefix:
        ok = ok and len(prefix) <= 253 and DNS1123_SUBDOMAIN.match(prefix) is not None
    return ok


def label_errors(meta: dict, prefix: str = "metadata") -> list:
    errors = []
    labels = meta.get("labels")
    if labels is not None and not isinstance(labels, dict):
        return [st.FieldError("Invalid", f"{prefix}.labels", "must be a map of strings", None, False)]
    for key, value in (labels or {}).items():
        errors.extend(_key_errors(key, f"{prefix}.labels"))
        if not label_value_valid(str(value)):
            errors.append(st.FieldError("Invalid", f"{prefix}.labels", LABEL_VALUE_MSG, value, True))
    annotations = meta.get("annotations")
    for key, value in (annotations or {}).items() if isinstance(annotations, dict) else []:
        errors.extend(_key_errors(key, f"{prefix}.annotations"))
    return errors


def _key_errors(key: str, field: str) -> list:
    return [] if label_key_valid(key) else [st.FieldError("Invalid", field, QUALIFIED_NAME_MSG, key, True)]


def spec_changed(old: dict, new: dict, custom: bool) -> bool:
    """Whether a write changes what `generation` counts (spec, or all but metadata and status)."""
    if "spec" in old or "spec" in new:
        if old.get("spec") != new.get("spec"):
            return True
        if not custom:
            return False

    def body(o):
        return {k: v for k, v in o.items() if k not in ("metadata", "status", "apiVersion", "kind")}
    return body(old) != body(new)


def match_selector(selector: dict, labels: dict) -> bool:
    from selection import LabelSelector
    return LabelSelector.from_label_selector(selector).matches(labels)


class Allocator:
    """Cluster IPs and node ports for Services."""

    def __init__(self):
        self._next_ip = 10
        self._next_port = 30000

    def cluster_ip(self) -> str:
        self._next_ip += 1
        n = self._next_ip
        return f"10.96.{n // 254}.{n % 254 + 1}"

    def node_port(self) -> int:
        self._next_port += 1
        return 30000 + (self._next_port - 30000) * 37 % 2767


def default_pod_spec(spec: dict) -> None:
    spec.setdefault("restartPolicy", "Always")
    spec.setdefault("terminationGracePeriodSeconds", 30)
    spec.setdefault("dnsPolicy", "ClusterFirst")
    spec.setdefault("securityContext", {})
    spec.setdefault("schedulerName", "default-scheduler")
    for key in ("containers", "initContainers"):
        for c in spec.get(key) or []:
            if not isinstance(c, dict):
                continue
            c.setdefault("terminationMessagePath", "/dev/termination-log")
            c.setdefault("terminationMessagePolicy", "File")
            image = str(c.get("image", ""))
            tag = image.rsplit("/", 1)[-1]
            c.setdefault("imagePullPolicy", "Always" if ":" not in tag or tag.endswith(":latest") else
                         "IfNotPresent")
            c.setdefault("resources", {})
            for port in c.get("ports") or []:
                if isinstance(port, dict):
                    port.setdefault("protocol", "TCP")


def default_list_keys(group: str, kind: str, obj: dict) -> None:
    """Defaults for fields that are keys of list maps (ports' `protocol`), applied to apply
    configurations too: otherwise `{port: 80}` and the stored `{port: 80, protocol: TCP}` would
    be two different items."""
    spec = obj.get("spec") if isinstance(obj.get("spec"), dict) else None
    if spec is None:
        return
    if (group, kind) == ("", "Service"):
        for port in spec.get("ports") or []:
            if isinstance(port, dict):
                port.setdefault("protocol", "TCP")
        return
    pod_specs = []
    if (group, kind) == ("", "Pod"):
        pod_specs.append(spec)
    elif (group, kind) == ("batch", "CronJob"):
        pod_specs.append((((spec.get("jobTemplate") or {}).get("spec") or {}).get("template") or {}).get("spec"))
    elif isinstance(spec.get("template"), dict):
        pod_specs.append(spec["template"].get("spec"))
    for pod_spec in pod_specs:
        if not isinstance(pod_spec, dict):
            continue
        for key in ("containers", "initContainers", "ephemeralContainers"):
            for container in pod_spec.get(key) or []:
                for port in (container.get("ports") or []) if isinstance(container, dict) else []:
                    if isinstance(port, dict):
                        port.setdefault("protocol", "TCP")


def carry_allocated(group: str, kind: str, old: dict, new: dict) -> None:
    """An update that leaves out a Service's allocated addresses and ports keeps them, as in kube."""
    if (group, kind) != ("", "Service"):
        return
    old_spec, new_spec = old.get("spec") or {}, new.get("spec")
    if not isinstance(new_spec, dict):
        return
    for key in ("clusterIP", "clusterIPs", "healthCheckNodePort"):
        if key in old_spec and not new_spec.get(key):
            new_spec[key] = jcopy(old_spec[key])
    if new_spec.get("type") in ("NodePort", "LoadBalancer"):
        allocated = {(p.get("port"), p.get("protocol", "TCP")): p.get("nodePort")
                     for p in old_spec.get("ports") or [] if isinstance(p, dict)}
        for port in new_spec.get("ports") or []:
            if isinstance(port, dict) and not port.get("nodePort"):
                previous = allocated.get((port.get("port"), port.get("protocol", "TCP")))
                if previous:
                    port["nodePort"] = previous


def apply_defaults(group: str, kind: str, obj: dict, allocator: Allocator, creating: bool) -> None:
    """The defaults kube-apiserver fills in, for the kinds where clients see them."""
    spec = obj.get("spec") if isinstance(obj.get("spec"), dict) else None
    if (group, kind) == ("", "Secret"):
        obj.setdefault("type", "Opaque")
        # stringData is write-only: merged into data, as kube's Secret strategy does.
        string_data = obj.pop("stringData", None)
        if isinstance(string_data, dict) and string_data:
            data = obj.setdefault("data", {})
            for key, text in string_data.items():
                data[key] = base64.b64encode(str(text).encode()).decode()
    elif (group, kind) == ("", "Namespace"):
        obj["metadata"].setdefault("labels", {})["kubernetes.io/metadata.name"] = obj["metadata"]["name"]
        obj.setdefault("spec", {}).setdefault("finalizers", ["kubernetes"])
        if creating:
            obj["status"] = {"phase": "Active"}
    elif (group, kind) == ("", "Service") and spec is not None:
        kind_ = spec.setdefault("type", "ClusterIP")
        if kind_ != "ExternalName":
            spec.setdefault("sessionAffinity", "None")
            if creating and not spec.get("clusterIP"):
                ip = allocator.cluster_ip()
                spec["clusterIP"] = ip
            if spec.get("clusterIP") and "clusterIPs" not in spec:
                spec["clusterIPs"] = [spec["clusterIP"]]
            spec.setdefault("ipFamilies", ["IPv4"])
            spec.setdefault("ipFamilyPolicy", "SingleStack")
            spec.setdefault("internalTrafficPolicy", "Cluster")
        for port in spec.get("ports") or []:
            if isinstance(port, dict):
                port.setdefault("protocol", "TCP")
                if "port" in port:
                    port.setdefault("targetPort", port["port"])
                if kind_ in ("NodePort", "LoadBalancer") and not port.get("nodePort"):
                    port["nodePort"] = allocator.node_port()
        if kind_ in ("NodePort", "LoadBalancer"):
            spec.setdefault("externalTrafficPolicy", "Cluster")
        if kind_ == "LoadBalancer":
            spec.setdefault("allocateLoadBalancerNodePorts", True)
        if creating:
            obj["status"] = {"loadBalancer": {}}
    elif (group, kind) == ("apps", "Deployment") and spec is not None:
        spec.setdefault("replicas", 1)
        spec.setdefault("revisionHistoryLimit", 10)
        spec.setdefault("progressDeadlineSeconds", 600)
        strategy = spec.setdefault("strategy", {})
        strategy.setdefault("type", "RollingUpdate")
        if strategy["type"] == "RollingUpdate":
            rolling = strategy.setdefault("rollingUpdate", {})
            rolling.setdefault("maxUnavailable", "25%")
            rolling.setdefault("maxSurge", "25%")
        template_spec = (spec.get("template") or {}).get("spec")
        if isinstance(template_spec, dict):
            default_pod_spec(template_spec)
    elif (group, kind) in (("apps", "StatefulSet"), ("apps", "DaemonSet"), ("apps", "ReplicaSet"),
                           ("batch", "Job")) and spec is not None:
        template_spec = (spec.get("template") or {}).get("spec")
        if isinstance(template_spec, dict):
            default_pod_spec(template_spec)
    elif (group, kind) == ("", "Pod") and spec is not None:
        default_pod_spec(spec)
        spec.setdefault("serviceAccountName", "default")
        if creating:
            obj["status"] = {"phase": "Pending", "qosClass": "BestEffort"}
    elif (group, kind) == ("apiextensions.k8s.io", "CustomResourceDefinition") and spec is not None:
        if creating:
            finalizers = obj["metadata"].setdefault("finalizers", [])
            if "customresourcecleanup.apiextensions.k8s.io" not in finalizers:
                finalizers.append("customresourcecleanup.apiextensions.k8s.io")
            storage = [v.get("name") for v in spec.get("versions") or [] if isinstance(v, dict) and v.get("storage")]
            obj["status"] = {"acceptedNames": {"kind": "", "plural": ""}, "conditions": [],
                             "storedVersions": storage}
        names = spec.get("names") or {}
        if isinstance(names, dict) and names.get("kind"):
            names.setdefault("singular", str(names["kind"]).lower())
            names.setdefault("listKind", str(names["kind"]) + "List")
        spec.setdefault("conversion", {"strategy": "None"})


def check_base64(group: str, kind: str, obj: dict) -> None:
    """Secret `data` and ConfigMap `binaryData` are bytes: their JSON form must be base64."""
    field = "data" if (group, kind) == ("", "Secret") else "binaryData" if (group, kind) == ("", "ConfigMap") \
        else None
    values = obj.get(field) if field else None
    if not isinstance(values, dict):
        return
    for value in values.values():
        try:
            base64.b64decode(value if isinstance(value, str) else "", validate=True)
        except (binascii.Error, ValueError) as e:
            raise st.bad_request(f'{kind} in version "v1" cannot be handled as a {kind}: illegal base64 data: '
                                 f"{e}") from None


def validate(group: str, kind: str, obj: dict) -> list:
    """Field errors kube-apiserver would report for the rules clients commonly meet."""
    errors: list = []
    spec = obj.get("spec")
    if (group, kind) in (("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"),
                         ("apps", "DaemonSet")):
        if not isinstance(spec, dict):
            return [st.FieldError("Required", "spec", "")]
        selector = spec.get("selector")
        if not isinstance(selector, dict) or not (selector.get("matchLabels") or selector.get("matchExpressions")):
            errors.append(st.FieldError("Required", "spec.selector", ""))
        template = spec.get("template") or {}
        labels = (template.get("metadata") or {}).get("labels") or {}
        if isinstance(selector, dict) and selector and not match_selector(selector, labels):
            errors.append(st.FieldError("Invalid", "spec.template.metadata.labels",
                                        "`selector` does not match template `labels`", labels, True))
        containers = (template.get("spec") or {}).get("containers")
        if not containers:
            errors.append(st.FieldError("Required", "spec.template.spec.containers", ""))
    elif (group, kind) == ("", "Pod"):
        if not isinstance(spec, dict) or not spec.get("containers"):
            errors.append(st.FieldError("Required", "spec.containers", ""))
    elif (group, kind) == ("", "Service") and isinstance(spec, dict):
        service_type = spec.get("type", "ClusterIP")
        if service_type not in ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName"):
            errors.append(st.FieldError("NotSupported", "spec.type",
                                        'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
                                        service_type, True))
        if service_type != "ExternalName" and not spec.get("ports") and spec.get("clusterIP") != "None":
            errors.append(st.FieldError("Required", "spec.ports", ""))
    elif (group, kind) == ("apiextensions.k8s.io", "CustomResourceDefinition"):
        errors.extend(_crd_errors(obj))
    return errors


def _crd_errors(obj: dict) -> list:
    errors = []
    spec = obj.get("spec") or {}
    names = spec.get("names") or {}
    group = spec.get("group", "")
    plural = names.get("plural", "")
    if not group:
        errors.append(st.FieldError("Required", "spec.group", ""))
    if not plural:
        errors.append(st.FieldError("Required", "spec.names.plural", ""))
    if not names.get("kind"):
        errors.append(st.FieldError("Required", "spec.names.kind", ""))
    if group and plural and obj["metadata"].get("name") != f"{plural}.{group}":
        errors.append(st.FieldError("Invalid", "metadata.name", 'must be spec.names.plural+"."+spec.group',
                                    obj["metadata"].get("name"), True))
    if spec.get("scope") not in ("Namespaced", "Cluster"):
        errors.append(st.FieldError("NotSupported", "spec.scope", 'supported values: "Cluster", "Namespaced"',
                                    spec.get("scope"), True))
    versions = spec.get("versions") or []
    if not versions:
        errors.append(st.FieldError("Invalid", "spec.versions", "must have exactly one version marked as storage "
                                    "version", versions, True))
    elif sum(1 for v in versions if isinstance(v, dict) and v.get("storage")) != 1:
        errors.append(st.FieldError("Invalid", "spec.versions", "must have exactly one version marked as storage "
                                    "version", None, False))
    return errors


def reset_status_on_main(obj: dict, old: dict | None) -> dict:
    """Writes through the main resource cannot change status when a status subresource exists."""
    out = jcopy(obj)
    if old is not None and "status" in old:
        out["status"] = jcopy(old["status"])
    else:
        out.pop("status", None)
    return out
