"""Issue 14 (search and dashboard): the search index and the dashboard of a synthetic org, timed.

    PYTHONPATH=. python bench/site_search.py [positions] [--browser]

Prints the index's size, the time to make it, the dashboard's HTML (plots included) and, with --browser, the
time Chromium takes to load search.html from file:// and to answer a query typed into it."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import synth_yaml  # noqa: E402

from orgdocs.analyse.summary import numbers  # noqa: E402
from orgdocs.checks import run_checks  # noqa: E402
from orgdocs.commands import steps  # noqa: E402
from orgdocs.outputs.build import documents, org_plan  # noqa: E402
from orgdocs.outputs.dashboard import dashboard_html  # noqa: E402
from orgdocs.outputs.documents import DocOptions  # noqa: E402
from orgdocs.outputs.search import search_files  # noqa: E402
from orgdocs.views.audience import audience_rules, findings_for, numbers_for  # noqa: E402


def main(n: int, browser: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "synthetic"
        folder.mkdir()
        (folder / "org.yaml").write_text(synth_yaml(n), encoding="utf-8")
        [item] = steps.load([str(folder)])
        rules = audience_rules(item.org, "all-hands")
        t = time.perf_counter()
        files = search_files([item], {item.id: rules}, None)
        made = time.perf_counter() - t
        size = {f.name: len(f.data) for f in files}
        print(f"{n} positions: search files made in {made:.2f} s; search-index.js {size['search-index.js']:,} "
              f"bytes, search.js {size['assets/search.js']:,} bytes")
        findings = run_checks(item.analysis, item.located)
        counted = numbers_for(numbers(item.id, item.org, item.analysis), rules)
        t = time.perf_counter()
        html = dashboard_html(documents(item, DocOptions(audience="all-hands")), org_plan(item, rules), counted,
                              findings_for(findings, rules))
        print(f"dashboard.html in {time.perf_counter() - t:.2f} s, {len(html):,} bytes")
        if browser:
            out = Path(tmp) / "tree"
            for f in files:
                (out / f.name).parent.mkdir(parents=True, exist_ok=True)
                (out / f.name).write_bytes(f.data)
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                b = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"])
                page = b.new_page()
                t = time.perf_counter()
                page.goto((out / "search.html").as_uri())
                loaded = time.perf_counter() - t
                ranked = page.evaluate(f"""() => {{ const t = performance.now();
                    const found = window.orgdocsSearch("person {n - 1}");
                    return [performance.now() - t, found.length]; }}""")
                shown = page.evaluate("""() => { const q = document.getElementById("search-q");
                    q.value = "person"; const t = performance.now();
                    q.dispatchEvent(new Event("input"));
                    return performance.now() - t; }""")
                print(f"Chromium: search.html loaded (index parsed and folded) in {loaded * 1000:.0f} ms; "
                      f"a query ranked over every entry in {ranked[0]:.0f} ms ({ranked[1]} found); "
                      f"'person' ({n} matches) ranked and its first 100 shown in {shown:.0f} ms")
                b.close()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 10_000, "--browser" in sys.argv)
