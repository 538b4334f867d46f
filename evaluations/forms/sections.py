"""One form per evaluation section, built from its model so ranges live only on the model."""

from functools import cache

from django import forms
from django.forms.renderers import Jinja2

from evaluations.models import Outcomes

TEXT_WIDGET_ROWS = 2


class FindingsFormMixin:
    """Links every input to its error line and marks the invalid ones for assistive tech.

    The findings forms have some 240 inputs and 150 selects: Django's Jinja2 widget renderer
    draws them about three times faster than the default one (make bench). The admin keeps
    the default renderer, whose templates it extends.
    """

    # One renderer for every form: an instance keeps its Jinja2 environment and compiled
    # templates, where the class would build a new one, and recompile, for each form.
    default_renderer = Jinja2()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_errors()

    def describe_errors(self):
        for name in self.fields:
            self.fields[name].widget.attrs["aria-describedby"] = f"err-{self[name].auto_id}"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"


class SectionForm(FindingsFormMixin, forms.ModelForm):
    """Lays bilateral fields out as rows: a label, then left and right side by side."""

    def rows(self):
        rows, names = [], list(self.fields)
        index = 0
        while index < len(names):
            name = names[index]
            stem = name.removesuffix("_left")
            if (
                name.endswith("_left")
                and index + 1 < len(names)
                and names[index + 1] == f"{stem}_right"
            ):
                label = self.fields[name].label.removesuffix(", left")
                rows.append({"label": label, "left": self[name], "right": self[f"{stem}_right"]})
                index += 2
            else:
                rows.append({"label": self.fields[name].label, "single": self[name]})
                index += 1
        return rows


def _formfield(model_field, **kwargs):
    field = model_field.formfield(**kwargs)
    if field is None:
        return None
    if getattr(model_field, "choices", None):
        field.choices = [("", model_field.empty_label), *model_field.choices]
        field.widget.attrs["class"] = "form-select form-select-sm"
    elif hasattr(model_field, "valid_range"):
        # Text, not type=number: a browser silently empties a number field holding text,
        # which would save "not tested" instead of telling the therapist what went wrong.
        decimal = model_field.get_internal_type() == "DecimalField"
        field.widget = forms.TextInput(
            attrs={
                "inputmode": "decimal" if decimal else "numeric",
                "class": "form-control form-control-sm",
                "autocomplete": "off",
            }
        )
        field.unit = model_field.unit
    elif isinstance(field.widget, forms.Textarea):
        field.widget.attrs.update(
            rows=TEXT_WIDGET_ROWS, **{"class": "form-control form-control-sm"}
        )
    else:
        field.widget.attrs["class"] = "form-control form-control-sm"
    return field


@cache
def section_form(section_model):
    """The ModelForm class for a section model (Outcomes has its own form)."""
    if section_model is Outcomes:
        raise ValueError("Outcomes uses OutcomesForm")
    names = [field.name for field in section_model.finding_fields()]
    return forms.modelform_factory(
        section_model, form=SectionForm, fields=names, formfield_callback=_formfield
    )
