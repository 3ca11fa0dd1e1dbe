"""Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`)."""

from __future__ import annotations

import status as st
from exchange import JSON, YAML


class Protobuf:
    def decode_object(self, body: bytes, rt) -> dict:
        raise st.unsupported_media_type("application/vnd.kubernetes.protobuf", [JSON, YAML])
