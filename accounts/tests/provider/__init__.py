"""A real OpenID Connect provider for the single sign-on tests, started by them in
its own process on a loopback port (settings.py says what it is)."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import requests

CLIENT_ID = "synergi"
CLIENT_SECRET = "synergi-test-hemmelighed"
PASSWORD = "kommunens-adgangskode"
# username at the provider: e-mail address it vouches for
USERS = {
    "ny": "ny.koordinator@roskilde.dk",
    "kendt": "kendt.person@roskilde.dk",
    "uden-invitation": "fremmed@roskilde.dk",
    "uverificeret": "uverificeret@roskilde.dk",
    "udloebet": "udloebet@roskilde.dk",
    "anden-app": "anden-app@roskilde.dk",
    "forkert-nonce": "forkert-nonce@roskilde.dk",
}
PORTS = range(8710, 8720)  # this work's loopback ports
REPO = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


@dataclass(frozen=True)
class Provider:
    url: str  # http://127.0.0.1:PORT

    @property
    def issuer(self) -> str:
        return self.url + "/openid"

    def settings(self) -> dict[str, object]:
        """Synergi's settings for signing in with this provider (endpoints from its
        discovery document)."""
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_PROVIDER_NAME": "Testkommunen",
        }

    def sign_in(self, authorize_url: str, username: str, redirect_uri: str) -> str:
        """Follow an authorization request as a browser would, signing in as
        `username`; returns the URL the provider sends back to (redirect_uri?code…)."""
        browser = requests.Session()
        url = authorize_url
        for _ in range(10):
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.status_code == 200 and "csrfmiddlewaretoken" in response.text:
                # The provider's login form (its URL keeps ?next=).
                response = browser.post(
                    url,
                    data={
                        "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
                        "username": username,
                        "password": PASSWORD,
                    },
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=10,
                )
            assert response.status_code in (301, 302), response.text[:500]
            url = urljoin(url, response.headers["Location"])
            if url.startswith(redirect_uri):
                return url
        raise AssertionError("the provider never sent the browser back")


@contextlib.contextmanager
def running_provider(tmp_dir: Path, redirect_uris: list[str]) -> Iterator[Provider]:
    port = _free_port()
    env = {
        **os.environ,
        "TEST_PROVIDER_PORT": str(port),
        "TEST_PROVIDER_DB": str(tmp_dir / "provider.sqlite3"),
        "TEST_PROVIDER_REDIRECT_URIS": " ".join(redirect_uris),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = open(tmp_dir / "provider.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "accounts.tests.provider.serve"],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    provider = Provider(url=f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    "the test provider stopped: "
                    + (tmp_dir / "provider.log").read_text()[-2000:]
                )
            try:
                discovery = provider.issuer + "/.well-known/openid-configuration"
                if requests.get(discovery, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the test provider did not start within 60 s")
            time.sleep(0.2)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
