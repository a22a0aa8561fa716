"""`orgdocs import`: an HRIS export (CSV, XLSX, JSON: SCIM, Microsoft Graph) into an org folder's generated
partial, people.yaml. Everything is checked before anything is written (every problem at once, located by row and
column); hand-written files are never written; importing again keeps position ids and reports what changed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.errors import UsageError
from orgdocs.problems import Location, OrgInputError

REPORT_SUFFIXES = (".md", ".pdf")


@dataclass(frozen=True)
class Options:
    file: Path
    into: Path | None = None
    map: tuple[str, ...] = ()
    preset: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    group_identical: bool | None = None
    pay: bool | None = None
    name: str | None = None
    dry_run: bool = False
    report: Path | None = None
    quiet: bool = False
    download_photos: bool = False  # fetch the export's photo URLs (https only) into photos/ in the org folder


def parse_map(pairs: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise UsageError(f"--map {pair!r}: write COLUMN=FIELD, e.g. --map 'Boss=manager_name'")
        out[column.strip()] = target.strip()
    return out


@dataclass
class Folder:
    """The org folder import writes into, as it is now."""

    path: Path | None
    new: bool = True  # no org.yaml yet: import writes a starter one
    hand: object = None  # Located: the hand-written files merged (None when there are none)
    generated: list[Path] = dataclasses.field(default_factory=list)  # what the previous import wrote
    previous: list[dict] = dataclasses.field(default_factory=list)  # the data of those files
    parts: list = dataclasses.field(default_factory=list)  # those files as read (Located), each read once

    def hand_data(self) -> dict:
        data = getattr(self.hand, "data", None)
        return data if isinstance(data, dict) else {}


def read_folder(path: Path) -> Folder:
    from orgdocs.source.assemble import assemble, read_file
    from orgdocs.source.discover import ORG_FILE_NAMES, find_orgs, inside
    from orgdocs.source.generated import PEOPLE_FILE, is_generated, read_own
    from orgdocs.source.located import Located

    if path.exists() and not path.is_dir():
        raise UsageError(f"--into {path}: import writes into an org folder, not a file")
    if not path.exists() or not any(p.suffix.lower() in (".yaml", ".yml") for p in path.iterdir()):
        return Folder(path)
    if not any((path / n).is_file() for n in ORG_FILE_NAMES):
        raise UsageError(f"--into {path}: the folder has YAML files but no org.yaml, so it is not an org folder")
    source = find_orgs([str(path)])[0]
    generated = [p for p in source.files if inside(path, p) and is_generated(p)]
    people = path / PEOPLE_FILE
    if (people.exists() or people.is_symlink()) and people not in generated:
        raise UsageError(f"{people} was not written by orgdocs import (its first line is not the generated-file "
                         "comment); import never overwrites a hand-written file: rename it, then import again")
    hand_files = tuple(p for p in source.files if p not in generated)
    located, problems = assemble(dataclasses.replace(source, files=hand_files))
    previous, parts, found = [], [], []
    for p in generated:
        # only the data is needed (ids, settings, the org as it was), so import's own output is read the fast
        # way, without a line/column table; a file not in its form goes through the guarded reader
        data = read_own(p)
        if data is None:
            part, more = read_file(p, source.label(p))
            found += more
            data = part.data if part is not None else None
        if isinstance(data, dict):
            previous.append(data)
            parts.append(Located(data=data, values={(): Location(source.label(p))}))
    errors = [p for p in problems + found if p.severity == "error"]
    if errors:
        raise OrgInputError(errors)
    return Folder(path, False, located, generated, previous, parts)


def org_before(folder: Folder):
    """The org as the folder holds it now (hand-written and generated files), or None when it does not validate;
    from the files read already (the hand-written part copied: merging extends its lists)."""
    import copy

    from orgdocs.source.assemble import merge
    from orgdocs.validate import validate

    hand = [copy.deepcopy(folder.hand)] if folder.hand is not None else []
    merged, problems = merge(hand + folder.parts)
    org, found = validate(merged, folder.path, texts=False)  # import checks every text of the new org
    return None if problems or found else org


def _hris(folder: Folder, options: Options, overrides: dict[str, str]) -> tuple[dict, dict, list[str]]:
    """The settings this run uses, the ones to record in the generated file, and notes on both."""
    from pydantic import ValidationError

    from orgdocs.model.hris import Hris

    hand = folder.hand_data().get("hris")
    hand = hand if isinstance(hand, dict) else {}
    before = next((d["hris"] for d in folder.previous if isinstance(d.get("hris"), dict)), {})
    asked = {"preset": options.preset, "group_identical": options.group_identical, "pay": options.pay}
    asked = {k: v for k, v in asked.items() if v is not None}
    used = {**before, **hand, **asked}
    if overrides:
        used["map"] = {**(hand.get("map") or before.get("map") or {}), **overrides}
    notes = []
    for key in sorted(set(hand) & (set(asked) | ({"map"} if overrides else set()))):
        notes.append(f"note: hris.{key} is written by hand; this run used {used[key]!r} without recording it "
                     "(edit the hand-written value to keep it)")
    try:
        Hris.model_validate({k: v for k, v in used.items() if k != "map"})  # map_columns says what is wrong there
    except ValidationError as exc:
        raise UsageError(f"the org's hris: settings cannot be used: {exc.errors()[0]['msg']}") from None
    record = {k: v for k, v in used.items() if k not in hand}
    return used, record, notes


def _catalog(folder: Folder):
    from orgdocs.analyse.roster import Catalog

    data = folder.hand_data()
    roles = {rid: r["title"] for rid, r in (data.get("roles") or {}).items()
             if isinstance(r, dict) and isinstance(r.get("title"), str)} if isinstance(data.get("roles"), dict) else {}
    units = {uid: (u.get("name") if isinstance(u.get("name"), str) else uid, u.get("parent"))
             for uid, u in (data.get("units") or {}).items() if isinstance(u, dict)} \
        if isinstance(data.get("units"), dict) else {}
    positions = {p["id"] for p in data.get("positions") or [] if isinstance(p, dict) and isinstance(p.get("id"), str)} \
        if isinstance(data.get("positions"), list) else set()
    previous = {}
    for part in folder.previous:
        for p in part.get("positions") or []:
            if not isinstance(p, dict) or not isinstance(p.get("id"), str):
                continue
            holders = p.get("holders") if isinstance(p.get("holders"), list) else []
            # the person's details sit on the holder; an import before that wrote them as position attributes
            attrs = p.get("attributes") if isinstance(p.get("attributes"), dict) else {}
            own = holders[0] if len(holders) == 1 and isinstance(holders[0], dict) else {}
            employee_id, email = own.get("employee_id") or attrs.get("employee_id"), own.get("email") or \
                attrs.get("email")
            if employee_id:
                previous[f"id:{employee_id}"] = p["id"]
            elif email:
                previous[f"email:{str(email).lower()}"] = p["id"]
            elif len(holders) == 1:
                h = holders[0]
                previous[f"name:{h if isinstance(h, str) else h.get('name')}"] = p["id"]
    return Catalog(roles, units, positions, previous)


Fetch = Callable[[str, int], bytes]  # (url, most bytes) -> the bytes, or photo_fetch.PhotoFetchError


def _photos(positions: list[dict], options: Options, cells: dict, fetch: Fetch | None) \
        -> tuple[dict[str, bytes], dict, list, int]:
    """The export's photo URLs taken off the holders: with --download-photos each is fetched, checked like a photo
    file and named photos/<position id>[-<n>].<ext>; the files, the photo each holder gets, the problems (at the
    URL's cell) and how many URLs there were."""
    from orgdocs.analyse.roster import PHOTO_URL
    from orgdocs.limits import DEFAULT_LIMITS
    from orgdocs.problems import Problem
    from orgdocs.source import photo_fetch
    from orgdocs.validate.assets import photo_problem

    fetch = fetch or photo_fetch.fetch
    files: dict[str, bytes] = {}
    given: dict[tuple[str, int], str] = {}  # (position id, holder index) -> photo
    problems: list = []
    offered = 0
    for pos in positions:
        holders = pos.get("holders") or []
        for i, h in enumerate(holders):
            if not isinstance(h, dict) or PHOTO_URL not in h:
                continue
            url = h.pop(PHOTO_URL)
            offered += 1
            if set(h) == {"name"}:
                holders[i] = h["name"]
            if not options.download_photos:
                continue
            try:
                photo_fetch.check_url(url)
                data = fetch(url, DEFAULT_LIMITS.max_photo_bytes)
                suffix, wrong = photo_problem(data)
            except photo_fetch.PhotoFetchError as exc:
                suffix, wrong = "", str(exc)
            if wrong:
                problems.append(Problem(f"photo URL {url!r} {wrong}", cells.get(url) or Location(str(options.file)),
                                        code="bad-photo"))
                continue
            name = f"photos/{pos['id']}{f'-{i + 1}' if len(holders) > 1 else ''}{suffix}"
            files[name] = data
            given[(pos["id"], i)] = name
    return files, given, problems, offered


def _with_photos(positions: list[dict], given: dict) -> list[dict]:
    """The positions with each downloaded photo on its holder (a copy: validation runs before the files exist)."""
    if not given:
        return positions
    out = []
    for pos in positions:
        if any(key[0] == pos["id"] for key in given):
            holders = [({"name": h} if isinstance(h, str) else dict(h)) | ({"photo": given[(pos["id"], i)]}
                                                                          if (pos["id"], i) in given else {})
                       for i, h in enumerate(pos.get("holders") or [])]
            pos = {**pos, "holders": holders}
        out.append(pos)
    return out


def _currency(data: dict) -> str:
    comp, org = data.get("compensation"), data.get("org")
    for section in (comp, org):
        if isinstance(section, dict) and isinstance(section.get("currency"), str):
            return section["currency"]
    return "USD"


def _validated(folder: Folder, generated: dict, label: str, starter: dict | None):
    """The org as it will be once the generated partial (and a new folder's org.yaml) is written: every file
    merged and validated."""
    from orgdocs.source.assemble import merge
    from orgdocs.source.located import Located
    from orgdocs.validate import validate

    where = Location(label)
    part = Located(data=generated, values={(): where} | {(k,): where for k in generated})
    import copy

    parts = ([copy.deepcopy(folder.hand)] if folder.hand is not None else []) + [part]  # merging extends its lists
    if starter is not None:
        parts.insert(0, Located(data=starter, values={(): Location(str(folder.path / "org.yaml"))}))
    merged, problems = merge(parts)  # type: ignore[arg-type]
    org, found = validate(merged, folder.path)
    if problems or found:
        raise OrgInputError(problems + found)
    return org


def run(options: Options, *, fetch: Fetch | None = None) -> Result:
    """fetch: how a photo URL is fetched with --download-photos (source.photo_fetch.fetch); tests give their own,
    the CLI has no way to."""
    from orgdocs.analyse.roster import Settings, build_positions
    from orgdocs.analyse.summary import analyse
    from orgdocs.outputs.imported import generated_files, starter_org, write_import
    from orgdocs.render import import_report
    from orgdocs.source.generated import PEOPLE_FILE
    from orgdocs.source.table import TableError, open_table
    from orgdocs.validate.columns import map_columns
    from orgdocs.validate.roster import read_roster

    overrides = parse_map(options.map)
    if options.report is not None and options.report.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"--report {options.report}: name a .md or .pdf file")
    if options.into is None and options.name is not None:
        raise UsageError("--name names the new org of --into; give --into")
    folder = read_folder(options.into) if options.into is not None else Folder(None)
    used, record, notes = _hris(folder, options, overrides)
    try:
        table = open_table(options.file, encoding=options.encoding, sheet=options.sheet)
    except TableError as exc:
        raise OrgInputError(exc.problems) from None
    columns, problems = map_columns(table, used.get("preset"), used.get("map") or {})
    if problems:
        raise OrgInputError(problems)
    data = folder.hand_data()
    roster, problems = read_roster(table, columns, _currency(data), used.get("pay", True),
                                   used.get("hours_per_week", 40))
    if any(p.severity == "error" for p in problems):
        raise OrgInputError(problems)
    hand_hris = data.get("hris") if isinstance(data.get("hris"), dict) else {}
    if columns.preset and "preset" not in hand_hris:
        record["preset"] = columns.preset  # detected once, read the same way next time
    catalog = _catalog(folder)
    imported = build_positions(roster, catalog,
                               Settings(used.get("role_map") or {}, bool(used.get("group_identical"))))
    read_notes = table.notes + columns.notes
    people = sum(1 for p in roster.people if not p.open and p.name)
    photo_cells = {p.attributes["photo_url"]: p.photo_at for p in roster.people if p.photo_at is not None}
    photo_files, photos_given, photo_problems, photo_urls = _photos(imported.positions, options, photo_cells, fetch)
    if photo_problems:
        raise OrgInputError(photo_problems)
    # a re-import holds two orgs at once (as it was, as it will be): the export's rows and the previous files'
    # raw data are let go first (100,000 rows: hundreds of MB)
    del table, roster, catalog
    before, again = None, bool(folder.previous)
    if again:
        before = org_before(folder)
        before = analyse(before) if before is not None else None
        folder.previous, folder.parts = [], []
    sections = {"hris": record} if record else {}
    if imported.units:
        sections["units"] = imported.units
    if imported.roles:
        sections["roles"] = imported.roles
    summary = [f"{people} {'person' if people == 1 else 'people'} in {len(imported.positions)} positions"
               + (f" ({imported.groups} groups)" if imported.groups else ""),
               f"{len(imported.units)} units generated, {len(imported.mapped_titles)} titles mapped onto catalog "
               f"roles, {len(imported.roles)} role stubs for titles the catalog does not have"]
    result = Result()
    result.info += read_notes + summary
    if photo_urls and not options.download_photos:
        result.messages.append(f"note: {photo_urls} photo URL{'s' if photo_urls != 1 else ''} not used: "
                               "--download-photos fetches them (https only) into photos/ in the org folder")
    elif photo_files:
        result.info.append(f"{len(photo_files)} photo{'s' if len(photo_files) != 1 else ''} downloaded into photos/")
    result.messages += [p.format() for p in problems] + notes
    changes = None
    if folder.path is not None:
        label = str(folder.path / PEOPLE_FILE)
        name = options.name or folder.path.resolve().name
        starter = {"org": {"name": name}} if folder.new else None
        org = _validated(folder, {**sections, "positions": imported.positions}, label, starter)
        if again:
            from orgdocs.views.import_changes import import_changes

            if before is None:
                result.messages.append("note: the org as it was does not load; no changes to report")
            else:
                changes = import_changes(before, analyse(org))
                result.info += [f"changes since the last import: {changes.counts()}"] + \
                    import_report.text_lines(changes)
        files = generated_files(sections, _with_photos(imported.positions, photos_given), options.file.name)
        files.update(photo_files)
        if options.dry_run:
            result.info.append("dry run: nothing written")
        else:
            result.wrote(write_import(folder.path, files, starter_org(starter) if starter else None))
    else:
        result.info.append("no --into: checked only, nothing written")
    if options.report is not None:
        result.wrote([_write_report(options, read_notes, summary, changes,
                                    [p.format() for p in problems])])
    return result


def _write_report(options: Options, notes, summary, changes, warnings) -> Path:
    from orgdocs.render import import_report
    from orgdocs.write import write_atomic

    title = f"Import of {options.file.name}" + (f" into {options.into}" if options.into else "")
    path = options.report
    assert path is not None
    if path.suffix.lower() == ".pdf":
        from orgdocs.render.pdf import html_to_pdf

        page = import_report.html_page(title, notes, summary, changes, warnings)
        data = html_to_pdf(page, base=path.parent if path.parent.exists() else Path("."), allowed=[],
                           when=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))
    else:
        data = import_report.markdown(title, notes, summary, changes, warnings).encode("utf-8")
    write_atomic(path, data)
    return path
