"""Run the test provider: `python -m accounts.tests.provider.serve` with
TEST_PROVIDER_PORT, TEST_PROVIDER_DB and TEST_PROVIDER_REDIRECT_URIS (space-separated)
in the environment. Creates its tables, a signing key, its accounts and two clients
(Synergi's and another app's), then serves on 127.0.0.1 until stopped."""

import os

import django


def _seed() -> None:
    from django.contrib.auth.models import User
    from oidc_provider.models import Client, ResponseType, RSAKey

    from accounts.tests.provider import CLIENT_ID, CLIENT_SECRET, PASSWORD, USERS
    from accounts.tests.provider.claims import OTHER_CLIENT

    if not RSAKey.objects.exists():
        from django.core.management import call_command

        call_command("creatersakey", verbosity=0)
    for username, email in USERS.items():
        if not User.objects.filter(username=username).exists():
            User.objects.create_user(
                username, email=email, password=PASSWORD, first_name="Test"
            )
    code, _ = ResponseType.objects.get_or_create(
        value="code", defaults={"description": "code (Authorization Code Flow)"}
    )
    for client_id, secret in [(CLIENT_ID, CLIENT_SECRET), (OTHER_CLIENT, "anden")]:
        client, _ = Client.objects.update_or_create(
            client_id=client_id,
            defaults={
                "name": client_id,
                "client_type": "confidential",
                "client_secret": secret,
                "jwt_alg": "RS256",
                "require_consent": False,
                "reuse_consent": True,
                "_redirect_uris": "\n".join(
                    os.environ["TEST_PROVIDER_REDIRECT_URIS"].split()
                ),
                "_scope": "openid email profile",
            },
        )
        client.response_types.set([code])


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "accounts.tests.provider.settings"
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    _seed()
    call_command(
        "runserver",
        f"127.0.0.1:{os.environ['TEST_PROVIDER_PORT']}",
        use_reloader=False,
        skip_checks=True,
        verbosity=0,
    )


if __name__ == "__main__":
    main()
