"""Dashboards, exports and the results catalogue (coming with the reporting issues)."""
