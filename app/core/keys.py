"""Key material on disk: generated once in the embedded mode, never baked into the code.

Layout of the keys directory (files 0600, directory 0700):
- `token-signing/<kid>.pem`   EC P-256 private keys for access tokens (ES256);
- `receipt-signing/<kid>.pem` EC P-256 private keys for institution receipts, a key set of
  its own because receipts must stay verifiable for years after tokens rotate;
- `data-encryption.key`       32 random bytes (base64) for encrypting personal ID numbers.
The newest file of a set (by kid, which is time-ordered) signs; all of them verify.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from app.core import clock

SIGNING_KEY_SETS = ("token-signing", "receipt-signing")
DATA_KEY_FILE = "data-encryption.key"


class MissingKeys(RuntimeError):
    pass


def _write_secret(path: Path, content: bytes) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def new_kid() -> str:
    return f"{clock.now():%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


def _kid_after(candidate: str, existing: list[str]) -> str:
    """`candidate`, or a kid sorting after every existing one when it would not.

    The newest kid signs, so a new key must sort last even when it was made in the same second
    as the previous one (random suffix) or while the clock stands behind (a fixed test clock).
    """
    newest = max(existing, default="")
    if candidate > newest:
        return candidate
    # Extending the newest kid makes a strictly greater string, whatever its suffix was.
    return f"{newest}-{secrets.token_hex(4)}"


def add_signing_key(keys_dir: Path, key_set: str) -> str:
    """Generate a new signing key in `key_set`; returns its kid. Old keys stay."""
    kid = _kid_after(new_kid(), [path.stem for path in signing_key_files(keys_dir, key_set)])
    private_key = ec.generate_private_key(ec.SECP256R1())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_secret(keys_dir / key_set / f"{kid}.pem", pem)
    return kid


def signing_key_files(keys_dir: Path, key_set: str) -> list[Path]:
    """The key set's files, oldest first."""
    return sorted((keys_dir / key_set).glob("*.pem"))


def missing_keys(keys_dir: Path) -> list[str]:
    missing = [name for name in SIGNING_KEY_SETS if not signing_key_files(keys_dir, name)]
    if not (keys_dir / DATA_KEY_FILE).is_file():
        missing.append(DATA_KEY_FILE)
    return missing


def ensure_keys(keys_dir: Path) -> list[str]:
    """Create whatever key is missing; returns what was created. Embedded mode and `keys init`."""
    created = []
    for key_set in SIGNING_KEY_SETS:
        if not signing_key_files(keys_dir, key_set):
            created.append(f"{key_set}/{add_signing_key(keys_dir, key_set)}")
    if not (keys_dir / DATA_KEY_FILE).is_file():
        _write_secret(keys_dir / DATA_KEY_FILE, base64.b64encode(secrets.token_bytes(32)))
        created.append(DATA_KEY_FILE)
    return created


def rotate_data_key(keys_dir: Path) -> str:
    """Keep the current data key as `data-encryption.key.N` and create a new current one.

    New personal data is sealed with the new key; everything sealed before still opens with
    the old ones, which must therefore be kept (and the oldest also keys the blind index).
    """
    current = keys_dir / DATA_KEY_FILE
    if not current.is_file():
        raise MissingKeys(f"no {DATA_KEY_FILE} in {keys_dir} to rotate")
    numbers = [
        int(path.name.rsplit(".", 1)[1])
        for path in keys_dir.glob(f"{DATA_KEY_FILE}.*")
        if path.name.rsplit(".", 1)[1].isdigit()
    ]
    kept = keys_dir / f"{DATA_KEY_FILE}.{max(numbers, default=0) + 1}"
    current.rename(kept)
    _write_secret(current, base64.b64encode(secrets.token_bytes(32)))
    return kept.name


def require_keys(keys_dir: Path) -> None:
    missing = missing_keys(keys_dir)
    if missing:
        raise MissingKeys(
            f"keys missing in {keys_dir}: {', '.join(missing)}. "
            f"Create them with `anxin keys init --dir {keys_dir}` (or set ANXIN_KEYS_DIR)."
        )
