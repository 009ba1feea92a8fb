from enum import StrEnum


class PaymentMethodEnum(StrEnum):
    BROKER_PAYMENT_ORDER = "broker payment order"
    BROKER_RECEIPT = "broker receipt"
    PAYMENT_ORDER = "payment order"
    POS = "pos"
    RECEIPT = "receipt"

    def __str__(self) -> str:
        return str(self.value)
