from django.contrib import admin

from notifications.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """For the people who run the service: what was sent, what waits and why. Read-only: the
    product queues e-mail, never this page."""

    list_display = ["subject", "to", "trust", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind", "trust"]
    list_select_related = ["trust"]
    search_fields = ["to", "subject", "key"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
