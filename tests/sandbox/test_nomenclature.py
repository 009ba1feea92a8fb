"""The sandbox's reference data: counties, localities, countries, vehicles and their lookups."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from casco_async.sandbox import _nomenclature as nom

ROOT = Path(__file__).resolve().parents[2]
DATA = resources.files("casco_async.sandbox").joinpath("_data")

FUELS = {"petrol", "diesel", "electric", "hybrid", "lpg", "none"}
VEHICLE_TYPES = {
    *("M1", "M1G", "M2", "M2G", "M3", "M3G", "N1", "N1G", "N2", "N2G", "N3", "N3G"),
    *("O1", "O2", "O3", "O4", "L1e", "L2e", "L3e", "L4e", "L5e", "L6e", "L7e", "T", "C", "R", "S"),
}
MATCH_KEYS = {
    "code",
    "brand",
    "model",
    "version",
    "yearFrom",
    "yearTo",
    "engineDisplacement",
    "enginePower",
    "fuelType",
    "marketValue",
}


def catalogue_versions() -> list[dict[str, Any]]:
    """Every version of the shipped catalogue, with its make and model names."""
    data = json.loads(DATA.joinpath("vehicles.json").read_text(encoding="utf-8"))
    return [
        {**version, "brand": make["name"], "model": model["name"]}
        for make in data["makes"]
        for model in make["models"]
        for version in model["versions"]
    ]


def county(code: str) -> dict[str, Any]:
    found = nom.county_by_code(code)
    assert found is not None, code
    return found


# ------------------------------------------------------------------------------- counties


def test_42_counties_with_unique_ids_codes_and_siruta() -> None:
    counties = nom.counties()
    assert len(counties) == 42
    for key in ("id", "code", "name", "siruta"):
        assert len({c[key] for c in counties}) == 42, key
    assert {c["id"] for c in counties} == set(range(1, 41)) | {51, 52}
    assert {c["country"] for c in counties} == {"RO"}
    assert all(set(c) == {"id", "code", "name", "siruta", "country"} for c in counties)
    assert all(len(c["code"]) == 2 for c in counties if c["id"] != 40)


@pytest.mark.parametrize(
    ("code", "county_id", "name", "siruta"),
    [
        ("AB", 1, "Alba", 10),
        ("AR", 2, "Arad", 29),
        ("AG", 3, "Argeș", 38),
        ("BN", 6, "Bistrița-Năsăud", 65),
        ("CS", 11, "Caraș-Severin", 118),
        ("CJ", 12, "Cluj", 127),
        ("CT", 13, "Constanța", 136),
        ("IF", 23, "Ilfov", 234),
        ("SM", 30, "Satu Mare", 305),
        ("TM", 35, "Timiș", 350),
        ("VN", 39, "Vrancea", 396),
        ("B", 40, "București", 403),
        ("CL", 51, "Călărași", 519),
        ("GR", 52, "Giurgiu", 528),
    ],
)
def test_known_counties(code: str, county_id: int, name: str, siruta: int) -> None:
    assert nom.county_by_code(code) == {
        "id": county_id,
        "code": code,
        "name": name,
        "siruta": siruta,
        "country": "RO",
    }
    assert nom.county_by_id(county_id) == nom.county_by_code(code)


def test_county_lookup_is_case_insensitive_and_unknown_is_none() -> None:
    assert county("cj")["id"] == 12
    assert county(" b ")["name"] == "București"
    assert nom.county_by_code("XX") is None
    assert nom.county_by_id(41) is None


def test_names_use_comma_below_diacritics() -> None:
    names = [c["name"] for c in nom.counties()] + [loc["name"] for loc in nom.localities(22)]
    text = "".join(names)
    assert "ș" in text and "ț" in text
    assert not set(text) & {"ş", "ţ", "Ş", "Ţ"}  # cedilla forms


# ----------------------------------------------------------------------------- localities


def test_cluj_napoca_is_a_municipality_of_cluj() -> None:
    cluj = [loc for loc in nom.localities(12) if loc["siruta"] == 54975]
    assert cluj == [
        {"id": 54975, "rang": 2, "name": "Cluj-Napoca", "countyCode": "CJ", "siruta": 54975}
    ]
    assert nom.locality_by_siruta(54975) == cluj[0]


def test_bucharest_is_rang_1_and_its_sectors_resolve_to_it() -> None:
    bucharest = nom.localities(40)
    assert bucharest == [
        {"id": 179132, "rang": 1, "name": "București", "countyCode": "B", "siruta": 179132}
    ]
    for sector in (179141, 179150, 179169, 179178, 179187, 179196):
        assert nom.locality_by_siruta(sector) == bucharest[0]


def test_seat_of_a_municipality_resolves_to_the_municipality() -> None:
    resolved = nom.locality_by_siruta(54984)  # CLUJ-NAPOCA, the town proper
    assert resolved is not None and resolved["siruta"] == 54975
    assert nom.locality_by_siruta(999_999) is None


def test_every_county_has_a_municipality_except_ilfov() -> None:
    """Ilfov has towns only (Buftea, its seat, is a town): it is the one exception."""
    for c in nom.counties():
        rangs = Counter(loc["rang"] for loc in nom.localities(c["id"]))
        if c["code"] == "IF":
            assert rangs[1] == rangs[2] == 0
            assert rangs[3] == 8
        else:
            assert rangs[1] + rangs[2] >= 1, c["name"]
        assert rangs[4] + rangs[5] + rangs[3] + rangs[2] + rangs[1] > 0


def test_ilfov_towns_and_named_localities() -> None:
    towns = {loc["name"] for loc in nom.localities(23) if loc["rang"] == 3}
    assert {"Buftea", "Voluntari", "Otopeni", "Popești-Leordeni"} <= towns
    alba = {loc["name"]: loc["rang"] for loc in nom.localities(1)}
    assert alba["Alba Iulia"] == 2
    assert alba["Baia de Arieș"] == 3  # particles stay lower case
    bihor = {loc["name"]: loc["rang"] for loc in nom.localities(5)}
    assert bihor["Valea lui Mihai"] == 3


def test_locality_counts_and_shape() -> None:
    everything = [loc for c in nom.counties() for loc in nom.localities(c["id"])]
    rangs = Counter(loc["rang"] for loc in everything)
    assert rangs[1] == 1
    assert 100 <= rangs[2] <= 106  # 103 municipalities with București
    assert 210 <= rangs[3] <= 225
    assert 2800 <= rangs[4] <= 2900
    assert rangs[5] > 12_000
    assert len({loc["id"] for loc in everything}) == len(everything)
    assert all(loc["id"] == loc["siruta"] for loc in everything)
    assert all(set(loc) == {"id", "rang", "name", "countyCode", "siruta"} for loc in everything)
    for c in nom.counties():
        assert {loc["countyCode"] for loc in nom.localities(c["id"])} == {c["code"]}


def test_localities_of_unknown_county_are_empty() -> None:
    assert nom.localities(0) == []
    assert nom.localities(41) == []
    assert nom.localities(99) == []


def test_results_are_copies() -> None:
    first = nom.localities(12)
    first[0]["name"] = "changed"
    first.clear()
    assert nom.localities(12)[0]["name"] != "changed"
    counties = nom.counties()
    counties[0]["code"] = "ZZ"
    assert nom.county_by_code("ZZ") is None
    makes = nom.vehicle_makes()
    makes[0]["name"] = "changed"
    assert nom.vehicle_makes()[0]["name"] != "changed"
    version = nom.find_version("DAC-LOGAN-P10K67-2021")
    assert version is not None
    version["marketValue"] = 1
    assert nom.find_version("DAC-LOGAN-P10K67-2021") != version


# ------------------------------------------------------------------------------ countries


def test_countries_include_romania_with_its_romanian_name() -> None:
    countries = nom.countries()
    assert len(countries) >= 240
    assert len({c["iso2"] for c in countries}) == len(countries)
    by_iso2 = {c["iso2"]: c for c in countries}
    assert by_iso2["RO"] == {"iso2": "RO", "iso3": "ROU", "name": "Romania", "nameRO": "România"}
    assert by_iso2["DE"]["nameRO"] == "Germania"
    assert all(c["nameRO"] and c["name"] and len(c["iso3"]) == 3 for c in countries)


# ------------------------------------------------------------------------- makes / models

REQUIRED_MAKES = {
    "Dacia", "Renault", "Volkswagen", "Skoda", "Ford", "Toyota", "Hyundai", "Kia", "BMW",
    "Mercedes-Benz", "Audi", "Opel", "Peugeot", "Citroën", "Fiat", "Suzuki", "Nissan", "Mazda",
    "Volvo", "Tesla", "Seat", "Cupra", "MG", "Honda", "Mitsubishi", "Jeep", "Land Rover",
    "Porsche", "Mini", "BYD", "Lexus", "Iveco",
}  # fmt: skip


def test_vehicle_makes() -> None:
    makes = nom.vehicle_makes()
    assert len(makes) >= 35
    assert all(set(m) == {"id", "name"} for m in makes)
    assert len({m["id"] for m in makes}) == len({m["name"] for m in makes}) == len(makes)
    assert {m["name"] for m in makes} >= REQUIRED_MAKES
    assert {"id": 1, "name": "Dacia"} in makes


def test_catalogue_covers_motorcycles_trucks_and_trailers() -> None:
    types = Counter(v["vehicleType"] for v in catalogue_versions())
    assert types["L3e"] >= 10
    assert types["N3"] >= 5
    assert {"O1", "O2", "O3", "O4"} <= set(types)
    assert types["M1"] >= 500


def test_vehicle_models_of_a_make() -> None:
    dacia = nom.vehicle_models("Dacia")
    names = {m["name"] for m in dacia}
    assert {"Logan", "Sandero", "Duster", "Spring", "Jogger"} <= names
    assert {m["make"] for m in dacia} == {"Dacia"}
    assert all(set(m) == {"id", "make", "name"} for m in dacia)
    assert nom.vehicle_models("dACIA") == dacia
    assert nom.vehicle_models("1") == dacia  # by make id


def test_vehicle_models_match_without_diacritics_or_punctuation() -> None:
    citroen = nom.vehicle_models("Citroën")
    assert citroen and citroen == nom.vehicle_models("citroen") == nom.vehicle_models("CITROEN")
    assert {m["make"] for m in citroen} == {"Citroën"}
    assert nom.vehicle_models("Mercedes Benz") == nom.vehicle_models("mercedes-benz") != []
    assert nom.vehicle_models("VW") == nom.vehicle_models("Volkswagen") != []


def test_vehicle_models_of_unknown_make_are_empty() -> None:
    assert nom.vehicle_models("Trabant") == []
    assert nom.vehicle_models("") == []
    assert nom.vehicle_models("999") == []


def test_model_ids_are_unique_and_derived_from_the_make() -> None:
    ids: list[int] = []
    for make in nom.vehicle_makes():
        for model in nom.vehicle_models(make["name"]):
            assert model["id"] // 100 == make["id"]
            ids.append(model["id"])
    assert len(ids) == len(set(ids)) >= 150


# ---------------------------------------------------------------------------- catalogue


def test_catalogue_versions_are_consistent() -> None:
    versions = catalogue_versions()
    assert len(versions) >= 500
    assert len({v["code"] for v in versions}) == len(versions)
    for v in versions:
        assert v["fuelType"] in FUELS, v["code"]
        assert v["vehicleType"] in VEHICLE_TYPES, v["code"]
        assert v["yearTo"] is None or v["yearTo"] >= v["yearFrom"] >= 2000, v["code"]
        assert v["marketValue"] > 0 and v["totalWeight"] > 0, v["code"]
        trailer = v["vehicleType"].startswith("O")
        assert (v["fuelType"] == "none") == trailer, v["code"]
        if trailer:
            assert v["enginePower"] is v["engineDisplacement"] is v["seats"] is None
        else:
            assert v["enginePower"] > 0 and v["seats"] >= 1, v["code"]
        if v["fuelType"] == "electric":
            assert v["engineDisplacement"] is None, v["code"]
        elif not trailer:
            assert v["engineDisplacement"] > 0, v["code"]


def test_catalogue_is_realistic() -> None:
    by_code = {v["code"]: v for v in catalogue_versions()}
    logan = by_code["DAC-LOGAN-P10K67-2021"]
    assert (logan["engineDisplacement"], logan["enginePower"], logan["fuelType"]) == (
        999,
        67,
        "petrol",
    )
    assert 50_000 <= logan["marketValue"] <= 90_000  # a new Logan costs 11-16 k EUR
    model_s = by_code["TES-MODELS-EK750-2021"]
    assert model_s["marketValue"] > 400_000
    # Every car is dearer than a Spring and cheaper than a 911 Turbo S.
    cars = [v for v in by_code.values() if v["vehicleType"] in {"M1", "M1G"}]
    assert min(v["marketValue"] for v in cars) >= 30_000
    assert max(v["marketValue"] for v in cars) <= 1_500_000


def test_find_version() -> None:
    version = nom.find_version("dac-logan-p10k67-2021")
    assert version is not None
    assert version["code"] == "DAC-LOGAN-P10K67-2021"
    assert (version["brand"], version["model"], version["makeId"]) == ("Dacia", "Logan", 1)
    assert version["vehicleType"] == "M1" and version["seats"] == 5
    assert version["yearTo"] is None
    assert nom.find_version("NOPE-0") is None
    for v in catalogue_versions()[::37]:
        found = nom.find_version(v["code"])
        assert found is not None and found["marketValue"] == v["marketValue"]


# ------------------------------------------------------------------------ identify_vehicle


def identify(**body: Any) -> list[dict[str, Any]]:
    return nom.identify_vehicle(body)


def test_identify_exact_spec_ranks_first() -> None:
    matches = identify(
        brand="Skoda",
        model="Octavia",
        yearOfConstruction=2021,
        vehicleType="M1",
        engineDisplacement=1968,
        enginePower=110,
        fuelType="diesel",
    )
    assert matches[0]["code"] == "SKO-OCTAVIA-D20K110-2020"
    assert set(matches[0]) == MATCH_KEYS
    assert matches[0]["version"] == "IV 2.0 TDI 150"
    assert len(matches) > 1
    assert "SKO-OCTAVIA-D20K85-2020" in [m["code"] for m in matches]


def test_identify_ranks_by_closeness_of_power_and_fuel() -> None:
    matches = identify(
        brand="Volkswagen",
        model="Golf",
        yearOfConstruction=2022,
        vehicleType="M1",
        engineDisplacement=1968,
        enginePower=85,
        fuelType="diesel",
    )
    codes = [m["code"] for m in matches]
    assert codes[0] == "VWA-GOLF-D20K85-2020"
    assert codes.index("VWA-GOLF-D20K110-2020") < codes.index("VWA-GOLF-P10K81-2020")


def test_identify_excludes_versions_not_built_that_year() -> None:
    assert identify(brand="Dacia", model="Spring", yearOfConstruction=2015, vehicleType="M1") == []
    matches = identify(brand="Dacia", model="Logan", yearOfConstruction=2015, vehicleType="M1")
    assert matches
    for m in matches:
        assert m["yearFrom"] <= 2015 and (m["yearTo"] is None or m["yearTo"] >= 2015)
    assert all(m["version"].startswith("II ") for m in matches)


def test_identify_is_diacritic_and_case_insensitive() -> None:
    body = {
        "model": "C3",
        "yearOfConstruction": 2019,
        "vehicleType": "M1",
        "engineDisplacement": 1499,
        "enginePower": 75,
        "fuelType": "diesel",
    }
    plain = nom.identify_vehicle({**body, "brand": "Citroen"})
    assert plain
    assert plain == nom.identify_vehicle({**body, "brand": "Citroën"})
    assert plain == nom.identify_vehicle({**body, "brand": "CITROËN", "model": "c3"})
    assert plain[0]["brand"] == "Citroën"
    assert plain[0]["code"] == "CIT-C3-D15K75-2018"


def test_identify_accepts_numbers_as_strings() -> None:
    as_numbers = identify(
        brand="Toyota",
        model="Corolla",
        yearOfConstruction=2020,
        vehicleType="M1",
        engineDisplacement=1798,
        enginePower=90,
        fuelType="hybrid",
    )
    as_strings = identify(
        brand="Toyota",
        model="Corolla",
        yearOfConstruction="2020",
        vehicleType="M1",
        engineDisplacement="1798",
        enginePower="90.0",
        fuelType="HYBRID",
    )
    assert as_numbers == as_strings
    assert as_numbers[0]["code"] == "TOY-COROLLA-H18K90-2019"


def test_identify_electric_vehicle() -> None:
    matches = identify(
        brand="Tesla",
        model="Model 3",
        yearOfConstruction=2023,
        vehicleType="M1",
        enginePower=208,
        fuelType="electric",
    )
    assert matches[0]["code"] == "TES-MODEL3-EK208-2021"
    assert matches[0]["engineDisplacement"] is None
    assert "TES-MODEL3-EK239-2019" not in [m["code"] for m in matches]  # sold until 2021


def test_identify_prefers_the_requested_vehicle_type() -> None:
    van = identify(brand="Dacia", model="Dokker", yearOfConstruction=2018, vehicleType="N1")
    assert van[0]["version"].startswith("Van ")
    car = identify(brand="Dacia", model="Dokker", yearOfConstruction=2018, vehicleType="M1")
    assert not car[0]["version"].startswith("Van ")


def test_identify_excludes_incompatible_categories() -> None:
    assert identify(brand="Honda", model="Civic", yearOfConstruction=2020, vehicleType="L3e") == []
    bike = identify(brand="Honda", model="CB500F", yearOfConstruction=2020, vehicleType="L3e")
    assert [m["code"] for m in bike] == ["HON-CB500F-P05K35-2019"]


def test_identify_trailer() -> None:
    matches = identify(
        brand="Krone", model="Profi Liner", yearOfConstruction=2020, vehicleType="O4"
    )
    assert matches and matches[0]["fuelType"] == "none"
    assert matches[0]["enginePower"] is None


def test_identify_model_alias_and_prefix() -> None:
    alias = identify(brand="BMW", model="3 Series", yearOfConstruction=2020, vehicleType="M1")
    assert alias and {m["model"] for m in alias} == {"Seria 3"}
    prefix = identify(brand="VW", model="Golf Variant", yearOfConstruction=2021, vehicleType="M1")
    assert prefix and {m["model"] for m in prefix} == {"Golf"}


def test_identify_returns_at_most_ten() -> None:
    matches = identify(brand="Volkswagen", model="Golf", vehicleType="M1")
    assert len(matches) == 10  # Golf VII and VIII have more versions than that


def test_identify_unknown_brand_or_model_gives_nothing() -> None:
    assert identify(brand="Trabant", model="601", yearOfConstruction=1980, vehicleType="M1") == []
    assert identify(brand="Dacia", model="Nova", yearOfConstruction=1998, vehicleType="M1") == []
    assert identify(brand="Dacia", model="", yearOfConstruction=2020, vehicleType="M1") == []
    assert nom.identify_vehicle({}) == []


# ------------------------------------------------------------------------------- package


def test_package_data_is_small() -> None:
    sizes = {p.name: len(p.read_bytes()) for p in DATA.iterdir() if p.is_file()}
    assert {"counties.json", "localities.json.gz", "vehicles.json"} <= set(sizes)
    assert sum(sizes.values()) < 1_500_000


def test_shipped_data_is_reproducible_from_sirutalib(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files equal what scripts/build_sandbox_data.py makes (needs sirutalib, a dev tool)."""
    pytest.importorskip("sirutalib")
    spec = importlib.util.spec_from_file_location(
        "build_sandbox_data", ROOT / "scripts" / "build_sandbox_data.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    assert module.main(["--check"]) == 0


def test_identify_prefers_the_off_road_variant_when_asked() -> None:
    body = {
        "brand": "Dacia",
        "model": "Duster",
        "yearOfConstruction": 2021,
        "engineDisplacement": 1461,
        "enginePower": 85,
        "fuelType": "diesel",
    }
    assert nom.identify_vehicle({**body, "vehicleType": "M1G"})[0]["code"] == (
        "DAC-DUSTER-D15K85X4-2019"
    )
    assert nom.identify_vehicle({**body, "vehicleType": "M1"})[0]["code"] == (
        "DAC-DUSTER-D15K85-2019"
    )
