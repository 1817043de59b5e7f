from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from governance.models import (
    AgendaItem,
    Appointment,
    Body,
    BodySchool,
    CalendarToken,
    Decision,
    Meeting,
    MeetingPaper,
    PackRead,
    Question,
    SchoolReview,
)


class BodySchoolInline(admin.TabularInline):
    model = BodySchool
    raw_id_fields = ["school"]
    extra = 0


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "meetings_per_year", "trust"]
    list_filter = ["trust", "kind"]
    search_fields = ["name"]
    inlines = [BodySchoolInline]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["person", "role", "body", "starts_on", "ends_on", "trust"]
    list_filter = ["trust", "role", "body__kind"]
    list_select_related = ["person", "body", "trust"]
    raw_id_fields = ["body", "person", "link_school"]
    search_fields = ["person__full_name", "body__name"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "title"]
    extra = 0


class PaperInline(admin.TabularInline):
    model = MeetingPaper
    fields = ["title", "kind", "bytes", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["body", "starts_at", "location", "is_online", "trust"]
    list_filter = ["trust", "body__kind"]
    list_select_related = ["body", "trust"]
    raw_id_fields = ["body"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline, PaperInline]


@admin.register(MeetingPaper)
class MeetingPaperAdmin(SimpleHistoryAdmin):
    # Files are uploaded and served through the trust's pages, which check type and access.
    list_display = ["title", "meeting", "kind", "bytes", "uploaded_at", "trust"]
    list_filter = ["trust", "kind"]
    readonly_fields = ["file_name", "bytes", "checksum", "kind", "original_name"]
    raw_id_fields = ["meeting", "uploaded_by"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "kind", "meeting", "recorded_at", "trust"]
    list_filter = ["trust", "kind"]
    raw_id_fields = ["meeting", "annual_plan", "term", "recorded_by"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["text", "raised_by", "raised_at", "answered_at", "include_in_pack", "trust"]
    list_filter = ["trust", "include_in_pack"]
    raw_id_fields = ["action", "objective", "meeting", "raised_by", "answered_by"]
    search_fields = ["text", "answer"]


@admin.register(SchoolReview)
class SchoolReviewAdmin(SimpleHistoryAdmin):
    list_display = ["school", "reviewed_on", "trust"]
    list_filter = ["trust"]
    raw_id_fields = ["school", "recorded_by"]


@admin.register(PackRead)
class PackReadAdmin(admin.ModelAdmin):
    list_display = ["pack", "user", "read_at", "trust"]
    list_filter = ["trust"]
    raw_id_fields = ["pack", "user"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    # Only a digest is stored; the admin can see whether a link is live and revoke it.
    list_display = ["user", "created_at", "revoked_at", "trust"]
    list_filter = ["trust"]
    readonly_fields = ["digest", "created_at"]
    raw_id_fields = ["user"]
