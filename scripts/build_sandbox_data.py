#!/usr/bin/env python3
"""Build the reference data shipped with the casco-async sandbox server.

Writes into ``casco_async/sandbox/_data/``:

``counties.json``
    Romania's 41 counties and București, ``{id, code, name, siruta, country}``.
``localities.json.gz``
    ``{"localities": [{id, rang, name, countyCode, siruta}, ...], "aliases": {siruta: siruta}}``,
    every municipality, town, commune and village of the SIRUTA classification.
``vehicles.json``
    The vehicle catalogue of ``scripts/data/vehicle_catalogue.txt`` (format below).

Sources
-------
* SIRUTA (the official classification of Romania's settlements, maintained by the National
  Institute of Statistics, INS) as shipped in the ``siruta.csv`` of the PyPI package
  ``sirutalib`` (BSD-3-Clause, (c) 2012-2021 Andrei Cipu). The official county numbers (``JUD``)
  and SIRUTA codes are taken verbatim; the 2-letter plate codes are the statutory vehicle
  registration codes (``COUNTY_PLATE_CODES`` below).
* The vehicle catalogue is hand-written for the sandbox from public manufacturer data (engine
  displacement and power, approximate list prices). It is illustrative, not authoritative.

Usage::

    python scripts/build_sandbox_data.py             # regenerate the files
    python scripts/build_sandbox_data.py --check     # exit 1 if the shipped files are stale
    python scripts/build_sandbox_data.py --siruta-csv path/to/siruta.csv

The output is deterministic (sorted, compact JSON, gzip with mtime 0), so regenerating from the
same inputs gives byte-identical files.

Vehicle catalogue format
------------------------
``scripts/data/vehicle_catalogue.txt`` is UTF-8 text, one record a line, fields separated by
``|`` (spaces around fields are ignored); blank lines and lines starting with ``#`` are
comments. A line-based format rather than JSON or YAML keeps each version on one line, so an
edit is a one-line diff and the make/model nesting needs no indentation. Three kinds of line::

    @ <make id> | <make name> | <MAKE CODE>
    = <model name> | <MODEL CODE> | <default vehicleType> | <default seats or -> [| aliases=a;b]
    <version> | <yearFrom> | <yearTo or -> | <cm³ or -> | <kW or -> | <fuel> | <totalWeight kg>
        | <list price EUR incl. VAT> [| vt=<vehicleType>] [| seats=<n>] [| sfx=<code suffix>]

(a version is written on a single line; it is wrapped here only to fit). A ``=`` model line
belongs to the ``@`` make above it, a version line to the ``=`` model above it. Example::

    @ 1 | Dacia | DAC
    = Logan | LOGAN | M1 | 5
    III 1.0 TCe 90 | 2021 | - | 999 | 67 | P | 1550 | 12900

fuel: P petrol, D diesel, E electric, H hybrid (full and plug-in hybrids, and the Stellantis
48 V "Hybrid" drives that can move on electricity alone), G lpg (bi-fuel petrol/LPG),
N none (trailers). Belt-starter 48 V mild hybrids (VW eTSI, Ford mHEV, Suzuki SHVS, ...)
are listed under their combustion fuel. totalWeight is the maximum authorised mass.
Trailers (vehicleType O1-O4) and only trailers have fuel N and ``-`` for cm³ and kW; electric
vehicles have ``-`` for cm³; every other vehicle needs both.

Vehicle code: ``<MAKE CODE>-<MODEL CODE>-<ENGINE><sfx>-<yearFrom>``, where ENGINE is
``<fuel letter><displacement in dl, 2 digits>K<kW>`` for combustion and hybrid engines,
``EK<kW>`` for electric vehicles and ``T<totalWeight>`` for trailers (O1-O4),
e.g. ``DAC-LOGAN-P10K67-2021`` = Dacia Logan, petrol 1.0 l, 67 kW, from 2021.

Ids are stable: a make's id is written in the file; a model's id is make id * 100 + its
position (1-based) in the make's list. Append new models at the end of their make and new
makes with a new id; never reuse or reorder.

marketValue (RON) = list price in EUR x ``EUR_RON``, rounded to 100 RON.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "casco_async" / "sandbox" / "_data"

# ---------------------------------------------------------------------------------------------
# Counties and localities (SIRUTA)
# ---------------------------------------------------------------------------------------------

#: Statutory 2-letter vehicle registration (plate) code of each county, by INS county number.
COUNTY_PLATE_CODES: dict[int, str] = {
    1: "AB",  # Alba
    2: "AR",  # Arad
    3: "AG",  # Argeș
    4: "BC",  # Bacău
    5: "BH",  # Bihor
    6: "BN",  # Bistrița-Năsăud
    7: "BT",  # Botoșani
    8: "BV",  # Brașov
    9: "BR",  # Brăila
    10: "BZ",  # Buzău
    11: "CS",  # Caraș-Severin
    12: "CJ",  # Cluj
    13: "CT",  # Constanța
    14: "CV",  # Covasna
    15: "DB",  # Dâmbovița
    16: "DJ",  # Dolj
    17: "GL",  # Galați
    18: "GJ",  # Gorj
    19: "HR",  # Harghita
    20: "HD",  # Hunedoara
    21: "IL",  # Ialomița
    22: "IS",  # Iași
    23: "IF",  # Ilfov
    24: "MM",  # Maramureș
    25: "MH",  # Mehedinți
    26: "MS",  # Mureș
    27: "NT",  # Neamț
    28: "OT",  # Olt
    29: "PH",  # Prahova
    30: "SM",  # Satu Mare
    31: "SJ",  # Sălaj
    32: "SB",  # Sibiu
    33: "SV",  # Suceava
    34: "TR",  # Teleorman
    35: "TM",  # Timiș
    36: "TL",  # Tulcea
    37: "VS",  # Vaslui
    38: "VL",  # Vâlcea
    39: "VN",  # Vrancea
    40: "B",  # București
    51: "CL",  # Călărași
    52: "GR",  # Giurgiu
}

#: SIRUTA ``TIP`` (type of unit) -> vendor ``rang``; ``None`` = not listed as a locality of its
#: own (the seat of a municipality or town is the same place as the municipality or town).
SIRUTA_TIP_RANG: dict[int, int | None] = {
    1: 2,  # municipality, county seat
    2: 3,  # town
    3: 4,  # commune
    4: 2,  # municipality, other than the county seat
    5: 3,  # town, county seat
    6: None,  # sector of București (aliased to București)
    9: None,  # component locality, seat of a municipality (aliased to the municipality)
    10: 5,  # component locality of a municipality, other than its seat
    11: 5,  # village belonging to a municipality
    17: None,  # component locality, seat of a town (aliased to the town)
    18: 5,  # component locality of a town, other than its seat
    19: 5,  # village belonging to a town
    22: 5,  # village, seat of a commune
    23: 5,  # village of a commune, other than its seat
}
SIRUTA_TIP_COUNTY = 40
BUCHAREST_COUNTY_ID = 40

_LOWERCASE_WORDS = frozenset(
    {"de", "din", "lui", "cu", "sub", "pe", "la", "cel", "peste", "și", "dintre", "lângă", "spre"}
)
_NAME_PREFIXES = ("JUDEȚUL ", "MUNICIPIUL ", "ORAȘ ", "ORAŞ ")


def romanian_title(raw: str) -> str:
    """Turn an upper-case SIRUTA name into its usual spelling: ``BAIA DE ARIEȘ`` -> ``Baia de
    Arieș``, ``CLUJ-NAPOCA`` -> ``Cluj-Napoca``, ``C.A. ROSETTI`` -> ``C.A. Rosetti``."""
    name = re.sub(r"\s+", " ", raw.strip())
    name = re.sub(r"\s*-\s*", "-", name)
    for prefix in _NAME_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :].strip()
    parts = re.split(r"([ .\-])", name)
    out: list[str] = []
    first = True
    for part in parts:
        if part in {" ", ".", "-", ""}:
            out.append(part)
            continue
        low = part.lower()
        if not first and low in _LOWERCASE_WORDS:
            out.append(low)
        else:
            out.append(low[:1].upper() + low[1:])
        first = False
    return "".join(out)


def sort_key(text: str) -> str:
    """Diacritic- and case-insensitive sort key."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def default_siruta_csv() -> Path:
    """Locate ``siruta.csv`` inside the installed ``sirutalib`` distribution."""
    dist = metadata.distribution("sirutalib")
    for file in dist.files or ():
        if file.name == "siruta.csv":
            return Path(str(dist.locate_file(file)))
    raise FileNotFoundError("siruta.csv not found in the sirutalib distribution")


@dataclass
class SirutaData:
    counties: list[dict[str, Any]]
    localities: list[dict[str, Any]]
    aliases: dict[str, int]


def build_siruta(csv_path: Path) -> SirutaData:
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))

    counties: list[dict[str, Any]] = []
    for row in rows:
        if int(row["TIP"]) != SIRUTA_TIP_COUNTY:
            continue
        county_id = int(row["JUD"])
        counties.append(
            {
                "id": county_id,
                "code": COUNTY_PLATE_CODES[county_id],
                "name": romanian_title(row["DENLOC"]),
                "siruta": int(row["SIRUTA"]),
                "country": "RO",
            }
        )
    if len(counties) != 42 or {c["id"] for c in counties} != set(COUNTY_PLATE_CODES):
        raise ValueError(f"expected the 42 counties, found {len(counties)}")
    counties.sort(key=lambda c: sort_key(c["name"]))

    localities: list[dict[str, Any]] = []
    aliases: dict[str, int] = {}
    for row in rows:
        tip = int(row["TIP"])
        if tip == SIRUTA_TIP_COUNTY:
            continue
        siruta = int(row["SIRUTA"])
        county_id = int(row["JUD"])
        level = int(row["NIV"])
        if county_id == BUCHAREST_COUNTY_ID and level == 2:
            rang: int | None = 1  # the municipality of București itself
        elif tip in SIRUTA_TIP_RANG:
            rang = SIRUTA_TIP_RANG[tip]
        else:
            raise ValueError(f"unknown SIRUTA TIP {tip} for {siruta}")
        if rang is None:
            aliases[str(siruta)] = int(row["SIRSUP"])
            continue
        localities.append(
            {
                "id": siruta,
                "rang": rang,
                "name": romanian_title(row["DENLOC"]),
                "countyCode": COUNTY_PLATE_CODES[county_id],
                "siruta": siruta,
            }
        )
    codes = {c["code"]: c for c in counties}
    localities.sort(
        key=lambda loc: (
            sort_key(codes[loc["countyCode"]]["name"]),
            loc["rang"],
            sort_key(loc["name"]),
            loc["siruta"],
        )
    )
    known = {loc["siruta"] for loc in localities}
    missing = {k: v for k, v in aliases.items() if v not in known}
    if missing:
        raise ValueError(f"aliases pointing nowhere: {missing}")
    return SirutaData(counties, localities, dict(sorted(aliases.items(), key=lambda i: int(i[0]))))


# ---------------------------------------------------------------------------------------------
# Vehicle catalogue (format: see the module docstring)
# ---------------------------------------------------------------------------------------------

EUR_RON = 4.975  # the sandbox tariffs' EUR_RON_RATE

#: The hand-written catalogue; kept out of the code so that an edit is a diff of data lines.
CATALOGUE_PATH = ROOT / "scripts" / "data" / "vehicle_catalogue.txt"


def read_catalogue(path: Path = CATALOGUE_PATH) -> str:
    """The catalogue's text, as :func:`parse_catalogue` reads it."""
    return path.read_text(encoding="utf-8")


FUEL_CODES: dict[str, str] = {
    "P": "petrol",
    "D": "diesel",
    "E": "electric",
    "H": "hybrid",
    "G": "lpg",
    "N": "none",
}
VEHICLE_TYPES = frozenset(
    {
        *("M1", "M1G", "M2", "M2G", "M3", "M3G"),
        *("N1", "N1G", "N2", "N2G", "N3", "N3G"),
        *("O1", "O2", "O3", "O4"),
        *("L1e", "L2e", "L3e", "L4e", "L5e", "L6e", "L7e"),
        *("T", "C", "R", "S"),
    }
)
_CODE_PART = re.compile(r"^[A-Z0-9]+$")


def normalize(text: str) -> str:
    """Case-, diacritic- and punctuation-insensitive form (the same as the server's lookups)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch for ch in stripped.casefold() if ch.isalnum())


def _number(text: str) -> int | float | None:
    text = text.strip()
    if text == "-":
        return None
    value = float(text)
    return int(value) if value.is_integer() else value


@dataclass
class _Model:
    name: str
    code: str
    vehicle_type: str
    seats: int | None
    aliases: list[str]
    versions: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Make:
    id: int
    name: str
    code: str
    models: list[_Model] = field(default_factory=list)


def _engine_code(vehicle_type: str, fuel: str, cc: int | None, kw: float | None, mass: int) -> str:
    if vehicle_type.startswith("O"):
        return f"T{mass}"
    letter = next(k for k, v in FUEL_CODES.items() if v == fuel)
    if kw is None:
        raise ValueError("a powered vehicle needs enginePower")
    if cc is None:
        return f"{letter}K{round(kw)}"
    return f"{letter}{round(cc / 100):02d}K{round(kw)}"


def parse_catalogue(text: str) -> list[_Make]:
    makes: list[_Make] = []
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"catalogue line {lineno}: {line!r}"
        if line.startswith("@"):
            make_id, name, code = (p.strip() for p in line[1:].split("|"))
            if not _CODE_PART.match(code):
                raise ValueError(f"bad make code, {where}")
            makes.append(_Make(int(make_id), name, code))
            continue
        if line.startswith("="):
            parts = [p.strip() for p in line[1:].split("|")]
            name, code, vtype, seats_text = parts[:4]
            aliases: list[str] = []
            for extra in parts[4:]:
                key, _, value = extra.partition("=")
                if key != "aliases":
                    raise ValueError(f"unknown model option {key!r}, {where}")
                aliases = [a.strip() for a in value.split(";") if a.strip()]
            if vtype not in VEHICLE_TYPES or not _CODE_PART.match(code):
                raise ValueError(f"bad model line, {where}")
            makes[-1].models.append(
                _Model(name, code, vtype, None if seats_text == "-" else int(seats_text), aliases)
            )
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 8:
            raise ValueError(f"version needs 8 fields, {where}")
        model = makes[-1].models[-1]
        options = dict(p.split("=", 1) for p in parts[8:])
        unknown = set(options) - {"vt", "seats", "sfx"}
        if unknown:
            raise ValueError(f"unknown version options {unknown}, {where}")
        vtype = options.get("vt", model.vehicle_type)
        if vtype not in VEHICLE_TYPES:
            raise ValueError(f"bad vehicle type, {where}")
        year_from = int(parts[1])
        year_to = None if parts[2] == "-" else int(parts[2])
        cc = _number(parts[3])
        kw = _number(parts[4])
        fuel = FUEL_CODES[parts[5]]
        mass = int(parts[6])
        price_eur = int(parts[7])
        seats_opt = options.get("seats")
        seats = model.seats if seats_opt is None else int(seats_opt)
        trailer = vtype.startswith("O")
        if trailer != (fuel == "none") or (trailer and (cc is not None or kw is not None)):
            raise ValueError(f"trailers (and only trailers) have no engine, {where}")
        if fuel == "electric" and cc is not None:
            raise ValueError(f"electric vehicles have no displacement, {where}")
        if fuel not in {"electric", "none"} and cc is None:
            raise ValueError(f"combustion engines need a displacement, {where}")
        if year_to is not None and year_to < year_from:
            raise ValueError(f"yearTo before yearFrom, {where}")
        sfx = options.get("sfx", "")
        if sfx and not _CODE_PART.match(sfx):
            raise ValueError(f"bad suffix, {where}")
        assert cc is None or isinstance(cc, int)
        engine = _engine_code(vtype, fuel, cc, kw, mass)
        code = f"{makes[-1].code}-{model.code}-{engine}{sfx}-{year_from}"
        model.versions.append(
            {
                "code": code,
                "version": parts[0],
                "vehicleType": vtype,
                "yearFrom": year_from,
                "yearTo": year_to,
                "engineDisplacement": cc,
                "enginePower": kw,
                "fuelType": fuel,
                "seats": None if trailer else seats,
                "totalWeight": mass,
                "marketValue": int(round(price_eur * EUR_RON / 100) * 100),
            }
        )
    return makes


def build_vehicles(text: str | None = None) -> dict[str, Any]:
    """The ``vehicles.json`` payload of ``text`` (default: the catalogue file)."""
    makes = parse_catalogue(read_catalogue() if text is None else text)
    make_ids = [m.id for m in makes]
    if len(set(make_ids)) != len(make_ids):
        raise ValueError("duplicate make id")
    seen_make_names: set[str] = set()
    seen_codes: set[str] = set()
    out: list[dict[str, Any]] = []
    for make in sorted(makes, key=lambda m: m.id):
        if normalize(make.name) in seen_make_names:
            raise ValueError(f"duplicate make {make.name}")
        seen_make_names.add(normalize(make.name))
        model_names: set[str] = set()
        models_out: list[dict[str, Any]] = []
        if len(make.models) >= 100:
            raise ValueError(f"too many models for {make.name}")
        for position, model in enumerate(make.models, 1):
            own = {normalize(label) for label in (model.name, *model.aliases)}
            clash = own & model_names
            if clash:
                raise ValueError(f"ambiguous model name {clash} for {make.name}")
            model_names |= own
            aliases = [a for a in model.aliases if normalize(a) != normalize(model.name)]
            if not model.versions:
                raise ValueError(f"{make.name} {model.name} has no version")
            for version in model.versions:
                if version["code"] in seen_codes:
                    raise ValueError(f"duplicate vehicle code {version['code']}")
                seen_codes.add(version["code"])
            models_out.append(
                {
                    "id": make.id * 100 + position,
                    "name": model.name,
                    "aliases": aliases,
                    "versions": sorted(model.versions, key=lambda v: (v["yearFrom"], v["code"])),
                }
            )
        out.append({"id": make.id, "name": make.name, "code": make.code, "models": models_out})
    return {"eurRon": EUR_RON, "makes": out}


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _gzip_bytes(data: bytes) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as gz:
        gz.write(data)
    return buf.getvalue()


def render(csv_path: Path) -> dict[str, bytes]:
    """All output files, name -> content."""
    siruta = build_siruta(csv_path)
    return {
        "counties.json": _json_bytes(siruta.counties),
        "localities.json.gz": _gzip_bytes(
            _json_bytes({"localities": siruta.localities, "aliases": siruta.aliases})
        ),
        "vehicles.json": _json_bytes(build_vehicles()),
    }


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--siruta-csv", type=Path, help="SIRUTA CSV (default: sirutalib's)")
    parser.add_argument("--out", type=Path, default=DATA_DIR, help="output directory")
    parser.add_argument(
        "--check", action="store_true", help="compare with the files on disk, write nothing"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    csv_path = args.siruta_csv or default_siruta_csv()
    files = render(csv_path)
    stale = [
        n
        for n, data in files.items()
        if not (args.out / n).is_file() or (args.out / n).read_bytes() != data
    ]
    if args.check:
        for name in stale:
            print(f"stale: {args.out / name}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (args.out / name).write_bytes(data)
        print(f"wrote {args.out / name} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
