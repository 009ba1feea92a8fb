"""`make contract`: hold the document, the SDK and the sandbox to openapi/casco-api.yaml.

    python scripts/contract.py [--max-examples N] [--seed S] [--no-spectral]

Three independent judges, each printing its count of findings; the exit status is 1 when any
judge found something (0 = all clean):

1. the document lint: scripts/lint_document.py (openapi-spec-validator, examples, x-source,
   links) and Spectral with every ``spectral:oas`` rule (openapi/spectral.yaml) through
   ``npx`` - node is needed for this one step only; ``--no-spectral`` skips it (or it is
   skipped, saying so, where there is no npx);
2. schemathesis (the CLI) against the sandbox on a loopback socket: every check, every phase
   (examples, coverage, fuzzing, stateful through the document's links), ``--max-examples``
   cases per operation, configured by openapi/schemathesis.toml, a fresh token per case
   (scripts/contract_hooks.py);
3. the validating proxy (scripts/contract_proxy.py): the SDK's flows over every operation,
   each request and response checked against the document.

`make test` runs the fast part of each as pytest tests (tests/tooling/test_contract.py and
tests/sandbox/test_conformance.py), with no node.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "openapi" / "casco-api.yaml"
SPECTRAL = "@stoplight/spectral-cli@6.16.3"


def lint(*, spectral: bool) -> int:
    """Findings of the document lint (and Spectral's errors and warnings)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import lint_document
    from openapi_document import load_document

    problems = lint_document.lint(load_document(DOCUMENT))
    for problem in problems:
        print(f"  {problem}")
    print(f"lint_document: {len(problems)} finding(s)")
    found = len(problems)
    if not spectral:
        print("spectral: skipped (--no-spectral)")
        return found
    npx = shutil.which("npx")
    if npx is None:
        print("spectral: skipped (no npx: Spectral needs node)")
        return found
    command = [npx, "--yes", SPECTRAL, "lint", str(DOCUMENT), "--ruleset"]
    command += [str(ROOT / "openapi" / "spectral.yaml"), "--fail-severity", "warn"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    output = result.stdout + result.stderr
    print(output.rstrip())
    counted = re.search(r"(\d+) errors?, (\d+) warnings?", output)
    if counted:
        found += int(counted.group(1)) + int(counted.group(2))
    elif result.returncode != 0:
        found += 1  # Spectral failed without a summary: count it, never pass it
    print(f"spectral: exit {result.returncode}")
    return found


def run_schemathesis(*, max_examples: int, seed: int) -> int:
    """Failures schemathesis finds against a fresh sandbox."""
    from casco_async.sandbox import Sandbox, SandboxServer

    binary = Path(sys.executable).with_name("schemathesis")
    environment = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "contract_hooks",
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "scripts"), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    }
    with SandboxServer(Sandbox()) as server:
        command = [str(binary), "--config-file", str(ROOT / "openapi" / "schemathesis.toml")]
        command += ["run", str(DOCUMENT), "--url", server.base_url, "--checks", "all"]
        command += ["--max-examples", str(max_examples), "--seed", str(seed), "--workers", "1"]
        command += ["--no-color", "--generation-database", "none"]
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=1800, env=environment, check=False
        )
    output = result.stdout + result.stderr
    print(output.rstrip())
    counted = re.search(r"(\d+) failures?", output.splitlines()[-1] if output else "")
    failures = int(counted.group(1)) if counted else 0
    if result.returncode != 0 and failures == 0:
        failures = 1  # an error (not a check failure) still fails the run
    print(f"schemathesis: {failures} failure(s), exit {result.returncode}")
    return failures


def run_proxy() -> int:
    """Violations the validating proxy reports over the SDK's flows."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import contract_proxy

    transport = contract_proxy.run()
    for line in contract_proxy.summary(transport):
        print(line)
    return len(transport.violations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-spectral", action="store_true")
    args = parser.parse_args(argv)
    findings = {
        "lint": lint(spectral=not args.no_spectral),
        "schemathesis": run_schemathesis(max_examples=args.max_examples, seed=args.seed),
        "proxy": run_proxy(),
    }
    print("contract: " + ", ".join(f"{name} {count}" for name, count in findings.items()))
    return 1 if any(findings.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
