"""The one working-day calendar: weekends, Morocco's public holidays and the editors' corrections.

Every delay the law counts in working days (council sessions, participation deadlines, tenders)
is computed by :func:`workdays.calendar.add_working_days`.
"""
