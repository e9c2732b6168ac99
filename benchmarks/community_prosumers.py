"""Benchmark fixture: prosumer accounts with a verified address and a signed-in app session each.

Run against the community benchmark's throwaway database (after `migrate`):
    python benchmarks/community_prosumers.py --count 50 --out PATH
Writes PATH as JSON, one {"id", "email", "token"} per account; the token goes in X-Session-Token.

The sessions are made here the way allauth's app login makes them (its session-token strategy
uses the session key as the token) rather than through POST /_allauth/app/v1/auth/login: allauth
limits logins to 30 a minute per IP, a limit the environment cannot raise, so 50 logins from one
load generator would be refused.
"""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def make_prosumers(*, count: int) -> list[dict]:
    """Create (or reuse) bench-prosumer-NN accounts as sign-up would and open one session each."""
    from allauth.account.models import EmailAddress
    from allauth.headless.internal.sessionkit import new_session

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from brand_hub.users.roles import PROSUMERS

    User = get_user_model()
    prosumers = Group.objects.get_or_create(name=PROSUMERS)[0]
    accounts = []
    with transaction.atomic():
        for n in range(1, count + 1):
            email = f"bench-prosumer-{n:03d}@example.com"
            user = User.objects.filter(email=email).first()
            if user is None:
                now = timezone.now()
                user = User.objects.create_user(
                    f"bench-prosumer-{n:03d}",
                    email,
                    None,  # unusable: the session below stands for the login, and hashing costs 0.3 s each
                    display_name=f"Bench prosumer {n}",
                    preferred_locale="es",
                    terms_accepted_at=now,
                    privacy_accepted_at=now,
                    terms_version=settings.TERMS_VERSION,
                )
                user.groups.add(prosumers)
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            session = new_session()
            session[SESSION_KEY] = user._meta.pk.value_to_string(user)
            session[BACKEND_SESSION_KEY] = AUTH_BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            accounts.append({"id": user.pk, "email": email, "token": session.session_key})
    return accounts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True, help="where to write the accounts and tokens")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()
    accounts = make_prosumers(count=args.count)
    args.out.write_text(json.dumps(accounts, indent=1) + "\n")
    args.out.chmod(0o600)
    print(f"community_prosumers: {len(accounts)} prosumers with a verified address and an app session")


if __name__ == "__main__":
    main()
