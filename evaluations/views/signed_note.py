"""A signed note's page: its findings never change, so they are drawn once and cached.

The cached part is the findings (evaluations/_note_body.html: tabs, the open section, the
derived findings), keyed by the note's public id, its content hash and the open section. The
view serves it only after the same checks as any page: login (middleware), the note looked up
through the user's clinic (another clinic's is a 404) and the view written to the audit log.
The rest of the page (banner, documents, addenda, messages, the user's own CSRF token) is
drawn on every request, since it can change after signing.
"""

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from evaluations.selectors import get_evaluation_for

from .pages import note_body_context, open_section

# Drawn in place of the CSRF token of the read-only section form, and replaced by the
# viewer's own token on every request: a cached page never carries another session's token.
CSRF_PLACEHOLDER = "cached-note-csrf-token"
# Bumped when _note_body.html or what it draws changes, so no page from before is served.
BODY_VERSION = 1


def body_key(evaluation, active):
    time_zone = evaluation.patient.clinic.time_zone
    return (
        f"signed-note-body:{BODY_VERSION}:{evaluation.public_id}:{evaluation.content_hash}:"
        f"{active}:{time_zone}"
    )


def signed_note_body(request, evaluation, active):
    """The findings part of a signed note's page, for a request already allowed to see it."""
    active = open_section(active)
    key = body_key(evaluation, active)
    html = cache.get(key)
    if html is None:
        with_sections = get_evaluation_for(request.user, evaluation.public_id)
        context = note_body_context(with_sections, active) | {"csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string("evaluations/_note_body.html", context, request=request)
        cache.set(key, html, timeout=None)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))
