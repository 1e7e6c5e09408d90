// One labelled count in a <dl> of counts (import summary, live progress).
import { formatCount } from '../../../shared/format';

export function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>{formatCount(value)}</dd>
    </div>
  );
}
