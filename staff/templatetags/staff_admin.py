from django import template
from django.utils import timezone

from staff.selectors import overdue_offers_for

register = template.Library()


@register.simple_tag
def overdue_offer_count(user) -> int:
    """How many of the offers this staff member keeps are overdue a check."""
    return overdue_offers_for(user, timezone.localdate()).count()
