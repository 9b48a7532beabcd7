"""The human-readable model card, rendered from the same dict as ``model-card.json``."""

from __future__ import annotations

import json
from typing import Any


def render_markdown(card: dict[str, Any]) -> str:
    """Markdown for people; the JSON card stays the machine-checked source of truth."""
    threshold = card.get("threshold_selection", {})
    data = card.get("data", {})
    lines = [
        f"# Model card: {card.get('version')}",
        "",
        f"- created: {card.get('created_at')}",
        f"- model file: `{card.get('model_file')}` ({card.get('model_bytes')} bytes), "
        f"SHA-256 `{card.get('model_sha256')}`",
        f"- feature schema {card.get('feature_schema')}, scikit-learn {card.get('sklearn_version')}, "
        f"lexicon {card.get('lexicon_version')}",
        f"- model: {card.get('model', {}).get('type')}",
        f"- decision rule: {card.get('model', {}).get('decision_rule')}",
        f"- score: {card.get('model', {}).get('score')}; flagged when score >= {card.get('threshold'):.4f}",
        f"- threshold: {threshold.get('method')}; target precision {threshold.get('target_precision')} "
        f"(reached: {threshold.get('reached')}; "
        f"validation precision {threshold.get('validation_precision')}, "
        f"recall {threshold.get('validation_recall')})",
        "",
        "## Data",
        "",
        "```json",
        json.dumps(
            {"sources": data.get("sources"), "sizes": data.get("sizes")}, indent=2, ensure_ascii=False
        ),
        "```",
        "",
        "## Metrics on the held-out test split",
        "",
        "Test = demo listings from templates never used in training, plus held-out real bird ads.",
        "",
        "```",
        str(card.get("metrics_text", "")),
        "```",
        "",
        "## Real data: grouped cross-validation at the shipped threshold",
        "",
        "Every real set is development data: each row is scored by a model trained on folds that hold",
        "none of its group (account, seller, template family). The ivory posts' fold marked `*` holds",
        "out the trader most positives come from: the honest measure of a seller never seen.",
        "",
        "```",
        str(card.get("real_data_text", "(not measured)")),
        "```",
        "",
    ]
    for title, key in (("Comparisons", "comparisons"),):
        if card.get(key):
            lines += [f"## {title}", "", str(card[key]), ""]
    return "\n".join(lines)
