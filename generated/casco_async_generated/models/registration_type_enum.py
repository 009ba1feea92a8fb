from enum import StrEnum


class RegistrationTypeEnum(StrEnum):
    RECORDED = "recorded"
    REGISTERED = "registered"
    TEMPORARYRECORDED = "temporaryRecorded"
    TEMPORARYREGISTERED = "temporaryRegistered"

    def __str__(self) -> str:
        return str(self.value)
