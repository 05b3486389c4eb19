from django.conf import settings


def site(request):
    """What every template needs to draw the page frame."""
    return {"PORTAL_NAME": settings.PORTAL_NAME}
