"""The insurers CascoApi quotes for, and how a request is addressed to one of them.

One place for what the SDK, the CLI and the pytest plugin know about insurers, so that
`casco.products.compare`, `quote-bulk --insurers` and the plugin's sample requests agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["KNOWN_INSURERS", "product_name_for", "retarget"]

KNOWN_INSURERS: Final[tuple[str, ...]] = ("generali", "groupama", "eazy_insure", "allianz")
"""The insurers' `provider.organization.businessName` values, from the contract's table."""

# Product names by insurer, from the contract's table; everyone else sells "casco".
_PRODUCT_NAMES: Final[Mapping[str, str]] = {"groupama": "casco-leasing"}


def product_name_for(insurer: str) -> str:
    """The ``product.name`` the insurer's CASCO product has in the API."""
    return _PRODUCT_NAMES.get(insurer, "casco")


def retarget(request: Mapping[str, Any], insurer: str) -> dict[str, Any]:
    """`request` addressed to `insurer`: its ``provider`` replaced, its product name set.

    The original ``provider.authentication`` (insurer credentials) is dropped: it belonged to the
    original insurer.
    """
    product = request.get("product")
    if isinstance(product, Mapping):
        product = {**product, "name": product_name_for(insurer)}
    return {**request, "provider": {"organization": {"businessName": insurer}}, "product": product}
