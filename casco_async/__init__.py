"""casco-async: an async Python SDK for the CascoApi 1.0 of the broker Life Is Hard.

    from casco_async import CascoClient

    async with CascoClient.from_env() as casco:
        offers = await casco.products.quote(request)

The request and result models are in `casco_async.models`; the namespace classes
(`Nomenclature`, `Helper`, `Products`, `Documents`) are exported for annotations.
"""

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from ._auth import FileTokenStore, TokenManager, TokenSet, TokenStore
    from ._bulk import (
        BulkQuotes,
        InsurerOffer,
        QuoteComparison,
        QuoteFailure,
        QuoteOutcome,
        QuoteSuccess,
    )
    from ._client import CascoClient
    from ._config import (
        DEFAULT_TIMEOUT,
        PRODUCTION_BASE_URL,
        SLOW_TIMEOUT,
        TEST_BASE_URL,
        ClientOptions,
    )
    from ._document_files import DocumentInfo
    from ._document_stream import DocumentStream, StreamedDocument
    from ._documents import Documents
    from ._errors import (
        AmbiguousOutcomeError,
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        CascoError,
        ConfigurationError,
        ConflictError,
        DeadlineExceededError,
        DocumentError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitError,
        RefusedBeforeProcessingError,
        ResponseInfo,
        ResponseTooLargeError,
        ResponseValidationError,
        TLSVerificationError,
        UnprocessableEntityError,
        ValidationError,
    )
    from ._insurers import KNOWN_INSURERS
    from ._resources import Helper, Nomenclature, Products
    from ._retry import RetryPolicy
    from ._settings import ClientSettings

#: Public name -> the module that defines it. Imported on first use (PEP 562), so that importing
#: ``casco_async`` - which pytest does to load the ``casco_async.testing`` plugin - never imports
#: the generated client: a broken ``generated/`` then fails the tests that use the SDK, not the
#: whole test session before its first test.
_EXPORTS: dict[str, str] = {
    "FileTokenStore": "._auth",
    "TokenManager": "._auth",
    "TokenSet": "._auth",
    "TokenStore": "._auth",
    "BulkQuotes": "._bulk",
    "InsurerOffer": "._bulk",
    "QuoteComparison": "._bulk",
    "QuoteFailure": "._bulk",
    "QuoteOutcome": "._bulk",
    "QuoteSuccess": "._bulk",
    "DEFAULT_TIMEOUT": "._config",
    "PRODUCTION_BASE_URL": "._config",
    "SLOW_TIMEOUT": "._config",
    "TEST_BASE_URL": "._config",
    "CascoClient": "._client",
    "ClientOptions": "._config",
    "DocumentInfo": "._document_files",
    "DocumentStream": "._document_stream",
    "StreamedDocument": "._document_stream",
    "Documents": "._documents",
    "AmbiguousOutcomeError": "._errors",
    "APIConnectionError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "CascoError": "._errors",
    "ConfigurationError": "._errors",
    "ConflictError": "._errors",
    "DeadlineExceededError": "._errors",
    "DocumentError": "._errors",
    "InternalServerError": "._errors",
    "NotFoundError": "._errors",
    "PermissionDeniedError": "._errors",
    "RateLimitError": "._errors",
    "RefusedBeforeProcessingError": "._errors",
    "ResponseInfo": "._errors",
    "ResponseTooLargeError": "._errors",
    "ResponseValidationError": "._errors",
    "TLSVerificationError": "._errors",
    "UnprocessableEntityError": "._errors",
    "ValidationError": "._errors",
    "KNOWN_INSURERS": "._insurers",
    "Helper": "._resources",
    "Nomenclature": "._resources",
    "Products": "._resources",
    "RetryPolicy": "._retry",
    "ClientSettings": "._settings",
}


def __getattr__(name: str) -> _typing.Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


from ._version import __version__  # noqa: E402  (after the lazy-import hooks)

__all__ = [
    "DEFAULT_TIMEOUT",
    "KNOWN_INSURERS",
    "PRODUCTION_BASE_URL",
    "SLOW_TIMEOUT",
    "TEST_BASE_URL",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AmbiguousOutcomeError",
    "AuthenticationError",
    "BadRequestError",
    "BulkQuotes",
    "CascoClient",
    "CascoError",
    "ClientOptions",
    "ClientSettings",
    "ConfigurationError",
    "ConflictError",
    "DeadlineExceededError",
    "DocumentError",
    "DocumentInfo",
    "DocumentStream",
    "Documents",
    "FileTokenStore",
    "Helper",
    "InsurerOffer",
    "InternalServerError",
    "Nomenclature",
    "NotFoundError",
    "PermissionDeniedError",
    "Products",
    "QuoteComparison",
    "QuoteFailure",
    "QuoteOutcome",
    "QuoteSuccess",
    "RateLimitError",
    "RefusedBeforeProcessingError",
    "ResponseInfo",
    "ResponseTooLargeError",
    "ResponseValidationError",
    "RetryPolicy",
    "StreamedDocument",
    "TLSVerificationError",
    "TokenManager",
    "TokenSet",
    "TokenStore",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
]
