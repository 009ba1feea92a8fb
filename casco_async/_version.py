"""The package's version, and the User-Agent built from it (nothing imported up front:
``import casco_async`` stays cheap)."""

from __future__ import annotations

__all__ = ["__version__", "user_agent"]

__version__ = "0.1.0"


def user_agent() -> str:
    """``casco-async/<version> httpx/<version> python/<version>``: what the vendor's logs show."""
    import platform

    import httpx

    return f"casco-async/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
