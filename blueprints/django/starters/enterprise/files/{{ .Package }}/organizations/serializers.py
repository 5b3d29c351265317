from django.contrib.auth import get_user_model
from rest_framework import serializers

from .models import Membership, Organization, Project

AUDIT_FIELDS = ["created_by", "created_at", "updated_by", "updated_at"]


class UserField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(slug_field="username", **kwargs)


class OrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization the request user belongs to: any other id "does not exist"."""

    def get_queryset(self):
        return Organization.objects.for_user(self.context["request"].user)


class OrganizationSerializer(serializers.ModelSerializer):
    my_role = serializers.CharField(read_only=True)
    created_by = UserField(read_only=True)
    updated_by = UserField(read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "slug", "my_role", *AUDIT_FIELDS]


class MembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationField()
    user = UserField(queryset=get_user_model().objects.all())
    created_by = UserField(read_only=True)
    updated_by = UserField(read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "organization", "user", "role", *AUDIT_FIELDS]

    def validate(self, attrs):
        if self.instance is not None:
            for field in ("organization", "user"):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise serializers.ValidationError(
                        {field: "A membership cannot move: delete it and add another."}
                    )
        return attrs


class ProjectSerializer(serializers.ModelSerializer):
    organization = OrganizationField()
    created_by = UserField(read_only=True)
    updated_by = UserField(read_only=True)

    class Meta:
        model = Project
        fields = ["id", "organization", "name", "description", "status", "due_date", *AUDIT_FIELDS]
