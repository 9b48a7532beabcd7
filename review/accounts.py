"""Users, roles, password checks with throttling, browser sessions and API tokens.

Passwords are argon2id hashes (argon2-cffi's defaults, rehashed on login when those change).
Session cookies and API tokens are 256-bit random strings; the database keeps only their SHA-256,
so a copy of the tables grants nothing. Failed logins are counted per user name and per address
over a sliding window; past the limit, even a correct password is refused until the window moves,
which makes online guessing slow without locking anybody out for good.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from storage.db import serialise_on, transaction
from storage.models import ApiToken, LoginAttempt, User, UserSession
from storage.types import utcnow

#: in order of power: each role can do what the ones before it can
ROLES = ("viewer", "analyst", "supervisor", "admin")
SESSION_LIFETIME = timedelta(hours=12)
LOGIN_WINDOW = timedelta(minutes=15)
#: failed logins in the window after which one name *from one address* is refused: the guesser
#: at that address is stopped, the owner logging in from elsewhere is not locked out
MAX_FAILURES_PER_USER_AND_IP = 5
#: ...from one address whatever the name (behind a proxy, the forwarded client address)
MAX_FAILURES_PER_IP = 20
#: ...for one name from all addresses together: bounds a guesser spread over many addresses
#: (well above what one address may try, so that a few hostile addresses cannot lock a name)
MAX_FAILURES_PER_USER = 100
_HASHER = PasswordHasher()
#: verified against when the user does not exist, so both cases take the same time
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """Bad account input (unknown role, short password, taken name); the message is one line."""


class LoginThrottled(Exception):
    """Too many failed logins for this name or address; try again later."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str

    def can(self, role: str) -> bool:
        """True when this account's role is ``role`` or above."""
        return ROLES.index(self.role) >= ROLES.index(role)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account(user: User) -> Account:
    return Account(user.id, user.username, user.display_name or user.username, user.role)


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    return role


def check_password(password: str) -> str:
    if len(password) < 10:
        raise AccountError("password must have at least 10 characters")
    if len(password) > 1000:
        raise AccountError("password is too long")
    return password


#: a token's last use is recorded to this resolution (one write a minute at most, per token)
TOKEN_USE_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


def _token_info(token: ApiToken) -> TokenInfo:
    return TokenInfo(token.id, token.name, token.created_at, token.last_used_at, token.revoked_at)


def _revoke_all(session: Session, user_id: int, when: datetime | None = None) -> int:
    rows = session.scalars(
        select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = when or utcnow()
    return len(rows)


class Accounts:
    def __init__(
        self, factory: sessionmaker[Session], *, session_lifetime: timedelta = SESSION_LIFETIME
    ) -> None:
        self._factory = factory
        self._session_lifetime = session_lifetime

    # -- users ----------------------------------------------------------------------------
    def add_user(self, username: str, password: str, role: str, display_name: str = "") -> Account:
        username = username.strip()
        if not username or len(username) > 100 or any(c.isspace() or not c.isprintable() for c in username):
            raise AccountError("user name must be 1-100 printable characters without spaces")
        check_role(role)
        check_password(password)
        with transaction(self._factory) as session:
            if session.scalars(select(User.id).where(User.username == username)).first() is not None:
                raise AccountError(f"user {username!r} exists")
            user = User(
                username=username,
                display_name=display_name.strip()[:200],
                password_hash=_HASHER.hash(password),
                role=role,
            )
            session.add(user)
            session.flush()
            return _account(user)

    def set_role(self, username: str, role: str) -> None:
        check_role(role)
        with transaction(self._factory) as session:
            user = self._user(session, username)
            user.role = role

    def set_password(self, username: str, password: str) -> None:
        check_password(password)
        with transaction(self._factory) as session:
            user = self._user(session, username)
            user.password_hash = _HASHER.hash(password)
            # a changed password ends every open session and every API token of that user (a
            # password changed because it leaked must not leave the leaker a token)
            session.execute(delete(UserSession).where(UserSession.user_id == user.id))
            _revoke_all(session, user.id)

    def set_disabled(self, username: str, disabled: bool) -> None:
        with transaction(self._factory) as session:
            user = self._user(session, username)
            user.disabled = disabled
            if disabled:
                # revoked, not merely refused while disabled: enabling the account again must not
                # bring back tokens that may have leaked meanwhile
                session.execute(delete(UserSession).where(UserSession.user_id == user.id))
                _revoke_all(session, user.id)

    def list_users(self) -> list[tuple[Account, bool]]:
        with self._factory() as session:
            return [(_account(u), u.disabled) for u in session.scalars(select(User).order_by(User.username))]

    def get(self, username: str) -> Account | None:
        with self._factory() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            return None if user is None else _account(user)

    @staticmethod
    def _user(session: Session, username: str) -> User:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise AccountError(f"no user {username!r}")
        return user

    # -- login ----------------------------------------------------------------------------
    def authenticate(self, username: str, password: str, ip: str) -> Account | None:
        """The account for a correct password, None for a wrong one; LoginThrottled past the limits.

        The attempt is recorded, and counted with every earlier one, before the password is
        checked: counting first would let a burst of simultaneous requests all pass the limit
        during the slow hash check. Attempts on one user or one address are serialised
        (``serialise_on``): under READ COMMITTED two parallel attempts could otherwise each miss
        the other's uncommitted row. A throttled attempt is still recorded. A success removes the
        user's recorded attempts."""
        username = username.strip()[:100]
        ip = ip[:64]
        now = utcnow()
        since = now - LOGIN_WINDOW
        with transaction(self._factory) as session:
            serialise_on(session, f"login-user:{username}", f"login-ip:{ip}")
            session.add(LoginAttempt(username=username, ip=ip, at=now))
            session.flush()
            recent = LoginAttempt.at > since
            by_pair = session.scalar(
                select(func.count()).where(LoginAttempt.username == username, LoginAttempt.ip == ip, recent)
            )
            by_user = session.scalar(select(func.count()).where(LoginAttempt.username == username, recent))
            by_ip = session.scalar(select(func.count()).where(LoginAttempt.ip == ip, recent))
        if (
            (by_pair or 0) > MAX_FAILURES_PER_USER_AND_IP
            or (by_ip or 0) > MAX_FAILURES_PER_IP
            or (by_user or 0) > MAX_FAILURES_PER_USER
        ):
            raise LoginThrottled("too many failed logins; wait a few minutes")
        with transaction(self._factory) as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            ok: bool
            try:
                ok = _HASHER.verify(user.password_hash if user is not None else _DUMMY_HASH, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                ok = False
            if not ok or user is None or user.disabled:
                return None
            if _HASHER.check_needs_rehash(user.password_hash):
                user.password_hash = _HASHER.hash(password)
            # the owner is in: this address's failures for the name no longer count
            session.execute(
                delete(LoginAttempt).where(LoginAttempt.username == username, LoginAttempt.ip == ip)
            )
            return _account(user)

    # -- sessions -------------------------------------------------------------------------
    def open_session(self, account: Account) -> tuple[str, str]:
        """A new session for ``account``: (cookie token, CSRF token)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = utcnow()
        with transaction(self._factory) as session:
            session.execute(delete(UserSession).where(UserSession.expires_at < now))
            session.add(
                UserSession(
                    token_sha256=_digest(token),
                    user_id=account.id,
                    csrf_token=csrf,
                    created_at=now,
                    expires_at=now + self._session_lifetime,
                )
            )
        return token, csrf

    def resolve_session(self, token: str) -> tuple[Account, str] | None:
        """(account, CSRF token) of a live session, or None."""
        if not token or len(token) > 200:
            return None
        with self._factory() as session:
            row = session.get(UserSession, _digest(token))
            if row is None or row.expires_at < utcnow():
                return None
            user = session.get(User, row.user_id)
            if user is None or user.disabled:
                return None
            return _account(user), row.csrf_token

    def close_session(self, token: str) -> None:
        with transaction(self._factory) as session:
            session.execute(delete(UserSession).where(UserSession.token_sha256 == _digest(token)))

    # -- API tokens -----------------------------------------------------------------------
    def create_token(self, username: str, name: str) -> str:
        token = "ew_" + secrets.token_urlsafe(32)
        with transaction(self._factory) as session:
            user = self._user(session, username)
            session.add(
                ApiToken(user_id=user.id, token_sha256=_digest(token), name=name.strip()[:200] or "token")
            )
        return token

    def resolve_token(self, token: str) -> Account | None:
        if not token or len(token) > 200:
            return None
        with self._factory() as session:
            row = session.scalars(
                select(ApiToken).where(ApiToken.token_sha256 == _digest(token), ApiToken.revoked_at.is_(None))
            ).first()
            if row is None:
                return None
            user = session.get(User, row.user_id)
            if user is None or user.disabled:
                return None
            token_id, last = row.id, row.last_used_at
            account = _account(user)
        now = utcnow()
        if last is None or now - last > TOKEN_USE_RESOLUTION:
            with transaction(self._factory) as session:
                session.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
        return account

    def revoke_tokens(self, username: str, when: datetime | None = None) -> int:
        """Revoke every live token of the user; how many there were."""
        with transaction(self._factory) as session:
            user = self._user(session, username)
            return _revoke_all(session, user.id, when)

    def revoke_token(self, username: str, token_id: int) -> bool:
        """Revoke one token of the user; False when it was revoked already."""
        with transaction(self._factory) as session:
            user = self._user(session, username)
            row = session.get(ApiToken, token_id)
            if row is None or row.user_id != user.id:
                raise AccountError(f"{username} has no token {token_id}")
            if row.revoked_at is not None:
                return False
            row.revoked_at = utcnow()
            return True

    def list_tokens(self, username: str) -> list[TokenInfo]:
        with self._factory() as session:
            user = self._user(session, username)
            return [
                _token_info(t)
                for t in session.scalars(
                    select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id)
                )
            ]

    def all_tokens(self) -> list[tuple[str, TokenInfo]]:
        """Every user's tokens, as (user name, token), by user name then token id."""
        with self._factory() as session:
            rows = session.execute(
                select(User.username, ApiToken)
                .join(ApiToken, ApiToken.user_id == User.id)
                .order_by(User.username, ApiToken.id)
            ).tuples()
            return [(username, _token_info(token)) for username, token in rows]

    def token_owner(self, token_id: int) -> str | None:
        """The user name a token belongs to; None for no such token."""
        with self._factory() as session:
            return session.scalar(
                select(User.username)
                .join(ApiToken, ApiToken.user_id == User.id)
                .where(ApiToken.id == token_id)
            )
