"""The leak scan: before anything meant for a wider audience is written, its text is searched for the org's
confidential values (pay bands, salaries, hr-only sections, names a chart was asked to hide). A hit is a
`LeakError` (exit 5) and nothing is written."""

from orgdocs.scan.confidential import Confidential, Secret, confidential
from orgdocs.scan.search import Leak, LeakFound, check_files, find_leaks

__all__ = ["Confidential", "Secret", "confidential", "Leak", "LeakFound", "check_files", "find_leaks"]
