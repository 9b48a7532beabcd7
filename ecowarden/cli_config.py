"""The config file named by the running command's ``--config``, for every subcommand module.

The top-level callback records the option here; ``cli.py`` and the command modules it registers
(``bundle_cli``...) read it through ``config()``, so none of them imports another for it.
"""

from __future__ import annotations

from ecowarden.config import Config, ConfigError, load_config
from ecowarden.errors import UsageProblem

_state: dict[str, str | None] = {"config": None}


def set_config_path(path: str | None) -> None:
    _state["config"] = path


def config_path() -> str | None:
    return _state["config"]


def config() -> Config:
    """The loaded config; a bad file is a usage problem (exit code 2)."""
    try:
        return load_config(_state["config"])
    except ConfigError as exc:
        raise UsageProblem(str(exc)) from exc
