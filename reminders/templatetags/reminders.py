from django import template

from reminders.waits import what_waits

register = template.Library()


@register.inclusion_tag("reminders/what_waits.html", takes_context=True)
def waiting_for_me(context):
    request = context["request"]
    return {"waiting": what_waits(request.perms), "request": request}
