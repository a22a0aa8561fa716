"""orgdocs: org charts, role descriptions, pay bands and career ladders from one checked YAML definition."""

__version__ = "0.1.0"
