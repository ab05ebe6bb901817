"""Editing the facts (/facts): validated proposals, preview, apply, history and undo."""
