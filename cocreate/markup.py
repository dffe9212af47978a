"""User Markdown to safe HTML: markdown-it-py renders, nh3 cleans, in one function.

Raw HTML in the source is escaped (html=False), then nh3 removes anything outside the allowlist, so a
rendering bug cannot produce active content. Links get rel="nofollow noopener" (no SEO value for spam,
no window.opener for the target). @mentions of known people become links to their profiles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_]{3,30})\b")
ALLOWED_TAGS = {
    "a",
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "del",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "strikethrough"
)
# Headings in user text stay below the page's own h1/h2.
_md.add_render_rule(
    "heading_open",
    lambda self, tokens, idx, options, env: f"<h{max(3, int(tokens[idx].tag[1]))}>",
)
_md.add_render_rule(
    "heading_close",
    lambda self, tokens, idx, options, env: f"</h{max(3, int(tokens[idx].tag[1]))}>\n",
)


def mentioned_usernames(text: str) -> set[str]:
    """Usernames written as @name in the text (lowercased), before checking who exists."""
    return {m.group(1).lower() for m in MENTION_RE.finditer(text or "")}


def _link_mentions(tokens: list[Token], known: set[str]) -> None:
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        out: list[Token] = []
        in_link = 0
        for tok in block.children:
            if tok.type == "link_open":
                in_link += 1
            elif tok.type == "link_close":
                in_link -= 1
            if tok.type != "text" or in_link or "@" not in tok.content:
                out.append(tok)
                continue
            pos = 0
            for match in MENTION_RE.finditer(tok.content):
                name = match.group(1)
                if name.lower() not in known:
                    continue
                if match.start() > pos:
                    out.append(Token("text", "", 0, content=tok.content[pos : match.start()]))
                link = Token("link_open", "a", 1, attrs={"href": f"/u/{name}", "class": "mention"})
                out += [link, Token("text", "", 0, content=f"@{name}"), Token("link_close", "a", -1)]
                pos = match.end()
            if pos < len(tok.content):
                out.append(Token("text", "", 0, content=tok.content[pos:]))
        block.children = out


# Characters that show as boxes or silently reorder what surrounds them: C0 and C1 controls (line breaks
# and tabs aside), the bidirectional overrides and isolates ("Trojan source"), zero-width spaces and the
# byte order mark. The zero-width joiner stays: emoji are made with it.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def one_line(text: str | None) -> str:
    """A title, a name, a short field: invisible characters out, every run of whitespace one space."""
    return " ".join(_INVISIBLE.sub("", text or "").split())


def clean_text(text: str | None) -> str:
    """Longer text (a body, a comment, a story): the same characters out, line breaks kept, ends trimmed."""
    return _INVISIBLE.sub("", (text or "").replace("\r\n", "\n")).strip()


def render_markdown(text: str, known_usernames: Iterable[str] = ()) -> str:
    """Render user Markdown to sanitized HTML; `known_usernames` (lowercase) become profile links."""
    env: dict = {}
    tokens = _md.parse(text or "", env)
    known = {n.lower() for n in known_usernames}
    if known:
        _link_mentions(tokens, known)
    html = _md.renderer.render(tokens, _md.options, env)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
    )


def plain_excerpt(text: str, limit: int = 200) -> str:
    """A short plain-text preview of Markdown, for lists (escaped by Jinja when shown): links keep their
    words, emphasis and code marks go without leaving a space behind, list items and paragraphs stay apart."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text or ""):
        plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)  # [words](address): the words
        plain = re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", " • ", plain)  # keep list items apart
        plain = re.sub(r"(?m)^\s*(?:#+|>+)\s*", " ", plain)  # headings and quotes
        # **bold**, _it_ and `code` keep their words; a lone * or an inner _ is not a mark
        plain = re.sub(r"(?<!\w)[`*_~]+(?=\w)|(?<=\w)[`*_~]+(?!\w)", "", plain)
        plain = " ".join(plain.split())
        if plain:
            paragraphs.append(plain)
    plain = ""
    for part in paragraphs:  # a paragraph that ends without a stop is set apart from the next
        plain += part if not plain else (" " if plain[-1] in ".!?:;…" else " · ") + part
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"
