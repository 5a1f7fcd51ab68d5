"""Test guides, schema templates, test runs and submissions (coming with the test-schema issue)."""
