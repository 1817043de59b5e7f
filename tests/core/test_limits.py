"""Fields with a maximum show what is left and never cut: no page carries `maxlength`."""

import re

from django import forms

from tests.urlwalk import trust_routes

FIELD = re.compile(r"<(?:input|textarea)\b[^>]*>")


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else None


def test_every_field_with_a_maximum_on_every_page_has_a_counter_and_no_maxlength(client, mine):
    limited = 0
    for role in ("ceo", "admin"):
        client.force_login(mine.users[role])
        for route in trust_routes():
            if "GET" not in route.view.http_methods:
                continue
            response = client.get(route.url(mine))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            body = response.content.decode()
            for tag in FIELD.findall(body):
                assert "maxlength" not in tag, f"{route.route}: {tag}"
                if attribute(tag, "data-limit") is None:
                    continue
                limited += 1
                field_id = attribute(tag, "id")
                assert f'id="{field_id}_limit"' in body, f"{route.route}: no counter for {tag}"
                described = (attribute(tag, "aria-describedby") or "").split()
                assert f"{field_id}_limit" in described, f"{route.route}: {tag}"
    assert limited > 50  # the rating grid's commentaries, the stages, names and titles …


class Note(forms.Form):
    note = forms.CharField(max_length=40, widget=forms.Textarea)


def test_a_line_break_counts_as_one_character_as_the_counter_counts_it():
    forty = "a" * 20 + "\r\n" + "b" * 19  # 40 characters once the break is one

    form = Note({"note": forty})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["note"] == "a" * 20 + "\n" + "b" * 19
    assert not Note({"note": forty + "c"}).is_valid()


def test_the_counter_names_the_limit_before_any_script_runs():
    html = str(Note()["note"]) + Note()["note"].limit_counter

    assert 'data-limit="40"' in html and "maxlength" not in html
    assert 'aria-describedby="id_note_limit"' in html
    assert '<p class="limit" id="id_note_limit">You can enter up to 40 characters.</p>' in html
