"""Prepared statements: a Core statement compiled once per database and run straight on the DB-API cursor of
the session's own connection, inside its transaction.

SQLAlchemy stays the source of every statement and of its type conversions: the SQL is its compilation for
the dialect, and the values pass through the bind and result processors of the columns' own types (UTC
times, JSON, booleans). What is skipped is the per-execution machinery around the cursor (the compiled
cache lookup, the execution context, the result object), which cost more than the statement itself on the
hottest paths: a vote and the signed-in board page each run a handful of short statements, and through
Session.execute each took 40-60 µs of Python around 2-30 µs of SQLite (bench/RESULTS.md, 2026-12-06).

Everything else keeps using the ORM and Session.execute; this is for statements that run on every request
of a hot path, built once at import. Listeners of `before_cursor_execute` still see each statement (the
tests count statements per page that way), and a DB-API error becomes SQLAlchemy's exception as usual.

A unit of work that only reads (a page marked @read_only) runs its prepared statements on a connection of
its own, and keeps what they returned while the database stays the same (a SQLite file, PostgreSQL): see
cocreate/kept_reads.py.

Same answers as SQLAlchemy's own execution: tests/unit/test_prepared.py and
tests/web/test_speed_switches.py (the suite's visit with prepared statements switched off).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session, attributes, configure_mappers, make_transient_to_detached, scoped_session
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.visitors import cloned_traverse

from cocreate import speed
from cocreate.driver import _CURSOR, _cursor
from cocreate.kept_reads import immutable_rows, in_read_unit, key_for, reading, through

Processor = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A statement as one dialect runs it."""

    sql: str
    order: tuple[str, ...] | None  # positional paramstyles: the names in the order of the placeholders
    given: tuple[tuple[str, str], ...]  # (name in the SQL, key the caller passes) of required parameters
    fixed: tuple[tuple[str, Any], ...]  # (name, value) of values built into the statement
    binds: tuple[tuple[str, Processor], ...]  # (name, processor) where the type converts the value
    # (column index, processor) where the type converts it; None until the first execution, whose cursor
    # description says what the driver returns (PostgreSQL's numeric processors depend on it).
    results: tuple[tuple[int, Processor], ...] | None


class Prepared:
    """A statement built once (at import), compiled once per dialect, run on the session's connection."""

    __slots__ = ("statement", "_forms", "_models")

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._forms: dict[Dialect, _Compiled] = {}
        self._models: dict[type, tuple[tuple[int, str], ...]] = {}

    def rows(self, session: Session, params: Mapping[str, Any] | None = None) -> list[Sequence[Any]]:
        """Every row, its values converted by their columns' types."""
        return self._run(session, params or {}, fetch=True)

    def first(self, session: Session, params: Mapping[str, Any] | None = None) -> Sequence[Any] | None:
        rows = self._run(session, params or {}, fetch=True)
        return rows[0] if rows else None

    def built(self, session: Session, params: Mapping[str, Any], build: Callable[[list], Any], also: tuple):
        """build(rows), for the rows this statement returns with these parameters. In a read unit on a kept
        reader (see the module's text) the value is kept with the rows while the database stays the same,
        under the statement, the parameters and `also`: `build` must be a function of the rows and of what
        `also` holds, and hand back a value nobody changes (tuples, read-only mappings)."""
        reader = reading(session)
        rows_key = key_for(self, params) if reader is not None and reader.kept else None
        if rows_key is None:
            return build(self.rows(session, params))
        # Kept only if the rows were (all immutable): what they built lasts as long as they do.
        return through(
            reader, (rows_key, also), lambda: build(self.rows(session, params)), lambda _: rows_key in reader
        )

    def scalar(self, session: Session, params: Mapping[str, Any] | None = None) -> Any:
        row = self.first(session, params)
        return row[0] if row is not None else None

    def load(self, session: Session, params: Mapping[str, Any] | None, *models: type) -> list | None:
        """The first row as persistent instances of `models`, one each, built from the columns of its table
        (None where an outer join found no row), then the row's other values; None without a row. See
        persistent()."""
        row = self.first(session, params)
        if row is None:
            return None
        found, others = [], set(range(len(row)))
        for model in models:
            places = self._places(model)
            others -= {index for index, _ in places}
            found.append(persistent(session, model, {key: row[index] for index, key in places}))
        return found + [row[index] for index in sorted(others)]

    def _places(self, model: type) -> tuple[tuple[int, str], ...]:
        """(column index, attribute) of the statement's columns that belong to `model`'s table."""
        places = self._models.get(model)
        if places is None:
            mapper = model.__mapper__
            places = self._models[model] = tuple(
                (index, mapper.get_property_by_column(column).key)
                for index, column in enumerate(self.statement.exported_columns)
                if getattr(column, "table", None) is mapper.local_table
            )
        return places

    def execute(self, session: Session, params: Mapping[str, Any] | None = None) -> int:
        """A statement that returns no rows; the number of rows it changed."""
        return self._run(session, params or {}, fetch=False)

    def _run(self, session: Session, params: Mapping[str, Any], *, fetch: bool):
        reader = reading(session)
        if reader is None:
            return self._execute(session.connection(), params, fetch=fetch)
        key = key_for(self, params) if reader.kept and fetch else None
        if key is None:
            return self._execute(reader.connection, params, fetch=fetch)
        read = partial(self._execute, reader.connection, params, fetch=True)
        return list(through(reader, key, read, immutable_rows))  # kept: tuples of immutable values

    def _execute(self, connection: Connection, params: Mapping[str, Any], *, fetch: bool):
        if not speed.on("prepared"):
            # SQLAlchemy's own way: the statement with this request's values (as code that builds it per call
            # would have it), then its compiled cache, execution context and result.
            outside = not connection.in_transaction()  # a read unit's reader, which never holds one
            result = connection.execute(_with_values(self.statement, params))
            found = [tuple(row) for row in result] if fetch else result.rowcount
            if outside:
                connection.commit()  # SQLAlchemy began one: the next statement must see the newest rows
            return found
        dialect = connection.dialect
        form = self._forms.get(dialect) or self._compile(dialect)
        values = {name: params[key] for name, key in form.given}
        values.update(form.fixed)
        for name, process in form.binds:
            values[name] = process(values[name])
        args = [values[name] for name in form.order] if form.order is not None else values
        cursor = _cursor(connection.connection)
        dispatch = connection.dispatch
        if dispatch.before_cursor_execute:
            dispatch.before_cursor_execute(connection, cursor, form.sql, args, None, False)
        try:
            cursor.execute(form.sql, args)
            found = cursor.fetchall() if fetch else cursor.rowcount
        except dialect.loaded_dbapi.Error as exc:
            connection.connection.info.pop(_CURSOR, None)
            cursor.close()
            connection._handle_dbapi_exception(exc, form.sql, args, cursor, None)  # raises SQLAlchemy's
        results = form.results
        if results is None and fetch:
            results = self._learn_results(dialect, form, cursor.description)
        if not fetch or not results:
            return found
        converted = []
        for row in found:
            row = list(row)
            for index, process in results:
                row[index] = process(row[index])
            converted.append(tuple(row))
        return converted

    def _learn_results(self, dialect: Dialect, form: _Compiled, description) -> tuple:
        results = []
        for index, column in enumerate(self.statement.exported_columns):
            coltype = description[index][1] if description else None
            process = column.type.dialect_impl(dialect).result_processor(dialect, coltype)
            if process is not None:
                results.append((index, process))
        self._forms[dialect] = replace(form, results=tuple(results))
        return self._forms[dialect].results

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        if "__[POSTCOMPILE" in compiled.string:
            raise ValueError("prepared statements take no expanding (IN list) parameters")
        escaped = compiled.escaped_bind_names or {}
        given, fixed, binds = [], [], []
        for bind, name in compiled.bind_names.items():
            name = escaped.get(name, name)
            if bind.callable is not None:
                raise ValueError("prepared statements take no parameters computed per execution")
            if bind.required:
                given.append((name, bind.key))
            else:
                fixed.append((name, bind.value))
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                binds.append((name, process))
        order = tuple(escaped.get(n, n) for n in compiled.positiontup) if compiled.positional else None
        form = _Compiled(compiled.string, order, tuple(given), tuple(fixed), tuple(binds), None)
        self._forms[dialect] = form
        return form


def _with_values(statement: Executable, params: Mapping[str, Any]) -> Executable:
    """The statement with these values in its parameters (what ClauseElement.params() does, which refuses
    INSERT, UPDATE and DELETE statements)."""

    def fill(bind) -> None:
        if bind.key in params:
            bind.value, bind.required = params[bind.key], False

    return cloned_traverse(
        statement, {"maintain_key": True, "detect_subquery_cols": True}, {"bindparam": fill}
    )


def persistent(session: Session, model: type, values: dict[str, Any]):
    """The instance of `model` with these attribute values, as if loaded by the session: the one the
    session holds already, else a new one, with no statement (an attribute left out loads when first read,
    as a deferred column does). None when the primary key is NULL (an outer join that found nothing)."""
    mapper = model.__mapper__
    key = [values.get(mapper.get_property_by_column(c).key) for c in mapper.primary_key]
    if None in key:
        return None
    if in_read_unit() and all(a.key in values for a in mapper.column_attrs):
        # A unit of work that only reads, and every column is here: the instance stays out of the session
        # (which a page reading only this way then never makes, nor closes), detached with its identity.
        # Nothing of it is flushed, no column is left to load, and a relationship would raise rather
        # than load.
        instance = _new_loaded(mapper, values)
        make_transient_to_detached(instance)
        return instance
    identity = mapper.identity_key_from_primary_key(key)
    held = session.identity_map.get(identity)
    if held is not None:
        return held
    return attach_as_stored(session, _new_loaded(mapper, values), identity)


def _new_loaded(mapper, values: dict[str, Any]):
    """As the ORM's loading does: a new instance without __init__, its values written straight into its
    dict (no attribute events, as nothing has happened to it yet). The mappers must be configured first,
    as a query or a constructor would see to (a worker's first request may well be this)."""
    if not mapper.configured:
        configure_mappers()
    instance = mapper.class_manager.new_instance()
    instance.__dict__.update(values)
    return instance


def attach_as_stored(session: Session, instance, identity: tuple | None = None):
    """A new instance whose row is in the database as it stands (loaded by a prepared statement, or just
    written by one with these values, its key included) joins the session as persistent, with no
    statement, as the ORM's own loading attaches what a query returned: it takes its identity key and its
    place in the identity map, and every column it was not given is marked expired (it loads when first
    read). Its relationships load when first read, as after a query.

    make_transient_to_detached() and Session.add() would get there too, at a tenth of a vote's time:
    they go through every attribute (relationships included) and dispatch events nothing here listens to
    (attach, expire), and add() walks the relationships to cascade into objects none of which is loaded.
    `identity`: its identity key, when the caller has it already (working it out from the instance's state
    again was a third of this function's time)."""
    state = attributes.instance_state(instance)
    if state.key is not None or state.session_id is not None:
        raise ValueError("attach_as_stored() takes a new instance")
    mapper = state.mapper
    state.key = identity or mapper._identity_key_from_state(state)
    state._commit_all(state.dict)  # what its constructor set is what is stored: no change to flush
    missing = _missing_columns(mapper, frozenset(state.dict))
    if missing:
        state.expired_attributes.update(missing)
    owner = session() if isinstance(session, scoped_session) else session
    owner._autobegin_t()
    state.session_id = owner.hash_key
    owner.identity_map._add_unpresent(state, state.key)
    return instance


@lru_cache(maxsize=256)
def _missing_columns(mapper, given: frozenset[str]) -> tuple[str, ...]:
    """The column attributes of `mapper` not among `given` (what a query that did not select them leaves
    to load on first read)."""
    return tuple(a.key for a in mapper.column_attrs if a.key not in given)
