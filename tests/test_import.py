"""`peerwatch councils import`: overrides apply atomically; any bad file changes nothing."""

from __future__ import annotations

import pytest
from monitor_factory import sql_dump

from db.bootstrap import init_path
from db.connection import open_db


def _write(tmp_path, text: str | bytes, name="councils.csv"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _import_ok(run_cli, tmp_path, text: str) -> None:
    """Write `text` as a CSV file and import it: the import must succeed."""
    result = run_cli("councils", "import", str(_write(tmp_path, text)))
    assert result.exit_code == 0, result.output


def test_import_overrides_a_website_and_adds_a_council(run_cli, db_path, tmp_path):
    _import_ok(
        run_cli,
        tmp_path,
        "code,name,website,alt_names\n"
        "BOL,Bolton Council,http://www.bolton.gov.uk.test/,\n"
        "ZZT,Test Borough Council,http://test-borough.example/,Testborough\n",
    )
    db = open_db(db_path)
    assert db.table("councils").get("BOL")["website"] == "http://www.bolton.gov.uk.test/"
    assert db.table("councils").get("BOL")["type"] == "Metropolitan district"
    assert db.table("councils").get("ZZT")["source"] == "import"
    assert run_cli("councils", "match", "Testborough", "--json").output.count('"ZZT"') == 1


def test_overrides_survive_a_second_init(run_cli, db_path, tmp_path):
    _import_ok(run_cli, tmp_path, "code,name,website\nBOL,Bolton Council,http://mirror.example/\n")
    init_path(db_path)
    assert open_db(db_path).table("councils").get("BOL")["website"] == "http://mirror.example/"


BAD_FILES = {
    "missing column": ("code,name\nBOL,Bolton,\n", "column 'website'"),
    "duplicate code": (
        "code,name,website\nBOL,Bolton,http://a.example/\nbol,Bolton again,http://b.example/\n",
        "row 3, column 'code': duplicate code BOL",
    ),
    "empty name": (
        "code,name,website\nBOL,Bolton,http://a.example/\nZZA,  ,http://b.example/\n",
        "row 3, column 'name'",
    ),
    "invalid url": (
        "code,name,website\nBOL,Bolton,http://a.example/\nZZA,Z,notaurl\n",
        "row 3, column 'website'",
    ),
    "ftp url": ("code,name,website\nZZA,Z,ftp://files.example/\n", "row 2, column 'website'"),
    "bad code": ("code,name,website\nB O L,Bolton,http://a.example/\n", "row 2, column 'code'"),
    "bad date": (
        "code,name,website,end_date\nBOL,Bolton,http://a.example/,31/03/2020\n",
        "row 2, column 'end_date'",
    ),
    "wrong encoding": (
        "code,name,website\nBOL,Bolton,http://a.example/\nZZA,Caf\xe9 Council,http://b.example/\n".encode(
            "latin-1"
        ),
        "not UTF-8",
    ),
    "extra values": (
        "code,name,website\nBOL,Bolton,http://a.example/,surplus\n",
        "row 2: more values",
    ),
    "no rows": ("code,name,website\n", "no rows"),
    "current not a yes/no": (
        "code,name,website,current\nZZA,Z,http://a.example/,maybe\n",
        "row 2, column 'current'",
    ),
    "replaced_by unknown": (
        "code,name,website,replaced_by\nZZA,Z,http://a.example/,NOPE\n",
        "row 2, column 'replaced_by'",
    ),
    "replaced_by one of two unknown": (
        "code,name,website,replaced_by\nZZA,Z,http://a.example/,\nZZB,Y,http://b.example/,ZZA;NOPE\n",
        "row 3, column 'replaced_by'",
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_a_bad_file_gets_a_one_line_error_and_changes_nothing(kind, db_path, tmp_path):
    from click.testing import CliRunner

    from monitor.cli import cli as main

    text, expected = BAD_FILES[kind]
    good = _write(
        tmp_path, "code,name,website\nZZB,Before Council,http://before.example/\n", "good.csv"
    )
    assert (
        CliRunner().invoke(main, ["--db", str(db_path), "councils", "import", str(good)]).exit_code
        == 0
    )
    before = sql_dump(db_path)
    bad = _write(tmp_path, text)
    result = CliRunner().invoke(main, ["--db", str(db_path), "councils", "import", str(bad)])
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert expected in lines[0]
    assert "Traceback" not in result.output
    assert sql_dump(db_path) == before


def test_a_council_added_with_only_code_name_website_is_current(run_cli, db_path, tmp_path):
    _import_ok(run_cli, tmp_path, "code,name,website\nZZN,New Council,http://new.example/\n")
    assert open_db(db_path).table("councils").get("ZZN")["current"] == 1
    listed = run_cli("councils", "list", "--current", "--json").output
    assert '"ZZN"' in listed


def test_an_added_council_with_an_end_date_is_not_current(run_cli, db_path, tmp_path):
    _import_ok(
        run_cli,
        tmp_path,
        "code,name,website,end_date,replaced_by\nZZO,Old Council,http://old.example/,2020-03-31,BOL\n",
    )
    assert open_db(db_path).table("councils").get("ZZO")["current"] == 0


def test_replaced_by_may_name_a_council_in_the_same_file(run_cli, db_path, tmp_path):
    _import_ok(
        run_cli,
        tmp_path,
        "code,name,website,end_date,replaced_by\n"
        "ZZO,Old Council,http://old.example/,2020-03-31,ZZN\n"
        "ZZN,New Council,http://new.example/,,\n",
    )


def test_a_next_line_character_inside_a_quoted_name_stays_in_the_name(run_cli, db_path, tmp_path):
    name = "Nel\u0085Council"
    _import_ok(run_cli, tmp_path, f'code,name,website\nZZN,"{name}",http://new.example/\n')
    assert open_db(db_path).table("councils").get("ZZN")["name"] == name
