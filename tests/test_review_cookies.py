"""The review app's cookies against cookie tossing (issue 15, item 3).

Over HTTPS (directly, or behind a proxy saying so) the login and session cookies are
``__Host-`` cookies and only those names are read: a sibling subdomain cannot set them, and the
bare names it can set with ``Domain=`` are ignored. In process for the names and attributes, then
in real Chromium: the app served over TLS as ``app.ecowarden.test``, the attacker's page over TLS
as ``evil.ecowarden.test`` (both mapped to loopback by Chromium's resolver rules), tossing the
attacker's own valid session and login cookies and posting the attacker's credentials.
"""

from __future__ import annotations

import datetime as dt
import re
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from ecowarden.config import Config
from review.accounts import Accounts
from review.app import create_app
from storage.db import open_database
from tests.app_helpers import app_config, serving
from tests.conftest import free_port
from tests.crawl_helpers import SQLITE_ONLY

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "correct horse battery"
LOGIN_FIELD = re.compile(r'name="login_csrf" value="([^"]+)"')
#: the attacker's and the victim's hosts: siblings under one registrable domain
DOMAIN = "ecowarden.test"
APP_HOST = f"app.{DOMAIN}"
EVIL_HOST = f"evil.{DOMAIN}"


def auto_config(db_url: str, workdir: Path) -> Config:
    """The project's configuration as deployed: Secure cookies decided per request ("auto")."""
    cfg = app_config(db_url, workdir)
    return replace(cfg, review=replace(cfg.review, cookie_secure="auto"))


def with_users(db_url: str) -> None:
    accounts = Accounts(open_database(db_url)[1])
    accounts.add_user("vic", PASSWORD, "viewer")
    accounts.add_user("mallory", PASSWORD, "analyst")


def attributes(set_cookie: str) -> dict[str, str]:
    """A Set-Cookie header's attributes, lower-cased names (the cookie itself under "")."""
    first, *rest = (part.strip() for part in set_cookie.split(";"))
    found = {"": first}
    for part in rest:
        key, _, value = part.partition("=")
        found[key.lower()] = value
    return found


def set_cookies(response: httpx.Response) -> dict[str, dict[str, str]]:
    """The response's Set-Cookie headers by cookie name."""
    found = {}
    for header in response.headers.get_list("set-cookie"):
        parsed = attributes(header)
        found[parsed[""].partition("=")[0]] = parsed
    return found


def form_login(client: httpx.Client | TestClient, username: str) -> httpx.Response:
    """The login form as a browser posts it: the form's page first (its token cookie), then the post."""
    form = client.get("/login")
    token = LOGIN_FIELD.search(form.text)
    assert token is not None, form.text[:300]
    return client.post(
        "/login", data={"username": username, "password": PASSWORD, "login_csrf": token.group(1)}
    )


# -- in process --------------------------------------------------------------------------------
@SQLITE_ONLY
def test_over_https_the_cookies_are_host_cookies_and_bare_names_are_ignored(
    db_url: str, tmp_path: Path
) -> None:
    with_users(db_url)
    app = create_app(auto_config(db_url, tmp_path))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        form = client.get("/login")
        login_cookie = set_cookies(form)["__Host-ew_login"]
        assert {"secure", "httponly"} <= set(login_cookie) and login_cookie["path"] == "/"
        assert "domain" not in login_cookie and login_cookie["samesite"].lower() == "strict"
        response = form_login(client, "vic")
        assert response.status_code == 303, response.text
        cookies = set_cookies(response)
        session = cookies["__Host-ew_session"]
        assert "secure" in session and session["path"] == "/" and "domain" not in session
        # the form's cookie is removed with the attributes a browser needs to drop a __Host- cookie
        assert cookies["__Host-ew_login"]["max-age"] == "0" and "secure" in cookies["__Host-ew_login"]
        assert "ew_session" not in cookies
        token = client.cookies["__Host-ew_session"]
        assert client.get("/").status_code == 200

    # a sibling can set the bare names only: a valid session under the bare name logs nobody in,
    # a login form's token under the bare name is no token
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as tossed:
        tossed.cookies.set("ew_session", token)
        response = tossed.get("/")
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
        tossed.cookies.set("ew_login", "tossed-token")
        response = tossed.post(
            "/login", data={"username": "mallory", "password": PASSWORD, "login_csrf": "tossed-token"}
        )
        assert response.status_code == 403 and "the login form expired" in response.text


@SQLITE_ONLY
def test_the_names_follow_what_the_request_came_over(db_url: str, tmp_path: Path) -> None:
    """Plain HTTP keeps the bare names (no Secure); a TLS proxy saying https gets __Host- ones;
    logging out removes the session cookie under the name it was set with."""
    with_users(db_url)
    app = create_app(auto_config(db_url, tmp_path))
    with TestClient(app, follow_redirects=False) as plain:
        response = form_login(plain, "vic")
        cookie = set_cookies(response)["ew_session"]
        assert "secure" not in cookie and cookie["path"] == "/"
    proxied = {"X-Forwarded-Proto": "https"}
    with TestClient(app, base_url="https://testserver", headers=proxied, follow_redirects=False) as client:
        response = form_login(client, "vic")
        assert "__Host-ew_session" in set_cookies(response)
        page = client.get("/")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf is not None
        response = client.post("/logout", data={"csrf_token": csrf.group(1)})
        removal = set_cookies(response)["__Host-ew_session"]
        assert removal["max-age"] == "0" and "secure" in removal and removal["path"] == "/"


# -- in Chromium -------------------------------------------------------------------------------
@dataclass
class Tls:
    cert: Path
    key: Path

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


def self_signed(workdir: Path) -> Tls:
    """One certificate for every host under the test domain (Chromium is told to accept it)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"*.{DOMAIN}")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(f"*.{DOMAIN}")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    tls = Tls(workdir / "cert.pem", workdir / "key.pem")
    tls.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    tls.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return tls


@contextmanager
def app_over_tls(config: Config, tls: Tls) -> Iterator[str]:
    """The review app over TLS in a thread of this process; yields its origin as Chromium names it."""
    with serving(create_app(config), certfile=tls.cert, keyfile=tls.key) as port:
        yield f"https://{APP_HOST}:{port}"


class AttackerPages:
    """The attacker's site on a sibling subdomain, over TLS too: ``/`` is whatever page is set."""

    def __init__(self, tls: Tls) -> None:
        pages = self
        self.html = b""

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(pages.html)))
                self.end_headers()
                self.wfile.write(pages.html)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.server.socket = tls.context().wrap_socket(self.server.socket, server_side=True)
        self.origin = f"https://{EVIL_HOST}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def tossing_page(session: str, login_token: str, post_to: str | None) -> bytes:
    """Plants the attacker's own valid session and login cookies for the whole domain, under
    the ``__Host-`` names (which the browser must refuse: they carry a Domain) and the bare ones;
    with ``post_to``, then posts the attacker's credentials to that login."""
    cookies = "".join(
        f'document.cookie = "{name}={value}; Secure; Path=/; Domain={DOMAIN}";\n'
        for name, value in (
            ("__Host-ew_session", session),
            ("__Host-ew_login", login_token),
            ("ew_session", session),
            ("ew_login", login_token),
        )
    )
    form = (
        f'<form id="f" method="post" action="{post_to}"><input name="username" value="mallory">'
        f'<input name="password" value="{PASSWORD}"><input name="login_csrf" value="{login_token}">'
        '<input name="next" value="/"></form><script>document.getElementById("f").submit();</script>'
        if post_to
        else ""
    )
    return f"<!doctype html><html><body><script>{cookies}</script>{form}</body></html>".encode()


def attacker_credentials(origin: str) -> tuple[str, str]:
    """What the attacker holds after using the app themselves: a valid session of their own
    account and a login form's token (from a plain client of their own)."""
    url = urlsplit(origin)
    transport = httpx.HTTPTransport(verify=False)
    with httpx.Client(
        base_url=f"https://127.0.0.1:{url.port}", headers={"Host": url.netloc}, transport=transport
    ) as client:
        response = form_login(client, "mallory")
        assert response.status_code == 303, response.text
        session = response.cookies.get("__Host-ew_session") or response.cookies["ew_session"]
        form = client.get("/login")
        token = LOGIN_FIELD.search(form.text)
        assert token is not None
        return session, token.group(1)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[f"--host-resolver-rules=MAP *.{DOMAIN} 127.0.0.1"]
        )
        yield browser
        browser.close()


def shown_user(page: Any) -> str:
    return str(page.locator("header .who").inner_text()) if page.locator("header .who").count() else ""


@pytest.mark.browser
@SQLITE_ONLY
def test_cookies_tossed_from_a_sibling_subdomain_log_nobody_in(
    db_url: str, tmp_path: Path, chromium: Any
) -> None:
    with_users(db_url)
    tls = self_signed(tmp_path)
    attacker = AttackerPages(tls)
    context = chromium.new_context(ignore_https_errors=True)
    try:
        with app_over_tls(auto_config(db_url, tmp_path), tls) as app:
            session, login_token = attacker_credentials(app)
            page = context.new_page()

            # the attacker's valid session, tossed: the browser sends the bare name, the app ignores it
            attacker.html = tossing_page(session, login_token, None)
            page.goto(attacker.origin + "/")
            sent = {c["name"]: c for c in context.cookies(app + "/")}
            assert sent["ew_session"]["value"] == session and sent["ew_session"]["domain"] == f".{DOMAIN}"
            assert not any(name.startswith("__Host-") for name in sent), "the browser took a __Host- toss"
            page.goto(app + "/")
            assert urlsplit(page.url).path == "/login", "the tossed session logged the victim in"

            # the attacker's credentials posted with the tossed login token: refused
            attacker.html = tossing_page(session, login_token, app + "/login")
            with page.expect_response(
                lambda r: r.url == app + "/login" and r.request.method == "POST"
            ) as post:
                page.goto(attacker.origin + "/")
            assert post.value.status == 403
            page.wait_for_load_state()
            assert "mallory" not in shown_user(page)
            page.goto(app + "/")
            assert urlsplit(page.url).path == "/login"

            # the victim logs in: a host-only __Host- session no sibling can overwrite
            page.fill("input[name=username]", "vic")
            page.fill("input[name=password]", PASSWORD)
            with page.expect_navigation():
                page.click("form.login button[type=submit]")
            assert urlsplit(page.url).path == "/" and shown_user(page) == "vic (viewer)"
            own = {c["name"]: c for c in context.cookies(app + "/")}["__Host-ew_session"]
            assert own["secure"] and own["domain"] == APP_HOST and own["value"] != session
            attacker.html = tossing_page(session, login_token, None)
            page.goto(attacker.origin + "/")
            page.goto(app + "/")
            assert urlsplit(page.url).path == "/" and shown_user(page) == "vic (viewer)"
    finally:
        context.close()
        attacker.close()
