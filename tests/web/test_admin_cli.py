"""`sparring admin`: organizations, people and tokens, honouring SPARRING_DATABASE_URL."""

from __future__ import annotations

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sparring.cli import app as cli
from sparring.storage.database import Database
from sparring.web.app import create_app
from tests.web.test_pages import csrf

runner = CliRunner()


def test_an_admin_sets_up_an_organization_and_its_people_get_in(db: Database) -> None:
    url = db.url.render_as_string(hide_password=False)
    env = {"SPARRING_DATABASE_URL": url}
    assert runner.invoke(cli, ["admin", "create-org", "Initech"], env=env).exit_code == 0
    made = runner.invoke(
        cli,
        [
            "admin",
            "create-user",
            "--org",
            "Initech",
            "--email",
            "Peter@Initech.test",
            "--role",
            "learner",
        ],
        input="a long enough secret\n",
        env=env,
    )
    assert made.exit_code == 0, made.stderr
    assert "password:" not in made.stdout
    token = runner.invoke(cli, ["admin", "token", "--email", "peter@initech.test"], env=env)
    assert token.exit_code == 0
    client = TestClient(create_app(db))
    headers = {"Authorization": f"Bearer {token.stdout.strip()}"}
    assert client.get("/api/v1/sessions", headers=headers).status_code == 200
    signed_in = client.post(
        "/sign-in",
        data={
            "email": "peter@initech.test",
            "password": "a long enough secret",
            "csrf_token": csrf(client),
        },
        follow_redirects=False,
    )
    assert signed_in.status_code == 303


def test_mistakes_are_one_clear_line_and_exit_1(db: Database) -> None:
    url = db.url.render_as_string(hide_password=False)
    assert runner.invoke(cli, ["admin", "create-org", "Initech", "--db", url]).exit_code == 0
    cases = [
        (["admin", "create-org", "Initech"], "already exists"),
        (
            [
                "admin",
                "create-user",
                "--org",
                "Nowhere",
                "--email",
                "a@b.test",
                "--role",
                "learner",
            ],
            "no organization",
        ),
        (
            ["admin", "create-user", "--org", "Initech", "--email", "a@b.test", "--role", "boss"],
            "unknown role",
        ),
        (
            [
                "admin",
                "create-user",
                "--org",
                "Initech",
                "--email",
                "not-an-email",
                "--role",
                "coach",
            ],
            "not an email",
        ),
        (["admin", "token", "--email", "ghost@initech.test"], "no user"),
    ]
    for args, words in cases:
        result = runner.invoke(cli, [*args, "--db", url], input="a long enough secret\n")
        assert result.exit_code == 1, args
        assert words in result.stderr, (args, result.stderr)
        assert len(result.stderr.strip().splitlines()) <= 2
    short = runner.invoke(
        cli,
        [
            "admin",
            "create-user",
            "--org",
            "Initech",
            "--email",
            "a@b.test",
            "--role",
            "learner",
            "--db",
            url,
        ],
        input="short\n",
    )
    assert short.exit_code == 1 and "at least 8" in short.stderr
