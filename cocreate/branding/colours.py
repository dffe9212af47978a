"""Contrast (WCAG 2) and the accent's variants: a darker one to hover, a soft one behind text, and a
lighter one for links on the dark theme's background."""

from __future__ import annotations

import re

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE, DARK_BACKGROUND = "#ffffff", "#13171f"  # Pico's dark background
MIN_CONTRAST = 4.5  # AA for normal text


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` with `share` of `other` mixed in."""
    return _hex(a + (b - a) * share for a, b in zip(_rgb(colour), _rgb(other), strict=True))


def variants(accent: str) -> dict[str, str]:
    """The CSS values for an accent that passed check_accent: light theme, then dark."""
    link_dark = accent
    share = 0.0
    while contrast(link_dark, DARK_BACKGROUND) < MIN_CONTRAST and share < 1:
        share += 0.05
        link_dark = mix(accent, WHITE, share)
    return {
        "accent": accent,
        "hover": mix(accent, "#000000", 0.15),
        "soft": mix(accent, WHITE, 0.88),
        "link": accent,
        "soft_dark": mix(accent, DARK_BACKGROUND, 0.8),
        "link_dark": link_dark,
    }
