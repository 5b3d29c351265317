"""Object-level permissions of the API: what a member may do depends on their role in the
organization that owns the object.

Which objects a user reaches at all is each viewset's get_queryset (their organizations' only, so
another organization's object is a 404); these classes decide what they may do to one.
"""

from rest_framework import permissions


def role_needed(view, method: str) -> str:
    """The role a request needs: the view's read_role, write_role or delete_role."""
    if method in permissions.SAFE_METHODS:
        return view.read_role
    if method == "DELETE":
        return view.delete_role
    return view.write_role


class HasOrganizationRole(permissions.BasePermission):
    """The request user's role in the object's organization reaches what the request needs."""

    message = "Your role in this organization does not allow this."

    def has_object_permission(self, request, view, obj) -> bool:
        return view.organization_of(obj).grants(request.user, role_needed(view, request.method))
