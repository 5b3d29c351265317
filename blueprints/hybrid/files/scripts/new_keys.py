"""Draw a new ES256 key pair for the tokens and write it into the services' .env files: the
private key into services/web/.env only, the public key into every service's.

Run it with the main application's environment (make keys). Tokens signed with the old key stop
working at once: users sign in again, clients get new tokens. It changes .env files and never
creates one: a service without its .env (a fresh clone) stops it before anything is written,
and make env writes the missing ones.
"""

import re
import sys
from pathlib import Path

SERVICES = Path(__file__).resolve().parent.parent / "services"


def one_line(pem: bytes) -> str:
    """A PEM as one double-quoted .env value with \\n escapes (python-dotenv expands them)."""
    return '"' + pem.decode().strip().replace("\n", "\\n") + '"'


def main() -> int:
    folders = sorted(p.parent for p in SERVICES.glob("*/pyproject.toml"))
    missing = [f"services/{f.name}" for f in folders if not (f / ".env").exists()]
    if not folders or missing:
        where = ", ".join(missing) or "services/"
        print(
            f"make keys: no .env in {where} to write a key pair into: run make env", file=sys.stderr
        )
        return 1
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec
    except ImportError:
        print(
            "make keys: needs services/web/.venv (cryptography): run make install", file=sys.stderr
        )
        return 1

    key = ec.generate_private_key(ec.SECP256R1())
    values = {
        "JWT_PRIVATE_KEY": one_line(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
        "JWT_PUBLIC_KEY": one_line(
            key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        ),
    }
    for env in (folder / ".env" for folder in folders):
        text = env.read_text()
        for name, value in values.items():
            # Only a variable the file already has: the private key stays in the main app's.
            text = re.sub(
                rf"^{name}=.*$", lambda _, n=name, v=value: f"{n}={v}", text, flags=re.MULTILINE
            )
        env.write_text(text)
        print(f"{env.relative_to(SERVICES.parent)}: new key")
    return 0


if __name__ == "__main__":
    sys.exit(main())
