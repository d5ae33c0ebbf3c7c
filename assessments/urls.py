"""Pages of assessments. Each views module brings its own routes."""

from assessments.views import taking

urlpatterns = [
    *taking.urlpatterns,
]
