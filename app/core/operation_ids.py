"""Operation ids named for the client generated from them: `<tag>.<action>`.

A generated client calls `blacklist.lookup(...)`, not the framework's default
`lookup_v1_blacklist_lookup__credit_code__get`. The tag is the operation's first (its
domain, dashes made underscores); the action is the route's name without the words the
tag already says (`create_watchlist` under `watchlists` is `watchlists.create`), unless
nothing would be left. Uniqueness is checked by tests/test_openapi.py, not assumed.
"""

from __future__ import annotations

from fastapi.routing import APIRoute


def _forms(word: str) -> set[str]:
    """A tag word and its singular (`bodies` → `body`, `dangers` → `danger`)."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s"):
        forms.add(word[:-1])
    return forms


def operation_id(route: APIRoute) -> str:
    tag = str(route.tags[0]) if route.tags else "api"
    said = set().union(*(_forms(word) for word in tag.split("-")))
    words = route.name.split("_")
    action = "_".join(word for word in words if word not in said) or route.name
    return f"{tag.replace('-', '_')}.{action}"
