#!/usr/bin/env python3
"""Build the reference data shipped with the casco-async sandbox server.

Writes into ``casco_async/sandbox/_data/``:

``counties.json``
    Romania's 41 counties and București, ``{id, code, name, siruta, country}``.
``localities.json.gz``
    ``{"localities": [{id, rang, name, countyCode, siruta}, ...], "aliases": {siruta: siruta}}``,
    every municipality, town, commune and village of the SIRUTA classification.
``vehicles.json``
    The vehicle catalogue written below in ``VEHICLE_CATALOGUE``.

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
# Vehicle catalogue
# ---------------------------------------------------------------------------------------------
#
# Format (one record a line, fields separated by "|", blank lines and "#" comments ignored):
#
#   @ <make id> | <make name> | <MAKE CODE>
#   = <model name> | <MODEL CODE> | <default vehicleType> | <default seats or -> [| aliases=a;b]
#   <version> | <yearFrom> | <yearTo or -> | <cm³ or -> | <kW or -> | <fuel> | <totalWeight kg>
#       | <list price EUR incl. VAT> [| vt=<vehicleType>] [| seats=<n>] [| sfx=<code suffix>]
#
# fuel: P petrol, D diesel, E electric, H hybrid (full and plug-in hybrids, and the Stellantis
# 48 V "Hybrid" drives that can move on electricity alone), G lpg (bi-fuel petrol/LPG),
# N none (trailers). Belt-starter 48 V mild hybrids (VW eTSI, Ford mHEV, Suzuki SHVS, ...)
# are listed under their combustion fuel. totalWeight is the maximum authorised mass.
#
# Vehicle code: <MAKE CODE>-<MODEL CODE>-<ENGINE><sfx>-<yearFrom>, where ENGINE is
#   <fuel letter><displacement in dl, 2 digits>K<kW>  for combustion and hybrid engines,
#   EK<kW>  for electric vehicles and  T<totalWeight>  for trailers (O1-O4),
# e.g. DAC-LOGAN-P10K67-2021 = Dacia Logan, petrol 1.0 l, 67 kW, from 2021.
#
# Ids are stable: a make's id is written here; a model's id is make id * 100 + its position
# (1-based) in the make's list. Append new models at the end of their make and new makes with
# a new id; never reuse or reorder.
#
# marketValue (RON) = list price in EUR x EUR_RON, rounded to 100 RON.

EUR_RON = 4.975  # the sandbox tariffs' EUR_RON_RATE

VEHICLE_CATALOGUE = """
@ 1 | Dacia | DAC
= Logan | LOGAN | M1 | 5
I 1.4 MPI 75 | 2004 | 2012 | 1390 | 55 | P | 1540 | 8000
I 1.6 MPI 87 | 2004 | 2012 | 1598 | 64 | P | 1565 | 8900
I 1.5 dCi 70 | 2005 | 2012 | 1461 | 50 | D | 1590 | 9900
II 1.2 16V 75 | 2012 | 2016 | 1149 | 54 | P | 1530 | 7800
II 0.9 TCe 90 | 2013 | 2020 | 898 | 66 | P | 1545 | 9500
II 0.9 TCe 90 GPL | 2017 | 2020 | 898 | 66 | G | 1560 | 10200
II 1.0 SCe 73 | 2016 | 2020 | 998 | 54 | P | 1530 | 8300
II 1.5 dCi 90 | 2012 | 2019 | 1461 | 66 | D | 1590 | 11000
II 1.5 Blue dCi 95 | 2019 | 2020 | 1461 | 70 | D | 1590 | 12200
III 1.0 SCe 65 | 2021 | 2022 | 999 | 49 | P | 1470 | 9700
III 1.0 TCe 90 | 2021 | - | 999 | 67 | P | 1550 | 12900
III 1.0 TCe 90 CVT | 2021 | - | 999 | 67 | P | 1570 | 14300 | sfx=AT
III 1.0 TCe 100 ECO-G | 2021 | - | 999 | 74 | G | 1560 | 13500
= Logan MCV | LOGANMCV | M1 | 5
I 1.6 MPI 87 | 2007 | 2013 | 1598 | 64 | P | 1880 | 9900 | seats=7
I 1.5 dCi 85 | 2007 | 2013 | 1461 | 63 | D | 1920 | 11500 | seats=7
II 0.9 TCe 90 | 2013 | 2020 | 898 | 66 | P | 1650 | 10500
II 1.0 SCe 73 | 2016 | 2020 | 998 | 54 | P | 1630 | 9500
II 1.5 dCi 90 | 2013 | 2020 | 1461 | 66 | D | 1700 | 12500
= Sandero | SANDERO | M1 | 5
I 1.4 MPI 75 | 2008 | 2012 | 1390 | 55 | P | 1525 | 8000
I 1.5 dCi 70 | 2008 | 2012 | 1461 | 50 | D | 1565 | 9800
II 0.9 TCe 90 | 2012 | 2020 | 898 | 66 | P | 1540 | 9800
II 1.0 SCe 75 | 2016 | 2020 | 998 | 54 | P | 1500 | 8500
II 1.5 dCi 90 | 2012 | 2019 | 1461 | 66 | D | 1580 | 11300
III 1.0 SCe 65 | 2021 | 2022 | 999 | 49 | P | 1460 | 10500
III 1.0 TCe 90 | 2021 | - | 999 | 67 | P | 1540 | 12900
III 1.0 TCe 100 ECO-G | 2021 | - | 999 | 74 | G | 1555 | 13500
= Sandero Stepway | STEPWAY | M1 | 5 | aliases=Stepway
II 0.9 TCe 90 | 2013 | 2020 | 898 | 66 | P | 1570 | 11500
II 1.5 dCi 90 | 2013 | 2019 | 1461 | 66 | D | 1600 | 13000
III 1.0 TCe 90 | 2021 | - | 999 | 67 | P | 1570 | 14900
III 1.0 TCe 100 ECO-G | 2021 | - | 999 | 74 | G | 1585 | 15500
III 1.0 TCe 110 | 2023 | - | 999 | 81 | P | 1580 | 16500
= Duster | DUSTER | M1 | 5
I 1.6 16V 105 | 2010 | 2013 | 1598 | 77 | P | 1780 | 11500
I 1.6 SCe 115 | 2015 | 2017 | 1598 | 84 | P | 1790 | 12500
I 1.5 dCi 90 | 2010 | 2017 | 1461 | 66 | D | 1800 | 13500
I 1.5 dCi 110 4x4 | 2010 | 2017 | 1461 | 80 | D | 1900 | 16500 | vt=M1G
II 1.6 SCe 115 | 2018 | 2019 | 1598 | 84 | P | 1800 | 13000
II 1.5 dCi 110 | 2018 | 2019 | 1461 | 80 | D | 1830 | 16000
II 1.0 TCe 100 | 2019 | 2024 | 999 | 74 | P | 1790 | 14500
II 1.0 TCe 100 ECO-G | 2020 | 2024 | 999 | 74 | G | 1800 | 15200
II 1.3 TCe 130 | 2019 | 2024 | 1332 | 96 | P | 1810 | 16700
II 1.3 TCe 150 4x4 | 2019 | 2024 | 1332 | 110 | P | 1890 | 20200 | vt=M1G
II 1.5 Blue dCi 115 | 2019 | 2024 | 1461 | 85 | D | 1830 | 17600
II 1.5 Blue dCi 115 4x4 | 2019 | 2024 | 1461 | 85 | D | 1910 | 19900 | vt=M1G | sfx=X4
III TCe 100 ECO-G | 2024 | - | 999 | 74 | G | 1850 | 18500
III TCe 130 4x4 | 2024 | - | 1199 | 96 | P | 1950 | 23000 | vt=M1G
III Hybrid 140 | 2024 | - | 1598 | 104 | H | 1900 | 23500
= Jogger | JOGGER | M1 | 7
TCe 110 | 2022 | - | 999 | 81 | P | 1880 | 17500
ECO-G 100 | 2022 | - | 999 | 74 | G | 1900 | 18000
Hybrid 140 | 2023 | - | 1598 | 104 | H | 1970 | 24000
= Spring | SPRING | M1 | 4
Electric 45 | 2021 | 2023 | - | 33 | E | 1310 | 19000
Electric 65 | 2023 | - | - | 48 | E | 1330 | 20500
Electric 45 | 2024 | - | - | 33 | E | 1300 | 16900
= Dokker | DOKKER | M1 | 5
1.6 SCe 102 | 2016 | 2021 | 1598 | 75 | P | 1880 | 11800
1.5 dCi 90 | 2012 | 2021 | 1461 | 66 | D | 1920 | 13500
Van 1.5 dCi 75 | 2012 | 2021 | 1461 | 55 | D | 1955 | 12000 | vt=N1 | seats=2
= Bigster | BIGSTER | M1 | 5
TCe 140 | 2025 | - | 1199 | 103 | P | 2020 | 24500
TCe 140 4x4 | 2025 | - | 1199 | 103 | P | 2100 | 27000 | vt=M1G | sfx=X4
ECO-G 140 | 2025 | - | 1199 | 103 | G | 2030 | 25000
Hybrid 155 | 2025 | - | 1798 | 114 | H | 2100 | 28500

@ 2 | Renault | REN
= Clio | CLIO | M1 | 5
IV 1.2 16V 75 | 2012 | 2019 | 1149 | 54 | P | 1550 | 12000
IV 0.9 TCe 90 | 2012 | 2019 | 898 | 66 | P | 1570 | 13800
IV 1.5 dCi 90 | 2012 | 2019 | 1461 | 66 | D | 1620 | 16000
V TCe 90 | 2019 | - | 999 | 67 | P | 1620 | 17500
V TCe 100 | 2019 | 2021 | 999 | 74 | P | 1620 | 16800
V Blue dCi 100 | 2019 | 2022 | 1461 | 74 | D | 1680 | 19500
V E-Tech Hybrid 145 | 2020 | - | 1598 | 105 | H | 1720 | 23500
= Captur | CAPTUR | M1 | 5
I 0.9 TCe 90 | 2013 | 2019 | 898 | 66 | P | 1650 | 15000
I 1.5 dCi 90 | 2013 | 2019 | 1461 | 66 | D | 1700 | 17500
II TCe 90 | 2021 | - | 999 | 67 | P | 1700 | 20000
II TCe 140 | 2020 | 2023 | 1332 | 103 | P | 1750 | 23000
II mild hybrid 160 | 2024 | - | 1332 | 116 | P | 1780 | 26000
II E-Tech Hybrid 145 | 2022 | - | 1598 | 105 | H | 1790 | 27000
II E-Tech Plug-in 160 | 2020 | 2023 | 1598 | 118 | H | 1930 | 32000
= Megane | MEGANE | M1 | 5
III 1.5 dCi 110 | 2008 | 2016 | 1461 | 81 | D | 1780 | 18000
IV TCe 140 | 2018 | 2024 | 1332 | 103 | P | 1800 | 22000
IV Blue dCi 115 | 2018 | 2024 | 1461 | 85 | D | 1850 | 23500
IV E-Tech Plug-in 160 | 2020 | 2023 | 1598 | 118 | H | 2000 | 33000
= Megane E-Tech | MEGANEEV | M1 | 5 | aliases=Megane E-Tech Electric
EV40 130 | 2022 | 2023 | - | 96 | E | 2030 | 36000
EV60 220 | 2022 | - | - | 160 | E | 2130 | 42000
= Austral | AUSTRAL | M1 | 5
TCe 140 mild hybrid | 2022 | - | 1332 | 103 | P | 2000 | 31000
E-Tech full hybrid 200 | 2022 | - | 1199 | 146 | H | 2170 | 38000
= Arkana | ARKANA | M1 | 5
TCe 140 mild hybrid | 2021 | - | 1332 | 103 | P | 1880 | 26500
E-Tech Hybrid 145 | 2021 | - | 1598 | 105 | H | 1950 | 30000
= Kadjar | KADJAR | M1 | 5
1.5 dCi 110 | 2015 | 2018 | 1461 | 81 | D | 1920 | 22000
TCe 140 | 2018 | 2022 | 1332 | 103 | P | 1900 | 22500
Blue dCi 115 | 2018 | 2022 | 1461 | 85 | D | 1950 | 24500
= Zoe | ZOE | M1 | 5
R110 Z.E. 50 | 2019 | 2024 | - | 80 | E | 1988 | 33000
R135 Z.E. 50 | 2019 | 2024 | - | 100 | E | 1988 | 35000
= Kangoo | KANGOO | M1 | 5
III TCe 100 | 2021 | - | 1333 | 74 | P | 2150 | 22000
III Blue dCi 95 | 2021 | - | 1461 | 70 | D | 2200 | 24000
III Van Blue dCi 95 | 2021 | - | 1461 | 70 | D | 2200 | 22000 | vt=N1 | seats=2 | sfx=V
III E-Tech Electric | 2022 | - | - | 90 | E | 2300 | 38000
= Trafic | TRAFIC | N1 | 3
III 1.6 dCi 120 | 2014 | 2019 | 1598 | 88 | D | 2940 | 27000
III 2.0 Blue dCi 130 | 2021 | - | 1997 | 96 | D | 3070 | 33000
III 2.0 Blue dCi 150 | 2021 | - | 1997 | 110 | D | 3070 | 35000
= Master | MASTER | N1 | 3
III 2.3 dCi 135 | 2019 | 2024 | 2298 | 100 | D | 3500 | 35000
III 2.3 dCi 150 | 2019 | 2024 | 2298 | 110 | D | 3500 | 37000
IV 2.0 Blue dCi 150 | 2024 | - | 1997 | 110 | D | 3500 | 40000
IV E-Tech Electric | 2024 | - | - | 105 | E | 3500 | 60000

@ 3 | Volkswagen | VWA
= Polo | POLO | M1 | 5
V 1.2 TSI 90 | 2014 | 2017 | 1197 | 66 | P | 1590 | 15000
V 1.4 TDI 90 | 2014 | 2017 | 1422 | 66 | D | 1640 | 17000
VI 1.0 MPI 80 | 2017 | 2021 | 999 | 59 | P | 1560 | 14000
VI 1.0 TSI 95 | 2017 | - | 999 | 70 | P | 1600 | 18500
VI 1.0 TSI 110 | 2017 | - | 999 | 81 | P | 1620 | 20000
VI 1.6 TDI 95 | 2017 | 2021 | 1598 | 70 | D | 1650 | 19000
VI GTI 2.0 TSI 207 | 2021 | - | 1984 | 152 | P | 1750 | 30000
= Golf | GOLF | M1 | 5
VII 1.4 TSI 125 | 2012 | 2017 | 1395 | 92 | P | 1740 | 20000
VII 1.6 TDI 110 | 2012 | 2017 | 1598 | 81 | D | 1790 | 21000
VII 2.0 TDI 150 | 2012 | 2020 | 1968 | 110 | D | 1850 | 27000
VII 1.0 TSI 110 | 2017 | 2020 | 999 | 81 | P | 1720 | 19500
VII 1.6 TDI 115 | 2017 | 2020 | 1598 | 85 | D | 1800 | 22500
VIII 1.0 eTSI 110 | 2020 | - | 999 | 81 | P | 1820 | 25500
VIII 1.5 TSI 130 | 2020 | - | 1498 | 96 | P | 1830 | 26500
VIII 1.5 eTSI 150 | 2020 | - | 1498 | 110 | P | 1860 | 30000
VIII 2.0 TDI 115 | 2020 | - | 1968 | 85 | D | 1880 | 28500
VIII 2.0 TDI 150 | 2020 | - | 1968 | 110 | D | 1900 | 32000
VIII 1.4 eHybrid 204 | 2020 | 2024 | 1395 | 150 | H | 2040 | 40000
VIII GTI 2.0 TSI 245 | 2020 | - | 1984 | 180 | P | 1950 | 42000
VIII 1.5 eHybrid 204 | 2024 | - | 1498 | 150 | H | 2100 | 42000
= Passat | PASSAT | M1 | 5
B8 2.0 TDI 150 | 2014 | 2023 | 1968 | 110 | D | 2150 | 35000
B8 2.0 TDI 190 | 2014 | 2023 | 1968 | 140 | D | 2200 | 41000
B8 1.4 TSI GTE | 2015 | 2023 | 1395 | 160 | H | 2290 | 46000
B8 1.5 TSI 150 | 2019 | 2023 | 1498 | 110 | P | 2100 | 33000
B9 1.5 eTSI 150 | 2024 | - | 1498 | 110 | P | 2240 | 42000
B9 2.0 TDI 150 | 2024 | - | 1968 | 110 | D | 2300 | 44000
B9 2.0 TDI 193 4Motion | 2024 | - | 1968 | 142 | D | 2400 | 52000
B9 1.5 eHybrid 204 | 2024 | - | 1498 | 150 | H | 2450 | 52000
= Tiguan | TIGUAN | M1 | 5
II 2.0 TDI 150 | 2016 | 2024 | 1968 | 110 | D | 2200 | 36000
II 1.5 TSI 150 | 2018 | 2024 | 1498 | 110 | P | 2120 | 33000
II 2.0 TDI 200 4Motion | 2020 | 2024 | 1968 | 147 | D | 2330 | 45000 | vt=M1G
II 1.4 eHybrid 245 | 2021 | 2024 | 1395 | 180 | H | 2360 | 46000
III 1.5 eTSI 150 | 2024 | - | 1498 | 110 | P | 2240 | 38000
III 2.0 TDI 150 | 2024 | - | 1968 | 110 | D | 2300 | 41000
III 1.5 eHybrid 272 | 2024 | - | 1498 | 200 | H | 2500 | 52000
= T-Roc | TROC | M1 | 5
1.0 TSI 110 | 2017 | - | 999 | 81 | P | 1800 | 24000
1.5 TSI 150 | 2017 | - | 1498 | 110 | P | 1850 | 28500
2.0 TDI 150 | 2017 | - | 1968 | 110 | D | 1920 | 31000
= T-Cross | TCROSS | M1 | 5
1.0 TSI 95 | 2019 | - | 999 | 70 | P | 1660 | 20500
1.0 TSI 115 | 2019 | - | 999 | 85 | P | 1680 | 23000
1.5 TSI 150 | 2019 | - | 1498 | 110 | P | 1720 | 27000
= ID.3 | ID3 | M1 | 5
Pro 58 kWh | 2020 | - | - | 150 | E | 2260 | 40000
Pure 45 kWh | 2021 | 2023 | - | 110 | E | 2180 | 36000
Pro S 77 kWh | 2021 | - | - | 150 | E | 2410 | 46000
GTX 79 kWh | 2024 | - | - | 240 | E | 2450 | 52000
= ID.4 | ID4 | M1 | 5
Pure 52 kWh | 2021 | - | - | 125 | E | 2540 | 42000
Pro 77 kWh | 2021 | 2023 | - | 150 | E | 2660 | 49000
Pro 4MOTION 77 kWh | 2021 | 2023 | - | 195 | E | 2720 | 53000
GTX 4MOTION | 2021 | - | - | 220 | E | 2750 | 57000
Pro 77 kWh 286 | 2023 | - | - | 210 | E | 2660 | 50000
= Transporter | TRANSPORTER | N1 | 3 | aliases=T6;T6.1;T7
T6.1 2.0 TDI 110 | 2019 | 2024 | 1968 | 81 | D | 2800 | 33000
T6.1 2.0 TDI 150 | 2019 | 2024 | 1968 | 110 | D | 3000 | 37000
T7 2.0 TDI 150 | 2025 | - | 1996 | 110 | D | 3200 | 42000
= Multivan | MULTIVAN | M1 | 7
T7 1.5 TSI 136 | 2022 | - | 1498 | 100 | P | 2710 | 50000
T7 2.0 TDI 150 | 2022 | - | 1968 | 110 | D | 2820 | 55000
T7 1.4 eHybrid 218 | 2022 | - | 1395 | 160 | H | 2880 | 62000
= Crafter | CRAFTER | N1 | 3
2.0 TDI 140 | 2017 | - | 1968 | 103 | D | 3500 | 40000
2.0 TDI 177 | 2017 | - | 1968 | 130 | D | 3500 | 45000
2.0 TDI 177 5 t | 2017 | - | 1968 | 130 | D | 5000 | 49000 | vt=N2 | sfx=N2
= Caddy | CADDY | M1 | 5
V 1.5 TSI 114 | 2020 | - | 1498 | 84 | P | 2200 | 24000
V 2.0 TDI 122 | 2020 | - | 1968 | 90 | D | 2270 | 27000
V Cargo 2.0 TDI 102 | 2020 | - | 1968 | 75 | D | 2250 | 22000 | vt=N1 | seats=2

@ 4 | Skoda | SKO
= Fabia | FABIA | M1 | 5
III 1.0 MPI 75 | 2014 | 2021 | 999 | 55 | P | 1550 | 12000
III 1.4 TDI 90 | 2014 | 2018 | 1422 | 66 | D | 1620 | 15500
III 1.0 TSI 95 | 2017 | 2021 | 999 | 70 | P | 1580 | 14000
IV 1.0 MPI 80 | 2021 | - | 999 | 59 | P | 1580 | 15500
IV 1.0 TSI 95 | 2021 | - | 999 | 70 | P | 1620 | 17500
IV 1.0 TSI 116 | 2021 | - | 999 | 85 | P | 1640 | 19500
IV 1.5 TSI 150 | 2021 | - | 1498 | 110 | P | 1690 | 23000
= Scala | SCALA | M1 | 5
1.0 TSI 95 | 2019 | - | 999 | 70 | P | 1720 | 18500
1.0 TSI 116 | 2019 | - | 999 | 85 | P | 1730 | 20500
1.5 TSI 150 | 2019 | - | 1498 | 110 | P | 1770 | 24000
1.6 TDI 116 | 2019 | 2020 | 1598 | 85 | D | 1800 | 22000
= Octavia | OCTAVIA | M1 | 5
II 1.9 TDI 105 | 2004 | 2010 | 1896 | 77 | D | 1900 | 18500
II 1.6 TDI 105 | 2009 | 2013 | 1598 | 77 | D | 1900 | 18000
III 1.6 TDI 105 | 2013 | 2017 | 1598 | 77 | D | 1900 | 20000
III 2.0 TDI 150 | 2013 | 2020 | 1968 | 110 | D | 1950 | 26000
III 1.4 TSI 150 | 2014 | 2019 | 1395 | 110 | P | 1850 | 22500
III 1.0 TSI 115 | 2017 | 2020 | 999 | 85 | P | 1800 | 19500
III 1.6 TDI 115 | 2017 | 2020 | 1598 | 85 | D | 1900 | 22000
IV 1.0 TSI 110 | 2020 | - | 999 | 81 | P | 1850 | 23000
IV 1.5 TSI 150 | 2020 | - | 1498 | 110 | P | 1900 | 27000
IV 2.0 TDI 115 | 2020 | - | 1968 | 85 | D | 1950 | 27500
IV 2.0 TDI 150 | 2020 | - | 1968 | 110 | D | 1980 | 31000
IV 1.4 TSI iV 204 | 2020 | 2024 | 1395 | 150 | H | 2150 | 38000
IV RS 2.0 TSI 245 | 2020 | - | 1984 | 180 | P | 2050 | 42000
= Superb | SUPERB | M1 | 5
III 2.0 TDI 150 | 2015 | 2023 | 1968 | 110 | D | 2200 | 33000
III 2.0 TDI 190 4x4 | 2015 | 2023 | 1968 | 140 | D | 2280 | 41000
III 1.5 TSI 150 | 2019 | 2023 | 1498 | 110 | P | 2150 | 31000
III 1.4 TSI iV 218 | 2020 | 2023 | 1395 | 160 | H | 2360 | 44000
IV 1.5 TSI mHEV 150 | 2024 | - | 1498 | 110 | P | 2200 | 38000
IV 2.0 TDI 150 | 2024 | - | 1968 | 110 | D | 2250 | 41000
IV 1.5 TSI iV 204 | 2024 | - | 1498 | 150 | H | 2400 | 48000
= Kamiq | KAMIQ | M1 | 5
1.0 TSI 110 | 2019 | - | 999 | 81 | P | 1700 | 21000
1.5 TSI 150 | 2019 | - | 1498 | 110 | P | 1750 | 25500
= Karoq | KAROQ | M1 | 5
1.0 TSI 110 | 2017 | - | 999 | 81 | P | 1900 | 25000
1.5 TSI 150 | 2017 | - | 1498 | 110 | P | 1950 | 28000
2.0 TDI 150 | 2017 | - | 1968 | 110 | D | 2030 | 31000
2.0 TDI 150 4x4 | 2017 | - | 1968 | 110 | D | 2100 | 35000 | vt=M1G | sfx=X4
= Kodiaq | KODIAQ | M1 | 7
I 2.0 TDI 150 | 2016 | 2024 | 1968 | 110 | D | 2330 | 35000
I 1.5 TSI 150 | 2017 | 2024 | 1498 | 110 | P | 2250 | 31000
I 2.0 TDI 200 4x4 | 2021 | 2024 | 1968 | 147 | D | 2450 | 45000 | vt=M1G
II 1.5 TSI mHEV 150 | 2024 | - | 1498 | 110 | P | 2350 | 37000
II 2.0 TDI 150 | 2024 | - | 1968 | 110 | D | 2420 | 40000
II 1.5 TSI iV 204 | 2024 | - | 1498 | 150 | H | 2550 | 48000 | seats=5
= Enyaq | ENYAQ | M1 | 5 | aliases=Enyaq iV
iV 60 | 2021 | 2023 | - | 132 | E | 2500 | 42000
iV 80 | 2021 | 2023 | - | 150 | E | 2600 | 48000
85 | 2023 | - | - | 210 | E | 2650 | 51000
85x 4x4 | 2023 | - | - | 210 | E | 2750 | 55000 | sfx=X4

@ 5 | Ford | FOR
= Fiesta | FIESTA | M1 | 5
VI 1.25 82 | 2008 | 2017 | 1242 | 60 | P | 1520 | 11500
VII 1.1 Ti-VCT 75 | 2017 | 2022 | 1084 | 55 | P | 1550 | 14000
VII 1.0 EcoBoost 100 | 2017 | 2020 | 999 | 74 | P | 1580 | 16000
VII 1.5 TDCi 85 | 2017 | 2020 | 1499 | 63 | D | 1640 | 17500
VII 1.0 EcoBoost mHEV 125 | 2020 | 2023 | 999 | 92 | P | 1620 | 19500
= Focus | FOCUS | M1 | 5
III 1.6 Ti-VCT 105 | 2011 | 2018 | 1596 | 77 | P | 1800 | 16500
III 1.0 EcoBoost 125 | 2012 | 2018 | 999 | 92 | P | 1800 | 18500
III 1.5 TDCi 120 | 2014 | 2018 | 1499 | 88 | D | 1860 | 21000
IV 1.0 EcoBoost 125 | 2018 | 2020 | 999 | 92 | P | 1850 | 22000
IV 1.0 EcoBoost mHEV 125 | 2020 | 2025 | 999 | 92 | P | 1870 | 24000
IV 1.5 EcoBlue 120 | 2018 | 2025 | 1499 | 88 | D | 1900 | 24500
IV 2.0 EcoBlue 150 | 2018 | 2025 | 1995 | 110 | D | 1950 | 28000
IV ST 2.3 EcoBoost | 2019 | 2025 | 2261 | 206 | P | 1970 | 42000
= Puma | PUMA | M1 | 5
1.0 EcoBoost mHEV 125 | 2019 | - | 999 | 92 | P | 1730 | 24000
1.0 EcoBoost mHEV 155 | 2019 | - | 999 | 114 | P | 1750 | 27000
ST 1.5 EcoBoost 200 | 2020 | - | 1497 | 147 | P | 1800 | 36000
Gen-E | 2025 | - | - | 124 | E | 2000 | 38000
= Kuga | KUGA | M1 | 5
II 2.0 TDCi 150 | 2016 | 2019 | 1997 | 110 | D | 2200 | 30000
III 1.5 EcoBoost 150 | 2019 | - | 1497 | 110 | P | 2100 | 30000
III 2.0 EcoBlue mHEV 150 | 2020 | 2023 | 1995 | 110 | D | 2200 | 34000
III 2.5 FHEV 190 | 2020 | - | 2488 | 140 | H | 2250 | 38000
III 2.5 PHEV 225 | 2020 | - | 2488 | 165 | H | 2350 | 42000
= Mondeo | MONDEO | M1 | 5
V 2.0 TDCi 150 | 2014 | 2022 | 1997 | 110 | D | 2200 | 30000
V 2.0 Hybrid 187 | 2015 | 2022 | 1999 | 138 | H | 2230 | 35000
= Mustang Mach-E | MACHE | M1 | 5 | aliases=Mach-E
Standard Range RWD | 2021 | - | - | 198 | E | 2400 | 55000
Extended Range AWD | 2021 | - | - | 258 | E | 2600 | 68000
= Transit Custom | TRCUSTOM | N1 | 3
2.0 EcoBlue 130 | 2018 | 2023 | 1995 | 96 | D | 3000 | 32000
2.0 EcoBlue 170 | 2018 | 2023 | 1995 | 125 | D | 3200 | 36000
II 2.0 EcoBlue 136 | 2023 | - | 1996 | 100 | D | 3200 | 38000
= Transit | TRANSIT | N1 | 3
2.0 EcoBlue 130 | 2019 | - | 1995 | 96 | D | 3500 | 36000
2.0 EcoBlue 170 | 2019 | - | 1995 | 125 | D | 3500 | 40000
E-Transit | 2022 | - | - | 198 | E | 4250 | 65000 | vt=N2
= Ranger | RANGER | N1G | 5
2.2 TDCi 160 | 2016 | 2019 | 2198 | 118 | D | 3200 | 33000
2.0 EcoBlue 213 Bi-Turbo | 2019 | 2022 | 1996 | 157 | D | 3270 | 45000
2.0 EcoBlue 170 | 2022 | - | 1996 | 125 | D | 3230 | 42000
3.0 V6 EcoBlue 240 | 2022 | - | 2993 | 177 | D | 3280 | 55000

@ 6 | Toyota | TOY
= Yaris | YARIS | M1 | 5
III 1.0 VVT-i 69 | 2011 | 2020 | 998 | 51 | P | 1420 | 11500
III 1.33 Dual VVT-i | 2011 | 2017 | 1329 | 73 | P | 1490 | 13500
III 1.5 Hybrid | 2012 | 2020 | 1497 | 74 | H | 1565 | 17000
IV 1.0 VVT-i 72 | 2020 | 2023 | 998 | 53 | P | 1470 | 16000
IV 1.5 Dynamic Force 125 | 2020 | 2023 | 1490 | 92 | P | 1520 | 19000
IV 1.5 Hybrid 116 | 2020 | - | 1490 | 85 | H | 1550 | 21500
IV 1.5 Hybrid 130 | 2024 | - | 1490 | 96 | H | 1560 | 24000
= Yaris Cross | YARISCROSS | M1 | 5
1.5 Hybrid 116 | 2021 | 2024 | 1490 | 85 | H | 1710 | 25000
1.5 Hybrid 116 AWD-i | 2021 | 2024 | 1490 | 85 | H | 1790 | 28000 | sfx=X4
1.5 Hybrid 130 | 2024 | - | 1490 | 96 | H | 1720 | 27000
= Corolla | COROLLA | M1 | 5
E180 1.6 Valvematic 132 | 2013 | 2019 | 1598 | 97 | P | 1790 | 18000
E180 1.4 D-4D 90 | 2013 | 2019 | 1364 | 66 | D | 1830 | 19000
E210 1.2 Turbo 116 | 2019 | 2020 | 1197 | 85 | P | 1790 | 20000
E210 1.8 Hybrid 122 | 2019 | 2023 | 1798 | 90 | H | 1840 | 25000
E210 2.0 Hybrid 184 | 2019 | 2023 | 1987 | 135 | H | 1910 | 30000
E210 1.5 Dynamic Force 125 | 2021 | - | 1490 | 92 | P | 1760 | 21000
E210 1.8 Hybrid 140 | 2023 | - | 1798 | 103 | H | 1850 | 28000
E210 2.0 Hybrid 196 | 2023 | - | 1987 | 144 | H | 1920 | 33000
= C-HR | CHR | M1 | 5
I 1.2 Turbo 116 | 2016 | 2019 | 1197 | 85 | P | 1865 | 22000
I 1.8 Hybrid 122 | 2016 | 2023 | 1798 | 90 | H | 1860 | 27000
I 2.0 Hybrid 184 | 2020 | 2023 | 1987 | 135 | H | 1900 | 32000
II 1.8 Hybrid 140 | 2024 | - | 1798 | 103 | H | 1900 | 32000
II 2.0 Hybrid 197 | 2024 | - | 1987 | 145 | H | 1950 | 36000
II 2.0 Plug-in Hybrid 223 | 2024 | - | 1987 | 164 | H | 2100 | 43000
= RAV4 | RAV4 | M1 | 5
IV 2.0 D-4D 143 | 2013 | 2018 | 1995 | 105 | D | 2170 | 28000
IV 2.5 Hybrid 197 | 2016 | 2018 | 2494 | 145 | H | 2270 | 33000
V 2.5 Hybrid 218 2WD | 2019 | - | 2487 | 160 | H | 2185 | 37000
V 2.5 Hybrid 222 AWD-i | 2019 | - | 2487 | 163 | H | 2250 | 41000 | vt=M1G
V 2.5 Plug-in Hybrid 306 AWD-i | 2020 | - | 2487 | 225 | H | 2450 | 55000 | vt=M1G
= Land Cruiser | LANDCRUISER | M1G | 7 | aliases=Land Cruiser 150;Land Cruiser 250;LC
150 3.0 D-4D 190 | 2009 | 2015 | 2982 | 140 | D | 2990 | 50000
150 2.8 D-4D 177 | 2015 | 2023 | 2755 | 130 | D | 2990 | 55000
250 2.8 D-4D 204 | 2024 | - | 2755 | 150 | D | 3280 | 75000
= Hilux | HILUX | N1G | 5
2.4 D-4D 150 | 2016 | - | 2393 | 110 | D | 3210 | 35000
2.4 D-4D 150 Single Cab | 2016 | - | 2393 | 110 | D | 2910 | 30000 | seats=2 | sfx=SC
2.8 D-4D 204 | 2020 | - | 2755 | 150 | D | 3210 | 45000
= Aygo | AYGO | M1 | 4
II 1.0 VVT-i 69 | 2014 | 2018 | 998 | 51 | P | 1240 | 11000
II 1.0 VVT-i 72 | 2018 | 2022 | 998 | 53 | P | 1240 | 12000
= Aygo X | AYGOX | M1 | 4
1.0 VVT-i 72 | 2022 | - | 998 | 53 | P | 1335 | 16000
= bZ4X | BZ4X | M1 | 5
FWD 71.4 kWh | 2022 | - | - | 150 | E | 2465 | 52000
AWD 72.8 kWh | 2022 | - | - | 160 | E | 2570 | 57000
= Proace City | PROACECITY | N1 | 2
1.5 D-4D 100 | 2019 | - | 1499 | 75 | D | 2310 | 23000
= Proace | PROACE | N1 | 3
2.0 D-4D 145 | 2016 | - | 1997 | 106 | D | 3100 | 35000

@ 7 | Hyundai | HYU
= i10 | I10 | M1 | 5
II 1.0 MPI 66 | 2013 | 2019 | 998 | 49 | P | 1360 | 10500
II 1.2 MPI 87 | 2013 | 2019 | 1248 | 64 | P | 1400 | 12000
III 1.0 MPI 67 | 2020 | - | 998 | 49 | P | 1360 | 13000
III 1.2 MPI 84 | 2020 | - | 1197 | 62 | P | 1400 | 15000
= i20 | I20 | M1 | 5
II 1.2 MPI 84 | 2014 | 2020 | 1248 | 62 | P | 1530 | 13000
II 1.0 T-GDI 100 | 2016 | 2020 | 998 | 74 | P | 1560 | 15000
III 1.2 MPI 84 | 2020 | - | 1197 | 62 | P | 1550 | 16500
III 1.0 T-GDI 100 | 2020 | - | 998 | 74 | P | 1580 | 19000
III N 1.6 T-GDI 204 | 2021 | 2024 | 1598 | 150 | P | 1680 | 30000
= i30 | I30 | M1 | 5
II 1.4 CRDi 90 | 2012 | 2017 | 1396 | 66 | D | 1800 | 16500
II 1.6 CRDi 110 | 2012 | 2017 | 1582 | 81 | D | 1850 | 18500
III 1.4 MPI 100 | 2017 | 2020 | 1368 | 73 | P | 1780 | 16500
III 1.0 T-GDI 120 | 2017 | - | 998 | 88 | P | 1800 | 20000
III 1.6 CRDi 115 | 2017 | 2022 | 1598 | 85 | D | 1890 | 22000
III 1.5 DPi 110 | 2020 | - | 1497 | 81 | P | 1800 | 19000
III 1.5 T-GDI 160 48V | 2020 | - | 1482 | 117 | P | 1870 | 25500
= Bayon | BAYON | M1 | 5
1.2 MPI 84 | 2021 | - | 1197 | 62 | P | 1580 | 17500
1.0 T-GDI 100 | 2021 | - | 998 | 74 | P | 1610 | 20000
= Kona | KONA | M1 | 5
I 1.0 T-GDI 120 | 2017 | 2023 | 998 | 88 | P | 1780 | 20500
I Electric 39 kWh | 2018 | 2023 | - | 100 | E | 2020 | 36000
I Electric 64 kWh | 2018 | 2023 | - | 150 | E | 2170 | 42000
I 1.6 GDI Hybrid 141 | 2019 | 2023 | 1580 | 104 | H | 1840 | 26000
II 1.0 T-GDI 120 | 2023 | - | 998 | 88 | P | 1850 | 25000
II 1.6 GDI HEV 141 | 2023 | - | 1580 | 104 | H | 1930 | 31000
II Electric 48 kWh | 2023 | - | - | 115 | E | 2120 | 40000
II Electric 65 kWh | 2023 | - | - | 160 | E | 2220 | 45000
= Tucson | TUCSON | M1 | 5
III 1.6 GDI 132 | 2015 | 2020 | 1591 | 97 | P | 1970 | 20500
III 1.7 CRDi 115 | 2015 | 2018 | 1685 | 85 | D | 2030 | 23000
III 2.0 CRDi 185 4WD | 2015 | 2020 | 1995 | 136 | D | 2250 | 33000 | vt=M1G
III 1.6 CRDi 136 | 2018 | 2020 | 1598 | 100 | D | 2100 | 27000
IV 1.6 T-GDI 150 | 2020 | - | 1598 | 110 | P | 2100 | 29000
IV 1.6 T-GDI 48V 180 4WD | 2020 | - | 1598 | 132 | P | 2200 | 35000
IV 1.6 CRDi 136 48V | 2020 | 2024 | 1598 | 100 | D | 2200 | 32000
IV 1.6 T-GDI HEV 230 | 2020 | - | 1598 | 169 | H | 2250 | 37000
IV 1.6 T-GDI PHEV 265 4WD | 2021 | - | 1598 | 195 | H | 2400 | 45000
= Santa Fe | SANTAFE | M1 | 7
IV 2.2 CRDi 200 4WD | 2018 | 2023 | 2199 | 147 | D | 2510 | 45000 | vt=M1G
IV 1.6 T-GDI HEV 230 | 2020 | 2023 | 1598 | 169 | H | 2460 | 46000
V 1.6 T-GDI HEV 215 | 2024 | - | 1598 | 158 | H | 2650 | 55000
V 1.6 T-GDI PHEV 253 4WD | 2024 | - | 1598 | 186 | H | 2800 | 62000
= Ioniq 5 | IONIQ5 | M1 | 5
58 kWh RWD | 2021 | 2024 | - | 125 | E | 2420 | 46000
77 kWh RWD | 2021 | 2024 | - | 168 | E | 2480 | 52000
77 kWh AWD | 2021 | 2024 | - | 239 | E | 2560 | 56000
84 kWh RWD | 2024 | - | - | 168 | E | 2520 | 54000
N 84 kWh | 2024 | - | - | 448 | E | 2650 | 78000
= Ioniq 6 | IONIQ6 | M1 | 5
77 kWh RWD | 2022 | - | - | 168 | E | 2450 | 55000

@ 8 | Kia | KIA
= Picanto | PICANTO | M1 | 5
III 1.0 MPI 67 | 2017 | - | 998 | 49 | P | 1400 | 12000
III 1.2 MPI 84 | 2017 | - | 1197 | 62 | P | 1420 | 14000
III 1.0 T-GDI 100 | 2017 | 2023 | 998 | 74 | P | 1430 | 15500
= Rio | RIO | M1 | 5
IV 1.2 MPI 84 | 2017 | 2023 | 1248 | 62 | P | 1560 | 14000
IV 1.0 T-GDI 100 | 2017 | 2023 | 998 | 74 | P | 1580 | 16000
IV 1.4 CRDi 90 | 2017 | 2019 | 1396 | 66 | D | 1620 | 16500
= Ceed | CEED | M1 | 5
II 1.4 CVVT 100 | 2012 | 2018 | 1368 | 73 | P | 1780 | 15000
II 1.6 CRDi 110 | 2012 | 2018 | 1582 | 81 | D | 1850 | 18500
III 1.0 T-GDI 120 | 2018 | - | 998 | 88 | P | 1820 | 20000
III 1.4 T-GDI 140 | 2018 | 2020 | 1353 | 103 | P | 1850 | 22000
III 1.6 CRDi 136 | 2018 | 2022 | 1598 | 100 | D | 1900 | 24000
III 1.5 T-GDI 160 | 2020 | - | 1482 | 118 | P | 1870 | 24500
III 1.5 DPi 110 | 2022 | - | 1497 | 81 | P | 1800 | 19500
= XCeed | XCEED | M1 | 5
1.0 T-GDI 120 | 2019 | - | 998 | 88 | P | 1840 | 22000
1.5 T-GDI 160 | 2020 | - | 1482 | 118 | P | 1880 | 26500
1.6 GDI PHEV 141 | 2020 | 2023 | 1580 | 104 | H | 2000 | 33000
= Stonic | STONIC | M1 | 5
1.25 MPI 84 | 2017 | 2020 | 1248 | 62 | P | 1610 | 15000
1.0 T-GDI 100 | 2017 | - | 998 | 74 | P | 1630 | 18500
1.2 DPI 79 | 2020 | - | 1197 | 58 | P | 1600 | 17000
= Sportage | SPORTAGE | M1 | 5
IV 1.6 GDI 132 | 2016 | 2021 | 1591 | 97 | P | 2000 | 21000
IV 1.7 CRDi 141 | 2016 | 2018 | 1685 | 104 | D | 2100 | 26000
IV 2.0 CRDi 185 AWD | 2016 | 2021 | 1995 | 136 | D | 2250 | 33000 | vt=M1G
IV 1.6 CRDi 136 | 2018 | 2021 | 1598 | 100 | D | 2100 | 27000
V 1.6 T-GDI 150 | 2021 | - | 1598 | 110 | P | 2100 | 29000
V 1.6 CRDi 136 MHEV | 2021 | 2024 | 1598 | 100 | D | 2200 | 32000
V 1.6 T-GDI HEV 230 | 2021 | - | 1598 | 169 | H | 2250 | 37000
V 1.6 T-GDI PHEV 265 AWD | 2022 | - | 1598 | 195 | H | 2450 | 46000
= Niro | NIRO | M1 | 5
I 1.6 GDI HEV 141 | 2016 | 2022 | 1580 | 104 | H | 1850 | 26000
I e-Niro 64 kWh | 2018 | 2022 | - | 150 | E | 2230 | 42000
II 1.6 GDI HEV 141 | 2022 | - | 1580 | 104 | H | 1930 | 31000
II 1.6 GDI PHEV 183 | 2022 | - | 1580 | 135 | H | 2050 | 38000
II EV 64.8 kWh | 2022 | - | - | 150 | E | 2230 | 45000
= EV6 | EV6 | M1 | 5
RWD 58 kWh | 2021 | - | - | 125 | E | 2370 | 47000
RWD 77.4 kWh | 2021 | - | - | 168 | E | 2450 | 53000
AWD 77.4 kWh | 2021 | - | - | 239 | E | 2560 | 60000
GT 77.4 kWh | 2022 | - | - | 430 | E | 2620 | 72000
= Sorento | SORENTO | M1 | 7
IV 2.2 CRDi 193 AWD | 2020 | - | 2151 | 142 | D | 2600 | 49000 | vt=M1G
IV 1.6 T-GDI HEV 230 | 2020 | - | 1598 | 169 | H | 2500 | 47000
IV 1.6 T-GDI PHEV 265 AWD | 2020 | - | 1598 | 195 | H | 2650 | 55000 | vt=M1G
= EV3 | EV3 | M1 | 5
Standard 58.3 kWh | 2024 | - | - | 150 | E | 2170 | 37000
Long Range 81.4 kWh | 2024 | - | - | 150 | E | 2290 | 42000 | sfx=LR

@ 9 | BMW | BMW
= Seria 1 | S1 | M1 | 5 | aliases=1 Series;Serie 1;1er
F20 116d | 2015 | 2019 | 1496 | 85 | D | 1880 | 26000
F20 118i | 2015 | 2019 | 1499 | 100 | P | 1870 | 27000
F40 118i | 2019 | 2024 | 1499 | 103 | P | 1875 | 31000
F40 116d | 2019 | 2024 | 1496 | 85 | D | 1900 | 31000
F40 118d | 2019 | 2024 | 1995 | 110 | D | 1940 | 34000
F40 M135i xDrive | 2019 | 2024 | 1998 | 225 | P | 2030 | 55000
F70 120 | 2024 | - | 1499 | 115 | P | 1980 | 38000
F70 120d | 2024 | - | 1995 | 120 | D | 2020 | 40000
F70 M135 xDrive | 2024 | - | 1998 | 221 | P | 2090 | 60000
= Seria 3 | S3 | M1 | 5 | aliases=3 Series;Serie 3;3er
F30 318d | 2012 | 2019 | 1995 | 110 | D | 2000 | 33000
F30 320d | 2012 | 2015 | 1995 | 135 | D | 2050 | 37000
F30 320d | 2015 | 2019 | 1995 | 140 | D | 2050 | 38000
F30 320i | 2015 | 2019 | 1998 | 135 | P | 2000 | 36000
G20 318d | 2019 | - | 1995 | 110 | D | 2080 | 40000
G20 320d | 2019 | - | 1995 | 140 | D | 2120 | 46000
G20 320d xDrive | 2019 | - | 1995 | 140 | D | 2170 | 49000 | sfx=X4
G20 320i | 2019 | - | 1998 | 135 | P | 2060 | 44000
G20 330e | 2019 | - | 1998 | 215 | H | 2240 | 52000
G20 M340i xDrive | 2019 | - | 2998 | 275 | P | 2250 | 72000
= Seria 5 | S5 | M1 | 5 | aliases=5 Series;Serie 5;5er
F10 520d | 2010 | 2017 | 1995 | 135 | D | 2250 | 45000
G30 520d | 2017 | 2023 | 1995 | 140 | D | 2270 | 52000
G30 520i | 2017 | 2023 | 1998 | 135 | P | 2220 | 50000
G30 530d xDrive | 2017 | 2023 | 2993 | 210 | D | 2450 | 68000
G30 530e | 2017 | 2023 | 1998 | 215 | H | 2390 | 60000
G60 520i | 2023 | - | 1998 | 153 | P | 2350 | 60000
G60 520d | 2023 | - | 1995 | 145 | D | 2400 | 62000
G60 530e | 2023 | - | 1998 | 220 | H | 2600 | 70000
= i5 | I5 | M1 | 5
eDrive40 | 2023 | - | - | 250 | E | 2660 | 75000
M60 xDrive | 2023 | - | - | 442 | E | 2840 | 110000
= X1 | X1 | M1 | 5 | aliases=iX1
F48 sDrive18i | 2015 | 2022 | 1499 | 103 | P | 2000 | 35000
F48 sDrive18d | 2015 | 2022 | 1995 | 110 | D | 2050 | 38000
F48 xDrive20d | 2015 | 2022 | 1995 | 140 | D | 2150 | 45000
U11 sDrive18i | 2022 | - | 1499 | 100 | P | 2080 | 42000
U11 sDrive18d | 2022 | - | 1995 | 110 | D | 2130 | 45000
U11 xDrive23i | 2022 | - | 1998 | 160 | P | 2200 | 52000
U11 xDrive25e | 2022 | - | 1499 | 180 | H | 2390 | 54000
U11 iX1 xDrive30 | 2022 | - | - | 230 | E | 2530 | 58000
U11 iX1 eDrive20 | 2024 | - | - | 150 | E | 2400 | 50000
= X3 | X3 | M1 | 5
G01 xDrive20d | 2017 | 2024 | 1995 | 140 | D | 2400 | 52000
G01 xDrive20i | 2017 | 2024 | 1998 | 135 | P | 2350 | 50000
G01 M40d | 2019 | 2024 | 2993 | 250 | D | 2500 | 75000
G01 xDrive30e | 2020 | 2024 | 1998 | 215 | H | 2540 | 60000
G45 20 xDrive | 2024 | - | 1998 | 140 | P | 2450 | 58000
G45 20d xDrive | 2024 | - | 1995 | 145 | D | 2500 | 61000
G45 30e xDrive | 2024 | - | 1998 | 220 | H | 2700 | 68000
= X5 | X5 | M1G | 5
G05 xDrive30d | 2018 | 2020 | 2993 | 195 | D | 2900 | 75000
G05 xDrive40i | 2018 | 2023 | 2998 | 250 | P | 2870 | 80000
G05 xDrive45e | 2019 | 2023 | 2998 | 290 | H | 3010 | 85000
G05 xDrive30d | 2020 | 2023 | 2993 | 210 | D | 2950 | 80000
G05 LCI xDrive30d | 2023 | - | 2993 | 219 | D | 3000 | 90000
G05 LCI xDrive50e | 2023 | - | 2998 | 360 | H | 3150 | 100000
= i4 | I4 | M1 | 5
eDrive40 | 2021 | - | - | 250 | E | 2600 | 63000
M50 | 2021 | - | - | 400 | E | 2710 | 75000
eDrive35 | 2022 | - | - | 210 | E | 2500 | 58000
= iX | IX | M1 | 5
xDrive40 | 2021 | 2025 | - | 240 | E | 2990 | 85000
xDrive50 | 2021 | 2025 | - | 385 | E | 3140 | 105000
= iX3 | IX3 | M1 | 5
Impressive 80 kWh | 2021 | 2024 | - | 210 | E | 2725 | 67000
= R 1250 GS | R1250GS | L3e | 2
R 1250 GS | 2019 | 2023 | 1254 | 100 | P | 465 | 21000
R 1250 GS Adventure | 2019 | 2023 | 1254 | 100 | P | 495 | 24000 | sfx=ADV
= R 1300 GS | R1300GS | L3e | 2
R 1300 GS | 2023 | - | 1300 | 107 | P | 465 | 24000
= F 900 R | F900R | L3e | 2
F 900 R | 2020 | - | 895 | 77 | P | 430 | 11500
= CE 04 | CE04 | L3e | 2
CE 04 | 2022 | - | - | 31 | E | 400 | 13500

@ 10 | Mercedes-Benz | MER
= Clasa A | ACLASS | M1 | 5 | aliases=A-Class;A-Klasse;Classe A
W176 A 180 | 2012 | 2018 | 1595 | 90 | P | 1850 | 26000
W176 A 180 d | 2012 | 2018 | 1461 | 80 | D | 1900 | 27000
W177 A 180 | 2018 | - | 1332 | 100 | P | 1880 | 33000
W177 A 200 | 2018 | - | 1332 | 120 | P | 1900 | 36000
W177 A 180 d | 2018 | - | 1461 | 85 | D | 1930 | 34000
W177 A 200 d | 2018 | - | 1950 | 110 | D | 1960 | 38000
W177 AMG A 35 4MATIC | 2018 | - | 1991 | 225 | P | 2050 | 58000
W177 A 250 e | 2020 | - | 1332 | 160 | H | 2140 | 44000
= Clasa C | CCLASS | M1 | 5 | aliases=C-Class;C-Klasse;Classe C
W205 C 180 | 2014 | 2018 | 1595 | 115 | P | 2050 | 36000
W205 C 200 | 2014 | 2018 | 1991 | 135 | P | 2070 | 40000
W205 C 220 d | 2014 | 2018 | 2143 | 125 | D | 2150 | 42000
W205 C 200 | 2018 | 2021 | 1497 | 135 | P | 2080 | 42000
W205 C 220 d | 2018 | 2021 | 1950 | 143 | D | 2150 | 45000
W206 C 180 | 2021 | - | 1496 | 125 | P | 2150 | 45000
W206 C 200 | 2021 | - | 1496 | 150 | P | 2170 | 50000
W206 C 220 d | 2021 | - | 1993 | 147 | D | 2250 | 52000
W206 C 300 e | 2022 | - | 1999 | 230 | H | 2480 | 60000
= Clasa E | ECLASS | M1 | 5 | aliases=E-Class;E-Klasse;Classe E
W212 E 220 CDI | 2009 | 2016 | 2143 | 125 | D | 2300 | 45000
W213 E 200 | 2016 | 2023 | 1991 | 145 | P | 2300 | 52000
W213 E 220 d | 2016 | 2023 | 1950 | 143 | D | 2370 | 55000
W213 E 350 d 4MATIC | 2016 | 2023 | 2925 | 210 | D | 2500 | 70000
W213 E 300 e | 2019 | 2023 | 1991 | 235 | H | 2520 | 63000
W214 E 200 | 2023 | - | 1999 | 150 | P | 2450 | 62000
W214 E 220 d | 2023 | - | 1993 | 145 | D | 2500 | 65000
W214 E 300 e | 2023 | - | 1999 | 230 | H | 2700 | 72000
= GLA | GLA | M1 | 5
H247 GLA 200 | 2020 | - | 1332 | 120 | P | 2050 | 42000
H247 GLA 200 d | 2020 | - | 1950 | 110 | D | 2100 | 45000
H247 GLA 250 e | 2020 | - | 1332 | 160 | H | 2280 | 50000
= GLC | GLC | M1 | 5
X253 GLC 220 d 4MATIC | 2015 | 2019 | 2143 | 125 | D | 2500 | 50000
X253 GLC 220 d 4MATIC | 2019 | 2022 | 1950 | 143 | D | 2500 | 54000
X253 GLC 300 4MATIC | 2019 | 2022 | 1991 | 190 | P | 2450 | 58000
X254 GLC 200 4MATIC | 2022 | - | 1999 | 150 | P | 2550 | 62000
X254 GLC 220 d 4MATIC | 2022 | - | 1993 | 145 | D | 2600 | 64000
X254 GLC 300 e 4MATIC | 2023 | - | 1999 | 230 | H | 2800 | 72000
= GLE | GLE | M1G | 5
V167 GLE 300 d 4MATIC | 2019 | 2023 | 1950 | 180 | D | 3000 | 80000
V167 GLE 350 d 4MATIC | 2019 | 2023 | 2925 | 200 | D | 3050 | 82000
V167 GLE 450 4MATIC | 2019 | - | 2999 | 270 | P | 3050 | 92000
V167 GLE 350 de 4MATIC | 2020 | - | 1950 | 235 | H | 3250 | 90000
V167 GLE 450 d 4MATIC | 2023 | - | 2989 | 270 | D | 3100 | 98000
= Clasa G | GCLASS | M1G | 5 | aliases=G-Class;G-Klasse;Classe G
W463 G 500 | 2018 | - | 3982 | 310 | P | 3200 | 140000
W463 AMG G 63 | 2018 | - | 3982 | 430 | P | 3200 | 190000
W463 G 400 d | 2019 | 2024 | 2925 | 243 | D | 3200 | 130000
G 580 with EQ Technology | 2024 | - | - | 432 | E | 3500 | 170000
= EQA | EQA | M1 | 5
EQA 250 | 2021 | - | - | 140 | E | 2450 | 50000
EQA 300 4MATIC | 2021 | - | - | 168 | E | 2530 | 56000
EQA 350 4MATIC | 2021 | - | - | 215 | E | 2530 | 60000
= EQE | EQE | M1 | 5
EQE 300 | 2022 | - | - | 180 | E | 2850 | 75000
EQE 350+ | 2022 | - | - | 215 | E | 2850 | 82000
= Vito | VITO | N1 | 3
114 CDI | 2019 | - | 1950 | 100 | D | 3050 | 35000
116 CDI | 2019 | - | 1950 | 120 | D | 3200 | 38000
Tourer 119 CDI | 2019 | - | 1950 | 140 | D | 3200 | 55000 | vt=M1 | seats=8
eVito | 2020 | - | - | 85 | E | 3200 | 52000
= Sprinter | SPRINTER | N1 | 3
211 CDI | 2018 | - | 2143 | 84 | D | 3500 | 38000
314 CDI | 2018 | - | 2143 | 105 | D | 3500 | 41000
316 CDI | 2018 | - | 2143 | 120 | D | 3500 | 43000
516 CDI Tourer | 2018 | - | 2143 | 120 | D | 5000 | 70000 | vt=M2 | seats=20 | sfx=M2
519 CDI | 2018 | - | 2987 | 140 | D | 5000 | 55000 | vt=N2
eSprinter | 2019 | - | - | 85 | E | 3500 | 65000
317 CDI | 2021 | - | 1950 | 125 | D | 3500 | 45000
= Actros | ACTROS | N3 | 2
1845 LS | 2019 | - | 12809 | 330 | D | 18000 | 110000
1851 LS | 2019 | - | 12809 | 375 | D | 18000 | 120000
2545 L 6x2 | 2019 | - | 12809 | 330 | D | 26000 | 125000 | sfx=6X2

@ 11 | Audi | AUD
= A3 | A3 | M1 | 5
8V 1.4 TFSI 125 | 2012 | 2018 | 1395 | 92 | P | 1800 | 26000
8V 1.6 TDI 110 | 2012 | 2020 | 1598 | 81 | D | 1850 | 27000
8V 2.0 TDI 150 | 2012 | 2020 | 1968 | 110 | D | 1900 | 31000
8V 1.5 TFSI 150 | 2017 | 2020 | 1498 | 110 | P | 1850 | 30000
8Y 30 TFSI | 2020 | - | 999 | 81 | P | 1830 | 31000
8Y 35 TFSI | 2020 | - | 1498 | 110 | P | 1900 | 35000
8Y 30 TDI | 2020 | - | 1968 | 85 | D | 1920 | 34000
8Y 35 TDI | 2020 | - | 1968 | 110 | D | 1950 | 37000
8Y 40 TFSI e | 2020 | - | 1395 | 150 | H | 2080 | 42000
8Y S3 2.0 TFSI quattro | 2020 | - | 1984 | 228 | P | 2050 | 55000
= A4 | A4 | M1 | 5
B8 2.0 TDI 143 | 2008 | 2012 | 1968 | 105 | D | 2050 | 34000
B8 2.0 TDI 150 | 2012 | 2015 | 1968 | 110 | D | 2050 | 36000
B8 1.8 TFSI 170 | 2012 | 2015 | 1798 | 125 | P | 2000 | 35000
B9 2.0 TDI 150 | 2015 | 2019 | 1968 | 110 | D | 2100 | 38000
B9 35 TDI | 2019 | 2024 | 1968 | 120 | D | 2150 | 42000
B9 40 TDI quattro | 2019 | 2024 | 1968 | 150 | D | 2250 | 50000
B9 35 TFSI | 2019 | 2024 | 1984 | 110 | P | 2100 | 40000
B9 45 TFSI quattro | 2019 | 2024 | 1984 | 195 | P | 2200 | 55000
= A5 | A5 | M1 | 5
B10 TFSI 150 | 2024 | - | 1984 | 110 | P | 2200 | 48000
B10 TDI 204 quattro | 2024 | - | 1968 | 150 | D | 2350 | 58000
B10 S5 TFSI quattro | 2024 | - | 2994 | 270 | P | 2400 | 80000
= A6 | A6 | M1 | 5
C7 2.0 TDI 190 | 2014 | 2018 | 1968 | 140 | D | 2300 | 48000
C7 3.0 TDI quattro 218 | 2014 | 2018 | 2967 | 160 | D | 2450 | 58000
C8 40 TDI | 2018 | - | 1968 | 150 | D | 2400 | 58000
C8 45 TDI quattro | 2018 | - | 2967 | 170 | D | 2550 | 68000
C8 50 TDI quattro | 2018 | - | 2967 | 210 | D | 2550 | 75000
C8 45 TFSI quattro | 2018 | - | 1984 | 195 | P | 2450 | 65000
C8 55 TFSI e quattro | 2019 | - | 1984 | 270 | H | 2650 | 80000
= Q2 | Q2 | M1 | 5
30 TFSI | 2016 | - | 999 | 81 | P | 1750 | 28000
35 TFSI | 2016 | - | 1498 | 110 | P | 1800 | 32000
30 TDI | 2016 | - | 1598 | 85 | D | 1850 | 31000
= Q3 | Q3 | M1 | 5
8U 2.0 TDI 150 | 2011 | 2018 | 1968 | 110 | D | 2100 | 36000
F3 35 TFSI | 2018 | 2025 | 1498 | 110 | P | 2080 | 38000
F3 35 TDI | 2018 | 2025 | 1968 | 110 | D | 2150 | 41000
F3 40 TDI quattro | 2018 | 2025 | 1968 | 147 | D | 2250 | 48000
F3 45 TFSI e | 2021 | 2025 | 1395 | 180 | H | 2320 | 50000
= Q5 | Q5 | M1 | 5
FY 40 TDI quattro | 2017 | 2024 | 1968 | 150 | D | 2450 | 55000
FY 45 TFSI quattro | 2017 | 2024 | 1984 | 195 | P | 2400 | 58000
FY 55 TFSI e quattro | 2019 | 2024 | 1984 | 270 | H | 2600 | 65000
FY 35 TDI | 2020 | 2024 | 1968 | 120 | D | 2350 | 50000
GU TDI quattro 204 | 2024 | - | 1968 | 150 | D | 2550 | 62000
GU TFSI quattro 272 | 2024 | - | 1984 | 200 | P | 2500 | 64000
GU SQ5 TFSI | 2024 | - | 2994 | 270 | P | 2600 | 85000
= Q7 | Q7 | M1G | 7
4M 3.0 TDI quattro 272 | 2015 | 2019 | 2967 | 200 | D | 2950 | 70000
4M 45 TDI quattro | 2019 | - | 2967 | 170 | D | 2950 | 75000
4M 50 TDI quattro | 2019 | - | 2967 | 210 | D | 3000 | 82000
4M 55 TFSI e quattro | 2020 | - | 2995 | 280 | H | 3150 | 90000 | seats=5
= Q4 e-tron | Q4ETRON | M1 | 5
35 e-tron | 2021 | 2023 | - | 125 | E | 2500 | 46000
40 e-tron | 2021 | 2023 | - | 150 | E | 2600 | 52000
50 e-tron quattro | 2021 | 2023 | - | 220 | E | 2700 | 60000
45 e-tron | 2023 | - | - | 210 | E | 2650 | 56000
= e-tron | ETRON | M1 | 5 | aliases=Q8 e-tron
50 quattro | 2019 | 2022 | - | 230 | E | 3040 | 75000
55 quattro | 2019 | 2022 | - | 300 | E | 3130 | 85000
Q8 50 e-tron quattro | 2023 | 2025 | - | 250 | E | 3150 | 80000
Q8 55 e-tron quattro | 2023 | 2025 | - | 300 | E | 3200 | 90000

@ 12 | Opel | OPE
= Corsa | CORSA | M1 | 5
D 1.2 80 | 2006 | 2014 | 1229 | 59 | P | 1500 | 11000
E 1.2 70 | 2014 | 2019 | 1229 | 51 | P | 1550 | 11500
E 1.4 90 | 2014 | 2019 | 1398 | 66 | P | 1590 | 13500
E 1.3 CDTI 95 | 2014 | 2019 | 1248 | 70 | D | 1620 | 15500
F 1.2 75 | 2019 | - | 1199 | 55 | P | 1530 | 15500
F 1.2 Turbo 100 | 2019 | - | 1199 | 74 | P | 1580 | 18000
F 1.2 Turbo 130 | 2019 | 2023 | 1199 | 96 | P | 1600 | 20500
F 1.5 Diesel 100 | 2019 | 2022 | 1499 | 75 | D | 1640 | 19500
F Corsa-e 136 | 2019 | 2023 | - | 100 | E | 1980 | 32000
F Corsa Electric 156 | 2023 | - | - | 115 | E | 2000 | 34000
F 1.2 Hybrid 100 | 2024 | - | 1199 | 74 | H | 1650 | 22000
= Astra | ASTRA | M1 | 5
H 1.6 115 | 2004 | 2010 | 1598 | 85 | P | 1750 | 15000
J 1.6 115 | 2009 | 2015 | 1598 | 85 | P | 1800 | 16000
J 1.7 CDTI 110 | 2009 | 2015 | 1686 | 81 | D | 1880 | 19000
J 1.4 Turbo 140 | 2010 | 2015 | 1364 | 103 | P | 1830 | 18500
K 1.4 Turbo 125 | 2015 | 2019 | 1399 | 92 | P | 1800 | 18500
K 1.6 CDTI 110 | 2015 | 2019 | 1598 | 81 | D | 1850 | 20500
K 1.2 Turbo 130 | 2019 | 2021 | 1199 | 96 | P | 1800 | 20000
K 1.5 Diesel 122 | 2019 | 2021 | 1496 | 90 | D | 1860 | 22500
L 1.2 Turbo 130 | 2021 | - | 1199 | 96 | P | 1850 | 26000
L 1.5 Diesel 130 | 2021 | - | 1499 | 96 | D | 1900 | 28500
L 1.6 Plug-in Hybrid 180 | 2022 | - | 1598 | 133 | H | 2150 | 38000
L Astra Electric | 2023 | - | - | 115 | E | 2150 | 42000
= Mokka | MOKKA | M1 | 5 | aliases=Mokka X;Mokka-e
X 1.4 Turbo 140 | 2012 | 2019 | 1364 | 103 | P | 1850 | 20000
X 1.6 CDTI 136 | 2015 | 2019 | 1598 | 100 | D | 1900 | 23000
B 1.2 Turbo 100 | 2021 | - | 1199 | 74 | P | 1700 | 21000
B 1.2 Turbo 130 | 2021 | - | 1199 | 96 | P | 1730 | 24000
B Mokka-e 136 | 2021 | 2023 | - | 100 | E | 2000 | 36000
B Mokka Electric 156 | 2023 | - | - | 115 | E | 2050 | 37000
= Crossland | CROSSLAND | M1 | 5 | aliases=Crossland X
1.2 83 | 2017 | 2024 | 1199 | 61 | P | 1660 | 16000
1.2 Turbo 110 | 2017 | 2024 | 1199 | 81 | P | 1710 | 19000
1.5 Diesel 110 | 2019 | 2024 | 1499 | 81 | D | 1760 | 21000
= Grandland | GRANDLAND | M1 | 5 | aliases=Grandland X
I 1.2 Turbo 130 | 2017 | 2024 | 1199 | 96 | P | 1980 | 25000
I 1.5 Diesel 130 | 2018 | 2024 | 1499 | 96 | D | 2030 | 28500
I 1.6 Hybrid4 300 | 2020 | 2024 | 1598 | 221 | H | 2370 | 45000
II 1.2 Hybrid 136 | 2024 | - | 1199 | 100 | H | 2150 | 33000
II Electric 213 | 2024 | - | - | 157 | E | 2600 | 45000
= Insignia | INSIGNIA | M1 | 5
A 2.0 CDTI 160 | 2008 | 2017 | 1956 | 118 | D | 2200 | 30000
B 1.5 Turbo 165 | 2017 | 2022 | 1490 | 121 | P | 2100 | 27000
B 1.6 CDTI 136 | 2017 | 2020 | 1598 | 100 | D | 2150 | 29000
B 2.0 Diesel 174 | 2020 | 2022 | 1997 | 128 | D | 2200 | 36000
= Vivaro | VIVARO | N1 | 3
B 1.6 CDTI 120 | 2014 | 2019 | 1598 | 88 | D | 2940 | 27000
C 1.5 Diesel 120 | 2019 | - | 1499 | 88 | D | 2800 | 29000
C 2.0 Diesel 145 | 2019 | - | 1997 | 106 | D | 3100 | 33000
C Vivaro-e | 2020 | - | - | 100 | E | 3100 | 45000

@ 13 | Peugeot | PEU
= 208 | P208 | M1 | 5
I 1.0 VTi 68 | 2012 | 2015 | 999 | 50 | P | 1420 | 11500
I 1.2 PureTech 82 | 2012 | 2019 | 1199 | 60 | P | 1480 | 13000
I 1.6 BlueHDi 100 | 2014 | 2019 | 1560 | 73 | D | 1560 | 16000
II 1.2 PureTech 75 | 2019 | - | 1199 | 55 | P | 1530 | 16000
II 1.2 PureTech 100 | 2019 | - | 1199 | 74 | P | 1580 | 18500
II 1.2 PureTech 130 | 2019 | 2023 | 1199 | 96 | P | 1600 | 21000
II 1.5 BlueHDi 100 | 2019 | 2023 | 1499 | 75 | D | 1650 | 20000
II e-208 136 | 2019 | 2023 | - | 100 | E | 1910 | 33000
II e-208 156 | 2023 | - | - | 115 | E | 1950 | 34000
II Hybrid 100 | 2024 | - | 1199 | 74 | H | 1650 | 22500
= 308 | P308 | M1 | 5
II 1.2 PureTech 110 | 2013 | 2021 | 1199 | 81 | P | 1790 | 18000
II 1.2 PureTech 130 | 2013 | 2021 | 1199 | 96 | P | 1810 | 20000
II 1.6 BlueHDi 120 | 2014 | 2018 | 1560 | 88 | D | 1860 | 21500
II 1.5 BlueHDi 130 | 2018 | 2021 | 1499 | 96 | D | 1880 | 23500
III 1.2 PureTech 130 | 2021 | - | 1199 | 96 | P | 1850 | 26000
III 1.5 BlueHDi 130 | 2021 | - | 1499 | 96 | D | 1900 | 28500
III Hybrid 180 e-EAT8 | 2021 | - | 1598 | 133 | H | 2170 | 38000
III e-308 156 | 2023 | - | - | 115 | E | 2150 | 42000
III Hybrid 136 e-DCS6 | 2024 | - | 1199 | 100 | H | 1900 | 30000
= 2008 | P2008 | M1 | 5
I 1.2 PureTech 82 | 2013 | 2019 | 1199 | 60 | P | 1580 | 15000
I 1.6 BlueHDi 100 | 2014 | 2019 | 1560 | 73 | D | 1650 | 18000
II 1.2 PureTech 100 | 2019 | - | 1199 | 74 | P | 1700 | 21000
II 1.2 PureTech 130 | 2019 | - | 1199 | 96 | P | 1720 | 24000
II 1.5 BlueHDi 110 | 2019 | 2023 | 1499 | 81 | D | 1770 | 24000
II e-2008 136 | 2020 | 2023 | - | 100 | E | 2030 | 36000
II e-2008 156 | 2023 | - | - | 115 | E | 2050 | 37000
II Hybrid 136 | 2024 | - | 1199 | 100 | H | 1780 | 27500
= 3008 | P3008 | M1 | 5
II 1.2 PureTech 130 | 2016 | 2023 | 1199 | 96 | P | 1960 | 27000
II 2.0 BlueHDi 180 | 2016 | 2020 | 1997 | 130 | D | 2130 | 36000
II 1.5 BlueHDi 130 | 2018 | 2023 | 1499 | 96 | D | 2010 | 30000
II Hybrid 225 | 2020 | 2023 | 1598 | 165 | H | 2300 | 42000
II Hybrid4 300 | 2020 | 2023 | 1598 | 221 | H | 2400 | 48000
III Hybrid 136 | 2024 | - | 1199 | 100 | H | 2100 | 36000
III Plug-in Hybrid 195 | 2024 | - | 1598 | 143 | H | 2350 | 45000
III E-3008 210 | 2024 | - | - | 157 | E | 2600 | 48000
= 5008 | P5008 | M1 | 7
II 1.2 PureTech 130 | 2017 | 2023 | 1199 | 96 | P | 2140 | 29000
II 1.5 BlueHDi 130 | 2018 | 2023 | 1499 | 96 | D | 2190 | 32000
III Hybrid 136 | 2024 | - | 1199 | 100 | H | 2300 | 40000
= 508 | P508 | M1 | 5
II 1.5 BlueHDi 130 | 2018 | - | 1499 | 96 | D | 2080 | 36000
II 1.6 PureTech 225 | 2018 | 2022 | 1598 | 165 | P | 2050 | 42000
II Hybrid 225 | 2019 | - | 1598 | 165 | H | 2250 | 48000
= Partner | PARTNER | N1 | 2
III 1.5 BlueHDi 100 | 2018 | - | 1499 | 75 | D | 2250 | 21000
III 1.5 BlueHDi 130 | 2018 | - | 1499 | 96 | D | 2300 | 24000
III e-Partner | 2021 | - | - | 100 | E | 2400 | 36000
= Rifter | RIFTER | M1 | 5
1.2 PureTech 110 | 2018 | - | 1199 | 81 | P | 2150 | 21000
1.5 BlueHDi 100 | 2018 | - | 1499 | 75 | D | 2220 | 23500
= Boxer | BOXER | N1 | 3
2.0 BlueHDi 130 | 2016 | 2019 | 1997 | 96 | D | 3300 | 30000
2.2 BlueHDi 140 | 2019 | - | 2179 | 103 | D | 3500 | 34000
2.2 BlueHDi 165 | 2019 | - | 2179 | 120 | D | 3500 | 37000

@ 14 | Citroën | CIT
= C3 | C3 | M1 | 5
II 1.4 HDi 70 | 2009 | 2016 | 1398 | 50 | D | 1540 | 13000
III 1.2 PureTech 83 | 2016 | 2024 | 1199 | 61 | P | 1580 | 15000
III 1.2 PureTech 110 | 2016 | 2024 | 1199 | 81 | P | 1630 | 17500
III 1.5 BlueHDi 100 | 2018 | 2024 | 1499 | 75 | D | 1670 | 18500
IV 1.2 PureTech 100 | 2024 | - | 1199 | 74 | P | 1680 | 17000
IV Hybrid 110 | 2024 | - | 1199 | 81 | H | 1720 | 20000
IV ë-C3 113 | 2024 | - | - | 83 | E | 1960 | 23500
= C3 Aircross | C3AIRCROSS | M1 | 5
I 1.2 PureTech 110 | 2017 | 2024 | 1199 | 81 | P | 1740 | 19000
I 1.5 BlueHDi 110 | 2018 | 2024 | 1499 | 81 | D | 1800 | 21500
II Hybrid 136 | 2024 | - | 1199 | 100 | H | 1850 | 25000
= C4 | C4 | M1 | 5
III 1.2 PureTech 130 | 2020 | - | 1199 | 96 | P | 1820 | 24000
III 1.5 BlueHDi 130 | 2020 | - | 1499 | 96 | D | 1870 | 26500
III ë-C4 136 | 2020 | 2023 | - | 100 | E | 2090 | 35000
III ë-C4 156 | 2023 | - | - | 115 | E | 2120 | 36000
III Hybrid 136 | 2024 | - | 1199 | 100 | H | 1870 | 27000
= C5 Aircross | C5AIRCROSS | M1 | 5
1.2 PureTech 130 | 2018 | - | 1199 | 96 | P | 1970 | 27000
1.5 BlueHDi 130 | 2018 | - | 1499 | 96 | D | 2020 | 30000
Plug-in Hybrid 225 | 2020 | - | 1598 | 165 | H | 2300 | 41000
= C5 X | C5X | M1 | 5
1.2 PureTech 130 | 2022 | - | 1199 | 96 | P | 2050 | 33000
Plug-in Hybrid 225 | 2022 | - | 1598 | 165 | H | 2350 | 45000
= Berlingo | BERLINGO | M1 | 5
III 1.2 PureTech 110 | 2018 | - | 1199 | 81 | P | 2150 | 20500
III 1.5 BlueHDi 100 | 2018 | - | 1499 | 75 | D | 2200 | 22500
III Van 1.5 BlueHDi 100 | 2018 | - | 1499 | 75 | D | 2250 | 20000 | vt=N1 | seats=2 | sfx=V
III ë-Berlingo | 2021 | - | - | 100 | E | 2450 | 36000
= Jumpy | JUMPY | N1 | 3
1.5 BlueHDi 120 | 2016 | - | 1499 | 88 | D | 2800 | 28000
2.0 BlueHDi 145 | 2019 | - | 1997 | 106 | D | 3100 | 32000
ë-Jumpy | 2020 | - | - | 100 | E | 3100 | 44000
= Jumper | JUMPER | N1 | 3
2.2 BlueHDi 140 | 2019 | - | 2179 | 103 | D | 3500 | 33500
2.2 BlueHDi 165 | 2019 | - | 2179 | 120 | D | 3500 | 36500

@ 15 | Fiat | FIA
= Panda | PANDA | M1 | 5
III 1.2 69 | 2012 | 2020 | 1242 | 51 | P | 1420 | 10500
III 0.9 TwinAir 85 | 2012 | 2020 | 875 | 63 | P | 1450 | 12000
III 0.9 TwinAir 85 4x4 | 2012 | 2020 | 875 | 63 | P | 1530 | 15500 | vt=M1G | sfx=X4
III 1.3 MultiJet 95 | 2014 | 2018 | 1248 | 70 | D | 1510 | 14000
III 1.0 Hybrid 70 | 2020 | 2024 | 999 | 51 | P | 1430 | 13500
= Grande Panda | GRANDEPANDA | M1 | 5
Hybrid 110 | 2025 | - | 1199 | 81 | H | 1770 | 19000
Electric 113 | 2025 | - | - | 83 | E | 1990 | 25000
= 500 | F500 | M1 | 4
1.2 69 | 2007 | 2020 | 1242 | 51 | P | 1305 | 12500
0.9 TwinAir 85 | 2010 | 2020 | 875 | 63 | P | 1330 | 14000
1.0 Hybrid 70 | 2020 | 2024 | 999 | 51 | P | 1340 | 16000
= 500e | F500E | M1 | 4
24 kWh 95 | 2020 | - | - | 70 | E | 1660 | 28000
42 kWh 118 | 2020 | - | - | 87 | E | 1700 | 33000
= Tipo | TIPO | M1 | 5
1.4 95 | 2016 | 2020 | 1368 | 70 | P | 1770 | 13500
1.3 MultiJet 95 | 2016 | 2020 | 1248 | 70 | D | 1820 | 15500
1.6 MultiJet 120 | 2016 | 2020 | 1598 | 88 | D | 1850 | 17500
1.0 FireFly 100 | 2020 | - | 999 | 74 | P | 1780 | 17000
1.6 MultiJet 130 | 2020 | - | 1598 | 96 | D | 1870 | 20500
1.5 Hybrid 130 | 2022 | - | 1469 | 96 | H | 1850 | 22000
= Doblo | DOBLO | M1 | 5
II 1.4 95 | 2010 | 2022 | 1368 | 70 | P | 2000 | 15000
II 1.6 MultiJet 105 | 2010 | 2022 | 1598 | 77 | D | 2100 | 18000
II Cargo 1.3 MultiJet 95 | 2015 | 2022 | 1248 | 70 | D | 2150 | 16000 | vt=N1 | seats=2
III 1.5 BlueHDi 100 | 2022 | - | 1499 | 75 | D | 2250 | 24000
= Ducato | DUCATO | N1 | 3
2.3 MultiJet 130 | 2014 | 2021 | 2287 | 96 | D | 3500 | 30000
2.3 MultiJet 150 | 2014 | 2021 | 2287 | 109 | D | 3500 | 32000
2.2 MultiJet 140 | 2021 | - | 2184 | 103 | D | 3500 | 36000
2.2 MultiJet 180 | 2021 | - | 2184 | 132 | D | 3500 | 41000
E-Ducato | 2021 | - | - | 90 | E | 3500 | 70000
= 600 | F600 | M1 | 5
600e 156 | 2023 | - | - | 115 | E | 2050 | 36000
Hybrid 100 | 2024 | - | 1199 | 74 | H | 1700 | 24000

@ 16 | Suzuki | SUZ
= Swift | SWIFT | M1 | 5
V 1.2 DualJet 90 | 2017 | 2020 | 1242 | 66 | P | 1365 | 12500
V 1.2 DualJet Hybrid 83 | 2020 | 2024 | 1197 | 61 | P | 1370 | 15000
V 1.2 DualJet Hybrid 83 AllGrip | 2020 | 2024 | 1197 | 61 | P | 1420 | 17000 | sfx=X4
V Sport 1.4 BoosterJet 129 | 2020 | 2024 | 1373 | 95 | P | 1380 | 22000
VI 1.2 Hybrid 82 | 2024 | - | 1197 | 61 | P | 1400 | 17500
= Vitara | VITARA | M1 | 5
IV 1.6 VVT 120 | 2015 | 2018 | 1586 | 88 | P | 1730 | 17000
IV 1.6 DDiS 120 | 2015 | 2018 | 1598 | 88 | D | 1760 | 20000
IV 1.0 BoosterJet 111 | 2018 | 2020 | 998 | 82 | P | 1700 | 19000
IV 1.4 BoosterJet 140 | 2018 | 2020 | 1373 | 103 | P | 1730 | 22000
IV 1.4 BoosterJet Hybrid 129 | 2020 | - | 1373 | 95 | P | 1760 | 22500
IV 1.4 BoosterJet Hybrid 129 AllGrip | 2020 | - | 1373 | 95 | P | 1820 | 25000 | vt=M1G | sfx=X4
IV 1.5 Hybrid AGS 116 | 2022 | - | 1462 | 85 | H | 1800 | 26000
= S-Cross | SCROSS | M1 | 5 | aliases=SX4 S-Cross
1.4 BoosterJet Hybrid 129 | 2021 | - | 1373 | 95 | P | 1780 | 24000
1.4 BoosterJet Hybrid 129 AllGrip | 2021 | - | 1373 | 95 | P | 1840 | 27000 | vt=M1G | sfx=X4
1.5 Hybrid AGS 116 | 2022 | - | 1462 | 85 | H | 1830 | 27500
= Ignis | IGNIS | M1 | 5
1.2 DualJet 90 | 2016 | 2020 | 1242 | 66 | P | 1330 | 12500
1.2 DualJet Hybrid 83 | 2020 | - | 1197 | 61 | P | 1340 | 15000
= Jimny | JIMNY | M1G | 4
1.5 VVT 102 | 2018 | 2020 | 1462 | 75 | P | 1435 | 21000
1.5 VVT 102 Pro | 2021 | - | 1462 | 75 | P | 1460 | 24000 | vt=N1G | seats=2
= V-Strom 650 | VSTROM650 | L3e | 2 | aliases=DL650
V-Strom 650 | 2017 | 2024 | 645 | 52 | P | 425 | 9000
V-Strom 650 XT | 2017 | 2024 | 645 | 52 | P | 425 | 9800 | sfx=XT
= GSX-S1000 | GSXS1000 | L3e | 2
GSX-S1000 | 2021 | - | 999 | 112 | P | 410 | 13500

@ 17 | Nissan | NIS
= Qashqai | QASHQAI | M1 | 5
II 1.2 DIG-T 115 | 2014 | 2018 | 1197 | 85 | P | 1860 | 20000
II 1.5 dCi 110 | 2014 | 2018 | 1461 | 81 | D | 1950 | 22000
II 1.6 dCi 130 | 2014 | 2018 | 1598 | 96 | D | 1980 | 25000
II 1.3 DIG-T 140 | 2018 | 2021 | 1332 | 103 | P | 1900 | 23000
II 1.5 dCi 115 | 2018 | 2021 | 1461 | 85 | D | 1960 | 24500
III 1.3 DIG-T MHEV 140 | 2021 | - | 1332 | 103 | P | 1990 | 27000
III 1.3 DIG-T MHEV 158 Xtronic | 2021 | - | 1332 | 116 | P | 2010 | 31000
III e-Power 190 | 2022 | - | 1497 | 140 | H | 2100 | 36000
= Juke | JUKE | M1 | 5
I 1.6 94 | 2010 | 2019 | 1598 | 69 | P | 1610 | 16000
I 1.5 dCi 110 | 2010 | 2019 | 1461 | 81 | D | 1710 | 19500
II 1.0 DIG-T 114 | 2019 | - | 999 | 84 | P | 1750 | 21000
II 1.6 Hybrid 143 | 2022 | - | 1598 | 105 | H | 1800 | 27000
= X-Trail | XTRAIL | M1 | 5
III 1.6 dCi 130 | 2014 | 2021 | 1598 | 96 | D | 2130 | 28000
III 2.0 dCi 177 4x4 | 2017 | 2021 | 1995 | 130 | D | 2250 | 35000 | vt=M1G
IV 1.5 VC-T MHEV 163 | 2022 | - | 1497 | 120 | P | 2150 | 35000
IV e-Power 204 | 2022 | - | 1497 | 150 | H | 2250 | 40000
IV e-4ORCE 213 | 2022 | - | 1497 | 157 | H | 2350 | 44000 | seats=7
= Micra | MICRA | M1 | 5
V 1.0 71 | 2017 | 2020 | 998 | 52 | P | 1450 | 12500
V 0.9 IG-T 90 | 2017 | 2019 | 898 | 66 | P | 1490 | 14000
V 1.5 dCi 90 | 2017 | 2019 | 1461 | 66 | D | 1540 | 16000
V 1.0 IG-T 92 | 2019 | 2023 | 999 | 68 | P | 1500 | 15000
= Leaf | LEAF | M1 | 5
II 40 kWh | 2018 | 2024 | - | 110 | E | 1995 | 35000
II e+ 62 kWh | 2019 | 2024 | - | 160 | E | 2140 | 42000
= Ariya | ARIYA | M1 | 5
63 kWh | 2022 | - | - | 160 | E | 2420 | 48000
87 kWh | 2022 | - | - | 178 | E | 2570 | 55000
87 kWh e-4ORCE | 2022 | - | - | 225 | E | 2700 | 60000
= Navara | NAVARA | N1G | 5
2.3 dCi 160 | 2016 | 2022 | 2298 | 120 | D | 3010 | 32000
2.3 dCi 190 | 2016 | 2022 | 2298 | 140 | D | 3010 | 36000

@ 18 | Mazda | MAZ
= Mazda2 | MAZDA2 | M1 | 5 | aliases=2
1.5 Skyactiv-G 75 | 2014 | - | 1496 | 55 | P | 1500 | 15000
1.5 Skyactiv-G 90 | 2014 | - | 1496 | 66 | P | 1510 | 16500
Hybrid 116 | 2022 | - | 1490 | 85 | H | 1550 | 22500
= Mazda3 | MAZDA3 | M1 | 5 | aliases=3
BM 2.0 Skyactiv-G 120 | 2013 | 2019 | 1998 | 88 | P | 1810 | 19000
BM 2.2 Skyactiv-D 150 | 2013 | 2019 | 2191 | 110 | D | 1900 | 24000
BM 1.5 Skyactiv-D 105 | 2016 | 2019 | 1499 | 77 | D | 1860 | 21000
BP 2.0 e-Skyactiv G 122 | 2019 | 2024 | 1998 | 90 | P | 1870 | 25000
BP 2.0 e-Skyactiv X 186 | 2019 | - | 1998 | 137 | P | 1920 | 31000
BP 1.8 Skyactiv-D 116 | 2019 | 2021 | 1759 | 85 | D | 1920 | 27000
BP 2.5 e-Skyactiv G 140 | 2024 | - | 2488 | 103 | P | 1900 | 28000
= Mazda6 | MAZDA6 | M1 | 5 | aliases=6
2.0 Skyactiv-G 165 | 2013 | 2023 | 1998 | 121 | P | 2000 | 30000
2.2 Skyactiv-D 150 | 2013 | 2021 | 2191 | 110 | D | 2070 | 32000
= CX-30 | CX30 | M1 | 5
2.0 e-Skyactiv G 122 | 2019 | 2024 | 1998 | 90 | P | 1960 | 26500
2.0 e-Skyactiv X 186 | 2019 | - | 1998 | 137 | P | 2000 | 32000
2.5 e-Skyactiv G 140 | 2024 | - | 2488 | 103 | P | 2000 | 30000
= CX-5 | CX5 | M1 | 5
I 2.2 Skyactiv-D 150 | 2012 | 2017 | 2191 | 110 | D | 2105 | 29000
II 2.0 Skyactiv-G 165 | 2017 | - | 1998 | 121 | P | 2090 | 29000
II 2.5 Skyactiv-G 194 AWD | 2017 | - | 2488 | 143 | P | 2160 | 37000
II 2.2 Skyactiv-D 150 | 2017 | 2023 | 2191 | 110 | D | 2150 | 32000
II 2.2 Skyactiv-D 184 AWD | 2017 | 2023 | 2191 | 135 | D | 2220 | 38000
= CX-60 | CX60 | M1 | 5
2.5 PHEV 327 AWD | 2022 | - | 2488 | 241 | H | 2600 | 55000
3.3 e-Skyactiv D 200 | 2023 | - | 3283 | 147 | D | 2550 | 52000
3.3 e-Skyactiv D 254 AWD | 2023 | - | 3283 | 187 | D | 2600 | 58000
= MX-5 | MX5 | M1 | 2
ND 1.5 Skyactiv-G 132 | 2015 | - | 1496 | 97 | P | 1270 | 30000
ND 2.0 Skyactiv-G 160 | 2015 | 2018 | 1998 | 118 | P | 1320 | 33000
ND 2.0 Skyactiv-G 184 | 2018 | - | 1998 | 135 | P | 1320 | 36000
= MX-30 | MX30 | M1 | 5
e-Skyactiv 145 | 2020 | - | - | 107 | E | 2119 | 35000
e-Skyactiv R-EV | 2023 | - | 830 | 125 | H | 2250 | 38000

@ 19 | Volvo | VOL
= XC40 | XC40 | M1 | 5 | aliases=EX40
T3 | 2018 | 2020 | 1477 | 120 | P | 2100 | 33000
D3 | 2018 | 2020 | 1969 | 110 | D | 2200 | 36000
B4 | 2020 | - | 1969 | 145 | P | 2200 | 40000
T5 Recharge | 2020 | 2023 | 1477 | 192 | H | 2350 | 48000
Recharge P8 AWD | 2020 | 2024 | - | 300 | E | 2660 | 58000
T2 | 2021 | 2024 | 1477 | 95 | P | 2050 | 32000
Single Motor | 2022 | - | - | 175 | E | 2500 | 50000
= XC60 | XC60 | M1 | 5
I D4 | 2013 | 2017 | 1969 | 133 | D | 2400 | 45000
II D4 AWD | 2017 | 2020 | 1969 | 140 | D | 2350 | 50000
II B4 | 2020 | - | 1969 | 145 | D | 2350 | 52000
II B5 AWD | 2020 | - | 1969 | 184 | P | 2400 | 58000
II T8 Recharge AWD | 2020 | - | 1969 | 335 | H | 2650 | 72000
II T6 Recharge AWD | 2022 | - | 1969 | 257 | H | 2600 | 65000
= XC90 | XC90 | M1 | 7
II D5 AWD | 2015 | 2019 | 1969 | 173 | D | 2750 | 65000
II B5 AWD | 2019 | - | 1969 | 173 | D | 2800 | 72000
II T8 Recharge AWD | 2019 | - | 1969 | 335 | H | 3010 | 85000
= V60 | V60 | M1 | 5
II B4 | 2020 | - | 1969 | 145 | D | 2250 | 45000
II T6 Recharge | 2020 | - | 1969 | 250 | H | 2450 | 58000
= EX30 | EX30 | M1 | 5
Single Motor | 2024 | - | - | 200 | E | 2200 | 37000
Single Motor Extended Range | 2024 | - | - | 200 | E | 2250 | 41000 | sfx=ER
Twin Motor Performance | 2024 | - | - | 315 | E | 2300 | 47000
= EX90 | EX90 | M1 | 7
Twin Motor | 2024 | - | - | 300 | E | 3200 | 95000
= FH | FH | N3 | 2 | aliases=FH16
460 | 2021 | - | 12777 | 338 | D | 18000 | 115000
500 | 2021 | - | 12777 | 368 | D | 18000 | 120000
FH16 750 | 2021 | - | 16120 | 551 | D | 26000 | 170000

@ 20 | Tesla | TES
= Model 3 | MODEL3 | M1 | 5
Standard Range Plus RWD | 2019 | 2021 | - | 239 | E | 2200 | 48000
Long Range AWD | 2019 | - | - | 366 | E | 2280 | 55000
Performance AWD | 2019 | 2023 | - | 377 | E | 2280 | 62000
RWD | 2021 | - | - | 208 | E | 2200 | 45000
Performance AWD Highland | 2024 | - | - | 460 | E | 2300 | 58000
= Model Y | MODELY | M1 | 5
Long Range AWD | 2021 | - | - | 378 | E | 2470 | 52000
Performance AWD | 2021 | 2024 | - | 393 | E | 2470 | 62000
RWD | 2022 | - | - | 220 | E | 2400 | 46000
= Model S | MODELS | M1 | 5
Long Range | 2021 | - | - | 493 | E | 2700 | 100000
Plaid | 2021 | - | - | 750 | E | 2700 | 115000
= Model X | MODELX | M1 | 7
Long Range | 2021 | - | - | 493 | E | 3050 | 110000
Plaid | 2021 | - | - | 750 | E | 3050 | 125000 | seats=6

@ 21 | Seat | SEA
= Ibiza | IBIZA | M1 | 5
IV 1.2 TSI 90 | 2012 | 2017 | 1197 | 66 | P | 1540 | 13000
IV 1.4 TDI 90 | 2015 | 2017 | 1422 | 66 | D | 1600 | 15000
V 1.0 MPI 80 | 2017 | 2021 | 999 | 59 | P | 1570 | 13500
V 1.0 TSI 95 | 2017 | - | 999 | 70 | P | 1610 | 17000
V 1.0 TSI 115 | 2017 | - | 999 | 85 | P | 1630 | 19000
V 1.6 TDI 95 | 2017 | 2021 | 1598 | 70 | D | 1660 | 18000
V 1.5 TSI 150 FR | 2018 | - | 1498 | 110 | P | 1680 | 23000
= Leon | LEON | M1 | 5
III 1.4 TSI 125 | 2012 | 2018 | 1395 | 92 | P | 1800 | 19000
III 2.0 TDI 150 | 2012 | 2020 | 1968 | 110 | D | 1900 | 25000
III 1.2 TSI 110 | 2014 | 2018 | 1197 | 81 | P | 1780 | 17500
III 1.6 TDI 115 | 2017 | 2020 | 1598 | 85 | D | 1850 | 21000
III 1.5 TSI 130 | 2018 | 2020 | 1498 | 96 | P | 1810 | 20500
IV 1.0 eTSI 110 | 2020 | - | 999 | 81 | P | 1830 | 24000
IV 1.5 TSI 130 | 2020 | - | 1498 | 96 | P | 1850 | 24500
IV 2.0 TDI 115 | 2020 | - | 1968 | 85 | D | 1900 | 26500
IV 2.0 TDI 150 | 2020 | - | 1968 | 110 | D | 1920 | 30000
IV 1.4 e-Hybrid 204 | 2020 | 2024 | 1395 | 150 | H | 2060 | 38000
IV 1.5 e-Hybrid 204 | 2024 | - | 1498 | 150 | H | 2100 | 40000
= Arona | ARONA | M1 | 5
1.0 TSI 95 | 2017 | - | 999 | 70 | P | 1660 | 18500
1.0 TSI 115 | 2017 | - | 999 | 85 | P | 1680 | 20500
1.6 TDI 95 | 2017 | 2021 | 1598 | 70 | D | 1720 | 20000
1.5 TSI 150 | 2018 | - | 1498 | 110 | P | 1730 | 25000
= Ateca | ATECA | M1 | 5
1.0 TSI 115 | 2016 | - | 999 | 85 | P | 1850 | 23000
2.0 TDI 150 | 2016 | - | 1968 | 110 | D | 1980 | 30000
2.0 TDI 150 4Drive | 2016 | - | 1968 | 110 | D | 2050 | 33000 | sfx=X4
1.5 TSI 150 | 2018 | - | 1498 | 110 | P | 1900 | 27000
= Tarraco | TARRACO | M1 | 7
2.0 TDI 150 | 2018 | - | 1968 | 110 | D | 2330 | 35000
1.5 TSI 150 | 2019 | - | 1498 | 110 | P | 2250 | 32000
1.4 e-Hybrid 245 | 2021 | - | 1395 | 180 | H | 2400 | 45000 | seats=5

@ 22 | Cupra | CUP
= Formentor | FORMENTOR | M1 | 5
1.5 TSI 150 | 2020 | - | 1498 | 110 | P | 1950 | 33000
VZ 2.0 TSI 310 4Drive | 2020 | 2024 | 1984 | 228 | P | 2150 | 52000
2.0 TDI 150 | 2021 | 2024 | 1968 | 110 | D | 2030 | 36000
1.4 e-Hybrid 204 | 2021 | 2024 | 1395 | 150 | H | 2150 | 42000
1.4 e-Hybrid 245 VZ | 2021 | 2024 | 1395 | 180 | H | 2170 | 47000
VZ 2.0 TSI 333 4Drive | 2024 | - | 1984 | 245 | P | 2170 | 58000
1.5 e-Hybrid 272 VZ | 2024 | - | 1498 | 200 | H | 2250 | 52000
= Leon | LEON | M1 | 5
1.5 eTSI 150 | 2020 | - | 1498 | 110 | P | 1900 | 32000
1.4 e-Hybrid 245 | 2020 | 2024 | 1395 | 180 | H | 2130 | 44000
VZ 2.0 TSI 300 | 2020 | - | 1984 | 221 | P | 1950 | 47000
= Born | BORN | M1 | 5
58 kWh 204 | 2021 | - | - | 150 | E | 2270 | 42000
58 kWh e-Boost 231 | 2022 | - | - | 170 | E | 2270 | 45000
77 kWh e-Boost 231 | 2022 | - | - | 170 | E | 2370 | 49000 | sfx=LR
VZ 79 kWh 326 | 2024 | - | - | 240 | E | 2400 | 54000
= Tavascan | TAVASCAN | M1 | 5
Endurance 286 | 2024 | - | - | 210 | E | 2600 | 52000
VZ 340 4Drive | 2024 | - | - | 250 | E | 2700 | 60000
= Terramar | TERRAMAR | M1 | 5
1.5 eTSI 150 | 2024 | - | 1498 | 110 | P | 2150 | 38000
1.5 e-Hybrid 272 | 2024 | - | 1498 | 200 | H | 2400 | 50000
2.0 TSI 265 4Drive | 2024 | - | 1984 | 195 | P | 2250 | 52000

@ 23 | MG | MGM
= ZS | ZS | M1 | 5
1.5 VTi-tech 106 | 2019 | - | 1498 | 78 | P | 1750 | 16500
1.0 T-GDI 111 | 2019 | 2023 | 999 | 82 | P | 1770 | 19000
Hybrid+ 197 | 2024 | - | 1498 | 145 | H | 1850 | 23000
= ZS EV | ZSEV | M1 | 5
44.5 kWh | 2019 | 2021 | - | 105 | E | 1960 | 30000
51 kWh Standard Range | 2021 | - | - | 130 | E | 2050 | 32000
72 kWh Long Range | 2021 | - | - | 115 | E | 2150 | 36000
= MG4 | MG4 | M1 | 5 | aliases=MG4 Electric;4
Standard 51 kWh | 2022 | - | - | 125 | E | 2100 | 32000
Comfort 64 kWh | 2022 | - | - | 150 | E | 2230 | 36000
Extended Range 77 kWh | 2023 | - | - | 180 | E | 2300 | 42000
XPOWER | 2023 | - | - | 320 | E | 2300 | 45000
= HS | HS | M1 | 5
1.5 T-GDI 162 | 2019 | 2024 | 1490 | 119 | P | 2000 | 25000
1.5 T-GDI PHEV 258 | 2021 | 2024 | 1490 | 190 | H | 2250 | 36000
II 1.5 T-GDI 170 | 2025 | - | 1498 | 125 | P | 2050 | 27000
= MG3 | MG3 | M1 | 5 | aliases=3
1.5 VTi-tech 106 | 2018 | 2023 | 1498 | 78 | P | 1600 | 13500
Hybrid+ 194 | 2024 | - | 1498 | 143 | H | 1800 | 20000

@ 24 | Honda | HON
= Civic | CIVIC | M1 | 5
IX 1.4 i-VTEC 100 | 2012 | 2017 | 1339 | 73 | P | 1750 | 18000
IX 1.6 i-DTEC 120 | 2013 | 2017 | 1597 | 88 | D | 1850 | 22000
X 1.0 VTEC Turbo 129 | 2017 | 2022 | 988 | 95 | P | 1760 | 22000
X 1.5 VTEC Turbo 182 | 2017 | 2022 | 1498 | 134 | P | 1830 | 27000
X Type R 2.0 VTEC Turbo | 2017 | 2021 | 1996 | 235 | P | 1850 | 42000
X 1.6 i-DTEC 120 | 2018 | 2021 | 1597 | 88 | D | 1850 | 25000
XI 2.0 e:HEV 184 | 2022 | - | 1993 | 135 | H | 1900 | 35000
XI Type R 2.0 VTEC Turbo | 2023 | - | 1996 | 243 | P | 1900 | 60000
= CR-V | CRV | M1 | 5
IV 1.6 i-DTEC 160 4WD | 2015 | 2018 | 1597 | 118 | D | 2200 | 33000
V 1.5 VTEC Turbo 173 | 2018 | 2023 | 1498 | 127 | P | 2150 | 32000
V 2.0 i-MMD Hybrid 184 | 2019 | 2023 | 1993 | 135 | H | 2240 | 37000
VI 2.0 e:HEV 184 AWD | 2023 | - | 1993 | 135 | H | 2350 | 48000 | sfx=X4
VI 2.0 e:PHEV 184 | 2023 | - | 1993 | 135 | H | 2450 | 55000 | sfx=PH
= HR-V | HRV | M1 | 5
II 1.5 i-VTEC 130 | 2015 | 2021 | 1498 | 96 | P | 1790 | 21000
III 1.5 e:HEV 131 | 2021 | - | 1498 | 96 | H | 1870 | 30000
= Jazz | JAZZ | M1 | 5
III 1.3 i-VTEC 102 | 2015 | 2020 | 1318 | 75 | P | 1550 | 16000
IV 1.5 e:HEV 109 | 2020 | 2023 | 1498 | 80 | H | 1640 | 23000
IV 1.5 e:HEV 122 | 2023 | - | 1498 | 90 | H | 1660 | 26000
= ZR-V | ZRV | M1 | 5
2.0 e:HEV 184 | 2023 | - | 1993 | 135 | H | 2040 | 40000
= CB500F | CB500F | L3e | 2
CB500F | 2019 | - | 471 | 35 | P | 370 | 7000
= CRF1100L Africa Twin | AFRICATWIN | L3e | 2 | aliases=Africa Twin;CRF1100L
CRF1100L Africa Twin | 2020 | - | 1084 | 75 | P | 435 | 16500
CRF1100L Africa Twin Adventure Sports | 2020 | - | 1084 | 75 | P | 465 | 19000 | sfx=AS
= PCX 125 | PCX125 | L3e | 2 | aliases=PCX
PCX 125 | 2021 | - | 125 | 9.2 | P | 310 | 3800
= Forza 350 | FORZA350 | L3e | 2
Forza 350 | 2021 | - | 330 | 21.5 | P | 350 | 6500

@ 25 | Mitsubishi | MIT
= Space Star | SPACESTAR | M1 | 5
1.0 MIVEC 71 | 2013 | 2024 | 999 | 52 | P | 1340 | 11000
1.2 MIVEC 80 | 2013 | 2024 | 1193 | 59 | P | 1360 | 12500
= ASX | ASX | M1 | 5
I 1.6 MIVEC 117 | 2010 | 2022 | 1590 | 86 | P | 1870 | 18000
I 1.6 DI-D 114 | 2013 | 2019 | 1560 | 84 | D | 1950 | 20500
I 2.0 MIVEC 150 4WD | 2017 | 2022 | 1998 | 110 | P | 1970 | 23000 | vt=M1G
II 1.0 Turbo 91 | 2023 | - | 999 | 67 | P | 1660 | 20000
II 1.6 HEV 143 | 2023 | - | 1598 | 105 | H | 1790 | 27000
= Eclipse Cross | ECLIPSECROSS | M1 | 5
1.5 T-MIVEC 163 | 2018 | 2021 | 1499 | 120 | P | 2030 | 25000
2.4 PHEV 188 4WD | 2021 | - | 2360 | 138 | H | 2390 | 38000
= Outlander | OUTLANDER | M1G | 5
III 2.0 MIVEC 150 2WD | 2015 | 2021 | 1998 | 110 | P | 2150 | 26000 | vt=M1
III 2.2 DI-D 150 4WD | 2015 | 2018 | 2268 | 110 | D | 2410 | 32000 | seats=7
III 2.4 PHEV 224 4WD | 2019 | 2021 | 2360 | 165 | H | 2390 | 42000
IV 2.4 PHEV 306 4WD | 2024 | - | 2360 | 225 | H | 2700 | 52000 | seats=7
= L200 | L200 | N1G | 5
2.4 DI-D 154 | 2015 | 2019 | 2442 | 113 | D | 2900 | 27000
2.4 DI-D 181 | 2015 | 2019 | 2442 | 133 | D | 2950 | 32000
2.2 DI-D 150 | 2019 | 2024 | 2268 | 110 | D | 3010 | 33000

@ 26 | Jeep | JEE
= Renegade | RENEGADE | M1 | 5
1.6 MultiJet 120 | 2014 | 2018 | 1598 | 88 | D | 1950 | 24000
1.0 T3 120 | 2018 | 2023 | 999 | 88 | P | 1860 | 24000
1.3 T4 150 | 2018 | 2023 | 1332 | 110 | P | 1900 | 28000
1.6 MultiJet 130 | 2018 | 2023 | 1598 | 96 | D | 1970 | 28500
1.3 T4 PHEV 240 4xe | 2020 | - | 1332 | 177 | H | 2250 | 40000 | vt=M1G
1.5 e-Hybrid 130 | 2022 | - | 1469 | 96 | H | 1950 | 32000
= Compass | COMPASS | M1 | 5
II 1.4 MultiAir 140 | 2017 | 2020 | 1368 | 103 | P | 2050 | 27000
II 2.0 MultiJet 170 4x4 | 2017 | 2020 | 1956 | 125 | D | 2200 | 35000 | vt=M1G
II 1.3 T4 150 | 2020 | 2024 | 1332 | 110 | P | 2050 | 32000
II 1.6 MultiJet 130 | 2020 | 2024 | 1598 | 96 | D | 2100 | 33000
II 1.3 T4 PHEV 240 4xe | 2020 | 2024 | 1332 | 177 | H | 2350 | 45000 | vt=M1G
II 1.5 e-Hybrid 130 | 2022 | 2024 | 1469 | 96 | H | 2080 | 35000
III 1.2 e-Hybrid 145 | 2025 | - | 1199 | 107 | H | 2250 | 38000
III Electric 213 | 2025 | - | - | 157 | E | 2500 | 48000
= Wrangler | WRANGLER | M1G | 5
JL 2.0 Turbo 272 | 2018 | - | 1995 | 200 | P | 2700 | 60000
JL 2.2 MultiJet 200 | 2018 | 2020 | 2143 | 147 | D | 2750 | 55000
JL 2.0 PHEV 4xe 380 | 2021 | - | 1995 | 280 | H | 2950 | 70000
= Grand Cherokee | GRANDCHEROKEE | M1G | 5
WK2 3.0 CRD V6 250 | 2013 | 2021 | 2987 | 184 | D | 2950 | 60000
WL 2.0 PHEV 4xe 380 | 2022 | - | 1995 | 280 | H | 3100 | 85000
= Avenger | AVENGER | M1 | 5
1.2 Turbo 100 | 2023 | - | 1199 | 74 | P | 1640 | 23000
Electric 156 | 2023 | - | - | 115 | E | 2000 | 36000
1.2 e-Hybrid 100 | 2024 | - | 1199 | 74 | H | 1700 | 26000

@ 27 | Land Rover | LRO
= Defender | DEFENDER | M1G | 5
110 D250 | 2020 | - | 2997 | 183 | D | 3150 | 75000
110 D300 | 2020 | - | 2997 | 221 | D | 3150 | 82000
110 P400 | 2020 | - | 2996 | 294 | P | 3150 | 88000
90 D200 | 2020 | - | 2997 | 147 | D | 2900 | 65000 | seats=6
110 P400e | 2021 | - | 1997 | 297 | H | 3300 | 90000
= Discovery Sport | DISCSPORT | M1G | 5
D165 | 2019 | - | 1997 | 120 | D | 2500 | 45000
D200 | 2020 | - | 1997 | 150 | D | 2550 | 52000
P300e | 2020 | - | 1497 | 227 | H | 2650 | 58000
= Discovery | DISCOVERY | M1G | 7
V D250 | 2021 | - | 2997 | 183 | D | 3250 | 75000
V D300 | 2021 | - | 2997 | 221 | D | 3250 | 82000
= Range Rover Evoque | EVOQUE | M1 | 5 | aliases=Evoque
D165 | 2019 | - | 1997 | 120 | D | 2400 | 45000
P200 | 2019 | - | 1997 | 147 | P | 2350 | 48000
P300e | 2020 | - | 1497 | 227 | H | 2550 | 58000
= Range Rover Velar | VELAR | M1G | 5 | aliases=Velar
D300 | 2017 | - | 2997 | 221 | D | 2650 | 75000
D200 | 2020 | 2023 | 1997 | 150 | D | 2550 | 60000
P400e | 2021 | - | 1997 | 297 | H | 2750 | 80000
= Range Rover Sport | RRSPORT | M1G | 5
II SDV6 | 2013 | 2022 | 2993 | 225 | D | 3150 | 80000
III D300 | 2022 | - | 2997 | 221 | D | 3000 | 95000
III P440e | 2022 | - | 2996 | 324 | H | 3200 | 105000
III P510e | 2022 | - | 2996 | 375 | H | 3200 | 115000
= Range Rover | RANGEROVER | M1G | 5
V D350 | 2022 | - | 2997 | 258 | D | 3350 | 130000
V P530 | 2022 | - | 4395 | 390 | P | 3350 | 160000
V P550e | 2023 | - | 2996 | 404 | H | 3450 | 150000

@ 28 | Porsche | POR
= 911 | P911 | M1 | 4
992 Carrera | 2019 | 2024 | 2981 | 283 | P | 1950 | 120000
992 Carrera S | 2019 | 2024 | 2981 | 331 | P | 1980 | 135000
992 Turbo S | 2020 | - | 3745 | 478 | P | 2100 | 240000
992 GT3 | 2021 | - | 3996 | 375 | P | 1750 | 190000 | seats=2
992.2 Carrera | 2024 | - | 2981 | 290 | P | 1950 | 135000
992.2 Carrera GTS T-Hybrid | 2024 | - | 3591 | 398 | H | 2050 | 175000
= Cayenne | CAYENNE | M1G | 5
E3 Cayenne | 2017 | 2023 | 2995 | 250 | P | 2830 | 90000
E3 Cayenne S | 2017 | 2023 | 2894 | 324 | P | 2900 | 105000
E3 Cayenne Turbo | 2017 | 2023 | 3996 | 404 | P | 3000 | 155000
E3 Cayenne E-Hybrid | 2019 | 2023 | 2995 | 340 | H | 3050 | 100000
E3 II Cayenne | 2023 | - | 2995 | 260 | P | 2900 | 100000
E3 II Cayenne E-Hybrid | 2023 | - | 2995 | 346 | H | 3100 | 110000
E3 II Cayenne Turbo E-Hybrid | 2023 | - | 3996 | 544 | H | 3250 | 190000
= Macan | MACAN | M1 | 5
Macan | 2018 | 2024 | 1984 | 195 | P | 2440 | 72000
Macan GTS | 2020 | 2024 | 2894 | 324 | P | 2550 | 100000
Macan S | 2021 | 2024 | 2894 | 280 | P | 2510 | 85000
Macan 4 Electric | 2024 | - | - | 300 | E | 2870 | 90000
Macan Turbo Electric | 2024 | - | - | 470 | E | 2960 | 125000
= Taycan | TAYCAN | M1 | 4
Taycan 4S | 2019 | - | - | 390 | E | 2880 | 115000
Taycan Turbo | 2019 | - | - | 500 | E | 2880 | 160000
Taycan Turbo S | 2019 | - | - | 560 | E | 2880 | 195000
Taycan | 2021 | - | - | 300 | E | 2900 | 95000
= Panamera | PANAMERA | M1 | 4
G2 4 | 2016 | 2023 | 2894 | 243 | P | 2500 | 105000
G2 4 E-Hybrid | 2017 | 2023 | 2894 | 340 | H | 2750 | 115000
G3 4 E-Hybrid | 2024 | - | 2894 | 346 | H | 2800 | 130000

@ 29 | Mini | MIN
= Cooper | COOPER | M1 | 4 | aliases=Hatch;Cooper S;Cooper SE;John Cooper Works
F56 One | 2014 | 2024 | 1499 | 75 | P | 1650 | 21000
F56 Cooper | 2014 | 2024 | 1499 | 100 | P | 1680 | 24000
F56 Cooper S | 2014 | 2024 | 1998 | 141 | P | 1720 | 30000
F56 John Cooper Works | 2015 | 2024 | 1998 | 170 | P | 1750 | 38000
F56 Cooper SE | 2020 | 2024 | - | 135 | E | 1770 | 36000
F66 Cooper C | 2024 | - | 1499 | 115 | P | 1750 | 29000
F66 Cooper S | 2024 | - | 1998 | 150 | P | 1800 | 35000
J01 Cooper E | 2024 | - | - | 135 | E | 2000 | 33000
J01 Cooper SE | 2024 | - | - | 160 | E | 2050 | 38000
= Countryman | COUNTRYMAN | M1 | 5
F60 Cooper | 2017 | 2023 | 1499 | 100 | P | 2020 | 30000
F60 Cooper D | 2017 | 2023 | 1995 | 110 | D | 2100 | 33000
F60 Cooper SE ALL4 | 2017 | 2023 | 1499 | 165 | H | 2260 | 42000
U25 C | 2024 | - | 1499 | 125 | P | 2150 | 38000
U25 S ALL4 | 2024 | - | 1998 | 160 | P | 2250 | 45000
U25 E | 2024 | - | - | 150 | E | 2400 | 44000
U25 SE ALL4 | 2024 | - | - | 230 | E | 2500 | 50000

@ 30 | BYD | BYD
= Dolphin | DOLPHIN | M1 | 5
Active 44.9 kWh | 2023 | - | - | 70 | E | 1990 | 30000
Design 60.4 kWh | 2023 | - | - | 150 | E | 2100 | 35000
= Dolphin Surf | DOLPHINSURF | M1 | 4
Active 30 kWh | 2025 | - | - | 65 | E | 1650 | 20000
Boost 43.2 kWh | 2025 | - | - | 115 | E | 1700 | 24000
= Atto 3 | ATTO3 | M1 | 5
60.5 kWh | 2022 | - | - | 150 | E | 2200 | 40000
= Seal | SEAL | M1 | 5
Design RWD 82.5 kWh | 2023 | - | - | 230 | E | 2560 | 47000
Excellence AWD 82.5 kWh | 2023 | - | - | 390 | E | 2660 | 52000
= Seal U DM-i | SEALUDMI | M1 | 5 | aliases=Seal U
Boost 1.5 DM-i | 2024 | - | 1498 | 160 | H | 2370 | 38000
Design AWD 1.5 DM-i | 2024 | - | 1498 | 238 | H | 2510 | 44000
= Han | HAN | M1 | 5
AWD 85.4 kWh | 2022 | - | - | 380 | E | 2850 | 70000
= Tang | TANG | M1 | 7
AWD 86.4 kWh | 2022 | - | - | 380 | E | 3100 | 72000

@ 31 | Lexus | LEX
= UX | UX | M1 | 5
UX 250h | 2019 | 2023 | 1987 | 135 | H | 2110 | 36000
UX 300e | 2020 | - | - | 150 | E | 2245 | 48000
UX 300h | 2024 | - | 1987 | 146 | H | 2110 | 40000
= NX | NX | M1 | 5
I NX 300h | 2014 | 2021 | 2494 | 145 | H | 2395 | 45000
II NX 350h | 2021 | - | 2487 | 179 | H | 2500 | 55000
II NX 450h+ AWD | 2021 | - | 2487 | 227 | H | 2600 | 68000
= RX | RX | M1 | 5
IV RX 450h | 2015 | 2022 | 3456 | 230 | H | 2715 | 65000
V RX 350h | 2022 | - | 2487 | 184 | H | 2600 | 75000
V RX 450h+ | 2022 | - | 2487 | 227 | H | 2700 | 85000
V RX 500h | 2022 | - | 2393 | 273 | H | 2700 | 90000
= ES | ES | M1 | 5
ES 300h | 2018 | - | 2487 | 160 | H | 2150 | 50000
= LBX | LBX | M1 | 5
1.5 Hybrid 136 | 2024 | - | 1490 | 100 | H | 1700 | 32000

@ 32 | Iveco | IVE
= Daily | DAILY | N1 | 3
35S14 | 2019 | - | 2287 | 100 | D | 3500 | 38000
35S16 | 2019 | - | 2287 | 115 | D | 3500 | 40000
35C18 | 2019 | - | 2998 | 132 | D | 3500 | 45000
50C18 | 2019 | - | 2998 | 132 | D | 5200 | 50000 | vt=N2 | sfx=N2
72C18 | 2019 | - | 2998 | 132 | D | 7200 | 56000 | vt=N2 | sfx=N2H
eDaily 35S14E | 2023 | - | - | 140 | E | 3500 | 85000
= Daily Minibus | DAILYBUS | M2 | 20
50C18 Line | 2019 | - | 2998 | 132 | D | 5200 | 95000
= Eurocargo | EUROCARGO | N2 | 3
ML75E21 | 2015 | - | 4485 | 154 | D | 7490 | 65000
ML120E25 | 2015 | - | 6728 | 185 | D | 12000 | 80000
ML180E32 | 2015 | - | 6728 | 235 | D | 18000 | 95000 | vt=N3
= S-Way | SWAY | N3 | 2
AS440S48T/P | 2019 | - | 12882 | 353 | D | 18000 | 105000
AS440S53T/P | 2019 | - | 12882 | 390 | D | 18000 | 112000
AS260S46Y/PS | 2019 | - | 11118 | 338 | D | 26000 | 110000

@ 33 | Subaru | SUB
= Forester | FORESTER | M1G | 5
IV 2.0D | 2013 | 2018 | 1998 | 108 | D | 2080 | 33000
V 2.0i e-Boxer | 2019 | 2024 | 1995 | 110 | H | 2130 | 40000
VI 2.0i e-Boxer | 2025 | - | 1995 | 100 | H | 2180 | 45000
= Outback | OUTBACK | M1G | 5
V 2.5i | 2015 | 2020 | 2498 | 129 | P | 2180 | 38000
VI 2.5i | 2021 | - | 2498 | 124 | P | 2240 | 45000
= XV | XV | M1 | 5
1.6i | 2017 | 2023 | 1600 | 84 | P | 1890 | 25000
2.0i e-Boxer | 2020 | 2023 | 1995 | 110 | H | 1940 | 33000
= Crosstrek | CROSSTREK | M1 | 5
2.0i e-Boxer | 2023 | - | 1995 | 100 | H | 1990 | 36000

@ 34 | Alfa Romeo | ALF
= Giulietta | GIULIETTA | M1 | 5
1.4 TB 120 | 2010 | 2020 | 1368 | 88 | P | 1820 | 22000
2.0 JTDm 150 | 2010 | 2020 | 1956 | 110 | D | 1900 | 27000
1.6 JTDm 120 | 2015 | 2020 | 1598 | 88 | D | 1850 | 24000
= Giulia | GIULIA | M1 | 5
2.2 JTD 160 | 2016 | - | 2143 | 118 | D | 2100 | 42000
2.2 JTD 210 Q4 | 2016 | - | 2143 | 154 | D | 2200 | 50000
Quadrifoglio 2.9 V6 | 2016 | - | 2891 | 375 | P | 2150 | 95000
2.0 Turbo 280 Q4 | 2017 | - | 1995 | 206 | P | 2150 | 55000
= Stelvio | STELVIO | M1 | 5
2.2 JTD 160 | 2017 | 2023 | 2143 | 118 | D | 2270 | 47000
2.2 JTD 210 Q4 | 2017 | - | 2143 | 154 | D | 2330 | 55000
2.0 Turbo 280 Q4 | 2017 | - | 1995 | 206 | P | 2290 | 58000
= Tonale | TONALE | M1 | 5
1.5 Hybrid 130 | 2022 | - | 1469 | 96 | H | 1990 | 35000
1.5 Hybrid 160 | 2022 | - | 1469 | 118 | H | 2000 | 38000
1.6 JTDm 130 | 2022 | - | 1598 | 96 | D | 2050 | 38000
1.3 PHEV 280 Q4 | 2022 | - | 1332 | 206 | H | 2350 | 50000
= Junior | JUNIOR | M1 | 5
Ibrida 1.2 136 | 2024 | - | 1199 | 100 | H | 1700 | 28000
Elettrica 156 | 2024 | - | - | 115 | E | 2000 | 38000

@ 35 | DS | DSA
= DS 3 | DS3 | M1 | 5 | aliases=DS 3 Crossback
PureTech 130 | 2019 | - | 1199 | 96 | P | 1750 | 29000
E-Tense | 2019 | - | - | 115 | E | 2050 | 40000
= DS 4 | DS4 | M1 | 5
PureTech 130 | 2021 | - | 1199 | 96 | P | 1880 | 32000
BlueHDi 130 | 2021 | - | 1499 | 96 | D | 1930 | 34000
E-Tense 225 | 2021 | - | 1598 | 165 | H | 2150 | 43000
= DS 7 | DS7 | M1 | 5 | aliases=DS 7 Crossback
BlueHDi 130 | 2018 | - | 1499 | 96 | D | 2050 | 38000
E-Tense 225 | 2020 | - | 1598 | 165 | H | 2350 | 50000
E-Tense 4x4 300 | 2020 | - | 1598 | 221 | H | 2420 | 58000

@ 36 | Chevrolet | CHE
= Spark | SPARK | M1 | 5
1.0 68 | 2010 | 2015 | 995 | 50 | P | 1300 | 8000
1.2 82 | 2010 | 2015 | 1206 | 60 | P | 1320 | 9000
= Aveo | AVEO | M1 | 5
T300 1.2 86 | 2011 | 2015 | 1229 | 63 | P | 1550 | 11000
T300 1.4 100 | 2011 | 2015 | 1398 | 74 | P | 1580 | 12500
T300 1.3 D 95 | 2011 | 2015 | 1248 | 70 | D | 1620 | 14000
= Cruze | CRUZE | M1 | 5
1.6 124 | 2009 | 2015 | 1598 | 91 | P | 1800 | 14500
2.0 VCDi 163 | 2011 | 2015 | 1998 | 120 | D | 1950 | 19500
1.7 VCDi 131 | 2012 | 2015 | 1686 | 96 | D | 1870 | 17500
= Captiva | CAPTIVA | M1G | 7
2.2 VCDi 184 4WD | 2011 | 2015 | 2231 | 135 | D | 2505 | 30000

@ 37 | MAN | MAN
= TGE | TGE | N1 | 3
3.140 | 2017 | - | 1968 | 103 | D | 3500 | 40000
3.180 | 2017 | - | 1968 | 130 | D | 3500 | 44000
5.180 | 2017 | - | 1968 | 130 | D | 5000 | 50000 | vt=N2 | sfx=N2
= TGL | TGL | N2 | 3
8.190 | 2020 | - | 4580 | 140 | D | 7490 | 60000
12.220 | 2020 | - | 4580 | 162 | D | 11990 | 70000
= TGM | TGM | N3 | 3
18.290 | 2020 | - | 6871 | 213 | D | 18000 | 90000
= TGX | TGX | N3 | 2
18.470 | 2020 | - | 12419 | 346 | D | 18000 | 110000
18.510 | 2020 | - | 12419 | 375 | D | 18000 | 118000
18.640 | 2020 | - | 15256 | 471 | D | 18000 | 140000

@ 38 | Yamaha | YAM
= MT-07 | MT07 | L3e | 2
MT-07 | 2021 | - | 689 | 54 | P | 370 | 8500
= MT-09 | MT09 | L3e | 2
MT-09 | 2021 | - | 890 | 87.5 | P | 390 | 11000
= Tracer 9 | TRACER9 | L3e | 2
Tracer 9 | 2021 | - | 890 | 87.5 | P | 420 | 14000
Tracer 9 GT | 2021 | - | 890 | 87.5 | P | 430 | 17000 | sfx=GT
= Ténéré 700 | TENERE700 | L3e | 2
Ténéré 700 | 2019 | - | 689 | 54 | P | 400 | 11000
= XMAX 300 | XMAX300 | L3e | 2
XMAX 300 | 2021 | - | 292 | 20.6 | P | 360 | 6500
= NMAX 125 | NMAX125 | L3e | 2
NMAX 125 | 2021 | - | 125 | 9 | P | 290 | 3600
= YZF-R1 | R1 | L3e | 2 | aliases=R1
YZF-R1 | 2020 | - | 998 | 147.1 | P | 370 | 22000

@ 39 | Kawasaki | KAW
= Z650 | Z650 | L3e | 2
Z650 | 2020 | - | 649 | 50.2 | P | 370 | 7500
= Z900 | Z900 | L3e | 2
Z900 | 2020 | - | 948 | 91 | P | 395 | 10000
= Ninja 650 | NINJA650 | L3e | 2
Ninja 650 | 2020 | - | 649 | 50.2 | P | 375 | 8000
= Versys 650 | VERSYS650 | L3e | 2
Versys 650 | 2022 | - | 649 | 49 | P | 410 | 9000

@ 40 | KTM | KTM
= 390 Duke | DUKE390 | L3e | 2
390 Duke | 2024 | - | 399 | 33 | P | 330 | 6300
= 890 Adventure | ADV890 | L3e | 2
890 Adventure | 2021 | - | 889 | 77 | P | 410 | 13000
= 1290 Super Duke R | SDUKE1290 | L3e | 2
1290 Super Duke R | 2020 | - | 1301 | 132 | P | 390 | 20000

@ 41 | Harley-Davidson | HAR
= Sportster S | SPORTSTERS | L3e | 2
Sportster S | 2021 | - | 1252 | 90 | P | 430 | 17000
= Fat Boy 114 | FATBOY | L3e | 2 | aliases=Fat Boy
Fat Boy 114 | 2018 | - | 1868 | 69 | P | 520 | 25000
= Street Glide | STREETGLIDE | L3e | 2
Street Glide | 2024 | - | 1923 | 78 | P | 600 | 32000

@ 42 | Piaggio | PIA
= Vespa Primavera 50 | PRIMAVERA50 | L1e | 2
Vespa Primavera 50 | 2018 | - | 49 | 2.4 | P | 290 | 3600
= Vespa Primavera 125 | PRIMAVERA125 | L3e | 2
Vespa Primavera 125 | 2018 | - | 125 | 8.5 | P | 320 | 4600
= Vespa GTS 300 | GTS300 | L3e | 2
Vespa GTS 300 | 2019 | - | 278 | 17.5 | P | 360 | 7000
= Beverly 300 | BEVERLY300 | L3e | 2
Beverly 300 | 2021 | - | 278 | 18.5 | P | 370 | 5800
= Liberty 125 | LIBERTY125 | L3e | 2
Liberty 125 | 2021 | - | 124 | 7.9 | P | 290 | 2700
= Vespa Elettrica | ELETTRICA | L1e | 2
Vespa Elettrica 45 km/h | 2018 | - | - | 3.5 | E | 300 | 6800

@ 43 | Böckmann | BOE
= TL-AL | TLAL | O1 | -
TL-AL 2010/75 | 2015 | - | - | - | N | 750 | 1300
TL-AL 2515/75 | 2015 | - | - | - | N | 750 | 1600 | sfx=L
TL-AL 3015/135 | 2015 | - | - | - | N | 1350 | 2600 | vt=O2
= Champion | CHAMPION | O2 | -
Champion R | 2016 | - | - | - | N | 2000 | 7500
Champion R Esprit | 2018 | - | - | - | N | 2700 | 10000
= Master | MASTER | O2 | -
Master Esprit | 2016 | - | - | - | N | 2600 | 11000

@ 44 | Humbaur | HUM
= Steely | STEELY | O1 | -
Steely 752010 | 2014 | - | - | - | N | 750 | 900
= HA | HA | O1 | -
HA 752513 | 2014 | - | - | - | N | 750 | 1400
HA 132513 | 2014 | - | - | - | N | 1300 | 2000 | vt=O2
= HT | HT | O2 | -
HT 202616 | 2014 | - | - | - | N | 2000 | 2900
HT 273117 | 2014 | - | - | - | N | 2700 | 3600
= HTK | HTK | O2 | -
HTK 3000.31 | 2014 | - | - | - | N | 3000 | 6000
HTK 3500.31 | 2014 | - | - | - | N | 3500 | 6800

@ 45 | Schmitz Cargobull | SCB
= S.CS | SCS | O4 | - | aliases=SCS;S.CS Universal
S.CS Universal | 2013 | - | - | - | N | 39000 | 32000
S.CS Mega | 2013 | - | - | - | N | 39000 | 34000 | sfx=M
= S.KO | SKO | O4 | - | aliases=SKO;S.KO Cool
S.KO Cool | 2013 | - | - | - | N | 39000 | 60000
= S.KI | SKI | O4 | - | aliases=SKI
S.KI Light | 2013 | - | - | - | N | 39000 | 45000

@ 46 | Krone | KRO
= Profi Liner | PROFILINER | O4 | -
SD Profi Liner | 2015 | - | - | - | N | 39000 | 33000
= Cool Liner | COOLLINER | O4 | -
SD Cool Liner | 2015 | - | - | - | N | 39000 | 62000
= Box Liner | BOXLINER | O4 | -
SD Box Liner | 2015 | - | - | - | N | 39000 | 26000
= Profi Tandem | PROFITANDEM | O3 | -
ZZW 10 | 2015 | - | - | - | N | 10000 | 20000
ZZW 18 | 2015 | - | - | - | N | 18000 | 28000 | vt=O4
"""

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


def build_vehicles(text: str = VEHICLE_CATALOGUE) -> dict[str, Any]:
    makes = parse_catalogue(text)
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
