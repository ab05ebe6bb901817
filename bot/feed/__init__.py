"""Upstream feeds: Launch Library 2 launches followed into milestones; news articles queued for review."""
