"""Regenerate the client from vendor-style rewrites of the document and run the SDK on each.

    python scripts/regen_check.py [SCENARIO ...]      (default: every scenario below)

For each scenario (see ``scripts/vendorize.py``) this writes the rewritten document to
``build/regen/<scenario>/``, runs the generation step on it exactly as ``make generate`` does
(prepare_document -> openapi-python-client -> export_schemas), checks that every module and class
of ``generated/`` still exists under the same name (for rewrites of names and spelling only, that
the package is byte-identical to ``generated/``), and runs ``scripts/regen_smoke.py`` - the public
SDK against the sandbox, all 13 operations plus the validation rules - with the regenerated
client first on ``PYTHONPATH``. Nothing outside ``build/`` is written. Exit 0 when every scenario
passes; otherwise 1, after printing what failed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import vendorize

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "regen"
GENERATED = ROOT / "generated" / "casco_async_generated"
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Scenario:
    """One rewrite of the document and what the smoke run should additionally try."""

    name: str
    rewrite: str
    smoke: tuple[str, ...] = ()
    identical: bool = False
    """Names and spelling only: the regenerated package must equal generated/ byte for byte."""


ADDITIVE = (
    "--new-field",
    vendorize.NEW_FIELD,
    "--new-enum",
    vendorize.NEW_FUEL_TYPE,
    "--new-operation",
    vendorize.NEW_OPERATION.partition(" ")[2],
)
SCENARIOS = {
    s.name: s
    for s in (
        Scenario("vendor", "vendor", identical=True),
        Scenario("openapi31", "openapi31"),
        Scenario("mixed-token", "mixed-token,json", identical=True),
        Scenario("token-scheme", "token-scheme", identical=True),
        Scenario("additive", "new-field,new-enum,new-operation", ADDITIVE),
        Scenario("everything", "vendor,openapi31,new-field,new-enum,new-operation", ADDITIVE),
    )
}


class CheckFailure(Exception):
    """A step of a scenario failed; the message says which and shows its output."""


def run(step: str, command: list[str], env: dict[str, str] | None = None) -> str:
    """Run ``command``; raise :class:`CheckFailure` naming ``step`` when it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        raise CheckFailure(f"{step} failed:\n    " + "\n    ".join(output[-15:]))
    return result.stdout


def python_files(package: Path) -> set[str]:
    """The package's modules, relative to it."""
    return {str(p.relative_to(package)) for p in package.rglob("*.py")}


def check_scenario(scenario: Scenario) -> str:
    """Run one scenario; return its smoke output's summary."""
    folder = BUILD / scenario.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    document = folder / "casco-api.yaml"
    generation = folder / "casco-api.generation.yaml"
    package = folder / "casco_async_generated"
    python = sys.executable
    scripts = ROOT / "scripts"
    run("vendorize", [python, str(scripts / "vendorize.py"), scenario.rewrite, "-o", str(document)])
    run(
        "prepare_document",
        [
            python,
            str(scripts / "prepare_document.py"),
            str(document),
            "--pins",
            str(ROOT / "openapi" / "pins.yaml"),
            "--overlay",
            str(ROOT / "openapi" / "overlay.yaml"),
            "-o",
            str(generation),
        ],
    )
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    run(
        "openapi-python-client",
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(generation),
            "--meta",
            "none",
            "--output-path",
            str(package),
            "--overwrite",
            "--config",
            str(ROOT / "openapi" / "generator-config.yaml"),
            "--custom-template-path",
            str(ROOT / "openapi" / "templates"),
        ],
        env=env,
    )
    exported = package / "schemas.json"
    export = [python, str(scripts / "export_schemas.py"), str(generation), str(exported)]
    run("export_schemas", export)
    missing = python_files(GENERATED) - python_files(package)
    if missing:
        raise CheckFailure(f"generated modules renamed or gone: {', '.join(sorted(missing))}")
    if scenario.identical:
        differing = sorted(
            name
            for name in python_files(GENERATED) | {"schemas.json"}
            if (package / name).read_bytes() != (GENERATED / name).read_bytes()
        )
        if differing:
            raise CheckFailure(f"a same-wire rewrite changed generated/: {', '.join(differing)}")
    env["PYTHONPATH"] = os.pathsep.join([str(folder), str(ROOT)])
    output = run(
        "the SDK against the sandbox",
        [python, str(scripts / "regen_smoke.py"), *scenario.smoke],
        env=env,
    )
    if f"client {package}\n" not in output:
        raise CheckFailure(f"the smoke run did not use {package}:\n{output}")
    return f"{output.count('ok   ')} checks"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    names = (argv if argv is not None else sys.argv[1:]) or list(SCENARIOS)
    unknown = [n for n in names if n not in SCENARIOS]
    if unknown:
        print(f"regen_check: unknown scenario {unknown[0]!r}; one of: {', '.join(SCENARIOS)}")
        return 2
    failed = 0
    for name in names:
        started = time.perf_counter()
        try:
            summary = check_scenario(SCENARIOS[name])
        except CheckFailure as failure:
            failed += 1
            print(f"FAIL {name}: {failure}")
            continue
        print(f"ok   {name:<13} {summary} in {time.perf_counter() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
