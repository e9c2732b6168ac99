"""The trust rules as production has them (the test settings turn the new members' rules off for the
other apps' tests), and a record of what the trust app announces."""

from datetime import timedelta

import pytest

from django.utils import timezone

from brand_hub.trust.signals import account_reinstated, account_suspended, trust_changed


@pytest.fixture
def post(home):
    """One blog post to talk on: the trust tests need a discussion, not the whole destination."""
    from tests.factories.pages import build_blog

    return build_blog(home, posts=1)[0]


@pytest.fixture
def trust_rules(settings):
    settings.TRUST_HOLD_FIRST_CONTRIBUTIONS = 2
    settings.TRUST_NEW_MEMBER_MAX_LINKS = 1
    settings.TRUST_RATE_SCALE = {0: 0.3}
    settings.TRUST_LEVEL_THRESHOLDS = {
        1: {"contributions": 3, "days": 2},
        2: {"contributions": 6, "days": 30},
        3: {"contributions": 100, "days": 180},
    }
    settings.TRUST_IDEA_WEIGHT = 3
    settings.TRUST_REMOVAL_WEIGHT = 5


@pytest.fixture
def announced():
    """Every trust signal sent during the test: (signal name, its arguments)."""
    sent = []

    def recorder(name):
        def receive(sender, signal, **kwargs):
            sent.append((name, kwargs))

        return receive

    receivers = {
        name: recorder(name) for name in ("trust_changed", "account_suspended", "account_reinstated")
    }
    for name, signal in (
        ("trust_changed", trust_changed),
        ("account_suspended", account_suspended),
        ("account_reinstated", account_reinstated),
    ):
        signal.connect(receivers[name], weak=False)
    yield sent
    trust_changed.disconnect(receivers["trust_changed"])
    account_suspended.disconnect(receivers["account_suspended"])
    account_reinstated.disconnect(receivers["account_reinstated"])


def member_for(user, days: int):
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    return user
