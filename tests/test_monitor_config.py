"""The TOML config: defaults, overrides, secrets from the environment, one-line errors."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner
from monitor_factory import add_run, check, doc, new_db_file

from db.connection import open_db
from db.errors import PeerwatchError
from monitor.cli import cli
from monitor.config import _SECTIONS, Config, config_from_dict, load_config


def test_no_file_means_documented_defaults(monkeypatch):
    monkeypatch.delenv("PEERWATCH_CONFIG", raising=False)
    config = load_config(None)
    assert config == Config()
    assert (config.diff.removed_after, config.diff.failing_after) == (2, 2)
    assert config.schedule.cron == "0 6 * * mon" and config.schedule.timezone == "Europe/London"


def test_a_file_is_read(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        '[diff]\nremoved_after = 3\n[email]\nto = "a@example.test"\n[crawl]\nbudget = 5\n'
    )
    config = load_config(path)
    assert config.diff.removed_after == 3 and config.email.to == ("a@example.test",)
    assert config.crawl_options().budget == 5 and config.path == str(path)


def test_apprise_urls_from_the_environment(monkeypatch):
    monkeypatch.setenv("PEERWATCH_APPRISE_URLS", "json://127.0.0.1:9/ ntfy://topic")
    assert config_from_dict({"apprise": {"urls": ["x://y"]}}).apprise.urls == (
        "json://127.0.0.1:9/",
        "ntfy://topic",
    )


def test_the_password_comes_only_from_the_environment(monkeypatch):
    raw = {"email": {"enabled": True, "to": ["a@b.test"], "user": "u", "password_env": "PW_TEST"}}
    monkeypatch.delenv("PW_TEST", raising=False)
    with pytest.raises(PeerwatchError, match="PW_TEST is empty"):
        config_from_dict(raw)
    monkeypatch.setenv("PW_TEST", "s3cret")
    assert config_from_dict(raw).email.password() == "s3cret"
    with pytest.raises(PeerwatchError, match="unknown option email.password"):
        config_from_dict({"email": {"password": "s3cret"}})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"difff": {}}, "unknown section [difff]"),
        ({"diff": {"removed_afterr": 2}}, "unknown option diff.removed_afterr"),
        ({"diff": {"removed_after": "2"}}, "diff.removed_after must be an integer"),
        ({"diff": {"removed_after": 0}}, "diff.removed_after must be at least 1"),
        ({"diff": []}, "[diff] must be a table"),
        ({"deadlines": {"timezone": "Europe/Londinium"}}, "unknown time zone"),
        ({"deadlines": {"applies_from": "April 2023"}}, "applies_from must be a date"),
        ({"digest": {"on_empty": "loud"}}, "digest.on_empty must be one of"),
        ({"digest": {"format": "pdf"}}, "digest.format must be one of"),
        ({"email": {"security": "ssl"}}, "email.security must be one of"),
        ({"email": {"enabled": True}}, "email.to must list at least one address"),
        ({"email": {"enabled": "yes"}}, "email.enabled must be true or false"),
        ({"schedule": {"cron": "every monday"}}, "schedule.cron"),
        ({"schedule": {"crawl_timeout_s": 0}}, "crawl_timeout_s must be at least 1"),
        ({"apprise": {"urls": ["not a url"]}}, "is not a URL"),
        ({"crawl": {"budgett": 3}}, "budgett"),
        ({"crawl": {"budget": "lots"}}, "crawl.budget must be an integer, got 'lots'"),
        ({"crawl": {"budget": -5}}, "crawl.budget must be at least 1, got -5"),
        ({"crawl": {"budget": 2.5}}, "crawl.budget must be an integer"),
        ({"crawl": {"timeout": 0}}, "crawl.timeout must be more than 0, got 0"),
        ({"crawl": {"timeout": "30"}}, "crawl.timeout must be a number"),
        ({"crawl": {"autothrottle": "no"}}, "crawl.autothrottle must be true or false"),
        ({"crawl": {"download_delay": -1}}, "crawl.download_delay must not be negative"),
        ({"crawl": {"retry_times": -1}}, "crawl.retry_times must not be negative"),
        ({"crawl": {"concurrency": 0}}, "crawl.concurrency must be at least 1"),
        ({"crawl": {"councils": "BOL"}}, "crawl.councils must be a list of strings"),
        ({"crawl": {"councils": [1, 2]}}, "crawl.councils must be a list of strings"),
        ({"crawl": {"spiders": ["lga", "news"]}}, "crawl.spiders must be lga or councils"),
        ({"crawl": {"spiders": []}}, "crawl.spiders must name at least one spider"),
        ({"crawl": {"proxy": "proxy.example:3128"}}, "crawl.proxy must be an http:// URL"),
        ({"crawl": {"lga_index_url": "www.local.gov.uk"}}, "crawl.lga_index_url must be"),
        ({"crawl": {"log_level": "LOUD"}}, "crawl.log_level must be one of"),
        ({"crawl": {"user_agent": ""}}, "crawl.user_agent must not be empty"),
        ({"email": {"timeout": 0}}, "email.timeout must be more than 0"),
        ({"email": {"port": 70000}}, "email.port must be at most 65535"),
    ],
)
def test_invalid_config_is_one_clear_line(raw, message):
    with pytest.raises(PeerwatchError) as info:
        config_from_dict(raw, source="peerwatch.toml")
    text = str(info.value)
    assert message in text and "\n" not in text and text.startswith("config peerwatch.toml:")


def test_a_bad_config_stops_run_before_any_crawl(tmp_path):
    db_path = new_db_file(tmp_path)
    marker = tmp_path / "crawled"
    bad = tmp_path / "bad.toml"
    bad.write_text(
        f'[schedule]\ncrawl_command = ["touch", "{marker}"]\n[diff]\nremoved_after = -1\n'
    )
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--config", str(bad), "run"])
    assert result.exit_code == 1 and "diff.removed_after must be at least 1" in result.output
    assert not marker.exists()
    broken = tmp_path / "broken.toml"
    broken.write_text("[diff\n")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "--config", str(broken), "status"])
    assert result.exit_code == 1 and "invalid TOML" in result.output


@pytest.mark.parametrize(
    ("crawl", "message"),
    [
        ('budget = "lots"', "crawl.budget must be an integer, got 'lots'"),
        ("budget = -5", "crawl.budget must be at least 1, got -5"),
        ("timeout = 0", "crawl.timeout must be more than 0, got 0"),
    ],
)
def test_a_bad_crawl_option_stops_run_before_any_crawl(tmp_path, crawl, message):
    db_path = new_db_file(tmp_path)
    marker = tmp_path / "crawled"
    bad = tmp_path / "bad.toml"
    bad.write_text(f'[crawl]\n{crawl}\n[schedule]\ncrawl_command = ["touch", "{marker}"]\n')
    for command in (["run"], ["crawl"]):
        result = CliRunner().invoke(cli, ["--db", str(db_path), "--config", str(bad), *command])
        assert result.exit_code == 1 and message in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not marker.exists()


def test_a_crawl_flag_out_of_range_is_one_line(tmp_path):
    db_path = new_db_file(tmp_path)
    result = CliRunner().invoke(cli, ["--db", str(db_path), "crawl", "--budget", "-5"])
    assert result.exit_code == 1 and "crawl.budget must be at least 1" in result.output


def test_status_and_events_read_the_state(tmp_path):
    db_path = new_db_file(tmp_path)
    db = open_db(db_path)
    add_run(
        db,
        [check("BOL"), check("RUS", "no_cpc"), check("KHL", "unknown")],
        [doc("https://bolton.gov.uk/r.pdf", "BOL")],
    )
    db.close()
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db_path), "diff"]).exit_code == 0
    rows = json.loads(
        runner.invoke(
            cli, ["--db", str(db_path), "status", "--verdict", "published", "--json"]
        ).output
    )
    assert [r["code"] for r in rows] == ["BOL"] and rows[0]["last_cpc"] == "2024-03-25"
    rows = json.loads(
        runner.invoke(
            cli,
            [
                "--db",
                str(db_path),
                "status",
                "--region",
                "East Midlands",
                "--verdict",
                "no_cpc",
                "--json",
            ],
        ).output
    )
    assert [r["code"] for r in rows] == ["RUS"] and rows[0]["cpc_overdue"] is True
    events = json.loads(
        runner.invoke(
            cli, ["--db", str(db_path), "events", "--kind", "report_published", "--json"]
        ).output
    )
    assert [(e["kind"], e["council_code"]) for e in events] == [("report_published", "BOL")]
    assert (
        runner.invoke(
            cli, ["--db", str(db_path), "events", "--since", "2999-01-01", "--json"]
        ).output.strip()
        == "[]"
    )
    html = runner.invoke(cli, ["--db", str(db_path), "digest", "--format", "html"]).output
    assert html.startswith("<!DOCTYPE html>") and "Newly published (1)" in html


def test_every_option_has_a_row_in_the_readme_configuration_table():
    """Adding an option is a field on its section's dataclass plus its README row."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    options = [f"{name}.{f.name}" for name, cls in _SECTIONS.items() for f in fields(cls)]
    assert [o for o in options if f"`{o}`" not in table] == []
