"""An org read, validated and analysed, with where it came from: what every later step works on."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.analyse.summary import Analysis
from orgdocs.model import Org
from orgdocs.source.discover import OrgSource
from orgdocs.source.located import Located


@dataclass
class LoadedOrg:
    source: OrgSource
    org: Org
    located: Located
    analysis: Analysis

    @property
    def id(self) -> str:
        return self.source.id
