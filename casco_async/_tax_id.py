"""Romanian tax identifiers: the personal numeric code (CNP) and the company fiscal code (CUI).

One reading of each, shared by request validation (`casco_async._validation`) and the sandbox's
pricing (`casco_async.sandbox._tariffs`, which reads a driver's age from the CNP).

CNP, ``SYYMMDDJJNNNC``: ``S`` gives sex and century (1/2 born 1900-1999, 3/4 1800-1899, 5/6
2000-2099; 7/8/9, residents and foreigners, do not encode the century), ``YYMMDD`` the birth
date, ``JJ`` the county, ``NNN`` a serial, ``C`` the control digit: the first 12 digits weighted
2,7,9,1,4,6,3,5,8,2,7,9, summed, modulo 11, with 10 written as 1.

CUI (also CIF, the VAT code without its ``RO``): 2 to 10 digits, the last a control digit: the
digits before it, padded on the left with zeros to 9, weighted 7,5,3,2,1,7,5,3,2, summed, times 10,
modulo 11, with 10 written as 0.
"""

from __future__ import annotations

import datetime
import operator
import re
from typing import Final

__all__ = ["cnp_birth_date", "is_valid_cnp", "is_valid_cui"]

_CNP_DIGITS: Final = re.compile(r"[0-9]{13}")
# As numbers: the control digit is on every validated request's path (see is_valid_cnp).
_CNP_WEIGHTS: Final = tuple(int(weight) for weight in "279146358279")
_CNP_ZEROS: Final = ord("0") * sum(_CNP_WEIGHTS)  # what the ASCII codes add beyond the digits
# Latest century first: for 7/8/9 the latest one that puts the birth on or before today wins.
_CENTURIES: Final = {
    "1": (1900,),
    "2": (1900,),
    "3": (1800,),
    "4": (1800,),
    "5": (2000,),
    "6": (2000,),
    "7": (2000, 1900),
    "8": (2000, 1900),
    "9": (2000, 1900),
}

_CUI_DIGITS: Final = re.compile(r"[0-9]{2,10}")
_CUI_WEIGHTS: Final = tuple(int(weight) for weight in "753217532")


def cnp_birth_date(cnp: str, *, today: datetime.date) -> datetime.date:
    """The birth date a CNP encodes (the control digit is not checked here).

    Raises:
        ValueError: not 13 digits, or no real birth date on or before `today`.
    """
    if not _CNP_DIGITS.fullmatch(cnp):
        raise ValueError("a CNP has 13 digits")
    centuries = _CENTURIES.get(cnp[0])
    if centuries is None:
        raise ValueError("a CNP starts with 1-9")
    for century in centuries:
        try:
            born = datetime.date(century + int(cnp[1:3]), int(cnp[3:5]), int(cnp[5:7]))
        except ValueError:
            continue
        if born <= today:
            return born
    raise ValueError("a CNP encodes a real birth date, not after today")


def is_valid_cnp(cnp: str, *, today: datetime.date) -> bool:
    """Whether `cnp` is 13 digits with a real birth date (not after today) and the right control.

    The county code is not checked: its list has changed over time.
    """
    try:
        cnp_birth_date(cnp, today=today)
    except ValueError:
        return False
    # 13 ASCII digits (cnp_birth_date checked), 12 weights: the first 12 are weighed. Their
    # ASCII codes, less what "0" adds, give the same sum without an int() per digit.
    control = (sum(map(operator.mul, cnp.encode("ascii"), _CNP_WEIGHTS)) - _CNP_ZEROS) % 11
    return (1 if control == 10 else control) == int(cnp[12])


def is_valid_cui(cui: str) -> bool:
    """Whether `cui` is a Romanian company fiscal code with the right control digit.

    An ``RO`` prefix (the VAT form, either case) is accepted; spaces are not.
    """
    digits = cui[2:] if cui[:2].upper() == "RO" else cui
    if not _CUI_DIGITS.fullmatch(digits):
        return False
    body = digits[:-1].zfill(9)
    control = sum(map(operator.mul, map(int, body), _CUI_WEIGHTS)) * 10 % 11  # 9 and 9
    return (0 if control == 10 else control) == int(digits[-1])
