"""RFC 3161 tokens from a real (local, openssl) authority verify offline, and any tampering is caught."""

from __future__ import annotations

import datetime
import hashlib
import socket
from collections.abc import Iterator

import pytest

from evidence.timestamp import (
    TimestampError,
    TSAResponseError,
    TSAUnavailable,
    fetch_token,
    make_request,
    verify_token,
)
from tests.tsa import POLICY_OID, LocalTSA

DATA = b'{"artifacts": {"page.warc.gz": "ab12"}}'


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory) -> LocalTSA:
    return LocalTSA(tmp_path_factory.mktemp("tsa"))


@pytest.fixture(scope="module")
def other_tsa(tmp_path_factory: pytest.TempPathFactory) -> LocalTSA:
    return LocalTSA(tmp_path_factory.mktemp("other-tsa"), name="another TSA")


@pytest.fixture(scope="module")
def token(tsa: LocalTSA) -> bytes:
    return tsa.issue_token(make_request(DATA))


@pytest.fixture(scope="module")
def tsa_url(tsa: LocalTSA) -> Iterator[str]:
    with tsa.serve() as url:
        yield url


def test_token_verifies_against_data_tsa_certificate_and_root(tsa: LocalTSA, token: bytes) -> None:
    info = verify_token(token, DATA, tsa.tsa_pem, root_pem=tsa.root_pem)
    assert info.gen_time.tzinfo is not None and info.gen_time.utcoffset() == datetime.timedelta(0)
    assert abs(datetime.datetime.now(datetime.UTC) - info.gen_time) < datetime.timedelta(minutes=2)
    assert info.policy == POLICY_OID
    assert info.serial_number > 0


def test_token_carries_sha256_of_the_data(token: bytes) -> None:
    assert hashlib.sha256(DATA).digest() in token


def test_different_data_is_rejected(tsa: LocalTSA, token: bytes) -> None:
    changed = bytearray(DATA)
    changed[5] ^= 0x01
    with pytest.raises(TimestampError, match="imprint does not match"):
        verify_token(token, bytes(changed), tsa.tsa_pem, root_pem=tsa.root_pem)


def test_token_for_other_data_is_rejected(tsa: LocalTSA) -> None:
    replaced = tsa.issue_token(make_request(b"some other manifest"))
    with pytest.raises(TimestampError, match="imprint does not match"):
        verify_token(replaced, DATA, tsa.tsa_pem, root_pem=tsa.root_pem)


def test_another_tsas_certificate_is_rejected(tsa: LocalTSA, other_tsa: LocalTSA, token: bytes) -> None:
    with pytest.raises(TimestampError, match="signature check failed"):
        verify_token(token, DATA, other_tsa.tsa_pem, root_pem=other_tsa.root_pem)
    with pytest.raises(TimestampError, match="not issued by the root"):
        verify_token(token, DATA, tsa.tsa_pem, root_pem=other_tsa.root_pem)


def test_a_ca_issued_tsa_certificate_needs_its_root(tsa: LocalTSA, token: bytes) -> None:
    with pytest.raises(TimestampError, match="not self-signed"):
        verify_token(token, DATA, tsa.tsa_pem)


def test_flipped_bytes_in_signed_content_and_signature_are_detected(tsa: LocalTSA, token: bytes) -> None:
    imprint_at = token.index(hashlib.sha256(DATA).digest())
    for offset in (imprint_at, imprint_at + 31, len(token) - 1, len(token) // 2):
        damaged = bytearray(token)
        damaged[offset] ^= 0x01
        with pytest.raises(TimestampError):
            verify_token(bytes(damaged), DATA, tsa.tsa_pem, root_pem=tsa.root_pem)


def test_no_flip_anywhere_changes_what_the_token_asserts(tsa: LocalTSA, token: bytes) -> None:
    """Every single-bit flip either fails with TimestampError (never another exception) or lands in
    one of the few CMS fields no signature covers (SignedData version, SignerInfo signature
    algorithm OID) and leaves the asserted time, serial and policy unchanged."""
    genuine = verify_token(token, DATA, tsa.tsa_pem, root_pem=tsa.root_pem)
    undetected = 0
    for offset in range(len(token)):
        damaged = bytearray(token)
        damaged[offset] ^= 0x01
        try:
            info = verify_token(bytes(damaged), DATA, tsa.tsa_pem, root_pem=tsa.root_pem)
        except TimestampError as exc:
            assert "\n" not in str(exc)
            continue
        undetected += 1
        assert info == genuine
    assert undetected < 16


def test_garbage_is_a_timestamp_error(tsa: LocalTSA) -> None:
    with pytest.raises(TimestampError):
        verify_token(b"\x30\x03\x02\x01\x00", DATA, tsa.tsa_pem, root_pem=tsa.root_pem)
    with pytest.raises(TimestampError, match="not a PEM certificate"):
        verify_token(b"", DATA, b"nope")


def test_request_is_sha256_with_nonce(tsa: LocalTSA) -> None:
    first, second = make_request(DATA), make_request(DATA)
    assert hashlib.sha256(DATA).digest() in first
    assert first != second  # fresh nonce each time


def test_fetch_token_over_loopback_http(tsa: LocalTSA, tsa_url: str) -> None:
    fetched = fetch_token(tsa_url, make_request(DATA), timeout=10)
    info = verify_token(fetched, DATA, tsa.tsa_pem, root_pem=tsa.root_pem)
    assert info.policy == POLICY_OID


def test_fetch_token_rejection_and_garbage_are_response_errors(tsa_url: str) -> None:
    with pytest.raises(TSAResponseError, match="refused"):
        fetch_token(tsa_url + "reject", make_request(DATA), timeout=10)
    with pytest.raises(TSAResponseError, match="not a TimeStampResp"):
        fetch_token(tsa_url + "garbage", make_request(DATA), timeout=10)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_fetch_token_when_nothing_listens_is_unavailable() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/"
    with pytest.raises(TSAUnavailable, match="unreachable") as caught:
        fetch_token(url, make_request(DATA), timeout=5)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "\n" not in str(caught.value)
