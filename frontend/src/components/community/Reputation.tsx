// A person's reputation on their public profile: the score, the breakdown that explains it (each
// outcome's count times its points) and the badges earned, labelled by the API in the page's language.
import type { PublicReputation } from "@/api";
import { type Locale, messages, plural } from "@/lib/i18n";

export function Reputation({ locale, reputation }: { locale: Locale; reputation: PublicReputation }) {
  const r = messages(locale).reputation;
  return (
    <section aria-labelledby="reputation" className="reputation">
      <h2 id="reputation">{r.title}</h2>
      <p className="reputation-score">{plural(locale, r.score, reputation.score)}</p>
      <p className="meta">{r.explanation}</p>
      <table className="breakdown">
        <caption>{r.breakdown}</caption>
        <thead>
          <tr>
            <th scope="col">{r.outcome}</th>
            <th scope="col">{r.count}</th>
            <th scope="col">{r.pointsEach}</th>
            <th scope="col">{r.points}</th>
          </tr>
        </thead>
        <tbody>
          {reputation.breakdown.map((component) => (
            <tr key={component.component}>
              <th scope="row">{component.label}</th>
              <td>{component.count}</td>
              <td>{component.points_each}</td>
              <td>{component.points}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              {r.total}
            </th>
            <td>{reputation.score}</td>
          </tr>
        </tfoot>
      </table>
      <h3>{r.badges}</h3>
      {reputation.badges.length === 0 ? (
        <p>{r.noBadges}</p>
      ) : (
        <ul className="badges">
          {reputation.badges.map((badge) => (
            <li key={badge.code}>
              <span className="badge">{badge.label}</span> <span className="meta">{badge.description}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
