"""One template serves the full page and its htmx fragments (named blocks)."""

from __future__ import annotations

from flask import current_app, render_template, request


def is_htmx() -> bool:
    """True when htmx made the request (it sends HX-Request: true)."""
    return request.headers.get("HX-Request") == "true"


def render_block(template_name: str, block_name: str, **context) -> str:
    """Render one named block of a template with the usual template context."""
    template = current_app.jinja_env.get_template(template_name)
    current_app.update_template_context(context)
    return "".join(template.blocks[block_name](template.new_context(context)))


def render_macro(template_name: str, macro_name: str, *args, **kwargs) -> str:
    """One macro of a template, called directly (no request context processors, no signals): for small
    fragments answered on hot paths, such as the vote box after a vote. The macro reads only the
    environment's globals (current_user, csrf_token(), url_for()…)."""
    module = current_app.jinja_env.get_template(template_name).module
    return str(getattr(module, macro_name)(*args, **kwargs))


def wants_fragment() -> bool:
    """htmx swapping part of a page; not a boosted navigation or a history restore (those need it all)."""
    headers = request.headers
    return (
        is_htmx()
        and headers.get("HX-Boosted") != "true"
        and headers.get("HX-History-Restore-Request") != "true"
    )


def render(template_name: str, block: str | None = None, **context) -> str:
    """The whole page, or only `block` when htmx swaps a part of the page."""
    if block and wants_fragment():
        return render_block(template_name, block, **context)
    return render_template(template_name, **context)
