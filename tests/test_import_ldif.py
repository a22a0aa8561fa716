"""`orgdocs import` of an LDAP directory export (LDIF, as `ldapsearch -LLL` prints it): people with managers
named by DN, base64 values, folded lines, containers left out; every problem located by line."""

from __future__ import annotations

import base64

import pytest

from orgdocs.commands import import_, steps
from orgdocs.errors import EXIT_BAD_INPUT
from orgdocs.problems import OrgInputError

ZOE = base64.b64encode("Zoë Brandt".encode()).decode()
DIRECTORY = f"""\
version: 1

# the container itself: not a person, left out
dn: ou=people,dc=acme,dc=com
objectClass: organizationalUnit
ou: people

dn: uid=ana,ou=people,dc=acme,dc=com
objectClass: inetOrgPerson
cn: Ana Ruiz
mail: ana@acme.com
title: CEO
employeeNumber: 1001
departmentNumber: Executive

dn: uid=zoe,ou=people,dc=acme,dc=com
objectClass: inetOrgPerson
cn:: {ZOE}
mail: zoe@acme.com
title: Software Engineer, Developer Experien
 ce
manager: uid=ben, ou=people, dc=acme, dc=com
employeeNumber: 1003
departmentNumber: Engineering
l: Lisbon

dn: uid=ben,ou=people,dc=acme,dc=com
objectClass: person
objectClass: inetOrgPerson
cn: Ben Okafor
mail: ben@acme.com
title: CTO
manager: UID=ana,ou=people,dc=acme,dc=com
employeeNumber: 1002
departmentNumber: Engineering
"""


def test_a_directory_becomes_positions_with_managers_by_dn(tmp_path):
    path = tmp_path / "directory.ldif"
    path.write_text(DIRECTORY, encoding="utf-8")
    result = import_.run(import_.Options(path, into=tmp_path / "org"))
    assert "read as LDIF: 3 people (1 entry that are not people left out)" in result.info
    assert "manager key: DN (column manager)" in result.info
    org = steps.load_one(str(tmp_path / "org")).org
    pos = {p.id: p for p in org.positions}
    assert list(pos) == ["1001", "1003", "1002"]  # ids from employeeNumber, in the file's order
    # managers by DN: case and spaces after ',' do not count (uid=ben, ou=people, ... is uid=ben,ou=people,...)
    assert {k: p.reports_to for k, p in pos.items()} == {"1001": None, "1003": "1002", "1002": "1001"}
    assert pos["1003"].holder_names() == ["Zoë Brandt"]  # base64 (cn::) decoded
    assert org.roles[pos["1003"].role].title == "Software Engineer, Developer Experience"  # a folded line joined
    assert pos["1003"].attributes == {"location": "Lisbon"}  # the person's details are the holder's (issue 12)
    assert (pos["1003"].holders[0].email, pos["1003"].holders[0].employee_id) == ("zoe@acme.com", "1003")
    assert {k: p.unit for k, p in pos.items()} == {"1001": "executive", "1003": "engineering",
                                                   "1002": "engineering"}


def _problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "bad.ldif"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OrgInputError) as info:
        import_.run(import_.Options(path, into=tmp_path / "org"))
    assert info.value.exit_code == EXIT_BAD_INPUT
    assert not (tmp_path / "org").exists()  # nothing written
    return [p.format().replace(str(path), "bad.ldif") for p in info.value.problems]


def test_lines_that_are_not_ldif_are_located_all_at_once(tmp_path):
    assert _problems(tmp_path, """\
dn: uid=ana,ou=people,dc=acme,dc=com
cn: Ana Ruiz
title: CEO
jpegPhoto:< file:///etc/passwd

cn: No DN
title: x

dn: uid=zoe,ou=people,dc=acme,dc=com
cn:: not base64!
changetype: modify
this line has no colon
""") == [
        "bad.ldif:4:1: error: jpegPhoto: a value read from a URL is not read; put the value in the file "
        "[ldif-url]",
        "bad.ldif:6:1: error: an entry starts with dn:, not cn: [ldif-syntax]",
        "bad.ldif:10:1: error: cn:: is not base64 of UTF-8 text [ldif-base64]",
        "bad.ldif:11:1: error: a change record (changetype:) is not a directory entry; export the entries "
        "(ldapsearch output) [ldif-change]",
        "bad.ldif:12:1: error: not an LDIF line (write attribute: value) [ldif-syntax]",
    ]


def test_managers_by_dn_are_checked_at_the_line_of_the_manager_attribute(tmp_path):
    assert _problems(tmp_path, """\
dn: uid=ana,ou=people,dc=acme,dc=com
cn: Ana Ruiz
title: CEO
manager: uid=ana,ou=people,dc=acme,dc=com

dn: uid=zoe,ou=people,dc=acme,dc=com
cn: Zoë Brandt
title: Engineer
manager: uid=nobody,ou=people,dc=acme,dc=com

dn: UID=zoe, ou=people,dc=acme,dc=com
cn: Zoë Again
title: Engineer
""") == [
        "bad.ldif:4:1 (manager): error: Ana Ruiz reports to themself ('uid=ana,ou=people,dc=acme,dc=com') "
        "[self-report]",
        "bad.ldif:9:1 (manager): error: manager 'uid=nobody,ou=people,dc=acme,dc=com': no row has this DN "
        "[manager-not-found]",
        "bad.ldif:11:1 (dn): error: DN 'UID=zoe, ou=people,dc=acme,dc=com' is also on row 6 [duplicate-dn]",
    ]
