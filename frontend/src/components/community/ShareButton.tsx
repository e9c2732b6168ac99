"use client";
// Sharing a page on a channel: Brand Hub makes the person's link for that channel (counted per
// channel in the brand's reach), on this frontend's /s/<code>; the link is then copied, or opened
// in the channel's own share page or an e-mail.
import { useId, useState } from "react";

import type { ShareChannel } from "@/api";
import { useProjectWrite } from "@/lib/browser-session";
import { format, type Locale, messages } from "@/lib/i18n";

const CHANNELS: readonly ShareChannel[] = ["copy_link", "email", "whatsapp", "x", "linkedin", "facebook"];

/** Where a channel takes a link to share it, or null for a copied link. */
function shareTarget(channel: ShareChannel, url: string, title: string): string | null {
  const link = encodeURIComponent(url);
  const text = encodeURIComponent(title);
  switch (channel) {
    case "email":
      return `mailto:?subject=${text}&body=${encodeURIComponent(`${title}\n\n${url}`)}`;
    case "whatsapp":
      return `https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`;
    case "x":
      return `https://x.com/intent/post?text=${text}&url=${link}`;
    case "linkedin":
      return `https://www.linkedin.com/sharing/share-offsite/?url=${link}`;
    case "facebook":
      return `https://www.facebook.com/sharer/sharer.php?u=${link}`;
    default:
      return null;
  }
}

export function ShareButton({ locale, pageId, title }: { locale: Locale; pageId: number; title: string }) {
  const c = messages(locale).community;
  const id = useId();
  const [open, setOpen] = useState(false);
  const [shared, setShared] = useState<{ channel: ShareChannel; url: string; copied: boolean } | null>(null);
  const { busy, problem, write } = useProjectWrite(locale);

  async function share(channel: ShareChannel) {
    setShared(null);
    const link = await write((project) => project.POST("/api/community/shares/", { body: { page_id: pageId, channel } }));
    if (!link || link === true) return;
    // The API's URL is at its own origin; the same path on this frontend counts the visit too (app/s/[code]).
    const url = new URL(new URL(link.url).pathname, window.location.origin).href;
    let copied = false;
    if (channel === "copy_link") {
      copied = await navigator.clipboard?.writeText(url).then(
        () => true,
        () => false,
      );
    }
    setShared({ channel, url, copied: Boolean(copied) });
  }

  const target = shared && shareTarget(shared.channel, shared.url, title);
  return (
    <div className="share">
      <button type="button" className="button secondary" aria-expanded={open} aria-controls={`${id}-channels`} onClick={() => setOpen(!open)}>
        {c.share}
      </button>
      <div id={`${id}-channels`} hidden={!open} className="share-panel">
        <ul className="inline-list" aria-label={format(c.shareOn, { title })}>
          {CHANNELS.map((channel) => (
            <li key={channel}>
              <button type="button" className="button secondary" disabled={busy} onClick={() => share(channel)}>
                {c.channels[channel]}
              </button>
            </li>
          ))}
        </ul>
        <div role="alert">{problem && <p className="form-error">{problem}</p>}</div>
        <div role="status">
          {shared && (
            <>
              <p>{shared.copied ? c.linkCopied : format(c.linkReady, { channel: c.channels[shared.channel] })}</p>
              <p className="field">
                <label htmlFor={`${id}-link`}>{c.yourLink}</label>
                <input id={`${id}-link`} readOnly value={shared.url} onFocus={(event) => event.currentTarget.select()} />
              </p>
              {target && (
                <p>
                  <a href={target} target="_blank" rel="noopener noreferrer">
                    {format(c.openChannel, { channel: c.channels[shared.channel] })}
                  </a>
                </p>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  );
}
