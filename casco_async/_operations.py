"""What the client needs to know about each of the API's 13 operations, in one table.

Each operation is keyed by what goes over the wire, ``"POST /offer"``: its HTTP method and path
template, never a name the vendor chooses. The entry names the generated module (whose
`_get_kwargs` builds the request) and the generated envelope model that parses the answer, both
imported when the operation is first sent, and says what the generator cannot know: whether
an automatic retry is safe, and how slow the operation may be. `CascoClient.request` describes
the operations the SDK does not wrap yet with the same `Operation`, built from the method and
path it is given (`raw_operation`).

`Operation[T]` carries the type of its answer's `data`, so the pipeline's `call` returns a `T`
and each namespace method is one typed line.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final, Generic, Protocol, TypeVar

import attrs

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

GENERATED_API: Final = "casco_async_generated.api"
"""The package of the generated operation modules (`Operation.module_name` is under it)."""
GENERATED_MODELS: Final = "casco_async_generated.models"
"""The package of the generated models (`Operation.envelope_name` is one of its names)."""

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
        module_name: The generated module whose `_get_kwargs(...)` builds the request, under
            `casco_async_generated.api` (``"products.get_quote"``). None for an operation the
            SDK does not wrap (`CascoClient.request` builds those itself).
        envelope_name: The generated model of the success envelope, in
            `casco_async_generated.models` (``"QuoteResponse"``); None: `data` is returned as
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

    The generated module and model are named, not imported: they are imported the first time
    the operation builds a request (`module`, `envelope`), so that importing the SDK does not
    import the whole generated client.
    """

    method: str
    path: str
    id: str
    module_name: str | None = attrs.field(default=None, repr=False)
    envelope_name: str | None = attrs.field(default=None, repr=False)
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
    # (module, envelope) once imported: an empty list until the first `build`.
    _generated: list[tuple[ModuleType | None, type[EnvelopeModel] | None]] = attrs.field(
        factory=list, init=False, repr=False, eq=False
    )

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

    @property
    def module(self) -> ModuleType | None:
        """The generated module (`module_name`), imported on first use."""
        return self._import_generated()[0]

    @property
    def envelope(self) -> type[EnvelopeModel] | None:
        """The generated envelope model (`envelope_name`), imported on first use."""
        return self._import_generated()[1]

    def _import_generated(self) -> tuple[ModuleType | None, type[EnvelopeModel] | None]:
        """The generated module and envelope model, imported together, once.

        Both at once, from `build`: an operation whose answer could not be parsed fails before
        its request is sent, not after (a policy issued but unreadable).

        Raises:
            ImportError: either is missing from the generated client (say, regenerated from a
                document the pins no longer match); the message names the operation by method
                and path.
        """
        if self._generated:
            return self._generated[0]
        module = envelope = None
        if self.module_name is not None:
            module = self._import(f"{GENERATED_API}.{self.module_name}", "module")
        if self.envelope_name is not None:
            models = self._import(GENERATED_MODELS, "models")
            try:  # the models package imports the model's own module here (PEP 562)
                envelope = getattr(models, self.envelope_name)
            except (ImportError, AttributeError) as exc:
                what = f"envelope model {GENERATED_MODELS}.{self.envelope_name}"
                raise self._missing(what, exc) from exc
        self._generated.append((module, envelope))
        return module, envelope

    def _import(self, name: str, what: str) -> ModuleType:
        try:
            return importlib.import_module(name)
        except ImportError as exc:
            raise self._missing(f"{what} {name}", exc) from exc

    def _missing(self, what: str, exc: Exception) -> ImportError:
        # Named by the wire (method and path), which the pins keep, then by the pinned id.
        return ImportError(
            f"{self.key} ({self.id}): the generated client has no usable {what} "
            f"({type(exc).__name__}: {exc}); regenerate it with `make generate`"
        )

    def build(self, **arguments: Any) -> dict[str, Any]:
        """The httpx request arguments, built by the generated code.

        An operation the SDK does not wrap (`raw_operation`) takes httpx's own `params` and
        `json` instead, checked by `raw_request`.

        Raises:
            ImportError: the generated module or envelope model is missing (see `module`).
        """
        module = self.module
        if module is None:
            unknown = set(arguments) - {"params", "json"}
            if unknown:
                raise TypeError(f"{self.key} takes only params and json, not {sorted(unknown)}")
            return {"method": self.method, "url": self.path, **arguments}
        built: dict[str, Any] = module._get_kwargs(**arguments)
        return built


AUTHENTICATE: Final[Operation[AuthData]] = Operation(
    "POST",
    "/auth",
    "authenticate",
    "authentication.authenticate",
    "AuthResponse",
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
    "authentication.renew_token",
    "AuthResponse",
    idempotent=True,
    authenticated=False,
    max_answer=TOKEN_MAX_ANSWER,
    deadline=RENEWAL_DEADLINE,
)
DEAUTHENTICATE: Final[Operation[Any]] = Operation(
    "DELETE",
    "/auth",
    "deauthenticate",
    "authentication.deauthenticate",
    "EmptyResponse",
    max_answer=TOKEN_MAX_ANSWER,
)
# A quote stores an offer, but a repeat only stores another offer nobody refers to.
GET_QUOTE: Final[Operation[QuoteResult]] = Operation(
    "POST", "/offer", "getQuote", "products.get_quote", "QuoteResponse", idempotent=True, slow=True
)
# Issuing a policy is not idempotent and the API has no idempotency key: never retried.
ISSUE_POLICY: Final[Operation[PolicyResult]] = Operation(
    "POST",
    "/policy",
    "issuePolicy",
    "products.issue_policy",
    "PolicyResponse",
    idempotent=False,
    slow=True,
)
DOWNLOAD_OFFER: Final[Operation[DocumentFiles]] = Operation(
    "GET",
    "/offer/{id}",
    "downloadOffer",
    "products.download_offer",
    "DocumentsResponse",
    slow=True,
    max_answer=DOCUMENT_MAX_ANSWER,
    deadline=DOCUMENT_DEADLINE,
)
DOWNLOAD_POLICY: Final[Operation[DocumentFiles]] = Operation(
    "GET",
    "/policy",
    "downloadPolicy",
    "products.download_policy",
    "DocumentsResponse",
    slow=True,
    max_answer=DOCUMENT_MAX_ANSWER,
    deadline=DOCUMENT_DEADLINE,
)
LIST_COUNTRIES: Final[Operation[list[Country]]] = Operation(
    "GET",
    "/nomenclature/country",
    "listCountries",
    "nomenclature.list_countries",
    "CountryListResponse",
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_COUNTIES: Final[Operation[list[County]]] = Operation(
    "GET",
    "/nomenclature/county",
    "listCounties",
    "nomenclature.list_counties",
    "CountyListResponse",
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_LOCALITIES: Final[Operation[list[Locality]]] = Operation(
    "GET",
    "/nomenclature/locality/{county_code}",
    "listLocalities",
    "nomenclature.list_localities",
    "LocalityListResponse",
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_VEHICLE_MAKES: Final[Operation[list[VehicleMake]]] = Operation(
    "GET",
    "/nomenclature/vehicle-make",
    "listVehicleMakes",
    "nomenclature.list_vehicle_makes",
    "VehicleMakeListResponse",
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
LIST_VEHICLE_MODELS: Final[Operation[list[VehicleModel]]] = Operation(
    "GET",
    "/nomenclature/vehicle-model/{make}",
    "listVehicleModels",
    "nomenclature.list_vehicle_models",
    "VehicleModelListResponse",
    max_answer=NOMENCLATURE_MAX_ANSWER,
)
# A lookup that stores nothing.
IDENTIFY_VEHICLE_CODE: Final[Operation[list[VehicleCodeMatch]]] = Operation(
    "POST",
    "/helper/vehicle-code",
    "identifyVehicleCode",
    "helper.identify_vehicle_code",
    "VehicleCodeListResponse",
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
