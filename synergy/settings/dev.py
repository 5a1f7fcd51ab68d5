"""Local development: SQLite by default, DEBUG on, demo passwords available."""

from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
DEMO_PASSWORD = env("DEMO_PASSWORD", default="synergi-demo-2017")
