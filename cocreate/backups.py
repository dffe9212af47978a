"""`flask backup` and `flask restore`: one .tar.gz with the database and the uploaded media.

SQLite is copied with its online backup API (a consistent snapshot while the site keeps serving, WAL
included); PostgreSQL with pg_dump in its custom format (one consistent snapshot too). The archive holds a
manifest with the schema revision and row counts, and a restore checks them, so a restore that lost
something fails loudly instead of passing in silence."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from cocreate.media import uploads_dir

FORMAT = 1
COUNTED = ("users", "boards", "ideas", "votes", "comments", "reviews", "ugc_items", "points_ledger", "outbox")
SQLITE_NAME, PG_NAME = "database.sqlite3", "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _kind(url: str) -> str:
    backend = make_url(url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {backend}.")
    return backend


def _libpq(url: str) -> tuple[str, dict]:
    """The URL in the form pg_dump and pg_restore read, and the environment with the password (kept off the
    command line, where every user of the machine could read it)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    return parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def census(url: str) -> dict:
    """The schema revision and the row counts of the tables that matter, read from the database at `url`."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return _count(conn)
    finally:
        engine.dispose()


def _count(conn) -> dict:
    names = set(inspect(conn).get_table_names())
    revision = None
    if "alembic_version" in names:
        revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
    counts = {t: conn.scalar(text(f"SELECT count(*) FROM {t}")) for t in COUNTED if t in names}  # noqa: S608
    return {"revision": revision, "counts": counts}


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    """SQLite's online backup API: a consistent copy while others read and write, replacing the target."""
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        with target:
            source.backup(target, pages=4096)
    finally:
        source.close()
        target.close()


def _pg_dump(url: str, dump: Path) -> dict:
    """pg_dump and the census from one snapshot (pg_export_snapshot), so that the manifest describes exactly
    the rows in the dump even while the site keeps writing."""
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn, conn.begin():
            snapshot = conn.scalar(text("SELECT pg_export_snapshot()"))
            target, env = _libpq(url)
            command = [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
            ]
            _run([*command, f"--file={dump}", target], env)
            return _count(conn)
    finally:
        engine.dispose()


def create_backup(
    url: str, uploads: Path, out: Path, progress: Callable[[str], None] = lambda _: None
) -> dict:
    """Write the archive to `out`; returns its manifest."""
    kind = _kind(url)
    with tempfile.TemporaryDirectory(prefix="cocreate-backup-") as tmp:
        work = Path(tmp)
        progress("database")
        if kind == "sqlite":
            dump = work / SQLITE_NAME
            _sqlite_copy(Path(make_url(url).database), dump)
            found = census(f"sqlite:///{dump}")
        else:
            dump = work / PG_NAME
            found = _pg_dump(url, dump)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": kind,
            **found,
            "uploads": sorted(p.name for p in uploads.iterdir() if p.is_file()) if uploads.is_dir() else [],
        }
        progress("media")
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_name(out.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
            for name in manifest["uploads"]:
                tar.add(uploads / name, arcname=f"uploads/{name}")
        partial.replace(out)  # a crash midway never leaves a truncated archive under the real name
    return manifest


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile("manifest.json")
            manifest = json.loads(member.read()) if member else None
    except (tarfile.TarError, KeyError, OSError, ValueError) as exc:
        raise BackupError(f"{archive} is not a CoCreate backup ({exc}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{archive} is not a CoCreate backup of format {FORMAT}.")
    return manifest


def restore_backup(
    archive: Path, url: str, uploads: Path, progress: Callable[[str], None] = lambda _: None
) -> dict:
    """Replace the database at `url` and add the media from the archive; returns the manifest after
    checking that the restored database has the revision and the row counts it lists."""
    manifest = read_manifest(archive)
    kind = _kind(url)
    if manifest["database"] != kind:
        raise BackupError(f"This backup is of a {manifest['database']} database; the target is {kind}.")
    with tempfile.TemporaryDirectory(prefix="cocreate-restore-") as tmp:
        work = Path(tmp)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                tar.extractall(work, filter="data")  # no absolute paths, no "..", no links out
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{archive} cannot be unpacked safely ({exc}).") from None
        progress("database")
        if kind == "sqlite":
            target_path = Path(make_url(url).database)
            target_path.parent.mkdir(parents=True, exist_ok=True)
            _sqlite_copy(work / SQLITE_NAME, target_path)
        else:
            target, env = _libpq(url)
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={target}",
                    str(work / PG_NAME),
                ],
                env,
            )
            # A dump carries no planner statistics: gather them now rather than when autovacuum gets to it.
            _run(["vacuumdb", "--analyze-only", "--quiet", f"--dbname={target}"], env)
        progress("media")
        uploads.mkdir(parents=True, exist_ok=True)
        for name in manifest["uploads"]:
            shutil.copy2(work / "uploads" / Path(name).name, uploads / Path(name).name)
    found = census(url)
    if found["revision"] != manifest["revision"] or found["counts"] != manifest["counts"]:
        raise BackupError(f"The restored database differs from the backup: {found} != {manifest}.")
    return manifest


def _run(command: list[str], env: dict) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=3600, env=env)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        ) from None
    except subprocess.CalledProcessError as exc:
        raise BackupError(f"{command[0]} failed: {exc.stderr.strip()[-500:]}") from None


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path), required=False)
@with_appcontext
def backup_command(out: Path | None) -> None:
    """Write the database and uploaded media to one .tar.gz (default: instance/backups/<time>.tar.gz)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = out or Path(current_app.instance_path) / "backups" / f"cocreate-{stamp}.tar.gz"
    try:
        manifest = create_backup(
            _url(), uploads_dir(), out, lambda step: click.echo(f"Backing up the {step}…")
        )
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Wrote {out} ({out.stat().st_size / 1e6:.1f} MB): {_summary(manifest)}.")


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: the current database is replaced.")
@with_appcontext
def restore_command(archive: Path, yes: bool) -> None:
    """Replace the database with a backup's and put its media back (stop the app servers first)."""
    try:
        manifest = read_manifest(archive)
        if not yes:
            click.confirm(f"Replace the database with the backup of {manifest['created_at']}?", abort=True)
        from cocreate.extensions import db

        db.engine.dispose()  # no pooled connection holds the old database open
        manifest = restore_backup(archive, _url(), uploads_dir(), lambda s: click.echo(f"Restoring the {s}…"))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored the backup of {manifest['created_at']}: {_summary(manifest)}, checked.")


def _url() -> str:
    return current_app.config["SQLALCHEMY_DATABASE_URI"]


def _summary(manifest: dict) -> str:
    counts = manifest["counts"]
    parts = [f"{counts.get(t, 0):,} {t.replace('_', ' ')}" for t in ("users", "ideas", "votes", "reviews")]
    return ", ".join(parts) + f", {len(manifest['uploads']):,} media files"
