"""make env and make keys on a copy of the services' .env.example files: what a fresh clone has."""

import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from dotenv import dotenv_values

ROOT = Path(__file__).resolve().parent.parent


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A folder with each service's .env.example and pyproject.toml, and no .env."""
    for example in ROOT.glob("services/*/.env.example"):
        folder = tmp_path / example.parent.relative_to(ROOT)
        folder.mkdir(parents=True)
        shutil.copy(example, folder)
        shutil.copy(example.parent / "pyproject.toml", folder)
    return tmp_path


def envs(root: Path) -> dict[str, dict[str, str | None]]:
    return {p.parent.name: dotenv_values(p) for p in sorted(root.glob("services/*/.env"))}


def test_make_env_writes_every_missing_env_with_fresh_shared_secrets(clone: Path) -> None:
    new_env = script("new_env")
    assert new_env.main(clone) == 0
    written = envs(clone)
    assert set(written) == {p.parent.name for p in clone.glob("services/*/.env.example")}
    web = written["web"]
    for name, values in written.items():
        example = dotenv_values(clone / "services" / name / ".env.example")
        assert values.keys() == example.keys()
        for var, kind in new_env.SECRETS[f"services/{name}"].items():
            assert values[var] and values[var] != example[var], (name, var)
            if isinstance(kind, int):
                assert len(values[var] or "") == kind
            if var in new_env.SHARED:
                assert values[var] == web[var], (name, var)
        assert name == "web" or "JWT_PRIVATE_KEY" not in values

    # The pair is one ES256 key pair, in the formats Simple JWT and PyJWT read.
    private = serialization.load_pem_private_key((web["JWT_PRIVATE_KEY"] or "").encode(), None)
    public = serialization.load_pem_public_key((web["JWT_PUBLIC_KEY"] or "").encode())
    assert isinstance(private, ec.EllipticCurvePrivateKey)
    assert isinstance(private.curve, ec.SECP256R1)
    assert private.public_key() == public
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(
        private.sign(b"token", ec.ECDSA(hashes.SHA256())), b"token", ec.ECDSA(hashes.SHA256())
    )


def test_make_env_keeps_an_existing_env_and_shares_its_values(clone: Path) -> None:
    new_env = script("new_env")
    assert new_env.main(clone) == 0
    before = {p: p.read_bytes() for p in clone.glob("services/*/.env")}
    side = next(p for p in before if p.parent.name != "web")
    side.unlink()
    assert new_env.main(clone) == 0
    assert {p: p.read_bytes() for p in clone.glob("services/*/.env") if p != side} == {
        p: data for p, data in before.items() if p != side
    }
    web = dotenv_values(clone / "services" / "web" / ".env")
    again = dotenv_values(side)
    assert again["JWT_PUBLIC_KEY"] == web["JWT_PUBLIC_KEY"]
    assert (
        "INTERNAL_API_TOKEN" not in again
        or again["INTERNAL_API_TOKEN"] == web["INTERNAL_API_TOKEN"]
    )


def test_make_keys_refuses_without_env(
    clone: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    new_keys = script("new_keys")
    monkeypatch.setattr(new_keys, "SERVICES", clone / "services")
    assert new_keys.main() == 1
    assert "run make env" in capsys.readouterr().err
    assert not list(clone.glob("services/*/.env"))

    assert script("new_env").main(clone) == 0
    before = envs(clone)
    assert new_keys.main() == 0
    after = envs(clone)
    assert after["web"]["JWT_PUBLIC_KEY"] != before["web"]["JWT_PUBLIC_KEY"]
    assert {values["JWT_PUBLIC_KEY"] for values in after.values()} == {
        after["web"]["JWT_PUBLIC_KEY"]
    }
    assert after["web"]["INTERNAL_API_TOKEN"] == before["web"]["INTERNAL_API_TOKEN"]
