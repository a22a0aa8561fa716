"""The markers are kept honest: a test without `graphviz`, `weasyprint` or `e2e` that runs Graphviz, starts
WeasyPrint or runs the CLI fails (tests/conftest.py), so `make unit` never runs them by mistake."""

from __future__ import annotations

import subprocess

import pytest
from conftest import invoke_cli

from orgdocs.render import pdf


def test_running_graphviz_in_a_unit_test_fails_it():
    with pytest.raises(pytest.fail.Exception, match="runs Graphviz but is not marked 'graphviz'"):
        subprocess.run(["dot", "-V"], capture_output=True)
    assert subprocess.run(["true"]).returncode == 0  # other programs run as usual


def test_starting_weasyprint_in_a_unit_test_fails_it():
    with pytest.raises(pytest.fail.Exception, match="starts WeasyPrint but is not marked 'weasyprint'"):
        pdf._weasyprint()


def test_running_the_cli_in_a_unit_test_fails_it():
    with pytest.raises(pytest.fail.Exception, match="runs the CLI but is not marked 'e2e'"):
        invoke_cli("--help")


@pytest.mark.e2e
def test_a_marked_test_may_run_the_cli():
    assert invoke_cli("--help").exit_code == 0
