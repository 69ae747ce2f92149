"""Database expressions the reports need, for PostgreSQL and the SQLite of `make run`."""

import math

from django.db.backends.signals import connection_created
from django.db.models import Aggregate, FloatField, Func


class DaysBetween(Func):
    """`end - start` in days (fractional), computed by the database."""

    arity = 2
    output_field = FloatField()

    def __init__(self, start, end, **extra):
        super().__init__(end, start, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)",
            arg_joiner=" - ",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(JULIANDAY(%(expressions)s))",
            arg_joiner=") - JULIANDAY(",
            **extra,
        )


class PercentileCont(Aggregate):
    """The continuous percentile (0.9: the 90th) of an expression within each group."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    output_field = FloatField()
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("A percentile's fraction lies between 0 and 1.")
        super().__init__(expression, fraction=float(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite has no ordered-set aggregates: the function registered below stands in.
        return self.as_sql(
            compiler, connection, template="%(function)s(%(expressions)s, %(fraction)s)", **extra
        )


class _SqlitePercentile:
    """PostgreSQL's percentile_cont (linear interpolation) for the development SQLite."""

    def __init__(self):
        self.values, self.fraction = [], 0.0

    def step(self, value, fraction):
        if value is not None:
            self.values.append(value)
            self.fraction = fraction

    def finalize(self):
        if not self.values:
            return None
        ordered = sorted(self.values)
        position = (len(ordered) - 1) * self.fraction
        low, high = math.floor(position), math.ceil(position)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("PERCENTILE_CONT", 2, _SqlitePercentile)


connection_created.connect(_register_sqlite_functions, dispatch_uid="common.db.percentile")
