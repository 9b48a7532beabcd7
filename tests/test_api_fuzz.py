"""The JSON API fuzzed from its own OpenAPI schema (schemathesis): whatever a client sends,
within the schema or around it, the answer is never a server error and always one the schema
documents (status and body)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from review.accounts import Accounts
from review.app import create_app
from storage.db import open_database
from storage.listings import ListingStore
from tests.app_helpers import app_config
from tests.observations import observation

pytestmark = pytest.mark.slow
PASSWORD = "correct horse battery staple"
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
TOKENS: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from datetime import UTC, datetime

    workdir = tmp_path_factory.mktemp("fuzz")
    db_url = f"sqlite:///{workdir / 'db.sqlite3'}"
    _engine, factory = open_database(db_url)
    store = ListingStore(factory)
    site = store.ensure_site("s", "http://127.0.0.1/")
    run = store.start_run(site, "t", [])
    store.apply_batch(
        site,
        run,
        [
            observation(
                canonical_url=f"http://127.0.0.1/ad/{n}",
                url=f"http://127.0.0.1/ad/{n}",
                observed_at=datetime.now(UTC),
                title=f"ivory {n}",
                description="d",
                price=Decimal("10"),
                currency="EUR",
                prediction={
                    "model_version": "m",
                    "category": "wildlife",
                    "score": 0.9,
                    "flagged": True,
                    "reasons": [],
                },
            )
            for n in (1, 2, 3)
        ],
    )
    accounts = Accounts(factory)
    accounts.add_user("sam", PASSWORD, "supervisor")
    TOKENS["sam"] = accounts.create_token("sam", "fuzz")
    app = create_app(app_config(db_url, Path(workdir)))
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)


def test_no_server_error_and_nothing_undocumented(api_schema: Any) -> None:
    """Every operation, positive and negative cases alike (schemathesis's generation modes),
    called in process: no 5xx, and each answer's status and body as the schema documents."""
    headers = {"Authorization": f"Bearer {TOKENS['sam']}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case: Any) -> None:
            # not "valid data accepted": a well-formed cursor that is not ours is refused (400),
            # which a schema cannot say; everything the acceptance asks is checked
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()


def test_the_documented_orders_are_the_queues(api_schema: Any) -> None:
    from review.queue import ORDERS

    operation = api_schema["/api/queue"]["GET"]
    (order,) = [p for p in operation.definition.raw["parameters"] if p["name"] == "order"]
    assert tuple(order["schema"]["enum"]) == ORDERS
