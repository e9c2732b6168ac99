"""The four roles of Brand Hub as Wagtail groups, with the permissions each needs."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

PROSUMERS = "Prosumers"
COMMUNITY_MODERATORS = "Community moderators"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
MODERATE_COMMENTS = ("community", "moderate_comment")
#: The comments desk in the admin lists comments (view) and corrects their kind (change).
GROUP_MEMBERS = (
    ("community_groups", "add_groupmembership"),
    ("community_groups", "change_groupmembership"),
    ("community_groups", "delete_groupmembership"),
)
#: Outgoing webhooks (brand_hub.webhooks): endpoints, their test pings and replays, and the deliveries log.
WEBHOOKS = (
    ("webhooks", "add_webhookendpoint"),
    ("webhooks", "change_webhookendpoint"),
    ("webhooks", "delete_webhookendpoint"),
    ("webhooks", "view_webhookendpoint"),
    ("webhooks", "view_webhookdelivery"),
)
#: The insights dashboard and /api/insights/ (see brand_hub.insights).
VIEW_INSIGHTS = ("insights", "view_insights")
#: Campaign segments: build them, download their consenting members, read the log of downloads.
SEGMENTS = (
    ("segments", "view_segment"),
    ("segments", "add_segment"),
    ("segments", "change_segment"),
    ("segments", "delete_segment"),
    ("segments", "export_segment"),
    ("segments", "view_segmentexport"),
)
#: Mentions from listening tools: listed in the admin (view) and erased on request (delete).
MENTIONS = (("mentions", "view_mention"), ("mentions", "delete_mention"))
#: Keys of server-to-server clients (brand_hub.apikeys): made, renamed and revoked, and their use log.
API_KEYS = (
    ("apikeys", "add_apikey"),
    ("apikeys", "change_apikey"),
    ("apikeys", "view_apikey"),
    ("apikeys", "view_apikeyuse"),
)
#: The audit log under Reports (brand_hub.audit): who did what, for administrators only.
AUDIT_LOG = ("audit", "view_auditlogentry")
COMMENT_DESK = (
    MODERATE_COMMENTS,
    ("community", "view_communitycomment"),
    ("community", "change_communitycomment"),
)
#: Trust levels read and set, accounts suspended and suspensions lifted (brand_hub.trust).
TRUST_AND_SUSPENSIONS = (
    ("trust", "view_truststanding"),
    ("trust", "change_truststanding"),
    ("trust", "view_suspension"),
    ("trust", "add_suspension"),
    ("trust", "change_suspension"),
)
#: Page permission types per role, granted on the tree root (so on every language's tree).
PAGE_PERMISSIONS = {
    EDITORS: ("add", "change", "publish", "lock", "unlock"),
    ADMINISTRATORS: ("add", "change", "publish", "bulk_delete", "lock", "unlock"),
}
#: Image and document permissions per role, granted on the root collection.
COLLECTION_PERMISSIONS = {
    EDITORS: (
        "add_image", "change_image", "choose_image",
        "add_document", "change_document", "choose_document",
    ),
    ADMINISTRATORS: (
        "add_image", "change_image", "delete_image", "choose_image",
        "add_document", "change_document", "delete_document", "choose_document",
    ),
}  # fmt: skip
#: Model permissions (app label, codename) per role.
MODEL_PERMISSIONS = {
    PROSUMERS: (),
    COMMUNITY_MODERATORS: (
        ADMIN_ACCESS,
        *COMMENT_DESK,
        *TRUST_AND_SUSPENSIONS,
        ("community", "change_blockedterm"),
        ("community", "add_blockedterm"),
        ("community", "delete_blockedterm"),
    ),
    EDITORS: (
        ADMIN_ACCESS,
        *COMMENT_DESK,
        *TRUST_AND_SUSPENSIONS,
        *GROUP_MEMBERS,
        VIEW_INSIGHTS,
        *WEBHOOKS,
        *SEGMENTS,
        *MENTIONS,
        ("blog", "add_author"),
        ("blog", "change_author"),
        ("core", "add_localizedsitesettings"),
        ("core", "change_localizedsitesettings"),
        ("wagtail_localize", "submit_translation"),
    ),
    ADMINISTRATORS: (
        ADMIN_ACCESS,
        *COMMENT_DESK,
        *TRUST_AND_SUSPENSIONS,
        *GROUP_MEMBERS,
        VIEW_INSIGHTS,
        *WEBHOOKS,
        *SEGMENTS,
        *MENTIONS,
        *API_KEYS,
        AUDIT_LOG,
        ("blog", "add_author"),
        ("blog", "change_author"),
        ("blog", "delete_author"),
        ("core", "add_localizedsitesettings"),
        ("core", "change_localizedsitesettings"),
        ("core", "delete_localizedsitesettings"),
        ("wagtail_localize", "submit_translation"),
        ("users", "add_user"),
        ("users", "change_user"),
        ("users", "delete_user"),
        ("auth", "add_group"),
        ("auth", "change_group"),
        ("wagtailcore", "add_site"),
        ("wagtailcore", "change_site"),
        ("wagtailcore", "add_locale"),
        ("wagtailcore", "change_locale"),
    ),
}


def _permissions(pairs) -> list[Permission]:
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the role groups and grant their permissions; safe to run again (after every migrate)."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    for name, pairs in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*_permissions(pairs))
    root = Page.get_first_root_node()
    if root is not None:
        for name, permission_types in PAGE_PERMISSIONS.items():
            for permission_type in permission_types:
                if not GroupPagePermission.objects.filter(
                    group=groups[name], page=root, permission__codename=f"{permission_type}_page"
                ).exists():
                    GroupPagePermission.objects.create(
                        group=groups[name], page=root, permission_type=permission_type
                    )
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for name, codenames in COLLECTION_PERMISSIONS.items():
            for permission in _permissions(
                [
                    ("wagtailimages" if codename.endswith("image") else "wagtaildocs", codename)
                    for codename in codenames
                ]
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name], collection=root_collection, permission=permission
                )
    if root is not None:  # a flushed test database has no tree (nor Wagtail's content types) yet
        ensure_review_duties(groups)
    return groups


def ensure_review_duties(groups: dict[str, Group]) -> None:
    """Editors review the ideas prosumers submit: the idea review workflow's task is theirs, so a
    submission waits on their dashboard ("Awaiting your review") and Wagtail e-mails them of it."""
    from brand_hub.ideas.review import ensure_idea_review  # the ideas app owns its workflow

    ensure_idea_review(reviewers=groups[EDITORS])
