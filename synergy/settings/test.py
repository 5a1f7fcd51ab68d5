"""Test runs: fast hashing, no demo password."""

from .base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_PASSWORD = None

# Uploaded files of the test run go to a throw-away folder.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="synergi-test-media-")

# Tasks run at once, inside the test (tests of the queue itself use the database
# backend explicitly).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
