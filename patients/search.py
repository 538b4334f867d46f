"""Patient search: one box that understands a name, a record number or a date of birth."""

import datetime

from django.db.models import Q

# Day-first is the convention in most of our clinics; ISO works everywhere.
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def parse_date(text):
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def filter_patients(queryset, query):
    query = " ".join((query or "").split())
    if not query:
        return queryset
    born = parse_date(query)
    if born is not None:
        return queryset.filter(date_of_birth=born)
    by_record = Q(record_number__iexact=query)
    by_name = Q()
    # Every word must match the start of the given or the family name ("sea mu" finds Sean Murphy).
    for word in query.split():
        by_name &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word)
    return queryset.filter(by_record | by_name)
