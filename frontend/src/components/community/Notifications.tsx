// One's notifications as the API words them (in one's preferred language), newest first and paginated,
// unread ones marked; each links to the page and comment it is about, and is read once opened.
import type { Notification } from "@/api";
import { Pagination, requireItems, type Query } from "@/components/site/Pagination";
import { formatDate, type Locale, messages, plural } from "@/lib/i18n";

import { MarkAllRead, NotificationLink } from "./NotificationActions";

/** The notification's link on this frontend: the page's path and the comment's anchor. */
function hrefOf(url: string | null): string | null {
  if (!url) return null;
  const address = new URL(url, "http://frontend.invalid");
  return `${address.pathname}${address.hash}`;
}

export function Notifications({
  locale,
  path,
  query,
  page,
  perPage,
}: {
  locale: Locale;
  path: string;
  query: Query;
  page: { count: number; items: Notification[] };
  perPage: number;
}) {
  const c = messages(locale).community;
  requireItems(query, page.items);
  const unread = page.items.filter((item) => !item.read_at).length;
  return (
    <div className="prose">
      <h1>{c.notificationsTitle}</h1>
      <p>
        <a href={`/${locale}/account/notifications/preferences/`}>{messages(locale).notificationPreferences.manage}</a>
      </p>
      {page.items.length === 0 ? (
        <p>{c.noNotifications}</p>
      ) : (
        <>
          <p className="meta">
            {plural(locale, c.notificationCount, page.count)}
            {unread > 0 && <> · {plural(locale, c.unreadCount, unread)}</>}
          </p>
          {unread > 0 && <MarkAllRead locale={locale} />}
          <ol className="notifications">
            {page.items.map((item) => {
              const href = hrefOf(item.url);
              return (
                <li key={item.id} className={item.read_at ? "notification" : "notification unread"}>
                  <p>
                    {!item.read_at && <span className="badge">{c.unread}</span>}{" "}
                    {href ? (
                      <NotificationLink locale={locale} id={item.id} href={href} unread={!item.read_at}>
                        {item.message}
                      </NotificationLink>
                    ) : (
                      item.message
                    )}
                  </p>
                  <p className="meta">
                    <time dateTime={item.created_at}>{formatDate(locale, item.created_at, true)}</time>
                  </p>
                </li>
              );
            })}
          </ol>
        </>
      )}
      <Pagination locale={locale} path={path} query={query} count={page.count} perPage={perPage} />
    </div>
  );
}
