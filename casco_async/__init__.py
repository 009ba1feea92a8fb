"""casco-async: an async Python SDK for the CascoApi 1.0 of the broker Life Is Hard.

    from casco_async import CascoClient

    async with CascoClient.from_env() as casco:
        offers = await casco.products.quote(request)

The request and response models are the generated ones, in `casco_api_client.models`.
"""

from ._auth import FileTokenStore, TokenManager, TokenSet, TokenStore
from ._bulk import BulkQuotes, InsurerOffer, QuoteComparison, QuoteOutcome
from ._client import CascoClient
from ._config import (
    DEFAULT_TIMEOUT,
    PRODUCTION_BASE_URL,
    SLOW_TIMEOUT,
    TEST_BASE_URL,
    ClientOptions,
)
from ._documents import DocumentInfo, DocumentStream, StreamedDocument
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
    DocumentError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
    UnprocessableEntityError,
    ValidationError,
)
from ._insurers import KNOWN_INSURERS
from ._retry import RetryPolicy

__version__ = "0.1.0"

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
    "ConfigurationError",
    "ConflictError",
    "DocumentError",
    "DocumentInfo",
    "DocumentStream",
    "FileTokenStore",
    "InsurerOffer",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "QuoteComparison",
    "QuoteOutcome",
    "RateLimitError",
    "ResponseValidationError",
    "RetryPolicy",
    "StreamedDocument",
    "TokenManager",
    "TokenSet",
    "TokenStore",
    "UnprocessableEntityError",
    "ValidationError",
    "__version__",
]
