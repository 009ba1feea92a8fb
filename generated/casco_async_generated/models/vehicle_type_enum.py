from enum import StrEnum


class VehicleTypeEnum(StrEnum):
    C = "C"
    L1E = "L1e"
    L2E = "L2e"
    L3E = "L3e"
    L4E = "L4e"
    L5E = "L5e"
    L6E = "L6e"
    L7E = "L7e"
    M1 = "M1"
    M1G = "M1G"
    M2 = "M2"
    M2G = "M2G"
    M3 = "M3"
    M3G = "M3G"
    N1 = "N1"
    N1G = "N1G"
    N2 = "N2"
    N2G = "N2G"
    N3 = "N3"
    N3G = "N3G"
    O1 = "O1"
    O2 = "O2"
    O3 = "O3"
    O4 = "O4"
    R = "R"
    S = "S"
    T = "T"

    def __str__(self) -> str:
        return str(self.value)
