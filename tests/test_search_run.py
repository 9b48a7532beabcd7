"""A search run's term queue: terms a head term already showed in full are not searched again."""

from __future__ import annotations

from collections import deque

from crawler.search import SearchTerm
from crawler.spiders.search_mode import SearchRun


def _run(*terms: str, skip_covered: bool = True) -> SearchRun:
    queue = deque(SearchTerm(i, term, "en", "wildlife") for i, term in enumerate(terms, start=1))
    return SearchRun(queue, budget=100, pages_per_query=3, skip_covered=skip_covered)


def _take(run: SearchRun) -> str | None:
    term = run.take_term()
    return term.term if term else None


def test_a_term_a_head_showed_in_full_is_left_out() -> None:
    run = _run("ivory", "Carved Ivory", "IVORY", "tusk", "ivory tusk")
    head = run.take_term()
    assert head is not None and head.term == "ivory"
    # while "ivory" is being paged, the terms it may cover wait; "tusk" goes first, then none is
    # free (the lane searching "ivory" takes the waiting ones when it ends)
    tusk = run.take_term()
    assert tusk is not None and tusk.term == "tusk" and _take(run) is None
    run.finish(tusk, exhausted=False)
    run.finish(head, exhausted=True)
    # "Carved Ivory" and "IVORY" were covered by "ivory" (case does not matter to a search box),
    # "ivory tusk" by either head
    assert _take(run) is None
    assert run.covered == 3


def test_a_head_cut_short_releases_the_terms_that_waited_in_their_order() -> None:
    run = _run("ivory", "carved ivory", "ivory bangle", "pangolin")
    head = run.take_term()
    assert head is not None
    assert _take(run) == "pangolin" and _take(run) is None
    # the page limit stopped "ivory" before its last page: its refinements may find more
    run.finish(head, exhausted=False)
    assert [_take(run), _take(run), _take(run)] == ["carved ivory", "ivory bangle", None]
    assert run.covered == 0


def test_off_every_term_is_searched_and_a_spent_budget_starts_nothing() -> None:
    run = _run("ivory", "carved ivory", skip_covered=False)
    head = run.take_term()
    assert head is not None
    run.finish(head, exhausted=True)
    assert _take(run) == "carved ivory"
    spent = _run("ivory")
    spent.spent = True
    assert spent.take_term() is None
