"""Settings: typed, validated with one clear line, the token never shown."""

import pytest

from bot.infra.config import ConfigError, parse_settings


def test_defaults_and_values() -> None:
    s = parse_settings(
        {"HOME_GUILD_ID": "123456789012345678", "ADMIN_USER_IDS": "111111111111111111, 222222222222222222"}
    )
    assert s.home_guild_id == 123456789012345678
    assert s.admin_user_ids == {111111111111111111, 222222222222222222}
    assert str(s.data_dir) == "data"


def test_bad_id_names_the_key() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings({"HOME_GUILD_ID": "abc"})
    assert str(info.value) == "HOME_GUILD_ID must be a Discord id (digits), got 'abc'"


def test_bad_log_level() -> None:
    with pytest.raises(ConfigError, match="LOG_LEVEL"):
        parse_settings({"LOG_LEVEL": "loud"})


def test_token_not_in_repr() -> None:
    s = parse_settings({"DISCORD_TOKEN": "secret-token-value"})
    assert "secret-token-value" not in repr(s)
