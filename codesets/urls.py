"""Pages of the encoder (mounted under /codes/ with the ``codes`` namespace)."""

from django.urls import include, path

from codesets import views, views_index

urlpatterns = [
    path("", views.encoder, name="encoder"),
    path("search/", views.search, name="search"),
    path("panel/", views.panel, name="panel"),
    path("cpt/", include("codesets.urls_cpt")),
    path("index/", views_index.index_page, name="index"),
    path("index/<int:main_term_id>/", views_index.index_term, name="index_term"),
    path("external-causes/", views_index.external_page, name="external"),
    path("external-causes/<int:main_term_id>/", views_index.external_term, name="external_term"),
    path("neoplasms/", views_index.neoplasms, name="neoplasms"),
    path("drugs/", views_index.drugs, name="drugs"),
    path("<str:system>/", views.browse, name="browse"),
    path("<str:system>/<str:code>/", views.code_page, name="code"),
]
