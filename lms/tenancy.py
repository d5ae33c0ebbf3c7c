"""Host name -> school. The only code that reads the Host header."""

from __future__ import annotations

from django.http import HttpRequest

from lms.models import Domain, Tenant

DEV_SUFFIX = ".localhost"


def normalise_host(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0].rstrip(".") if ":" in host else host.rstrip(".")


def tenant_for_host(host: str) -> Tenant | None:
    """The active school serving ``host``, or None.

    A Domain row wins; ``<slug>.localhost`` finds a school by slug so that a
    school created in the admin can be opened in development right away.
    """
    host = normalise_host(host)
    domain = Domain.objects.select_related("tenant").filter(host=host, tenant__is_active=True).first()
    if domain:
        return domain.tenant
    if host.endswith(DEV_SUFFIX):
        slug = host[: -len(DEV_SUFFIX)]
        return Tenant.objects.filter(slug=slug, is_active=True).first()
    return None


def school_links(request: HttpRequest) -> list[dict]:
    """The signed-in person's schools, each with a link to its own host."""
    from lms.selectors import user_schools

    return [
        {
            "membership": m,
            "tenant": m.tenant,
            "url": school_url(request, m.tenant, [d.host for d in m.tenant.domains.all()]),
            "is_current": m.tenant_id == request.tenant.pk,
        }
        for m in user_schools(user=request.user)
    ]


def school_url(request: HttpRequest, tenant: Tenant, hosts: list[str], path: str = "/") -> str:
    """Absolute URL of ``path`` on the school's primary host, keeping the
    scheme and port the person is using now (so links work under runserver)."""
    host = hosts[0] if hosts else f"{tenant.slug}{DEV_SUFFIX}"
    current = request.get_host()
    port = ""
    if not current.startswith("[") and ":" in current:
        port = ":" + current.rsplit(":", 1)[1]
    return f"{request.scheme}://{host}{port}{path}"
