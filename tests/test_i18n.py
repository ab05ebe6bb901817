"""Both languages, everywhere: every interface string has its Russian form, plurals follow CLDR."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, datetime

import pytest

import bot
from bot.core.dates import DiscordStyle, IsoStyle, human_span
from bot.core.i18n import LANGUAGES, PLURAL_FORMS, catalogue, language_of, tr, tr_n
from bot.core.models import Precision


@pytest.fixture(scope="module", autouse=True)
def every_area_registered() -> None:
    """Import every module of the bot, so every area's strings are in the catalogue."""
    for info in pkgutil.walk_packages(bot.__path__, "bot."):
        if not info.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(info.name)


def test_every_interface_string_has_every_language() -> None:
    missing = [(key, lang) for key, forms in catalogue().items() for lang in LANGUAGES if not forms.get(lang)]
    assert missing == []


def test_every_plural_string_has_the_forms_its_language_needs() -> None:
    bad = [
        (key, lang)
        for key, forms in catalogue().items()
        for lang, template in forms.items()
        if not isinstance(template, str) and not set(PLURAL_FORMS[lang]) <= set(template)
    ]
    assert bad == []


def test_russian_strings_are_russian() -> None:
    """A Russian form has Cyrillic in it, unless it is made only of placeholders and symbols ("{day} UTC")."""

    def texts(template: object) -> list[str]:
        return [template] if isinstance(template, str) else list(template.values())  # type: ignore[attr-defined]

    def words(text: str) -> str:
        outside = "".join(part.split("}")[-1] for part in text.split("{"))
        return "".join(c for c in outside.replace("UTC", "") if c.isalpha())

    latin = [
        key
        for key, forms in catalogue().items()
        for text in texts(forms["ru"])
        if words(text) and not any("а" <= c <= "я" or c == "ё" for c in text.lower())
    ]
    assert latin == []


@pytest.mark.parametrize(
    ("n", "expected"), [(1, "1 день"), (2, "2 дня"), (5, "5 дней"), (11, "11 дней"), (21, "21 день"), (22, "22 дня")]
)
def test_russian_plurals_come_from_cldr(n: int, expected: str) -> None:
    assert tr_n("span.days", n, "ru") == expected
    assert human_span(n * 86400, lang="ru") == expected


def test_dates_in_russian_words() -> None:
    when = datetime(2021, 10, 5, 8, 55, tzinfo=UTC)
    assert IsoStyle("ru").date(when, Precision.TIME) == "5 октября 2021 08:55 UTC"
    assert IsoStyle("ru").date(when, Precision.MONTH) == "октябрь 2021"
    assert DiscordStyle("ru").date(when, Precision.DAY) == "5 октября 2021"
    assert IsoStyle().date(when, Precision.DAY) == "2021-10-05"  # English stays ISO
    assert tr("date.unknown", "ru") == "дата неизвестна"


@pytest.mark.parametrize(
    ("locale", "lang"), [("ru", "ru"), ("en-US", "en"), ("en-GB", "en"), ("de", "en"), (None, "en")]
)
def test_a_discord_locale_picks_a_language(locale: str | None, lang: str) -> None:
    assert language_of(locale) == lang
