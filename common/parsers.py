"""A JSON parser that refuses what would crash or mislead the code behind it."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No Nivaran body nests beyond two levels; 32 leaves room and stops recursion bombs
# ("[" * 1100 ...) long before Python's own recursion limit.
DEFAULT_MAX_DEPTH = 32


def _check(data, max_depth: int) -> None:
    """Walk the parsed document without recursion: depth and NUL characters."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if "\x00" in node:
                raise ParseError(_("The request contains a NUL character."))
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > max_depth:
            raise ParseError(_("The JSON document is nested too deeply."))
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children)


class SafeJSONParser(JSONParser):
    """DRF's JSON parser, plus: nesting beyond JSON_MAX_DEPTH and NUL characters in any
    key or string are a 400, never a RecursionError or a database error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON document is nested too deeply.")) from None
        _check(data, getattr(settings, "JSON_MAX_DEPTH", DEFAULT_MAX_DEPTH))
        return data
