"""The Romanian personal numeric code (CNP): one reading for validation and for pricing.

``SYYMMDDJJNNNC``: ``S`` gives sex and century (1/2 born 1900-1999, 3/4 1800-1899, 5/6
2000-2099; 7/8/9, residents and foreigners, do not encode the century), ``YYMMDD`` the birth
date, ``JJ`` the county, ``NNN`` a serial, ``C`` the control digit: the first 12 digits weighted
2,7,9,1,4,6,3,5,8,2,7,9, summed, modulo 11, with 10 written as 1.
"""

from __future__ import annotations

import datetime
import re
from typing import Final

__all__ = ["birth_date", "is_valid"]

_DIGITS: Final = re.compile(r"[0-9]{13}")
_WEIGHTS: Final = "279146358279"
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


def birth_date(cnp: str, *, today: datetime.date) -> datetime.date:
    """The birth date a CNP encodes (the control digit is not checked here).

    Raises:
        ValueError: not 13 digits, or no real birth date on or before `today`.
    """
    if not _DIGITS.fullmatch(cnp):
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


def is_valid(cnp: str, *, today: datetime.date) -> bool:
    """Whether `cnp` is 13 digits with a real birth date (not after today) and the right control.

    The county code is not checked: its list has changed over time.
    """
    try:
        birth_date(cnp, today=today)
    except ValueError:
        return False
    control = sum(int(d) * int(w) for d, w in zip(cnp, _WEIGHTS, strict=False)) % 11
    return (1 if control == 10 else control) == int(cnp[12])
