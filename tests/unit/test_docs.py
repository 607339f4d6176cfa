"""The docs stay true to the repository: every relative link in README.md and docs/*.md reaches a file that
exists (and, with an #anchor, a heading there), every runbook link in deploy/prometheus/alerts.yaml resolves
the same way, as do docs/*.md references in code and deploy files, every backticked repository file path
exists, and the README's map names every module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from workers.paths import REPO_ROOT

ROOT = REPO_ROOT
README = ROOT / "README.md"
DOCS = [README, *sorted((ROOT / "docs").glob("*.md"))]
ALERTS = ROOT / "deploy" / "prometheus" / "alerts.yaml"
PACKAGES = ("schemas", "workers", "topology", "bench")

FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
CODE_SPAN = re.compile(r"(`+)(.+?)\1")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
GITHUB_BLOB = re.compile(r"^https?://github\.com/[^/]+/[^/]+/blob/[^/]+/(.+)$")
DOC_REFERENCE = re.compile(r"\bdocs/[\w\-]+\.md(?:#[\w\-]+)?")
FILE_PATH = re.compile(r"^(?:workers|topology|schemas|bench|tests|deploy|data|docs|artifacts)/[\w.\-/]*\.[A-Za-z0-9]+$")


def prose_lines(text: str) -> list[str]:
    """The lines outside fenced code blocks."""
    lines, fenced = [], False
    for line in text.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def github_slug(heading: str) -> str:
    """The anchor GitHub gives a heading: its text, lower-cased, punctuation dropped, spaces → hyphens."""
    text = CODE_SPAN.sub(lambda m: m.group(2), heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(markdown: Path) -> set[str]:
    """Every anchor a Markdown file offers: heading slugs (repeats get -1, -2, …) and HTML anchors."""
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in prose_lines(markdown.read_text(encoding="utf-8")):
        found.update(HTML_ANCHOR.findall(line))
        match = HEADING.match(line)
        if not match:
            continue
        slug = github_slug(match.group(2))
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def target_problem(target: str, source: Path, base: Path) -> str | None:
    """None when `target` (a path relative to `base`, optionally #anchor; a bare #anchor is in `source`)
    exists, else what is wrong with it."""
    path_part, _, anchor = target.partition("#")
    destination = (base / path_part).resolve() if path_part else source
    if not destination.exists():
        return f"{target}: {path_part} does not exist"
    if not anchor:
        return None
    if destination.suffix != ".md" or not destination.is_file():
        return f"{target}: #{anchor} points into {path_part}, which is not a Markdown file"
    if anchor not in anchors(destination):
        return f"{target}: {destination.name} has no heading with anchor #{anchor}"
    return None


def link_problems(markdown: Path) -> list[str]:
    """Broken relative links of a Markdown file (external URLs are not fetched)."""
    problems = []
    for line in prose_lines(markdown.read_text(encoding="utf-8")):
        for target in LINK.findall(CODE_SPAN.sub("", line)):
            if SCHEME.match(target):
                continue
            problem = target_problem(target, markdown, markdown.parent)
            if problem:
                problems.append(f"{markdown.name}: {problem}")
    return problems


def backticked_paths(markdown: Path) -> set[str]:
    """Repository file paths named in inline code (a `path.py:Name` suffix is dropped)."""
    paths = set()
    for line in prose_lines(markdown.read_text(encoding="utf-8")):
        for _, code in CODE_SPAN.findall(line):
            for token in code.split():
                token = re.sub(r":\w+$", "", token.strip(",;()"))
                if FILE_PATH.match(token):
                    paths.add(token)
    return paths


def path_problems(markdown: Path) -> list[str]:
    return [
        f"{markdown.name}: `{p}` does not exist" for p in sorted(backticked_paths(markdown)) if not (ROOT / p).exists()
    ]


@pytest.mark.parametrize("markdown", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_and_anchors_resolve(markdown: Path) -> None:
    assert link_problems(markdown) == []


@pytest.mark.parametrize("markdown", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_backticked_file_paths_exist(markdown: Path) -> None:
    assert path_problems(markdown) == []


def test_alert_runbook_links_resolve() -> None:
    rules = [rule for group in yaml.safe_load(ALERTS.read_text())["groups"] for rule in group["rules"]]
    assert rules
    for rule in rules:
        annotations = rule.get("annotations", {})
        link = annotations.get("runbook_url") or annotations.get("runbook")
        assert link, f"{rule['alert']} has no runbook link"
        blob = GITHUB_BLOB.match(link)
        target = blob.group(1) if blob else link
        assert not SCHEME.match(target), f"{rule['alert']}: {link} is not a repository path"
        assert target_problem(target, ALERTS, ROOT) is None, target_problem(target, ALERTS, ROOT)


def test_doc_references_in_code_and_deploy_files_resolve() -> None:
    """`docs/NAME.md#anchor` cited in source, manifests or dashboards (gateway.py, the Grafana JSON, …)."""
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]
    files += [p for p in (ROOT / "deploy").rglob("*") if p.is_file()]
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in files
        for target in DOC_REFERENCE.findall(path.read_text(encoding="utf-8", errors="replace"))
        if (problem := target_problem(target, path, ROOT))
    ]
    assert problems == []


def test_readme_map_names_every_module() -> None:
    named = backticked_paths(README)
    modules = sorted(
        str(path.relative_to(ROOT))
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path.name != "__init__.py"
    )
    missing = [module for module in modules if module not in named]
    assert not missing, f"README.md 'Where things are' does not name: {missing}"


def test_github_slugs() -> None:
    assert github_slug("ProtectorConsumerLagGrowing") == "protectorconsumerlaggrowing"
    assert github_slug("Pointing it at real Kafka, Redis and Ray") == "pointing-it-at-real-kafka-redis-and-ray"
    assert github_slug("Cost per message: cascade and int8") == "cost-per-message-cascade-and-int8"
    assert github_slug("GPU (NVIDIA H200)") == "gpu-nvidia-h200"
    assert github_slug("The `bench` package") == "the-bench-package"


def test_checker_catches_broken_links_and_paths(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# Real heading\n\n## Twice\n\n## Twice\n")
    page = tmp_path / "page.md"
    page.write_text(
        "# Page\n"
        "[ok](other.md#real-heading) [ok](other.md#twice-1) [ok](#page) [ok](https://example.com/x)\n"
        "[missing file](missing.md) [missing anchor](other.md#no-such-heading) [missing here](#nowhere)\n"
        "`workers/paths.py` exists, `workers/no_such_module.py` does not\n"
        "```\n[in a code block](ignored.md) `workers/ignored.py`\n```\n"
    )
    problems = link_problems(page)
    assert len(problems) == 3, problems
    assert any("missing.md does not exist" in p for p in problems)
    assert any("#no-such-heading" in p for p in problems)
    assert any("#nowhere" in p for p in problems)
    assert path_problems(page) == ["page.md: `workers/no_such_module.py` does not exist"]
    assert target_problem("docs/operating.md#no-such-runbook", ALERTS, ROOT) is not None
