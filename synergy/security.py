"""Small security helpers the settings point at."""

from django.conf import settings


def client_ip(request):
    """The client's address for login throttling: the proxy's X-Real-IP where the
    deployment says the proxy sets it (TRUST_X_REAL_IP), else the socket's address."""
    if settings.TRUST_X_REAL_IP and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR")
