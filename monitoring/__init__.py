"""Monitoring: what makes scheduled crawls trustworthy.

``figures`` reads a run's statistics, ``alerts`` holds the one definition of a site whose yield
dropped (computed from the database), ``runs`` lists recent runs for the CLI and the review app,
``crawl_metrics`` and ``site_metrics`` expose Prometheus metrics from crawling processes and from
the review app. This package reads storage and never imports the crawler: the crawler, the CLI and
the app import it.
"""
