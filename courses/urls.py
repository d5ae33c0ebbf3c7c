"""Pages of the catalogue: programs and courses. Each views module brings its own routes."""

from courses.views import courses, programs

urlpatterns = [*programs.urlpatterns, *courses.urlpatterns]
