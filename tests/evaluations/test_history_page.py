"""The note's history page: human labels, old → new values, pages, a filter by event."""

import re

from django.urls import reverse

from evaluations.services.audit import HISTORY_PAGE_SIZE, VIEWED, record_event
from tests.factories import make_evaluation


def history_url(evaluation, **params):
    url = reverse("evaluations:history", args=[evaluation.public_id])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_changes_show_the_field_label_and_old_and_new_values(client, alice, bob, patient):
    evaluation = make_evaluation(patient, alice)
    client.force_login(alice)
    section = reverse("evaluations:section", args=[evaluation.public_id, "history"])
    client.post(section, {"version": "0", "pain_now": "4"})
    client.post(section, {"version": "1", "pain_now": "7"})
    client.force_login(bob)
    page = client.get(history_url(evaluation)).content.decode()
    label = type(evaluation.history)._meta.get_field("pain_now").verbose_name
    assert f"{label[0].upper()}{label[1:]}</span>: 4 → 7" in page
    assert "pain_now" not in page


def test_a_long_history_is_paginated_and_filtered_by_event(client, alice, bob, patient):
    evaluation = make_evaluation(patient, alice)
    for _ in range(HISTORY_PAGE_SIZE + 5):
        record_event(evaluation=evaluation, actor=alice, event=VIEWED)
    client.force_login(bob)
    first = client.get(history_url(evaluation, event="viewed")).content.decode()
    assert first.count('data-testid="history-entry"') == HISTORY_PAGE_SIZE
    next_link = re.search(r'href="([^"]*page=2[^"]*)"', first).group(1).replace("&amp;", "&")
    assert "event=viewed" in next_link
    second = client.get(reverse("evaluations:history", args=[evaluation.public_id]) + next_link)
    assert second.content.decode().count('data-testid="history-entry"') == 5
    changed = client.get(history_url(evaluation, event="changed")).content.decode()
    assert "Viewed" not in re.sub(r"<select.*?</select>", "", changed, flags=re.S)


def test_a_new_draft_lists_no_empty_or_bookkeeping_fields(client, alice, bob, patient):
    evaluation = make_evaluation(patient, alice)
    client.force_login(bob)
    page = client.get(history_url(evaluation)).content.decode()
    assert "— → —" not in page
    assert "Version</span>" not in page and "Updated at</span>" not in page
    assert "Status</span>: — → Draft" in page
