"""Tags for the findings forms. Inputs and LSI cells are drawn here in Python because a
section has up to 60 of them and template includes made the page miss its time target."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from evaluations.services.derived_summary import symmetry_flag as flag_of

register = template.Library()


@register.simple_tag
def finding_input(field, side=""):
    """One input with its unit, its error line (target of autosave) and, alone, its help."""
    label = (
        format_html(
            '<label for="{}" class="visually-hidden">{}</label>', field.id_for_label, field.label
        )
        if side
        else ""
    )
    unit = getattr(field.field, "unit", "")
    unit_html = format_html('<span class="input-group-text">{}</span>', unit) if unit else ""
    help_html = (
        format_html('<div class="form-text">{}</div>', field.help_text)
        if field.help_text and not side
        else ""
    )
    return format_html(
        '{}<div class="input-group input-group-sm{}">{}{}</div>'
        '<div id="err-{}" class="invalid-feedback d-block field-error">{}</div>{}',
        label,
        " has-validation" if field.errors else "",
        field.as_widget(),
        unit_html,
        field.auto_id,
        " ".join(field.errors),
        help_html,
    )


@register.simple_tag
def lsi_cell(derived, stem, oob=False):
    """The limb symmetry index of one bilateral row, flagged when it deserves a look."""
    symmetry = derived.lsi_by_stem.get(stem) if derived else None
    swap = mark_safe(' hx-swap-oob="true"') if oob else ""
    if symmetry is None:
        return format_html(
            '<span id="lsi-{}"{} class="lsi"><span class="text-body-tertiary">—</span></span>',
            stem,
            swap,
        )
    flag = flag_of(symmetry)
    marker = format_html(' ⚑<span class="visually-hidden"> {}</span>', flag) if flag else ""
    return format_html(
        '<span id="lsi-{}"{} class="lsi{}" title="{} side compared with the other">{}{}</span>',
        stem,
        swap,
        " text-danger fw-semibold" if flag else "",
        str(symmetry.involved_side).capitalize(),
        symmetry.percent_text,
        marker,
    )


@register.filter
def has_sides(form):
    """Whether a section has a left/right finding: only then does its table head say so."""
    return any("left" in row for row in form.rows())
