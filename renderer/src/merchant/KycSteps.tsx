// The KYC funnel steps a merchant reached, with their dates; the steps not reached are said so.
import { KYC_STEP_NAMES, type KycStepName } from '../../../shared/metrics';
import { formatCount, formatDate } from '../../../shared/format';
import { KYC_STEP_LABELS } from '../drill/drill-spec';

export function KycSteps({ steps }: { steps: { step: KycStepName; first_date: string | null; last_date: string | null; events: number }[] }) {
  return (
    <div className="profile-block" data-testid="profile-kyc">
      <h3>KYC steps</h3>
      <ol className="profile-kyc">
        {KYC_STEP_NAMES.map((name) => {
          const s = steps.find((x) => x.step === name);
          return (
            <li key={name} data-reached={s ? 'true' : 'false'}>
              <strong>{KYC_STEP_LABELS[name]}</strong>:{' '}
              {s ? `${formatDate(s.first_date)}${s.last_date && s.last_date !== s.first_date ? ` – ${formatDate(s.last_date)}` : ''} (${formatCount(s.events)} ${s.events === 1 ? 'event' : 'events'})` : 'not reached'}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
