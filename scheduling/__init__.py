"""Scheduled crawls: the book of schedules (APScheduler's job store in the project database), the
job every schedule runs, and the long-running scheduler that fires them."""
