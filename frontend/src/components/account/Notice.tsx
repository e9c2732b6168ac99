"use client";
// A message that outlives a full page load (an account deleted, a password reset): the page that acts
// leaves it in the tab's session storage, the next page's header shows it once.
import { useEffect, useState } from "react";

import { type Locale, messages, type Messages } from "@/lib/i18n";

const STORAGE_KEY = "brand-hub:notice";

export type NoticeKey = keyof Messages["accountPages"]["notices"];

/** Leaves `key`'s message for the next page this tab loads. */
export function leaveNotice(key: NoticeKey) {
  window.sessionStorage.setItem(STORAGE_KEY, key);
}

function takeNotice(locale: Locale): string | null {
  const key = window.sessionStorage.getItem(STORAGE_KEY);
  window.sessionStorage.removeItem(STORAGE_KEY);
  const notices: Record<string, string> = messages(locale).accountPages.notices;
  return key && Object.hasOwn(notices, key) ? (notices[key] ?? null) : null;
}

export function Notice({ locale }: { locale: Locale }) {
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    // After hydration: the server never sees the tab's storage.
    const text = takeNotice(locale);
    if (text) queueMicrotask(() => setNotice(text));
  }, [locale]);
  if (!notice) return null;
  return (
    <div role="status" className="notice">
      <p>{notice}</p>
    </div>
  );
}
