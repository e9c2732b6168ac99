"use client";
// Joining and leaving a community group: the member count and the button follow the API's answer,
// and the page's member list is read again. A visitor gets a link to log in.
import { useRouter } from "next/navigation";
import { useState } from "react";

import { logInHref, useProjectWrite, useViewer } from "@/lib/browser-session";
import { format, type Locale, messages, plural } from "@/lib/i18n";

export function MembershipButton({
  locale,
  groupId,
  groupTitle,
  path,
  initial,
}: {
  locale: Locale;
  groupId: number;
  groupTitle: string;
  /** The group's address, where the log-in link comes back to. */
  path: string;
  /** The group as the server read it, with the viewer's session. */
  initial: { isMember: boolean; memberCount: number };
}) {
  const t = messages(locale);
  const c = t.community;
  const viewer = useViewer(locale);
  const router = useRouter();
  const [group, setGroup] = useState(initial);
  const { busy, problem, write } = useProjectWrite(locale);

  async function toggle() {
    const request = { params: { path: { group_id: groupId } } };
    if (group.isMember) {
      const left = await write((project) => project.DELETE("/api/community/groups/{group_id}/membership", request));
      if (left) setGroup({ isMember: false, memberCount: Math.max(0, group.memberCount - 1) });
    } else {
      const joined = await write((project) => project.POST("/api/community/groups/{group_id}/membership", request));
      if (joined && joined !== true) setGroup({ isMember: true, memberCount: joined.member_count });
    }
    router.refresh();
  }

  return (
    <div className="membership">
      <p>
        <span aria-live="polite">
          {plural(locale, t.memberCount, group.memberCount)}
          {group.isMember && <> · {c.youAreAMember}</>}
        </span>{" "}
        {viewer?.signedIn ? (
          <button
            type="button"
            className={group.isMember ? "button secondary" : "button"}
            onClick={toggle}
            disabled={busy}
            aria-label={format(group.isMember ? c.leaveGroupNamed : c.joinGroupNamed, { group: groupTitle })}
          >
            {group.isMember ? c.leaveGroup : c.joinGroup}
          </button>
        ) : viewer ? (
          <a href={logInHref(locale, path)}>{c.logInToJoin}</a>
        ) : null}
      </p>
      <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
    </div>
  );
}
