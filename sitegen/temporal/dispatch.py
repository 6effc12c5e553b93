"""Which rules can begin at a given place, so each candidate start tries only those.

The scanner is one alternation of every rule; at a place where a text says "quarter", the rules
that must begin with a month name or a digit fail one after another. Reading each rule's parsed
pattern once tells which characters (``first_chars``) and which pairs of characters
(``first_pairs``) a match can begin with; the tagger then tries a scanner built from only the
rules that can begin with the two characters in front of it. Conservative by construction:
lookarounds are ignored and what is not understood allows anything.
"""

from __future__ import annotations

import string

try:  # Python 3.11+
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# The characters a scanned (lower-cased) expression can begin with.
ALPHABET = frozenset(string.ascii_lowercase + string.digits + "'")


def first_chars(pattern: str) -> frozenset[str]:
    """The characters of ``ALPHABET`` that a match of ``pattern`` can begin with.

    Conservative: lookarounds are ignored and anything not understood allows every character.
    """
    chars, nullable = _first(sre_parse.parse(pattern))
    return ALPHABET if nullable else frozenset(chars)


def _first(seq: object) -> tuple[set[str], bool]:
    out: set[str] = set()
    for op, av in seq:  # type: ignore[attr-defined]
        if op is sre.LITERAL:
            return out | {chr(av)}, False
        if op is sre.IN:
            return out | {c for c in ALPHABET if _in_class(av, c)}, False
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero-width
        if op is sre.BRANCH:
            nullable = False
            for alternative in av[1]:
                chars, empty = _first(alternative)
                out |= chars
                nullable |= empty
        elif op is sre.SUBPATTERN:
            chars, nullable = _first(av[-1])
            out |= chars
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            chars, empty = _first(av[2])
            out |= chars
            nullable = av[0] == 0 or empty
        else:
            return set(ALPHABET), False
        if not nullable:
            return out, False
    return out, True


def _in_class(items: list[tuple[object, object]], ch: str) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is sre.NEGATE:
            negate = True
        elif op is sre.LITERAL:
            hit |= chr(av) == ch  # type: ignore[arg-type]
        elif op is sre.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]  # type: ignore[index]
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            hit |= ch.isdigit()
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            hit |= ch.isspace()
        else:
            hit = True  # any other class: assume it may match
    return hit != negate


# The characters that can follow the first one: letters, digits and the punctuation of dates.
SECOND = ALPHABET | frozenset(" \t\n-.,:/+%&()'")


def first_pairs(pattern: str) -> frozenset[str]:
    """The two-character openings (over ``SECOND``) that a match of ``pattern`` can begin with;
    a one-character string ``c`` stands for every pair that begins with ``c`` (the match may end
    after it, or what follows was not understood)."""
    out = frozenset(_walk(sre_parse.parse(pattern), 2))
    if "" in out:
        return frozenset(ALPHABET)
    return out


def _walk(seq: object, k: int) -> set[str]:
    """Prefixes of at most ``k`` characters that ``seq`` can match; shorter than ``k`` means the
    sequence may end there, so the caller appends what comes next."""
    current = {""}
    for op, av in seq:  # type: ignore[attr-defined]
        grown: set[str] = set()
        for p in current:
            if len(p) == k:
                grown.add(p)
            else:
                grown |= {p + q for q in _element(op, av, k - len(p))}
        current = grown
    return current


def _element(op: object, av: object, k: int) -> set[str]:
    if op is sre.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is sre.IN:
        return {c for c in SECOND if _in_class(av, c)}  # type: ignore[arg-type]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}
    if op is sre.BRANCH:
        return set().union(*(_walk(alt, k) for alt in av[1]))  # type: ignore[index]
    if op is sre.SUBPATTERN:
        return _walk(av[-1], k)  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = av  # type: ignore[misc]
        once = _walk(sub, k)
        out = {""} if low == 0 else set()
        current = {""}
        for i in range(1, min(high, k) + 1):
            current = {p + q if len(p) < k else p for p in current for q in once}
            current = {p[:k] for p in current}
            if i >= low:
                out |= current
            if all(len(p) >= k for p in current):
                break
        if low > k:
            out |= {p for p in current if len(p) >= k}
        return out
    return set(SECOND)  # anything else: any one character
