"""Writes the admin kubeconfig (YAML) for a test cluster."""

from __future__ import annotations

import base64
import json


def _b64_file(path: str) -> str:
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode()


def write_kubeconfig(path: str, *, cluster_name: str, context: str, user: str, server: str, ca_pem: str,
                     cert_path: str, key_path: str) -> None:
    q = json.dumps  # JSON strings are valid YAML double-quoted scalars
    text = f"""apiVersion: v1
kind: Config
clusters:
- name: {q(cluster_name)}
  cluster:
    server: {q(server)}
    certificate-authority-data: {base64.b64encode(ca_pem.encode()).decode()}
contexts:
- name: {q(context)}
  context:
    cluster: {q(cluster_name)}
    user: {q(user)}
current-context: {q(context)}
preferences: {{}}
users:
- name: {q(user)}
  user:
    client-certificate-data: {_b64_file(cert_path)}
    client-key-data: {_b64_file(key_path)}
"""
    with open(path + ".tmp", "w") as f:
        f.write(text)
    import os
    os.chmod(path + ".tmp", 0o600)
    os.replace(path + ".tmp", path)
