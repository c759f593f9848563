"""Tags that tie a refused answer's message to its control, the same way on every step template.

A refused tap (a value the form or the service rejects, or a conflict) is drawn with its message beside the control
(`save_state`), the control marked invalid and described by that message (`refused_attrs`), and, on a page drawn
without JavaScript, the control focused (`autofocus`), so a screen reader reads the field and why at once.
The view names the refused control by its key in `refused` and asks for the focus with `refused_focus`.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def state_id(key: str) -> str:
    """The id of the message line beside control `key` (the error summary links here)."""
    return f"{key}-state"


@register.simple_tag(takes_context=True)
def refused_attrs(context: template.Context, key: str, hint: str = "", focus: bool = False) -> SafeString:
    """Attributes for one control of `key`: its hint, and when refused, aria-invalid and the message it is described by.

    `hint` is truthy when the control has a hint line (`<key>-hint`); `focus` puts the autofocus on this control
    (the first of its form) when the page is drawn without JavaScript.
    """
    described = [f"{key}-hint"] if hint else []
    refused = bool(key) and context.get("refused") == key
    if refused:
        described.append(state_id(key))
    attrs = format_html(' aria-describedby="{}"', " ".join(described)) if described else ""
    if refused:
        attrs += mark_safe(' aria-invalid="true"')  # noqa: S308 - a constant
        if focus and context.get("refused_focus"):
            attrs += mark_safe(" autofocus")  # noqa: S308 - a constant
    return mark_safe(attrs)  # noqa: S308 - built by format_html from escaped parts


@register.simple_tag(takes_context=True)
def save_state(context: template.Context, key: str, note: str, tag: str = "p") -> SafeString:
    """The line beside control `key` that says saved, saving, not saved, or why it was refused."""
    state = mark_safe(' data-state="error"') if context.get("refused") == key else ""  # noqa: S308 - a constant
    return format_html(
        '<{tag} class="save-state" id="{id}" data-state-for="{key}"{state}>{note}</{tag}>',
        tag="span" if tag == "span" else "p",
        id=state_id(key),
        key=key,
        state=state,
        note=note,
    )
