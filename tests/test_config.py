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


def test_feed_keys_defaults_values_and_errors() -> None:
    s = parse_settings({})
    assert (s.snapi_base_url, s.snapi_requests_per_hour, s.snapi_poll_minutes) == (
        "https://api.spaceflightnewsapi.net",
        20,
        15,
    )
    s = parse_settings(
        {"SNAPI_BASE_URL": "http://127.0.0.1:9000/", "SNAPI_REQUESTS_PER_HOUR": "60", "SNAPI_POLL_MINUTES": "30"}
    )
    assert (s.snapi_base_url, s.snapi_requests_per_hour, s.snapi_poll_minutes) == ("http://127.0.0.1:9000", 60, 30)
    bad = {
        "SNAPI_BASE_URL": ("ftp://news", "SNAPI_BASE_URL must be an http(s) URL, got 'ftp://news'"),
        "SNAPI_REQUESTS_PER_HOUR": ("0", "SNAPI_REQUESTS_PER_HOUR must be a whole number from 1 to 10000, got '0'"),
        "SNAPI_POLL_MINUTES": ("2", "SNAPI_POLL_MINUTES must be a whole number of minutes from 5 to 1440, got '2'"),
        "LL2_REQUESTS_PER_HOUR": ("lots", "LL2_REQUESTS_PER_HOUR must be a whole number from 1 to 10000, got 'lots'"),
    }
    for key, (value, message) in bad.items():
        with pytest.raises(ConfigError) as info:
            parse_settings({key: value})
        assert str(info.value) == message


def test_language_defaults_to_english_and_takes_russian() -> None:
    assert parse_settings({}).language == "en"
    assert parse_settings({"LANGUAGE": " RU "}).language == "ru"
    assert parse_settings({"LANGUAGE": ""}).language == "en"
    with pytest.raises(ConfigError) as info:
        parse_settings({"LANGUAGE": "de"})
    assert str(info.value) == "LANGUAGE must be one of en, ru, got 'de'"


def test_shard_keys_name_this_process_and_refuse_what_cannot_work() -> None:
    assert parse_settings({}).process_name == "main" and parse_settings({}).rate_share == 1.0
    everything = parse_settings({"SHARD_COUNT": "4"})
    assert everything.sharded and everything.shard_ids is None and everything.process_name == "shards 0,1,2,3 of 4"
    part = parse_settings({"SHARD_COUNT": "4", "SHARD_IDS": "0-1, 3", "DATABASE_URL": "postgresql://db/race"})
    assert part.shard_ids == (0, 1, 3) and part.process_name == "shards 0,1,3 of 4" and part.rate_share == 0.75
    assert (
        parse_settings({"SHARD_COUNT": "", "SHARD_IDS": "", "DELIVERY_LEASE_SECONDS": ""}).delivery_lease_seconds == 60
    )
    refused = {
        "SHARD_IDS needs SHARD_COUNT": {"SHARD_IDS": "0"},
        "must be below SHARD_COUNT=2": {"SHARD_COUNT": "2", "SHARD_IDS": "1,2", "DATABASE_URL": "postgresql://db/r"},
        "must share one PostgreSQL database": {"SHARD_COUNT": "2", "SHARD_IDS": "1"},
        "shard numbers such as 0,1 or 0-3": {"SHARD_COUNT": "2", "SHARD_IDS": "3-1"},
        "whole number of shards": {"SHARD_COUNT": "0"},
        "seconds from 2 to 240": {"DELIVERY_LEASE_SECONDS": "600"},
    }
    for words, env in refused.items():
        with pytest.raises(ConfigError, match=words):
            parse_settings(env)


def test_every_key_is_documented_in_the_readme_and_the_example_env() -> None:
    """An operator learns the keys from these two files: a key added to the code must be in both."""
    from pathlib import Path

    from bot.infra.config import _PARSERS

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    example = (root / ".env.example").read_text(encoding="utf-8")
    for key in _PARSERS:
        assert f"| `{key}` |" in readme, key
        assert f"\n{key}=" in example or f"\n# {key}=" in example, key
