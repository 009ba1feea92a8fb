from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.installment import Installment


T = TypeVar("T", bound="Offer")


@_attrs_define
class Offer:
    offer_id: int
    premium_amount: float
    currency: str
    """ RON or EUR """
    start_date: datetime.date
    end_date: datetime.date
    provider_offer_code: str | None = None
    premium_amount_net: float | None = None
    commission_value: float | None = None
    commission_percent: float | None = None
    installments: list[Installment] | None = None
    offer_expiry_date: datetime.date | None = None
    notes: str | None = None
    pid: str | None = None
    """ Product information document URL """
    toc: str | None = None
    """ Terms and conditions URL """
    payment_link: str | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer_id = self.offer_id

        premium_amount = self.premium_amount

        currency = self.currency

        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        provider_offer_code: str | None
        if self.provider_offer_code is None:
            provider_offer_code = None
        else:
            provider_offer_code = self.provider_offer_code

        premium_amount_net: float | None
        if self.premium_amount_net is None:
            premium_amount_net = None
        else:
            premium_amount_net = self.premium_amount_net

        commission_value: float | None
        if self.commission_value is None:
            commission_value = None
        else:
            commission_value = self.commission_value

        commission_percent: float | None
        if self.commission_percent is None:
            commission_percent = None
        else:
            commission_percent = self.commission_percent

        installments: list[dict[str, Any]] | None = None
        if self.installments is not None:
            installments = []
            for installments_item_data in self.installments:
                installments_item = installments_item_data.to_dict()
                installments.append(installments_item)

        offer_expiry_date: str | None
        if self.offer_expiry_date is None:
            offer_expiry_date = None
        elif isinstance(self.offer_expiry_date, datetime.date):
            offer_expiry_date = self.offer_expiry_date.isoformat()
        else:
            offer_expiry_date = self.offer_expiry_date

        notes: str | None
        if self.notes is None:
            notes = None
        else:
            notes = self.notes

        pid: str | None
        if self.pid is None:
            pid = None
        else:
            pid = self.pid

        toc: str | None
        if self.toc is None:
            toc = None
        else:
            toc = self.toc

        payment_link: str | None
        if self.payment_link is None:
            payment_link = None
        else:
            payment_link = self.payment_link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "offerId": offer_id,
                "premiumAmount": premium_amount,
                "currency": currency,
                "startDate": start_date,
                "endDate": end_date,
            }
        )
        if provider_offer_code is not None:
            field_dict["providerOfferCode"] = provider_offer_code
        if premium_amount_net is not None:
            field_dict["premiumAmountNet"] = premium_amount_net
        if commission_value is not None:
            field_dict["commissionValue"] = commission_value
        if commission_percent is not None:
            field_dict["commissionPercent"] = commission_percent
        if installments is not None:
            field_dict["installments"] = installments
        if offer_expiry_date is not None:
            field_dict["offerExpiryDate"] = offer_expiry_date
        if notes is not None:
            field_dict["notes"] = notes
        if pid is not None:
            field_dict["pid"] = pid
        if toc is not None:
            field_dict["toc"] = toc
        if payment_link is not None:
            field_dict["paymentLink"] = payment_link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        offer_id = d.pop("offerId")

        premium_amount = d.pop("premiumAmount")

        currency = d.pop("currency")

        start_date = datetime.date.fromisoformat(d.pop("startDate"))

        end_date = datetime.date.fromisoformat(d.pop("endDate"))

        provider_offer_code: str | None = d.pop("providerOfferCode", None)

        premium_amount_net: float | None = d.pop("premiumAmountNet", None)

        commission_value: float | None = d.pop("commissionValue", None)

        commission_percent: float | None = d.pop("commissionPercent", None)

        _installments = d.pop("installments", None)
        installments: list[Installment] | None = None
        if _installments is not None:
            installments = [
                Installment.from_dict(installments_item_data)
                for installments_item_data in _installments
            ]

        def _parse_offer_expiry_date(data: object) -> datetime.date | None:
            if data is None:
                return None
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expiry_date_type_0 = datetime.date.fromisoformat(data)

                return offer_expiry_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        offer_expiry_date = _parse_offer_expiry_date(d.pop("offerExpiryDate", None))

        notes: str | None = d.pop("notes", None)

        pid: str | None = d.pop("pid", None)

        toc: str | None = d.pop("toc", None)

        payment_link: str | None = d.pop("paymentLink", None)

        offer = cls(
            offer_id=offer_id,
            premium_amount=premium_amount,
            currency=currency,
            start_date=start_date,
            end_date=end_date,
            provider_offer_code=provider_offer_code,
            premium_amount_net=premium_amount_net,
            commission_value=commission_value,
            commission_percent=commission_percent,
            installments=installments,
            offer_expiry_date=offer_expiry_date,
            notes=notes,
            pid=pid,
            toc=toc,
            payment_link=payment_link,
        )

        offer.additional_properties = d
        return offer

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class: a model that holds this one may be the one importing it.
from ..models.installment import Installment
