"""The analysts' review app: queue, listing view, decisions, cases, accounts, audit log."""
