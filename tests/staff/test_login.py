"""Signing in to admin: django-axes locks out after repeated failures (alongside the rules
backend), passwords pass Django's validators, session cookies are secure in production."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from staff.roles import Role
from staff.services import staff_role_assign

PASSWORD = "a long and unusual passphrase 7"


@pytest.fixture
def editor(world, settings):
    settings.RATELIMIT_ENABLE = False  # the login rate limit is tested with the middleware
    user = get_user_model().objects.create_user("amara", password=PASSWORD)
    from boroughs.models import Area

    staff_role_assign(
        user=user, role=Role.BOROUGH_EDITOR, area=Area.objects.get(gss_code="E09000007")
    )
    return user


def sign_in(client, password, username="amara", ip="192.0.2.10"):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
    )


def test_a_staff_member_signs_in_through_axes_and_rules(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    page = client.get("/admin/offers/offer/")
    assert page.status_code == 200


def test_five_failures_lock_the_account_out_even_with_the_right_password(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200  # the form again
    locked = sign_in(client, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    assert sign_in(client, PASSWORD).status_code == 429
    # Locked by username too: another address does not help.
    assert sign_in(client, PASSWORD, ip="198.51.100.7").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, editor, settings):
    get_user_model().objects.create_user("bea", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", username="amara", ip="192.0.2.20")
    assert sign_in(client, PASSWORD, username="bea", ip="192.0.2.21").status_code == 302


@pytest.mark.parametrize("password", ["password123", "short", "12345678901234"])
def test_weak_passwords_fail_the_validators(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, editor)


def test_session_and_csrf_cookies_are_secure_in_production():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "compact_portal.settings"}
    prod = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "SECURE_HTTPS": "on"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert prod.stdout.split() == ["True", "True", "True", "True"]


def test_the_lockout_page_is_served_with_the_admin_styles(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert b"admin/css/base.css" in response.content
