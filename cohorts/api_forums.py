"""/api/v1/topics/, /api/v1/threads/ and /api/v1/reports/: a cohort's forum for its members.

Same rules as the pages: a cohort's staff, registrars and its students (active or completed) read;
anyone else gets 404. A question-and-answer topic keeps others' replies from a student until they
post; a hidden post shows its place without its text to students.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from cohorts import forum_moderation, forum_reading, forums
from cohorts.models import ForumPost, ForumReport, ForumThread, ForumTopic
from lms.permissions import api_membership
from lms.selectors import object_id


def _absolute(context: dict, path: str) -> str:
    """The page's full address when the serializer knows the request (as support requests' ``url``)."""
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class TopicOut(serializers.ModelSerializer):
    cohort = serializers.IntegerField(source="cohort_id", read_only=True)
    module = serializers.IntegerField(source="module_id", read_only=True, allow_null=True)
    question_and_answer = serializers.BooleanField(source="answers_first", read_only=True)
    thread_count = serializers.IntegerField(read_only=True, default=None)
    unread = serializers.IntegerField(read_only=True, default=None)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ForumTopic
        fields = ["id", "cohort", "kind", "module", "title", "description", "question_and_answer", "position",
                  "thread_count", "unread", "url"]

    def get_url(self, topic: ForumTopic) -> str:
        return _absolute(self.context, reverse("cohorts:forum_topic", args=[topic.pk]))


class ThreadOut(serializers.ModelSerializer):
    topic = serializers.IntegerField(source="topic_id", read_only=True)
    author = serializers.SerializerMethodField()
    unread = serializers.IntegerField(read_only=True, default=None)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ForumThread
        fields = ["id", "topic", "title", "author", "pinned", "locked", "post_count", "last_post_at", "created_at",
                  "unread", "url"]

    def get_author(self, thread: ForumThread) -> str | None:
        return thread.author.display_name if thread.author else None

    def get_url(self, thread: ForumThread) -> str:
        return _absolute(self.context, forums.thread_url(thread))


class ThreadIn(serializers.Serializer):
    topic = serializers.IntegerField()
    title = serializers.CharField(max_length=forums.TITLE_MAX)
    body = serializers.CharField(max_length=forums.BODY_MAX)


class ThreadChange(serializers.Serializer):
    pinned = serializers.BooleanField(required=False)
    locked = serializers.BooleanField(required=False)


class PostOut(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    parent = serializers.IntegerField(source="parent_id", read_only=True, allow_null=True)
    quoted = serializers.IntegerField(source="quoted_id", read_only=True, allow_null=True)
    body = serializers.SerializerMethodField()
    body_html = serializers.SerializerMethodField()
    hidden = serializers.SerializerMethodField()
    endorsed = serializers.SerializerMethodField()

    class Meta:
        model = ForumPost
        fields = ["id", "author", "parent", "quoted", "body", "body_html", "created_at", "edited_at", "hidden", "endorsed"]

    def _shown(self, post: ForumPost) -> bool:
        return post.hidden_at is None or self.context.get("staff", False)

    def get_author(self, post: ForumPost) -> str | None:
        return post.author.display_name if post.author else None

    def get_body(self, post: ForumPost) -> str | None:
        return post.body if self._shown(post) else None

    def get_body_html(self, post: ForumPost) -> str | None:
        return post.body_html if self._shown(post) else None

    def get_hidden(self, post: ForumPost) -> bool:
        return post.hidden_at is not None

    def get_endorsed(self, post: ForumPost) -> bool:
        return post.endorsed_at is not None


class PostEdit(serializers.Serializer):
    body = serializers.CharField(max_length=forums.BODY_MAX)


class ModerateIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["hide", "restore", "endorse", "unendorse"])


class RevisionOut(serializers.Serializer):
    body = serializers.CharField()
    edited_at = serializers.DateTimeField()
    edited_by = serializers.SerializerMethodField()

    def get_edited_by(self, revision) -> str | None:
        return revision.edited_by.display_name if revision.edited_by else None


class TopicIn(serializers.Serializer):
    cohort = serializers.IntegerField()
    title = serializers.CharField(max_length=forums.TITLE_MAX)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    question_and_answer = serializers.BooleanField(required=False, default=False)


class ReplyIn(serializers.Serializer):
    body = serializers.CharField(max_length=forums.BODY_MAX)
    reply_to = serializers.IntegerField(required=False, allow_null=True, help_text="A post of this thread to answer.")


class ReadStateOut(serializers.Serializer):
    read_until = serializers.DateTimeField(allow_null=True)
    unread = serializers.IntegerField()


class SubscriptionIO(serializers.Serializer):
    following = serializers.BooleanField()


class ReportOut(serializers.ModelSerializer):
    post = serializers.IntegerField(source="post_id", read_only=True)
    thread = serializers.IntegerField(source="post.thread_id", read_only=True)
    reporter = serializers.SerializerMethodField()

    class Meta:
        model = ForumReport
        fields = ["id", "post", "thread", "reporter", "reason", "created_at", "resolved_at", "outcome"]

    def get_reporter(self, report: ForumReport) -> str:
        return report.reporter.display_name


class ReportIn(serializers.Serializer):
    post = serializers.IntegerField()
    reason = serializers.CharField(max_length=forum_moderation.REASON_MAX)


class ResolveIn(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=ForumReport.Outcome.choices)


@extend_schema_view(
    list=extend_schema(summary="A cohort's forum topics, with thread and unread counts",
                       parameters=[OpenApiParameter("cohort", int, required=True, description="The cohort's id")]),
    retrieve=extend_schema(summary="One topic"),
    create=extend_schema(request=TopicIn, responses=TopicOut, summary="Add a topic to a cohort's forum (its staff)"),
)
class TopicViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TopicOut
    queryset = ForumTopic.objects.none()
    lookup_url_kwarg = "topic_id"
    lookup_value_regex = "[0-9]+"
    pagination_class = None  # a cohort has a handful of topics

    def list(self, request: Request) -> Response:
        if not request.query_params.get("cohort"):
            raise exceptions.ValidationError({"cohort": ["Give the cohort's id: ?cohort=<id>."]})
        membership = api_membership(request)
        cohort = forums.cohort_get_for(membership=membership, cohort_id=request.query_params["cohort"])
        forums.topics_ensure(cohort=cohort)
        topics = forum_reading.topics_with_counts(cohort=cohort, user_id=membership.user_id,
                                           sees_all=forums.is_forum_staff(membership, cohort))
        return Response(TopicOut(topics, many=True, context={"request": request}).data)

    def get_object(self) -> ForumTopic:
        return forums.topic_get_for(membership=api_membership(self.request), topic_id=self.kwargs["topic_id"])

    def create(self, request: Request) -> Response:
        payload = TopicIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        membership = api_membership(request)
        cohort = forums.cohort_get_for(membership=membership, cohort_id=data["cohort"])
        if not forums.is_forum_staff(membership, cohort):
            raise exceptions.PermissionDenied("Only the cohort's staff add topics.")
        topic = forums.topic_add(membership=membership, cohort=cohort, title=data["title"],
                                 description=data["description"], answers_first=data["question_and_answer"])
        return Response(TopicOut(topic, context={"request": request}).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="A topic's threads, pinned first then by latest post, with unread counts",
                       parameters=[OpenApiParameter("topic", int, required=True, description="The topic's id")]),
    retrieve=extend_schema(summary="One thread"),
    create=extend_schema(request=ThreadIn, responses=ThreadOut, summary="Start a thread in a topic"),
    partial_update=extend_schema(request=ThreadChange, responses=ThreadOut, summary="Pin or lock a thread (staff)"),
)
class ThreadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ThreadOut
    queryset = ForumThread.objects.none()
    lookup_url_kwarg = "thread_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ForumThread]:
        if not self.request.query_params.get("topic"):
            raise exceptions.ValidationError({"topic": ["Give the topic's id: ?topic=<id>."]})
        membership = api_membership(self.request)
        topic = forums.topic_get_for(membership=membership, topic_id=self.request.query_params["topic"])
        return forum_reading.threads_for_topic(topic=topic, user_id=membership.user_id,
                                        sees_all=forums.is_forum_staff(membership, topic.cohort))

    def get_object(self) -> ForumThread:
        return forums.thread_get_for(membership=api_membership(self.request), thread_id=self.kwargs["thread_id"])

    def create(self, request: Request) -> Response:
        payload = ThreadIn(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        membership = api_membership(request)
        topic = forums.topic_get_for(membership=membership, topic_id=object_id(data["topic"]))
        if not forums.can_write(membership, topic.cohort):
            raise exceptions.PermissionDenied("You can read this forum but not post in it.")
        thread = forums.thread_start(membership=membership, topic=topic, title=data["title"], body=data["body"])
        return Response(ThreadOut(thread, context={"request": request}).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, thread_id: str) -> Response:
        thread = self.get_object()
        membership = api_membership(request)
        if not forums.is_forum_staff(membership, thread.topic.cohort):
            raise exceptions.PermissionDenied("Only the cohort's staff pin and lock threads.")
        payload = ThreadChange(data=request.data)
        payload.is_valid(raise_exception=True)
        changed = forum_moderation.thread_set(membership=membership, thread=thread, **payload.validated_data)
        return Response(ThreadOut(changed, context={"request": request}).data)

    @extend_schema(methods=["GET"], responses=PostOut(many=True),
                   summary="The thread's posts in reading order (a student in a question-and-answer topic sees "
                           "others' replies after posting)")
    @extend_schema(methods=["POST"], request=ReplyIn, responses=PostOut, summary="Reply to the thread or to one of its posts")
    @action(detail=True, methods=["get", "post"])
    def posts(self, request: Request, thread_id: str) -> Response:
        thread = self.get_object()
        membership = api_membership(request)
        cohort = thread.topic.cohort
        staff = forums.is_forum_staff(membership, cohort)
        if request.method == "POST":
            payload = ReplyIn(data=request.data)
            payload.is_valid(raise_exception=True)
            reply_to = None
            if payload.validated_data.get("reply_to"):
                reply_to = forums.post_get_for(membership=membership, post_id=payload.validated_data["reply_to"])
                if reply_to.thread_id != thread.pk:
                    raise exceptions.NotFound("No such post in this thread.")
            post = forums.post_reply(membership=membership, thread=thread, body=payload.validated_data["body"],
                                     reply_to=reply_to)
            return Response(PostOut(post, context={"staff": staff}).data, status=status.HTTP_201_CREATED)
        posts = ForumPost.objects.filter(thread=thread).select_related("author").order_by("created_at", "id")
        if not forums.sees_others_replies(membership=membership, thread=thread):
            opening = posts.values_list("pk", flat=True).first()
            posts = posts.filter(pk=opening) | posts.filter(author_id=membership.user_id)
        page = self.paginate_queryset(posts)
        return self.get_paginated_response(PostOut(page, many=True, context={"staff": staff}).data)

    @extend_schema(methods=["GET"], responses=ReadStateOut, summary="How far you have read the thread")
    @extend_schema(methods=["POST"], request=None, responses=ReadStateOut, summary="Mark the thread read up to now")
    @action(detail=True, methods=["get", "post"])
    def read(self, request: Request, thread_id: str) -> Response:
        thread = self.get_object()
        user_id = api_membership(request).user_id
        if request.method == "POST":
            forums.mark_read(user_id=user_id, thread=thread)
        sees_all = forums.is_forum_staff(api_membership(request), thread.topic.cohort)
        row = forum_reading.with_unread(ForumThread.objects.filter(pk=thread.pk), user_id=user_id, sees_all=sees_all).values(
            "read_until", "unread")[0]
        return Response(ReadStateOut(row).data)

    @extend_schema(methods=["GET"], responses=SubscriptionIO, summary="Whether you follow the thread")
    @extend_schema(methods=["PUT"], request=SubscriptionIO, responses=SubscriptionIO,
                   summary="Follow or unfollow the thread (notices of new posts)")
    @action(detail=True, methods=["get", "put"])
    def subscription(self, request: Request, thread_id: str) -> Response:
        thread = self.get_object()
        if request.method == "PUT":
            payload = SubscriptionIO(data=request.data)
            payload.is_valid(raise_exception=True)
            forums.follow(membership=api_membership(request), thread=thread, following=payload.validated_data["following"])
        return Response({"following": forums.is_following(user_id=request.user.pk, thread=thread)})


MODERATE = {
    "hide": lambda m, post: forum_moderation.post_hide(membership=m, post=post),
    "restore": lambda m, post: forum_moderation.post_restore(membership=m, post=post),
    "endorse": lambda m, post: forum_moderation.post_endorse(membership=m, post=post),
    "unendorse": lambda m, post: forum_moderation.post_endorse(membership=m, post=post, endorsed=False),
}


@extend_schema_view(
    retrieve=extend_schema(summary="One post (a hidden one without its text, to students)"),
    partial_update=extend_schema(request=PostEdit, responses=PostOut,
                                 summary="Edit a post (its author while the thread is open, or staff); the old text is kept"),
)
class PostViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PostOut
    queryset = ForumPost.objects.none()
    lookup_url_kwarg = "post_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_object(self) -> ForumPost:
        return forums.post_get_for(membership=api_membership(self.request), post_id=self.kwargs["post_id"])

    def _out(self, post: ForumPost) -> Response:
        staff = forums.is_forum_staff(api_membership(self.request), post.thread.topic.cohort)
        return Response(PostOut(post, context={"staff": staff}).data)

    def retrieve(self, request: Request, post_id: str) -> Response:
        return self._out(self.get_object())

    def partial_update(self, request: Request, post_id: str) -> Response:
        post = self.get_object()
        membership = api_membership(request)
        if not forums.can_edit(membership, post):
            raise exceptions.PermissionDenied("Only its author (while the thread is open) or the cohort's staff edit a post.")
        payload = PostEdit(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._out(forums.post_edit(membership=membership, post=post, body=payload.validated_data["body"]))

    @extend_schema(request=ModerateIn, responses=PostOut, summary="Hide, restore, endorse or unendorse a post (staff)")
    @action(detail=True, methods=["post"])
    def moderate(self, request: Request, post_id: str) -> Response:
        post = self.get_object()
        membership = api_membership(request)
        if not forums.is_forum_staff(membership, post.thread.topic.cohort):
            raise exceptions.PermissionDenied("Only the cohort's staff moderate its forum.")
        payload = ModerateIn(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._out(MODERATE[payload.validated_data["action"]](membership, post))

    @extend_schema(responses=RevisionOut(many=True), summary="What the post said before each edit, newest first (staff)")
    @action(detail=True, methods=["get"])
    def history(self, request: Request, post_id: str) -> Response:
        post = self.get_object()
        if not forums.is_forum_staff(api_membership(request), post.thread.topic.cohort):
            raise exceptions.PermissionDenied("Only the cohort's staff read a post's history.")
        revisions = post.revisions.select_related("edited_by").order_by("-edited_at", "-id")
        return Response(RevisionOut(revisions, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Open reports in the forums you moderate, oldest first (staff)"),
    create=extend_schema(request=ReportIn, responses=ReportOut, summary="Report a post to the cohort's staff, with a reason"),
)
class ReportViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReportOut
    queryset = ForumReport.objects.none()
    lookup_url_kwarg = "report_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ForumReport]:
        membership = api_membership(self.request)
        if not forum_moderation.may_moderate(membership):
            raise exceptions.PermissionDenied("Only a cohort's staff and the school's registrars see reports.")
        return forum_moderation.moderation_queue(membership)

    def create(self, request: Request) -> Response:
        payload = ReportIn(data=request.data)
        payload.is_valid(raise_exception=True)
        membership = api_membership(request)
        post = forums.post_get_for(membership=membership, post_id=object_id(payload.validated_data["post"]))
        report = forum_moderation.post_report(membership=membership, post=post, reason=payload.validated_data["reason"])
        return Response(ReportOut(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResolveIn, responses=ReportOut, summary="Hide the reported post or dismiss the report (staff)")
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, report_id: str) -> Response:
        membership = api_membership(request)
        report = forum_moderation.report_get_for(membership=membership, report_id=report_id)
        payload = ResolveIn(data=request.data)
        payload.is_valid(raise_exception=True)
        return Response(ReportOut(forum_moderation.report_resolve(membership=membership, report=report,
                                                        outcome=payload.validated_data["outcome"])).data)
