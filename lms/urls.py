from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from assessments import api_attempts as assessments_api_attempts
from assessments import api_authoring as assessments_api
from codesets import api as codes_api
from codesets import api_index as codes_index_api
from cohorts import api as cohorts_api
from cohorts import api_announcements as cohorts_api_announcements
from cohorts import api_calendar as cohorts_api_calendar
from cohorts import api_forums as cohorts_api_forums
from cohorts import api_imports as cohorts_api_imports
from cohorts import api_live_sessions as cohorts_api_live_sessions
from cohorts import api_support as cohorts_api_support
from courses import api as courses_api
from courses import api_content as content_api
from lms import api, api_docs, views
from lms.notifications import api as notification_api
from lms.notifications import views as notification_views

router = SimpleRouter(trailing_slash=True)
router.register("members", api.MemberViewSet, basename="member")
router.register("invitations", api.InvitationViewSet, basename="invitation")
router.register("audit-log", api.AuditLogViewSet, basename="audit-log")
router.register("programs", courses_api.ProgramViewSet, basename="program")
router.register("courses", courses_api.CourseViewSet, basename="course")
router.register("modules", content_api.ModuleViewSet, basename="module")
router.register("lessons", content_api.LessonViewSet, basename="lesson")
router.register("terms", cohorts_api.TermViewSet, basename="term")
router.register("cohorts", cohorts_api.CohortViewSet, basename="cohort")
router.register("enrollments", cohorts_api.EnrollmentViewSet, basename="enrollment")
router.register("enrollment-imports", cohorts_api_imports.EnrollmentImportViewSet, basename="enrollment-import")
router.register("notifications", notification_api.NotificationViewSet, basename="notification")
router.register("announcements", cohorts_api_announcements.AnnouncementViewSet, basename="announcement")
router.register("live-sessions", cohorts_api_live_sessions.LiveSessionViewSet, basename="live-session")
router.register("topics", cohorts_api_forums.TopicViewSet, basename="topic")
router.register("threads", cohorts_api_forums.ThreadViewSet, basename="thread")
router.register("posts", cohorts_api_forums.PostViewSet, basename="post")
router.register("reports", cohorts_api_forums.ReportViewSet, basename="report")
router.register("support-requests", cohorts_api_support.SupportRequestViewSet, basename="support-request")
router.register("question-banks", assessments_api.QuestionBankViewSet, basename="question-bank")
router.register("questions", assessments_api.QuestionViewSet, basename="question")
router.register("assessments", assessments_api.AssessmentViewSet, basename="assessment")
router.register("attempts", assessments_api_attempts.AttemptViewSet, basename="attempt")
router.register("accommodations", assessments_api_attempts.AccommodationViewSet, basename="accommodation")

lms_patterns = [
    path("", views.dashboard, name="dashboard"),
    path("members/", views.member_list, name="member_list"),
    path("members/invite/", views.member_invite, name="member_invite"),
    path("members/<int:membership_id>/", views.member_detail, name="member_detail"),
    path("invitations/<int:invitation_id>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("school/settings/", views.school_settings, name="school_settings"),
    path("school/audit-log/", views.audit_log, name="audit_log"),
    path("school/logo/", views.school_logo, name="school_logo"),
    path("profile/", views.profile, name="profile"),
    path("schools/", views.my_schools, name="my_schools"),
    path("schools/join/", views.join_school, name="join_school"),
    *notification_views.urlpatterns,
]

api_patterns = [
    path("me/", api.MeView.as_view(), name="api_me"),
    path("notification-preferences/", notification_api.NotificationPreferencesView.as_view(), name="notification-preferences"),
    path("codes/", codes_api.CodeSearchView.as_view(), name="code-list"),
    path("codes/check/", codes_api.CodeCheckView.as_view(), name="code-check"),
    path("codes/index/", codes_index_api.IndexSearchView.as_view(), name="code-index"),
    path("codes/index/<int:main_term_id>/", codes_index_api.IndexTermView.as_view(), name="code-index-term"),
    path("codes/external-causes/", codes_index_api.ExternalCauseSearchView.as_view(), name="code-external-causes"),
    path("codes/tables/neoplasm/", codes_index_api.NeoplasmTableView.as_view(), name="code-table-neoplasm"),
    path("codes/tables/drugs/", codes_index_api.DrugTableView.as_view(), name="code-table-drugs"),
    path("codes/<str:system>/<str:code>/", codes_api.CodeDetailView.as_view(), name="code-detail"),
    path("courses/<int:course_id>/modules/", content_api.CourseModulesView.as_view(), name="course-modules"),
    path("grading/preview/", assessments_api.PreviewView.as_view(), name="grading-preview"),
    path("calendar/", cohorts_api_calendar.CalendarView.as_view(), name="calendar"),
    path("calendar/feed-url/", cohorts_api_calendar.CalendarFeedUrlView.as_view(), name="calendar-feed-url"),
    *router.urls,
]

urlpatterns = [
    path("", include((lms_patterns, "lms"))),
    path("codes/", include(("codesets.urls", "codes"))),
    path("", include(("courses.urls", "courses"))),
    path("", include(("cohorts.urls", "cohorts"))),
    path("", include(("assessments.urls", "assessments"))),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", include((api_patterns, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", api_docs.ApiDocsView.as_view(url_name="api_schema"), name="api_docs"),
    path("admin/", admin.site.urls),
]

handler404 = "lms.views_errors.not_found"
handler500 = "lms.views_errors.server_error"
