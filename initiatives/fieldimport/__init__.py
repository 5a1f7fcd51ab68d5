"""Importing field notes (interviews and quotes) from a CSV or XLSX file.

reading.py turns the file's bytes into rows of text, columns.py says which columns
each kind of import has (and their names in Danish and English), checking.py checks
every row against the project, templates.py writes the downloadable templates. The
writes are services (initiatives/fieldimport/services.py): nothing is saved before
the consultant confirms the preview, and then in one transaction.
"""
