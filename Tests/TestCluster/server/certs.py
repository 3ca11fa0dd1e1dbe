"""Certificates, made with the openssl CLI: a CA, the serving certificate, client certificates.

EC P-256 keys keep generation to a few milliseconds. A CA can be shared between
servers of one test run (`--ca-cert/--ca-key`) or made per server (default).
"""

from __future__ import annotations

import os
import subprocess

_MINIMAL_CONFIG = "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\n"


class CertError(Exception):
    pass


class Pending:
    """openssl runs still going; `wait()` raises CertError if any failed."""

    def __init__(self, started: list):
        self.started = started

    def wait(self) -> None:
        _wait(self.started)


def _start(args: list, cwd: str) -> tuple:
    process = subprocess.Popen(["openssl"] + args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
    return process, args


def _wait(started: list) -> None:
    errors = []
    for process, args in started:
        _, err = process.communicate()
        if process.returncode != 0:
            errors.append(f"openssl {' '.join(args[:2])} failed: {err.strip()}")
    if errors:
        raise CertError("; ".join(errors))


def _subject(cn: str, orgs: list) -> str:
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("/", "\\/").replace("+", "\\+").replace("=", "\\=")
    return "".join(f"/O={esc(o)}" for o in orgs) + f"/CN={esc(cn)}"


class CertificateAuthority:
    def __init__(self, directory: str, cert: str, key: str, key_type: str = "ec"):
        self.directory = directory
        self.cert = cert
        self.key = key
        self.key_type = key_type
        self._config = os.path.join(directory, "openssl.cnf")
        if not os.path.exists(self._config):
            with open(self._config, "w") as f:
                f.write(_MINIMAL_CONFIG)

    @staticmethod
    def create(directory: str, name: str, key_type: str = "ec") -> "CertificateAuthority":
        ca, pending = CertificateAuthority.start_creating(directory, name, key_type)
        pending.wait()
        return ca

    @staticmethod
    def start_creating(directory: str, name: str, key_type: str = "ec") -> tuple["CertificateAuthority", Pending]:
        """Starts making a CA; usable once the returned `Pending` is waited for."""
        cert, key = os.path.join(directory, "ca.crt"), os.path.join(directory, "ca.key")
        ca = CertificateAuthority(directory, cert, key, key_type)
        return ca, Pending([_start(["req", "-config", ca._config, "-x509", *ca._newkey(), "-nodes", "-keyout", key, "-out", cert,
              "-subj", f"/CN={name}-ca", "-days", "3650", "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature"], directory)])

    def _newkey(self) -> list:
        if self.key_type == "rsa":
            return ["-newkey", "rsa:2048"]
        return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]

    def issue(self, stem: str, cn: str, orgs: list, *, server_names: list | None = None) -> tuple[str, str]:
        """Writes STEM.crt and STEM.key signed by this CA; returns their paths."""
        return self.issue_all([(stem, cn, orgs, server_names)])[0]

    def issue_all(self, requests: list) -> list:
        """Issues several certificates at once (openssl runs in parallel): [(stem, cn, orgs, server_names)]."""
        paths, pending = self.start_issuing(requests)
        pending.wait()
        return paths

    def start_issuing(self, requests: list) -> tuple[list, Pending]:
        """Starts issuing; the (certificate, key) paths are usable once `Pending` is waited for."""
        started, paths = [], []
        for stem, cn, orgs, server_names in requests:
            args, cert, key = self._issue_args(stem, cn, orgs, server_names)
            started.append(_start(args, self.directory))
            paths.append((cert, key))
        return paths, Pending(started)

    def _issue_args(self, stem: str, cn: str, orgs: list, server_names: list | None) -> tuple:
        cert, key = os.path.join(self.directory, stem + ".crt"), os.path.join(self.directory, stem + ".key")
        extensions = ["-addext", "basicConstraints=critical,CA:FALSE"]
        if server_names is not None:
            sans = ",".join(("IP:" if _is_ip(n) else "DNS:") + n for n in server_names)
            extensions += ["-addext", f"subjectAltName={sans}", "-addext", "extendedKeyUsage=serverAuth",
                           "-addext", "keyUsage=critical,digitalSignature,keyEncipherment"]
        else:
            extensions += ["-addext", "extendedKeyUsage=clientAuth",
                           "-addext", "keyUsage=critical,digitalSignature,keyEncipherment"]
        args = ["req", "-config", self._config, "-x509", "-CA", self.cert, "-CAkey", self.key, *self._newkey(),
                "-nodes", "-keyout", key, "-out", cert, "-subj", _subject(cn, orgs), "-days", "3650", *extensions]
        return args, cert, key


def _is_ip(name: str) -> bool:
    parts = name.split(".")
    return (len(parts) == 4 and all(p.isdigit() for p in parts)) or ":" in name
