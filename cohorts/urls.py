"""Pages of terms, cohorts and enrollment. Each views module brings its own routes."""

from cohorts.views import announcements, calendar, catalogue, cohorts, enrollment, forums, imports, live_sessions, support, terms

urlpatterns = [
    *terms.urlpatterns,
    *cohorts.urlpatterns,
    *catalogue.urlpatterns,
    *enrollment.urlpatterns,
    *imports.urlpatterns,
    *announcements.urlpatterns,
    *live_sessions.urlpatterns,
    *calendar.urlpatterns,
    *forums.urlpatterns,
    *support.urlpatterns,
]
