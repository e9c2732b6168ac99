"use client";
// The header's link to one's notifications, with how many are unread (asked as the page loads, and
// again when the page marks some read).
import { useEffect, useState } from "react";

import { browserClients } from "@/lib/browser-session";
import { type Locale, messages, plural } from "@/lib/i18n";

/** The window event that tells the bell notifications were marked read on the page. */
export const NOTIFICATIONS_READ = "brand-hub:notifications-read";

export function NotificationBell({ locale }: { locale: Locale }) {
  const c = messages(locale).community;
  const [unread, setUnread] = useState<number | null>(null);

  useEffect(() => {
    let current = true;
    const count = () =>
      void browserClients(locale)
        .project.GET("/api/community/notifications/", { params: { query: { unread: true, limit: 1 } } })
        .then(({ data }) => current && data && setUnread(data.count))
        .catch(() => undefined);
    count();
    window.addEventListener(NOTIFICATIONS_READ, count);
    return () => {
      current = false;
      window.removeEventListener(NOTIFICATIONS_READ, count);
    };
  }, [locale]);

  return (
    <a className="notification-bell" href={`/${locale}/account/notifications/`}>
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>{" "}
      {c.notifications}
      {unread !== null && unread > 0 && (
        <>
          {" "}
          <span className="badge">{plural(locale, c.unreadCount, unread)}</span>
        </>
      )}
    </a>
  );
}
