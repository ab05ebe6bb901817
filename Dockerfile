# race-bot: a slim, pinned image that runs as a non-root user and stops cleanly on SIGTERM.
FROM python:3.11.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data \
    HEALTH_HOST=127.0.0.1 \
    HEALTH_PORT=8080

WORKDIR /app

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir -p bot cogs \
    && touch bot/__init__.py cogs/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall -y race-bot

# Then the code itself, without touching the dependency layer.
COPY bot ./bot
COPY cogs ./cogs
RUN pip install --no-cache-dir --no-deps . \
    && useradd --create-home --uid 10001 racebot \
    && mkdir -p /data \
    && chown racebot:racebot /data

USER 10001
VOLUME ["/data"]

HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 CMD ["race-bot", "healthcheck"]

# Exec form, so SIGTERM reaches Python directly.
ENTRYPOINT ["race-bot"]
CMD ["run"]
