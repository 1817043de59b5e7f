"""Two trusts, each with a person for every role and a small plan with ratings.

Every test that needs "my trust" also has "the other trust" at hand, so isolation is always
one line away.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field

from schools.models import Role
from tests import factories as f


@dataclass
class TrustWorld:
    trust: object
    users: dict = field(default_factory=dict)  # role -> user
    people: dict = field(default_factory=dict)  # role -> person
    schools: list = field(default_factory=list)
    category: object = None
    strategic_plan: object = None
    objectives: list = field(default_factory=list)
    annual_plan: object = None
    terms: list = field(default_factory=list)
    key_focus: object = None
    actions: list = field(default_factory=list)
    ratings: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)  # objects the other apps add (KPIs, meetings …)

    @property
    def lead_action(self):
        """An action the school lead owns, of the lead's (and the governor's) school."""
        return self.actions[0]

    @property
    def school_action(self):
        """An action of the school lead's school that the lead does not own."""
        return self.actions[1]

    @property
    def other_action(self):
        """An action the school lead may not change."""
        return self.actions[2]


# Apps whose tests add objects to the world: tests/<app>/world.py defines extend(world), and may
# define OBJECT_IDS / OUT_OF_SCOPE_IDS for their URL keywords (see tests/urlwalk.py).
EXTENDING_APPS = [
    "schools", "objectives", "plans", "kpis", "governance", "boardpacks", "onboarding", "trustdata",
]  # fmt: skip


def extensions():
    for app in EXTENDING_APPS:
        try:
            yield importlib.import_module(f"tests.{app}.world")
        except ModuleNotFoundError as exc:
            if exc.name not in {f"tests.{app}", f"tests.{app}.world"}:
                raise


def build_trust(slug: str) -> TrustWorld:
    from plans.services import action_owners_set
    from schools.models import SchoolCategory

    trust = f.TrustFactory(slug=slug, name=f"{slug.title()} Learning Trust", short_name=slug[:6])
    world = TrustWorld(trust=trust)
    world.category = SchoolCategory.objects.create(
        trust=trust, number=2, name="Secure", review_cadence="termly"
    )
    world.schools = [
        f.SchoolFactory(trust=trust, name=f"{slug.title()} Primary", code=f"{slug[:2]}P"),
        f.SchoolFactory(
            trust=trust,
            name=f"{slug.title()} Secondary",
            code=f"{slug[:2]}S",
            kind="secondary",
            category=world.category,
        ),
    ]
    for index, role in enumerate(Role.values):
        user = f.UserFactory(email=f"{role}@{slug}.test", full_name=f"{role.title()} {slug}")
        school = world.schools[0] if role in {Role.SCHOOL_LEAD, Role.GOVERNOR} else None
        person = f.PersonFactory(
            trust=trust,
            full_name=user.full_name,
            initials=f"{slug[0]}{chr(65 + index)}".upper(),
            school=school,
            user=user,
        )
        f.MembershipFactory(trust=trust, user=user, role=role, person=person)
        world.users[role] = user
        world.people[role] = person

    world.strategic_plan = f.StrategicPlanFactory(trust=trust)
    world.objectives = [
        f.ObjectiveFactory(trust=trust, plan=world.strategic_plan, number=n, short_name=name)
        for n, name in [(1, "Vision"), (2, "Capacity")]
    ]
    world.annual_plan = f.AnnualPlanFactory(
        trust=trust, strategic_plan=world.strategic_plan, academic_year=2019
    )
    world.terms = [
        f.TermFactory(trust=trust, annual_plan=world.annual_plan, number=1, name="Autumn"),
        f.TermFactory(
            trust=trust,
            annual_plan=world.annual_plan,
            number=2,
            name="Spring",
            starts_on=datetime.date(2020, 1, 6),
            ends_on=datetime.date(2020, 4, 3),
            rating_deadline=datetime.date(2020, 3, 27),
        ),
    ]
    world.key_focus = f.KeyFocusFactory(
        trust=trust, annual_plan=world.annual_plan, objective=world.objectives[0], number=1
    )
    lead = world.people[Role.SCHOOL_LEAD]
    ceo = world.people[Role.CEO]
    specs = [
        (world.objectives[0], "1", world.schools[0], [lead]),
        (world.objectives[0], "2", world.schools[0], [ceo]),
        (world.objectives[1], "1", world.schools[1], [ceo]),
    ]
    for objective, reference, school, owners in specs:
        action = f.ActionFactory(
            trust=trust,
            annual_plan=world.annual_plan,
            objective=objective,
            reference=reference,
            school=school,
            key_focus=world.key_focus if objective == world.objectives[0] else None,
            text=f"{slug} action {objective.number}.{reference}",
        )
        action_owners_set(action=action, people=owners, acting_user=None)
        world.actions.append(action)
    world.ratings = [
        f.RatingFactory(trust=trust, action=action, term=world.terms[0], status=status)
        for action, status in zip(world.actions, ["green", "amber", "red"], strict=True)
    ]
    for extension in extensions():
        extension.extend(world)
    # A test's transaction never commits, so the grants its saves asked for after commit
    # (plans/grants.py) are derived here, as the commit would.
    from plans.grants import action_grants_sync

    action_grants_sync(trust=trust)
    return world
