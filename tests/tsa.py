"""A local RFC 3161 timestamp authority for tests: ``openssl ts -reply`` with a throwaway CA.

Tests must never reach a real TSA, yet the timestamp code has to be exercised against tokens a
real implementation produced (not ones we forged with our own encoder, which would share our
bugs). OpenSSL's ``ts`` command is such an implementation. Each ``LocalTSA`` lives in its own
directory: a self-signed root, a TSA certificate issued by it with the *critical* extended key
usage ``timeStamping`` (RFC 3161 §2.3 requires it and verifiers refuse a TSA certificate without
it), an ``openssl.cnf`` ``[tsa]`` section and a serial file.

``issue_token`` returns the bare TimeStampToken (CMS ContentInfo, ``-token_out``), which is what
``evidence.timestamp.verify_token`` expects and what ``openssl ts -verify -token_in`` checks.
``serve`` wraps the authority in a loopback HTTP server that answers with a full TimeStampResp,
as a real TSA does, so ``fetch_token`` can be tested over HTTP without leaving 127.0.0.1.
"""

from __future__ import annotations

import datetime
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

OPENSSL = "/usr/bin/openssl"
POLICY_OID = "1.3.6.1.4.1.55555.1.1"


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


class LocalTSA:
    """A timestamp authority in ``directory``; ``name`` keeps two authorities distinguishable."""

    def __init__(self, directory: Path, name: str = "ecowarden test TSA") -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        now = datetime.datetime.now(datetime.UTC)
        not_before = now - datetime.timedelta(days=1)
        not_after = now + datetime.timedelta(days=30)

        root_key = ec.generate_private_key(ec.SECP256R1())
        root_name = _name(f"{name} root")
        root = (
            x509.CertificateBuilder()
            .subject_name(root_name)
            .issuer_name(root_name)
            .public_key(root_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256())
        )

        tsa_key = ec.generate_private_key(ec.SECP256R1())
        tsa = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(root_name)
            .public_key(tsa_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True
            )
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
            )
            .sign(root_key, hashes.SHA256())
        )

        self.root_pem = root.public_bytes(serialization.Encoding.PEM)
        self.tsa_pem = tsa.public_bytes(serialization.Encoding.PEM)
        self.root_path = directory / "root.pem"
        self.cert_path = directory / "tsa.pem"
        self.key_path = directory / "tsa.key"
        self.root_path.write_bytes(self.root_pem)
        self.cert_path.write_bytes(self.tsa_pem)
        _write_key(self.key_path, tsa_key)
        (directory / "serial").write_text("01\n")
        self.config_path = directory / "openssl.cnf"
        self.config_path.write_text(
            "[ tsa ]\n"
            "default_tsa = tsa_config\n"
            "[ tsa_config ]\n"
            f"dir = {directory}\n"
            "serial = $dir/serial\n"
            "crypto_device = builtin\n"
            "signer_cert = $dir/tsa.pem\n"
            "signer_key = $dir/tsa.key\n"
            "signer_digest = sha256\n"
            f"default_policy = {POLICY_OID}\n"
            "digests = sha256, sha384, sha512\n"
            "accuracy = secs:1\n"
            "ordering = no\n"
            "tsa_name = yes\n"
            "ess_cert_id_chain = no\n"
            "ess_cert_id_alg = sha256\n"
        )
        self._lock = threading.Lock()

    def _reply(self, request_der: bytes, *, token_only: bool) -> bytes:
        # No ``-chain``/``certs``: openssl writes the SignedData certificate SET in chain order, not
        # sorted as DER requires, and rfc3161-client's strict parser then rejects the whole token
        # (InvalidSetOrdering). With certReq the token still embeds the TSA certificate; the root
        # travels separately, as it would in a bundle.
        # The serial file is read-modify-written by openssl: one reply at a time.
        with self._lock:
            query = self.directory / "query.tsq"
            out = self.directory / "reply.out"
            query.write_bytes(request_der)
            command = [OPENSSL, "ts", "-reply", "-config", str(self.config_path), "-section", "tsa_config"]
            command += ["-queryfile", str(query), "-signer", str(self.cert_path)]
            command += ["-inkey", str(self.key_path), "-out", str(out)]
            if token_only:
                command.append("-token_out")
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise RuntimeError(f"openssl ts -reply failed: {result.stderr.strip()}")
            return out.read_bytes()

    def issue_token(self, request_der: bytes) -> bytes:
        """The bare TimeStampToken (CMS ContentInfo) answering ``request_der``."""
        return self._reply(request_der, token_only=True)

    def issue_response(self, request_der: bytes) -> bytes:
        """The full TimeStampResp (status + token), as a TSA sends it over HTTP."""
        return self._reply(request_der, token_only=False)

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve the authority on 127.0.0.1 (a free port); yields the URL to POST queries to.

        ``/reject`` answers with a ``rejection`` TimeStampResp and ``/garbage`` with bytes that
        are not DER, so clients can be tested on both failure shapes.
        """
        tsa = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.path == "/reject":
                    # TimeStampResp { status PKIStatusInfo { status rejection(2) } }
                    payload = bytes.fromhex("3005300302 0102".replace(" ", ""))
                elif self.path == "/garbage":
                    payload = b"not a timestamp response"
                else:
                    payload = tsa.issue_response(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            server.server_close()
            thread.join()
