from enum import StrEnum


class FuelTypeEnum(StrEnum):
    DIESEL = "diesel"
    ELECTRIC = "electric"
    HYBRID = "hybrid"
    LPG = "lpg"
    NONE = "none"
    PETROL = "petrol"

    def __str__(self) -> str:
        return str(self.value)
