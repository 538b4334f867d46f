"""Every URL the project serves, with sample arguments, so sweeps cover new pages by default."""

import uuid

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, SlugConverter, UUIDConverter

REGEX_SAMPLES = ("1", "patients", "x")


def _walk(patterns, namespace, converters):
    for entry in patterns:
        found = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern.regex.groupindex.keys(), found


def _sample(converter, sample_uuid):
    if isinstance(converter, UUIDConverter):
        return sample_uuid
    if isinstance(converter, IntConverter):
        return 1
    if isinstance(converter, SlugConverter):
        # The only slugs in our URLs name evaluation sections.
        return "history"
    return "x"


def all_url_names_with_samples(uuid_for=None):
    """Yield (name, url) for every named pattern; `uuid_for(name, arg)` may pick real ids."""
    seen = set()
    for name, arg_names, converters in _walk(get_resolver().url_patterns, "", {}):
        kwargs = {}
        for arg in arg_names:
            if arg in converters:
                value = uuid_for(name, arg) if uuid_for else None
                kwargs[arg] = value or _sample(converters[arg], uuid.uuid4())
        url = _reverse_with_regex_samples(name, kwargs, [a for a in arg_names if a not in kwargs])
        if url and url not in seen:
            seen.add(url)
            yield name, url


def _reverse_with_regex_samples(name, kwargs, regex_args):
    for sample in REGEX_SAMPLES:
        try:
            return reverse(name, kwargs={**kwargs, **dict.fromkeys(regex_args, sample)})
        except NoReverseMatch:
            continue
    return None
