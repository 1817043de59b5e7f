from django.contrib import admin
from django.db.models import OuterRef, Prefetch, Subquery
from simple_history.admin import SimpleHistoryAdmin

from plans.models import (
    Action,
    ActionOwner,
    AnnualObjectiveLead,
    AnnualPlan,
    KeyFocus,
    Rag,
    RagRating,
    Term,
)
from plans.selectors import owner_initials


class TermInline(admin.TabularInline):
    model = Term
    fields = ["number", "name", "starts_on", "ends_on", "rating_deadline", "status"]
    extra = 0


class ObjectiveLeadInline(admin.TabularInline):
    model = AnnualObjectiveLead
    raw_id_fields = ["objective", "person"]
    extra = 0


@admin.register(AnnualPlan)
class AnnualPlanAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "trust", "strategic_plan", "title", "status", "approved_on"]
    list_filter = ["trust", "status"]
    list_select_related = ["trust", "strategic_plan"]
    inlines = [TermInline, ObjectiveLeadInline]


@admin.register(KeyFocus)
class KeyFocusAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "objective", "annual_plan", "evaluation"]
    list_filter = ["annual_plan__trust", "annual_plan", "evaluation"]
    search_fields = ["title"]
    list_select_related = ["objective", "annual_plan"]


class CurrentRatingFilter(admin.SimpleListFilter):
    title = "current rating"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [*Rag.choices, ("none", "Not rated")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(current_rating__isnull=True)
        if self.value():
            return queryset.filter(current_rating=self.value())
        return queryset


class OwnerInline(admin.TabularInline):
    model = ActionOwner
    raw_id_fields = ["person"]
    extra = 0


class RatingInline(admin.TabularInline):
    model = RagRating
    fields = ["term", "status", "commentary", "rated_by", "rated_at", "version"]
    readonly_fields = ["rated_by", "rated_at", "version"]
    extra = 0


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference_display",
        "objective",
        "short_text",
        "owners_display",
        "current_rating_display",
        "school",
        "annual_plan",
        "trust",
        "status",
    ]
    list_filter = [
        "trust",
        "annual_plan",
        "objective",
        "school",
        CurrentRatingFilter,
        "status",
    ]
    search_fields = ["text", "column_values__text", "reference", "owner_links__person__initials"]
    list_select_related = ["objective", "school", "annual_plan", "trust"]
    raw_id_fields = ["key_focus", "carried_from", "school"]
    inlines = [OwnerInline, RatingInline]

    def get_queryset(self, request):
        latest = RagRating.objects.filter(action=OuterRef("pk")).order_by("-term__number")
        return (
            super()
            .get_queryset(request)
            .annotate(current_rating=Subquery(latest.values("status")[:1]))
            .prefetch_related(
                Prefetch(
                    "owner_links",
                    ActionOwner.objects.select_related("person"),
                    to_attr="owner_list",
                )
            )
        )

    @admin.display(description="ref", ordering="reference")
    def reference_display(self, action):
        return action.full_reference

    @admin.display(description="action")
    def short_text(self, action):
        return action.text if len(action.text) <= 80 else action.text[:79] + "…"

    @admin.display(description="owners")
    def owners_display(self, action):
        return owner_initials(action) or "—"

    @admin.display(description="current rating", ordering="current_rating")
    def current_rating_display(self, action):
        return Rag(action.current_rating).label if action.current_rating else "Not rated"


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["name", "annual_plan", "starts_on", "ends_on", "rating_deadline", "status"]
    list_filter = ["annual_plan__trust", "status"]
    list_select_related = ["annual_plan"]


@admin.register(RagRating)
class RagRatingAdmin(SimpleHistoryAdmin):
    list_display = ["action", "term", "status", "rated_by", "rated_at", "version"]
    list_filter = ["trust", "term", "status"]
    search_fields = ["commentary", "action__text"]
    list_select_related = ["action__objective", "term__annual_plan", "rated_by"]
    raw_id_fields = ["action", "term", "rated_by", "proposed_by"]
