"""Configuration from the environment; TestConfig for the suite."""

from __future__ import annotations

import copy
import os
import secrets
from pathlib import Path


class ConfigError(RuntimeError):
    """The environment does not describe a runnable configuration."""


def _sqlite_url(instance_path: str, name: str = "cocreate.db") -> str:
    return f"sqlite:///{Path(instance_path) / name}"


def _dev_secret_key(instance_path: str) -> str:
    """Read, or create once, a development key under instance/ so sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


class Config:
    """Production-shaped defaults; every value can come from the environment."""

    ENV_NAME = "production"  # production, development (make run) or testing; development allows plain HTTP
    TESTING = False  # Flask's test mode (the test suite only)
    SECRET_KEY: str | None = None  # signs sessions and links; required in production (development makes one)
    SQLALCHEMY_DATABASE_URI: str | None = None  # the database; unset: SQLite at instance/cocreate.db
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}  # SQLAlchemy engine options (no ping on SQLite)
    REDIS_URL: str | None = None  # rate limits shared by every worker and server; unset: per worker
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session
    SESSION_COOKIE_HTTPONLY = True  # scripts cannot read the session cookie
    SESSION_COOKIE_SAMESITE = "Lax"  # the session cookie stays on this site
    SESSION_COOKIE_SECURE = True  # HTTPS only (off outside production)
    REMEMBER_COOKIE_HTTPONLY = True  # the same for the "remember me" cookie
    REMEMBER_COOKIE_SAMESITE = "Lax"  # the same for the "remember me" cookie
    REMEMBER_COOKIE_SECURE = True  # HTTPS only (off outside production)
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # largest request body (413 above), but for the upload forms
    IDEA_EDIT_WINDOW_MINUTES = 30  # how long an author may edit a new idea
    BOARD_PAGE_SIZE = 20  # ideas per page of a board
    ANON_CACHE_SECONDS = 5  # see cocreate/web/anonymous_cache.py; 0 turns it off
    SENTIMENT_NEGATIVE_BELOW = -0.1  # polarity below this is "negative"
    SENTIMENT_POSITIVE_ABOVE = 0.1  # above this "positive"; between: "neutral"
    SEARCH_BACKEND = (
        "auto"  # auto: PostgreSQL full-text on PostgreSQL, Whoosh under instance/search/ otherwise
    )
    SEARCH_REBUILD_MB = 768  # Whoosh rebuilds sort postings in this much memory (split among cores)
    FLAG_HIDE_THRESHOLD = 3  # weight of distinct flaggers that hides a contribution until a moderator decides
    UGC_MAX_UPLOAD = 34 * 1024 * 1024  # the share form only: 4 photos of up to 8 MB and the text
    IMAGE_MAX_UPLOAD = 9 * 1024 * 1024  # forms with one image (a picture, a logo, a product): 8 MB and fields
    BASE_URL = "http://127.0.0.1:5000"  # how links in e-mails start
    SMTP_HOST = ""  # unset: e-mail waits in the outbox until it is configured
    SMTP_PORT = 25  # the mail server's port
    SMTP_USER = ""  # sign in to the mail server as (empty: no sign-in)
    SMTP_PASSWORD = ""  # with this password
    SMTP_FROM = (
        "CoCreate <no-reply@localhost>"  # the sender of e-mails (the brand's name replaces "CoCreate")
    )
    SMTP_STARTTLS = False  # upgrade the mail connection with STARTTLS
    RATE_LIMITS = {  # (requests, seconds) on the web, for a Member; higher tiers get more (web/limits.py)
        "signin": (10, 300),  # per address and per account
        "signup": (5, 3600),  # per address
        "post": (20, 600),  # ideas, comments, reviews, stories, edits, flags
        "vote": (120, 600),  # votes, helpful votes, ratings, survey answers
    }
    PROXY_HOPS = 0  # reverse proxies in front that set X-Forwarded-For/-Proto/-Host (0: trust none)
    MAIL_INTAKE_ADDRESS = (
        "ideas@localhost"  # `flask mail ingest`: ideas@ goes to the default board, ideas+<slug>@
    )
    MAIL_INTAKE_BOARD = ""  # ...to that board; empty: the first public board
    MAIL_INTAKE_AUTHSERV_ID = ""  # your MTA's Authentication-Results id; only its dkim/dmarc=pass is trusted
    MAIL_INTAKE_MAX_BYTES = 10 * 1024 * 1024  # larger messages are refused
    TIER_POINTS = (100, 500, 2000)  # lifetime points for Contributor, Insider, Co-creator
    REWARDS_TRUSTED_TIER = "co_creator"  # this tier and above skip pre-moderation; "none" turns it off
    REWARDS_MILESTONES = (10, 50, 100, 500)  # supporters that earn an idea's author the milestone points
    API_RATE_WINDOW = 60  # seconds; API limits count requests per window, per token (or person, or address)
    API_RATE_LIMIT = 300  # requests per window for a token or a signed-in person
    API_WRITE_RATE_LIMIT = 60  # of which at most this many change something
    API_ANON_RATE_LIMIT = 120  # requests per window from one address without a token
    SPEED_OFF: tuple[str, ...] = ()  # speed mechanisms switched off, for bench/mechanisms.py (cocreate/speed)
    REWARDS_EARLY_SUPPORTERS = 10  # the first N voters of a shipped idea share the creator's royalty

    @classmethod
    def load(cls, instance_path: str) -> dict:
        """Resolve the environment into a flat settings dict."""
        values = {k: copy.copy(getattr(cls, k)) for k in dir(cls) if k.isupper()}  # no shared dicts
        env_name = os.environ.get("COCREATE_ENV", cls.ENV_NAME)
        values["ENV_NAME"] = env_name
        values["SECRET_KEY"] = os.environ.get("SECRET_KEY") or values["SECRET_KEY"]
        if not values["SECRET_KEY"]:
            if env_name == "production":
                raise ConfigError(
                    "SECRET_KEY is not set. Production refuses to start without one: "
                    "export SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))'), "
                    "or set COCREATE_ENV=development to use a generated key under instance/."
                )
            values["SECRET_KEY"] = _dev_secret_key(instance_path)
        url = os.environ.get("DATABASE_URL") or values["SQLALCHEMY_DATABASE_URI"]
        if url and url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgres://")
        elif url and url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        values["SQLALCHEMY_DATABASE_URI"] = url or _sqlite_url(instance_path)
        values["REDIS_URL"] = os.environ.get("REDIS_URL") or values["REDIS_URL"]
        values["SEARCH_BACKEND"] = os.environ.get("COCREATE_SEARCH_BACKEND") or values["SEARCH_BACKEND"]
        if values["SEARCH_BACKEND"] not in ("auto", "whoosh", "postgresql"):
            raise ConfigError("COCREATE_SEARCH_BACKEND is auto, whoosh or postgresql.")
        if values["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            # A file on this machine never drops a connection: skip the per-request "SELECT 1".
            values["SQLALCHEMY_ENGINE_OPTIONS"] = {
                k: v for k, v in values["SQLALCHEMY_ENGINE_OPTIONS"].items() if k != "pool_pre_ping"
            }
        if env_name != "production":
            values["SESSION_COOKIE_SECURE"] = False
            values["REMEMBER_COOKIE_SECURE"] = False
        for key, cast in _CASTS:
            raw = os.environ.get(f"COCREATE_{key}")
            if raw:
                values[key] = cast(raw)
        values["RATE_LIMITS"] = _rate_limits(
            values["RATE_LIMITS"], os.environ.get("COCREATE_RATE_LIMITS", "")
        )
        for key in ("SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "SMTP_FROM"):
            values[key] = os.environ.get(key, values[key])
        values["SMTP_PORT"] = int(os.environ.get("SMTP_PORT") or values["SMTP_PORT"])
        values["SMTP_STARTTLS"] = (
            os.environ.get("SMTP_STARTTLS", "").lower() in ("1", "true", "yes") or values["SMTP_STARTTLS"]
        )
        values["BASE_URL"] = os.environ.get("COCREATE_BASE_URL") or values["BASE_URL"]
        if len(values["TIER_POINTS"]) != 3 or list(values["TIER_POINTS"]) != sorted(
            set(values["TIER_POINTS"])
        ):
            raise ConfigError("COCREATE_TIER_POINTS is three increasing numbers, such as 100,500,2000.")
        return values


def _int_list(raw: str) -> tuple[int, ...]:
    try:
        return tuple(int(v) for v in raw.split(",") if v.strip())
    except ValueError:
        raise ConfigError(f"Expected numbers separated by commas, got {raw!r}.") from None


def _names(raw: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in raw.split(",") if v.strip())


_CASTS = (  # settings read from COCREATE_<NAME>, and how
    ("IDEA_EDIT_WINDOW_MINUTES", int),
    ("BOARD_PAGE_SIZE", int),
    ("ANON_CACHE_SECONDS", float),
    ("FLAG_HIDE_THRESHOLD", int),
    ("SEARCH_REBUILD_MB", int),
    ("SENTIMENT_NEGATIVE_BELOW", float),
    ("SENTIMENT_POSITIVE_ABOVE", float),
    ("REWARDS_EARLY_SUPPORTERS", int),
    ("REWARDS_TRUSTED_TIER", str),
    ("API_RATE_WINDOW", int),
    ("API_RATE_LIMIT", int),
    ("API_WRITE_RATE_LIMIT", int),
    ("API_ANON_RATE_LIMIT", int),
    ("PROXY_HOPS", int),
    ("MAIL_INTAKE_ADDRESS", str),
    ("MAIL_INTAKE_BOARD", str),
    ("MAIL_INTAKE_AUTHSERV_ID", str),
    ("MAIL_INTAKE_MAX_BYTES", int),
    ("TIER_POINTS", _int_list),
    ("REWARDS_MILESTONES", _int_list),
    ("SPEED_OFF", _names),
)


# The environment variable that sets each setting (Config.load reads exactly these). Settings not listed are
# fixed in code. docs/reference/configuration.md is generated from this and Config (scripts/reference.py).
ENVIRONMENT = {
    "ENV_NAME": "COCREATE_ENV",
    "SECRET_KEY": "SECRET_KEY",
    "SQLALCHEMY_DATABASE_URI": "DATABASE_URL",
    "REDIS_URL": "REDIS_URL",
    "SEARCH_BACKEND": "COCREATE_SEARCH_BACKEND",
    "BASE_URL": "COCREATE_BASE_URL",
    "RATE_LIMITS": "COCREATE_RATE_LIMITS",
    "SMTP_HOST": "SMTP_HOST",
    "SMTP_PORT": "SMTP_PORT",
    "SMTP_USER": "SMTP_USER",
    "SMTP_PASSWORD": "SMTP_PASSWORD",  # noqa: S105 - a variable's name
    "SMTP_FROM": "SMTP_FROM",
    "SMTP_STARTTLS": "SMTP_STARTTLS",
    **{key: f"COCREATE_{key}" for key, _ in _CASTS},
}


class DevelopmentConfig(Config):
    """What `make run` uses: a key generated under instance/, plain-HTTP cookies."""

    ENV_NAME = "development"


class TestConfig(Config):
    """The test suite: TEST_DATABASE_URL or a SQLite file the fixtures choose."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    SERVER_NAME = None
    ANON_CACHE_SECONDS = 0  # tests that want it turn it on
    MEMO_CHECK = True  # every memoised part served is rendered again and compared (web/fragments.py)


def _rate_limits(defaults: dict, raw: str) -> dict[str, tuple[int, int]]:
    """COCREATE_RATE_LIMITS such as "signin=10/300,vote=200/600" over the defaults."""
    limits = dict(defaults)
    for part in filter(None, (p.strip() for p in raw.split(","))):
        name, _, value = part.partition("=")
        count, _, seconds = value.partition("/")
        name = name.strip()
        if name not in defaults or not count.strip().isdigit() or not seconds.strip().isdigit():
            raise ConfigError(
                f"COCREATE_RATE_LIMITS: {part!r} is not name=requests/seconds (names: {', '.join(defaults)})."
            )
        limits[name] = (int(count), max(1, int(seconds)))
    return limits
