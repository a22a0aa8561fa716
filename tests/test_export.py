"""`orgdocs export`: the roster in the columns `orgdocs import` reads (CSV, XLSX, JSON), checked row by row against
the platform-engineering example (a job share, an assistant, a group with an open seat, contractors, a vendor team
with a dotted line, an intern, a part-timer), pay only for hr, literal text, and the W3C Organization Ontology
graph (JSON-LD) with a variant's changes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter

import pytest
from conftest import ORGS, ROOT, invoke_cli

PE = ORGS / "platform-engineering"
CONTRACT = ["position_id", "employee_id", "name", "email", "title", "role", "manager_position_id",
            "dotted_line_position_ids", "unit", "unit_parent", "location", "workforce", "fte", "open", "hire_date",
            "kind", "level", "position_fte", "unit_name", "manager_external", "dotted_line_external_ids"]


def export(tmp_path, org, *args, name="out.csv"):
    out = tmp_path / name
    result = invoke_cli("export", org, "-o", out, *args)
    assert result.exit_code == 0, result.output
    return out


def csv_rows(path):
    data = path.read_bytes()
    with io.StringIO(data.decode("utf-8"), newline="") as fh:
        return list(csv.DictReader(fh))


def by_position(rows):
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(r["position_id"], []).append(r)
    return out


# --- the roster of platform-engineering, by hand -----------------------------------------------------------------

def test_csv_has_the_contract_columns_and_one_row_per_person_and_open_seat(tmp_path):
    path = export(tmp_path, PE)
    data = path.read_bytes()
    assert data.startswith(b"position_id,employee_id,name,email,title,role,manager_position_id,")
    assert b"\r\n" in data and data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # RFC 4180
    rows = csv_rows(path)
    assert list(rows[0]) == CONTRACT  # all-hands: no pay columns
    # 35 seats (1+1+1+1+1+6+2+4+1+3+1+1+5+1+1+1+4) and one more row for the job share's second person
    assert len(rows) == 36
    pos = by_position(rows)
    assert {k: len(v) for k, v in pos.items()} == {
        "vp-engineering": 2, "executive-assistant": 1, "director-infrastructure": 1,
        "staff-engineer-infrastructure": 1, "em-compute": 1, "compute-engineers": 6, "sre-contractors": 2,
        "build-farm": 4, "em-data": 1, "data-engineers": 3, "director-product": 1, "em-web": 1,
        "web-engineers": 5, "web-senior-part-time": 1, "web-intern": 1, "em-mobile": 1, "mobile-engineers": 4}


def test_rows_hand_checked(tmp_path):
    pos = by_position(csv_rows(export(tmp_path, PE)))
    # the job share: two people in one position, half time each, reporting to an external (no manager position)
    vp = pos["vp-engineering"]
    assert [(r["name"], r["fte"], r["open"], r["manager_position_id"]) for r in vp] == [
        ("Amara Okafor", "0.5", "false", ""), ("Lena Fischer", "0.5", "false", "")]
    assert vp[0]["title"] == "VP, Platform Engineering" and vp[0]["unit"] == "platform" and vp[0]["unit_parent"] == ""
    assert vp[0]["location"] == "San Francisco"  # the pay zone's name: no location attribute
    assert pos["executive-assistant"][0]["fte"] == "0.8"
    assert pos["executive-assistant"][0]["manager_position_id"] == "vp-engineering"
    # a group of 5 with one open seat: 4 unnamed filled rows, 1 open row, same position id
    web = pos["web-engineers"]
    assert Counter(r["open"] for r in web) == {"false": 4, "true": 1}
    assert {r["name"] for r in web} == {""} and {r["manager_position_id"] for r in web} == {"em-web"}
    assert [(r["unit"], r["unit_parent"]) for r in web][0] == ("web", "product-engineering")
    # an open role: one row, no person
    assert [(r["open"], r["name"], r["fte"]) for r in pos["em-data"]] == [("true", "", "1")]
    # workforce types
    assert {r["workforce"] for r in pos["sre-contractors"]} == {"contractor"}
    assert {r["workforce"] for r in pos["build-farm"]} == {"vendor"}
    assert [(r["name"], r["workforce"]) for r in pos["web-intern"]] == [("Kai Müller", "intern")]
    assert [(r["name"], r["fte"]) for r in pos["web-senior-part-time"]] == [("Inês Duarte", "0.6")]
    # the dotted line is written at em-compute (`from: build-farm`): the vendor team's rows carry it
    assert {r["dotted_line_position_ids"] for r in pos["build-farm"]} == {"em-compute"}
    assert pos["em-compute"][0]["dotted_line_position_ids"] == ""
    # data engineers are in the unit data under infrastructure, in Lisbon
    assert [(r["name"], r["location"], r["unit_parent"]) for r in pos["data-engineers"]] == [
        ("Rui Costa", "Lisbon", "infrastructure"), ("Ana Sousa", "Lisbon", "infrastructure"),
        ("Marta Lopes", "Lisbon", "infrastructure")]
    # a group's unit comes from its own `unit:`; a position without one from its manager's
    assert {r["unit"] for r in pos["mobile-engineers"]} == {"product-engineering"}


def test_fte_of_employee_rows_is_the_declared_fte(tmp_path):
    rows = csv_rows(export(tmp_path, PE))
    employees = [r for r in rows if r["workforce"] == "employee"]
    filled = sum(float(r["fte"]) for r in employees if r["open"] == "false")
    # 0.5+0.5 (job share) + 0.8 (assistant) + 1 (dir) + 1 (staff) + 1 (em) + 6 (compute) + 3 (data) + 1 (dir)
    # + 1 (em-web) + 4 (web, filled) + 0.6 (part-timer) + 1 (em-mobile) + 4 (mobile) = 25.4: org.declared.fte
    assert filled == pytest.approx(25.4)
    assert sum(r["open"] == "true" for r in rows) == 2  # em-data, one web seat: org.declared.open_roles


def test_per_seat_puts_a_shared_seat_in_one_row(tmp_path):
    rows = csv_rows(export(tmp_path, PE, "--per", "seat"))
    assert len(rows) == 35  # one row per seat
    [vp] = [r for r in rows if r["position_id"] == "vp-engineering"]
    assert (vp["name"], vp["fte"]) == ("Amara Okafor; Lena Fischer", "1")


def test_every_format_reads_back_the_same_records(tmp_path):
    from openpyxl import load_workbook

    rows = csv_rows(export(tmp_path, PE))
    records = json.loads(export(tmp_path, PE, name="r.json").read_text(encoding="utf-8"))
    assert isinstance(records, list) and len(records) == len(rows)
    assert list(records[0]) == CONTRACT
    vp = records[0]
    assert (vp["fte"], vp["open"], vp["manager_position_id"], vp["employee_id"]) == (0.5, False, None, None)
    ws = load_workbook(export(tmp_path, PE, name="r.xlsx")).active
    values = list(ws.iter_rows(values_only=True))
    assert list(values[0]) == CONTRACT and len(values) == 1 + len(rows)
    assert ws.freeze_panes == "A2"
    for csv_row, xl_row, record in zip(rows, values[1:], records):
        assert [("" if v is None else v) for v in xl_row][:5] == [csv_row[c] for c in CONTRACT[:5]]
        assert xl_row[CONTRACT.index("fte")] == record["fte"] and isinstance(record["fte"], (int, float))
        assert xl_row[CONTRACT.index("open")] is record["open"]


def test_two_xlsx_exports_are_byte_identical(tmp_path):
    a = export(tmp_path, PE, name="a.xlsx").read_bytes()
    b = export(tmp_path, PE, name="b.xlsx").read_bytes()
    assert a == b


def test_xlsx_needs_a_file_and_the_options_are_checked_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke_cli("export", PE, "-f", "xlsx")
    assert result.exit_code == 2 and "xlsx needs -o FILE" in result.output
    result = invoke_cli("export", PE, "-f", "jsonld", "--base", "not an iri")
    assert result.exit_code == 2 and "is not an absolute IRI" in result.output
    result = invoke_cli("export", PE, "-o", "x.csv", "-f", "json")
    assert result.exit_code == 2 and "does not agree with -f json" in result.output
    assert list(tmp_path.iterdir()) == []


def test_csv_goes_to_standard_output_by_default():
    result = invoke_cli("export", PE)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ",".join(CONTRACT)


# --- pay only for hr ---------------------------------------------------------------------------------------------

SALARIED = {
    "org": {"name": "Paid", "currency": "USD"},
    "levels": {"l1": {"name": "L1", "rank": 1}},
    "roles": {"lead": {"title": "Lead", "level": "l1"}, "eng": {"title": "Engineer", "level": "l1"}},
    "compensation": {"bands": {"l1": {"level": "l1", "min": "91K", "max": "123K"}}},
    "positions": [
        {"id": "lead", "role": "lead", "holders": [{"name": "Ann Lee", "salary": 118500}]},
        {"id": "eng", "role": "eng", "reports_to": "lead", "count": 2,
         "holders": [{"name": "Bo Chen", "salary": "97,250"}, "Cy Diaz"]},
    ],
}


def test_pay_columns_only_for_hr(tmp_path, write_org):
    org = write_org(SALARIED)
    hr = csv_rows(export(tmp_path, org, "--audience", "hr", name="hr.csv"))
    assert list(hr[0])[-2:] == ["salary", "pay_period"]
    assert [(r["name"], r["salary"], r["pay_period"]) for r in hr] == [
        ("Ann Lee", "118500", "annual"), ("Bo Chen", "97250", "annual"), ("Cy Diaz", "", "")]
    records = json.loads(export(tmp_path, org, "--audience", "hr", name="hr.json").read_text())
    assert [r["salary"] for r in records] == [118500, 97250, None]


@pytest.mark.parametrize("audience", ["all-hands", "public"])
@pytest.mark.parametrize("suffix", ["csv", "json", "xlsx", "jsonld"])
def test_no_pay_in_any_form_for_all_hands_or_public(tmp_path, write_org, audience, suffix):
    from orgdocs.scan.numbers import amounts_in
    from orgdocs.scan.search import text_of

    org = write_org(SALARIED)
    path = export(tmp_path, org, "--audience", audience, name=f"out.{suffix}")
    if suffix == "xlsx":
        from openpyxl import load_workbook

        text = "\n".join(" ".join(str(v) for v in row if v is not None)
                         for row in load_workbook(path).active.iter_rows(values_only=True))
    else:
        text = text_of(path.name, path.read_bytes())
    # salaries 118,500 and 97,250; band 91,000-123,000, midpoint 107,000
    assert not amounts_in(text) & {118500, 97250, 91000, 123000, 107000}
    assert "salary" not in text and "pay_period" not in text
    names = ("Ann Lee" in text, "Bo Chen" in text)
    assert names == ((True, True) if audience == "all-hands" else (False, False))


def test_a_title_that_quotes_a_salary_stops_an_all_hands_export(tmp_path, write_org):
    data = json.loads(json.dumps(SALARIED))
    data["positions"][1]["title"] = "Engineer (paid 97,250)"
    org = write_org(data)
    result = invoke_cli("export", org, "-o", tmp_path / "out.csv")
    assert result.exit_code == 5 and "the salary of Bo Chen" in result.output
    assert not (tmp_path / "out.csv").exists()
    assert invoke_cli("export", org, "-o", tmp_path / "hr.csv", "--audience", "hr").exit_code == 0


# --- literal text ------------------------------------------------------------------------------------------------

ODD = ['He said "hi", then left', "Line one\nline two", '=HYPERLINK("http://x","y")', "+1 Plus", "@home",
       "-minus", "Zoë, Ωmega"]


def test_literal_text_survives_csv_and_xlsx(tmp_path, write_org):
    from openpyxl import load_workbook

    org = write_org({
        "org": {"name": "Odd"},
        "roles": {"r": {"title": "Role, with comma"}},
        "positions": [{"id": "boss", "role": "r", "title": "=1+1",
                       "holders": [{"name": ODD[0], "email": "a@example.org", "employee_id": "E-7",
                                    "hire_date": "2024-03-01"}]},
                      {"id": "team", "role": "r", "reports_to": "boss", "holders": ODD[1:]}],
    })
    rows = csv_rows(export(tmp_path, org, "--audience", "hr"))  # holders' emails and ids are for hr alone
    names = [r["name"] for r in rows]
    # the documented guard: a text a spreadsheet would run as a formula gets a leading apostrophe
    assert names == [ODD[0], ODD[1], "'" + ODD[2], "'" + ODD[3], "'" + ODD[4], "'" + ODD[5], ODD[6]]
    assert rows[0]["title"] == "'=1+1" and rows[1]["title"] == "Role, with comma"
    assert (rows[0]["email"], rows[0]["employee_id"], rows[0]["hire_date"]) == ("a@example.org", "E-7", "2024-03-01")
    ws = load_workbook(export(tmp_path, org, "--audience", "hr", name="odd.xlsx")).active
    cells = list(ws.iter_rows(min_row=2))
    col = {c: i for i, c in enumerate(CONTRACT)}
    assert [r[col["name"]].value for r in cells] == ODD  # exactly: text cells are never formulas
    assert all(r[col["name"]].data_type == "s" for r in cells)
    assert cells[0][col["title"]].value == "=1+1" and cells[0][col["title"]].data_type == "s"
    hired = cells[0][col["hire_date"]]
    assert hired.value == dt.datetime(2024, 3, 1) and hired.is_date
    assert cells[0][col["fte"]].value == 1 and cells[0][col["fte"]].data_type == "n"


# --- W3C Organization Ontology -----------------------------------------------------------------------------------

def graph_of(tmp_path, org, *args, name="g.jsonld"):
    doc = json.loads(export(tmp_path, org, "-f", "jsonld", *args, name=name).read_text(encoding="utf-8"))
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    return {n["@id"]: n for n in doc["@graph"] if "@id" in n}, doc


def _types(nodes, kind):
    return {k: v for k, v in nodes.items() if v["@type"] == kind}


def _ids(value):
    return [v["@id"] for v in (value if isinstance(value, list) else [value])]


def test_jsonld_posts_reports_and_holders_match_the_tree(tmp_path, examples):
    nodes, _ = graph_of(tmp_path, PE)
    base = "urn:orgdocs:platform-engineering:"
    item = examples["platform-engineering"]
    tree = item.analysis.tree
    posts = _types(nodes, "org:Post")
    assert set(posts) == {f"{base}post/{p}" for p in tree.nodes}  # every position is a post
    edges = {(p, _ids(n["org:reportsTo"])[0]) for p, n in posts.items() if "org:reportsTo" in n}
    expected = {(f"{base}post/{p}", f"{base}post/{n.parent}") for p, n in tree.nodes.items() if n.parent}
    assert edges == expected | {(f"{base}post/vp-engineering", f"{base}external/cto")}
    assert nodes[f"{base}external/cto"]["@type"] == "foaf:Agent"
    people = _types(nodes, "foaf:Person")
    held = Counter(_ids(p["org:holds"])[0] for p in people.values())
    # named holders: 2 VPs + assistant + 2 directors + staff engineer + 3 EMs (em-data is open) + 3 data
    # engineers + part-timer + intern = 2+1+2+1+3+3+1+1 = 14
    assert sum(held.values()) == 14 and held[f"{base}post/vp-engineering"] == 2
    assert {p["foaf:name"] for p in people.values()} >= {"Amara Okafor", "Lena Fischer", "Kai Müller"}
    for person_id, person in people.items():
        assert person_id in _ids(nodes[_ids(person["org:holds"])[0]]["org:heldBy"])
    assert _ids(posts[f"{base}post/build-farm"]["orgdocs:dottedLineTo"]) == [f"{base}post/em-compute"]
    em_data, web = posts[f"{base}post/em-data"], posts[f"{base}post/web-engineers"]
    assert (em_data["orgdocs:open"], em_data["orgdocs:openSeats"]) == (True, 1)
    assert (web["orgdocs:open"], web["orgdocs:seats"], web["orgdocs:openSeats"]) == (False, 5, 1)
    assert _ids(posts[f"{base}post/web-engineers"]["org:postIn"]) == [f"{base}unit/web"]
    assert _ids(posts[f"{base}post/web-engineers"]["org:role"]) == [f"{base}role/software-engineer"]
    assert nodes[f"{base}role/software-engineer"]["@type"] == "org:Role"
    units = _types(nodes, "org:OrganizationalUnit")
    assert len(units) == 6
    assert _ids(units[f"{base}unit/web"]["org:subOrganizationOf"]) == [f"{base}unit/product-engineering"]
    assert _ids(units[f"{base}unit/platform"]["org:subOrganizationOf"]) == [f"{base}organization"]
    assert set(_ids(units[f"{base}unit/infrastructure"]["org:hasSubOrganization"])) == {
        f"{base}unit/compute", f"{base}unit/data"}
    org = nodes[f"{base}organization"]
    assert org["@type"] == "org:Organization" and len(org["org:hasPost"]) == len(tree.nodes)


def test_jsonld_base_and_public(tmp_path):
    nodes, _ = graph_of(tmp_path, PE, "--base", "https://example.org/pe/", "--audience", "public")
    assert "https://example.org/pe/post/em-compute" in nodes
    assert not _types(nodes, "foaf:Person")  # public: no names
    assert not any("org:heldBy" in n for n in nodes.values())
    assert "Amara" not in json.dumps(list(nodes.values()))


def test_jsonld_variant_changes_are_a_change_event(tmp_path, run):
    variant = ROOT / "orgs" / "customer-value-adoption" / "segment-first.yaml"
    nodes, _ = graph_of(tmp_path, variant)
    [event] = _types(nodes, "org:ChangeEvent").values()
    assert _ids(event["org:originalOrganization"]) == ["urn:orgdocs:region-first:organization"]
    assert _ids(event["org:resultingOrganization"]) == ["urn:orgdocs:segment-first:organization"]
    described = [c["dcterms:description"] for c in event["orgdocs:change"]]
    region = ROOT / "orgs" / "customer-value-adoption" / "region-first.yaml"
    text = run("compare", region, variant).stdout.split("\n\n")[1].splitlines()[1:]
    assert described == [line.strip() for line in text]  # the same words as `compare`
    [step] = json.loads(run("compare", region, variant, "-f", "json").stdout)["steps"]
    posts = {kind: [c["orgdocs:post"]["@id"].rsplit("/", 1)[1] for c in event["orgdocs:change"]
                    if c["orgdocs:changeKind"] == kind] for kind in ("added", "removed", "moved")}
    assert posts == {"added": step["added"], "removed": step["removed"],
                     "moved": [m["position"] for m in step["moved"]]}
    assert len(posts["added"]) == 2 and len(posts["removed"]) == 4 and len(posts["moved"]) == 4
    removed = [c for c in event["orgdocs:change"] if c["orgdocs:changeKind"] == "removed"]
    assert all(c["orgdocs:post"]["@id"].startswith("urn:orgdocs:region-first:post/") for c in removed)


def test_jsonld_expands_with_a_json_ld_processor(tmp_path):
    from pyld import jsonld  # a test dependency (pyproject: test extras)

    def no_network(url, options=None):
        raise AssertionError(f"the document made the processor fetch {url}: its context must be inline")

    _, doc = graph_of(tmp_path, PE)
    expanded = jsonld.expand(doc, {"documentLoader": no_network})
    post = "http://www.w3.org/ns/org#Post"
    reports = "http://www.w3.org/ns/org#reportsTo"
    posts = [n for n in expanded if post in n.get("@type", [])]
    assert len(posts) == 17
    assert all(r["@id"].startswith("urn:orgdocs:") for n in posts for r in n.get(reports, []))
