"""What `from casco_async import CascoClient` imports, and what is imported only when used.

Importing the client must not import the generated models one by one, the generated operation
modules, nor the optional or occasional dependencies (issue 12); the generated code is imported
when an operation first builds a request, and a piece of it that is missing then fails loudly,
naming the operation by method and path, before anything is sent. What is checked here is what
gets imported, never how long it takes (that is `scripts/bench.py --only imports`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import attrs
import pytest

import casco_async.models
from casco_async._operations import ALL_OPERATIONS, GET_QUOTE

# Never needed to import the client (each is imported where it is used).
NOT_AT_IMPORT = [
    "casco_async_generated.api",
    "casco_async_generated.client",
    "casco_async._bulk",
    "casco_async._documents",
    "casco_async._envelope_decoder",
    "casco_async._validation",
    "casco_async.models",
    "casco_async.telemetry",
    "casco_async.sandbox",
    "aiohttp",
    "filelock",
    "openpyxl",
    "opentelemetry",
    "dateutil",
    "zoneinfo",
]


def run_python(code: str) -> Any:
    """Run `code` in a fresh interpreter; return the JSON it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_importing_the_client_imports_no_model_no_operation_and_no_optional_dependency() -> None:
    loaded = run_python(
        "import json, sys\n"
        "from casco_async import CascoClient\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    # The models package itself is a table of names; not one model module is imported.
    models = [m for m in loaded if m.startswith("casco_async_generated.models.")]
    assert models == []
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in NOT_AT_IMPORT)]
    assert heavy == []
    assert "casco_async._client" in loaded and "httpx" in loaded  # it did import the client


def test_a_model_imports_its_own_modules_only() -> None:
    loaded = run_python(
        "import json, sys\n"
        "from casco_async.models import Country\n"
        "assert Country.__module__ == 'casco_async_generated.models.country'\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    assert [m for m in loaded if m.startswith("casco_async_generated.models.")] == [
        "casco_async_generated.models.country"
    ]
    # Nor the SDK's client, nor the generated one: a model is a model.
    assert not {"casco_async._client", "casco_async_generated.client"} & set(loaded)


def test_the_lazy_model_namespaces_list_and_resolve_every_name() -> None:
    import casco_async_generated
    import casco_async_generated.models as generated

    assert set(generated.__all__) <= set(dir(generated))
    for name in generated.__all__:
        value = getattr(generated, name)
        assert value.__name__ == name and value.__module__.startswith(generated.__name__ + ".")
    assert set(casco_async.models.__all__) <= set(dir(casco_async.models))
    misspelt = "QuoteRequst"
    for module in (generated, casco_async.models, casco_async_generated):
        with pytest.raises(AttributeError, match=misspelt):
            getattr(module, misspelt)
    assert casco_async_generated.AuthenticatedClient.__module__ == "casco_async_generated.client"


def test_every_operation_finds_its_generated_module_and_envelope_model() -> None:
    for operation in ALL_OPERATIONS:
        assert operation.module is not None, operation.key
        assert operation.module.__name__.endswith("." + str(operation.module_name))
        assert operation.envelope is not None, operation.key
        assert operation.envelope.__name__ == operation.envelope_name


def test_a_missing_generated_module_is_named_by_the_operation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A fresh copy of the table's entry: nothing imported yet, whatever other tests did.
    operation = attrs.evolve(GET_QUOTE)
    monkeypatch.setitem(sys.modules, "casco_async_generated.api.products.get_quote", None)
    with pytest.raises(ImportError, match=r"^POST /offer \(getQuote\): .*get_quote"):
        operation.build(body=None)


def test_a_missing_envelope_model_is_named_by_the_operation() -> None:
    operation = attrs.evolve(GET_QUOTE, envelope_name="RenamedQuoteResponse")
    with pytest.raises(ImportError, match=r"^POST /offer \(getQuote\): .*RenamedQuoteResponse"):
        operation.build(body=None)
    with pytest.raises(ImportError, match=r"^POST /offer "):
        _ = operation.envelope


def test_a_call_whose_generated_module_is_missing_fails_before_sending_anything() -> None:
    # In a fresh interpreter, so that the table's own GET_QUOTE has not been used yet.
    outcome = run_python(
        "import json, sys, anyio, httpx\n"
        "sys.modules['casco_async_generated.api.products.get_quote'] = None\n"
        "from casco_async import CascoClient\n"
        "from casco_async.samples import sample_quote_request\n"
        "sent = []\n"
        "def answer(request):\n"
        "    sent.append(f'{request.method} {request.url.path}')\n"
        "    return httpx.Response(500)\n"
        "async def main():\n"
        "    async with CascoClient(base_url='https://casco.test', account='a', password='p',\n"
        "                           transport=httpx.MockTransport(answer),\n"
        "                           revoke_on_close=False) as casco:\n"
        "        try:\n"
        "            await casco.products.quote(sample_quote_request('generali'))\n"
        "        except ImportError as error:\n"
        "            return str(error)\n"
        "print(json.dumps({'error': anyio.run(main), 'sent': sent}))\n"
    )
    assert outcome["error"].startswith("POST /offer (getQuote): "), outcome
    assert "make generate" in outcome["error"]
    assert outcome["sent"] == []  # not even the login
