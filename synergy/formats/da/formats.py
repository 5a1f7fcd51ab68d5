"""Danish dates: "16. august 2017", "13. oktober", "16. august 2017 10:42".

Anything not named here comes from Django's Danish formats (numbers, input formats).
"""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
FIRST_DAY_OF_WEEK = 1  # Monday: weeks are ISO weeks
