"""Which interface language to start in: `WORKBENCH_LANG`, else the config's `language`, else the locale."""

from __future__ import annotations

import os
from collections.abc import Mapping

from workbench.core.i18n import LANGUAGES

# Locale and tag spellings → language. Mainland China and Singapore write Simplified; Taiwan,
# Hong Kong and Macau Traditional; a bare "zh" is taken as Simplified, the larger readership.
_SIMPLIFIED = ("zh_cn", "zh_sg", "zh_hans", "zh-cn", "zh-sg", "zh-hans", "zh_my")
_TRADITIONAL = ("zh_tw", "zh_hk", "zh_mo", "zh_hant", "zh-tw", "zh-hk", "zh-mo", "zh-hant")


def parse_language(value: str) -> str | None:
    """`zh-Hans`, `zh_CN.UTF-8`, `zh_TW`, `en_GB` … → a supported tag; None for anything else."""
    text = value.strip().split(".")[0].split("@")[0].lower()
    if not text:
        return None
    for tag in LANGUAGES:
        if text == tag.lower():
            return tag
    if text.startswith(_TRADITIONAL):
        return "zh-Hant"
    if text == "zh" or text.startswith(_SIMPLIFIED):
        return "zh-Hans"
    if text in ("c", "posix") or text.startswith("en"):
        return "en"
    return None


def locale_language(env: Mapping[str, str]) -> str:
    """The language the locale asks for (POSIX order: LC_ALL, LC_MESSAGES, LANG); English otherwise.

    LANGUAGE (GNU's list of preferences, `zh_TW:en`) is honoured first, as gettext does.
    """
    for choice in env.get("LANGUAGE", "").split(":"):
        if tag := parse_language(choice):
            return tag
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(name):
            return parse_language(env[name]) or "en"
    return "en"


def startup_language(configured: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """`WORKBENCH_LANG` first (one run), then the config file's `language`, then the locale."""
    env = os.environ if env is None else env
    explicit = parse_language(env.get("WORKBENCH_LANG", ""))
    if explicit:
        return explicit
    if configured and (tag := parse_language(configured)):
        return tag
    return locale_language(env)
