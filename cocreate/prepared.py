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

A unit of work that only reads (a page marked @read_only, between begin_reading() and end_reading()) runs
its prepared statements on a connection of its own, without the ORM session's transaction machinery
(taking the session's connection and handing it back cost 40 µs, more than the page's statements).
Instances it loads with every column stay out of the session, detached with their identity (nothing of a
page is flushed, and a page that reads only this way never makes a session at all); others join it as
usual. On PostgreSQL (and an in-memory SQLite database) that connection is taken from the pool at the unit's
first statement and returned at its end.

On a SQLite database file each thread keeps one reading connection instead, outside the pool, and keeps
what its statements returned while the database stays the same. `PRAGMA data_version` tells: its value
changes whenever any other connection (another worker, this worker's writing session, a CLI command, a
restore) has committed a change, and the reading connection itself never writes. A read unit asks it once,
at its first statement; if it moved, every kept result is forgotten. A kept result is served only for the
same statement with the same parameters, and only if its values are immutable (strings, numbers, times).
A statement read this way must be a function of the rows and its parameters (no time or random function
in its SQL), as every statement built here is. The results were read after the version they are kept
under was asked, so they are never older than it. With MEMO_CHECK set (the test suite), every kept result
served is read again and must be the same.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy.engine import Connection, Dialect, Engine
from sqlalchemy.orm import Session, attributes, configure_mappers, make_transient_to_detached, scoped_session
from sqlalchemy.sql.base import Executable

Processor = Callable[[Any], Any]

# False: statements run on the session's connection. None or an Engine (not connected yet) or a _Reader: a
# unit of work that only reads.
_reader: ContextVar[_Reader | Engine | None | bool] = ContextVar("cocreate_reader", default=False)
_held = threading.local()  # .readers: each engine's kept reading connection of this thread (SQLite files)
MAX_KEPT_RESULTS = 2_000
_IMMUTABLE = (str, int, float, bool, type(None), datetime, date, time, Decimal, bytes)


@dataclass(eq=False)
class _Reader:
    """A read unit's connection; `kept`: this thread's own (a SQLite file), with the results it keeps."""

    connection: Connection
    kept: bool
    pid: int = 0
    version: int | None = None
    results: dict = field(default_factory=dict)


def begin_reading(engine: Engine | None = None) -> None:
    """From here on this unit of work only reads: prepared statements run on a connection of its own, to
    `engine` (by default the session's bind, which makes the session: a page that reads only through
    prepared statements then never makes one)."""
    _reader.set(engine)


def end_reading() -> None:
    """The unit of work that only read is over: a pooled connection goes back (which rolls back); a kept
    one stays with its thread."""
    reader = _reader.get()
    _reader.set(False)
    if isinstance(reader, _Reader) and not reader.kept:
        reader.connection.close()


def _reading(session: Session) -> _Reader | None:
    """The read unit's reader (connected now if it was not yet), or None outside a read unit."""
    reader = _reader.get()
    if reader is False:
        return None
    if not isinstance(reader, _Reader):
        reader = _reader_for(reader if reader is not None else session.get_bind())
        _reader.set(reader)
    return reader


def _keeps_readers(engine: Engine) -> bool:
    url = engine.url
    database = url.database or ""
    return (
        engine.dialect.name == "sqlite"
        and database not in ("", ":memory:")
        and not database.startswith("file::memory:")
        and url.query.get("mode") != "memory"
    )


def _reader_for(engine: Engine) -> _Reader:
    reader = getattr(_held, "last", None)  # nearly always the one engine of the app
    if (
        reader is None
        or reader.connection.engine is not engine
        or reader.pid != os.getpid()
        or reader.connection.closed
        or reader.connection.invalidated
    ):
        if not _keeps_readers(engine):
            return _Reader(engine.connect(), kept=False)
        reader = _held.last = _kept_reader(engine)
    version = _data_version(reader.connection)
    if version != reader.version:
        reader.results.clear()
        reader.version = version
    return reader


def _kept_reader(engine: Engine) -> _Reader:
    """This thread's reading connection to the engine's database, made the first time."""
    readers = getattr(_held, "readers", None)
    if readers is None:
        readers = _held.readers = weakref.WeakKeyDictionary()
    reader = readers.get(engine)
    if (
        reader is None
        or reader.pid != os.getpid()
        or reader.connection.closed
        or reader.connection.invalidated
    ):
        # Outside the pool: it is never checked in (and rolled back) or counted against its size.
        fairy = engine.raw_connection()
        fairy.detach()
        fairy.info.clear()  # what the pool's record knew (a writer's turn) is not this reader's
        reader = readers[engine] = _Reader(Connection(engine, connection=fairy), kept=True, pid=os.getpid())
    return reader


def _data_version(connection: Connection) -> int:
    sql = "PRAGMA data_version"
    cursor = connection.connection.dbapi_connection.cursor()
    if connection.dispatch.before_cursor_execute:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, (), None, False)
    try:
        return cursor.execute(sql).fetchone()[0]
    except connection.dialect.loaded_dbapi.Error as exc:
        connection._handle_dbapi_exception(exc, sql, (), cursor, None)  # raises SQLAlchemy's
    finally:
        cursor.close()


def _key(statement: Prepared, params: Mapping[str, Any]) -> tuple | None:
    """The key a result is kept under; None when a parameter's value cannot be one (then it is not kept)."""
    key = (statement, tuple(sorted(params.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _keep(reader: _Reader, key: tuple, value: Any) -> None:
    if len(reader.results) >= MAX_KEPT_RESULTS:
        reader.results.clear()
    reader.results[key] = value


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
        reader = _reading(session)
        rows_key = _key(self, params) if reader is not None and reader.kept else None
        if rows_key is None:
            return build(self.rows(session, params))
        key = (rows_key, also)
        kept = reader.results.get(key)
        if kept is not None and not _checking():
            return kept
        value = build(self.rows(session, params))
        if kept is not None and value != kept:
            raise AssertionError(f"a kept value differs from the one built now: {also!r:.200}")
        if rows_key in reader.results:  # the rows were kept (all immutable): so is what they built
            _keep(reader, key, value)
        return value

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
        reader = _reading(session)
        if reader is None:
            return self._execute(session.connection(), params, fetch=fetch)
        key = _key(self, params) if reader.kept and fetch else None
        if key is None:
            return self._execute(reader.connection, params, fetch=fetch)
        kept = reader.results.get(key)
        if kept is not None and not _checking():
            return list(kept)  # the rows are tuples of immutable values; the list is the caller's
        rows = self._execute(reader.connection, params, fetch=True)
        if kept is not None and rows != kept:
            raise AssertionError(f"a kept result differs from the database's: {self.statement}")
        if all(type(row) is tuple and all(isinstance(v, _IMMUTABLE) for v in row) for row in rows):
            _keep(reader, key, list(rows))
        return rows

    def _execute(self, connection: Connection, params: Mapping[str, Any], *, fetch: bool):
        dialect = connection.dialect
        form = self._forms.get(dialect) or self._compile(dialect)
        values = {name: params[key] for name, key in form.given}
        values.update(form.fixed)
        for name, process in form.binds:
            values[name] = process(values[name])
        args = [values[name] for name in form.order] if form.order is not None else values
        dbapi_connection = connection.connection.dbapi_connection
        cursor = dbapi_connection.cursor()
        dispatch = connection.dispatch
        if dispatch.before_cursor_execute:
            dispatch.before_cursor_execute(connection, cursor, form.sql, args, None, False)
        try:
            cursor.execute(form.sql, args)
            found = cursor.fetchall() if fetch else cursor.rowcount
        except dialect.loaded_dbapi.Error as exc:
            cursor.close()
            connection._handle_dbapi_exception(exc, form.sql, args, cursor, None)  # raises SQLAlchemy's
        results = form.results
        if results is None and fetch:
            results = self._learn_results(dialect, form, cursor.description)
        cursor.close()
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


def _checking() -> bool:
    """MEMO_CHECK (the test suite): kept results are read again and compared."""
    return has_app_context() and bool(current_app.config.get("MEMO_CHECK"))


def persistent(session: Session, model: type, values: dict[str, Any]):
    """The instance of `model` with these attribute values, as if loaded by the session: the one the
    session holds already, else a new one, with no statement (an attribute left out loads when first read,
    as a deferred column does). None when the primary key is NULL (an outer join that found nothing)."""
    mapper = model.__mapper__
    key = [values.get(mapper.get_property_by_column(c).key) for c in mapper.primary_key]
    if None in key:
        return None
    if _reader.get() is not False and all(a.key in values for a in mapper.column_attrs):
        # A unit of work that only reads, and every column is here: the instance stays out of the session
        # (which a page reading only this way then never makes, nor closes), detached with its identity.
        # Nothing of it is flushed, no column is left to load, and a relationship would raise rather
        # than load.
        return _detached(mapper, values)
    held = session.identity_map.get(mapper.identity_key_from_primary_key(key))
    if held is not None:
        return held
    # As the ORM's loading does: a new instance without __init__, its values written straight into its
    # dict (no attribute events, as nothing has happened to it yet), then marked as loaded and attached.
    # The mappers must be configured first, as a query or a constructor would see to (a worker's first
    # request may well be this).
    if not mapper.configured:
        configure_mappers()
    instance = mapper.class_manager.new_instance()
    instance.__dict__.update(values)
    return attach_as_stored(session, instance)


def _detached(mapper, values: dict[str, Any]):
    if not mapper.configured:
        configure_mappers()
    instance = mapper.class_manager.new_instance()
    instance.__dict__.update(values)
    make_transient_to_detached(instance)
    return instance


def attach_as_stored(session: Session, instance):
    """A new instance whose row is in the database as it stands (loaded by a prepared statement, or just
    written by one with these values, its key included) joins the session as persistent, with no
    statement. Session.add() would also walk its relationships to cascade into related objects: none of
    them is loaded, so it would find nothing, at a tenth of a vote's time. It is attached alone."""
    make_transient_to_detached(instance)
    owner = session() if isinstance(session, scoped_session) else session
    owner._save_or_update_impl(attributes.instance_state(instance))
    return instance


def driver_sql(connection, sql: str) -> None:
    """A statement without parameters or rows (BEGIN, ROLLBACK) on the connection's DB-API connection, seen
    by `before_cursor_execute` listeners like any other: Connection.exec_driver_sql's machinery cost ten
    times the statement on every request."""
    cursor = connection.connection.dbapi_connection.cursor()
    if connection.dispatch.before_cursor_execute:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, (), None, False)
    try:
        cursor.execute(sql)
    except connection.dialect.loaded_dbapi.Error as exc:
        cursor.close()
        connection._handle_dbapi_exception(exc, sql, (), cursor, None)
    cursor.close()
