from enum import StrEnum


class CurrencyEnum(StrEnum):
    EUR = "EUR"
    RON = "RON"

    def __str__(self) -> str:
        return str(self.value)
