"""Pages of terms, cohorts and enrollment, one module per subject; each defines ``urlpatterns``."""
