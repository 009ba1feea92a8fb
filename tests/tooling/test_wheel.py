"""The wheel holds what an installed package needs (`make wheel-check` also installs and runs it).

Built with the project's own backend (`python -m build --wheel --no-isolation`): every module
and data file of the packages pyproject lists, the typing marker, the license, the metadata a
package index shows, the console script and the pytest plugin's entry point.
"""

from __future__ import annotations

import email
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from wheel_check import build_wheel  # noqa: E402


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[zipfile.ZipFile]:
    built = build_wheel(tmp_path_factory.mktemp("dist"))
    with zipfile.ZipFile(built) as archive:
        yield archive


def source_files(package: Path) -> list[str]:
    """The files of `package` as the wheel names them (`<package name>/<path>`)."""
    tracked = subprocess.run(
        ["git", "ls-files", "--", str(package.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    files = [Path(p) for p in tracked] or [
        p.relative_to(ROOT) for p in package.rglob("*") if p.is_file()
    ]
    return [
        f"{package.name}/{f.relative_to(package.relative_to(ROOT)).as_posix()}"
        for f in files
        if "__pycache__" not in f.parts
    ]


def test_every_file_of_every_listed_package_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    names = set(wheel.namelist())
    expected = [name for package in packages for name in source_files(ROOT / package)]
    assert len(expected) > 100
    assert [name for name in expected if name not in names] == []
    for needed in (
        "casco_async/py.typed",
        "casco_async/samples.py",
        "casco_async/telemetry.py",
        "casco_async/_cli/demo_fleet.jsonl",
    ):
        assert needed in names


def test_the_metadata_says_what_users_and_indexes_need(wheel: zipfile.ZipFile) -> None:
    names = wheel.namelist()
    (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = email.message_from_bytes(wheel.read(metadata_name))
    assert metadata["License-Expression"] == "MIT"
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert metadata.get_all("Project-URL")
    assert {"sandbox", "cli", "otel", "dev"} <= set(metadata.get_all("Provides-Extra") or [])
    assert "Typing :: Typed" in (metadata.get_all("Classifier") or [])
    assert "## Install" in metadata.get_payload()  # the README is the long description
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "casco-async = casco_async._cli:main" in text
    assert "[pytest11]" in text and "casco_async = casco_async.testing" in text
