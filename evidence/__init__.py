"""Forensic evidence: immutable content-addressed files, canonical manifests, signatures, custody.

Everything here is built so that a party who does not trust our servers can check it offline:
files are named by their SHA-256, manifests are canonical JSON signed with Ed25519, and every
event touching evidence goes into a hash-chained, append-only custody log.
"""
