"""Same actor, association and generic identifiers; `ecowarden link` as a user runs it."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecowarden.cli import app
from networks.link_file import link_listings
from networks.linking import ASSOCIATION, SAME_ACTOR, LinkRecord, LinkSettings, TextMatch, link

ROOT = Path(__file__).resolve().parents[1]
BATS = ROOT.parent / "shared" / "data" / "real-posts" / "painted-bats-dev.csv"


def test_a_shared_number_makes_one_actor_across_sites_a_courier_number_does_not() -> None:
    records = [
        LinkRecord("a1", "site-a", "ana", (("phone", "+84912345678"),)),
        LinkRecord("a2", "site-a", "ana"),
        LinkRecord(
            "b1",
            "site-b",
            "an_na",
            (("zalo", "+84912345678"),),
        ),
        LinkRecord("b2", "site-b", "an_na", (("phone", "+84912345678"),)),
        *(LinkRecord(f"c{i}", "site-c", f"shop{i}", (("phone", "+84900000000"),)) for i in range(8)),
    ]
    result = link(records, LinkSettings(generic_owners=5))
    assert len({result.actor[i] for i in ("a1", "a2", "b2")}) == 1
    assert result.actor["b1"] == result.actor["b2"]  # same account on site-b
    # the courier's number is shown by eight sellers: listed, never merged
    assert ("number", "+84900000000") in result.generic
    assert len({result.actor[f"c{i}"] for i in range(8)}) == 8
    assert any("+84912345678 (phone, zalo)" in reason for reason in result.reasons("b1"))
    assert all(link.layer == SAME_ACTOR for link in result.links)


def test_near_identical_texts_are_one_actor_similar_ones_a_network() -> None:
    records = [LinkRecord(i, "s", None) for i in ("x", "y", "z", "w")]
    matches = [TextMatch("x", "y", 0.8), TextMatch("y", "z", 0.4)]
    result = link(records, LinkSettings(same_actor_jaccard=0.5), matches)
    assert result.actor["x"] == result.actor["y"] != result.actor["z"]
    assert result.network["x"] == result.network["z"] != result.network["w"]
    layers = {link.layer for link in result.links}
    assert layers == {SAME_ACTOR, ASSOCIATION}


def test_template_with_other_particulars_links_one_actor() -> None:
    text = (
        "Real taxidermy bat framed in a handmade wooden box with glass, ethically sourced from"
        " Indonesia, shipped worldwide with tracking, message me on WhatsApp {phone} for price {price}"
    )
    listings = [
        {
            "id": "1",
            "site": "etsy",
            "title": "Framed bat",
            "description": text.format(phone="+6281234567890", price="$45"),
        },
        {
            "id": "2",
            "site": "ebay",
            "title": "Framed bat",
            "description": text.format(phone="+6281234567890", price="$60"),
        },
        {
            "id": "3",
            "site": "etsy",
            "title": "Oak table",
            "description": "Solid oak dining table, six chairs, collection only.",
        },
    ]
    lines, _result = link_listings(listings)
    actor = {line["id"]: line["actor"] for line in lines}
    assert actor["1"] == actor["2"] != actor["3"]
    assert any("whatsapp" in reason or "alike" in reason for reason in lines[1]["reasons"])


@pytest.mark.skipif(not BATS.exists(), reason="../shared/data/real-posts is absent")
def test_real_listings_link_to_their_sellers_with_high_precision() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from linking import score

    with BATS.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    figures = score(rows, LinkSettings(), 0.35)
    assert figures["precision"] >= 0.90, figures


def test_cli_link_reports_bad_lines_and_writes_every_listing(tmp_path: Path) -> None:
    source = tmp_path / "listings.jsonl"
    source.write_text(
        json.dumps({"id": "1", "description": "call 0912 345 678"})
        + "\n"
        + "not json\n"
        + json.dumps({"title": "no id"})
        + "\n"
        + json.dumps({"id": 2, "description": "call 0912 345 678", "site": "x"})
        + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "groups.jsonl"
    result = CliRunner().invoke(app, ["link", "--input", str(source), "--output", str(target), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["1", "2"]
    assert set(lines[0]) == {"id", "actor", "network", "reasons"}
    missing = CliRunner().invoke(app, ["link", "--input", str(tmp_path / "nope"), "--output", str(target)])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    junk = tmp_path / "junk.jsonl"
    junk.write_text("nope\n")
    failed = CliRunner().invoke(app, ["link", "--input", str(junk), "--output", str(target)])
    assert failed.exit_code == 1
