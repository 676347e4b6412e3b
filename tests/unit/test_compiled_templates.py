"""The theme's templates compiled once per build (helpfirst.adapter.compiled_templates): every
language pass's environment takes the code of the first, and a changed template is compiled
again."""

from __future__ import annotations

import jinja2

from helpfirst.adapter.compiled_templates import CompiledTemplates


def _render(compiled, sources: dict[str, str], compiles: list) -> str:
    """A new environment over `sources`, as each language pass makes one, rendering "page"."""

    class Counting(jinja2.Environment):
        def compile(self, *args, **kwargs):
            compiles.append(args[1] if len(args) > 1 else kwargs.get("name"))
            return super().compile(*args, **kwargs)

    env = Counting(loader=jinja2.DictLoader(sources), bytecode_cache=compiled)
    return env.get_template("page").render(title="FAQ")


def test_a_later_environment_takes_the_code_compiled_by_the_first():
    compiled, compiles = CompiledTemplates(), []
    sources = {"page": "{% include 'part' %}: {{ title }}", "part": "Help"}
    assert _render(compiled, sources, compiles) == "Help: FAQ"
    assert sorted(compiles) == ["page", "part"]
    assert _render(compiled, sources, compiles) == "Help: FAQ"
    assert _render(compiled, sources, compiles) == "Help: FAQ"
    assert sorted(compiles) == ["page", "part"]


def test_a_changed_template_is_compiled_again():
    compiled, compiles = CompiledTemplates(), []
    assert _render(compiled, {"page": "Old {{ title }}"}, compiles) == "Old FAQ"
    assert _render(compiled, {"page": "New {{ title }}"}, compiles) == "New FAQ"
    assert _render(compiled, {"page": "New {{ title }}"}, compiles) == "New FAQ"
    assert compiles == ["page", "page"]
