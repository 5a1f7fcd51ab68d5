"""Themes, solution spaces, evidence, ideas and initiatives (coming with the initiatives issue)."""
