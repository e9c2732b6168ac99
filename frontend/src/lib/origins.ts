// Where the API answers and where this frontend is published, both from the environment.

/** The Brand Hub API's origin, as the server reaches it (BRAND_HUB_API_URL). */
export function apiOrigin(): string {
  return (process.env.BRAND_HUB_API_URL ?? "http://127.0.0.1:8000").replace(/\/+$/, "");
}

/** This frontend's public origin (FRONTEND_URL, as Brand Hub's setting of the same name), for canonical URLs. */
export function siteOrigin(): string {
  return (process.env.FRONTEND_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
}
