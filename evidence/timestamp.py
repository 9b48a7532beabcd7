"""RFC 3161 timestamps: ask a timestamp authority to vouch for when a manifest existed, check it offline.

Our own Ed25519 signature proves *who* signed a manifest but not *when*: the installation's clock
is ours, and a partner agency has no reason to trust it. A token from an independent timestamp
authority (TSA) binds SHA-256 of the data to the TSA's clock under the TSA's signature, so anyone
holding the token, the data and the TSA certificate can check the time of capture without
contacting us or the TSA.

What is stored is the bare TimeStampToken (the CMS ContentInfo inside the TSA's TimeStampResp),
the same object ``openssl ts -verify -token_in`` accepts: the response's status wrapper says
nothing once the token exists. ``fetch_token`` therefore unwraps, and ``verify_token`` rewraps
it in a "granted" response only because that is the shape rfc3161-client's verifier reads.

Network failure (``TSAUnavailable``: try again later, keep the capture) and a TSA that answered
badly (``TSAResponseError``: a configuration or TSA problem, retrying will not help) are
separate exceptions because callers treat them differently.
"""

from __future__ import annotations

import datetime
import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from rfc3161_client import (
    HashAlgorithm,
    PKIStatus,
    TimestampRequestBuilder,
    TimeStampResponse,
    VerificationError,
    VerifierBuilder,
    decode_timestamp_response,
)

SHA256_OID = x509.ObjectIdentifier("2.16.840.1.101.3.4.2.1")
QUERY_CONTENT_TYPE = "application/timestamp-query"
MAX_RESPONSE_BYTES = 1 << 20


class TimestampError(Exception):
    """A token is missing, malformed or does not prove what it claims; the message is one line."""


class TSAUnavailable(TimestampError):
    """The TSA could not be reached (or answered 5xx): keep the evidence and fetch the token later."""


class TSAResponseError(TimestampError):
    """The TSA answered, but not with a granted token for our request."""


@dataclass(frozen=True)
class TimestampInfo:
    """What a verified token asserts: the TSA's time (UTC-aware), its serial number and policy."""

    gen_time: datetime.datetime
    serial_number: int
    policy: str


def make_request(data: bytes) -> bytes:
    """DER TimeStampReq over SHA-256(data), with a random nonce and certReq so the token embeds the
    TSA certificate (the verifier matches it against the certificate we were given)."""
    request = (
        TimestampRequestBuilder()
        .data(data)
        .hash_algorithm(HashAlgorithm.SHA256)
        .nonce(nonce=True)
        .cert_request(cert_request=True)
        .build()
    )
    return request.as_bytes()


def _decode_response(response_der: bytes) -> TimeStampResponse:
    try:
        return decode_timestamp_response(response_der)
    except ValueError as exc:
        raise TimestampError(f"not a timestamp response: {_one_line(exc)}") from None


def _one_line(exc: BaseException | str) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__


def token_from_response(response_der: bytes) -> bytes:
    """The TimeStampToken inside a TimeStampResp; TSAResponseError unless the TSA granted it."""
    try:
        response = decode_timestamp_response(response_der)
    except ValueError as exc:
        raise TSAResponseError(f"TSA response is not a TimeStampResp: {_one_line(exc)}") from None
    if response.status not in (PKIStatus.GRANTED, PKIStatus.GRANTED_WITH_MODS):
        detail = "; ".join(response.status_string) or "no status text"
        raise TSAResponseError(f"TSA refused the request (status {response.status}: {detail})")
    try:
        return response.time_stamp_token()
    except ValueError as exc:
        raise TSAResponseError(f"granted TSA response carries no token: {_one_line(exc)}") from None


def fetch_token(tsa_url: str, request: bytes, *, timeout: float) -> bytes:
    """POST ``request`` (from ``make_request``) to the TSA and return the bare TimeStampToken.

    The token is not verified here: callers run ``verify_token`` against the data, which is the
    check that matters and the one a third party will repeat.
    """
    http_request = urllib.request.Request(
        tsa_url, data=request, method="POST", headers={"Content-Type": QUERY_CONTENT_TYPE}
    )
    try:
        with urllib.request.urlopen(http_request, timeout=timeout) as reply:
            body: bytes = reply.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code >= 500:
            raise TSAUnavailable(f"TSA {tsa_url} answered HTTP {exc.code}") from None
        raise TSAResponseError(f"TSA {tsa_url} answered HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise TSAUnavailable(f"TSA {tsa_url} unreachable: {_one_line(exc.reason)}") from None
    except (OSError, TimeoutError) as exc:
        raise TSAUnavailable(f"TSA {tsa_url} unreachable: {_one_line(exc)}") from None
    if len(body) > MAX_RESPONSE_BYTES:
        raise TSAResponseError(f"TSA {tsa_url} response exceeds {MAX_RESPONSE_BYTES} bytes")
    return token_from_response(body)


def _der_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    encoded = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(encoded)]) + encoded


def _granted_response(token_der: bytes) -> bytes:
    """TimeStampResp { status { granted(0) }, timeStampToken } around a bare token."""
    body = bytes.fromhex("3003020100") + token_der
    return b"\x30" + _der_length(len(body)) + body


def _load_certificate(pem: bytes, what: str) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(pem)
    except ValueError as exc:
        raise TimestampError(f"{what} is not a PEM certificate: {_one_line(exc)}") from None


def _check_issued_by(tsa: x509.Certificate, root: x509.Certificate) -> None:
    """The TSA certificate must be signed by the given root, and the root must sign itself."""
    try:
        root.verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise TimestampError(f"root certificate is not self-signed: {_why(exc)}") from None
    try:
        tsa.verify_directly_issued_by(root)
    except (InvalidSignature, ValueError, TypeError) as exc:
        raise TimestampError(f"TSA certificate is not issued by the root: {_why(exc)}") from None


def _why(exc: BaseException) -> str:
    return _one_line(exc) if str(exc) else type(exc).__name__


def _self_signed(certificate: x509.Certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(certificate)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def verify_token(
    token_der: bytes, data: bytes, tsa_certificate_pem: bytes, *, root_pem: bytes | None = None
) -> TimestampInfo:
    """Check offline that ``token_der`` timestamps SHA-256(``data``) under the given TSA's signature.

    Checks: the token parses; its message imprint is SHA-256 and equals SHA-256(data); it is
    signed by ``tsa_certificate_pem`` (which must carry the critical timeStamping EKU and match the
    certificate embedded in the token), valid at genTime; and, when ``root_pem`` is given, that
    certificate is issued by that root. Without a root the TSA certificate must be self-signed and
    is itself the trust anchor (the caller vouches for it, e.g. by pinned fingerprint); a TSA
    certificate issued by a CA needs ``root_pem``, since a chain cannot be checked without its end.
    Raises TimestampError with a one-line reason on any failure.
    """
    tsa = _load_certificate(tsa_certificate_pem, "TSA certificate")
    root = _load_certificate(root_pem, "root certificate") if root_pem is not None else None
    response = _decode_response(_granted_response(token_der))
    try:
        info = response.tst_info
        imprint = info.message_imprint
    except ValueError as exc:
        raise TimestampError(f"token has no readable TSTInfo: {_one_line(exc)}") from None
    if imprint.hash_algorithm != SHA256_OID:
        raise TimestampError(f"token imprint uses {imprint.hash_algorithm.dotted_string}, not SHA-256")
    if imprint.message != hashlib.sha256(data).digest():
        raise TimestampError("token imprint does not match SHA-256 of the data")
    if root is not None:
        _check_issued_by(tsa, root)
    elif not _self_signed(tsa):
        # The verifier (OpenSSL PKCS7_verify underneath) needs a self-signed anchor; it will not
        # accept a bare leaf as one, and a leaf we cannot chain proves nothing about who signed.
        raise TimestampError("TSA certificate is not self-signed: pass the root certificate it chains to")
    verifier = VerifierBuilder(tsa_certificate=tsa, roots=[root if root is not None else tsa]).build()
    try:
        verifier.verify_message(response, data)
    except VerificationError as exc:
        raise TimestampError(f"token signature check failed: {_one_line(exc)}") from None
    except Exception as exc:  # a damaged token makes the parsers raise anything (e.g. InvalidVersion)
        raise TimestampError(f"token is malformed: {type(exc).__name__}: {_one_line(exc)}") from None
    gen_time = info.gen_time
    if gen_time.tzinfo is None:
        gen_time = gen_time.replace(tzinfo=datetime.UTC)
    return TimestampInfo(
        gen_time=gen_time.astimezone(datetime.UTC),
        serial_number=info.serial_number,
        policy=info.policy.dotted_string,
    )


def certificate_fingerprint(pem: bytes) -> str:
    """SHA-256 of the certificate's DER: how a manifest can pin the TSA certificate it relied on."""
    certificate = _load_certificate(pem, "certificate")
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
