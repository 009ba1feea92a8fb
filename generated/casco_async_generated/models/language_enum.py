from enum import StrEnum


class LanguageEnum(StrEnum):
    EN = "en"
    RO = "ro"

    def __str__(self) -> str:
        return str(self.value)
