"""Authorization: kube's RBAC, evaluated over the Role/ClusterRole(Binding) objects in the store.

`system:masters` may do anything (as kube-apiserver's privileged group); every
other user gets what bindings grant, so tests give rights with the same objects
a real cluster uses. Aggregated ClusterRoles (`aggregationRule`) take the rules
of the roles their selectors match. Denials are worded like kube-apiserver's.
"""

from __future__ import annotations

from dataclasses import dataclass

import status as st
from auth import User
from selection import LabelSelector

RBAC = "rbac.authorization.k8s.io"


@dataclass
class Attributes:
    verb: str
    group: str = ""
    version: str = ""
    resource: str = ""
    subresource: str = ""
    namespace: str = ""
    name: str = ""
    path: str = ""            # for non-resource requests
    resource_request: bool = True


def forbidden_message(user: User, a: Attributes) -> str:
    if not a.resource_request:
        return f"User {st.quote(user.name)} cannot {a.verb} path {st.quote(a.path)}"
    resource = a.resource + ("/" + a.subresource if a.subresource else "")
    where = f"in the namespace {st.quote(a.namespace)}" if a.namespace else "at the cluster scope"
    return (f"User {st.quote(user.name)} cannot {a.verb} resource {st.quote(resource)} "
            f"in API group {st.quote(a.group)} {where}")


def forbidden_error(user: User, a: Attributes) -> st.ApiError:
    why = forbidden_message(user, a)
    if not a.resource_request:
        return st.forbidden("", "", "", why)
    return st.forbidden(a.resource, a.group, a.name, why)


class Authorizer:
    def __init__(self, store):
        self.store = store

    def authorize(self, user: User, a: Attributes) -> tuple[bool, str]:
        """(allowed, reason) — the reason names the binding that allowed it."""
        if "system:masters" in user.groups:
            return True, ""
        for binding in self.store.list((RBAC, "clusterrolebindings"))[0]:
            if self._binds(binding, user, ""):
                for rule in self._rules(binding.get("roleRef") or {}, ""):
                    if rule_allows(rule, a):
                        return True, _reason("ClusterRoleBinding", binding, "")
        if a.namespace:
            for binding in self.store.list((RBAC, "rolebindings"), a.namespace)[0]:
                if self._binds(binding, user, a.namespace):
                    for rule in self._rules(binding.get("roleRef") or {}, a.namespace):
                        if rule_allows(rule, a):
                            return True, _reason("RoleBinding", binding, a.namespace)
        return False, ""

    def rules_for(self, user: User, namespace: str) -> list:
        """Every rule that applies to a user in a namespace (SelfSubjectRulesReview)."""
        if "system:masters" in user.groups:
            return [{"verbs": ["*"], "apiGroups": ["*"], "resources": ["*"]}, {"verbs": ["*"],
                                                                                "nonResourceURLs": ["*"]}]
        rules = []
        for binding in self.store.list((RBAC, "clusterrolebindings"))[0]:
            if self._binds(binding, user, ""):
                rules.extend(self._rules(binding.get("roleRef") or {}, ""))
        if namespace:
            for binding in self.store.list((RBAC, "rolebindings"), namespace)[0]:
                if self._binds(binding, user, namespace):
                    rules.extend(self._rules(binding.get("roleRef") or {}, namespace))
        return rules

    def _binds(self, binding: dict, user: User, namespace: str) -> bool:
        for subject in binding.get("subjects") or []:
            kind, name = subject.get("kind"), subject.get("name")
            if kind == "User" and name == user.name:
                return True
            if kind == "Group" and name in user.groups:
                return True
            if kind == "ServiceAccount":
                ns = subject.get("namespace") or namespace
                if user.name == f"system:serviceaccount:{ns}:{name}":
                    return True
        return False

    def _rules(self, ref: dict, namespace: str) -> list:
        kind, name = ref.get("kind"), ref.get("name", "")
        if kind == "Role" and namespace:
            role = self.store.get((RBAC, "roles"), namespace, name)
            return list(role.get("rules") or []) if role else []
        if kind == "ClusterRole":
            role = self.store.get((RBAC, "clusterroles"), "", name)
            if role is None:
                return []
            rules = list(role.get("rules") or [])
            aggregation = role.get("aggregationRule") or {}
            for selector in aggregation.get("clusterRoleSelectors") or []:
                matcher = LabelSelector.from_label_selector(selector)
                for other in self.store.list((RBAC, "clusterroles"))[0]:
                    if other["metadata"]["name"] != name and matcher.matches(other["metadata"].get("labels")):
                        rules.extend(other.get("rules") or [])
            return rules
        return []


def _reason(kind: str, binding: dict, namespace: str) -> str:
    ref = binding.get("roleRef") or {}
    subjects = binding.get("subjects") or [{}]
    subject = subjects[0]
    name = binding["metadata"]["name"] + ("/" + namespace if namespace else "")
    return (f'RBAC: allowed by {kind} "{name}" of {ref.get("kind")} "{ref.get("name")}" '
            f'to {subject.get("kind")} "{subject.get("name")}"')


def rule_allows(rule: dict, a: Attributes) -> bool:
    verbs = rule.get("verbs") or []
    if "*" not in verbs and a.verb not in verbs:
        return False
    if not a.resource_request:
        for url in rule.get("nonResourceURLs") or []:
            if url == "*" or url == a.path or (url.endswith("*") and a.path.startswith(url[:-1])):
                return True
        return False
    groups = rule.get("apiGroups") or []
    if "*" not in groups and a.group not in groups:
        return False
    combined = a.resource + ("/" + a.subresource if a.subresource else "")
    resources = rule.get("resources") or []
    if not any(r == "*" or r == combined or (a.subresource and r == "*/" + a.subresource) for r in resources):
        return False
    names = rule.get("resourceNames") or []
    return not names or a.name in names


def bootstrap_roles() -> list[tuple[str, dict]]:
    """The default ClusterRoles and bindings a fresh cluster has (kube's bootstrap policy, abridged).

    `view`, `edit` and `admin` list the resources this server serves; they also
    aggregate roles labelled `rbac.authorization.k8s.io/aggregate-to-…`, as in kube.
    """
    read = ["get", "list", "watch"]
    write = ["create", "delete", "deletecollection", "patch", "update"]
    core = ["configmaps", "endpoints", "persistentvolumeclaims", "pods", "services", "serviceaccounts",
            "events", "limitranges", "resourcequotas", "pods/log", "pods/status", "services/status",
            "namespaces/status", "resourcequotas/status", "persistentvolumeclaims/status"]
    groups = {
        "apps": ["deployments", "replicasets", "statefulsets", "daemonsets", "deployments/scale",
                 "replicasets/scale", "statefulsets/scale", "deployments/status", "replicasets/status",
                 "statefulsets/status", "daemonsets/status"],
        "batch": ["jobs", "cronjobs", "jobs/status", "cronjobs/status"],
        "autoscaling": ["horizontalpodautoscalers", "horizontalpodautoscalers/status"],
        "policy": ["poddisruptionbudgets", "poddisruptionbudgets/status"],
        "networking.k8s.io": ["ingresses", "networkpolicies", "ingresses/status"],
        "discovery.k8s.io": ["endpointslices"],
        "coordination.k8s.io": ["leases"],
    }
    view_rules = [{"apiGroups": [""], "resources": core + ["namespaces"], "verbs": read}]
    edit_rules = [{"apiGroups": [""], "resources": core + ["secrets"], "verbs": read + write},
                  {"apiGroups": [""], "resources": ["namespaces"], "verbs": read},
                  {"apiGroups": [""], "resources": ["serviceaccounts/token"], "verbs": ["create"]}]
    for group, resources in groups.items():
        view_rules.append({"apiGroups": [group], "resources": resources, "verbs": read})
        edit_rules.append({"apiGroups": [group], "resources": resources, "verbs": read + write})
    admin_rules = edit_rules + [{"apiGroups": [RBAC], "resources": ["roles", "rolebindings"],
                                 "verbs": read + write}]
    discovery_urls = ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*",
                      "/readyz", "/version", "/version/"]

    def role(name: str, rules: list, aggregate_to: list | None = None, aggregated_from: str | None = None):
        labels = {"kubernetes.io/bootstrapping": "rbac-defaults"}
        for target in aggregate_to or []:
            labels[f"rbac.authorization.k8s.io/aggregate-to-{target}"] = "true"
        obj = {"apiVersion": f"{RBAC}/v1", "kind": "ClusterRole",
               "metadata": {"name": name, "labels": labels,
                            "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
               "rules": rules}
        if aggregated_from:
            obj["aggregationRule"] = {"clusterRoleSelectors": [
                {"matchLabels": {f"rbac.authorization.k8s.io/aggregate-to-{aggregated_from}": "true"}}]}
        return ("clusterroles", obj)

    def binding(name: str, role_name: str, groups: list):
        return ("clusterrolebindings", {
            "apiVersion": f"{RBAC}/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": name, "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
                         "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
            "roleRef": {"apiGroup": RBAC, "kind": "ClusterRole", "name": role_name},
            "subjects": [{"apiGroup": RBAC, "kind": "Group", "name": g} for g in groups]})

    return [
        role("cluster-admin", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                               {"nonResourceURLs": ["*"], "verbs": ["*"]}]),
        role("admin", admin_rules, aggregated_from="admin"),
        role("edit", edit_rules, aggregate_to=["admin"], aggregated_from="edit"),
        role("view", view_rules, aggregate_to=["edit"], aggregated_from="view"),
        role("system:discovery", [{"nonResourceURLs": discovery_urls, "verbs": ["get"]}]),
        role("system:public-info-viewer", [{"nonResourceURLs": ["/healthz", "/livez", "/readyz", "/version",
                                                                "/version/"], "verbs": ["get"]}]),
        role("system:basic-user", [{"apiGroups": ["authorization.k8s.io"],
                                    "resources": ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
                                    "verbs": ["create"]},
                                   {"apiGroups": ["authentication.k8s.io"], "resources": ["selfsubjectreviews"],
                                    "verbs": ["create"]}]),
        binding("cluster-admin", "cluster-admin", ["system:masters"]),
        binding("system:discovery", "system:discovery", ["system:authenticated"]),
        binding("system:basic-user", "system:basic-user", ["system:authenticated"]),
        binding("system:public-info-viewer", "system:public-info-viewer",
                ["system:authenticated", "system:unauthenticated"]),
    ]
