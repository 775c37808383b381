"""The workspace over HTTP (``standoff serve``): every route, and every refusal with its exact
status and message. The workspace runs on a temporary copy of some examples, never on
``examples/`` itself."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from standoff.cli import app as cli
from standoff.scenario import loads
from standoff.scenario._limits import MAX_FILE_BYTES
from standoff.web import create_app
from standoff.web._app import MAX_BODY_BYTES
from standoff.web._security import CONTENT_POLICY

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "a-token-for-the-tests-0123456789"
ORIGIN = "http://127.0.0.1:8765"
WRITE = {"origin": ORIGIN, "x-standoff-token": TOKEN}
SHIPPED = ("korea_2019.yaml", "korea_2017.yaml", "prisoners_dilemma.yaml", "chicken.yaml")
MISSPELT = "'tseting' is not an option or a state name (did you mean 'testing'?)"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    space = tmp_path / "space"
    space.mkdir()
    for name in SHIPPED:
        shutil.copy(ROOT / "examples" / name, space / name)
    return space


@pytest.fixture
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder, token=TOKEN), base_url=ORIGIN)


def text_of(folder: Path, name: str) -> str:
    return (folder / name).read_text(encoding="utf-8")


def version_of(folder: Path, name: str) -> str:
    return hashlib.sha256((folder / name).read_bytes()).hexdigest()


def misspelt(text: str) -> str:
    """Korea 2019 with the US's ``- not testing`` (line 106) misspelt."""
    lines = text.split("\n")
    assert lines[105] == "      - not testing"
    lines[105] = "      - not tseting"
    return "\n".join(lines)


# The pages and the security headers


def test_the_folder_page_carries_the_token_and_the_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert f'<meta name="standoff-token" content="{TOKEN}">' in response.text
    assert response.headers["content-security-policy"] == CONTENT_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in response.text  # only the workspace's own script files


def test_the_policy_allows_nothing_from_elsewhere() -> None:
    assert "default-src 'none'" in CONTENT_POLICY
    assert "unsafe" not in CONTENT_POLICY
    assert "http" not in CONTENT_POLICY


def test_the_scenario_page_and_its_static_files(client: TestClient) -> None:
    page = client.get("/edit/korea_2019.yaml")
    assert page.status_code == 200
    assert 'data-name="korea_2019.yaml"' in page.text
    for path in ("/static/editor.js", "/static/scenario.js", "/static/workspace.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "http://" not in response.text
        assert "https://" not in response.text
    assert "standoff-brief" in client.get("/brief.css").text
    assert client.get("/favicon.ico").status_code == 204


def test_the_page_of_a_missing_scenario_is_404(client: TestClient) -> None:
    response = client.get("/edit/missing.yaml")
    assert (response.status_code, response.json()) == (
        404,
        {"error": "no scenario 'missing.yaml' in this folder"},
    )


# The folder view


def test_the_folder_lists_each_file_with_title_change_and_validity(
    client: TestClient, folder: Path
) -> None:
    (folder / "broken.yaml").write_text("standoff: 1\ntitle: [unclosed\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a scenario")
    (folder / ".hidden.yaml").write_text("standoff: 1\n")
    files = {entry["name"]: entry for entry in client.get("/api/files").json()["files"]}
    assert sorted(files) == sorted([*SHIPPED, "broken.yaml"])
    assert files["korea_2019.yaml"]["title"] == "US–DPRK talks after Stockholm, October 2019"
    assert files["korea_2019.yaml"]["valid"] is True
    assert files["korea_2019.yaml"]["modified"].endswith(" UTC")
    assert (files["broken.yaml"]["valid"], files["broken.yaml"]["problems"]) == (False, 1)


def test_a_new_scenario_comes_from_the_template_and_is_valid(
    client: TestClient, folder: Path
) -> None:
    response = client.post("/api/new", json={"name": "mine/new.yaml"}, headers=WRITE)
    assert response.status_code == 201
    assert response.json() == {
        "name": "mine/new.yaml",
        "version": version_of(folder, "mine/new.yaml"),
    }
    assert loads(text_of(folder, "mine/new.yaml"), "new.yaml").title == "A new standoff"
    again = client.post("/api/new", json={"name": "mine/new.yaml"}, headers=WRITE)
    assert (again.status_code, again.json()) == (
        409,
        {"error": "'mine/new.yaml' exists already: choose another name"},
    )


def test_a_duplicate_is_a_copy_under_a_new_name(client: TestClient, folder: Path) -> None:
    body = {"name": "chicken.yaml", "new": "chicken_what_if.yaml"}
    response = client.post("/api/duplicate", json=body, headers=WRITE)
    assert response.status_code == 201
    assert text_of(folder, "chicken_what_if.yaml") == text_of(folder, "chicken.yaml")
    again = client.post("/api/duplicate", json=body, headers=WRITE)
    assert (again.status_code, again.json()["error"]) == (
        409,
        "'chicken_what_if.yaml' exists already: choose another name",
    )


# Reading, validating, analysing


def test_a_file_comes_with_its_version(client: TestClient, folder: Path) -> None:
    response = client.get("/api/file", params={"name": "chicken.yaml"})
    assert response.json() == {
        "name": "chicken.yaml",
        "text": text_of(folder, "chicken.yaml"),
        "version": version_of(folder, "chicken.yaml"),
    }


def test_validation_places_each_problem_at_its_line_and_column(
    client: TestClient, folder: Path
) -> None:
    text = misspelt(text_of(folder, "korea_2019.yaml"))
    body = {"name": "korea_2019.yaml", "text": text}
    response = client.post("/api/validate", json=body, headers=WRITE)
    assert response.status_code == 200
    assert response.json() == {
        "valid": False,
        "diagnostics": [
            {
                "line": 106,
                "column": 13,
                "severity": "error",
                "message": MISSPELT,
                "text": f"korea_2019.yaml:106:13: error: {MISSPELT}",
            }
        ],
    }
    body["text"] = text_of(folder, "korea_2019.yaml")
    fixed = client.post("/api/validate", json=body, headers=WRITE)
    assert fixed.json() == {"valid": True, "diagnostics": []}


def test_the_quick_panels_are_the_briefing_sections(client: TestClient, folder: Path) -> None:
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml")}
    found = client.post("/api/analyse", json=body, headers=WRITE).json()
    assert found["valid"] is True
    keys = [section["key"] for section in found["sections"]]
    assert keys == ["situation", "states", "conflict", "evolution", "perceptions", "bargaining"]
    conflict = found["sections"][2]["html"]
    assert conflict.startswith('<section id="panel-conflict" data-section="conflict">')
    assert 'data-chart="state-graph"' in conflict
    assert found["equilibria"]["nash"] == [23]
    bargaining = found["sections"][5]["html"]
    assert 'data-chart="utility-space"' in bargaining
    # pointing at the Nash agreement shows its levels (an SVG <title>: a native tooltip)
    assert (
        "<title>Nash bargaining agreement = Kalai–Smorodinsky agreement:&#10;"
        "sanctions: full_relief; program: verified_freeze; drills: 0%&#10;"
        "utility to US 0.42, to NK 0.77</title>"
    ) in bargaining


def test_robustness_forecast_and_talks_are_parts_of_their_own(
    client: TestClient, folder: Path
) -> None:
    text = text_of(folder, "korea_2019.yaml")
    robustness = client.post(
        "/api/analyse",
        json={"name": "korea_2019.yaml", "text": text, "part": "more"},
        headers=WRITE,
    ).json()
    assert [s["key"] for s in robustness["sections"]] == ["robustness"]
    talks = client.post(
        "/api/analyse",
        json={"name": "korea_2019.yaml", "text": text, "part": "talks", "runs": 20, "seed": 7},
        headers=WRITE,
    ).json()
    assert [s["key"] for s in talks["sections"]] == ["simulation"]
    assert "20" in talks["sections"][0]["html"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        pytest.param(
            {"part": "everything"}, 400, "'part' must be one of core, more, talks", id="part"
        ),
        pytest.param(
            {"part": "talks", "runs": 0},
            422,
            "runs must be 1 to 20,000 in the workspace",
            id="runs",
        ),
        pytest.param({"runs": "many"}, 400, "'runs' must be a whole number", id="runs-type"),
        pytest.param(
            {"seed": -1, "part": "talks"},
            422,
            "the seed must be 0 to 18,446,744,073,709,551,615, got -1",
            id="seed",
        ),
    ],
)
def test_a_bad_analysis_request_is_refused(
    client: TestClient, folder: Path, body: dict[str, object], status: int, message: str
) -> None:
    full = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), **body}
    response = client.post("/api/analyse", json=full, headers=WRITE)
    assert (response.status_code, response.json()) == (status, {"error": message})


def test_an_invalid_text_gives_its_problems_not_panels(client: TestClient, folder: Path) -> None:
    text = misspelt(text_of(folder, "korea_2019.yaml"))
    found = client.post(
        "/api/analyse", json={"name": "korea_2019.yaml", "text": text}, headers=WRITE
    ).json()
    assert found["valid"] is False
    assert [d["message"] for d in found["diagnostics"]] == [MISSPELT]


def test_a_state_shows_its_stability_explanations_and_path(
    client: TestClient, folder: Path
) -> None:
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), "state": "23"}
    found = client.post("/api/state", json=body, headers=WRITE).json()
    assert found["title"] == "23 escalation"
    assert found["path"].startswith("From the status quo: NK")  # three moves: NK, China, US
    assert found["path"].count(" → ") == 2
    assert [e["party"] for e in found["explanations"]] == ["US", "NK", "China"]
    assert "Why state 23 escalation is or is not stable for NK" in found["explanations"][1]["html"]
    assert "<caption>Stability per concept</caption>" in found["stability"]
    unreachable = client.post("/api/state", json={**body, "state": "6"}, headers=WRITE).json()
    assert unreachable["path"] == "Not reachable from the status quo by moves each party gains by."


def test_a_state_that_does_not_exist_is_refused(client: TestClient, folder: Path) -> None:
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), "state": "99"}
    response = client.post("/api/state", json=body, headers=WRITE)
    assert response.status_code == 422
    assert response.json() == {
        "error": "'99' is not a state name, an id from 1 to 24 or a pattern of 5 Y/N letters"
    }


def test_a_scenario_without_a_conflict_has_no_states(client: TestClient, folder: Path) -> None:
    body = {"name": "korea_2017.yaml", "text": text_of(folder, "korea_2017.yaml"), "state": "1"}
    response = client.post("/api/state", json=body, headers=WRITE)
    assert (response.status_code, response.json()) == (
        422,
        {"error": "the scenario has no 'conflict' section, so no states"},
    )


def test_an_analysis_past_its_time_budget_is_abandoned(folder: Path) -> None:
    slow = TestClient(create_app(folder, token=TOKEN, budget=0.000_001), base_url=ORIGIN)
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml")}
    response = slow.post("/api/analyse", json=body, headers=WRITE)
    assert (response.status_code, response.json()) == (
        503,
        {"error": "the analysis took longer than 1e-06 s and was abandoned"},
    )


# Saving: atomic, never over a file that changed, every previous version kept


def test_a_save_replaces_the_file_and_keeps_the_previous_version(
    client: TestClient, folder: Path
) -> None:
    before = text_of(folder, "chicken.yaml")
    base = version_of(folder, "chicken.yaml")
    after = before.replace("title: Chicken", "title: Chicken, revised")
    response = client.post(
        "/api/save", json={"name": "chicken.yaml", "text": after, "base": base}, headers=WRITE
    )
    assert response.status_code == 200
    assert response.json() == {
        "name": "chicken.yaml",
        "version": version_of(folder, "chicken.yaml"),
    }
    assert text_of(folder, "chicken.yaml") == after
    assert [p.name for p in folder.iterdir() if p.name.startswith(".chicken")] == []  # no temp left
    versions = client.get("/api/versions", params={"name": "chicken.yaml"}).json()["versions"]
    assert len(versions) == 1
    assert versions[0]["version"].endswith("-" + base[:12])
    kept = client.get(
        "/api/version", params={"name": "chicken.yaml", "version": versions[0]["version"]}
    ).json()
    assert kept["text"] == before
    assert (folder / ".standoff" / "versions" / "chicken.yaml").is_dir()


def test_a_stale_save_is_refused_with_what_is_on_disk(client: TestClient, folder: Path) -> None:
    base = version_of(folder, "chicken.yaml")
    disk = text_of(folder, "chicken.yaml") + "# changed by another editor\n"
    (folder / "chicken.yaml").write_text(disk, encoding="utf-8")
    response = client.post(
        "/api/save", json={"name": "chicken.yaml", "text": "mine", "base": base}, headers=WRITE
    )
    assert response.status_code == 409
    assert response.json() == {
        "error": "'chicken.yaml' changed on disk since it was opened",
        "text": disk,
        "version": version_of(folder, "chicken.yaml"),
        "diff": [
            "--- on disk",
            "+++ yours",
            f"@@ -1,{len(disk.splitlines())} +1 @@",
            *(f"-{line}" for line in disk.splitlines()),
            "+mine",
        ],
    }
    assert text_of(folder, "chicken.yaml") == disk  # nothing lost


def test_a_file_too_large_is_refused(client: TestClient, folder: Path) -> None:
    big = "#" * (MAX_FILE_BYTES + 1)
    message = f"'chicken.yaml' is larger than a scenario may be ({MAX_FILE_BYTES:,} bytes)"
    base = version_of(folder, "chicken.yaml")
    save = client.post(
        "/api/save", json={"name": "chicken.yaml", "text": big, "base": base}, headers=WRITE
    )
    assert (save.status_code, save.json()) == (413, {"error": message})
    (folder / "chicken.yaml").write_text(big)
    read = client.get("/api/file", params={"name": "chicken.yaml"})
    assert (read.status_code, read.json()) == (413, {"error": message})
    check = client.post("/api/validate", json={"name": "x.yaml", "text": big}, headers=WRITE)
    assert (check.status_code, check.json()) == (
        413,
        {"error": f"the scenario is larger than a scenario may be ({MAX_FILE_BYTES:,} bytes)"},
    )


def test_a_request_body_too_large_is_refused(client: TestClient) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)
    response = client.post("/api/validate", content=body, headers=WRITE)
    assert (response.status_code, response.json()) == (
        413,
        {"error": f"the request is larger than {MAX_BODY_BYTES:,} bytes"},
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"{not json", "the request body is not JSON", id="not-json"),
        pytest.param(b"[1, 2]", "the request body must be a JSON object", id="not-object"),
        pytest.param(b'{"name": "a.yaml", "text": 3}', "'text' must be a string", id="text"),
    ],
)
def test_a_malformed_body_is_refused(client: TestClient, content: bytes, message: str) -> None:
    response = client.post("/api/validate", content=content, headers=WRITE)
    assert (response.status_code, response.json()) == (400, {"error": message})


def test_saving_a_missing_file_is_refused(client: TestClient) -> None:
    response = client.post(
        "/api/save", json={"name": "gone.yaml", "text": "x", "base": "0"}, headers=WRITE
    )
    assert (response.status_code, response.json()) == (
        404,
        {"error": "no scenario 'gone.yaml' in this folder"},
    )


@pytest.mark.parametrize(
    ("version", "status", "message"),
    [
        pytest.param("../../etc", 400, "'../../etc' is not a version name", id="malformed"),
        pytest.param(
            "20240102T030405000000Z-0123456789ab",
            404,
            "no version '20240102T030405000000Z-0123456789ab' of 'chicken.yaml'",
            id="unknown",
        ),
    ],
)
def test_a_bad_version_is_refused(
    client: TestClient, version: str, status: int, message: str
) -> None:
    response = client.get("/api/version", params={"name": "chicken.yaml", "version": version})
    assert (response.status_code, response.json()) == (status, {"error": message})


def test_versions_of_a_file_never_saved_are_none(client: TestClient) -> None:
    response = client.get("/api/versions", params={"name": "chicken.yaml"})
    assert response.json() == {"name": "chicken.yaml", "versions": []}


# Only files inside the folder


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "../outside.yaml", "'../outside.yaml' leads out of the workspace folder", id="dot-dot"
        ),
        pytest.param(
            "a/../../outside.yaml",
            "'a/../../outside.yaml' leads out of the workspace folder",
            id="deeper",
        ),
        pytest.param(
            "/etc/passwd.yaml",
            "'/etc/passwd.yaml' is an absolute path: name a file inside the folder",
            id="absolute",
        ),
        pytest.param(
            ".standoff/versions/x.yaml",
            "'.standoff/versions/x.yaml' is hidden: the workspace shows no hidden files",
            id="hidden",
        ),
        pytest.param(
            "notes.txt",
            "'notes.txt' is not a scenario file (expected a .yaml or .yml name)",
            id="suffix",
        ),
        pytest.param("a\\b.yaml", "'a\\b.yaml' is not a scenario file name", id="backslash"),
        pytest.param("", "'' is not a scenario file name", id="empty"),
    ],
)
def test_a_name_outside_the_folder_is_refused(client: TestClient, name: str, message: str) -> None:
    read = client.get("/api/file", params={"name": name})
    assert (read.status_code, read.json()) == (400, {"error": message})
    save = client.post("/api/save", json={"name": name, "text": "x", "base": "0"}, headers=WRITE)
    assert (save.status_code, save.json()) == (400, {"error": message})
    created = client.post("/api/new", json={"name": name}, headers=WRITE)
    assert (created.status_code, created.json()) == (400, {"error": message})


def test_a_symbolic_link_out_of_the_folder_is_refused(
    client: TestClient, folder: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("standoff: 1\ntitle: Secret\nparties: {A: {}}\n")
    os.symlink(secret, folder / "link.yaml")
    response = client.get("/api/file", params={"name": "link.yaml"})
    assert (response.status_code, response.json()) == (
        400,
        {"error": "'link.yaml' leads out of the workspace folder"},
    )
    assert "link.yaml" not in [f["name"] for f in client.get("/api/files").json()["files"]]
    save = client.post(
        "/api/save", json={"name": "link.yaml", "text": "x", "base": "0"}, headers=WRITE
    )
    assert save.status_code == 400
    assert "Secret" in secret.read_text()


def test_a_url_encoded_climb_out_is_refused(client: TestClient) -> None:
    response = client.get("/edit/..%2Foutside.yaml")
    assert (response.status_code, response.json()) == (
        400,
        {"error": "'../outside.yaml' leads out of the workspace folder"},
    )


# Who may change something


def test_a_write_without_the_token_is_refused(client: TestClient, folder: Path) -> None:
    before = text_of(folder, "chicken.yaml")
    for headers in ({"origin": ORIGIN}, {"origin": ORIGIN, "x-standoff-token": "wrong"}):
        response = client.post(
            "/api/save",
            json={"name": "chicken.yaml", "text": "x", "base": version_of(folder, "chicken.yaml")},
            headers=headers,
        )
        assert (response.status_code, response.json()) == (
            403,
            {"error": "missing or wrong access token"},
        )
    assert text_of(folder, "chicken.yaml") == before


def test_a_cross_origin_write_is_refused(client: TestClient) -> None:
    headers = {"origin": "http://evil.example", "x-standoff-token": TOKEN}
    response = client.post("/api/new", json={"name": "x.yaml"}, headers=headers)
    assert (response.status_code, response.json()) == (
        403,
        {"error": "cross-origin request refused: 'http://evil.example' is not this workspace"},
    )


def test_a_write_without_an_origin_is_refused(client: TestClient) -> None:
    response = client.post("/api/new", json={"name": "x.yaml"}, headers={"x-standoff-token": TOKEN})
    assert (response.status_code, response.json()) == (
        403,
        {"error": "a request that changes something must say its origin"},
    )


def test_a_loopback_workspace_answers_only_to_loopback_names(folder: Path) -> None:
    rebound = TestClient(create_app(folder, token=TOKEN), base_url="http://evil.example:8765")
    response = rebound.get("/api/files")
    assert (response.status_code, response.json()) == (
        400,
        {"error": "this workspace answers only on this machine, not to host 'evil.example:8765'"},
    )
    for host in ("http://localhost:8765", "http://[::1]:8765"):
        assert (
            TestClient(create_app(folder, token=TOKEN), base_url=host).get("/").status_code == 200
        )


def test_beyond_loopback_everything_needs_the_token(folder: Path) -> None:
    shared = TestClient(
        create_app(folder, token=TOKEN, loopback=False),
        base_url="http://192.0.2.7:8765",
        follow_redirects=False,
    )
    refused = shared.get("/api/files")
    assert (refused.status_code, refused.json()) == (
        403,
        {"error": "this workspace needs its access token (printed when it started)"},
    )
    entry = shared.get("/", params={"token": TOKEN})
    assert entry.status_code == 303
    assert entry.headers["location"] == "/"
    assert f"standoff_token={TOKEN}" in entry.headers["set-cookie"]
    assert "HttpOnly" in entry.headers["set-cookie"]
    shared.cookies.set("standoff_token", TOKEN)
    assert shared.get("/api/files").status_code == 200
    stranger = TestClient(
        create_app(folder, token=TOKEN, loopback=False), base_url="http://192.0.2.7:8765"
    )
    stranger.cookies.set("standoff_token", "guess")
    assert stranger.get("/api/files").status_code == 403


# Comparing and exporting


def test_compare_says_what_changed_in_the_file_and_the_conclusions(
    client: TestClient, folder: Path
) -> None:
    text = text_of(folder, "korea_2019.yaml").replace("      - not testing", "      - testing", 1)
    body = {"name": "korea_2019.yaml", "text": text, "against": "disk"}
    found = client.post("/api/compare", json=body, headers=WRITE).json()
    assert (found["before"], found["after"]) == (
        "korea_2019.yaml (saved)",
        "korea_2019.yaml (editor)",
    )
    assert "-      - not testing" in found["diff"]
    assert "+      - testing" in found["diff"]
    seq = next(c for c in found["changes"] if c["what"] == "equilibria under SEQ")
    assert seq["lost"] == ["2 relief_up_front", "3 (NYNNN)", "14 (YNNNY)", "16 (YYNNY)"]
    assert seq["gained"] == []


def test_compare_simulates_the_talks_of_both_texts(client: TestClient, folder: Path) -> None:
    text = text_of(folder, "korea_2019.yaml").replace("deadline: {US: 12}", "deadline: {US: 20}")
    body = {"name": "korea_2019.yaml", "text": text, "against": "disk"}
    found = client.post("/api/compare", json=body, headers=WRITE).json()
    assert found["changes"] == []
    simulated = found["simulated"]
    assert simulated["title"] == (
        "Simulated talks as written (2,000 runs each, seed 0, on common random numbers)"
    )
    assert simulated["outcomes"][0]["text"] == (
        "22.4% → 58.5% (paired difference +36.0 ± 1.3 points)"
    )


def test_compare_against_an_unknown_version_is_refused(client: TestClient, folder: Path) -> None:
    body = {"name": "chicken.yaml", "text": text_of(folder, "chicken.yaml"), "against": "old"}
    response = client.post("/api/compare", json=body, headers=WRITE)
    assert (response.status_code, response.json()) == (
        400,
        {"error": "'old' is not a version name"},
    )


@pytest.mark.parametrize(
    ("kind", "arguments", "download"),
    [
        pytest.param("html", ["report", "--format", "html"], "korea_2019.html", id="html"),
        pytest.param(
            "markdown", ["report", "--format", "markdown"], "korea_2019.md", id="markdown"
        ),
        pytest.param("json", ["analyze", "--format", "json"], "korea_2019.json", id="json"),
    ],
)
def test_an_export_is_what_the_command_line_writes(
    client: TestClient,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    arguments: list[str],
    download: str,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704164640")  # the same time in both
    response = client.get(f"/export/{kind}", params={"name": "korea_2019.yaml"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == f'attachment; filename="{download}"'
    written = tmp_path / download
    result = CliRunner().invoke(
        cli, [*arguments, str(folder / "korea_2019.yaml"), "--output", str(written)]
    )
    assert result.exit_code == 0, result.output
    assert response.content == written.read_bytes()
    if kind == "json":
        assert json.loads(response.content)["scenario"]["file"] == str(folder / "korea_2019.yaml")


def test_an_unknown_export_is_404(client: TestClient) -> None:
    response = client.get("/export/pdf", params={"name": "chicken.yaml"})
    assert (response.status_code, response.json()) == (
        404,
        {"error": "no export 'pdf' (expected html, markdown or json)"},
    )


def test_exporting_an_invalid_file_gives_its_problems(client: TestClient, folder: Path) -> None:
    (folder / "chicken.yaml").write_text("standoff: 1\ntitle: [unclosed\n")
    response = client.get("/export/html", params={"name": "chicken.yaml"})
    assert response.status_code == 422
    assert response.json()["error"] == "the scenario is not valid"
    assert response.json()["diagnostics"][0]["line"] == 2


# The command


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    monkeypatch.setattr("standoff.cli._serve.missing_web_packages", lambda: ["starlette"])
    result = CliRunner().invoke(cli, ["serve", str(folder)])
    assert result.exit_code == 1
    assert result.stderr == (
        "standoff: error: the workspace needs the 'web' extra (starlette missing): "
        "pip install 'standoff[web]'\n"
    )


def test_serve_needs_a_folder(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(folder / "chicken.yaml")])
    assert result.exit_code == 2
    assert f"'{folder / 'chicken.yaml'}' is not a folder" in result.stderr


def test_serve_refuses_a_short_token(folder: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", str(folder), "--token", "short"])
    assert result.exit_code == 2
    assert "an access token needs at least 16 characters" in result.stderr


def test_serve_starts_uvicorn_with_the_guarded_app(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    started: dict[str, object] = {}

    def fake_run(app: object, **options: object) -> None:
        started.update(options, app=app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    result = CliRunner().invoke(cli, ["serve", str(folder), "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert (started["host"], started["port"]) == ("0.0.0.0", 9000)
    assert result.stderr.startswith(f"standoff workspace on {folder}: http://0.0.0.0:9000/?token=")


def test_the_parts_a_page_may_ask_for_are_the_analysis_parts() -> None:
    from standoff.web._analysis import PARTS as ANALYSIS_PARTS
    from standoff.web._app import PARTS

    assert tuple(ANALYSIS_PARTS) == PARTS


def test_the_workspace_loads_the_analyses_when_it_starts(folder: Path) -> None:
    with TestClient(create_app(folder, token=TOKEN), base_url=ORIGIN) as started:
        assert started.get("/").status_code == 200


def test_the_workspace_never_imports_the_command_line() -> None:
    package = ROOT / "src" / "standoff" / "web"
    sources = "".join(path.read_text(encoding="utf-8") for path in package.glob("*.py"))
    assert "standoff.cli" not in sources


def test_the_command_line_starts_without_the_web_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys, standoff.cli; "
        "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_an_analysis_too_large_is_refused_with_the_loaders_message(client: TestClient) -> None:
    options = "\n".join(f"      o{k}: {{}}" for k in range(30))
    text = (
        f"standoff: 1\ntitle: Big\nparties:\n  A:\n    options:\n{options}\n"
        "conflict:\n  preferences:\n    A: [o1]\n"
    )
    found = client.post("/api/analyse", json={"name": "big.yaml", "text": text}, headers=WRITE)
    assert found.status_code == 200
    assert found.json()["valid"] is False
    assert found.json()["diagnostics"][0]["message"] == (
        "the scenario has 30 options, so 1,073,741,824 candidate states; the engine's limit is "
        "28 options (268,435,456 candidates)"
    )


def test_an_analysis_beyond_its_memory_budget_is_refused(
    client: TestClient, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from standoff.errors import AnalysisTooLargeError

    def too_large(*arguments: object, **options: object) -> None:
        raise AnalysisTooLargeError("the analysis needs 9 GB, beyond its budget of 1 GB")

    monkeypatch.setattr("standoff.web._analysis.run", too_large)
    body = {"name": "chicken.yaml", "text": text_of(folder, "chicken.yaml")}
    response = client.post("/api/analyse", json=body, headers=WRITE)
    assert (response.status_code, response.json()) == (
        422,
        {"error": "the analysis needs 9 GB, beyond its budget of 1 GB"},
    )


def test_simulated_talks_run_in_the_background_with_progress(
    client: TestClient, folder: Path
) -> None:
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), "runs": 30}
    started = client.post("/api/talks", json={**body, "seed": 3}, headers=WRITE)
    assert started.status_code == 202
    job = started.json()["job"]
    for _ in range(1200):  # polled as the page polls it, for at most a minute
        found = client.get("/api/talks", params={"job": job}).json()
        if found["finished"]:
            break
        time.sleep(0.05)
    assert found["finished"] is True
    assert found["total"] > 0
    assert found["done"] <= found["total"]
    assert [s["key"] for s in found["result"]["sections"]] == ["simulation"]


def test_unknown_talks_and_too_many_runs_are_refused(client: TestClient, folder: Path) -> None:
    unknown = client.get("/api/talks", params={"job": "42"})
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"error": "no simulation '42' (it may have been forgotten)"},
    )
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), "runs": 20_001}
    refused = client.post("/api/talks", json=body, headers=WRITE)
    assert (refused.status_code, refused.json()) == (
        422,
        {"error": "runs must be 1 to 20,000 in the workspace"},
    )


def test_a_failed_simulation_says_why() -> None:
    from standoff.errors import RequestError
    from standoff.web._jobs import Jobs

    def failing(tell: object) -> dict[str, object]:
        raise RequestError("seed", "the seed must be 0 to 9, got 10")

    jobs = Jobs()
    found = jobs.wait(jobs.start(failing), timeout=10)
    assert found == {
        "done": 0,
        "total": 0,
        "finished": True,
        "error": "the seed must be 0 to 9, got 10",
    }


def test_compare_with_an_earlier_version(client: TestClient, folder: Path) -> None:
    before = text_of(folder, "prisoners_dilemma.yaml")
    after = before.replace("    - not ann_defects\n", "    - ann_defects\n")
    saved = client.post(
        "/api/save",
        json={
            "name": "prisoners_dilemma.yaml",
            "text": after,
            "base": version_of(folder, "prisoners_dilemma.yaml"),
        },
        headers=WRITE,
    )
    assert saved.status_code == 200
    kept = client.get("/api/versions", params={"name": "prisoners_dilemma.yaml"}).json()
    version = kept["versions"][0]["version"]
    body = {"name": "prisoners_dilemma.yaml", "text": after, "against": version}
    found = client.post("/api/compare", json=body, headers=WRITE).json()
    stamp = f"{version[0:4]}-{version[4:6]}-{version[6:8]} {version[9:11]}:{version[11:13]}"
    assert found["before"].startswith(f"prisoners_dilemma.yaml (as saved before {stamp}:")
    assert found["changes"][0] == {
        "what": "equilibria under GMR",
        "before": "1 both_cooperate, 4 (YY)",
        "after": "2 (YN), 4 (YY)",
        "gained": ["2 (YN)"],
        "lost": ["1 both_cooperate"],
    }


def test_compare_with_another_file_of_the_folder(client: TestClient, folder: Path) -> None:
    body = {
        "name": "chicken.yaml",
        "text": text_of(folder, "chicken.yaml"),
        "against": "file:prisoners_dilemma.yaml",
    }
    found = client.post("/api/compare", json=body, headers=WRITE).json()
    assert (found["before"], found["after"]) == ("prisoners_dilemma.yaml", "chicken.yaml (editor)")
    assert "-title: Prisoner's dilemma" in found["diff"]
    outside = client.post(
        "/api/compare", json={**body, "against": "file:../secret.yaml"}, headers=WRITE
    )
    assert (outside.status_code, outside.json()) == (
        400,
        {"error": "'../secret.yaml' leads out of the workspace folder"},
    )


def test_only_the_latest_simulations_are_kept() -> None:
    from standoff.web._jobs import KEPT, Jobs

    jobs = Jobs()
    numbers = [jobs.start(lambda tell: {"sections": []}) for _ in range(KEPT + 3)]
    for number in numbers[-KEPT:]:
        assert jobs.wait(number, timeout=10)["finished"] is True
    assert [jobs.get(number) for number in numbers[:3]] == [None, None, None]


def test_what_would_make_a_state_stable(client: TestClient, folder: Path) -> None:
    body = {"name": "korea_2019.yaml", "text": text_of(folder, "korea_2019.yaml"), "state": "23"}
    found = client.post("/api/inverse", json=body, headers=WRITE).json()
    assert (found["state"], found["concept"]) == ("23", "seq")
    assert found["html"].startswith('<section id="panel-inverse" data-section="inverse">')
    unknown = client.post("/api/inverse", json={**body, "concept": "best"}, headers=WRITE)
    assert (unknown.status_code, unknown.json()) == (
        422,
        {"error": "unknown concept 'best'; expected some of nash, gmr, smr, seq, sim, seqsim"},
    )
    no_states = {
        "name": "korea_2017.yaml",
        "text": text_of(folder, "korea_2017.yaml"),
        "state": "1",
    }
    refused = client.post("/api/inverse", json=no_states, headers=WRITE)
    assert (refused.status_code, refused.json()) == (
        422,
        {"error": "the scenario has no 'conflict' section, so no states"},
    )


def test_compare_two_versions_with_each_other(client: TestClient, folder: Path) -> None:
    first = text_of(folder, "prisoners_dilemma.yaml")
    second = first.replace("    - not ann_defects\n", "    - ann_defects\n")
    third = second.replace("title: Prisoner's dilemma", "title: A third version")
    for text in (second, third):
        saved = client.post(
            "/api/save",
            json={
                "name": "prisoners_dilemma.yaml",
                "text": text,
                "base": version_of(folder, "prisoners_dilemma.yaml"),
            },
            headers=WRITE,
        )
        assert saved.status_code == 200
    kept = client.get("/api/versions", params={"name": "prisoners_dilemma.yaml"}).json()
    newest, oldest = (v["version"] for v in kept["versions"])
    body = {"name": "prisoners_dilemma.yaml", "text": "ignored", "against": oldest}
    found = client.post("/api/compare", json={**body, "after": newest}, headers=WRITE).json()
    assert found["changes"][0]["lost"] == ["1 both_cooperate"]
    assert "+    - ann_defects" in found["diff"]
    assert "+title: A third version" not in found["diff"]
    to_disk = client.post("/api/compare", json={**body, "after": "disk"}, headers=WRITE).json()
    assert to_disk["after"] == "prisoners_dilemma.yaml (saved)"
    assert "+title: A third version" in to_disk["diff"]
    wrong = client.post("/api/compare", json={**body, "after": 3}, headers=WRITE)
    assert (wrong.status_code, wrong.json()) == (400, {"error": "'after' must be a string"})
