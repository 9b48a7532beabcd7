"""The review app's data layer on both databases: accounts, throttling, the queue's sync with
verdicts, optimistic locking of decisions, and the audit chain."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from review.accounts import AccountError, Accounts, LoginThrottled
from review.decisions import DecisionError, Decisions, StaleEdit
from storage.db import open_database
from storage.listings import ListingStore, Observation
from storage.models import Decision, ReviewItem
from tests.observations import observation


def verdict(score: float, flagged: bool, category: str = "wildlife") -> dict[str, object]:
    return {"model_version": "m1", "category": category, "score": score, "flagged": flagged, "reasons": []}


def observe(n: int, title: str, prediction: dict[str, object]) -> Observation:
    return observation(
        canonical_url=f"http://127.0.0.1/ad/{n}",
        url=f"http://127.0.0.1/ad/{n}",
        observed_at=datetime.now(UTC),
        title=title,
        description="d",
        price=Decimal("10"),
        currency="EUR",
        seller_name="s",
        seller_id="s1",
        language="en",
        prediction=prediction,
    )


@pytest.fixture
def world(db_url: str) -> tuple[ListingStore, Accounts, Decisions, int, str]:
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])
    store.apply_batch(
        site, run, [observe(1, "ivory", verdict(0.9, True)), observe(2, "chair", verdict(0.1, False))]
    )
    return store, Accounts(factory), Decisions(factory), site, run


def items(decisions: Decisions) -> dict[int, ReviewItem]:
    with decisions._factory() as session:
        return {r.listing_id: r for r in session.scalars(select(ReviewItem))}


def test_flagged_verdicts_enter_the_queue_and_reopen_when_changed(world) -> None:  # type: ignore[no-untyped-def]
    store, accounts, decisions, site, run = world
    queue = items(decisions)
    assert (
        set(queue) == {1} and queue[1].status == "new" and queue[1].score == 0.9 and queue[1].title == "ivory"
    )
    analyst = accounts.add_user("ana", "correct horse battery", "analyst")
    decisions.decide(analyst, 1, 1, "dismiss", reason="antique, legal")
    # the listing changes and is flagged again: the new content was never reviewed
    store.apply_batch(site, run, [observe(1, "ivory carving, raw tusk", verdict(0.95, True))])
    item = items(decisions)[1]
    assert (
        item.status == "new" and item.score == 0.95 and item.version == 3 and item.updated_by == "classifier"
    )


def test_stale_edit_is_rejected_and_nothing_written(world) -> None:  # type: ignore[no-untyped-def]
    _store, accounts, decisions, _site, _run = world
    ana = accounts.add_user("ana", "correct horse battery", "analyst")
    bob = accounts.add_user("bob", "correct horse battery", "analyst")
    first = decisions.decide(ana, 1, 1, "confirm", category="wildlife")
    assert first.version == 2 and first.status == "confirmed"
    with pytest.raises(StaleEdit, match="you saw version 1, it is now 2"):
        decisions.decide(bob, 1, 1, "dismiss", reason="looks fine")
    assert items(decisions)[1].status == "confirmed"
    with decisions._factory() as session:
        assert [(d.action, d.analyst) for d in session.scalars(select(Decision))] == [("confirm", "ana")]
    with pytest.raises(DecisionError):
        decisions.decide(ana, 1, 2, "confirm", category="none")
    with pytest.raises(DecisionError):
        decisions.decide(ana, 1, 2, "dismiss", reason="  ")
    with pytest.raises(DecisionError, match="not in the review queue"):
        decisions.decide(ana, 2, 1, "escalate")
    actions = [e.action for e in decisions.audit.events()]
    assert actions == ["confirmed"] and decisions.audit.verify() == []


def test_accounts_sessions_tokens_and_throttling(world) -> None:  # type: ignore[no-untyped-def]
    _store, accounts, _decisions, _site, _run = world
    with pytest.raises(AccountError):
        accounts.add_user("x", "short", "analyst")
    with pytest.raises(AccountError):
        accounts.add_user("x", "long enough pw", "root")
    ana = accounts.add_user("ana", "correct horse battery", "analyst")
    assert ana.can("viewer") and ana.can("analyst") and not ana.can("supervisor")
    assert accounts.authenticate("ana", "correct horse battery", "10.0.0.1") == ana
    token, csrf = accounts.open_session(ana)
    assert accounts.resolve_session(token) == (ana, csrf) and accounts.resolve_session(token + "x") is None
    api = accounts.create_token("ana", "script")
    assert accounts.resolve_token(api) == ana
    accounts.revoke_tokens("ana")
    assert accounts.resolve_token(api) is None
    for _ in range(5):
        assert accounts.authenticate("ana", "wrong password!", "10.0.0.2") is None
    with pytest.raises(LoginThrottled):
        accounts.authenticate("ana", "correct horse battery", "10.0.0.2")
    # the guesser's address is stopped for that name; the owner elsewhere is not locked out
    assert accounts.authenticate("ana", "correct horse battery", "10.0.0.3") == ana
    accounts.set_disabled("ana", True)
    assert accounts.resolve_session(token) is None


def test_tokens_end_with_a_password_change_and_stay_dead_after_disable(world) -> None:  # type: ignore[no-untyped-def]
    _store, accounts, _decisions, _site, _run = world
    accounts.add_user("sam", "correct horse battery", "supervisor")
    first, second = accounts.create_token("sam", "a"), accounts.create_token("sam", "b")
    assert accounts.resolve_token(first) is not None
    listed = accounts.list_tokens("sam")
    assert [(t.name, t.revoked_at) for t in listed] == [("a", None), ("b", None)]
    assert listed[0].last_used_at is not None and listed[1].last_used_at is None, "its last use is kept"
    accounts.revoke_token("sam", listed[1].id)
    assert accounts.resolve_token(second) is None and accounts.resolve_token(first) is not None
    with pytest.raises(AccountError):
        accounts.revoke_token("sam", 999_999)
    accounts.set_password("sam", "another horse battery")
    assert accounts.resolve_token(first) is None, "a changed password ends every token"
    third = accounts.create_token("sam", "c")
    accounts.set_disabled("sam", True)
    accounts.set_disabled("sam", False)
    assert accounts.resolve_token(third) is None, "enabling the account again revives no token"
    assert all(t.revoked_at is not None for t in accounts.list_tokens("sam"))


def test_audit_log_refuses_updates(world, db_url: str) -> None:  # type: ignore[no-untyped-def]
    _store, accounts, decisions, _site, _run = world
    ana = accounts.add_user("ana", "correct horse battery", "analyst")
    decisions.add_note(ana, 1, "seller also on forum X")
    engine, _ = open_database(db_url)
    with pytest.raises(Exception, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE audit_events SET actor = 'mallory'"))
    assert decisions.audit.verify() == []


def test_reopened_decisions_do_not_train(world) -> None:  # type: ignore[no-untyped-def]
    from storage.predictions import PredictionStore

    _store, accounts, decisions, _site, _run = world
    ana = accounts.add_user("ana", "correct horse battery", "analyst")
    decisions.decide(ana, 1, 1, "confirm", category="wildlife")
    training = PredictionStore(decisions._factory)
    assert [(d.action, d.category) for d in training.training_decisions()] == [("confirm", "wildlife")]
    decisions.decide(ana, 1, 2, "reopen")
    assert training.training_decisions() == []
    decisions.decide(ana, 1, 3, "dismiss", reason="a carving in resin")
    assert [d.action for d in training.training_decisions()] == ["dismiss"]
