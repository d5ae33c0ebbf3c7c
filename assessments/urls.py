"""Pages of assessments. Each views module brings its own routes."""

from assessments.views import authoring, bank_io, staff, taking

urlpatterns = [
    *taking.urlpatterns,
    *bank_io.urlpatterns,
    *authoring.urlpatterns,
    *staff.urlpatterns,
]
