from enum import StrEnum


class UsageTypeEnum(StrEnum):
    CARGOTRANSPORTATION = "cargoTransportation"
    CARRENTAL = "carRental"
    COURIER = "courier"
    DISTRIBUTION = "distribution"
    DRIVINGSCHOOL = "drivingSchool"
    PASSENGERTRANSPORTATION = "passengerTransportation"
    PERSONAL = "personal"
    SECURITY = "security"
    TAXI = "taxi"

    def __str__(self) -> str:
        return str(self.value)
