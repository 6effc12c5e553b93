"""``fragment(macro, *args)``: the macro's output, made once for the same argument objects."""

from __future__ import annotations

import jinja2

from sitegen.fragments import Fragments


class Item:
    def __init__(self, name: str) -> None:
        self.name = name


def environment(calls: list[str]) -> jinja2.Environment:
    def seen(name: str) -> str:
        calls.append(name)
        return name

    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "_m.html": "{% macro row(item, level) %}<h{{ level }}>{{ seen(item.name) }}"
                "</h{{ level }}>{% endmacro %}",
                "page.html": '{% import "_m.html" as m %}'
                "{% for i in items %}{{ fragment(m.row, i, level) }}|{% endfor %}",
                "direct.html": '{% import "_m.html" as m %}'
                "{% for i in items %}{{ m.row(i, level) }}|{% endfor %}",
            }
        ),
        autoescape=True,
    )
    env.globals["seen"] = seen
    env.globals["fragment"] = Fragments()
    return env


def test_fragments_are_the_macros_output_made_once_per_object_and_arguments() -> None:
    calls: list[str] = []
    env = environment(calls)
    a, b = Item("a<b"), Item("c")
    page = env.get_template("page.html")
    first = page.render(items=[a, b, a], level=2)
    assert first == env.get_template("direct.html").render(items=[a, b, a], level=2)
    assert "a&lt;b" in first
    calls.clear()
    assert page.render(items=[b, a], level=2) == "<h2>c</h2>|<h2>a&lt;b</h2>|"
    assert calls == []  # both made by the first page
    assert page.render(items=[a], level=3) == "<h3>a&lt;b</h3>|" and calls == ["a<b"]
    assert page.render(items=[Item("a<b")], level=3) and calls == ["a<b", "a<b"]  # new object


def test_fragments_last_while_their_objects_are_live_and_are_pruned_in_bulk() -> None:
    calls: list[str] = []
    env = environment(calls)
    fragments = env.globals["fragment"]
    items = [Item(str(i)) for i in range(20)]
    page = env.get_template("page.html")
    page.render(items=items, level=2)
    assert fragments.due()
    fragments.prune({id(i) for i in items[:10]})  # half the items are gone
    assert len(fragments) == 10 and not fragments.due()
    page.render(items=items[:10], level=2)
    assert len(calls) == 20  # the live ones were kept
    page.render(items=[Item("new")], level=2)
    assert not fragments.due()  # one more of ten: too few to prune for
    page.render(items=[Item(str(i)) for i in range(2)], level=2)
    assert fragments.due()
    fragments.prune({id(i) for i in items[:5]})
    assert len(fragments) == 5


def test_plain_arguments_are_told_apart_by_type_as_well_as_value() -> None:
    calls: list[str] = []
    env = environment(calls)
    page = env.get_template("page.html")
    a = Item("a")
    assert page.render(items=[a], level=1) == "<h1>a</h1>|"
    assert page.render(items=[a], level=True) == "<hTrue>a</hTrue>|"
