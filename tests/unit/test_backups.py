"""`flask backup` and `flask restore`: the archive holds the database and the media; restoring it into an
empty database gives the same schema revision and the same rows (checked by the restore itself), on SQLite
(online backup API) and PostgreSQL (pg_dump/pg_restore). Broken or hostile archives are refused."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from cocreate import create_app
from cocreate.backups import BackupError, census, create_backup, read_manifest, restore_backup
from cocreate.extensions import db
from cocreate.ideas.services import do_vote
from tests.factories import BoardFactory, IdeaFactory, UserFactory


def _community(session, app):
    board = BoardFactory()
    people = [UserFactory() for _ in range(4)]
    ideas = [IdeaFactory(board=board, author=people[0]) for _ in range(3)]
    session.flush()
    for person in people[1:]:
        do_vote(session, actor=person, idea=ideas[0])
    session.commit()
    uploads = Path(app.instance_path) / "uploads"
    uploads.mkdir(exist_ok=True)
    (uploads / "backup-test-photo.png").write_bytes(b"\x89PNG not really, but bytes to carry")
    return uploads


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    app, session, tmp_path, scratch_url
):
    uploads = _community(session, app)
    archive = tmp_path / "b.tar.gz"
    result = app.test_cli_runner().invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and "4 users, 3 ideas, 3 votes" in result.output
    manifest = read_manifest(archive)
    assert manifest["counts"]["votes"] == 3 and "backup-test-photo.png" in manifest["uploads"]
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "uploads/backup-test-photo.png" in names

    target_uploads = tmp_path / "restored-uploads"
    restored = restore_backup(archive, scratch_url, target_uploads)
    assert census(scratch_url) == {"revision": restored["revision"], "counts": restored["counts"]}
    assert census(scratch_url)["counts"]["ideas"] == 3
    assert (target_uploads / "backup-test-photo.png").read_bytes() == (
        uploads / "backup-test-photo.png"
    ).read_bytes()

    # The restore command on a server configured for the scratch database; a second restore over the
    # first replaces it (pg_restore --clean, the SQLite backup API) and checks again.
    other = create_app({"SQLALCHEMY_DATABASE_URI": scratch_url})
    again = other.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])
    assert again.exit_code == 0, again.output
    assert "checked" in again.output
    with other.app_context():
        db.engine.dispose()


def test_broken_and_hostile_archives_are_refused(app, tmp_path, scratch_url):
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"not a tarball")
    with pytest.raises(BackupError, match="not a CoCreate backup"):
        restore_backup(garbage, scratch_url, tmp_path / "u")
    result = app.test_cli_runner().invoke(args=["restore", str(garbage), "--yes"])
    assert result.exit_code == 1 and "not a CoCreate backup" in result.output

    kind = "postgresql" if scratch_url.startswith("sqlite") else "sqlite"
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        for name, data in (
            (
                "manifest.json",
                json.dumps(
                    {
                        "format": 1,
                        "database": make_url(scratch_url).get_backend_name(),
                        "uploads": [],
                        "revision": None,
                        "counts": {},
                    }
                ).encode(),
            ),
            ("../../escaped.txt", b"outside"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match="cannot be unpacked safely"):
        restore_backup(evil, scratch_url, tmp_path / "u")
    assert not (tmp_path.parent / "escaped.txt").exists()

    wrong_kind = tmp_path / "wrong.tar.gz"
    with tarfile.open(wrong_kind, "w:gz") as tar:
        data = json.dumps(
            {"format": 1, "database": kind, "uploads": [], "revision": None, "counts": {}}
        ).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(BackupError, match=f"backup is of a {kind} database"):
        restore_backup(wrong_kind, scratch_url, tmp_path / "u")


def test_a_backup_taken_while_writes_go_on_is_consistent(app, session, tmp_path, scratch_url):
    """The online backup is one snapshot: votes written during it are either all in or all out, and the
    stored counters agree with the rows in the copy."""
    import threading

    board = BoardFactory()
    idea = IdeaFactory(board=board)
    voters = [UserFactory() for _ in range(40)]
    session.commit()
    idea_id, voter_ids = idea.id, [v.id for v in voters]
    stop = threading.Event()

    def write():
        from cocreate.accounts.models import User
        from cocreate.db import write_intent
        from cocreate.ideas.models import Idea

        with app.app_context():
            for uid in voter_ids:
                if stop.is_set():
                    break
                with write_intent():
                    do_vote(db.session, actor=db.session.get(User, uid), idea=db.session.get(Idea, idea_id))
                    db.session.commit()
            db.session.remove()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        archive = tmp_path / "live.tar.gz"
        create_backup(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "none", archive)
    finally:
        stop.set()
        writer.join(timeout=60)
    restore_backup(archive, scratch_url, tmp_path / "u")
    engine = create_engine(scratch_url)
    with engine.connect() as conn:
        rows = conn.scalar(text("SELECT count(*) FROM votes WHERE idea_id = :i"), {"i": idea_id})
        counter = conn.scalar(text("SELECT vote_count FROM ideas WHERE id = :i"), {"i": idea_id})
    engine.dispose()
    assert rows == counter
