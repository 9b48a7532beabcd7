"""The HTML screens of the review app, one router each (the JSON API is ``review.api``)."""

from review.screens import actors, audit, cases, evidence, listing, login, queue, tokens, watchlists

ROUTERS = [m.router for m in (login, queue, listing, actors, evidence, cases, watchlists, tokens, audit)]
