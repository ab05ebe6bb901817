"""A small race, independent of the shipped seed, for unit tests of editing and views."""

from __future__ import annotations

from typing import Any

URL = "https://example.org/"


def mini_race() -> dict[str, Any]:
    return {
        "seed_version": 1,
        "race": {
            "name": "The mini race",
            "goal": "First to the Moon with a cat.",
            "winner": "alpha",
            "winning_milestone": "alpha-launch",
            "summary": "Alpha flew first; Beta is shelved.",
            "sources": [URL + "race"],
        },
        "contenders": [
            {
                "id": "alpha",
                "name": "Alpha Project",
                "aliases": ["Альфа"],
                "role": "contender",
                "country": "Utopia",
                "status": "won",
                "summary": "Flew the cat.",
                "sources": [URL + "a"],
                "confidence": "confirmed",
            },
            {
                "id": "beta",
                "name": "Beta Mission",
                "aliases": ["Beta"],
                "role": "contender",
                "country": "Elsewhere",
                "status": "active",
                "summary": "Still planning.",
                "sources": [URL + "b"],
            },
        ],
        "people": [
            {
                "id": "ada",
                "name": "Ada Quill",
                "aliases": ["Quill"],
                "nationality": "Utopian",
                "roles": [{"contender": "alpha", "role": "pilot"}],
                "sources": [URL + "ada"],
            },
        ],
        "milestones": [
            {
                "id": "alpha-launch",
                "contender": "alpha",
                "kind": "launch",
                "title": "Alpha launch",
                "date": "2021-10-05T08:55:02Z",
                "precision": "time",
                "status": "done",
                "sources": [URL + "l"],
                "confidence": "confirmed",
            },
            {
                "id": "beta-launch",
                "contender": "beta",
                "kind": "launch",
                "title": "Beta launch",
                "date": "2030-03-01T00:00:00Z",
                "precision": "month",
                "status": "planned",
                "sources": [URL + "bl"],
            },
            {
                "id": "beta-test",
                "contender": "beta",
                "kind": "training",
                "title": "Beta test flight",
                "date": "2030-01-10T12:00:00Z",
                "precision": "time",
                "status": "confirmed",
                "sources": [URL + "bt"],
            },
        ],
        "facts": [
            {
                "id": "alpha-budget",
                "contender": "alpha",
                "topics": ["budget", "cost"],
                "text": "Alpha cost 12 million coins.",
                "sources": [URL + "f"],
                "confidence": "reported",
            },
        ],
        "contradictions": [
            {
                "id": "alpha-budget-dispute",
                "contender": "alpha",
                "topics": ["budget"],
                "title": "Alpha's budget",
                "claims": [
                    {"text": "12 million", "sources": [URL + "c1"]},
                    {"text": "15 million", "sources": [URL + "c2"]},
                ],
                "sources": [URL + "c1", URL + "c2"],
            },
        ],
    }
