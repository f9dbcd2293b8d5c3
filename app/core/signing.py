"""ES256 signing and verification of access tokens and receipts: the only module using python-jose.

Keeping every JOSE call here lets the library be swapped later, and keeps its lax defaults in
one place: this module picks the key by `kid` itself, accepts exactly one algorithm, requires
the claims it is told to, and checks time against `clock.now()` so tests can move time.

Signing does not go through python-jose: every receipt is signed on the request path, and
jose's wrapping (header re-encoded, an `ECDSA` object made per call, claims copied) cost about
as much as the signature. `KeySet.sign` builds the same compact JWS with the same key through
`cryptography` (jose's own backend): the header as jose writes it (sorted, compact) and
encoded once per header set, the payload as compact JSON, the raw 64-byte r‖s signature of
RFC 7518 §3.4. Anyone verifies it as before, jose and PyJWT included.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import math
import re
import threading
from calendar import timegm
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar, cast

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from jose import jwk, jws, jwt
from jose.backends.base import Key
from jose.utils import base64url_decode, base64url_encode

from app.core import clock, keys

ALGORITHM = "ES256"  # the only algorithm ever accepted

DEFAULT_REQUIRED_CLAIMS = ("exp", "iat", "iss", "aud", "sub", "jti")

# Far above any token or receipt we issue; bounds the work a hostile string can cause.
MAX_TOKEN_CHARS = 1024 * 1024

# Three non-empty base64url segments. python-jose decodes base64 leniently (it drops foreign
# characters, so "a.b.c.d" or a payload with spaces can still decode); checking the form first
# means one token has exactly one spelling.
_COMPACT_FORM = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")

# Header parameters that change how a JWS must be processed. We support none of them, and RFC
# 7515 says an unknown `crit` must fail rather than be ignored (python-jose ignores it).
_UNSUPPORTED_HEADERS = ("crit", "b64")

# python-jose checks only the signature here. Its time checks read datetime.now(), which tests
# cannot move, and raise TypeError for values like null; its audience check passes a token
# without `aud`. `_check_claims` does all of them, with one set of rules and messages.
_JOSE_OPTIONS = {
    "verify_exp": False,
    "verify_nbf": False,
    "verify_iat": False,
    "verify_aud": False,
    "verify_iss": False,
    "leeway": 0,
}


T = TypeVar("T")

# P-256: r and s are 32 bytes each in a JWS signature (RFC 7518 §3.4).
_COORDINATE_BYTES = 32


def b64url(data: bytes) -> bytes:
    """Unpadded base64url (RFC 7515 §2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def compact_json(value: Any) -> bytes:
    """JSON as python-jose writes a JWS payload: compact, ASCII-escaped."""
    return json.dumps(value, separators=(",", ":")).encode("ascii")


class InvalidToken(Exception):
    """Any reason a token is not accepted; message says why (for logs, not clients)."""


@dataclass(frozen=True)
class SigningKey:
    """One EC P-256 key of a key set; `public_jwk` is what the JWKS endpoint publishes."""

    kid: str
    private_pem: bytes
    public_jwk: dict[str, str]


class KeySet:
    """One key set (token-signing or receipt-signing): the newest key signs, every key verifies."""

    def __init__(self, name: str, signing_keys: Sequence[SigningKey]) -> None:
        if not signing_keys:
            raise keys.MissingKeys(f"key set {name} has no keys")
        self.name = name
        # Oldest first, like the files; the last one signs.
        self._keys = tuple(sorted(signing_keys, key=lambda key: key.kid))
        newest = self._keys[-1]
        # Parsed once: loading a PEM costs more than the signature itself.
        self._private_key = _private_key(newest.private_pem, newest.kid)
        self._ecdsa = ec.ECDSA(hashes.SHA256())
        # Encoded header segments by extra header parameters; callers use one or two sets.
        self._headers: dict[tuple[tuple[str, Any], ...], bytes] = {}
        self._headers_lock = threading.Lock()
        self._verifiers: dict[str, Key] = {
            key.kid: jwk.construct(key.public_jwk, ALGORITHM) for key in self._keys
        }

    @classmethod
    def load(cls, keys_dir: Path, key_set: str) -> KeySet:
        """Read every `<kid>.pem` of the set; raises keys.MissingKeys when there is none."""
        files = keys.signing_key_files(keys_dir, key_set)
        if not files:
            raise keys.MissingKeys(
                f"no signing keys in {keys_dir / key_set}. "
                f"Create them with `anxin keys init --dir {keys_dir}`."
            )
        return cls(key_set, [_signing_key(path.stem, path.read_bytes()) for path in files])

    @property
    def signing_key(self) -> SigningKey:
        return self._keys[-1]

    @property
    def kids(self) -> tuple[str, ...]:
        return tuple(key.kid for key in self._keys)

    def public_jwks(self) -> list[dict[str, str]]:
        """Public keys of the set, newest first, for `/.well-known/jwks.json`."""
        return [dict(key.public_jwk) for key in reversed(self._keys)]

    def sign(self, claims: Mapping[str, Any], *, headers: Mapping[str, Any] | None = None) -> str:
        """Compact JWS of `claims` with the newest key; header has alg, kid and typ (default JWT).

        `headers` may set `typ` or other parameters, never `alg` or `kid`: a header that names
        another algorithm or key than the one that signed would make a token nobody can verify.
        Datetimes in `exp`, `iat` and `nbf` become NumericDates, as python-jose's encode did.
        """
        payload = dict(claims)
        for name in ("exp", "iat", "nbf"):
            value = payload.get(name)
            if isinstance(value, datetime):
                payload[name] = timegm(value.utctimetuple())
        return self.sign_json(compact_json(payload), headers=headers)

    def sign_json(self, payload: bytes, *, headers: Mapping[str, Any] | None = None) -> str:
        """Compact JWS of a payload that is already a serialized JSON object (UTF-8): for
        callers that build it from pieces they serialized once. Same header rules as `sign`."""
        signing_input = b"%s.%s" % (self._header_segment(headers), b64url(payload))
        der = self._private_key.sign(signing_input, self._ecdsa)
        r, s = decode_dss_signature(der)
        signature = r.to_bytes(_COORDINATE_BYTES, "big") + s.to_bytes(_COORDINATE_BYTES, "big")
        return (signing_input + b"." + b64url(signature)).decode("ascii")

    def _header_segment(self, headers: Mapping[str, Any] | None) -> bytes:
        extra = dict(headers or {})
        key = tuple(sorted(extra.items()))
        try:
            segment = self._headers.get(key)
            cacheable = True
        except TypeError:  # a value that cannot be a key (a list): encode it every time
            segment, cacheable = None, False
        if segment is None:
            for fixed in ("alg", "kid"):
                if fixed in extra:
                    raise ValueError(f"the {fixed!r} header is set by the key set, not the caller")
            # As python-jose writes it: typ defaults to JWT, keys sorted, compact.
            header = {"typ": "JWT", **extra, "alg": ALGORITHM, "kid": self.signing_key.kid}
            segment = b64url(json.dumps(header, separators=(",", ":"), sort_keys=True).encode())
            if cacheable:
                with self._headers_lock:
                    if len(self._headers) < 64:  # header sets come from code, not requests
                        self._headers[key] = segment
        return segment

    def verify(
        self,
        token: str,
        *,
        audience: str,
        issuer: str,
        required: Sequence[str] = DEFAULT_REQUIRED_CLAIMS,
        leeway_seconds: int = 30,
    ) -> dict[str, Any]:
        """Claims of `token` if it is an ES256 token of this set in force now, else InvalidToken."""
        header = _header(token)
        if header.get("alg") != ALGORITHM:
            raise InvalidToken(f"algorithm {_show(header.get('alg'))} is not accepted")
        for name in _UNSUPPORTED_HEADERS:
            if name in header:
                raise InvalidToken(f"header parameter {name!r} is not supported")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise InvalidToken("the header names no key (kid)")
        verifier = self._verifiers.get(kid)
        if verifier is None:
            raise InvalidToken(f"unknown key {_show(kid)} in key set {self.name}")
        try:
            # One key, one algorithm: given a key set python-jose would try every key.
            decoded = jwt.decode(
                token,
                verifier,
                algorithms=[ALGORITHM],
                options=_JOSE_OPTIONS,
            )
        except Exception as exc:
            # Not only JOSEError: python-jose has let TypeError and OverflowError escape for odd
            # claims; whatever it raises, a bad token must end as InvalidToken.
            raise InvalidToken(f"rejected by signature or claim check: {exc}") from exc
        if not isinstance(decoded, dict):
            raise InvalidToken("the payload is not a JSON object")
        _check_claims(decoded, audience, issuer, required, leeway_seconds)
        return decoded


def load_key_sets(keys_dir: Path) -> dict[str, KeySet]:
    """Both key sets by name (`token-signing`, `receipt-signing`); MissingKeys if one is empty."""
    return {name: KeySet.load(keys_dir, name) for name in keys.SIGNING_KEY_SETS}


class _CacheEntry:
    __slots__ = ("claims", "derived", "expires_at")

    def __init__(self, expires_at: float, claims: dict[str, Any]) -> None:
        self.expires_at = expires_at
        self.claims = claims
        # What `verify_as` built from the claims, by the function that built it.
        self.derived: dict[Callable[[dict[str, Any]], Any], Any] = {}


class VerifiedTokenCache:
    """LRU of token → claims for tokens that verified; entries expire at the token's exp.

    Verifying ES256 costs ~90 µs and a client sends the same token with every request. Only
    tokens that verified are stored, and only until their `exp` (the leeway past it is left to
    `KeySet.verify`), so the cache never accepts a token that verification would refuse at that
    instant. Access tokens cannot be revoked (revocation ends refresh tokens; an access token
    lives out its few minutes), so expiry is the only way out. Thread-safe: requests run on
    the event loop and in threadpools.
    """

    def __init__(
        self, key_set: KeySet, *, audience: str, issuer: str, max_entries: int = 10_000
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.key_set = key_set
        self.audience = audience
        self.issuer = issuer
        self.max_entries = max_entries
        self._entries: OrderedDict[str, _CacheEntry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def verify(self, token: str) -> dict[str, Any]:
        """Cached claims if present and not expired (by clock.now()), else verify and cache."""
        now = clock.now().timestamp()
        with self._lock:
            entry = self._entries.get(token)
            if entry is not None:
                if now < entry.expires_at:
                    self._entries.move_to_end(token)
                    return copy.deepcopy(entry.claims)
                del self._entries[token]
        # Verified outside the lock so that one slow verification does not hold up every hit.
        claims = self.key_set.verify(token, audience=self.audience, issuer=self.issuer)
        expires_at = _number(claims["exp"])
        if now < expires_at:
            with self._lock:
                # Our own copy: callers may change what they get without changing the cache.
                self._entries[token] = _CacheEntry(expires_at, copy.deepcopy(claims))
                self._entries.move_to_end(token)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
        return claims

    def verify_as(self, token: str, convert: Callable[[dict[str, Any]], T]) -> T:
        """`convert(claims)` of a token that verifies, kept with the token's entry: a hit
        returns what the first call built, without copying claims or building it again. So
        `convert` must return something immutable (the principal), and may raise to refuse
        the claims (nothing is kept then). Expiry and eviction are those of `verify`."""
        now = clock.now().timestamp()
        with self._lock:
            entry = self._entries.get(token)
            if entry is not None and now < entry.expires_at and convert in entry.derived:
                self._entries.move_to_end(token)
                return cast(T, entry.derived[convert])
        result = convert(self.verify(token))
        with self._lock:
            entry = self._entries.get(token)
            if entry is not None:
                entry.derived[convert] = result
        return result


def _signing_key(kid: str, private_pem: bytes) -> SigningKey:
    _check_private_key(private_pem, kid)
    public = jwk.construct(private_pem, ALGORITHM).public_key().to_dict()
    public_jwk = {str(name): str(value) for name, value in public.items() if name != "d"}
    public_jwk.update(kid=kid, alg=ALGORITHM, use="sig")
    return SigningKey(kid=kid, private_pem=private_pem, public_jwk=public_jwk)


def _check_private_key(private_pem: bytes, kid: str) -> None:
    _private_key(private_pem, kid)


def _private_key(private_pem: bytes, kid: str) -> ec.EllipticCurvePrivateKey:
    # python-jose takes any PEM (RSA, P-384…) for "ES256" and fails only later, or signs with
    # the wrong curve: refuse such a file when the key set loads.
    try:
        private_key = serialization.load_pem_private_key(private_pem, password=None)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"signing key {kid} is not a readable unencrypted PEM key") from exc
    if not isinstance(private_key, ec.EllipticCurvePrivateKey) or not isinstance(
        private_key.curve, ec.SECP256R1
    ):
        raise ValueError(f"signing key {kid} is not an EC P-256 key, which ES256 needs")
    return private_key


def _header(token: object) -> dict[str, Any]:
    if not isinstance(token, str):
        raise InvalidToken("the token is not a string")
    if len(token) > MAX_TOKEN_CHARS:
        raise InvalidToken(f"the token is longer than {MAX_TOKEN_CHARS} characters")
    if not _COMPACT_FORM.fullmatch(token):
        raise InvalidToken("the token is not three base64url segments")
    for segment in token.split("."):
        _require_canonical(segment)
    try:
        header = jws.get_unverified_header(token)
    except Exception as exc:
        raise InvalidToken(f"unreadable header: {exc}") from exc
    if not isinstance(header, dict):
        raise InvalidToken("the header is not a JSON object")
    return header


def _require_canonical(segment: str) -> None:
    # Base64 has spare bits in the last character: without this, several strings decode to the
    # same token, and a flipped final character of a signature can go unnoticed.
    try:
        decoded = base64url_decode(segment.encode("ascii"))
    except (binascii.Error, ValueError) as exc:
        raise InvalidToken("a segment is not valid base64url") from exc
    if base64url_encode(decoded).decode("ascii") != segment:
        raise InvalidToken("a segment is not canonical base64url")


def _check_claims(
    claims: Mapping[str, Any],
    audience: str,
    issuer: str,
    required: Sequence[str],
    leeway_seconds: int,
) -> None:
    for name in required:
        if name not in claims:
            raise InvalidToken(f"required claim {name!r} is missing")
    # Checked even when not in `required`: the caller named the issuer and audience it trusts,
    # and a token without them proves neither (python-jose would let a missing `aud` pass).
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud
    if (
        not isinstance(audiences, list)
        or not all(isinstance(item, str) for item in audiences)
        or audience not in audiences
    ):
        raise InvalidToken(f"audience {_show(aud)} is not {audience!r}")
    if claims.get("iss") != issuer:
        raise InvalidToken(f"issuer {_show(claims.get('iss'))} is not {issuer!r}")
    for name in ("sub", "jti"):
        if name in claims and not isinstance(claims[name], str):
            raise InvalidToken(f"claim {name!r} is not a string")
    now = clock.now().timestamp()
    if "exp" in claims and now >= _number(claims["exp"]) + leeway_seconds:
        raise InvalidToken("the token has expired (exp)")
    if "nbf" in claims and now + leeway_seconds < _number(claims["nbf"]):
        raise InvalidToken("the token is not valid yet (nbf)")
    if "iat" in claims and now + leeway_seconds < _number(claims["iat"]):
        raise InvalidToken("the token was issued in the future (iat)")


def _number(value: object) -> float:
    """A NumericDate claim as a number; anything else (bool, string, NaN, ∞) is invalid."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidToken(f"time claim {_show(value)} is not a number")
    try:
        number = float(value)
    except OverflowError as exc:
        raise InvalidToken("time claim is out of range") from exc
    if not math.isfinite(number):
        raise InvalidToken("time claim is not a finite number")
    return number


def _show(value: object) -> str:
    # Values come from the token, i.e. from whoever sent it: keep log lines short.
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."
