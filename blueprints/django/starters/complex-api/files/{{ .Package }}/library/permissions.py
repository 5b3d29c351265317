from rest_framework import permissions


class StaffWritesOthersRead(permissions.BasePermission):
    """Signed-in users read; only staff create, change and delete."""

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)


class CreatorOrStaffChanges(permissions.BasePermission):
    """Anyone signed in reads and adds; a book is changed or deleted by who added it, or staff."""

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return obj.created_by_id == request.user.id or request.user.is_staff
