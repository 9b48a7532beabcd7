"""A local demo marketplace: three differently built sites plus hostile pages, one origin.

Used by the crawler's tests and ``make run``; the catalogue endpoint gives the ground truth.
"""

from __future__ import annotations

from demo.app import create_app
from demo.catalogue import Catalogue, generate_catalogue
from demo.model import Listing, MutationReport

__all__ = ["Catalogue", "Listing", "MutationReport", "create_app", "generate_catalogue"]
