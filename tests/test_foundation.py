"""The foundation a newcomer relies on: the portal answers, the README documents every
setting, dependencies are pinned, and a fresh clone stands alone."""

import re
import tomllib
from pathlib import Path

import pytest
from django.urls import reverse

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.django_db
def test_start_page_renders(client):
    response = client.get(reverse("offers:start"))
    assert response.status_code == 200
    assert b"London Care Leavers Compact" in response.content


def environment_variables() -> set[str]:
    """Every variable the settings and the gunicorn config read from the environment."""
    settings = (REPO / "compact_portal" / "settings.py").read_text(encoding="utf-8")
    gunicorn = (REPO / "gunicorn.conf.py").read_text(encoding="utf-8")
    names = set(re.findall(r'\benv(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"', settings))
    names |= set(re.findall(r'os\.environ(?:\.get\(|\[)\s*"([A-Z][A-Z0-9_]+)"', gunicorn))
    return names


def test_the_readme_documents_every_environment_variable():
    names = environment_variables()
    assert {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "REDIS_URL"} <= names
    configuration = README.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = sorted(name for name in names if f"`{name}`" not in configuration)
    assert not missing, f"README's Configuration section does not mention {missing}"


def test_the_readme_has_the_sections_a_newcomer_needs():
    headings = re.findall(r"^## (.+)$", README, flags=re.MULTILINE)
    for section in (
        "What this is",
        "The two commands",
        "Configuration",
        "PostgreSQL and Redis",
        "Deployment",
        "Staff accounts",
    ):
        assert any(heading.startswith(section) for heading in headings), section
    assert "make run" in README and "make test" in README


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_dependency_is_pinned():
    pins = {}
    for line in (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"{line!r} is not pinned to one version"
            pins[normalised(name.split("[", 1)[0])] = version
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    for requirement in wanted:
        name = normalised(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0])
        assert name in pins, f"{requirement} is in pyproject.toml but not pinned"


def test_nothing_in_the_repo_reads_the_shared_background_folder():
    """A fresh clone stands alone: what it needs was copied in, with a source note."""
    shared = re.compile(r"(\.\./|/work/)" + "shared")
    roots = ["compact_portal", "boroughs", "offers", "staff", "board", "openreferral", "tests"]
    files = [path for root in roots for path in (REPO / root).rglob("*.py")]
    files += [REPO / "Makefile", REPO / ".ci" / "run", REPO / "manage.py", REPO / "package.json"]
    readers = [str(path.relative_to(REPO)) for path in files if shared.search(path.read_text())]
    assert not readers
