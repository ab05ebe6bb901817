"""Cards always fit Discord's embed limits, split at word boundaries, never an error."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.cards import (
    DESCRIPTION_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    TITLE_MAX,
    TOTAL_MAX,
    Card,
    Field,
    paginate,
    split_text,
)

words = st.text(alphabet="abcdefghij ", min_size=0, max_size=12000)


def _fits(card: Card) -> bool:
    return (
        len(card.title) <= TITLE_MAX
        and len(card.description) <= DESCRIPTION_MAX
        and len(card.fields) <= FIELDS_MAX
        and all(len(f.value) <= FIELD_VALUE_MAX and len(f.name) <= 256 for f in card.fields)
        and card.size() <= TOTAL_MAX
    )


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=400), description=words, values=st.lists(words, max_size=40))
def test_every_page_fits(title: str, description: str, values: list[str]) -> None:
    card = Card(title=title, description=description, fields=tuple(Field(f"f{i}", v) for i, v in enumerate(values)))
    pages = paginate(card)
    assert pages and all(_fits(p) for p in pages)


def test_text_is_split_between_words_and_nothing_is_lost() -> None:
    text = " ".join(f"word{i}" for i in range(3000))
    chunks = split_text(text, 1024)
    assert all(len(c) <= 1024 for c in chunks)
    assert " ".join(chunks).split() == text.split()
    assert all(c.split()[-1].startswith("word") and c.split()[-1][4:].isdigit() for c in chunks)


def test_long_reply_gets_page_numbers() -> None:
    card = Card(title="t", description="x " * 5000, footer="foot")
    pages = paginate(card)
    assert len(pages) > 1
    assert pages[0].footer.endswith(f"page 1/{len(pages)}")
