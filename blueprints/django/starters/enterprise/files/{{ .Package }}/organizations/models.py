from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery


class Role(models.TextChoices):
    """A member's role in an organization, from most to least powerful."""

    OWNER = "owner", "Owner"
    ADMIN = "admin", "Admin"
    MEMBER = "member", "Member"
    VIEWER = "viewer", "Viewer"


# What each role may do includes what the roles below it may do.
RANK = {Role.VIEWER: 0, Role.MEMBER: 1, Role.ADMIN: 2, Role.OWNER: 3}


class Audited(models.Model):
    """Who created a row and when, who changed it last and when.

    The API (api.py) and the admin (admin.py) fill created_by and updated_by from the signed-in
    user; code that saves outside a request calls stamp(user) first.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def stamp(self, user) -> None:
        """Record user as the author of this change (and of the row, if it is new)."""
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user):
        """The organizations user belongs to, each with user's role in it as my_role."""
        role = Membership.objects.filter(organization=OuterRef("pk"), user=user).values("role")
        return self.filter(memberships__user=user).annotate(my_role=Subquery(role[:1]))


class Organization(Audited):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("organization", "user"),
        related_name="organizations",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def role_of(self, user) -> str | None:
        """user's role here, or None for a stranger."""
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).values_list("role", flat=True).first()

    def grants(self, user, role: str) -> bool:
        """Whether user holds role here, or a more powerful one."""
        held = self.role_of(user)
        return held is not None and RANK[Role(held)] >= RANK[Role(role)]


class Membership(Audited):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organization__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()} of {self.organization})"


class ProjectQuerySet(models.QuerySet):
    def for_user(self, user):
        """The projects of the organizations user belongs to."""
        return self.filter(organization__memberships__user=user)


class Project(Audited):
    """The business record an organization owns: rename it, or copy it for contracts, cases..."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ACTIVE = "active", "Active"
        ON_HOLD = "on_hold", "On hold"
        DONE = "done", "Done"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="projects"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    due_date = models.DateField(null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self) -> str:
        return self.name
