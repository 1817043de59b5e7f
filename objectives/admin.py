from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from objectives.models import ObjectiveLead, ObjectiveStage, StrategicObjective, StrategicPlan


class ObjectiveInline(admin.TabularInline):
    model = StrategicObjective
    fields = ["number", "short_name", "statement"]
    extra = 0
    show_change_link = True


@admin.register(StrategicPlan)
class StrategicPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "trust", "span_label", "status", "approved_on"]
    list_filter = ["trust", "status"]
    search_fields = ["title"]
    inlines = [ObjectiveInline]


class LeadInline(admin.TabularInline):
    model = ObjectiveLead
    raw_id_fields = ["person"]
    extra = 0


class StageInline(admin.TabularInline):
    model = ObjectiveStage
    extra = 0


@admin.register(StrategicObjective)
class StrategicObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["number", "short_name", "plan", "trust"]
    list_filter = ["trust", "plan"]
    search_fields = ["short_name", "statement"]
    list_select_related = ["plan", "trust"]
    inlines = [LeadInline, StageInline]
