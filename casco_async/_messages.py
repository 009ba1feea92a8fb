"""Every message the SDK's validation and the sandbox write, in English and Romanian: one catalogue.

The request validator (``_validation``) and the embedded sandbox (``sandbox``) must say the same
thing in the same words - the sandbox answers a bad request with the validator's field messages -
and agree on which languages are Romanian. Placeholders use ``str.format`` names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["has_message", "is_plural", "is_romanian", "message", "plural_message"]


def is_romanian(lang: str) -> bool:
    """``ro``, ``ro-RO``, ``ro_RO`` (a ``Content-Language`` with a region, or a locale name)."""
    return lang.strip().lower().replace("_", "-").split("-")[0] == "ro"


# Field messages (Symfony validator texts): key -> (English, Romanian).
_FIELD_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "blank": ("This value should not be blank.", "Această valoare nu trebuie să fie goală."),
    "null": ("This value should not be null.", "Această valoare nu trebuie să fie nulă (null)."),
    "type": (
        "This value should be of type {type}.",
        "Această valoare trebuie să fie de tipul {type}.",
    ),
    "choice": (
        "The value you selected is not a valid choice.",
        "Valoarea selectată nu este o opțiune validă.",
    ),
    "gte": (
        "This value should be greater than or equal to {value}.",
        "Această valoare trebuie să fie mai mare sau egală cu {value}.",
    ),
    "gt": (
        "This value should be greater than {value}.",
        "Această valoare trebuie să fie mai mare de {value}.",
    ),
    "lte": (
        "This value should be less than or equal to {value}.",
        "Această valoare trebuie să fie mai mică sau egală cu {value}.",
    ),
    "lt": (
        "This value should be less than {value}.",
        "Această valoare trebuie să fie mai mică de {value}.",
    ),
    "between": (
        "This value should be between {min} and {max}.",
        "Această valoare trebuie să fie între {min} și {max}.",
    ),
    "regex": ("This value is not valid.", "Această valoare nu este validă."),
    "date": ("This value is not a valid date.", "Această valoare nu reprezintă o dată validă."),
    "datetime": (
        "This value is not a valid datetime.",
        "Această valoare nu reprezintă o dată și oră validă.",
    ),
    "email": (
        "This value is not a valid email address.",
        "Această valoare nu reprezintă o adresă de e-mail validă.",
    ),
    "number": (
        "This value should be a valid number.",
        "Această valoare nu reprezintă un număr valid.",
    ),
    "cnp": ("This value is not a valid CNP.", "Această valoare nu este un CNP valid."),
    "cui": ("This value is not a valid CUI.", "Această valoare nu este un CUI valid."),
    "equal": (
        "This value should be equal to {value}.",
        "Această valoare trebuie să fie egală cu {value}.",
    ),
}

# key -> (English forms [one, other], Romanian forms [one, few, many]); Symfony's plural rules.
_PLURAL_MESSAGES: Final[Mapping[str, tuple[tuple[str, str], tuple[str, str, str]]]] = {
    "count_min": (
        (
            "This collection should contain {limit} element or more.",
            "This collection should contain {limit} elements or more.",
        ),
        (
            "Această colecție trebuie să conțină cel puțin {limit} element.",
            "Această colecție trebuie să conțină cel puțin {limit} elemente.",
            "Această colecție trebuie să conțină cel puțin {limit} de elemente.",
        ),
    ),
    "count_max": (
        (
            "This collection should contain {limit} element or less.",
            "This collection should contain {limit} elements or less.",
        ),
        (
            "Această colecție trebuie să conțină cel mult {limit} element.",
            "Această colecție trebuie să conțină cel mult {limit} elemente.",
            "Această colecție trebuie să conțină cel mult {limit} de elemente.",
        ),
    ),
    "length_min": (
        (
            "This value is too short. It should have {limit} character or more.",
            "This value is too short. It should have {limit} characters or more.",
        ),
        (
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} caracter.",
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} caractere.",
            "Această valoare este prea scurtă. Trebuie să aibă minim {limit} de caractere.",
        ),
    ),
    "length_max": (
        (
            "This value is too long. It should have {limit} character or less.",
            "This value is too long. It should have {limit} characters or less.",
        ),
        (
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} caracter.",
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} caractere.",
            "Această valoare este prea lungă. Trebuie să aibă maxim {limit} de caractere.",
        ),
    ),
}


# The API's own messages (the sandbox answers them): key -> (English, Romanian).
_API_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {
    "validation": ("VALIDATION_ERROR", "VALIDATION_ERROR"),
    "token_missing": ("Missing token", "Lipsește tokenul"),
    "token_invalid": ("Invalid or expired token", "Token invalid sau expirat"),
    "token_expired": ("Expired token", "Token expirat"),
    "credentials": ("Invalid credentials", "Date de autentificare invalide"),
    "refresh_invalid": ("Invalid refresh token", "Token de reîmprospătare invalid"),
    "refresh_spent": (
        "Refresh token already used",
        "Tokenul de reîmprospătare a fost deja folosit",
    ),
    "refresh_expired": ("Expired refresh token", "Token de reîmprospătare expirat"),
    "not_found": ("Not found", "Resursa nu a fost găsită"),
    "method": ("Method not allowed", "Metodă nepermisă"),
    "offer_not_found": ("Offer not found", "Oferta nu a fost găsită"),
    "policy_not_found": ("Policy not found", "Polița nu a fost găsită"),
    "offer_expired": ("The offer has expired", "Oferta a expirat"),
    "policy_exists": (
        "A valid policy already exists for this offer",
        "Există deja o poliță validă pentru această ofertă",
    ),
    "insurer_disabled": (
        "Insurer not available for this account",
        "Asigurătorul nu este disponibil pentru acest cont",
    ),
    "insurer_unknown": ("Unknown insurer.", "Asigurător necunoscut."),
    "rate_limited": ("Too many requests", "Prea multe cereri"),
    "server_500": ("Internal server error", "Eroare internă a serverului"),
    "server_502": (
        "Bad gateway: the insurer did not answer",
        "Eroare de comunicare cu asigurătorul",
    ),
    "server_503": ("Service unavailable", "Serviciu indisponibil"),
    "server_5xx": ("Server error", "Eroare de server"),
    "body_json": (
        "The request body must be valid JSON.",
        "Corpul cererii trebuie să fie JSON valid.",
    ),
    "body_type": (
        "The request body must be JSON (Content-Type: application/json).",
        "Corpul cererii trebuie să fie JSON (Content-Type: application/json).",
    ),
    "body_size": ("The request body is too large.", "Corpul cererii este prea mare."),
    "payment_currency": (
        "The payment currency must be the offer's currency ({currency}).",
        "Moneda plății trebuie să fie moneda ofertei ({currency}).",
    ),
    "payment_amount": (
        "The payment must cover at least the first installment ({amount} {currency}).",
        "Plata trebuie să acopere cel puțin prima rată ({amount} {currency}).",
    ),
}

_MESSAGES: Final[Mapping[str, tuple[str, str]]] = {**_FIELD_MESSAGES, **_API_MESSAGES}


def message(key: str, lang: str, **params: object) -> str:
    """The message ``key`` in ``lang`` (Romanian, or else English), placeholders filled in."""
    english, romanian = _MESSAGES[key]
    return (romanian if is_romanian(lang) else english).format(**params)


def has_message(key: str) -> bool:
    """Whether the catalogue has a (not plural) message ``key``."""
    return key in _MESSAGES


def is_plural(key: str) -> bool:
    """Whether ``key`` is a message whose wording depends on a count."""
    return key in _PLURAL_MESSAGES


def _plural_index(count: int, romanian: bool) -> int:
    if not romanian:
        return 0 if count == 1 else 1
    # Symfony's Romanian rule: 1 -> one; 0 and n % 100 in 1..19 -> few; otherwise "de" form.
    if count == 1:
        return 0
    return 1 if count == 0 or 0 < count % 100 < 20 else 2


def plural_message(key: str, count: int, lang: str, **params: object) -> str:
    """The message ``key`` for ``count`` things, with Symfony's plural rules for ``lang``."""
    romanian = is_romanian(lang)
    english, romanian_forms = _PLURAL_MESSAGES[key]
    forms = romanian_forms if romanian else english
    return forms[_plural_index(count, romanian)].format(**params)
