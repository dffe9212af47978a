"""CoCreate: customers propose, vote and review; product teams listen and close the loop."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from cocreate.config import Config, DevelopmentConfig, TestConfig

__all__ = ["create_app", "Config", "DevelopmentConfig", "TestConfig"]


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Application factory: `flask --app cocreate` and wsgi.py call it without arguments."""
    app = Flask(
        __name__, instance_path=os.environ.get("COCREATE_INSTANCE_PATH"), instance_relative_config=True
    )
    app.template_folder = str(Path(app.root_path).parent / "templates")
    app.static_folder = str(Path(app.root_path).parent / "static")
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    overrides = {}
    if config is None:
        config = DevelopmentConfig if os.environ.get("COCREATE_ENV") == "development" else Config
    elif isinstance(config, dict):
        overrides, config = config, TestConfig
    app.config.update(config.load(app.instance_path))
    app.config.update(overrides)
    from cocreate import speed

    speed.configure(app.config["SPEED_OFF"])
    if speed.on("form_parser"):
        from cocreate.web.request import CoCreateRequest

        app.request_class = CoCreateRequest  # small URL-encoded forms parsed in one step

    from cocreate.web.routing import IdConverter

    app.url_map.converters["int"] = IdConverter  # before any route is added
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    from cocreate.web.errors import register_errorhandlers

    register_errorhandlers(app)
    if app.config["PROXY_HOPS"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Behind N proxies, the client's address (rate limits) and the scheme (Secure cookies, HSTS) are
        # what the nearest N hops say; without them, forwarded headers are ignored (anyone can send them).
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app


def register_extensions(app: Flask) -> None:
    import cocreate.db  # noqa: F401  (engine event listeners)
    from cocreate import speed
    from cocreate.accounts.session import init_login
    from cocreate.extensions import db, migrate
    from cocreate.web.input_guard import init_input_guard
    from cocreate.web.limits import init_web_limits
    from cocreate.web.ratelimit import init_rate_limits
    from cocreate.web.security import init_security
    from cocreate.web.signatures import csrf, init_signatures

    db.init_app(app)
    init_input_guard(app)  # before any hook or view reads the path, the query string or the form
    # First of all before_request hooks: anything later may query (the rate limits look up the person), and
    # a POST's transaction must begin as a write (BEGIN IMMEDIATE on SQLite), never be upgraded from a read.
    _register_write_intent(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    if speed.on("signatures"):
        init_signatures(app)  # after CSRFProtect: its csrf_token() in templates is replaced
    init_login(app)
    init_security(app)
    init_rate_limits(app)
    init_web_limits(app)  # after CSRF's check: a forged request is refused without counting
    from cocreate.web import templating

    templating.init_templating(app)
    register_feature_hooks(app)


def register_feature_hooks(app: Flask) -> None:
    """What web/ asks of the features, declared here once (web/ imports no feature): the templates'
    globals, the unread count in the menu, the tier behind a rate limit, the API's error answers; and what
    a feature package asks of one above it (tiers' perks, a vote's ranking weight, the idea page's panels,
    what a signed-in person is loaded with)."""
    from cocreate.accounts import perks
    from cocreate.accounts.session import load_people_with
    from cocreate.api.problems import problem
    from cocreate.backlog import queries as backlog_queries
    from cocreate.backlog.ranking import new_vote_weight
    from cocreate.beta.models import SignupStatus
    from cocreate.ideas import hooks as ideas_hooks
    from cocreate.ideas import moderated as ideas_moderated
    from cocreate.ideas.access import can_view_board
    from cocreate.ideas.board_rows import board_rows
    from cocreate.ideas.models import CLOSED_STATUSES, Importance, Status
    from cocreate.ideas.queries import hidden_board_ids
    from cocreate.insights import shipped
    from cocreate.moderation import kinds
    from cocreate.moderation.access import is_moderator
    from cocreate.moderation.models import FLAG_REASONS, QUEUE_REASONS, State
    from cocreate.notifications.services import unread_count, unread_of
    from cocreate.reviews import hooks as reviews_hooks
    from cocreate.reviews import moderated as reviews_moderated
    from cocreate.rewards import perks as rewards_perks
    from cocreate.rewards.models import RewardAccount
    from cocreate.rewards.perks import tier_rank
    from cocreate.rewards.queries import rewarded
    from cocreate.web import errors, limits, templating

    app.jinja_env.globals.update(
        can_view_board=can_view_board,
        CLOSED_STATUSES=frozenset(s.value for s in CLOSED_STATUSES),
        STATUS_LABELS={s.value: s.label for s in Status},
        Status=Status,
        Importance=Importance,
        importance_label=lambda s: Importance(s).label,
        SIGNUP_LABELS={s.value: s.label for s in SignupStatus},
        PROGRAM_LABELS={
            "draft": "Draft",
            "open": "Open",
            "full": "Full: waitlist only",
            "closed": "Closed",
            "finished": "Finished",
        },
        is_moderator=is_moderator,
        board_rows=board_rows,
        FLAG_REASONS=FLAG_REASONS,
        QUEUE_REASONS=QUEUE_REASONS,
        STATE_LABELS={s.value: s.label for s in State},
    )
    # Where a package needs an answer from one above it (cocreate/accounts/perks.py, ideas/hooks.py,
    # accounts/session.py), the direction is declared here, once.
    perks.answered_by(rewards_perks)
    kinds.register(*ideas_moderated.KINDS, *reviews_moderated.KINDS, hidden_boards=hidden_board_ids)
    load_people_with(tier=lambda: RewardAccount.__table__.c.tier, unread=unread_of)
    reviews_hooks.disclose_rewards_with(rewarded)
    ideas_hooks.weigh_votes_with(new_vote_weight)
    ideas_hooks.show_on_idea_page("backlog", backlog_queries.idea_panel)
    ideas_hooks.show_on_idea_page("rating", shipped.idea_panel)
    templating.count_unread_with(unread_count)
    limits.rank_tiers_with(tier_rank)
    errors.answer_api_errors_with(problem)


def _register_write_intent(app: Flask) -> None:
    """State-changing requests take SQLite's write lock up front (see cocreate.db)."""
    from flask import request

    from cocreate import speed
    from cocreate.db import set_reads_first, set_write_intent
    from cocreate.extensions import db
    from cocreate.kept_reads import begin_reading, end_reading
    from cocreate.kept_writes import begin_kept_writing, end_kept_writing

    @app.before_request
    def _mark_writer() -> None:
        writes = request.method not in ("GET", "HEAD", "OPTIONS")
        view = app.view_functions.get(request.endpoint)
        # A vote reads first: its service asks for the write lock at its first write (begin_writing).
        later = writes and getattr(view, "cocreate_reads_first", False)
        set_write_intent(writes and not later)
        set_reads_first(later)
        if later and speed.on("kept_writes"):
            begin_kept_writing(db.engine)
        if not writes and getattr(view, "cocreate_read_only", False) and speed.on("kept_reads"):
            begin_reading(db.engine)

    @app.teardown_request
    def _clear_writer(_exc) -> None:
        set_write_intent(False)
        set_reads_first(False)
        end_reading()
        end_kept_writing()


def register_blueprints(app: Flask) -> None:
    from cocreate.accounts import bp as accounts_bp
    from cocreate.api import bp as api_bp
    from cocreate.api import tokens_bp as api_tokens_bp
    from cocreate.backlog import bp as backlog_bp
    from cocreate.beta import bp as beta_bp
    from cocreate.branding import install as install_branding
    from cocreate.home import bp as home_bp
    from cocreate.ideas import bp as ideas_bp
    from cocreate.ideas.admin import bp as admin_bp
    from cocreate.insights import bp as insights_bp
    from cocreate.insights.kiosk_views import bp as kiosk_bp
    from cocreate.moderation.views import bp as moderation_bp
    from cocreate.notifications import bp as notifications_bp
    from cocreate.outbox import bp as outbox_bp
    from cocreate.privacy import bp as privacy_bp
    from cocreate.reviews import bp as reviews_bp
    from cocreate.rewards import bp as rewards_bp
    from cocreate.search.views import bp as search_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(privacy_bp)
    install_branding(app)
    app.register_blueprint(home_bp)
    app.register_blueprint(ideas_bp)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(reviews_bp)
    app.register_blueprint(rewards_bp)
    app.register_blueprint(notifications_bp)
    app.register_blueprint(beta_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(backlog_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(kiosk_bp)
    app.register_blueprint(insights_bp)
    app.register_blueprint(search_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(api_tokens_bp)

    @app.get("/healthz")
    def healthz():
        """Liveness probe; also the bare route the benchmark compares pages with."""
        return "ok", 200, {"Content-Type": "text/plain"}


def register_cli(app: Flask) -> None:
    from cocreate.accounts.cli import users_cli
    from cocreate.backlog.cli import backlog_cli
    from cocreate.backups import backup_command, restore_command
    from cocreate.demo.cli import demo_cli
    from cocreate.ideas.cli import ideas_cli
    from cocreate.ideas.mail_cli import mail_cli
    from cocreate.insights.cli import sentiment_cli
    from cocreate.notifications.cli import notifications_cli
    from cocreate.reviews.cli import reviews_cli
    from cocreate.rewards.cli import rewards_cli
    from cocreate.search.cli import search_cli
    from cocreate.worker import worker_command

    app.cli.add_command(users_cli)
    app.cli.add_command(backlog_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(ideas_cli)
    app.cli.add_command(reviews_cli)
    app.cli.add_command(sentiment_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(rewards_cli)
    app.cli.add_command(worker_command)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(mail_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
