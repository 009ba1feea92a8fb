"""What the client needs to know about each of the API's 13 operations, in one table.

Each operation is keyed by what goes over the wire, ``"POST /offer"``: its HTTP method and path
template, never a name the vendor chooses. The entry points at the generated module (whose
`_get_kwargs` builds the request) and the generated envelope model that parses the answer, and
says what the generator cannot know: whether an automatic retry is safe, and how slow the
operation may be. `CascoClient.request` describes the operations the SDK does not wrap yet with
the same `Operation`, built from the method and path it is given (`raw_operation`).

`Operation[T]` carries the type of its answer's `data`, so the pipeline's `call` returns a `T`
and each namespace method is one typed line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar

import attrs
from casco_async_generated.api.authentication import authenticate, deauthenticate, renew_token
from casco_async_generated.api.helper import identify_vehicle_code
from casco_async_generated.api.nomenclature import (
    list_counties,
    list_countries,
    list_localities,
    list_vehicle_makes,
    list_vehicle_models,
)
from casco_async_generated.api.products import (
    download_offer,
    download_policy,
    get_quote,
    issue_policy,
)
from casco_async_generated.models import (
    AuthResponse,
    CountryListResponse,
    CountyListResponse,
    DocumentsResponse,
    EmptyResponse,
    LocalityListResponse,
    PolicyResponse,
    QuoteResponse,
    VehicleCodeListResponse,
    VehicleMakeListResponse,
    VehicleModelListResponse,
)

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from casco_async_generated.models import (
        AuthData,
        Country,
        County,
        DocumentFiles,
        Locality,
        PolicyResult,
        QuoteResult,
        VehicleCodeMatch,
        VehicleMake,
        VehicleModel,
    )

T = TypeVar("T")


class EnvelopeModel(Protocol):
    """A generated envelope model: `from_dict` parses the whole JSON answer."""

    @classmethod
    def from_dict(cls, src_dict: Any) -> Any: ...


HTTP_METHODS: Final = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
"""The methods `CascoClient.request` sends (RFC 9110's, without CONNECT and TRACE)."""

IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
"""The methods RFC 9110 defines as idempotent: retried by default."""

MiB: Final = 1 << 20

DEFAULT_MAX_ANSWER: Final = 4 * MiB
"""The largest answer an operation accepts unless its entry says otherwise (a quote, a policy)."""
NOMENCLATURE_MAX_ANSWER: Final = 16 * MiB
"""Nomenclature lists: the largest real one is well under 1 MB; room for growth."""
TOKEN_MAX_ANSWER: Final = 64 * 1024
"""`/auth` answers carry two tokens and a date."""
DOCUMENT_MAX_ANSWER: Final = 192 * MiB
"""A document answer read whole (`CascoClient.request`): 100 MB of PDF is 133 MB of base64.
The document downloads stream instead, under their own `max_document_size`."""

QUICK_DEADLINE: Final = 60.0
"""Seconds one attempt of a quick call may take end to end (connect, send, whole answer)."""
SLOW_DEADLINE: Final = 300.0
"""Seconds one attempt of a call an insurer answers may take end to end."""
DOCUMENT_DEADLINE: Final = 900.0
"""Seconds one attempt of a document download may take end to end (100 MB at ~150 KB/s)."""
RENEWAL_DEADLINE: Final = 10.0
"""`PATCH /auth` gets this long, once, before the client falls back to `POST /auth`: a hung
renewal must not stall every caller waiting for the token."""

# A path template's `{name}` stands for one path segment.
_TEMPLATE_FIELD = re.compile(r"\{[^/{}]+\}")


def _default_idempotent(operation: Operation[Any]) -> bool:
    return operation.method in IDEMPOTENT_METHODS


def _default_deadline(operation: Operation[Any]) -> float:
    return SLOW_DEADLINE if operation.slow else QUICK_DEADLINE


@attrs.frozen
class Operation(Generic[T]):
    """One API operation as the client sees it, named by what goes over the wire.

    `T` is the type of the answer's `data` as the envelope model parses it.

    Attributes:
        method: The HTTP method, upper case (``"POST"``).
        path: The path template under the base URL (``"/offer/{id}"``).
        id: The name used in errors, logs and sandbox counters: the pinned operationId
            (``getQuote``), or the wire key for an operation the SDK does not wrap.
        module: The generated module; its `_get_kwargs(...)` builds the request. None for an
            operation the SDK does not wrap (`CascoClient.request` builds those itself).
        envelope: The generated model of the success envelope; None: `data` is returned as
            parsed JSON, unchecked.
        idempotent: Whether an automatic retry can never cause a second effect; by default,
            whether the method is idempotent (`IDEMPOTENT_METHODS`).
        slow: Whether an insurer is called behind it (a long read timeout by default).
        authenticated: Whether the call carries the session's token (the token flow's own
            calls do not: they make the token).
        max_answer: The largest answer body accepted, in bytes, success or error; a larger one
            is cut off (`ResponseTooLargeError`). The client's `max_response_size` overrides it.
        deadline: Seconds one attempt may take end to end, however the server trickles; the
            client's `deadline` overrides it.
    """

    method: str
    path: str
    id: str
    module: ModuleType | None = attrs.field(default=None, repr=False)
    envelope: type[EnvelopeModel] | None = attrs.field(default=None, repr=False)
    idempotent: bool = attrs.field(
        default=attrs.Factory(_default_idempotent, takes_self=True), kw_only=True
    )
    slow: bool = attrs.field(default=False, kw_only=True)
    authenticated: bool = attrs.field(default=True, kw_only=True)
    max_answer: int = attrs.field(default=DEFAULT_MAX_ANSWER, kw_only=True)
    deadline: float = attrs.field(
        default=attrs.Factory(_default_deadline, takes_self=True), kw_only=True
    )
    _pattern: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)

    @_pattern.default
    def _compile(self) -> re.Pattern[str]:
        parts = _TEMPLATE_FIELD.split(self.path)
        return re.compile("[^/]+".join(re.escape(part) for part in parts))

    @property
    def key(self) -> str:
        """The operation's wire name: ``"POST /offer"``."""
        return f"{self.method} {self.path}"

    def matches(self, method: str, path: str) -> bool:
        """Whether a request with this method and (filled-in) path is this operation."""
        return method == self.method and self._pattern.fullmatch(path) is not None

    def build(self, **arguments: Any) -> dict[str, Any]:
        """The httpx request arguments, built by the generated code.

        An operation the SDK does not wrap (`raw_operation`) takes httpx's own `params` and
        `json` instead, checked by `raw_request`.
        """
        if self.module is None:
            unknown = set(arguments) - {"params", "json"}
            if unknown:
                raise TypeError(f"{self.key} takes only params and json, not {sorted(unknown)}")
            return {"method": self.method, "url": self.path, **arguments}
        built: dict[str, Any] = self.module._get_kwargs(**arguments)
        return built


AUTHENTICATE: Final[Operation[AuthData]] = Operation(
    "POST",
    "/auth",
    "authenticate",
    authenticate,
    AuthResponse,
    idempotent=True,
    authenticated=False,
    max_answer=TOKEN_MAX_ANSWER,
)
# Renewal spends the refresh token, but a repeat after a lost answer fails with 401 and the
# token logic then authenticates afresh: retrying it can never do harm.
RENEW_TOKEN: Final[Operation[AuthData]] = Operation(
    "PATCH",
    "/auth",
    "renewToken",
    renew_token,
    AuthResponse,
    idempotent=True,
    authenticated=False,
    max_answer=TOKEN_MAX_ANSWER,
    deadline=RENEWAL_DEADLINE,
)
DEAUTHENTICATE: Final[Operation[Any]] = Operation(
    "DELETE", "/auth", "deauthenticate", deauthenticate, EmptyResponse, max_answer=TOKEN_MAX_ANSWER
)
# A quote stores an offer, but a repeat only stores another offer nobody refers to.
GET_QUOTE: Final[Operation[QuoteResult]] = Operation(
    "POST", "/offer", "getQuote", get_quote, QuoteResponse, idempotent=True, slow=True
)
# Issuing a policy is not idempotent and the API has no idempotency key: never retried.
ISSUE_POLICY: Final[Operation[PolicyResult]] = Operation(
    "POST", "/policy", "issuePolicy", issue_policy, PolicyResponse, idempotent=False, slow=True
)
DOWNLOAD_OFFER: Final[Operation[DocumentFiles]] = Operation(
    "GET",
    "/offer/{id}",
    "downloadOffer",
    download_offer,
    DocumentsResponse,
    slow=True,
    max_answer=DOCUMENT_MAX_ANSWER,
    deadline=DOCUMENT_DEADLINE,
)
DOWNLOAD_POLICY: Final[Operation[DocumentFiles]] = Operation(
    "GET",
    "/policy",
    "downloadPolicy",
    download_policy,
    DocumentsResponse,
    slow=True,
    max_answer=DOCUMENT_MAX_ANSWER,
    deadline=DOCUMENT_DEADLINE,
)
LIST_COUNTRIES: Final[Operation[list[Country]]] = Operation(
    "GET",
    "/nomenclature/country",
    "listCountries",
    list_countries,
    CountryListResponse,
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_COUNTIES: Final[Operation[list[County]]] = Operation(
    "GET",
    "/nomenclature/county",
    "listCounties",
    list_counties,
    CountyListResponse,
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_LOCALITIES: Final[Operation[list[Locality]]] = Operation(
    "GET",
    "/nomenclature/locality/{county_code}",
    "listLocalities",
    list_localities,
    LocalityListResponse,
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_VEHICLE_MAKES: Final[Operation[list[VehicleMake]]] = Operation(
    "GET",
    "/nomenclature/vehicle-make",
    "listVehicleMakes",
    list_vehicle_makes,
    VehicleMakeListResponse,
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_VEHICLE_MODELS: Final[Operation[list[VehicleModel]]] = Operation(
    "GET",
    "/nomenclature/vehicle-model/{make}",
    "listVehicleModels",
    list_vehicle_models,
    VehicleModelListResponse,
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
# A lookup that stores nothing.
IDENTIFY_VEHICLE_CODE: Final[Operation[list[VehicleCodeMatch]]] = Operation(
    "POST",
    "/helper/vehicle-code",
    "identifyVehicleCode",
    identify_vehicle_code,
    VehicleCodeListResponse,
    idempotent=True,
)

ALL_OPERATIONS: tuple[Operation[Any], ...] = (
    AUTHENTICATE,
    RENEW_TOKEN,
    DEAUTHENTICATE,
    GET_QUOTE,
    ISSUE_POLICY,
    DOWNLOAD_OFFER,
    DOWNLOAD_POLICY,
    LIST_COUNTRIES,
    LIST_COUNTIES,
    LIST_LOCALITIES,
    LIST_VEHICLE_MAKES,
    LIST_VEHICLE_MODELS,
    IDENTIFY_VEHICLE_CODE,
)

OPERATIONS: Mapping[str, Operation[Any]] = {
    operation.key: operation for operation in ALL_OPERATIONS
}
"""The table by wire name: ``OPERATIONS["POST /offer"] is GET_QUOTE``."""

# The client runs these itself (token flow, close): a caller sending them would break the session.
_TOKEN_OPERATIONS = (AUTHENTICATE, RENEW_TOKEN, DEAUTHENTICATE)

# One path segment that is only dots would climb out of the base URL's path.
_DOT_SEGMENT = re.compile(r"(?:^|/)\.{1,2}(?:/|$)")
_FORBIDDEN_IN_PATH = re.compile(r"[\x00-\x20\x7f\\?#]")


def find_operation(method: str, path: str) -> Operation[Any] | None:
    """The table's operation for a method and a filled-in path (``"GET", "/offer/7"``), if any."""
    return next((op for op in ALL_OPERATIONS if op.matches(method, path)), None)


def check_method(method: object) -> str:
    """`method` in upper case, or `ConfigurationError` if it is not one of `HTTP_METHODS`."""
    if not isinstance(method, str) or method.upper() not in HTTP_METHODS:
        raise ConfigurationError(
            f"method {method!r} is not one of {', '.join(sorted(HTTP_METHODS))}"
        )
    return method.upper()


def check_path(path: object) -> str:
    """`path` if it is a path under the base URL, or `ConfigurationError`.

    Only a path is accepted, never a URL: the Token header must not reach another origin.
    """
    if not isinstance(path, str):
        raise ConfigurationError(f"path must be a string, not {type(path).__name__}")
    if not path.startswith("/") or path.startswith("//"):
        # "//host/x" is a URL without its scheme: refused like "https://host/x".
        raise ConfigurationError(
            f"path {path!r} must be a path under the base URL starting with one '/', "
            "such as '/nomenclature/county', not a URL"
        )
    if _FORBIDDEN_IN_PATH.search(path):
        raise ConfigurationError(
            f"path {path!r} may not contain spaces, control characters, '\\', '?' or '#': "
            "pass the query as params="
        )
    if _DOT_SEGMENT.search(path):
        raise ConfigurationError(f"path {path!r} may not contain '.' or '..' segments")
    if any(operation.matches(operation.method, path) for operation in _TOKEN_OPERATIONS):
        raise ConfigurationError(
            f"{path} is the token flow's: the client authenticates, renews and signs out itself"
        )
    return path


def raw_operation(
    method: object, path: object, *, idempotent: bool | None = None
) -> Operation[Any]:
    """The `Operation` of a request the caller describes by method and path.

    The table's entry lends its name and its timeouts when the path is one the SDK wraps; the
    answer's `data` is always returned as JSON (no envelope model), and retries follow the
    method (`IDEMPOTENT_METHODS`) unless `idempotent` says otherwise.
    """
    method = check_method(method)
    path = check_path(path)
    if idempotent is not None and not isinstance(idempotent, bool):
        raise ConfigurationError(f"idempotent must be True, False or None, not {idempotent!r}")
    known = find_operation(method, path)
    operation: Operation[Any] = Operation(
        method,
        path,
        known.id if known is not None else f"{method} {path}",
        # An operation we know nothing about may have an insurer behind it: a read timeout too
        # long costs a wait on failure, one too short turns a slow success into an error.
        slow=known.slow if known is not None else True,
        # … and its answer size and deadline; an unknown one gets the defaults of a slow call.
        max_answer=known.max_answer if known is not None else DEFAULT_MAX_ANSWER,
        deadline=known.deadline if known is not None else SLOW_DEADLINE,
    )
    # Unless the caller says otherwise, `idempotent` keeps Operation's default: the method's.
    return operation if idempotent is None else attrs.evolve(operation, idempotent=idempotent)


_SCALARS = (str, int, float, bool)


def check_params(params: object) -> dict[str, str | int | float | bool]:
    """The query parameters as httpx takes them; None values are left out.

    Raises:
        ConfigurationError: `params` is not a mapping of str to str, int, float, bool or None.
    """
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise ConfigurationError(f"params must be a mapping, not {type(params).__name__}")
    query: dict[str, str | int | float | bool] = {}
    for name, value in params.items():
        if not isinstance(name, str):
            raise ConfigurationError(f"params keys must be strings, not {type(name).__name__}")
        if value is None:
            continue
        if not isinstance(value, _SCALARS):
            raise ConfigurationError(
                f"params[{name!r}] must be a str, int, float, bool or None, "
                f"not {type(value).__name__}"
            )
        query[name] = value
    return query


def raw_request(
    method: object,
    path: object,
    *,
    params: object = None,
    json: object = None,
    idempotent: bool | None = None,
) -> tuple[Operation[Any], dict[str, Any]]:
    """The operation of `CascoClient.request` and the arguments of its `build`, checked.

    Every check runs before anything is sent (or a token is fetched).
    """
    operation = raw_operation(method, path, idempotent=idempotent)
    arguments: dict[str, Any] = {}
    query = check_params(params)
    if query:
        arguments["params"] = query
    if json is not None:
        arguments["json"] = json
    return operation, arguments
