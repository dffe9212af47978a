"""Where a contribution came from: the channel, which app, store or mailbox, and who recorded it.

Every idea, vote, comment, review and story carries these three columns, so that product teams can see
which touchpoints feed the loop (the KPI dashboard and the ranking's channel filter read them)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

VIA_MAX = 60


class Channel(StrEnum):
    WEB = "web"
    API = "api"  # an app, named by its token (via)
    EMAIL = "email"  # a message to the ideas address (via: the mailbox)
    KIOSK = "kiosk"  # an in-store device (via: the store)
    STAFF = "staff"  # recorded by a team member on a customer's behalf (recorded_by)

    @property
    def label(self) -> str:
        return {"web": "Website", "api": "App (API)", "email": "E-mail", "kiosk": "Kiosk", "staff": "Staff"}[
            self.value
        ]


@dataclass(frozen=True)
class Origin:
    """What services stamp on a new contribution."""

    channel: Channel = Channel.WEB
    via: str = ""
    recorded_by: int | None = None  # the staff member's user id

    def columns(self) -> dict:
        return {
            "channel": Channel(self.channel).value,
            "via": (self.via or "").strip()[:VIA_MAX],
            "recorded_by_id": self.recorded_by,
        }


WEB = Origin()


class ChannelStamped:
    """Columns shared by every contribution table."""

    channel: Mapped[str] = mapped_column(String(10), default=Channel.WEB.value)
    via: Mapped[str] = mapped_column(String(VIA_MAX), default="", server_default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
