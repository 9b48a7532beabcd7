"""One crawl of a site at a time, across processes and machines.

A lease is a row with an expiry; its holder renews it while it works. A holder that dies stops
renewing and the lease frees itself after ``ttl``; no lock outlives a crashed process, and no
second crawl starts while the first one is alive, wherever either runs.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage.db import transaction
from storage.models import SiteLease
from storage.types import utcnow


@dataclass(frozen=True)
class Lease:
    site_key: str
    holder: str
    token: str


@dataclass(frozen=True)
class LeaseInfo:
    site_key: str
    holder: str
    acquired_at: datetime
    expires_at: datetime
    token: str = ""


class SiteBusy(RuntimeError):
    """Another live process holds the site's lease; the message names it."""

    def __init__(self, info: LeaseInfo) -> None:
        super().__init__(
            f"{info.site_key} is already being crawled by {info.holder} "
            f"(since {info.acquired_at:%Y-%m-%d %H:%M:%S} UTC)"
        )
        self.info = info


class SiteLeases:
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self._factory = factory

    @property
    def factory(self) -> sessionmaker[Session]:
        return self._factory

    def acquire(
        self, site_key: str, holder: str, ttl_s: float, *, is_dead: Callable[[str], bool] | None = None
    ) -> Lease:
        """Take the site's lease, or raise :class:`SiteBusy` naming the live holder.

        Compare-and-set in two steps, each its own transaction: take over an expired row (or one
        whose holder ``is_dead`` says is gone, e.g. a killed process on this machine, so that
        ``--resume`` right after a kill need not wait for the expiry), else insert a new one; a
        concurrent insert loses on the primary key, never both win.
        """
        token = str(uuid.uuid4())
        now = utcnow()
        expires = now + timedelta(seconds=ttl_s)
        stale = SiteLease.expires_at < now
        if is_dead is not None:
            current = self.current(site_key)
            if current is not None and is_dead(current.holder):
                stale = or_(stale, SiteLease.token == current.token)
        with transaction(self._factory) as session:
            taken = session.execute(
                update(SiteLease)
                .where(SiteLease.site_key == site_key, stale)
                .values(holder=holder, token=token, acquired_at=now, expires_at=expires)
            ).rowcount  # type: ignore[attr-defined]
        if not taken:
            try:
                with transaction(self._factory) as session:
                    session.execute(
                        insert(SiteLease).values(
                            site_key=site_key, holder=holder, token=token, acquired_at=now, expires_at=expires
                        )
                    )
            except IntegrityError:
                info = self.current(site_key)
                if info is None:  # released between our two steps: one more try decides
                    return self.acquire(site_key, holder, ttl_s, is_dead=is_dead)
                raise SiteBusy(info) from None
        return Lease(site_key, holder, token)

    def renew(self, lease: Lease, ttl_s: float) -> bool:
        """Extend the lease; False when it was lost (expired and taken by someone else)."""
        with transaction(self._factory) as session:
            return bool(
                session.execute(
                    update(SiteLease)
                    .where(SiteLease.site_key == lease.site_key, SiteLease.token == lease.token)
                    .values(expires_at=utcnow() + timedelta(seconds=ttl_s))
                ).rowcount  # type: ignore[attr-defined]
            )

    def release(self, lease: Lease) -> None:
        with transaction(self._factory) as session:
            session.execute(
                delete(SiteLease).where(SiteLease.site_key == lease.site_key, SiteLease.token == lease.token)
            )

    def current(self, site_key: str) -> LeaseInfo | None:
        """The live lease of a site, if any (an expired row is no lease)."""
        with self._factory() as session:
            row = session.scalar(
                select(SiteLease).where(SiteLease.site_key == site_key, SiteLease.expires_at >= utcnow())
            )
            if row is None:
                return None
            return LeaseInfo(row.site_key, row.holder, row.acquired_at, row.expires_at, row.token)


class LeaseKeeper:
    """Renews a set of leases from a daemon thread until stopped, then releases them.

    A lease can still be lost (renewals failing past the expiry, the process suspended) and taken
    by another holder: :attr:`lost` and :meth:`is_lost` say so, and whoever works under the lease
    must then stop, or two crawls of one site would run at once."""

    def __init__(self, leases: SiteLeases, held: list[Lease], ttl_s: float) -> None:
        self.leases = leases
        self.held = held
        self.ttl_s = ttl_s
        self.lost = threading.Event()
        self._lost_sites: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ecowarden-lease", daemon=True)

    def start(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def is_lost(self, site_key: str) -> bool:
        """Whether this site's lease has been taken by another holder (it is not renewed again)."""
        return site_key in self._lost_sites

    def _run(self) -> None:
        while not self._stop.wait(self.ttl_s / 3):
            for index, lease in enumerate(self.held):
                if lease.site_key in self._lost_sites:
                    continue
                try:
                    if self.leases.renew(lease, self.ttl_s):
                        continue
                    # expired and taken; if its taker is gone again (it released at once, or it
                    # expired too), take it back rather than stop: only a live holder wins
                    if self.leases.current(lease.site_key) is None:
                        self.held[index] = self.leases.acquire(lease.site_key, lease.holder, self.ttl_s)
                        continue
                except SiteBusy:
                    pass
                except Exception:  # a database blip: the next beat tries again before expiry
                    continue
                self._lost_sites.add(lease.site_key)
                self.lost.set()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        for lease in self.held:
            try:
                self.leases.release(lease)
            except Exception:  # it expires by itself
                pass

    def __enter__(self) -> LeaseKeeper:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
