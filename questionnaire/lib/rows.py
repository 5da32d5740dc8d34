"""Model rows read with plain SQL, for the few reads that every signed-in request makes.

Every signed-in page reads its session, its user and, in the wizard, its draft. Through the
ORM each of these reads costs far more to build and compile than to run: on our 2-core
machines 0.36 ms for a user by its key, 0.46 ms for a session and 2.2 ms for the draft with
its organisation, the reader's role and the wording's stamp, against about 0.05 ms for the
same statement written out (issue 11; ``bench/run.py`` measures the pages). So these three
are written out once, here and in their callers, and turned into model instances as the ORM
would: the same columns, each value through the same converters of the database backend
and the field (a JSON field decoded, a UUID or a date read from SQLite's text), then
``Model.from_db``.

Only for reads of one row by its key on a hot path; everything else goes through the ORM.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

ModelT = TypeVar("ModelT", bound=Model)
Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


@dataclass(frozen=True)
class Columns:
    """The concrete columns of a model in the order ``from_db`` takes them, for one
    database connection, with each column's converters."""

    model: type[Model]
    fields: tuple[Field[Any, Any], ...]
    converters: tuple[tuple[tuple[Converter, ...], Any], ...]

    @property
    def count(self) -> int:
        return len(self.fields)

    def select(self, alias: str, connection: BaseDatabaseWrapper) -> str:
        """``alias."col1", alias."col2", …`` for a SELECT list."""
        quote = connection.ops.quote_name
        return ", ".join(f"{alias}.{quote(field.column)}" for field in self.fields)

    def instance(self, row: Sequence[Any], start: int, using: str) -> Model:
        """The model instance of ``row[start:start + count]``, as the ORM makes it."""
        connection = connections[using]
        values = []
        for value, (functions, expression) in zip(
            row[start : start + self.count], self.converters, strict=True
        ):
            for convert in functions:
                value = convert(value, expression, connection)
            values.append(value)
        return self.model.from_db(using, [field.attname for field in self.fields], values)


_columns: dict[tuple[type[Model], str, str], Columns] = {}


def columns(model: type[Model], using: str = "default") -> Columns:
    """The ``Columns`` of ``model`` on the ``using`` database, kept per process and per
    database engine (the converters differ: SQLite keeps a UUID as text, PostgreSQL as a
    UUID; a test may point ``default`` at another engine for a while)."""
    connection = connections[using]
    key = (model, using, connection.vendor)
    found = _columns.get(key)
    if found is None:
        fields = tuple(model._meta.concrete_fields)
        converters = []
        for field in fields:
            expression = field.get_col(model._meta.db_table)
            functions = tuple(connection.ops.get_db_converters(expression)) + tuple(
                field.get_db_converters(connection)  # type: ignore[attr-defined]
            )
            converters.append((functions, expression))
        found = _columns[key] = Columns(model, fields, tuple(converters))
    return found


def table(model: type[Model], using: str = "default") -> str:
    """The model's table name, quoted for the database."""
    return connections[using].ops.quote_name(model._meta.db_table)


def param(model: type[Model], field_name: str, value: Any, using: str = "default") -> Any:
    """``value`` prepared for a comparison with the field, as a filter would prepare it
    (a UUID as text on SQLite, a datetime in the database's form)."""
    return _field(model, field_name).get_db_prep_value(value, connections[using], prepared=False)


def convert(model: type[Model], field_name: str, value: Any, using: str = "default") -> Any:
    """A value the database returned for the field (or for an aggregate of it, such as its
    ``MAX``), converted as the ORM converts the field's values."""
    connection = connections[using]
    field = _field(model, field_name)
    expression = field.get_col(model._meta.db_table)
    for function in (
        *connection.ops.get_db_converters(expression),
        *field.get_db_converters(connection),  # type: ignore[attr-defined]
    ):
        value = function(value, expression, connection)
    return value


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    if not isinstance(field, Field):  # a reverse relation: no column of its own
        raise TypeError(f"{model.__name__}.{name} is not a column.")
    return field


def fetch_one(sql: str, params: Sequence[Any], using: str = "default") -> tuple[Any, ...] | None:
    """The first row of ``sql``, or None."""
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row is not None else None


def get_by(
    model: type[ModelT], field_name: str, value: Any, using: str = "default"
) -> ModelT | None:
    """The row of ``model`` whose ``field_name`` equals ``value`` (a unique field), or None."""
    connection = connections[using]
    found = columns(model, using)
    field = _field(model, field_name)
    name = table(model, using)
    row = fetch_one(
        # Names of the model's own table and columns, quoted by the backend; values as
        # parameters.
        f"SELECT {found.select(name, connection)} FROM {name} "  # noqa: S608
        f"WHERE {name}.{connection.ops.quote_name(field.column)} = %s",
        [field.get_db_prep_value(value, connection, prepared=False)],
        using,
    )
    return found.instance(row, 0, using) if row is not None else None  # type: ignore[return-value]
