"""Sign-in security shown on other apps' pages: the team list marks locked members with an unlock link."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from security.lockout import SignInLock, sign_in_locks

register = template.Library()


@register.simple_tag
def team_locks(memberships: Iterable[Any]) -> dict[int, SignInLock]:
    """The locks of a team's members, by user id, read once for the whole list (three queries)."""
    return sign_in_locks(m.user for m in memberships)


@register.inclusion_tag("security/_member_lock.html")
def member_lock(locks: dict[int, SignInLock], membership: Any) -> dict[str, Any]:
    """A locked member's badge and the link to their sign-in security page, where a lead unlocks them."""
    return {"lock": locks.get(membership.user_id), "member": membership.user}
