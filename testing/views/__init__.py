"""Pages of the testing app: guides, schema templates, runs, schemas, visits."""
