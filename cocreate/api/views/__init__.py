"""API endpoints, one module per area; openapi.py describes each of them."""

from cocreate.api.views import catalog, community, ideas, me, mine  # noqa: F401
