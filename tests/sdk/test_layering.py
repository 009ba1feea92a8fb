"""The SDK's layering: no import circle, no private name used across modules, one pipeline.

Read from the source with `ast` (nothing is imported), so the rule holds for every module,
whether or not a test happens to load it.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import httpx
import pytest
from support import ACCOUNT, BASE_URL, FAST_RETRY, PASSWORD, FakeApi, envelope

import casco_async
from casco_async import (
    CascoClient,
    Documents,
    Helper,
    InternalServerError,
    Nomenclature,
    Products,
)

PACKAGE = Path(casco_async.__file__).parent
# The generated modules' request builder: the one private hook openapi-python-client offers.
GENERATED_HOOKS = {"_get_kwargs"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_from(module: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = module.split(".")
    if MODULES[module].name != "__init__.py":
        package = package[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join([*package, *([node.module] if node.module else [])])


def imports(module: str) -> tuple[set[str], list[str]]:
    """The casco_async modules `module` imports, and the private names it imports."""
    found: set[str] = set()
    private: list[str] = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            source = imported_from(module, node)
            for alias in node.names:
                full = f"{source}.{alias.name}"
                target = full if full in MODULES else source
                if target in MODULES and target != module:
                    found.add(target)
                if full not in MODULES and alias.name.startswith("_") and alias.name[1] != "_":
                    private.append(f"{alias.name} from {source}")
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in MODULES and a.name != module)
    return found, private


def test_no_import_circle_among_the_sdk_modules() -> None:
    graph = {module: imports(module)[0] for module in MODULES}
    circles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in MODULES:
        if module not in state:
            visit(module, [module])
    assert circles == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_private_name_is_used_across_modules(module: str) -> None:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    defined = {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    } | {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store)
    }
    foreign = [
        f"{ast.unparse(node.value)}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
        and node.attr not in defined
        and node.attr not in GENERATED_HOOKS
    ]
    assert foreign == []
    assert imports(module)[1] == []


def test_namespaces_hold_the_pipeline_and_never_import_the_client() -> None:
    for name in ("_resources", "_documents", "_bulk", "_pipeline", "_document_stream"):
        assert "casco_async._client" not in imports(f"casco_async.{name}")[0], name


def test_namespaces_are_cached_per_view_and_exported_for_annotations() -> None:
    casco = CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD)
    view = casco.with_options(timeout=5)
    kinds = {"nomenclature": Nomenclature, "helper": Helper, "products": Products}
    for attribute, kind in {**kinds, "documents": Documents}.items():
        namespace = getattr(casco, attribute)
        assert isinstance(namespace, kind)
        assert getattr(casco, attribute) is namespace  # built once
        assert getattr(view, attribute) is not namespace  # the view's own, with its options
    assert view.options.timeout == httpx.Timeout(5) and casco.options.timeout is None
    assert view.tokens is casco.tokens and view.base_url == casco.base_url


def test_the_models_users_touch_come_from_casco_async_models() -> None:
    import casco_async_generated.models as generated

    import casco_async.models as models

    for name in models.__all__:
        assert getattr(models, name) is getattr(generated, name), name
    assert {"QuoteRequest", "ProductData", "PaymentData", "Offer", "Policy", "County"} <= set(
        models.__all__
    )
    # The envelopes stay inside the SDK.
    assert not [name for name in models.__all__ if name.endswith("Response")]


@pytest.fixture
def api(httpx_mock: Any) -> FakeApi:
    fake = FakeApi()
    httpx_mock.add_callback(fake, is_reusable=True, is_optional=True)
    return fake


async def test_a_failing_token_call_is_retried_once_not_again_by_the_call_it_serves(
    api: FakeApi,
) -> None:
    api.script("POST /auth", *[httpx.Response(503, json=envelope(None, 503))] * 9)
    casco = CascoClient(base_url=BASE_URL, account=ACCOUNT, password=PASSWORD, retry=FAST_RETRY)
    async with casco:
        with pytest.raises(InternalServerError):
            await casco.nomenclature.counties()
    # POST /auth went through the retry rule once (1 + max_retries); the outer call did not
    # multiply that by its own attempts.
    assert api.calls["POST /auth"] == 1 + FAST_RETRY.max_retries
    assert api.calls["GET /nomenclature/county"] == 0
