"""{% known_contacts company %}: "Do I know anyone here?" on the company and application pages.

One query per use (a page shows one company), never inside a loop: the pages belong to the
pipeline app, and this keeps the network's part of them in the network app.
"""

from django import template

from onward.network.models import Contact

register = template.Library()
SHOWN = 12


@register.inclusion_tag("network/_known_contacts.html", takes_context=True)
def known_contacts(context, company):
    user = context["request"].user
    people = list(
        Contact.objects.for_user(user)
        .at_company(company)
        .with_last_contacted()
        .order_by("name", "pk")[: SHOWN + 1]
    )
    return {"company": company, "people": people[:SHOWN], "more": len(people) > SHOWN}
