from django import template

from evaluations.findings.derived_view import symmetry_flag as flag_of

register = template.Library()


@register.filter
def lsi_for(derived, stem):
    """The limb symmetry of a bilateral measure (by its field stem), or None."""
    return derived.lsi_by_stem.get(stem) if derived else None


@register.filter
def symmetry_flag(symmetry):
    return flag_of(symmetry) if symmetry else ""
