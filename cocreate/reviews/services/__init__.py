"""Product and review actions (check_* validates, do_* changes state and emits events). No Flask here."""

from cocreate.reviews.services.helpful import do_helpful_vote
from cocreate.reviews.services.orders import OrderImport, do_import_orders, import_orders
from cocreate.reviews.services.products import do_create_product
from cocreate.reviews.services.reviews import do_edit_review, do_remove_review, do_write_review
from cocreate.reviews.services.ugc import do_create_campaign, do_edit_ugc, do_remove_ugc, do_submit_ugc

__all__ = [
    "OrderImport",
    "do_create_campaign",
    "do_create_product",
    "do_edit_ugc",
    "do_edit_review",
    "do_helpful_vote",
    "do_import_orders",
    "do_remove_review",
    "do_remove_ugc",
    "do_submit_ugc",
    "do_write_review",
    "import_orders",
]
