"""YAML scalars as sigs.k8s.io/yaml (go-yaml v2) reads them: plain-scalar resolution, quoting, folding."""

from __future__ import annotations

import math
import re

_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_INT = re.compile(r"^[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0o?[0-7_]+|[0-9][0-9_]*)$")
_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_NULL = {"", "~", "null", "Null", "NULL"}



class YAMLError(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(f"yaml: line {line}: {message}")



def resolve_plain(text: str):
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if text in (".nan", ".NaN", ".NAN"):
        return math.nan
    if text in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
        return math.inf
    if text in ("-.inf", "-.Inf", "-.INF"):
        return -math.inf
    if _INT.match(text):
        digits = text.replace("_", "")
        sign = -1 if digits.startswith("-") else 1
        body = digits.lstrip("+-")
        try:
            if body.startswith("0b"):
                return sign * int(body[2:], 2)
            if body.startswith("0x"):
                return sign * int(body[2:], 16)
            if body.startswith("0o"):
                return sign * int(body[2:], 8)
            if len(body) > 1 and body.startswith("0"):
                return sign * int(body[1:], 8)
            value = sign * int(body)
            if -2 ** 63 <= value < 2 ** 63:
                return value
        except ValueError:
            pass
    if _FLOAT.match(text):
        return float(text)
    return text


def key_string(value) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def strip_comment(text: str) -> str:
    """Removes a trailing comment, leaving quoted `#` alone."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                if quote == "'" and i + 1 < len(text) and text[i + 1] == "'":
                    continue
                quote = None
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "'\"" and (i == 0 or text[i - 1] in " \t[{,:-"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip()
    return text.rstrip()


def fold(lines: list) -> str:
    out = ""
    previous_more = False
    for i, l in enumerate(lines):
        more = l.startswith((" ", "\t"))
        if i == 0:
            out = l
        elif l == "":
            out += "\n"
        elif more or previous_more or out.endswith("\n"):
            out += ("\n" if not out.endswith("\n") else "") + l if (more or previous_more) else l
        else:
            out += " " + l
        previous_more = more
    return out


def quoted_end(text: str):
    quote = text[0]
    i = 1
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and i + 1 < len(text) and text[i + 1] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}


def _fold_quoted(body: str) -> str:
    lines = body.split("\n")
    if len(lines) == 1:
        return body
    out = lines[0].rstrip(" \t")
    blank = 0
    for l in lines[1:]:
        s = l.strip(" \t")
        if not s:
            blank += 1
            continue
        out += ("\n" * blank) if blank else " "
        blank = 0
        out += s
    return out + ("\n" * blank if blank else "")


def unquote(text: str, number: int) -> str:
    quote, body = text[0], text[1:-1]
    if quote == "'":
        return _fold_quoted(body).replace("''", "'")
    out = []
    body = _fold_quoted(body)
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise YAMLError("found unknown escape character while parsing a quoted scalar", number)
        esc = body[i]
        if esc in _ESCAPES:
            out.append(_ESCAPES[esc])
            i += 1
        elif esc in "xuU":
            width = {"x": 2, "u": 4, "U": 8}[esc]
            digits = body[i + 1:i + 1 + width]
            try:
                out.append(chr(int(digits, 16)))
            except ValueError:
                raise YAMLError("did not find expected hexdecimal number", number) from None
            i += 1 + width
        elif esc == "\n":
            i += 1
        else:
            raise YAMLError("found unknown escape character while parsing a quoted scalar", number)
    return "".join(out)


def balanced(text: str) -> bool:
    depth = 0
    quote = None
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if quote == '"' and ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return True
        i += 1
    return depth == 0
