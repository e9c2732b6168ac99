"use client";
// Reading notifications: opening one marks it read on the way to what it is about; a button marks all.
import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";

import { useProjectWrite } from "@/lib/browser-session";
import { type Locale, messages } from "@/lib/i18n";

import { NOTIFICATIONS_READ } from "./NotificationBell";

export function NotificationLink({
  locale,
  id,
  href,
  unread,
  children,
}: {
  locale: Locale;
  id: number;
  href: string;
  unread: boolean;
  children: ReactNode;
}) {
  const { write } = useProjectWrite(locale);

  async function open(event: MouseEvent<HTMLAnchorElement>) {
    // A new tab or window (modifier keys) opens as a plain link: it stays unread until opened here.
    if (!unread || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    await write((project) => project.POST("/api/community/notifications/read", { body: { ids: [id] } }));
    window.location.assign(href);
  }

  return (
    <a href={href} onClick={open}>
      {children}
    </a>
  );
}

export function MarkAllRead({ locale }: { locale: Locale }) {
  const c = messages(locale).community;
  const router = useRouter();
  const { busy, problem, write } = useProjectWrite(locale);

  async function markAll() {
    if (await write((project) => project.POST("/api/community/notifications/read", { body: {} }))) {
      window.dispatchEvent(new Event(NOTIFICATIONS_READ));
      router.refresh();
    }
  }

  return (
    <p className="actions">
      <button type="button" className="button secondary" onClick={markAll} disabled={busy}>
        {c.markAllRead}
      </button>
      <span role="alert">{problem && <span className="form-error">{problem}</span>}</span>
    </p>
  );
}
