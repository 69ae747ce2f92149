from django import template
from django.utils.html import format_html

from common.once import FIELD, new_token

register = template.Library()


@register.simple_tag
def once_token() -> str:
    """The hidden one-time token of a state-changing form (see common/once.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
