"""What an on-demand capture of a page that is not a stored listing says about it: the listing
as extracted and the classifier's verdict, read the way a crawl reads a page."""

from __future__ import annotations

from ecowarden.capture_cmd import make_analyser
from ecowarden.config import load_config
from tests.conftest import ROOT

PAGE = """<html lang="en"><head><title>Colmillo de marfil tallado</title>
<script type="application/ld+json">{"@type": "Product", "name": "Colmillo de marfil tallado",
"description": "Vendo colmillo de marfil auténtico, tallado a mano. Envío a todo el país.",
"offers": {"price": %s, "priceCurrency": "EUR"}}</script></head>
<body><h1>Colmillo de marfil tallado</h1></body></html>"""


def test_the_text_s_language_is_identified_and_a_price_that_is_no_amount_costs_nothing() -> None:
    analyse = make_analyser(load_config(str(ROOT / "ecowarden.toml")))
    finite = analyse(PAGE % '"1200"', "http://127.0.0.1/ad/1")
    assert finite["listing"]["title"] == "Colmillo de marfil tallado"
    assert finite["classifier"]["flagged"] is True and finite["classifier"]["category"] == "wildlife"
    # the page declares English; the classifier reads the language of the text, as a crawl does
    assert (finite["listing"]["language"], finite["listing"]["text_language"]) == ("en", "es")
    endless = analyse(PAGE % "Infinity", "http://127.0.0.1/ad/2")
    assert "analysis_error" not in endless and endless["classifier"]["category"] == "wildlife"
