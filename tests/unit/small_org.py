"""A small org with every kind of box a chart draws: an external manager, staff, a stacked team, a group with
named holders, an open role, a partly open group, a dotted line. Shared by the scene and layout tests."""

SMALL = {
    "org": {"name": "Small Co", "as_of": "2025-01-01"},
    "externals": {"board": {"name": "The Board", "kind": "executive"}},
    "units": {
        "eng": {"name": "Engineering", "lead": "cto", "colour": "#2f6db5"},
        "ops": {"name": "Operations", "lead": "coo", "colour": "#3a9a6a"},
    },
    "positions": [
        {"id": "ceo", "title": "Chief Executive", "reports_to": "board", "holders": ["Ana Chief"]},
        {"id": "ea", "title": "Executive Assistant", "reports_to": "ceo", "kind": "staff", "holders": ["Sam Aide"]},
        {"id": "cto", "title": "Chief Technology Officer", "reports_to": "ceo", "unit": "eng",
         "holders": ["Ben Tech"]},
        {"id": "backend", "title": "Backend Engineer", "reports_to": "cto", "count": 3,
         "holders": ["Ada Alpha", "Bo Beta", "Cy Gamma"]},
        {"id": "frontend", "title": "Frontend Engineer", "reports_to": "cto", "open": 1},
        {"id": "qa", "title": "QA Engineer", "reports_to": "cto", "holders": ["Di Delta"]},
        {"id": "coo", "title": "Chief Operating Officer", "reports_to": "ceo", "unit": "ops",
         "holders": ["Eve Ops"]},
        {"id": "support", "title": "Support Agent", "reports_to": "coo", "count": 4, "open": 1,
         "holders": ["Fay One", "Gus Two", "Hal Three"]},
        {"id": "analyst", "title": "Analyst", "reports_to": "coo", "holders": ["Ida Data"],
         "dotted_lines": [{"to": "cto", "label": "data requests"}]},
    ],
}
