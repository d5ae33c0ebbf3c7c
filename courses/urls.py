"""Pages of the catalogue: programs and courses. Each views module brings its own routes."""

from courses.views import courses, programs
from courses.views import files
from courses.views import learning
from courses.views import authoring

urlpatterns = [*programs.urlpatterns, *courses.urlpatterns, *files.urlpatterns, *learning.urlpatterns, *authoring.urlpatterns]
