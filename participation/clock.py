"""The legal clock of participation: the delays the law gives the commune, in working days.

The days themselves are counted by the one calendar (``workdays.calendar``): weekends, Morocco's
public holidays and the editors' corrections, national and the commune's own.
"""

COMPLAINT_INCOMPLETE_NOTICE_DAYS = 15
COMPLAINT_ANSWER_DAYS = 60
INFORMATION_ANSWER_DAYS = 20
INFORMATION_EXTENSION_DAYS = 20
INFORMATION_URGENT_DAYS = 3
