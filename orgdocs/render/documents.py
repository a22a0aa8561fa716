"""HTML from Jinja templates, and PDF from HTML with WeasyPrint, confined to known folders.

- Every template is autoescaped (whatever its file name) and runs in Jinja's sandbox; org data is only ever
  passed in as values, never compiled as a template.
- Templates come from the user's folder first, then the built-in ones; a user template can extend a built-in
  one as "builtin/<name>" and replace a block.
- WeasyPrint may read files only inside the org folder and the template folders; anything else (network,
  other files, symlinks out) stops the render with a clear error.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
import re
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from orgdocs.errors import InputError, ToolError


def builtin_templates() -> Path:
    """The templates shipped inside the package (package data), so any install can render documents."""
    return Path(__file__).resolve().parent.parent / "templates"


class TemplateProblem(InputError):
    """A template or a resource it asks for cannot be used."""


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def text_filter(value: object) -> Markup:
    """Escape text, and tag Han runs as Chinese so they are drawn with Chinese, not Japanese, glyph forms."""
    escaped = str(escape("" if value is None else value))
    return Markup(_HAN.sub(lambda m: f'<span lang="zh-Hans">{m.group(0)}</span>', escaped))


def percent(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


class ConfinedLoader(FileSystemLoader):
    """A template folder whose templates must really be inside it: a symlink out is refused."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        if not any(_inside(Path(root), filename) for root in self.searchpath):
            raise TemplateProblem(f"refused template {template!r}: it links to a file outside its template folder")
        return source, filename, uptodate


def environment(user_templates: Path | None = None) -> ImmutableSandboxedEnvironment:
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


def _inside(root: Path, candidate: str) -> bool:
    real_root = os.path.realpath(root)
    real = os.path.realpath(candidate)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def confined_fetcher(allowed: list[Path]):
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
                raise FatalURLFetchingError(f"refused to fetch {url!r}: documents may only use files in the org "
                                            "folder or the template folders")
            path = unquote(parsed.path)
            if not any(_inside(root, path) for root in allowed):
                raise FatalURLFetchingError(f"refused to read {path!r}: it is outside the org folder and the "
                                            "template folders")
            if not os.path.isfile(path):
                raise FatalURLFetchingError(f"file not found: {path!r}")
            with open(path, "rb") as fh:
                body = fh.read()
            mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return ConfinedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


@contextmanager
def _source_date(when: dt.datetime):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: Pango or another shared library is missing
        raise ToolError(f"WeasyPrint cannot start ({exc}); it needs Pango (Debian: apt-get install "
                        "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)") from None
    return weasyprint


def html_to_pdf(html: str, *, base: Path, allowed: list[Path], when: dt.datetime) -> bytes:
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    try:
        with _source_date(when):
            document = weasyprint.HTML(string=html, base_url=str(base.resolve()) + "/",
                                       url_fetcher=confined_fetcher(allowed))
            return document.write_pdf(pdf_version="1.7", uncompressed_pdf=False)
    except FatalURLFetchingError as exc:
        raise TemplateProblem(str(exc)) from None
    except (MemoryError, RecursionError) as exc:
        raise ToolError(f"WeasyPrint ran out of {'memory' if isinstance(exc, MemoryError) else 'stack'} "
                        "making a PDF") from None
    except Exception as exc:  # a failure inside the tool, not a problem of the input we could locate
        raise ToolError(f"WeasyPrint failed: {type(exc).__name__}: {exc}") from None
