"""What forgets the cached host map and memberships: every save and delete of the rows they copy.

Writes that bypass save() (queryset ``update()``, bulk inserts) send no
signal. None of our code changes a school, a host, or a membership's role or
active flag that way: the one ``update()`` on memberships writes
``last_seen_at``, and lms/middleware.py drops the cached copy after it.
Whatever is missed still expires (MEMBERSHIP_CACHE_SECONDS, HOST_CACHE_MAX_AGE).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from lms.models import Domain, Membership, Tenant, User
from lms.permissions import memberships_changed
from lms.tenancy import hosts_changed


@receiver(post_save, sender=Tenant, dispatch_uid="lms.hosts_changed_on_tenant_save")
@receiver(post_delete, sender=Tenant, dispatch_uid="lms.hosts_changed_on_tenant_delete")
@receiver(post_save, sender=Domain, dispatch_uid="lms.hosts_changed_on_domain_save")
@receiver(post_delete, sender=Domain, dispatch_uid="lms.hosts_changed_on_domain_delete")
def forget_hosts(sender, **kwargs) -> None:
    hosts_changed()


@receiver(pre_save, sender=Membership, dispatch_uid="lms.membership_before_save")
def remember_membership_owner(sender, instance: Membership, update_fields=None, **kwargs) -> None:
    """A membership moved to another person or school (the admin allows it) is forgotten under its old key too."""
    if instance.pk is None or (update_fields is not None and not {"tenant", "user"} & set(update_fields)):
        return
    instance._owner_before_save = Membership.objects.filter(pk=instance.pk).values_list("tenant_id", "user_id").first()


@receiver(post_save, sender=Membership, dispatch_uid="lms.forget_membership_on_save")
def forget_membership_on_save(sender, instance: Membership, **kwargs) -> None:
    pairs = {(instance.tenant_id, instance.user_id)}
    before = instance.__dict__.pop("_owner_before_save", None)
    if before:
        pairs.add(before)
    memberships_changed(pairs)


@receiver(post_delete, sender=Membership, dispatch_uid="lms.forget_membership_on_delete")
def forget_membership_on_delete(sender, instance: Membership, **kwargs) -> None:
    memberships_changed([(instance.tenant_id, instance.user_id)])


@receiver(post_save, sender=User, dispatch_uid="lms.forget_memberships_on_user_save")
def forget_memberships_on_user_save(sender, instance: User, created: bool, update_fields=None, **kwargs) -> None:
    """membership_for checks the freshly loaded user's is_active itself; forgetting the rows too
    means no cached membership outlives a deactivation, whatever reads it."""
    if created or (update_fields is not None and "is_active" not in update_fields):
        return  # signing in saves last_login only; a profile edit saves its own fields
    tenant_ids = Membership.objects.filter(user_id=instance.pk).values_list("tenant_id", flat=True)
    memberships_changed((tenant_id, instance.pk) for tenant_id in tenant_ids)
