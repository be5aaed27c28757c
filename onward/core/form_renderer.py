"""Django's form renderer, with its commonest templates written out in Python.

Django renders every field through templates: the field group, its label, its errors and its
widget, and a select's every option through two more. On the application page that was ~40 %
of the time (the move, note, interview and contact forms), and ~5 ms of the table's filters.
``QuickRenderer`` writes the same markup in Python for the templates below, byte for byte
(``onward/core/tests/test_form_renderer.py`` compares it with Django's templates), and hands
anything else to the templates as before: other widgets, grouped choices, custom templates.
"""

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, SafeString

# For values that are not plain text (numbers, dates, lazy translations): shown exactly as a
# template's {{ value }} would show them.
_CONTEXT = Context(autoescape=True)


def _show(value) -> str:
    """{{ value }}"""
    if type(value) is str:
        return escape(value)
    return render_value_in_context(value, _CONTEXT)


def _as_s(value) -> str:
    """{{ value|stringformat:"s" }}"""
    try:
        text = "%s" % (value,)  # noqa: UP031 (the filter's own formatting, errors included)
    except (TypeError, ValueError):  # as the filter answers
        return ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs) -> str:
    """django/forms/widgets/attrs.html and django/forms/attrs.html."""
    if not attrs:
        return ""
    return "".join(
        f" {_show(name)}" if value is True else f' {_show(name)}="{_as_s(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(context) -> str:
    """django/forms/widgets/input.html (text, number, date, hidden, checkbox, ...)."""
    widget = context["widget"]
    value = widget["value"]
    shown = f' value="{_as_s(value)}"' if value != None else ""  # noqa: E711 (the template's test)
    kind, name = _show(widget["type"]), _show(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _select(context) -> str | None:
    """django/forms/widgets/select.html with its options (not grouped choices)."""
    widget = context["widget"]
    options = []
    for group, choices, _ in widget["optgroups"]:
        if group:
            return None
        for option in choices:
            if option["template_name"] != "django/forms/widgets/select_option.html":
                return None
            options.append(
                f'\n  <option value="{_as_s(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_show(option['label'])}</option>\n"
            )
    name, attrs = _show(widget["name"]), _attrs(widget["attrs"])
    return f'<select name="{name}"{attrs}>{"".join(options)}\n</select>'


def _textarea(context) -> str:
    widget = context["widget"]
    value = widget["value"]
    return (
        f'<textarea name="{_show(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_show(value) if value else ''}</textarea>"
    )


def _label(context) -> str:
    """django/forms/label.html"""
    if not context["use_tag"]:
        return _show(context["label"]).strip()
    tag = _show(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_show(context['label'])}</{tag}>"


def _errors(context) -> str:
    """django/forms/errors/list/ul.html (and default.html, which includes it)."""
    errors = context["errors"]
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    id_attr = f' id="{_show(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_show(error)}</li>" for error in errors)
    return f'<ul class="{_show(context["error_class"])}"{id_attr}>{items}</ul>'


def _field(context) -> str:
    """django/forms/field.html: a field's label, help text, errors and widget."""
    field = context["field"]
    label = field.label
    parts = []
    if field.use_fieldset:
        described = field.aria_describedby
        described_attr = f' aria-describedby="{_show(described)}"' if described else ""
        parts.append(f"\n  <fieldset{described_attr}>\n  ")
        parts.append(_show(field.legend_tag()) if label else "")
    else:
        parts.append("\n  ")
        parts.append(_show(field.label_tag()) if label else "")
    parts.append("\n\n")
    if field.help_text:
        auto_id = field.auto_id
        id_attr = f' id="{_show(auto_id)}_helptext"' if auto_id else ""
        parts.append(f'<div class="helptext"{id_attr}>{field.help_text}</div>')
    parts.append(f"\n{_show(field.errors)}\n{_show(field)}")
    if field.use_fieldset:
        parts.append("</fieldset>")
    return "".join(parts)


# The widgets whose template is django/forms/widgets/input.html.
_INPUTS = ["checkbox", "color", "date", "datetime", "email", "file", "hidden", "input"]
_INPUTS += ["number", "password", "search", "tel", "text", "time", "url"]
WRITERS = {
    **{f"django/forms/widgets/{name}.html": _input for name in _INPUTS},
    "django/forms/widgets/select.html": _select,
    "django/forms/widgets/textarea.html": _textarea,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
    "django/forms/errors/list/ul.html": _errors,
    "django/forms/field.html": _field,
}


class QuickRenderer(DjangoTemplates):
    """The templates in WRITERS written in Python; any other through Django's templates."""

    def render(self, template_name, context, request=None) -> str:
        write = WRITERS.get(template_name)
        html = write(context) if write is not None else None
        if html is None:
            return super().render(template_name, context, request)
        return SafeString(html.strip())
