"""Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`).

client-go's typed clients (kubectl ≥ 1.32 for `kubectl create configmap`,
`create token`, `auth can-i` …) send built-in objects as protobuf: the bytes
`k8s\\x00`, then a `runtime.Unknown` envelope (typeMeta, raw, contentEncoding,
contentType) whose `raw` is the object's message. This module decodes that
into the JSON form the rest of the server works with, using the field table
in protobuf_schema.py. Unknown fields are skipped, as Go's generated decoders
skip them. Empty strings and zero times are dropped (Go's JSON leaves them
out); other zero values are kept. Kinds without a table entry get 415.
"""

from __future__ import annotations

import base64
import datetime
import json
import struct

import status as st
from exchange import JSON, YAML
from protobuf_schema import MESSAGES

MAGIC = b"k8s\x00"

# Non-pointer Go fields with `omitempty`: a zero value means "not set" (Go's JSON leaves it out).
OMIT_ZERO = {"generation", "hostPort", "stdin", "stdinOnce", "tty", "hostIPC", "hostNetwork", "hostPID",
             "hostUsers", "minReadySeconds", "paused", "readOnly", "nodePort", "observedGeneration"}


class DecodeError(Exception):
    pass


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        if i >= len(data):
            raise DecodeError("truncated varint")
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, i
        shift += 7
        if shift > 70:
            raise DecodeError("varint too long")


def fields(data: bytes):
    """(number, wire type, value) for each field; value is an int or bytes."""
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 2:
            length, i = _varint(data, i)
            value, i = data[i:i + length], i + length
            if i > len(data):
                raise DecodeError("truncated length-delimited field")
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise DecodeError(f"unsupported wire type {wire}")
        yield number, wire, value


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _parse_spec(spec: str) -> dict:
    table = {}
    for part in spec.split("; "):
        name, number, kind = part.split(" ")
        table[int(number)] = (name, kind)
    return table


_TABLES: dict = {}


def _table(message: str) -> dict:
    if message not in _TABLES:
        _TABLES[message] = _parse_spec(MESSAGES[message])
    return _TABLES[message]


def _scalar(kind: str, wire: int, value):
    if kind == "s":
        if not isinstance(value, bytes):
            raise DecodeError("expected a string")
        return value.decode("utf-8")
    if kind == "b":
        return bool(value)
    if kind == "i":
        return _signed(value) if isinstance(value, int) else None
    if kind == "d":
        return struct.unpack("<d", value)[0] if wire == 1 else float(value)
    if kind == "y":
        return base64.b64encode(value).decode()
    return _message(kind, value)


def _packed(kind: str, value: bytes) -> list:
    out, i = [], 0
    while i < len(value):
        if kind == "d":
            out.append(struct.unpack("<d", value[i:i + 8])[0])
            i += 8
        else:
            v, i = _varint(value, i)
            out.append(_signed(v) if kind == "i" else bool(v))
    return out


def _message(name: str, data: bytes):
    if not isinstance(data, bytes):
        raise DecodeError(f"expected a {name} message")
    if name == "meta.v1.Time":
        seconds = nanos = 0
        for number, _, value in fields(data):
            if number == 1:
                seconds = _signed(value)
            elif number == 2:
                nanos = value
        if seconds == 0 and nanos == 0:
            return None
        moment = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    if name == "resource.Quantity":
        return next((v.decode() for n, _, v in fields(data) if n == 1), "")
    if name == "intstr.IntOrString":
        kind, number_value, text = 0, 0, ""
        for n, _, v in fields(data):
            if n == 1:
                kind = v
            elif n == 2:
                number_value = _signed(v)
            elif n == 3:
                text = v.decode()
        return text if kind == 1 else number_value
    if name in ("meta.v1.FieldsV1", "runtime.RawExtension"):
        raw = next((v for n, _, v in fields(data) if n == 1), b"")
        try:
            return json.loads(raw) if raw else {}
        except (ValueError, UnicodeDecodeError):
            return base64.b64encode(raw).decode()
    if name not in MESSAGES:
        raise DecodeError(f"message {name} is not known to this server")
    table = _table(name)
    out: dict = {}
    for number, wire, value in fields(data):
        entry = table.get(number)
        if entry is None:
            continue  # unknown fields are skipped, as Go's generated decoders do
        field, kind = entry
        repeated = kind.endswith("*")
        kind = kind.rstrip("*")
        if kind.startswith("M"):
            key, item = "", None
            for n, w, v in fields(value):
                if n == 1:
                    key = v.decode()
                elif n == 2:
                    item = _scalar(kind[1:], w, v)
            if item is None:
                item = "" if kind[1:] in ("s", "y") else {}
            out.setdefault(field, {})[key] = item
        elif repeated:
            items = out.setdefault(field, [])
            if wire == 2 and kind in ("i", "b", "d"):
                items.extend(_packed(kind, value))
            else:
                items.append(_scalar(kind, wire, value))
        else:
            decoded = _scalar(kind, wire, value)
            if decoded is None or decoded == "" or (field in OMIT_ZERO and decoded in (0, False)):
                out.pop(field, None)
            else:
                out[field] = decoded
    return out


def message_for(api_version: str, kind: str) -> str:
    group, _, version = api_version.rpartition("/")
    package = group.split(".")[0] if group else "core"
    if kind == "DeleteOptions":
        return "meta.v1.DeleteOptions"
    return f"{package}.{version}.{kind}"


class Protobuf:
    def decode_object(self, body: bytes, rt=None) -> dict:
        """The JSON form of a protobuf-encoded object; 415 when the kind is not covered."""
        if not body.startswith(MAGIC):
            raise st.bad_request("provided data does not appear to be a protobuf message, expected prefix "
                                 "[107 56 115 0]")
        try:
            api_version = kind = ""
            raw = b""
            for number, _, value in fields(body[len(MAGIC):]):
                if number == 1:
                    for n, _, v in fields(value):
                        if n == 1:
                            api_version = v.decode()
                        elif n == 2:
                            kind = v.decode()
                elif number == 2:
                    raw = value
                elif number == 3 and value:
                    raise DecodeError(f"content encoding {value.decode()!r} is not supported")
            name = message_for(api_version, kind)
            if name not in MESSAGES:
                raise st.unsupported_media_type(
                    "application/vnd.kubernetes.protobuf", [JSON, YAML])
            obj = _message(name, raw)
        except DecodeError as e:
            raise st.bad_request(f"error decoding protobuf: {e}") from None
        except UnicodeDecodeError:
            raise st.bad_request("error decoding protobuf: invalid UTF-8 in a string field") from None
        out = {"apiVersion": api_version, "kind": kind}
        out.update(obj)
        return out
