"""Authentication: who is asking.

As kube-apiserver: a verified client certificate wins (CN is the user, each O a
group); otherwise a bearer token (static tokens from the test configuration,
then service-account tokens), otherwise basic auth when configured; a
credential that does not check out is 401; no credential at all is
`system:anonymous` when anonymous auth is on (kube-apiserver's default) and 401
when it is off. Authenticated users also get `system:authenticated`.
"""

from __future__ import annotations

import base64
import hmac
import time
from dataclasses import dataclass, field

import status as st
from tokens import LEGACY_ISSUER, TokenSigner


@dataclass
class User:
    name: str
    groups: list = field(default_factory=list)
    uid: str = ""
    extra: dict = field(default_factory=dict)
    method: str = ""          # x509, token, serviceaccount, basic, anonymous

    def info(self) -> dict:
        out = {"username": self.name}
        if self.uid:
            out["uid"] = self.uid
        out["groups"] = list(self.groups)
        if self.extra:
            out["extra"] = self.extra
        return out


ANONYMOUS = User("system:anonymous", ["system:unauthenticated"], method="anonymous")


class Authenticator:
    def __init__(self, config, signer: TokenSigner, lookup):
        """`config` is the live test configuration; `lookup(kind, ns, name)` reads the store."""
        self.config = config
        self.signer = signer
        self.lookup = lookup

    def authenticate(self, cert_subject: dict | None, authorization: str | None) -> User:
        if cert_subject and cert_subject.get("CN"):
            return self._authenticated(User(cert_subject["CN"], list(cert_subject.get("O", [])), method="x509"))
        if authorization:
            scheme, _, credential = authorization.partition(" ")
            credential = credential.strip()
            if scheme.lower() == "bearer" and credential:
                user = self.token_user(credential)
                if user is None:
                    raise st.unauthorized()
                return self._authenticated(user)
            if scheme.lower() == "basic" and credential:
                user = self._basic_user(credential)
                if user is None:
                    raise st.unauthorized()
                return self._authenticated(user)
            raise st.unauthorized()
        if self.config.get("anonymousAuth", True):
            return ANONYMOUS
        raise st.unauthorized()

    @staticmethod
    def _authenticated(user: User) -> User:
        if "system:authenticated" not in user.groups:
            user.groups.append("system:authenticated")
        return user

    def token_user(self, token: str) -> User | None:
        for entry in self.config.get("tokens", []):
            if hmac.compare_digest(str(entry.get("token", "")), token):
                expires = entry.get("expiresAt")
                if expires is not None and time.time() >= float(expires):
                    return None
                return User(entry["user"], list(entry.get("groups", [])), entry.get("uid", ""), method="token")
        return self.service_account_user(token)

    def service_account_user(self, token: str) -> User | None:
        claims = self.signer.verify(token)
        if claims is None:
            return None
        if claims.get("iss") == LEGACY_ISSUER:
            namespace = claims.get("kubernetes.io/serviceaccount/namespace", "")
            sa_name = claims.get("kubernetes.io/serviceaccount/service-account.name", "")
            sa_uid = claims.get("kubernetes.io/serviceaccount/service-account.uid", "")
            secret = self.lookup("secrets", namespace, claims.get("kubernetes.io/serviceaccount/secret.name", ""))
            if secret is None:
                return None
            stored = (secret.get("data") or {}).get("token", "")
            try:
                if base64.b64decode(stored).decode() != token:
                    return None
            except ValueError:
                return None
        else:
            k8s = claims.get("kubernetes.io") or {}
            namespace = k8s.get("namespace", "")
            sa = k8s.get("serviceaccount") or {}
            sa_name, sa_uid = sa.get("name", ""), sa.get("uid", "")
            if time.time() >= float(claims.get("exp", 0)):
                return None
            pod = k8s.get("pod")
            if pod and self.lookup("pods", namespace, pod.get("name", "")) is None:
                return None
            secret = k8s.get("secret")
            if secret and self.lookup("secrets", namespace, secret.get("name", "")) is None:
                return None
        account = self.lookup("serviceaccounts", namespace, sa_name)
        if account is None or account["metadata"].get("uid") != sa_uid:
            return None
        return User(f"system:serviceaccount:{namespace}:{sa_name}",
                    ["system:serviceaccounts", f"system:serviceaccounts:{namespace}"], sa_uid,
                    method="serviceaccount")

    def _basic_user(self, credential: str) -> User | None:
        try:
            decoded = base64.b64decode(credential, validate=True).decode()
        except (ValueError, UnicodeDecodeError):
            return None
        username, sep, password = decoded.partition(":")
        if not sep:
            return None
        for entry in self.config.get("basicUsers", []):
            if entry.get("user") == username and hmac.compare_digest(str(entry.get("password", "")), password):
                return User(username, list(entry.get("groups", [])), method="basic")
        return None
