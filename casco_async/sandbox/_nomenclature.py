"""Reference data of the sandbox server: countries, counties, localities, vehicles.

The data are package files in ``_data/`` (built by ``scripts/build_sandbox_data.py``), read
lazily on first use and cached for the life of the process:

* counties and localities come from SIRUTA, the official classification of Romania's
  settlements (via the ``siruta.csv`` of the BSD-licensed ``sirutalib`` package); a locality's
  ``id`` is its SIRUTA code, a county's ``id`` its official INS county number;
* countries are derived at run time from ``pycountry`` (ISO 3166-1), with Romanian names from
  its ``iso3166-1`` gettext catalogue;
* the vehicle catalogue is hand-written sandbox data (makes, models and versions with realistic
  engines and list prices); vehicle codes read ``<MAKE>-<MODEL>-<ENGINE>-<yearFrom>``, e.g.
  ``DAC-LOGAN-P10K67-2021`` (see the build script for the scheme).

Every public function returns fresh ``dict`` objects, so a caller may change what it gets
without touching the cache.
"""

from __future__ import annotations

import functools
import gettext
import gzip
import json
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "counties",
    "countries",
    "county_by_code",
    "county_by_id",
    "find_version",
    "identify_vehicle",
    "localities",
    "locality_by_siruta",
    "vehicle_makes",
    "vehicle_models",
]

_PACKAGE: Final = __name__.rpartition(".")[0]
_DATA_DIR: Final = "_data"
MAX_MATCHES: Final = 10

#: Other spellings of make names, normalized (see :func:`_normalize`) -> catalogue make name.
_MAKE_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "vw": "Volkswagen",
        "mercedes": "Mercedes-Benz",
        "mb": "Mercedes-Benz",
        "alfa": "Alfa Romeo",
        "harley": "Harley-Davidson",
        "hd": "Harley-Davidson",
        "landrover": "Land Rover",
        "rangerover": "Land Rover",
        "schmitz": "Schmitz Cargobull",
        "mgmotor": "MG",
        "dsautomobiles": "DS",
        "vespa": "Piaggio",
    }
)

# Scoring of identify_vehicle(): lower is better.
_MAX_TERM: Final = 3.0  # cap of one relative-difference term
_MODEL_FUZZY: Final = 1.0  # model matched by prefix or alias, not by name
_FUEL_NEAR: Final[Mapping[frozenset[str], float]] = MappingProxyType(
    {
        frozenset({"petrol", "hybrid"}): 1.0,
        frozenset({"diesel", "hybrid"}): 1.0,
        frozenset({"petrol", "lpg"}): 0.5,
    }
)
_FUEL_MISMATCH: Final = 3.0


# ---------------------------------------------------------------------------------- loading


def _read(name: str) -> bytes:
    return resources.files(_PACKAGE).joinpath(_DATA_DIR).joinpath(name).read_bytes()


def _normalize(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive key: ``"Citroën C3"`` -> ``"citroenc3"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.casefold() if ch.isalnum())


def _sort_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _freeze(items: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    return tuple(MappingProxyType(dict(item)) for item in items)


def _thaw(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [dict(item) for item in items]


@functools.cache
def _countries() -> tuple[Mapping[str, Any], ...]:
    import pycountry  # the sandbox extra; imported only when countries are asked for

    translate: Callable[[str], str]
    try:
        translate = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=["ro"]
        ).gettext
    except OSError:  # no Romanian catalogue: English names only
        translate = str
    rows = [
        {
            "iso2": country.alpha_2,
            "iso3": country.alpha_3,
            "name": country.name,
            "nameRO": translate(country.name) or country.name,
        }
        for country in pycountry.countries
    ]
    rows.sort(key=lambda row: row["iso2"])
    return _freeze(rows)


@functools.cache
def _counties() -> tuple[Mapping[str, Any], ...]:
    data: list[dict[str, Any]] = json.loads(_read("counties.json"))
    return _freeze(data)


@dataclass(frozen=True)
class _Localities:
    by_county: Mapping[str, tuple[Mapping[str, Any], ...]]
    by_siruta: Mapping[int, Mapping[str, Any]]
    aliases: Mapping[int, int]


@functools.cache
def _localities() -> _Localities:
    data: dict[str, Any] = json.loads(gzip.decompress(_read("localities.json.gz")))
    rows = _freeze(data["localities"])
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["countyCode"], []).append(row)
    return _Localities(
        by_county=MappingProxyType({code: tuple(items) for code, items in grouped.items()}),
        by_siruta=MappingProxyType({row["siruta"]: row for row in rows}),
        aliases=MappingProxyType({int(k): int(v) for k, v in data["aliases"].items()}),
    )


@dataclass(frozen=True)
class _Model:
    id: int
    name: str
    make: str
    keys: frozenset[str]  # normalized name and aliases
    versions: tuple[Mapping[str, Any], ...]


@dataclass(frozen=True)
class _Make:
    id: int
    name: str
    key: str
    models: tuple[_Model, ...]


@dataclass(frozen=True)
class _Catalogue:
    makes: tuple[_Make, ...]
    by_key: Mapping[str, _Make]
    by_code: Mapping[str, tuple[_Make, _Model, Mapping[str, Any]]]


@functools.cache
def _catalogue() -> _Catalogue:
    data: dict[str, Any] = json.loads(_read("vehicles.json"))
    makes: list[_Make] = []
    by_code: dict[str, tuple[_Make, _Model, Mapping[str, Any]]] = {}
    for raw_make in data["makes"]:
        models = tuple(
            _Model(
                id=raw_model["id"],
                name=raw_model["name"],
                make=raw_make["name"],
                keys=frozenset(
                    _normalize(label) for label in (raw_model["name"], *raw_model["aliases"])
                ),
                versions=_freeze(raw_model["versions"]),
            )
            for raw_model in raw_make["models"]
        )
        make = _Make(raw_make["id"], raw_make["name"], _normalize(raw_make["name"]), models)
        makes.append(make)
        for model in models:
            for version in model.versions:
                by_code[version["code"]] = (make, model, version)
    by_key = {make.key: make for make in makes}
    for alias, name in _MAKE_ALIASES.items():
        by_key.setdefault(alias, by_key[_normalize(name)])
    return _Catalogue(tuple(makes), MappingProxyType(by_key), MappingProxyType(by_code))


# ------------------------------------------------------------------------------ geography


def countries() -> list[dict[str, Any]]:
    """ISO 3166-1 countries, ``{iso2, iso3, name, nameRO}``, ordered by ``iso2``.

    ``name`` is the ISO English short name; ``nameRO`` its Romanian translation from pycountry's
    catalogue (``"România"`` for RO), or the English name where there is none.
    """
    return _thaw(_countries())


def counties() -> list[dict[str, Any]]:
    """Romania's 41 counties and București, ``{id, code, name, siruta, country}``.

    ``id`` is the official INS county number (Alba 1 … Vrancea 39, București 40, Călărași 51,
    Giurgiu 52), ``code`` the 2-letter plate code (``B`` for București), ``siruta`` the
    county's SIRUTA code. Ordered by name.
    """
    return _thaw(_counties())


def county_by_code(code: str) -> dict[str, Any] | None:
    """The county with plate code ``code`` (``"CJ"``, ``"b"``; case-insensitive), or ``None``."""
    wanted = code.strip().upper()
    for county in _counties():
        if county["code"] == wanted:
            return dict(county)
    return None


def county_by_id(county_id: int) -> dict[str, Any] | None:
    """The county whose INS number is ``county_id``, or ``None``."""
    for county in _counties():
        if county["id"] == county_id:
            return dict(county)
    return None


def localities(county_id: int) -> list[dict[str, Any]]:
    """The localities of a county, ``{id, rang, name, countyCode, siruta}``.

    ``county_id`` is the county's ``id`` (its INS number). ``id`` equals ``siruta``; ``rang`` is
    1 București, 2 municipality, 3 town, 4 commune, 5 village (or other component locality).
    Ordered by rang, then name. An unknown county gives an empty list, as the vendor's API does.
    """
    county = county_by_id(county_id)
    if county is None:
        return []
    return _thaw(_localities().by_county.get(county["code"], ()))


def locality_by_siruta(siruta: int) -> dict[str, Any] | None:
    """The locality with this SIRUTA code, or ``None``.

    The seat of a municipality or town (e.g. 54984, the town proper of Cluj-Napoca) and the six
    sectors of București are not listed as localities of their own: their codes resolve to the
    municipality, town or București they belong to (so the returned ``siruta`` may differ).
    """
    data = _localities()
    row = data.by_siruta.get(siruta)
    if row is None and siruta in data.aliases:
        row = data.by_siruta.get(data.aliases[siruta])
    return None if row is None else dict(row)


# -------------------------------------------------------------------------------- vehicles


def _find_make(make: str) -> _Make | None:
    catalogue = _catalogue()
    text = make.strip()
    if text.isascii() and text.isdigit():  # "³".isdigit() is true, and int() refuses it
        for candidate in catalogue.makes:
            if candidate.id == int(text):
                return candidate
        return None
    return catalogue.by_key.get(_normalize(text))


def vehicle_makes() -> list[dict[str, Any]]:
    """Vehicle makes, ``{id, name}``, ordered by name; ids are stable across releases."""
    makes = sorted(_catalogue().makes, key=lambda make: _sort_key(make.name))
    return [{"id": make.id, "name": make.name} for make in makes]


def vehicle_models(make: str) -> list[dict[str, Any]]:
    """The models of a make, ``{id, make, name}``, ordered by name.

    ``make`` is matched ignoring case, diacritics and punctuation (``"citroen"``,
    ``"MERCEDES BENZ"``), a few common short forms (``"VW"``) or the make's numeric ``id``.
    An unknown make gives an empty list.
    """
    found = _find_make(make)
    if found is None:
        return []
    models = sorted(found.models, key=lambda model: _sort_key(model.name))
    return [{"id": model.id, "make": found.name, "name": model.name} for model in models]


def find_version(code: str) -> dict[str, Any] | None:
    """The catalogue version with this vehicle code (case-insensitive), or ``None``.

    Returns ``{code, makeId, brand, modelId, model, version, vehicleType, yearFrom, yearTo,
    engineDisplacement, enginePower, fuelType, seats, totalWeight, marketValue}``; ``yearTo``
    is ``None`` for a version still sold, ``marketValue`` the new-vehicle list price in RON.
    """
    entry = _catalogue().by_code.get(code.strip().upper())
    if entry is None:
        return None
    make, model, version = entry
    return {
        "code": version["code"],
        "makeId": make.id,
        "brand": make.name,
        "modelId": model.id,
        "model": model.name,
        "version": version["version"],
        "vehicleType": version["vehicleType"],
        "yearFrom": version["yearFrom"],
        "yearTo": version["yearTo"],
        "engineDisplacement": version["engineDisplacement"],
        "enginePower": version["enginePower"],
        "fuelType": version["fuelType"],
        "seats": version["seats"],
        "totalWeight": version["totalWeight"],
        "marketValue": version["marketValue"],
    }


def _number(value: Any) -> float | None:
    """A positive number from an int, float or numeric string; anything else is ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) and number > 0 else None


def _relative(wanted: float | None, actual: Any) -> float:
    """Penalty for a relative difference: 0 when equal or not asked, 10 per 100 %, capped."""
    if wanted is None:
        return 0.0
    if actual is None:
        return _MAX_TERM
    return min(abs(wanted - float(actual)) / float(actual) * 10.0, _MAX_TERM)


def _fuel_penalty(wanted: str | None, actual: str) -> float:
    if wanted is None or wanted == actual:
        return 0.0
    return _FUEL_NEAR.get(frozenset({wanted, actual}), _FUEL_MISMATCH)


def _type_penalty(wanted: str | None, actual: str) -> float | None:
    """Penalty for the vehicle category; ``None`` when the categories cannot be the same vehicle
    (a car is no motorcycle, trailer or tractor)."""
    if wanted is None or wanted.upper() == actual.upper():
        return 0.0
    want, have = wanted.upper(), actual.upper()
    if want.rstrip("G") == have.rstrip("G"):
        return 0.25  # off-road variant (M1 / M1G)
    if want[0] == have[0]:
        return 1.0  # same category, other class (N1 / N2, L1e / L3e)
    if {want[0], have[0]} == {"M", "N"}:
        return 2.0  # passenger car / van body of the same model
    return None


def _matching_models(make: _Make, model: str) -> list[tuple[_Model, float]]:
    """Models named ``model`` (penalty 0), else those whose name starts the other (penalty 1)."""
    key = _normalize(model)
    if not key:
        return []
    exact = [(candidate, 0.0) for candidate in make.models if key in candidate.keys]
    if exact:
        return exact
    fuzzy: list[tuple[_Model, float]] = []
    for candidate in make.models:
        if any(
            len(name) >= 2 and (key.startswith(name) or name.startswith(key))
            for name in candidate.keys
        ):
            fuzzy.append((candidate, _MODEL_FUZZY))
    return fuzzy if len(key) >= 2 else []


def _year(value: Any) -> int | None:
    number = _number(value)
    return None if number is None or not number.is_integer() else int(number)


def identify_vehicle(vehicle: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The catalogue versions matching a ``VehicleData`` body, best first (at most 10).

    ``brand`` and ``model`` are compared ignoring case, diacritics and punctuation (a model may
    also match by a known alias, or by prefix: ``"Golf Variant"`` finds ``Golf``); the version
    must have been built in ``yearOfConstruction`` (``yearFrom <= year <= yearTo``, an open
    ``yearTo`` meaning still sold). Candidates are ranked by closeness of ``engineDisplacement``
    and ``enginePower`` (relative difference), ``fuelType``, ``vehicleType``, ``seats`` and
    ``totalWeight``; a category that cannot be the same vehicle (a car for an ``L3e``) is
    excluded. Numbers may be sent as strings.

    Each match is ``{code, brand, model, version, yearFrom, yearTo, engineDisplacement,
    enginePower, fuelType, marketValue}``. Nothing matching gives an empty list.
    """
    brand, model = vehicle.get("brand"), vehicle.get("model")
    if not isinstance(brand, str) or not isinstance(model, str):
        return []
    make = _find_make(brand)
    if make is None:
        return []
    year = _year(vehicle.get("yearOfConstruction"))
    raw_type = vehicle.get("vehicleType")
    wanted_type = raw_type.strip() if isinstance(raw_type, str) and raw_type.strip() else None
    raw_fuel = vehicle.get("fuelType")
    wanted_fuel = raw_fuel.strip().lower() or None if isinstance(raw_fuel, str) else None
    displacement = _number(vehicle.get("engineDisplacement"))
    power = _number(vehicle.get("enginePower"))
    seats = _number(vehicle.get("seats"))
    weight = _number(vehicle.get("totalWeight"))

    ranked: list[tuple[float, int, str, _Model, Mapping[str, Any]]] = []
    for candidate, model_penalty in _matching_models(make, model):
        for version in candidate.versions:
            year_to = version["yearTo"]
            if year is not None and (
                year < version["yearFrom"] or (year_to is not None and year > year_to)
            ):
                continue
            type_penalty = _type_penalty(wanted_type, version["vehicleType"])
            if type_penalty is None:
                continue
            score = (
                model_penalty
                + type_penalty
                + _relative(displacement, version["engineDisplacement"])
                + _relative(power, version["enginePower"])
                + _fuel_penalty(wanted_fuel, version["fuelType"])
                + (0.5 if seats is not None and seats != version["seats"] else 0.0)
                + _relative(weight, version["totalWeight"]) / 5.0
            )
            ranked.append(
                (round(score, 6), -version["yearFrom"], version["code"], candidate, version)
            )
    ranked.sort(key=lambda item: item[:3])
    return [
        {
            "code": version["code"],
            "brand": make.name,
            "model": candidate.name,
            "version": version["version"],
            "yearFrom": version["yearFrom"],
            "yearTo": version["yearTo"],
            "engineDisplacement": version["engineDisplacement"],
            "enginePower": version["enginePower"],
            "fuelType": version["fuelType"],
            "marketValue": version["marketValue"],
        }
        for _, _, _, candidate, version in ranked[:MAX_MATCHES]
    ]
