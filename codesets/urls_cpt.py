"""A school's licensed CPT file: upload, progress, removal (registrars).

The pages sit under releases/ because /codes/cpt/ and /codes/cpt/<code>/ are
the encoder's browse and code pages: a release id there would swallow
Category I codes, which are five digits too.
"""

from django.urls import path

from codesets import views_cpt

urlpatterns = [
    path("releases/", views_cpt.cpt_releases, name="cpt_releases"),
    path("releases/<int:release_id>/", views_cpt.cpt_release, name="cpt_release"),
    path("releases/<int:release_id>/delete/", views_cpt.cpt_release_delete, name="cpt_release_delete"),
]
