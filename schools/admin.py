from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from schools.models import Invitation, Membership, Person, School, SchoolCategory, Trust


@admin.register(Trust)
class TrustAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "slug", "term_scheme", "year_start_month"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(SchoolCategory)
class SchoolCategoryAdmin(SimpleHistoryAdmin):
    search_fields = ["name"]
    list_display = ["trust", "number", "name", "review_cadence"]
    list_filter = ["trust", "review_cadence"]


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "trust", "kind", "age_range", "pan", "status", "category"]
    list_filter = ["trust", "kind", "status", "category__number"]
    search_fields = ["name", "code"]
    list_select_related = ["trust", "category"]
    autocomplete_fields = ["category"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "initials", "trust", "job_title", "school", "user"]
    list_filter = ["trust", "school"]
    search_fields = ["full_name", "initials", "email", "job_title"]
    list_select_related = ["trust", "school", "user"]
    raw_id_fields = ["user", "school"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "trust", "role", "person", "is_active"]
    list_filter = ["trust", "role", "is_active"]
    search_fields = ["user__email", "person__full_name", "person__initials"]
    list_select_related = ["user", "trust", "person"]
    raw_id_fields = ["user", "person"]


@admin.register(Invitation)
class InvitationAdmin(SimpleHistoryAdmin):
    list_display = ["email", "trust", "role", "person", "created_at", "expires_at", "accepted_at"]
    list_filter = ["trust", "role"]
    search_fields = ["email", "person__full_name", "person__initials"]
    list_select_related = ["trust", "person"]
    raw_id_fields = ["person", "invited_by", "accepted_by", "revoked_by"]
    # The token exists only in the e-mail; its hash is of no use to anyone reading this.
    exclude = ["token_hash"]
    readonly_fields = ["sent_at", "send_count", "accepted_at", "accepted_by", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        # Invitations are sent from the trust's set-up pages, which mail the only copy of the
        # token; one made here would have no link.
        return False
