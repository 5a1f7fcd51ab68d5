"""Test runs: fast hashing, no demo password."""

from synergy.settings.base import *

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEMO_PASSWORD = None

# Uploaded files of the test run go to a throw-away folder.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="synergi-test-media-")

# Tasks run at once, inside the test (tests of the queue itself use the database
# backend explicitly).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Tests use the file system unless a test switches to S3 itself (core/tests/test_media_storage.py).
from core.media_storage import FILESYSTEM  # noqa: E402

STORAGES = {**STORAGES, "default": FILESYSTEM}

# The erasure log of a test run goes beside its media.
GDPR_ERASURE_LOG = Path(MEDIA_ROOT) / "gdpr-erasures.jsonl"

# Nobody needs a second factor in tests (the tests of it override this).
TWO_FACTOR_REQUIRED_FOR = []

# The suite opens every API URL with hostile values as one signed-in person (hundreds
# of requests a minute); the throttle's own test sets its rate (accounts/tests).
API_THROTTLE_RATE = "100000/min"
