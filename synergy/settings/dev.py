"""Local development: SQLite by default, DEBUG on, demo passwords available."""

from synergy.settings.base import *
from synergy.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO_PASSWORD = env("DEMO_PASSWORD", default="synergi-demo-2017")
