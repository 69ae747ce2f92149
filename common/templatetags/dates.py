"""{% load dates %}: value|day, value|moment, value|month (see common/formats.py)."""

from django import template

from common import formats

register = template.Library()
register.filter("day", formats.day)
register.filter("moment", formats.moment)
register.filter("month", formats.month)
