"""REST API of the platform core: who am I, and the school's members."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lms import selectors, services
from lms.models import AuditLogEntry, Invitation, Membership, Role, Tenant, User
from lms.permissions import IsRegistrar, IsTenantMember, api_membership
from lms.api_support import search_text


class UserOut(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "credentials", "time_zone"]


class TenantOut(serializers.ModelSerializer):
    class Meta:
        model = Tenant
        fields = ["slug", "name", "time_zone", "accent_colour", "signup_policy"]


# The schema of /api/v1/me/; MeView builds the same shape by hand (see there).
# (Comments, not docstrings: drf-spectacular would publish a docstring in the schema.)
class MeOut(serializers.Serializer):
    user = UserOut()
    tenant = TenantOut()
    role = serializers.ChoiceField(choices=Role.choices)


def _plain(value: object) -> object:
    # As a ChoiceField or CharField gives it: the plain value, never a choices enum member.
    return str(value) if isinstance(value, str) else value


# Scripts and the front end ask this on every load, so it skips building
# ModelSerializer fields (a quarter of its time): the dict below is MeOut's
# output field for field, and tests/lms/test_request_path.py holds them equal.
class MeView(APIView):
    permission_classes = [IsAuthenticated, IsTenantMember]

    @extend_schema(responses=MeOut, summary="The signed-in person, this school and their role in it")
    def get(self, request: Request) -> Response:
        user, tenant = request.user, request.tenant
        return Response(
            {
                "user": {name: _plain(getattr(user, name)) for name in UserOut.Meta.fields},
                "tenant": {name: _plain(getattr(tenant, name)) for name in TenantOut.Meta.fields},
                "role": _plain(api_membership(request).role),
            }
        )


class MemberOut(serializers.ModelSerializer):
    user = UserOut(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "user", "role", "is_active", "joined_at"]


class MemberUpdateIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    is_active = serializers.BooleanField(required=False)


class InviteIn(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)


class InvitationOut(serializers.ModelSerializer):
    invited_by = serializers.EmailField(source="invited_by.email", read_only=True, default=None)

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "status", "invited_by", "created_at", "expires_at", "sent_at", "accepted_at"]


@extend_schema_view(
    list=extend_schema(
        summary="The school's members",
        parameters=[
            OpenApiParameter("role", enum=Role.values),
            OpenApiParameter("q", description="Part of a name or email"),
            OpenApiParameter("status", enum=["active", "inactive"]),
            OpenApiParameter(
                "ordering",
                enum=selectors.member_orderings(),
                description="Sort key; a leading minus sorts the other way. By name (full name, else email) by default.",
            ),
        ],
    ),
    retrieve=extend_schema(summary="One member"),
    create=extend_schema(
        summary="Invite someone by email with a role",
        request=InviteIn,
        responses={201: InvitationOut},
        description="Creates a pending invitation and emails its link; the person joins when they accept.",
    ),
    partial_update=extend_schema(summary="Change a member's role or deactivate them", request=MemberUpdateIn),
)
class MemberViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticated, IsRegistrar]
    serializer_class = MemberOut
    lookup_url_kwarg = "membership_id"
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        params = self.request.query_params
        ordering = params.get("ordering", "")
        return selectors.member_list(
            tenant=self.request.tenant,
            role=params.get("role", "") if params.get("role", "") in Role.values else "",
            query=search_text(params.get("q", "")),
            status=params.get("status", ""),
            sort=ordering if ordering in selectors.member_orderings() else "name",
        )

    def get_object(self) -> Membership:
        return selectors.member_get(tenant=self.request.tenant, membership_id=self.kwargs["membership_id"])

    def create(self, request: Request) -> Response:
        payload = InviteIn(data=request.data)
        payload.is_valid(raise_exception=True)
        invitation = services.invitation_create(
            tenant=request.tenant,
            actor=request.user,
            email=payload.validated_data["email"],
            role=payload.validated_data["role"],
            base_url=request.build_absolute_uri("/"),
        )
        return Response(InvitationOut(invitation).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, membership_id: int) -> Response:
        member = self.get_object()
        payload = MemberUpdateIn(data=request.data)
        payload.is_valid(raise_exception=True)
        member = services.membership_update(
            tenant=request.tenant, actor=api_membership(request), membership=member, **payload.validated_data
        )
        return Response(MemberOut(member).data)


@extend_schema_view(
    list=extend_schema(summary="Invitations of the school", parameters=[OpenApiParameter("status", enum=Invitation.Status.values)]),
    retrieve=extend_schema(summary="One invitation"),
    destroy=extend_schema(summary="Revoke a pending invitation", responses={204: None}),
)
class InvitationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticated, IsRegistrar]
    serializer_class = InvitationOut
    lookup_url_kwarg = "invitation_id"
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        status_filter = self.request.query_params.get("status", "")
        if status_filter not in Invitation.Status.values:
            status_filter = ""
        return selectors.invitation_list(tenant=self.request.tenant, status=status_filter)

    def get_object(self) -> Invitation:
        return selectors.invitation_get(tenant=self.request.tenant, invitation_id=self.kwargs["invitation_id"])

    def destroy(self, request: Request, invitation_id: int) -> Response:
        services.invitation_revoke(tenant=request.tenant, actor=request.user, invitation=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class AuditLogOut(serializers.ModelSerializer):
    actor = serializers.EmailField(source="actor.email", read_only=True, default=None)

    class Meta:
        model = AuditLogEntry
        fields = ["id", "created_at", "actor", "action", "target_type", "target_id", "target_repr", "before", "after"]


@extend_schema_view(
    list=extend_schema(summary="The school's audit log, newest first", parameters=[OpenApiParameter("action")])
)
class AuditLogViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated, IsRegistrar]
    serializer_class = AuditLogOut

    def get_queryset(self):
        return selectors.audit_log_list(tenant=self.request.tenant, action=self.request.query_params.get("action", ""))
