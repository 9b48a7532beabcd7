"""``ecowarden serve`` (the review app) and ``ecowarden user ...`` (accounts and API tokens)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from ecowarden.config import Config


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    return password


def register(app: typer.Typer, config: Any, usage_problem: type[Exception]) -> None:
    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Address to listen on (default from config).")] = None,
        port: Annotated[int | None, typer.Option(help="Port (default from config).")] = None,
    ) -> None:
        """Serve the analysts' review app."""
        import uvicorn

        from review.app import create_app

        cfg: Config = config()
        chosen_host, chosen_port = host or cfg.review.host, port or cfg.review.port
        typer.echo(f"review app on http://{chosen_host}:{chosen_port}/")
        uvicorn.run(
            create_app(cfg), host=chosen_host, port=chosen_port, log_level="warning", proxy_headers=False
        )

    user_app = typer.Typer(help="Accounts of the review app.", no_args_is_help=True)
    app.add_typer(user_app, name="user")

    def accounts() -> Any:
        from review.accounts import Accounts
        from storage.db import open_database

        cfg: Config = config()
        _engine, factory = open_database(cfg.database_url())
        return Accounts(factory)

    def audit(actor: str, action: str, subject: str, details: dict[str, Any]) -> None:
        from review.audit import AuditLog
        from storage.db import open_database

        cfg: Config = config()
        _engine, factory = open_database(cfg.database_url())
        AuditLog(factory).append(actor, action, subject, details)

    def operator() -> str:
        from evidence.settings import default_operator

        return f"cli:{default_operator()}"

    @user_app.command("add")
    def user_add(
        username: str,
        role: Annotated[str, typer.Option(help="viewer, analyst, supervisor or admin")] = "analyst",
        display_name: Annotated[str, typer.Option(help="Name shown in the app.")] = "",
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from stdin.")
        ] = False,
    ) -> None:
        """Create an account (asks for the password unless --password-stdin)."""
        from review.accounts import AccountError

        password = _read_password(password_stdin)
        try:
            account = accounts().add_user(username, password, role, display_name)
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc
        audit(operator(), "user_added", f"user:{account.username}", {"role": account.role})
        typer.echo(f"user {account.username} ({account.role}) created")

    @user_app.command("list")
    def user_list() -> None:
        """Accounts and their roles."""
        for account, disabled in accounts().list_users():
            typer.echo(f"{account.username}\t{account.role}\t{'disabled' if disabled else 'active'}")

    @user_app.command("set-role")
    def user_set_role(username: str, role: str) -> None:
        from review.accounts import AccountError

        try:
            accounts().set_role(username, role)
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc
        audit(operator(), "user_changed", f"user:{username}", {"role": role})
        typer.echo(f"{username} is now {role}")

    @user_app.command("passwd")
    def user_passwd(
        username: str,
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from stdin.")
        ] = False,
    ) -> None:
        """Set a new password (ends the user's open sessions)."""
        from review.accounts import AccountError

        try:
            accounts().set_password(username, _read_password(password_stdin))
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc
        audit(operator(), "user_changed", f"user:{username}", {"password": "changed"})
        typer.echo(f"password of {username} changed")

    @user_app.command("disable")
    def user_disable(username: str, enable: Annotated[bool, typer.Option("--enable")] = False) -> None:
        from review.accounts import AccountError

        try:
            accounts().set_disabled(username, not enable)
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc
        audit(operator(), "user_changed", f"user:{username}", {"disabled": not enable})
        typer.echo(f"{username} {'enabled' if enable else 'disabled'}")

    @user_app.command("token")
    def user_token(
        username: str,
        name: Annotated[str, typer.Option(help="What the token is for.")] = "api",
        revoke: Annotated[
            int | None, typer.Option(help="Revoke this token (its id, see `user tokens`).")
        ] = None,
        revoke_all: Annotated[bool, typer.Option("--all", help="Revoke every token of the user.")] = False,
    ) -> None:
        """Create an API token for the JSON API (shown once), or revoke tokens."""
        from review.accounts import AccountError

        try:
            if revoke is not None or revoke_all:
                if revoke is not None and revoke_all:
                    raise usage_problem("--revoke ID or --all, not both")
                if revoke is not None:
                    revoked = int(accounts().revoke_token(username, revoke))  # 0: revoked already
                else:
                    revoked = accounts().revoke_tokens(username)
                audit(operator(), "token_revoked", f"user:{username}", {"token": revoke, "revoked": revoked})
                typer.echo(f"revoked {revoked} token(s) of {username}")
                return
            token = accounts().create_token(username, name)
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc
        audit(operator(), "token_created", f"user:{username}", {"name": name})
        typer.echo(token)

    @user_app.command("tokens")
    def user_tokens(
        username: str, as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False
    ) -> None:
        """A user's API tokens: id, name, created, last used, revoked."""
        import json

        from review.accounts import AccountError

        try:
            tokens = accounts().list_tokens(username)
        except AccountError as exc:
            raise usage_problem(str(exc)) from exc

        def when(value: Any) -> str | None:
            return value.isoformat() if value is not None else None

        rows = [
            {
                "id": t.id,
                "name": t.name,
                "created_at": when(t.created_at),
                "last_used_at": when(t.last_used_at),
                "revoked_at": when(t.revoked_at),
            }
            for t in tokens
        ]
        if as_json:
            typer.echo(json.dumps(rows, indent=2))
            return
        for row in rows:
            state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "live"
            typer.echo(
                f"{row['id']}\t{row['name']}\tcreated {row['created_at']}"
                f"\tlast used {row['last_used_at'] or '-'}\t{state}"
            )
