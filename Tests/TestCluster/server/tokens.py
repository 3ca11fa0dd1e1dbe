"""Service-account tokens: JWTs this server signs and later accepts.

Tokens are HS256-signed with a key generated per server (kube-apiserver signs
with an RSA or EC key; nothing in this project verifies tokens offline, and the
header says honestly which algorithm was used). Two shapes, as kube issues them:
bound tokens from TokenRequest (`kubernetes.io` claim, `exp`, audiences) and
legacy tokens for `kubernetes.io/service-account-token` Secrets (no expiry,
valid while the Secret exists and holds the same token).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time

ISSUER = "https://kubernetes.default.svc.cluster.local"
LEGACY_ISSUER = "kubernetes/serviceaccount"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class TokenSigner:
    def __init__(self, key: bytes | None = None):
        self.key = key or os.urandom(32)
        self.key_id = _b64(hashlib.sha256(self.key).digest()[:16])

    def sign(self, claims: dict) -> str:
        header = {"alg": "HS256", "kid": self.key_id, "typ": "JWT"}
        head = _b64(json.dumps(header, separators=(",", ":")).encode())
        body = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.new(self.key, f"{head}.{body}".encode(), hashlib.sha256).digest()
        return f"{head}.{body}.{_b64(signature)}"

    def verify(self, token: str) -> dict | None:
        """The claims of a token this signer issued, or None."""
        parts = token.split(".")
        if len(parts) != 3:
            return None
        try:
            expected = hmac.new(self.key, f"{parts[0]}.{parts[1]}".encode(), hashlib.sha256).digest()
            if not hmac.compare_digest(expected, _unb64(parts[2])):
                return None
            claims = json.loads(_unb64(parts[1]))
        except (ValueError, json.JSONDecodeError):
            return None
        return claims if isinstance(claims, dict) else None

    def bound_token(self, namespace: str, sa_name: str, sa_uid: str, audiences: list, expiration: int,
                    bound: dict | None = None) -> tuple[str, int]:
        """A TokenRequest token; returns (token, expiry as Unix time)."""
        now = int(time.time())
        expiry = now + expiration
        k8s = {"namespace": namespace, "serviceaccount": {"name": sa_name, "uid": sa_uid}}
        if bound:
            k8s[bound["kind"].lower()] = {"name": bound["name"], "uid": bound.get("uid", "")}
        claims = {"aud": audiences, "exp": expiry, "iat": now, "iss": ISSUER, "jti": _b64(os.urandom(12)),
                  "kubernetes.io": k8s, "nbf": now, "sub": f"system:serviceaccount:{namespace}:{sa_name}"}
        return self.sign(claims), expiry

    def legacy_token(self, namespace: str, sa_name: str, sa_uid: str, secret_name: str) -> str:
        claims = {
            "iss": LEGACY_ISSUER,
            "kubernetes.io/serviceaccount/namespace": namespace,
            "kubernetes.io/serviceaccount/secret.name": secret_name,
            "kubernetes.io/serviceaccount/service-account.name": sa_name,
            "kubernetes.io/serviceaccount/service-account.uid": sa_uid,
            "sub": f"system:serviceaccount:{namespace}:{sa_name}",
        }
        return self.sign(claims)
