"""The GitHub workflows (.github/) hold to least privilege: every action pinned to a release's
commit, token permissions per job, no credentials left in the checkout (issue 34).

zizmor (requirements.txt), a static analyser for workflows, checks them offline; the plain tests
below read the YAML themselves, so a finding zizmor stops reporting would still be caught here.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tutorial_checks import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
# owner/repo[/path]@<commit>  # v1.2.3
PINNED_USES = re.compile(r"^[\w.-]+/[\w.-]+(/[^@\s]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+){0,2}\s*$")


# ---------------------------------------------------------------------------------------------
# zizmor, offline
# ---------------------------------------------------------------------------------------------


def zizmor(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """zizmor of this environment, offline, on `args` (no colours, no settings from outside)."""
    here = Path(sys.executable).parent  # the virtual environment's bin/, even if not activated
    program = shutil.which("zizmor", path=str(here)) or shutil.which("zizmor")
    if program is None:
        pytest.fail("zizmor is not installed: pip install -r requirements.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ZIZMOR_", "GH_", "GITHUB_"))}
    command = [program, "--offline", "--color=never", "--no-progress", *args]
    return subprocess.run(
        command, cwd=cwd or ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_zizmor_finds_nothing_in_the_workflows_and_dependabots_settings():
    run = zizmor(".github/")  # the workflows, and dependabot.yml
    shown = f"zizmor --offline .github/ (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
    assert run.returncode == 0, shown
    assert "No findings to report" in run.stdout, shown
    # Every file was read (zizmor only warns about one it cannot parse).
    audited = {f"{p.relative_to(ROOT)}" for p in [*WORKFLOWS, GITHUB / "dependabot.yml"]}
    for path in audited:
        assert f"completed {path}" in run.stderr, shown
    assert "WARN" not in run.stderr, shown


CLEAN_WORKFLOW = """\
name: example
on: push
permissions: {top}
jobs:
  test:
    runs-on: ubuntu-24.04
    {job}
    steps:
      - uses: actions/checkout@{ref}  # v4.4.0
        {checkout}
      - run: echo hello
  other:  # zizmor reads workflow-wide permissions as a job's own when there is one job
    runs-on: ubuntu-24.04
    {job}
    steps:
      - run: echo hello
"""
CLEAN = {
    "top": "{}",
    "job": "permissions: {contents: read}",
    "ref": "11d5960a326750d5838078e36cf38b85af677262",
    "checkout": "with: {persist-credentials: false}",
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, set()),  # the template itself is clean, so each finding below is the change's
        ({"ref": "v4"}, {"unpinned-uses"}),
        ({"ref": "main"}, {"unpinned-uses"}),
        ({"checkout": ""}, {"artipacked"}),  # credentials persisted by default
        ({"job": "permissions: write-all"}, {"excessive-permissions"}),
        ({"top": "{pages: write, id-token: write}", "job": ""}, {"excessive-permissions"}),
    ],
    ids=["clean", "tag", "branch", "credentials", "job-write-all", "workflow-pages-write"],
)
def test_zizmor_reports_a_workflow_that_breaks_a_rule(tmp_path, changes, expected):
    text = CLEAN_WORKFLOW.format(**(CLEAN | changes))
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "example.yml").write_text(text)
    run = zizmor("--no-config", "--format=json", ".github/workflows/", cwd=tmp_path)
    shown = f"{text}\nzizmor (exit {run.returncode}):\n{run.stdout}\n{run.stderr}"
    findings = {finding["ident"] for finding in json.loads(run.stdout)}
    assert findings == expected, shown
    assert (run.returncode == 0) == (not expected), shown  # a finding fails the run


# ---------------------------------------------------------------------------------------------
# The same rules, read from the YAML
# ---------------------------------------------------------------------------------------------


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow.get("jobs", {}).values() for step in job.get("steps", [])]


def all_uses(workflow: dict) -> list[str]:
    """Every action and reusable workflow that `workflow` runs (steps' and jobs' `uses:`)."""
    jobs = workflow.get("jobs", {}).values()
    return [job["uses"] for job in jobs if "uses" in job] + [
        step["uses"] for step in steps(workflow) if "uses" in step
    ]


def unpinned_uses(text: str) -> list[str]:
    """The `uses:` lines of a workflow's text not pinned to a commit with its version after it."""
    found = [m for line in text.splitlines() if (m := USES_LINE.match(line))]
    # The lines read are all of them: none written another way (flow style, quoted) is missed.
    assert sorted(m["ref"] for m in found) == sorted(all_uses(yaml.safe_load(text)))
    return [
        m.group(0).strip()
        for m in found
        if not m["ref"].startswith("./")  # an action in this repository: nothing to pin
        and not (PINNED_USES.match(m["ref"]) and VERSION_COMMENT.match(m["rest"]))
    ]


def checkouts_keeping_credentials(workflow: dict) -> list[dict]:
    """The actions/checkout steps that leave the token in the work tree's git settings."""
    return [
        step
        for step in steps(workflow)
        if step.get("uses", "").startswith("actions/checkout@")
        and step.get("with", {}).get("persist-credentials") is not False
    ]


def test_there_are_workflows_to_check():
    assert WORKFLOWS, GITHUB / "workflows"
    assert all(steps(load(path)) for path in WORKFLOWS)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment(path):
    text = path.read_text(encoding="utf-8")
    assert all_uses(load(path)), f"{path.name} uses no action"
    assert unpinned_uses(text) == [], f"{path.name}: pin to a release's commit, `@<sha>  # vX.Y.Z`"


def test_each_action_has_one_pin_across_the_workflows():
    """Dependabot updates them together; one left behind would run an older release."""
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if (m := USES_LINE.match(line)) and "@" in m["ref"]:
                action, _ = m["ref"].split("@")
                pins.setdefault(action, set()).add(f"{m['ref']}{m['rest']}".strip())
    assert pins and {a: p for a, p in pins.items() if len(p) > 1} == {}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_leaves_no_credentials(path):
    workflow = load(path)
    assert any(s.get("uses", "").startswith("actions/checkout@") for s in steps(workflow))
    assert checkouts_keeping_credentials(workflow) == [], "persist-credentials: false"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_permissions_are_per_job_and_writes_only_where_needed(path):
    """No permissions for the whole workflow; each job reads contents at most, except that the
    job deploying the pages writes them (and gets an identity token) and the job creating the
    release writes contents."""
    workflow = load(path)
    assert workflow.get("permissions") == {}, "top level: permissions: {}"
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"job {name}: its own permissions block"
        allowed = {"contents": "read"}
        if any("actions/deploy-pages@" in s.get("uses", "") for s in job.get("steps", [])):
            allowed = {"pages": "write", "id-token": "write"}
        if any("gh release create" in s.get("run", "") for s in job.get("steps", [])):
            allowed = {"contents": "write"}
        extra = {k: v for k, v in job["permissions"].items() if allowed.get(k) != v}
        assert extra == {}, f"job {name}: {job['permissions']} (allowed: {allowed})"


UNSAFE_WORKFLOW = """\
on: push
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02  # v4.6.2
      - {uses: "actions/cache@v4"}
      - uses: ./.github/actions/local
"""


def test_the_yaml_checks_report_what_they_are_meant_to():
    """What the plain tests above would say about a workflow that breaks each rule."""
    with pytest.raises(AssertionError):  # a `uses:` the line reader misses (flow style)
        unpinned_uses(UNSAFE_WORKFLOW)
    readable = UNSAFE_WORKFLOW.replace('- {uses: "actions/cache@v4"}', "- uses: actions/cache@v4")
    assert unpinned_uses(readable) == [
        "- uses: actions/checkout@v4",  # a tag
        "- uses: actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065",  # no version
        "- uses: actions/cache@v4",
    ]
    assert [s["uses"] for s in checkouts_keeping_credentials(yaml.safe_load(readable))] == [
        "actions/checkout@v4"
    ]


def test_dependabot_keeps_the_pinned_actions_current():
    settings = load(GITHUB / "dependabot.yml")
    assert settings["version"] == 2
    updates = [u for u in settings["updates"] if u["package-ecosystem"] == "github-actions"]
    assert len(updates) == 1, settings["updates"]
    assert updates[0]["directory"] == "/"  # Dependabot reads .github/workflows/ from there
    assert updates[0]["schedule"]["interval"] == "weekly"
