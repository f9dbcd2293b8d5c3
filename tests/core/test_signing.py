"""ES256 tokens: signing, key rotation, the attacks verification must refuse, and the cache.

Attack tokens are crafted by hand (base64url, hmac) rather than with python-jose, so that a
refusal proves our checks and not the library's goodwill. Time is a FixedClock far from the
real one, so a time check that read the system clock would fail these tests.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from hypothesis import given, settings
from hypothesis import strategies as st
from jose import jwk
from jose import jwt as jose_jwt

from app.core import clock, keys
from app.core.signing import (
    DEFAULT_REQUIRED_CLAIMS,
    MAX_TOKEN_CHARS,
    InvalidToken,
    KeySet,
    VerifiedTokenCache,
    load_key_sets,
)

ISSUER = "https://anxin.test"
AUDIENCE = "anxin-api"
START = datetime(2031, 5, 1, 23, 30, tzinfo=UTC)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64_json(value: object) -> str:
    return b64(json.dumps(value, separators=(",", ":")).encode())


def unb64(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def now_ts() -> int:
    return int(clock.now().timestamp())


def claims(**changes: Any) -> dict[str, Any]:
    """A complete, valid claim set at the clock's now; `name=None` leaves a claim out."""
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "usr_01",
        "jti": "jti_01",
        "iat": now_ts(),
        "nbf": now_ts(),
        "exp": now_ts() + 900,
        "scope": ["enterprise:read"],
    }
    base.update(changes)
    return {name: value for name, value in base.items() if value is not None}


def verify(key_set: KeySet, token: str) -> dict[str, Any]:
    return key_set.verify(token, audience=AUDIENCE, issuer=ISSUER)


@pytest.fixture
def fixed() -> Iterator[clock.FixedClock]:
    with clock.use_clock(clock.FixedClock(START)) as fixed_clock:
        assert isinstance(fixed_clock, clock.FixedClock)
        yield fixed_clock


@pytest.fixture
def keys_path(tmp_path: Path, fixed: clock.FixedClock) -> Path:
    directory = tmp_path / "keys"
    keys.ensure_keys(directory)
    return directory


@pytest.fixture
def token_keys(keys_path: Path) -> KeySet:
    return KeySet.load(keys_path, "token-signing")


@pytest.fixture
def receipt_keys(keys_path: Path) -> KeySet:
    return KeySet.load(keys_path, "receipt-signing")


@pytest.fixture
def good(token_keys: KeySet) -> str:
    return token_keys.sign(claims())


# --- signing and keys -------------------------------------------------------------------------


def test_round_trip_returns_the_signed_claims(token_keys: KeySet) -> None:
    signed = claims(name="安信测试", nested={"a": [1, 2]})
    assert verify(token_keys, token_keys.sign(signed)) == signed


def test_header_names_algorithm_and_key(token_keys: KeySet) -> None:
    token = token_keys.sign(claims())
    header = json.loads(unb64(token.split(".")[0]))
    assert header == {"alg": "ES256", "kid": token_keys.signing_key.kid, "typ": "JWT"}

    typed = token_keys.sign(claims(), headers={"typ": "at+jwt"})
    assert json.loads(unb64(typed.split(".")[0]))["typ"] == "at+jwt"
    assert verify(token_keys, typed)["sub"] == "usr_01"


@pytest.mark.parametrize("header", [{"alg": "HS256"}, {"alg": "none"}, {"kid": "other"}])
def test_callers_cannot_set_algorithm_or_key(token_keys: KeySet, header: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="set by the key set"):
        token_keys.sign(claims(), headers=header)


def test_public_jwk_is_the_public_half_of_the_signing_key(token_keys: KeySet) -> None:
    key = token_keys.signing_key
    jwk = token_keys.public_jwks()[0]
    assert jwk == key.public_jwk
    assert set(jwk) == {"kty", "crv", "x", "y", "kid", "alg", "use"}
    assert (jwk["kty"], jwk["crv"], jwk["alg"], jwk["use"]) == ("EC", "P-256", "ES256", "sig")
    assert jwk["kid"] == key.kid
    private = serialization.load_pem_private_key(key.private_pem, password=None)
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    numbers = private.public_key().public_numbers()
    assert int.from_bytes(unb64(jwk["x"]), "big") == numbers.x
    assert int.from_bytes(unb64(jwk["y"]), "big") == numbers.y


def test_kid_is_the_file_stem(keys_path: Path, token_keys: KeySet) -> None:
    [path] = keys.signing_key_files(keys_path, "token-signing")
    assert token_keys.signing_key.kid == path.stem
    assert token_keys.kids == (path.stem,)


def test_empty_key_set_is_missing_keys(tmp_path: Path) -> None:
    with pytest.raises(keys.MissingKeys, match="token-signing"):
        KeySet.load(tmp_path, "token-signing")


def test_a_key_that_is_not_p256_refuses_to_load(tmp_path: Path) -> None:
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (tmp_path / "token-signing").mkdir()
    (tmp_path / "token-signing" / "20310101T000000Z-rsa.pem").write_bytes(pem)
    with pytest.raises(ValueError, match="P-256"):
        KeySet.load(tmp_path, "token-signing")


def test_load_key_sets_gives_both_sets_with_their_own_keys(keys_path: Path) -> None:
    sets = load_key_sets(keys_path)
    assert set(sets) == {"token-signing", "receipt-signing"}
    assert sets["token-signing"].signing_key.kid != sets["receipt-signing"].signing_key.kid


def test_rotation_keeps_old_tokens_valid_and_signs_with_the_new_key(
    keys_path: Path, token_keys: KeySet, fixed: clock.FixedClock
) -> None:
    old_kid = token_keys.signing_key.kid
    old_token = token_keys.sign(claims(jti="jti_old"))

    fixed.advance(timedelta(minutes=5))
    new_kid = keys.add_signing_key(keys_path, "token-signing")
    rotated = KeySet.load(keys_path, "token-signing")

    assert new_kid > old_kid
    assert rotated.signing_key.kid == new_kid
    assert verify(rotated, old_token)["jti"] == "jti_old"
    new_token = rotated.sign(claims(jti="jti_new"))
    assert json.loads(unb64(new_token.split(".")[0]))["kid"] == new_kid
    assert verify(rotated, new_token)["jti"] == "jti_new"
    assert [jwk["kid"] for jwk in rotated.public_jwks()] == [new_kid, old_kid]
    # The key set loaded before the rotation does not know the new key.
    with pytest.raises(InvalidToken, match="unknown key"):
        verify(token_keys, new_token)


def test_a_key_added_in_the_same_second_still_becomes_the_signing_key(
    keys_path: Path, token_keys: KeySet
) -> None:
    # The clock stands still, so both kids share their timestamp; the random suffix must not
    # decide which key signs.
    kids = [keys.add_signing_key(keys_path, "token-signing") for _ in range(5)]
    assert kids == sorted(kids)
    assert kids[0] > token_keys.signing_key.kid
    assert KeySet.load(keys_path, "token-signing").signing_key.kid == kids[-1]


def test_a_key_added_while_the_clock_is_behind_still_signs(
    keys_path: Path, token_keys: KeySet, fixed: clock.FixedClock
) -> None:
    fixed.advance(timedelta(days=-1))
    kid = keys.add_signing_key(keys_path, "token-signing")
    assert KeySet.load(keys_path, "token-signing").signing_key.kid == kid


# --- attacks and malformed tokens -------------------------------------------------------------


@pytest.mark.parametrize("signature", ["", "c2ln"])
@pytest.mark.parametrize("alg", ["none", "None", "NONE", "HS256", "es256", "ES384", "RS256", None])
def test_other_algorithms_are_refused(token_keys: KeySet, alg: str | None, signature: str) -> None:
    header = {"typ": "JWT", "kid": token_keys.signing_key.kid}
    if alg is not None:
        header["alg"] = alg
    token = f"{b64_json(header)}.{b64_json(claims())}.{signature}"
    with pytest.raises(InvalidToken):
        verify(token_keys, token)


def test_hs256_signed_with_the_public_key_as_secret_is_refused(token_keys: KeySet) -> None:
    private = serialization.load_pem_private_key(token_keys.signing_key.private_pem, password=None)
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = {"alg": "HS256", "typ": "JWT", "kid": token_keys.signing_key.kid}
    signing_input = f"{b64_json(header)}.{b64_json(claims())}"
    for secret in (public_pem, json.dumps(token_keys.signing_key.public_jwk).encode()):
        mac = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
        with pytest.raises(InvalidToken, match="algorithm 'HS256'"):
            verify(token_keys, f"{signing_input}.{b64(mac)}")


def test_expired_token_is_refused_after_the_leeway(
    token_keys: KeySet, fixed: clock.FixedClock
) -> None:
    token = token_keys.sign(claims(exp=now_ts() + 60))
    fixed.advance(timedelta(seconds=60 + 29))
    assert verify(token_keys, token)["sub"] == "usr_01"
    fixed.advance(timedelta(seconds=1))
    with pytest.raises(InvalidToken, match="expired"):
        verify(token_keys, token)


def test_leeway_is_the_callers_choice(token_keys: KeySet, fixed: clock.FixedClock) -> None:
    token = token_keys.sign(claims(exp=now_ts() + 60))
    fixed.advance(timedelta(seconds=60))
    with pytest.raises(InvalidToken, match="expired"):
        token_keys.verify(token, audience=AUDIENCE, issuer=ISSUER, leeway_seconds=0)


def test_token_not_yet_valid_is_refused(token_keys: KeySet, fixed: clock.FixedClock) -> None:
    token = token_keys.sign(claims(nbf=now_ts() + 120))
    with pytest.raises(InvalidToken, match="nbf"):
        verify(token_keys, token)
    fixed.advance(timedelta(seconds=120))
    assert verify(token_keys, token)["sub"] == "usr_01"


def test_token_issued_in_the_future_is_refused(token_keys: KeySet) -> None:
    with pytest.raises(InvalidToken, match="iat"):
        verify(token_keys, token_keys.sign(claims(iat=now_ts() + 120, nbf=None)))
    # Within the leeway a slightly fast issuer clock is tolerated.
    assert verify(token_keys, token_keys.sign(claims(iat=now_ts() + 20, nbf=None)))


def test_wrong_issuer_is_refused(token_keys: KeySet) -> None:
    with pytest.raises(InvalidToken, match="issuer"):
        verify(token_keys, token_keys.sign(claims(iss="https://evil.test")))


@pytest.mark.parametrize("aud", ["other-api", ["other-api"], [], 7, {"aud": AUDIENCE}])
def test_wrong_audience_is_refused(token_keys: KeySet, aud: object) -> None:
    with pytest.raises(InvalidToken):
        verify(token_keys, token_keys.sign(claims(aud=aud)))


def test_audience_list_containing_ours_is_accepted(token_keys: KeySet) -> None:
    token = token_keys.sign(claims(aud=["other-api", AUDIENCE]))
    assert verify(token_keys, token)["aud"] == ["other-api", AUDIENCE]


@pytest.mark.parametrize("missing", DEFAULT_REQUIRED_CLAIMS)
def test_each_required_claim_must_be_present(token_keys: KeySet, missing: str) -> None:
    with pytest.raises(InvalidToken, match=f"'{missing}' is missing"):
        verify(token_keys, token_keys.sign(claims(**{missing: None})))


def test_required_claims_are_the_callers_choice(token_keys: KeySet) -> None:
    token = token_keys.sign(claims(sub=None, jti=None))
    verified = token_keys.verify(
        token, audience=AUDIENCE, issuer=ISSUER, required=("exp", "iat", "iss", "aud")
    )
    assert "sub" not in verified


@pytest.mark.parametrize("missing", ["iss", "aud"])
def test_issuer_and_audience_are_checked_even_when_not_required(
    token_keys: KeySet, missing: str
) -> None:
    token = token_keys.sign(claims(**{missing: None}))
    with pytest.raises(InvalidToken, match="issuer" if missing == "iss" else "audience"):
        token_keys.verify(token, audience=AUDIENCE, issuer=ISSUER, required=("exp",))


@pytest.mark.parametrize(
    "changes",
    [
        {"exp": "tomorrow"},
        {"exp": True},
        {"exp": float("nan")},
        {"exp": float("inf")},
        {"exp": 10**400},
        {"iat": None, "nbf": None, "exp": [1]},
        {"iat": {"t": 1}},
        {"nbf": "0"},
        {"sub": 42},
        {"jti": ["a"]},
        {"aud": [AUDIENCE, 7]},
    ],
)
def test_malformed_claims_are_invalid_tokens_not_crashes(
    token_keys: KeySet, changes: dict[str, Any]
) -> None:
    # Signed with the real key: only the claim checks stand between these and acceptance.
    # python-jose itself raises TypeError or OverflowError for some of them.
    with pytest.raises(InvalidToken):
        verify(token_keys, token_keys.sign(claims(**changes)))


def test_unknown_kid_is_refused(tmp_path: Path, token_keys: KeySet) -> None:
    elsewhere = tmp_path / "elsewhere"
    keys.ensure_keys(elsewhere)
    foreign = KeySet.load(elsewhere, "token-signing")
    with pytest.raises(InvalidToken, match="unknown key"):
        verify(token_keys, foreign.sign(claims()))


def test_missing_kid_is_refused(token_keys: KeySet, good: str) -> None:
    _, payload, signature = good.split(".")
    header = b64_json({"alg": "ES256", "typ": "JWT"})
    with pytest.raises(InvalidToken, match="kid"):
        verify(token_keys, f"{header}.{payload}.{signature}")


def test_receipt_key_cannot_sign_tokens(token_keys: KeySet, receipt_keys: KeySet) -> None:
    receipt = receipt_keys.sign(claims())
    assert verify(receipt_keys, receipt)["sub"] == "usr_01"
    with pytest.raises(InvalidToken, match="unknown key"):
        verify(token_keys, receipt)


def test_kid_relabelled_to_a_token_key_does_not_help(
    token_keys: KeySet, receipt_keys: KeySet
) -> None:
    # Only the named key is tried: the receipt key's signature under the token key's kid fails.
    _, payload, signature = receipt_keys.sign(claims()).split(".")
    header = b64_json({"alg": "ES256", "typ": "JWT", "kid": token_keys.signing_key.kid})
    with pytest.raises(InvalidToken, match="signature"):
        verify(token_keys, f"{header}.{payload}.{signature}")


def test_altered_payload_is_refused(token_keys: KeySet, good: str) -> None:
    header, payload, signature = good.split(".")
    altered = json.loads(unb64(payload)) | {"sub": "usr_admin"}
    with pytest.raises(InvalidToken, match="signature"):
        verify(token_keys, f"{header}.{b64_json(altered)}.{signature}")


def test_altered_header_is_refused(token_keys: KeySet, good: str) -> None:
    header, payload, signature = good.split(".")
    altered = json.loads(unb64(header)) | {"typ": "at+jwt"}
    with pytest.raises(InvalidToken, match="signature"):
        verify(token_keys, f"{b64_json(altered)}.{payload}.{signature}")


@pytest.mark.parametrize("cut", [1, 2, 4, 43, 85])
def test_truncated_signature_is_refused(token_keys: KeySet, good: str, cut: int) -> None:
    with pytest.raises(InvalidToken):
        verify(token_keys, good[:-cut])


def test_signature_with_another_spelling_is_refused(token_keys: KeySet, good: str) -> None:
    # The last character of a 64-byte signature carries two unused bits; python-jose decodes
    # both spellings to the same bytes, we accept only the canonical one.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = good[-1]
    other = alphabet[alphabet.index(last) ^ 1]
    assert unb64(good.split(".")[2][:-1] + other) == unb64(good.split(".")[2])
    with pytest.raises(InvalidToken, match="canonical"):
        verify(token_keys, good[:-1] + other)


def test_signature_of_another_token_is_refused(token_keys: KeySet) -> None:
    first = token_keys.sign(claims(sub="usr_01"))
    second = token_keys.sign(claims(sub="usr_02"))
    with pytest.raises(InvalidToken, match="signature"):
        verify(token_keys, first.rsplit(".", 1)[0] + "." + second.rsplit(".", 1)[1])


def test_crit_header_is_refused(token_keys: KeySet) -> None:
    token = token_keys.sign(claims(), headers={"crit": ["exp"]})
    with pytest.raises(InvalidToken, match="crit"):
        verify(token_keys, token)


GARBAGE: list[Callable[[str], object]] = [
    lambda good: "",
    lambda good: "garbage",
    lambda good: "a.b",
    lambda good: "a.b.c",
    lambda good: "...",
    lambda good: "a.b.c.d",
    lambda good: "eyJ.eyJ.eyJ",
    lambda good: "🙂.🙂.🙂",
    lambda good: f" {good}",
    lambda good: f"{good}\n",
    lambda good: f"Bearer {good}",
    lambda good: good.replace(".", ".AAAA", 1),
    lambda good: good.replace(".", "..", 1),
    lambda good: f"{good[:10]}+{good[11:]}",
    lambda good: f"{good[:-1]}/",
    lambda good: good + "." + good.split(".")[2],
    lambda good: f"{b64(b'not json')}.{good.split('.', 1)[1]}",
    lambda good: f"{b64_json([1, 2])}.{good.split('.', 1)[1]}",
    lambda good: f"{b64_json('ES256')}.{good.split('.', 1)[1]}",
    lambda good: "A" * (MAX_TOKEN_CHARS + 1),
    lambda good: f"{good.split('.')[0]}.{'A' * MAX_TOKEN_CHARS}.{good.split('.')[2]}",
    lambda good: None,
    lambda good: good.encode(),
    lambda good: 42,
]


@pytest.mark.parametrize("make", GARBAGE)
def test_garbage_is_an_invalid_token(
    token_keys: KeySet, good: str, make: Callable[[str], object]
) -> None:
    with pytest.raises(InvalidToken):
        verify(token_keys, make(good))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "make",
    [
        lambda good: good + ".e30",
        lambda good: good.rsplit(".", 1)[0] + ".",
        lambda good: good.replace(".", ".!!!!", 1),
        lambda good: good.replace(".", ". ", 1),
        lambda good: good.replace(".", "=.", 1),
    ],
)
def test_only_three_base64url_segments_are_read(
    token_keys: KeySet, good: str, make: Callable[[str], str]
) -> None:
    # python-jose would skip foreign characters such as "!!!!" and read the rest.
    with pytest.raises(InvalidToken, match="three base64url segments"):
        verify(token_keys, make(good))


def test_a_payload_that_is_not_a_json_object_is_refused(token_keys: KeySet) -> None:
    # Signed for real, so only the payload's shape is wrong.
    for payload in (b"not json", b"[1,2]", b'"text"', b"\xff\xfe"):
        token = _sign_raw_payload(token_keys, payload)
        with pytest.raises(InvalidToken):
            verify(token_keys, token)


def _sign_raw_payload(key_set: KeySet, payload: bytes) -> str:
    private = serialization.load_pem_private_key(key_set.signing_key.private_pem, password=None)
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    header = b64_json({"alg": "ES256", "kid": key_set.signing_key.kid, "typ": "JWT"})
    signing_input = f"{header}.{b64(payload)}".encode("ascii")
    r, s = decode_dss_signature(private.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return f"{signing_input.decode()}.{b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def test_hand_signed_token_verifies(token_keys: KeySet) -> None:
    # Guards the helper above: its tokens fail only for the payload, not for the signature.
    token = _sign_raw_payload(token_keys, json.dumps(claims()).encode())
    assert verify(token_keys, token)["sub"] == "usr_01"


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300)
    | st.lists(st.text("ABCDEFabcdef0123456789-_", max_size=60), min_size=1, max_size=5).map(
        ".".join
    )
)
def test_any_string_is_refused_with_invalid_token_only(text: str) -> None:
    with pytest.raises(InvalidToken):
        verify(_shared_key_set(), text)


@functools.cache
def _shared_key_set() -> KeySet:
    # Hypothesis reruns the test body; function-scoped fixtures would run only once anyway.
    directory = Path(tempfile.mkdtemp()) / "keys"
    keys.ensure_keys(directory)
    return KeySet.load(directory, "token-signing")


# --- the verified-token cache -----------------------------------------------------------------


class CountingKeySet(KeySet):
    """A key set that counts real verifications, to tell cache hits from misses."""

    calls = 0

    def verify(self, token: str, **kwargs: Any) -> dict[str, Any]:
        self.calls += 1
        return super().verify(token, **kwargs)


@pytest.fixture
def counting(keys_path: Path) -> CountingKeySet:
    loaded = CountingKeySet.load(keys_path, "token-signing")
    assert isinstance(loaded, CountingKeySet)
    return loaded


def make_cache(key_set: KeySet, max_entries: int = 10_000) -> VerifiedTokenCache:
    return VerifiedTokenCache(key_set, audience=AUDIENCE, issuer=ISSUER, max_entries=max_entries)


def test_cache_returns_the_verified_claims_and_verifies_once(counting: CountingKeySet) -> None:
    cache = make_cache(counting)
    token = counting.sign(claims())
    first = cache.verify(token)
    second = cache.verify(token)
    assert first == second == verify(counting, token)
    assert counting.calls == 2  # one by the cache, one by the direct call above


def test_cache_hands_out_copies(counting: CountingKeySet) -> None:
    cache = make_cache(counting)
    token = counting.sign(claims())
    cache.verify(token)["scope"].append("admin")
    cache.verify(token)["sub"] = "usr_admin"
    assert cache.verify(token) == claims()


def test_cache_does_not_serve_an_entry_after_its_exp(
    counting: CountingKeySet, fixed: clock.FixedClock
) -> None:
    cache = make_cache(counting)
    token = counting.sign(claims(exp=now_ts() + 60))
    cache.verify(token)
    fixed.advance(timedelta(seconds=59))
    cache.verify(token)
    assert counting.calls == 1

    # Past exp the entry is gone: verification runs again (the leeway still admits it)...
    fixed.advance(timedelta(seconds=1))
    cache.verify(token)
    assert counting.calls == 2
    assert len(cache) == 0
    # ...and past the leeway the token is refused, cache or not.
    fixed.advance(timedelta(seconds=30))
    with pytest.raises(InvalidToken, match="expired"):
        cache.verify(token)


def test_cache_does_not_remember_failures(
    counting: CountingKeySet, fixed: clock.FixedClock
) -> None:
    cache = make_cache(counting)
    early = counting.sign(claims(nbf=now_ts() + 120))
    for _ in range(2):
        with pytest.raises(InvalidToken, match="nbf"):
            cache.verify(early)
    assert counting.calls == 2
    assert len(cache) == 0
    fixed.advance(timedelta(seconds=120))
    assert cache.verify(early)["sub"] == "usr_01"
    assert len(cache) == 1


def test_cache_refuses_what_the_key_set_refuses(counting: CountingKeySet, good: str) -> None:
    cache = make_cache(counting)
    header, _payload, signature = good.split(".")
    forged = f"{header}.{b64_json(claims(sub='usr_admin'))}.{signature}"
    cache.verify(good)
    with pytest.raises(InvalidToken):
        cache.verify(forged)


def test_cache_is_bounded_and_evicts_the_least_recently_used(counting: CountingKeySet) -> None:
    cache = make_cache(counting, max_entries=3)
    tokens = [counting.sign(claims(jti=f"jti_{n}")) for n in range(5)]
    for token in tokens[:3]:
        cache.verify(token)
    cache.verify(tokens[0])  # now the most recently used
    for token in tokens[3:]:
        cache.verify(token)
    assert len(cache) == 3
    calls = counting.calls

    cache.verify(tokens[0])
    cache.verify(tokens[4])
    assert counting.calls == calls  # kept
    cache.verify(tokens[1])
    assert counting.calls == calls + 1  # evicted, verified again


def test_cache_refuses_a_size_below_one(token_keys: KeySet) -> None:
    with pytest.raises(ValueError, match="max_entries"):
        make_cache(token_keys, max_entries=0)


def test_cache_is_safe_across_threads(token_keys: KeySet) -> None:
    cache = make_cache(token_keys, max_entries=8)
    tokens = {f"jti_{n}": token_keys.sign(claims(jti=f"jti_{n}")) for n in range(20)}

    def check(jti: str) -> bool:
        return cache.verify(tokens[jti])["jti"] == jti

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(check, [jti for _ in range(20) for jti in tokens]))
    assert all(results)
    assert len(results) == 400
    assert len(cache) <= 8


def test_signatures_are_the_jws_python_jose_would_make(token_keys: KeySet) -> None:
    # KeySet signs through `cryptography` directly; the header and payload are byte for byte
    # what python-jose's jwt.encode writes, and jose and PyJWT both verify the result.
    signed = claims(name="安信测试", nested={"a": [1, None]}, iat=START)
    ours = token_keys.sign(signed, headers={"typ": "at+jwt"})
    jose_key = jwk.construct(token_keys.signing_key.private_pem, "ES256")
    kid = token_keys.signing_key.kid
    theirs = jose_jwt.encode(
        dict(signed), jose_key, algorithm="ES256", headers={"typ": "at+jwt", "kid": kid}
    )
    assert ours.split(".")[:2] == theirs.split(".")[:2]
    assert len(unb64(ours.split(".")[2])) == 64  # raw r ‖ s, not DER
    public = token_keys.public_jwks()[0]
    # The claims are dated by the test clock (2031): the libraries check time by their own.
    untimed = {"verify_exp": False, "verify_nbf": False, "verify_iat": False}
    assert (
        jose_jwt.decode(ours, public, algorithms=["ES256"], audience=AUDIENCE, options=untimed)[
            "name"
        ]
        == "安信测试"
    )
    decoded = pyjwt.decode(
        ours, pyjwt.PyJWK(public), algorithms=["ES256"], audience=AUDIENCE, options=untimed
    )
    assert decoded["iat"] == int(START.timestamp())


def test_sign_json_signs_a_serialized_payload(token_keys: KeySet) -> None:
    payload = json.dumps(claims(), ensure_ascii=False).encode()
    assert verify(token_keys, token_keys.sign_json(payload)) == claims()
    with pytest.raises(ValueError, match="kid"):
        token_keys.sign_json(payload, headers={"kid": "other"})


def test_cache_builds_a_derived_value_once_per_token(
    counting: CountingKeySet, fixed: clock.FixedClock
) -> None:
    cache = make_cache(counting)
    built: list[str] = []

    def subject(found: dict[str, Any]) -> str:
        built.append(found["sub"])
        return str(found["sub"])

    token = counting.sign(claims(exp=now_ts() + 60))
    assert cache.verify_as(token, subject) == cache.verify_as(token, subject) == "usr_01"
    assert built == ["usr_01"]
    assert counting.calls == 1
    # Expiry is the token's, for derived values too.
    fixed.advance(timedelta(seconds=60))
    assert cache.verify_as(token, subject) == "usr_01"
    assert counting.calls == 2
    assert built == ["usr_01", "usr_01"]
    fixed.advance(timedelta(seconds=30))
    with pytest.raises(InvalidToken, match="expired"):
        cache.verify_as(token, subject)


def test_cache_keeps_nothing_when_the_derived_value_is_refused(counting: CountingKeySet) -> None:
    cache = make_cache(counting)
    token = counting.sign(claims())

    def refuse(found: dict[str, Any]) -> str:
        raise ValueError("not ours")

    for _ in range(2):
        with pytest.raises(ValueError, match="not ours"):
            cache.verify_as(token, refuse)
    assert cache.verify_as(token, lambda found: found["jti"]) == claims()["jti"]
