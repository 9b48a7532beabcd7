"""The verifier's report: one :class:`CheckResult` per check of each file, and the verdict."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from evidence.bundle.unzip import BundleFormatError

_T = TypeVar("_T")


@dataclass(frozen=True)
class CheckResult:
    """One check of one file. ``warning`` marks a check that did not fail but proves less than
    it would (a capture without a timestamp): reported, never shown as a plain pass."""

    name: str
    file: str
    passed: bool
    detail: str
    warning: bool = False

    @property
    def result(self) -> str:
        return "FAIL" if not self.passed else ("warn" if self.warning else "pass")


@dataclass
class VerificationReport:
    bundle: str
    checks: list[CheckResult] = field(default_factory=list)
    bundle_id: str | None = None
    signing_key_id: str | None = None
    #: the signer was pinned (expected key id given) and matched; else identity is unproven
    signer_pinned: bool = False
    tsa_root_pinned: bool = False
    captures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]

    @property
    def warnings(self) -> list[CheckResult]:
        return [check for check in self.checks if check.passed and check.warning]

    def add(self, name: str, file: str, passed: bool, detail: str, warning: bool = False) -> None:
        self.checks.append(CheckResult(name, file, passed, detail, warning))

    def guard(self, name: str, file: str, step: Callable[[], _T]) -> _T | None:
        """Run one check; anything it raises becomes a failure of ``file`` instead of a crash."""
        try:
            return step()
        except BundleFormatError:
            raise
        except Exception as exc:
            self.add(name, file, False, f"cannot be checked: {type(exc).__name__}: {first_line(exc)}")
            return None

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "ok": self.ok,
            "bundle_id": self.bundle_id,
            "signing_key_id": self.signing_key_id,
            "signer_pinned": self.signer_pinned,
            "tsa_root_pinned": self.tsa_root_pinned,
            "captures": self.captures,
            "failures": len(self.failures),
            "warnings": len(self.warnings),
            "checks": [{**asdict(check), "result": check.result} for check in self.checks],
        }


def first_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
