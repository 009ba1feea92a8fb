"""`Secret`: a password or token on its way through the SDK's frames, masked in every repr.

Error trackers (Sentry and the like) record the local variables of every frame of a traceback,
by repr. A secret passed as a plain `str` (a refresh token handed to the renewal, the token a
401 refused) is recorded in clear by each frame it crosses; wrapped in a `Secret`, each frame
records `Secret('***')`. The value comes out with `reveal()`, at the last moment, inside an
`httpx.Auth` flow or a comparison — never into a variable of a frame that can raise.
"""

from __future__ import annotations

import hmac
from typing import final

__all__ = ["Secret"]


@final
class Secret:
    """A secret string whose repr and str are masked.

    Args:
        value: The secret.
    """

    __slots__ = ("__value",)

    def __init__(self, value: str) -> None:
        self.__value = value

    def reveal(self) -> str:
        """The secret itself (keep it out of locals of frames that can raise)."""
        return self.__value

    def __bool__(self) -> bool:
        return bool(self.__value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        # Constant time: a comparison of secrets leaks nothing through its duration.
        return hmac.compare_digest(self.__value.encode(), other.__value.encode())

    def __hash__(self) -> int:
        return hash(self.__value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__
