"""The API documentation page: drf-spectacular's offline Swagger UI with a way back to the school.

Its own module: lms.api_support is imported while DRF reads its settings,
which drf_spectacular.views does too, so the view cannot live there.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularSwaggerView


class ApiDocsView(SpectacularSwaggerView):
    template_name = "lms/api_docs.html"
