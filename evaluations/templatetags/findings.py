from django import template

register = template.Library()


@register.filter
def lsi_for(derived, stem):
    """The limb symmetry of a bilateral measure (by its field stem), or None."""
    return derived.lsi_by_stem.get(stem) if derived else None
