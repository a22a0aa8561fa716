"""HTML from Jinja templates (the built-in ones are package data), confined to known folders.

- Every template is autoescaped (whatever its file name) and runs in Jinja's sandbox; org data is only ever
  passed in as values, never compiled as a template.
- Templates come from the user's folder first, then the built-in ones; a user template can extend a built-in
  one as "builtin/<name>" and replace a block.
- PDF from that HTML is orgdocs.render.pdf.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from orgdocs.errors import InputError
from orgdocs.paths import inside
from orgdocs.render.bidi import direction, has_rtl, isolate
from orgdocs.render.han import HAN


def builtin_templates() -> Path:
    """The templates shipped inside the package (package data), so any install can render documents."""
    return Path(__file__).resolve().parent.parent / "templates"


class TemplateProblem(InputError):
    """A template or a resource it asks for cannot be used."""


def han_text(value: object) -> Markup:
    """Escape text and tag Han runs as Chinese so they are drawn with Chinese, not Japanese, glyph forms (for a
    box that sets its text's direction itself)."""
    escaped = str(escape("" if value is None else value))
    return Markup(HAN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', escaped))


def text_filter(value: object) -> Markup:
    """han_text, and right-to-left text isolated so it cannot reorder the text around it (render/bidi.py)."""
    text = "" if value is None else str(value)
    if has_rtl(text):
        return Markup(f'<span dir="{direction(text)}">{isolate(han_text(text))}</span>')
    return han_text(text)


def percent(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


class ConfinedLoader(FileSystemLoader):
    """A template folder whose templates must really be inside it: a symlink out is refused."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not any(inside(Path(root), filename) for root in self.searchpath):
            raise TemplateProblem(f"refused template {template!r}: it links to a file outside its template folder")
        return source, filename, uptodate


@functools.lru_cache(maxsize=16)
def environment(user_templates: Path | None = None) -> ImmutableSandboxedEnvironment:
    """One environment per templates folder for the whole run: it compiles each template once (and reloads one
    whose file changed)."""
    builtin = ConfinedLoader(str(builtin_templates()))
    loaders = [ConfinedLoader(str(user_templates))] if user_templates else []
    env = ImmutableSandboxedEnvironment(
        loader=ChoiceLoader(loaders + [builtin, PrefixLoader({"builtin": builtin})]),
        autoescape=select_autoescape(enabled_extensions=(), default_for_string=True, default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["t"] = text_filter
    env.filters["percent"] = percent
    return env


def render_html(env, template: str, **context) -> str:
    from jinja2 import TemplateError

    try:
        return env.get_template(template).render(**context)
    except TemplateProblem:
        raise
    except TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "filename", None) else ""
        raise TemplateProblem(f"template {template}: {where}{exc}") from None
    except RecursionError:
        raise TemplateProblem(f"template {template} extends or includes itself") from None
    except Exception as exc:  # a user template's own code failed (1 // 0, a bad filter argument, ...)
        raise TemplateProblem(f"template {template} failed: {type(exc).__name__}: {exc}") from None
