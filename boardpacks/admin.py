from django.contrib import admin

from boardpacks.models import BoardPack


@admin.register(BoardPack)
class BoardPackAdmin(admin.ModelAdmin):
    """For the people who run the service: see what the workers did. Packs are requested and
    published in the product, never here, so every field is read-only."""

    list_display = [
        "__str__",
        "trust",
        "status",
        "progress",
        "attempts",
        "pages",
        "render_seconds",
        "requested_at",
        "published_at",
    ]
    list_filter = ["status", "trust"]
    list_select_related = ["trust", "term__annual_plan"]
    date_hierarchy = "requested_at"
    search_fields = ["checksum", "error"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
