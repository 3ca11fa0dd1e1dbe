"""Impersonation (`Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid`, `Impersonate-Extra-*`).

As kube-apiserver: the authenticated user needs the `impersonate` verb on
`users` (or `serviceaccounts` for a service-account name), `groups`, `uids`
and `userextras/KEY`; the request then runs as the impersonated user (plus
`system:authenticated`). `kubectl --as`/`--as-group` send these headers.
"""

from __future__ import annotations

from urllib.parse import unquote

import status as st
from auth import User
from exchange import Request
from rbac import Attributes, forbidden_error

SA_PREFIX = "system:serviceaccount:"


def impersonate(req: Request, user: User, authorizer) -> User:
    name = req.header("impersonate-user")
    groups = req.header_values("impersonate-group")
    uid = req.header("impersonate-uid")
    extras = {k[len("impersonate-extra-"):]: v for k, v in req.header_lists.items()
              if k.startswith("impersonate-extra-")}
    if name is None:
        if groups or uid or extras:
            raise st.bad_request("requested impersonation of groups, uid or extras without impersonating a user")
        return user

    def check(attrs: Attributes) -> None:
        allowed, _ = authorizer.authorize(user, attrs)
        if not allowed:
            raise forbidden_error(user, attrs)

    if name.startswith(SA_PREFIX) and name.count(":") == 3:
        namespace, account = name[len(SA_PREFIX):].split(":", 1)
        check(Attributes(verb="impersonate", resource="serviceaccounts", namespace=namespace, name=account))
        default_groups = ["system:serviceaccounts", f"system:serviceaccounts:{namespace}"]
    else:
        check(Attributes(verb="impersonate", resource="users", name=name))
        default_groups = []
    for group in groups:
        check(Attributes(verb="impersonate", resource="groups", name=group))
    if uid is not None:
        check(Attributes(verb="impersonate", group="authentication.k8s.io", resource="uids", name=uid))
    extra = {}
    for key, values in extras.items():
        key = unquote(key)
        for value in values:
            check(Attributes(verb="impersonate", group="authentication.k8s.io", resource="userextras",
                             subresource=key, name=value))
        extra[key] = list(values)
    result_groups = list(groups) if groups else default_groups
    if name != "system:anonymous" and "system:authenticated" not in result_groups:
        result_groups.append("system:authenticated")
    return User(name, result_groups, uid or "", extra, method=user.method)
