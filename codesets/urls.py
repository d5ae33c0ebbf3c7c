"""Pages of the encoder (mounted under /codes/ with the ``codes`` namespace)."""

from django.urls import include, path

from codesets import views

urlpatterns = [
    path("", views.encoder, name="encoder"),
    path("search/", views.search, name="search"),
    path("panel/", views.panel, name="panel"),
    path("cpt/", include("codesets.urls_cpt")),
    path("<str:system>/", views.browse, name="browse"),
    path("<str:system>/<str:code>/", views.code_page, name="code"),
]
