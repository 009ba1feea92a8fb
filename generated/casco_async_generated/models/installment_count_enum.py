from enum import IntEnum


class InstallmentCountEnum(IntEnum):
    VALUE_1 = 1
    VALUE_2 = 2
    VALUE_4 = 4
    VALUE_12 = 12

    def __str__(self) -> str:
        return str(self.value)
