from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

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
    provider_offer_code: None | str | Unset = UNSET
    premium_amount_net: float | None | Unset = UNSET
    commission_value: float | None | Unset = UNSET
    commission_percent: float | None | Unset = UNSET
    installments: list[Installment] | Unset = UNSET
    offer_expiry_date: datetime.date | None | Unset = UNSET
    notes: None | str | Unset = UNSET
    pid: None | str | Unset = UNSET
    """ Product information document URL """
    toc: None | str | Unset = UNSET
    """ Terms and conditions URL """
    payment_link: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        offer_id = self.offer_id

        premium_amount = self.premium_amount

        currency = self.currency

        start_date = self.start_date.isoformat()

        end_date = self.end_date.isoformat()

        provider_offer_code: None | str | Unset
        if isinstance(self.provider_offer_code, Unset):
            provider_offer_code = UNSET
        else:
            provider_offer_code = self.provider_offer_code

        premium_amount_net: float | None | Unset
        if isinstance(self.premium_amount_net, Unset):
            premium_amount_net = UNSET
        else:
            premium_amount_net = self.premium_amount_net

        commission_value: float | None | Unset
        if isinstance(self.commission_value, Unset):
            commission_value = UNSET
        else:
            commission_value = self.commission_value

        commission_percent: float | None | Unset
        if isinstance(self.commission_percent, Unset):
            commission_percent = UNSET
        else:
            commission_percent = self.commission_percent

        installments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.installments, Unset):
            installments = []
            for installments_item_data in self.installments:
                installments_item = installments_item_data.to_dict()
                installments.append(installments_item)

        offer_expiry_date: None | str | Unset
        if isinstance(self.offer_expiry_date, Unset):
            offer_expiry_date = UNSET
        elif isinstance(self.offer_expiry_date, datetime.date):
            offer_expiry_date = self.offer_expiry_date.isoformat()
        else:
            offer_expiry_date = self.offer_expiry_date

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        pid: None | str | Unset
        if isinstance(self.pid, Unset):
            pid = UNSET
        else:
            pid = self.pid

        toc: None | str | Unset
        if isinstance(self.toc, Unset):
            toc = UNSET
        else:
            toc = self.toc

        payment_link: None | str | Unset
        if isinstance(self.payment_link, Unset):
            payment_link = UNSET
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
        if provider_offer_code is not UNSET:
            field_dict["providerOfferCode"] = provider_offer_code
        if premium_amount_net is not UNSET:
            field_dict["premiumAmountNet"] = premium_amount_net
        if commission_value is not UNSET:
            field_dict["commissionValue"] = commission_value
        if commission_percent is not UNSET:
            field_dict["commissionPercent"] = commission_percent
        if installments is not UNSET:
            field_dict["installments"] = installments
        if offer_expiry_date is not UNSET:
            field_dict["offerExpiryDate"] = offer_expiry_date
        if notes is not UNSET:
            field_dict["notes"] = notes
        if pid is not UNSET:
            field_dict["pid"] = pid
        if toc is not UNSET:
            field_dict["toc"] = toc
        if payment_link is not UNSET:
            field_dict["paymentLink"] = payment_link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.installment import Installment

        d = dict(src_dict)
        offer_id = d.pop("offerId")

        premium_amount = d.pop("premiumAmount")

        currency = d.pop("currency")

        start_date = datetime.date.fromisoformat(d.pop("startDate"))

        end_date = datetime.date.fromisoformat(d.pop("endDate"))

        def _parse_provider_offer_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        provider_offer_code = _parse_provider_offer_code(d.pop("providerOfferCode", UNSET))

        def _parse_premium_amount_net(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        premium_amount_net = _parse_premium_amount_net(d.pop("premiumAmountNet", UNSET))

        def _parse_commission_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        commission_value = _parse_commission_value(d.pop("commissionValue", UNSET))

        def _parse_commission_percent(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        commission_percent = _parse_commission_percent(d.pop("commissionPercent", UNSET))

        _installments = d.pop("installments", UNSET)
        installments: list[Installment] | Unset = UNSET
        if _installments is not UNSET:
            installments = []
            for installments_item_data in _installments:
                installments_item = Installment.from_dict(installments_item_data)

                installments.append(installments_item)

        def _parse_offer_expiry_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expiry_date_type_0 = datetime.date.fromisoformat(data)

                return offer_expiry_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        offer_expiry_date = _parse_offer_expiry_date(d.pop("offerExpiryDate", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        def _parse_pid(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        pid = _parse_pid(d.pop("pid", UNSET))

        def _parse_toc(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        toc = _parse_toc(d.pop("toc", UNSET))

        def _parse_payment_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        payment_link = _parse_payment_link(d.pop("paymentLink", UNSET))

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
