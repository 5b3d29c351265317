"""Draw a new ES256 key pair for the tokens and write it into the services' .env files: the
private key into services/web/.env only, the public key into every service's.

Run it with the main application's environment (make keys). Tokens signed with the old key stop
working at once: users sign in again, clients get new tokens.
"""

import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

SERVICES = Path(__file__).resolve().parent.parent / "services"


def one_line(pem: bytes) -> str:
    """A PEM as one double-quoted .env value with \\n escapes (python-dotenv expands them)."""
    return '"' + pem.decode().strip().replace("\n", "\\n") + '"'


def main() -> None:
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
    for env in sorted(SERVICES.glob("*/.env")):
        text = env.read_text()
        for name, value in values.items():
            # Only a variable the file already has: the private key stays in the main app's.
            text = re.sub(
                rf"^{name}=.*$", lambda _, n=name, v=value: f"{n}={v}", text, flags=re.MULTILINE
            )
        env.write_text(text)
        print(f"{env.relative_to(SERVICES.parent)}: new key")


if __name__ == "__main__":
    main()
