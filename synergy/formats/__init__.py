"""How dates and times are written, once per language (FORMAT_MODULE_PATH).

Templates name a format (`|date:"DATE_FORMAT"`, `|date:"MONTH_DAY_FORMAT"`,
`|date:"DATETIME_FORMAT"`, `|time:"TIME_FORMAT"`, `|weekday_date`) and never spell
one out, so a page cannot drift into "16. Aug 2017" beside "16. august 2017":
Danish writes the month in full and in lower case, English the English way.
synergy/tests/test_dates.py checks both and scans the templates.
"""
