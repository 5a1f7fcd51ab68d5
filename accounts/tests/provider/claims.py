"""The provider's claims. Some of its accounts make it misbehave on purpose (each is
a fault a relying party must refuse), by username:

- `uverificeret`: `email_verified` is false;
- `udloebet`: the ID token expired a minute ago;
- `anden-app`: the ID token is for another client (`aud`);
- `forkert-nonce`: the ID token carries a nonce the relying party never sent.
"""

import time
from typing import Any

OTHER_CLIENT = "anden-app"


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["email"] = user.email
    claims["email_verified"] = user.username != "uverificeret"
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    return claims


def misbehave(id_token: dict[str, Any], user: Any, **kwargs: Any) -> dict[str, Any]:
    if user.username == "udloebet":
        id_token["iat"] = int(time.time()) - 3600
        id_token["exp"] = int(time.time()) - 60
    elif user.username == "anden-app":
        id_token["aud"] = OTHER_CLIENT
    elif user.username == "forkert-nonce":
        id_token["nonce"] = "en-anden-nonce"
    return id_token
