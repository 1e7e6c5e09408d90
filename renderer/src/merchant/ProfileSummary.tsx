// The profile's headline numbers: volume and rank under the filter, events by status, first and last date.
import type { MerchantResponse } from '../../../shared/exploring';
import { formatCount, formatDate, formatNaira } from '../../../shared/format';

export function ProfileSummary({ m }: { m: MerchantResponse }) {
  return (
    <dl className="profile-summary" data-testid="profile-summary">
      <div>
        <dt>Successful volume</dt>
        <dd data-testid="profile-volume">{formatNaira(m.volume)}</dd>
      </div>
      <div>
        <dt>Rank</dt>
        <dd data-testid="profile-rank">{m.rank === null ? 'not ranked (no successful volume)' : `${formatCount(m.rank)} of ${formatCount(m.ranked_merchants)}`}</dd>
      </div>
      <div>
        <dt>Events</dt>
        <dd data-testid="profile-events-count">{formatCount(m.events)}</dd>
      </div>
      {(['SUCCESS', 'FAILED', 'PENDING'] as const).map((s) => (
        <div key={s}>
          <dt>{s[0] + s.slice(1).toLowerCase()}</dt>
          <dd data-testid={`profile-status-${s}`}>{formatCount(m.events_by_status[s])}</dd>
        </div>
      ))}
      <div>
        <dt>Active</dt>
        <dd data-testid="profile-dates">{m.first_date ? `${formatDate(m.first_date)} – ${formatDate(m.last_date)}` : 'no dated events'}</dd>
      </div>
      {m.undated_events > 0 && (
        <div>
          <dt>Undated</dt>
          <dd>{formatCount(m.undated_events)} events without a valid time (in no month)</dd>
        </div>
      )}
    </dl>
  );
}
