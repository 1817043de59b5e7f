"""A KPI's period: an academic year (an annual plan of the trust) or one of its terms.

Periods come only from the trust's own annual plans and terms, so a value for a year the trust
has no plan for cannot be entered.
"""

from __future__ import annotations

from dataclasses import dataclass

from plans.models import AnnualPlan, Term
from schools.models import Trust

# A year sorts after its own terms: "as at the year" includes every term of it.
YEAR_POSITION = 10_000


@dataclass(frozen=True)
class Period:
    annual_plan: AnnualPlan
    term: Term | None = None

    @property
    def is_year(self) -> bool:
        return self.term is None

    @property
    def key(self) -> str:
        """A stable form value: "y<annual plan id>" or "t<term id>"."""
        return f"t{self.term.pk}" if self.term else f"y{self.annual_plan.pk}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (
            self.annual_plan.academic_year,
            self.term.number if self.term else YEAR_POSITION,
        )

    @property
    def label(self) -> str:
        """ "Autumn 2019-20" or "2019-20"."""
        year = self.annual_plan.year_label
        return f"{self.term.name} {year}" if self.term else year

    @property
    def short_label(self) -> str:
        return self.term.name if self.term else self.annual_plan.year_label

    def includes(self, other: Period) -> bool:
        """Whether a value for `other` counts "as at" this period.

        A term's value counts from its term on. A year's value (a yearly measure's) counts in
        every term of its year: the pack of Autumn 2019-20 shows the 2019-20 figure, since a
        yearly measure has no other figure for that year.
        """
        if other.is_year:
            return other.annual_plan.academic_year <= self.annual_plan.academic_year
        return other.sort_key <= self.sort_key

    def __str__(self) -> str:
        return self.label


@dataclass
class Periods:
    """Every period of the trust's plans, found by key, by ids, or by label."""

    years: list[Period]
    terms: list[Period]

    def __post_init__(self) -> None:
        self._by_key = {p.key: p for p in [*self.years, *self.terms]}
        self._by_ids = {(p.annual_plan.pk, p.term.pk if p.term else None): p for p in self.all}

    @property
    def all(self) -> list[Period]:
        return sorted([*self.years, *self.terms], key=lambda p: p.sort_key)

    def for_frequency(self, termly: bool) -> list[Period]:
        return sorted(self.terms if termly else self.years, key=lambda p: p.sort_key)

    def by_key(self, key: str) -> Period | None:
        return self._by_key.get(key)

    def of(self, annual_plan_id: int, term_id: int | None) -> Period | None:
        return self._by_ids.get((annual_plan_id, term_id))

    def year_of(self, annual_plan_id: int) -> Period | None:
        return self._by_ids.get((annual_plan_id, None))

    def by_label(self, text: str) -> Period | None:
        """ "Autumn 2019-20", "2019-20 Autumn" or "2019-20", in any case and spacing."""
        wanted = " ".join(text.split()).lower()
        for period in self.all:
            if wanted == period.label.lower():
                return period
            if (
                period.term
                and wanted == f"{period.annual_plan.year_label} {period.term.name}".lower()
            ):
                return period
        return None

    @property
    def year_labels(self) -> list[str]:
        return [p.label for p in sorted(self.years, key=lambda p: p.sort_key)]


def trust_periods(trust: Trust) -> Periods:
    """The trust's years and terms, in two queries."""
    plans = {p.pk: p for p in AnnualPlan.objects.for_trust(trust).order_by("academic_year")}
    terms = Term.objects.for_trust(trust).filter(annual_plan_id__in=plans).order_by("number")
    term_periods = []
    for term in terms:
        term.annual_plan = plans[term.annual_plan_id]
        term_periods.append(Period(plans[term.annual_plan_id], term))
    return Periods(years=[Period(plan) for plan in plans.values()], terms=term_periods)
