// Regions, tiers or channels a merchant was seen with, and when; more than one value means it changed.
import type { AttributeSpan } from '../../../shared/exploring';
import { formatCount, formatDate } from '../../../shared/format';

export function SpanTable({ title, spans, testId }: { title: string; spans: AttributeSpan[]; testId: string }) {
  const changed = spans.length > 1;
  return (
    <div className="profile-block" data-testid={testId}>
      <h3>
        {title} {changed && <span className="badge" data-testid={`${testId}-changed`}>changed</span>}
      </h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{title.replace(/s$/, '')}</th>
            <th scope="col" className="num">Events</th>
            <th scope="col">First</th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {spans.map((s) => (
            <tr key={s.value}>
              <td>{s.value}</td>
              <td className="num">{formatCount(s.events)}</td>
              <td>{formatDate(s.first_date)}</td>
              <td>{formatDate(s.last_date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
