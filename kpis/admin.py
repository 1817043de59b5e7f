from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kpis.models import JudgementLevel, Kpi, KpiSchool, Measurement, Target


class JudgementLevelInline(admin.TabularInline):
    model = JudgementLevel
    extra = 0


class KpiSchoolInline(admin.TabularInline):
    model = KpiSchool
    raw_id_fields = ["school"]
    extra = 0


@admin.register(Kpi)
class KpiAdmin(SimpleHistoryAdmin):
    list_display = [
        "name",
        "trust",
        "kind",
        "unit",
        "direction",
        "scope",
        "frequency",
        "comparator_kind",
    ]
    list_filter = ["trust", "kind", "scope", "frequency", "unit"]
    search_fields = ["name", "description"]
    list_select_related = ["trust"]
    raw_id_fields = ["objective"]
    inlines = [KpiSchoolInline, JudgementLevelInline]


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = [
        "kpi", "academic_year", "school", "kind", "value", "state", "level", "set_by", "set_at"
    ]  # fmt: skip
    list_filter = ["trust", "kind", "measure_kind"]
    list_select_related = ["kpi", "school", "level", "set_by"]
    raw_id_fields = ["kpi", "school", "level", "set_by"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = [
        "kpi",
        "annual_plan",
        "term",
        "school",
        "value",
        "comparator_value",
        "state",
        "level",
        "entered_by",
        "entered_at",
    ]
    list_filter = ["trust", "annual_plan"]
    search_fields = ["kpi__name", "source_note"]
    list_select_related = ["kpi", "annual_plan", "term", "school", "entered_by"]
    raw_id_fields = ["kpi", "annual_plan", "term", "school", "level", "entered_by"]
