from enum import StrEnum


class IdTypeEnum(StrEnum):
    CI = "CI"
    PASSPORT = "PASSPORT"

    def __str__(self) -> str:
        return str(self.value)
