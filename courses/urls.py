"""Pages of the catalogue: programs and courses. Each views module brings its own routes."""

from courses.views import programs

urlpatterns = [*programs.urlpatterns]
