"""Platform operators create schools and their hosts here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from lms.models import AuditLogEntry, Domain, Invitation, Membership, Tenant, User


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 1


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "signup_policy", "time_zone", "is_active", "created_at"]
    list_filter = ["is_active", "signup_policy"]
    search_fields = ["name", "slug", "domains__host"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DomainInline]


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ["host", "tenant", "is_primary"]
    list_select_related = ["tenant"]
    search_fields = ["host", "tenant__name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "time_zone", "credentials"]}),
        ("Platform", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "tenant", "role", "is_active", "joined_at"]
    list_filter = ["role", "is_active", "tenant"]
    list_select_related = ["user", "tenant"]
    search_fields = ["user__email", "tenant__name"]
    raw_id_fields = ["user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "tenant", "role", "status", "created_at", "expires_at"]
    list_filter = ["status", "role", "tenant"]
    list_select_related = ["tenant"]
    search_fields = ["email"]
    readonly_fields = ["token", "sent_at", "accepted_at", "accepted_by"]


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "tenant", "actor", "action", "target_repr"]
    list_filter = ["action", "tenant"]
    list_select_related = ["tenant", "actor"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
