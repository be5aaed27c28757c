"""Rates and medians rendered the same way everywhere: counts first, interval next, and a
clear label when the sample is too small to read anything into."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def rate(value):
    if value is None:
        return ""
    if not value.n:
        return mark_safe('<span class="rate none">no data yet</span>')
    low, high = value.interval
    if value.too_small:
        return format_html(
            '<span class="rate too-small" title="Fewer than {} applications: too little data '
            'to read a rate into.">{}&nbsp;of&nbsp;{} <span class="badge">too little data'
            "</span></span>",
            value.minimum,
            value.k,
            value.n,
        )
    return format_html(
        '<span class="rate"><strong>{}%</strong> <span class="k-of-n">{}&nbsp;of&nbsp;{}'
        '</span> <span class="ci" title="95% Wilson interval">({}–{}%)</span></span>',
        round(value.value * 100),
        value.k,
        value.n,
        round(low * 100),
        round(high * 100),
    )


@register.simple_tag
def median(value):
    if value is None or value.days is None:
        return mark_safe('<span class="rate none">—</span>')
    days = f"{value.days:.1f}".removesuffix(".0")
    css = "rate too-small" if value.too_small else "rate"
    badge = mark_safe(' <span class="badge">too little data</span>') if value.too_small else ""
    return format_html(
        '<span class="{}">{}&nbsp;days <span class="k-of-n">(n={})</span>{}</span>',
        css,
        days,
        value.n,
        badge,
    )


@register.simple_tag
def change(difference):
    """The difference between two rates in percentage points, with its interval."""
    if difference.interval is None:
        return "—"
    low, high = difference.interval
    return format_html(
        '{} pts <span class="ci">({} to {})</span>',
        f"{round(difference.change * 100):+d}",
        f"{round(low * 100):+d}",
        f"{round(high * 100):+d}",
    )
