"""The bot's two languages: interface strings, plural forms and month names, English and Russian.

Every string a member or admin reads is a key in one catalogue, with its English and Russian
form. Each area of the bot keeps its own strings next to its code (``bot/ask/strings.py``,
``bot/facts/strings.py``, …) and registers them here, so one completeness test sees them all
(``tests/test_i18n.py``): a key without its Russian form, or a Russian plural without the forms
Russian needs, fails it. Plural rules and month names come from Babel (the CLDR data), never
from hand-written endings: 1 день, 2 дня, 5 дней, 21 день.

A template is formatted with ``str.format``: ``tr("ask.declined", "ru", topic=…)``. A plural entry
maps CLDR categories to templates (English: one, other; Russian: one, few, many, other) and is
used through ``tr_n(key, n, lang)``, which passes ``n`` to the template.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache

from babel import Locale

LANGUAGES = ("en", "ru")
DEFAULT = "en"
PLURAL_FORMS = {"en": ("one", "other"), "ru": ("one", "few", "many", "other")}

Template = str | Mapping[str, str]  # a plain template, or plural category → template

_CATALOGUE: dict[str, dict[str, Template]] = {}


class MissingString(KeyError):
    """A key that no area registered: a bug, caught by the completeness test before it ships."""


def register(strings: Mapping[str, Mapping[str, Template]]) -> None:
    """Add an area's strings: key → language → template. A key registered twice must agree."""
    for key, forms in strings.items():
        if key in _CATALOGUE and _CATALOGUE[key] != dict(forms):
            raise ValueError(f"interface string {key!r} is registered twice with different texts")
        _CATALOGUE[key] = dict(forms)


def catalogue() -> Mapping[str, Mapping[str, Template]]:
    return _CATALOGUE


def language_of(locale: object, fallback: str = DEFAULT) -> str:
    """A Discord locale ("ru", "en-US", "en-GB", a discord.Locale) → one of LANGUAGES."""
    code = str(getattr(locale, "value", locale) or "").lower()
    prefix = code.split("-")[0].split("_")[0]
    return prefix if prefix in LANGUAGES else fallback


def _template(key: str, lang: str) -> Template:
    forms = _CATALOGUE.get(key)
    if forms is None:
        raise MissingString(key)
    return forms.get(lang) or forms[DEFAULT]


def tr(key: str, lang: str, /, **values: object) -> str:
    """The interface string ``key`` in ``lang`` (English when it has no such form), filled in."""
    template = _template(key, lang)
    if not isinstance(template, str):
        raise TypeError(f"{key!r} is a plural string: use tr_n")
    return template.format(**values) if values else template


def tr_n(key: str, n: int | float, lang: str, /, **values: object) -> str:
    """A string that depends on a number: the plural category of ``n`` in ``lang`` picks the form."""
    template = _template(key, lang)
    if isinstance(template, str):
        return template.format(n=n, **values)
    category = plural_category(n, lang if lang in template or DEFAULT not in template else DEFAULT)
    chosen = template.get(category) or template["other"]
    return chosen.format(n=n, **values)


def plural_category(n: int | float, lang: str) -> str:
    """CLDR's plural category of a number in a language: "one", "few", "many" or "other"."""
    return str(_locale(lang).plural_form(abs(n)))


def month_name(month: int, lang: str, *, with_day: bool) -> str:
    """ "October"; in Russian "октября" after a day number, "октябрь" on its own (CLDR forms)."""
    context = "format" if with_day else "stand-alone"
    name = str(_locale(lang).months[context]["wide"][month])
    return name if lang == "ru" else name.capitalize()


def day_text(when: datetime, lang: str) -> str:
    """ "5 October 2021" / "5 октября 2021"."""
    return f"{when.day} {month_name(when.month, lang, with_day=True)} {when.year}"


def month_text(when: datetime, lang: str) -> str:
    """ "October 2021" / "октябрь 2021"."""
    return f"{month_name(when.month, lang, with_day=False)} {when.year}"


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang if lang in LANGUAGES else DEFAULT)
