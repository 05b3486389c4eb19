"""manage.py add_staff USERNAME --role ROLE [--area GSS_CODE] [--provider NAME]"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from staff.scope import scope_of

GOOD_PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def password(monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", GOOD_PASSWORD)


def add_staff(*args):
    out = io.StringIO()
    call_command("add_staff", *args, stdout=out)
    return out.getvalue()


def test_borough_editor_for_camden(world, password):
    out = add_staff(
        "amara", "--role", "borough-editor", "--area", "E09000007", "--email", "a@camden.example"
    )
    assert "Created amara: Borough editor for Camden." in out
    user = get_user_model().objects.get(username="amara")
    assert user.is_staff and not user.is_superuser
    assert user.check_password(GOOD_PASSWORD)
    assert user.email == "a@camden.example"
    scope = scope_of(user)
    assert scope.role == "borough-editor" and scope.area_id is not None


def test_provider_editor_and_changing_role(world, password):
    add_staff(
        "tfl1",
        "--role",
        "provider-editor",
        "--provider",
        "transport for london and the mayor of london",
    )
    user = get_user_model().objects.get(username="tfl1")
    assert scope_of(user).provider_id is not None
    out = add_staff("tfl1", "--role", "board-viewer")
    assert "Updated tfl1: Board viewer." in out
    user = get_user_model().objects.get(username="tfl1")
    assert [g.name for g in user.groups.all()] == ["Board viewers"]
    assert scope_of(user).provider_id is None


def test_site_admin_is_a_superuser(world, password):
    add_staff("root1", "--role", "site-admin")
    assert get_user_model().objects.get(username="root1").is_superuser


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "editor"], "invalid choice: 'editor'"),
        (["--role", "borough-editor"], "A borough-editor needs --area"),
        (
            ["--role", "borough-editor", "--area", "E09999999"],
            "No area has the GSS code 'E09999999'",
        ),
        (
            ["--role", "borough-editor", "--area", "E12000007"],
            "London (E12000007) is not a borough",
        ),
        (["--role", "provider-editor"], "A provider-editor needs --provider"),
        (
            ["--role", "provider-editor", "--provider", "Transport for Londn"],
            "Did you mean: Transport for London",
        ),
        (["--role", "board-viewer", "--area", "E09000007"], "--area is only for borough-editor"),
        (
            ["--role", "compact-editor", "--provider", "Harrow Council"],
            "--provider is only for provider-editor",
        ),
    ],
)
def test_clear_errors(world, password, args, message):
    with pytest.raises(CommandError) as error:
        add_staff("someone", *args)
    assert message in str(error.value)
    assert not get_user_model().objects.filter(username="someone").exists()


def test_weak_passwords_are_refused_by_the_validators(world, monkeypatch):
    monkeypatch.setenv("STAFF_PASSWORD", "password")
    with pytest.raises(CommandError, match="too short|too common"):
        add_staff("weak", "--role", "board-viewer")
    assert not get_user_model().objects.filter(username="weak").exists()


def test_without_staff_password_and_no_terminal_it_says_what_to_do(world, monkeypatch):
    monkeypatch.delenv("STAFF_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="Set STAFF_PASSWORD"):
        add_staff("quiet", "--role", "board-viewer")


def test_the_password_prompt(world, monkeypatch):
    monkeypatch.delenv("STAFF_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    add_staff("prompted", "--role", "board-viewer")
    assert get_user_model().objects.get(username="prompted").check_password(GOOD_PASSWORD)
