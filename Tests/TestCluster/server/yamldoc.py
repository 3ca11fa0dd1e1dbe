"""Request bodies in YAML (apply patches and `application/yaml` creates).

A YAML reader for the documents clients send: block and flow mappings and
sequences, plain, quoted and block scalars, comments, anchors and aliases,
`---` document markers (the first document is used, as kube-apiserver's
decoder does). Plain scalars resolve as sigs.k8s.io/yaml (go-yaml v2) resolves
them: `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0777` is octal. Mapping keys
become strings, as they do in kube's YAML-to-JSON step. JSON bodies take the
JSON fast path. Integral floats become integers, as Go's unstructured
decoding makes them.
"""

from __future__ import annotations

import json

import status as st
from yamlscalars import (YAMLError, balanced, fold, key_string, quoted_end, strip_comment, unquote,
                         resolve_plain)

def normalise(value):
    """Integral floats become ints; the rest is unchanged (recursively)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2 ** 63:
        return int(value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def parse_document(body: bytes):
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise st.bad_request("error decoding YAML: invalid UTF-8") from None
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        try:
            return normalise(json.loads(text))
        except json.JSONDecodeError:
            pass
    try:
        return normalise(Parser(text).first_document())
    except YAMLError as e:
        raise st.bad_request(f"error converting YAML to JSON: {e}") from None


class Line:
    __slots__ = ("number", "indent", "text")

    def __init__(self, number: int, indent: int, text: str):
        self.number = number
        self.indent = indent
        self.text = text


class Parser:
    def __init__(self, text: str):
        self.raw = text.replace("\r\n", "\n").split("\n")
        self.anchors: dict = {}

    def first_document(self):
        docs, current = [], []
        for number, raw in enumerate(self.raw, 1):
            if raw.startswith("---") and (len(raw) == 3 or raw[3] in " \t"):
                docs.append(current)
                current = []
                rest = raw[3:].strip()
                if rest and not rest.startswith("#"):
                    current.append((number, rest))
                continue
            if raw.startswith("...") and raw.strip() == "...":
                docs.append(current)
                current = []
                continue
            if raw.startswith("%") and not current:
                continue
            current.append((number, raw))
        docs.append(current)
        for doc in docs:
            lines = [(n, r) for n, r in doc]
            if any(strip_comment(r).strip() for _, r in lines):
                self.lines_raw = lines
                self.pos = 0
                self.lines = self._logical(lines)
                value = self._node(-1)
                if self.pos < len(self.lines):
                    raise YAMLError("did not find expected <document start>", self.lines[self.pos].number)
                return value
        return None

    def _logical(self, raw_lines) -> list:
        out = []
        for number, raw in raw_lines:
            if "\t" in raw[: len(raw) - len(raw.lstrip())]:
                raise YAMLError("found character that cannot start any token", number)
            body = raw.lstrip(" ")
            indent = len(raw) - len(body)
            out.append(Line(number, indent, body))
        return out

    # MARK: helpers over logical lines (raw text kept for block scalars)

    def _skip_blank(self) -> None:
        while self.pos < len(self.lines) and not strip_comment(self.lines[self.pos].text):
            self.pos += 1

    def _node(self, parent_indent: int):
        self._skip_blank()
        if self.pos >= len(self.lines):
            return None
        line = self.lines[self.pos]
        if line.indent <= parent_indent and not (line.text.startswith("- ") or line.text == "-"):
            return None
        text = strip_comment(line.text)
        if text.startswith("- ") or text == "-":
            return self._sequence(line.indent)
        if self._mapping_key(text) is not None:
            return self._mapping(line.indent)
        return self._scalar_lines(parent_indent)

    def _mapping_key(self, text: str):
        """(key, rest) when the line starts a mapping entry, else None."""
        if text.startswith(("[", "{")):
            return None
        if text[:1] in ("'", '"'):
            end = quoted_end(text)
            if end is None:
                return None
            after = text[end:].lstrip()
            if after.startswith(":") and (len(after) == 1 or after[1] in " \t"):
                return (text[:end], after[1:].strip())
            return None
        i = 0
        while True:
            i = text.find(":", i)
            if i < 0:
                return None
            if i + 1 == len(text) or text[i + 1] in " \t":
                return (text[:i].rstrip(), text[i + 1:].strip())
            i += 1

    def _mapping(self, indent: int) -> dict:
        out: dict = {}
        while True:
            self._skip_blank()
            if self.pos >= len(self.lines):
                return out
            line = self.lines[self.pos]
            if line.indent < indent:
                return out
            if line.indent > indent:
                raise YAMLError("mapping values are not allowed in this context", line.number)
            text = strip_comment(line.text)
            entry = self._mapping_key(text)
            if entry is None:
                if text.startswith("- "):
                    return out
                raise YAMLError("could not find expected ':'", line.number)
            raw_key, rest = entry
            key_value = self._inline_scalar(raw_key, line.number)
            key = key_string(key_value)
            if key in out:
                raise YAMLError(f'mapping key "{key}" already defined', line.number)
            self.pos += 1
            out[key] = self._value_after(rest, indent, line, allow_same_indent_seq=True)
        return out

    def _sequence(self, indent: int) -> list:
        out: list = []
        while True:
            self._skip_blank()
            if self.pos >= len(self.lines):
                return out
            line = self.lines[self.pos]
            text = strip_comment(line.text)
            if line.indent != indent or not (text.startswith("- ") or text == "-"):
                if line.indent > indent:
                    raise YAMLError("did not find expected '-' indicator", line.number)
                return out
            rest = text[1:].strip()
            self.pos += 1
            nested = rest and not rest.startswith(("[", "{", "|", ">", "&", "*", "!")) and (
                rest.startswith("- ") or rest == "-" or self._mapping_key(rest) is not None)
            if nested:
                # A block that starts on the dash's line: re-read it at its own column.
                after_dash = line.text[1:]
                column = indent + 1 + len(after_dash) - len(after_dash.lstrip(" "))
                self.pos -= 1
                self.lines[self.pos] = Line(line.number, column, after_dash.lstrip(" "))
                out.append(self._node(indent))
            else:
                out.append(self._value_after(rest, indent, line, allow_same_indent_seq=False))
        return out

    def _value_after(self, rest: str, indent: int, line: Line, allow_same_indent_seq: bool):
        anchor = None
        tag = None
        while rest.startswith(("&", "!")):
            token, _, remainder = rest.partition(" ")
            if token.startswith("&"):
                anchor = token[1:]
            else:
                tag = token
            rest = remainder.strip()
        if rest.startswith("*"):
            name = rest[1:].strip()
            if name not in self.anchors:
                raise YAMLError(f'unknown anchor "{name}" referenced', line.number)
            return self.anchors[name]
        if rest.startswith(("|", ">")):
            value = self._block_scalar(rest, indent, line)
        elif rest:
            value = self._flow_or_scalar(rest, line, indent)
        else:
            self._skip_blank()
            value = None
            if self.pos < len(self.lines):
                nxt = self.lines[self.pos]
                nxt_text = strip_comment(nxt.text)
                if nxt.indent > indent:
                    value = self._node(indent)
                elif allow_same_indent_seq and nxt.indent == indent and (nxt_text.startswith("- ")
                                                                        or nxt_text == "-"):
                    value = self._sequence(indent)
        if tag in ("!!str", "tag:yaml.org,2002:str") and value is not None and not isinstance(value, str):
            value = key_string(value) if not isinstance(value, (dict, list)) else value
        elif tag == "!!str" and value is None:
            value = ""
        if anchor:
            self.anchors[anchor] = value
        return value

    def _flow_or_scalar(self, rest: str, line: Line, indent: int):
        if rest.startswith(("[", "{")):
            text = rest
            while not balanced(text):
                self.pos += 1
                if self.pos > len(self.lines):
                    raise YAMLError("did not find expected ',' or ']'", line.number)
                if self.pos - 1 >= len(self.lines):
                    raise YAMLError("did not find expected ',' or ']'", line.number)
                text += " " + strip_comment(self.lines[self.pos - 1].text)
            value, end = _Flow(text, line.number, self).value(0)
            if text[end:].strip():
                raise YAMLError("did not find expected <document start>", line.number)
            return value
        if rest.startswith(('"', "'")):
            text = rest
            while quoted_end(text) is None:
                if self.pos >= len(self.lines):
                    raise YAMLError("found unexpected end of stream", line.number)
                nxt = self.lines[self.pos].text
                self.pos += 1
                text += "\n" + nxt
            end = quoted_end(text)
            if text[end:].strip():
                raise YAMLError("did not find expected key", line.number)
            return unquote(text[:end], line.number)
        # A plain scalar may continue on more-indented lines.
        parts = [rest]
        while self.pos < len(self.lines):
            nxt = self.lines[self.pos]
            nxt_text = strip_comment(nxt.text)
            if not nxt_text:
                break
            if nxt.indent <= indent or self._mapping_key(nxt_text) is not None or nxt_text.startswith("- "):
                break
            parts.append(nxt_text)
            self.pos += 1
        if len(parts) == 1:
            return resolve_plain(rest)
        return " ".join(parts)

    def _scalar_lines(self, parent_indent: int):
        line = self.lines[self.pos]
        self.pos += 1
        return self._value_after(strip_comment(line.text), parent_indent, line, allow_same_indent_seq=False)

    def _inline_scalar(self, text: str, number: int):
        if text[:1] in ("'", '"'):
            return unquote(text, number)
        return resolve_plain(text)

    def _block_scalar(self, header: str, indent: int, line: Line) -> str:
        style = header[0]
        chomp = "clip"
        explicit = None
        for ch in header[1:].split("#")[0].strip():
            if ch == "-":
                chomp = "strip"
            elif ch == "+":
                chomp = "keep"
            elif ch.isdigit():
                explicit = int(ch)
        body: list = []
        block_indent = None if explicit is None else max(indent, 0) + explicit
        while self.pos < len(self.lines):
            nxt = self.lines[self.pos]
            raw = " " * nxt.indent + nxt.text
            if not raw.strip():
                body.append("")
                self.pos += 1
                continue
            if block_indent is None:
                if nxt.indent <= indent:
                    break
                block_indent = nxt.indent
            if nxt.indent < block_indent:
                break
            body.append(raw[block_indent:])
            self.pos += 1
        trailing = 0
        while body and body[-1] == "":
            body.pop()
            trailing += 1
        if style == "|":
            text = "\n".join(body)
        else:
            text = fold(body)
        if chomp == "strip" or not body:
            return text if body else ""
        if chomp == "clip":
            return text + "\n"
        return text + "\n" + "\n" * trailing


class _Flow:
    """Flow collections: `[a, b]`, `{k: v}`, nested."""

    def __init__(self, text: str, number: int, parser: Parser):
        self.text = text
        self.number = number
        self.parser = parser

    def _ws(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\n":
            i += 1
        return i

    def value(self, i: int):
        i = self._ws(i)
        ch = self.text[i] if i < len(self.text) else ""
        if ch == "[":
            out = []
            i = self._ws(i + 1)
            while i < len(self.text) and self.text[i] != "]":
                item, i = self.value(i)
                out.append(item)
                i = self._ws(i)
                if i < len(self.text) and self.text[i] == ",":
                    i = self._ws(i + 1)
            if i >= len(self.text):
                raise YAMLError("did not find expected ',' or ']'", self.number)
            return out, i + 1
        if ch == "{":
            out = {}
            i = self._ws(i + 1)
            while i < len(self.text) and self.text[i] != "}":
                key, i = self.scalar(i, key=True)
                i = self._ws(i)
                value = None
                if i < len(self.text) and self.text[i] == ":":
                    value, i = self.value(i + 1)
                out[key_string(key)] = value
                i = self._ws(i)
                if i < len(self.text) and self.text[i] == ",":
                    i = self._ws(i + 1)
            if i >= len(self.text):
                raise YAMLError("did not find expected ',' or '}'", self.number)
            return out, i + 1
        return self.scalar(i)

    def scalar(self, i: int, key: bool = False):
        i = self._ws(i)
        if i < len(self.text) and self.text[i] in "'\"":
            end = quoted_end(self.text[i:])
            if end is None:
                raise YAMLError("found unexpected end of stream", self.number)
            return unquote(self.text[i:i + end], self.number), i + end
        if i < len(self.text) and self.text[i] == "*":
            j = i + 1
            while j < len(self.text) and self.text[j] not in ",]} \t":
                j += 1
            name = self.text[i + 1:j]
            if name not in self.parser.anchors:
                raise YAMLError(f'unknown anchor "{name}" referenced', self.number)
            return self.parser.anchors[name], j
        j = i
        while j < len(self.text):
            ch = self.text[j]
            if ch in ",]}":
                break
            if ch == ":" and (j + 1 == len(self.text) or self.text[j + 1] in " ,]}\t\n"):
                break
            j += 1
        return resolve_plain(self.text[i:j].strip()), j
