"""Rules for the vague references: "now", "recently", "the future", "in recent years"."""

from __future__ import annotations

import re

from sitegen.temporal.context import Context
from sitegen.temporal.found import Found
from sitegen.temporal.lexicon import REFS

# Words before "future" that make it the noun ("in future", "the future"), not an adjective.
_FUTURE_NOUN = re.compile(r"\b(?:in|near|for|distant|foreseeable|bright|the)\s+$", re.I)
# After a possessive it is the noun only if no noun follows: "my future?", "our future looks
# bright", but not "his future wife".
_POSSESSIVE = re.compile(r"\b(?:my|your|his|her|our|their)\s+$", re.I)
_NOUN_ENDS = re.compile(
    r"\s*(?:[^\w\s]|$)|\s+(?:is|was|looks?|lies?|holds?|will|would|may|might|can|could|depends|"
    r"remains|seems|dont|don't|doesn't|isn't|wasn't)\b",
    re.I,
)


def _future_is_a_noun(ctx: Context) -> bool:
    lo = max(0, ctx.start - 12)
    if _FUTURE_NOUN.search(ctx.text, lo, ctx.start):
        return True
    return bool(_POSSESSIVE.search(ctx.text, lo, ctx.start) and _NOUN_ENDS.match(ctx.text, ctx.end))


def ref(g: dict[str, str], ctx: Context) -> Found | None:
    """Handles "now" (``PRESENT_REF``), "recently" (``PAST_REF``), "the future" (``FUTURE_REF``)."""
    word = " ".join(g["w"].lower().split())
    if word == "future" and not _future_is_a_noun(ctx):
        return None  # "future talks": an adjective
    value = REFS[word]
    return Found("DATE" if value.endswith("_REF") else "DURATION", value)


HANDLERS = {"ref": ref}
