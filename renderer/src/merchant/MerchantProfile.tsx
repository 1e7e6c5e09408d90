// A merchant's profile at #/merchant/<id>, under the current filter (getMerchant): summary, where it
// traded, volume by month, products, KYC steps, and its events. It asks getMerchant itself and drops
// answers a newer filter or merchant has overtaken.
import { useEffect, useRef, useState } from 'react';
import type { MerchantResponse } from '../../../shared/exploring';
import { formatCount, formatMonth, formatNaira } from '../../../shared/format';
import { errorMessage, invoke } from '../api/invoke';
import { MetricChart } from '../charts/MetricChart';
import { ChartPngButton } from '../charts/ChartPngButton';
import { FilterBar } from '../filters/FilterBar';
import { useApp } from '../store/app-store';
import { KycSteps } from './KycSteps';
import { MerchantEvents } from './MerchantEvents';
import { ProductsTable } from './ProductsTable';
import { ProfileSummary } from './ProfileSummary';
import { SpanTable } from './SpanTable';
import { useDimmed } from '../panels/use-dimmed';

const shortNaira = (v: number) => (Math.abs(v) >= 1e6 ? `₦${(v / 1e6).toFixed(1)}M` : Math.abs(v) >= 1e3 ? `₦${(v / 1e3).toFixed(0)}K` : `₦${v}`);

export function MerchantProfile({ merchant }: { merchant: string }) {
  const filter = useApp((s) => s.explore.filter);
  const monthsRef = useRef<HTMLElement>(null);
  const close = useApp((s) => s.closeMerchant);
  const [state, setState] = useState<{ data?: MerchantResponse; error?: string; pending: boolean }>({ pending: true });
  const seq = useRef(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ data: s.data?.merchant_id === merchant ? s.data : undefined, pending: true }));
    invoke('getMerchant', { merchant_id: merchant, ...(Object.keys(filter).length ? { filter } : {}) }).then(
      (data) => mine === seq.current && setState({ data, pending: false }),
      (err) => mine === seq.current && setState((s) => ({ ...s, error: errorMessage(err), pending: false })),
    );
  }, [merchant, filter]);
  // A new profile starts at its heading, for keyboard and screen-reader users alike.
  useEffect(() => heading.current?.focus(), [merchant]);

  const m = state.data;
  const dimmed = useDimmed(state.pending);
  return (
    <div className="profile" data-testid="merchant-profile" data-merchant={merchant} data-pending={state.pending ? 'true' : 'false'}>
      <div className="profile-top">
        <button type="button" className="button button-quiet" onClick={close} data-testid="profile-back">
          ← Back
        </button>
        <h1 ref={heading} tabIndex={-1} id="profile-title">
          Merchant {merchant}
        </h1>
      </div>
      <FilterBar />
      {state.error && <p className="panel-error" role="alert">{state.error}</p>}
      {m && !m.known && <p className="panel-empty" data-testid="profile-unknown">No stored event has the merchant id {merchant}.</p>}
      {m && m.known && (
        <div className={dimmed ? 'profile-body panel-pending' : 'profile-body'} aria-busy={state.pending || undefined}>
          <section className="panel" aria-labelledby="profile-title">
            <ProfileSummary m={m} />
          </section>
          <section className="panel" aria-label="Volume by month" data-testid="profile-months" data-months={m.months.length} ref={monthsRef}>
            <header className="panel-header">
              <h2>Successful volume by month</h2>
              {m.months.length > 0 && (
                <ChartPngButton
                  canvas={() => monthsRef.current?.querySelector('canvas')}
                  what={`${merchant} successful volume by month`}
                  stem={`merchant_${merchant} volume chart`}
                  view={Object.keys(filter).length ? { filter } : {}}
                  testId="png-profile-months"
                />
              )}
            </header>
            {m.months.length === 0 ? (
              <p className="panel-empty">No dated events under this filter.</p>
            ) : (
              <>
                <MetricChart type="bar" labels={m.months.map((x) => formatMonth(x.month))} values={m.months.map((x) => x.volume)} format={formatNaira} tickFormat={shortNaira} ariaLabel={`Bar chart of ${merchant}'s successful volume per month`} />
                <table className="data-table">
                  <caption className="visually-hidden">Volume and events per month</caption>
                  <thead>
                    <tr>
                      <th scope="col">Month</th>
                      <th scope="col" className="num">Successful volume</th>
                      <th scope="col" className="num">Events</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.months.map((x) => (
                      <tr key={x.month}>
                        <td>{formatMonth(x.month)}</td>
                        <td className="num">{formatNaira(x.volume)}</td>
                        <td className="num">{formatCount(x.events)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
          <section className="panel profile-grid" aria-label="Where it traded">
            <SpanTable title="Regions" spans={m.regions} testId="profile-regions" />
            <SpanTable title="Tiers" spans={m.tiers} testId="profile-tiers" />
            <SpanTable title="Channels" spans={m.channels} testId="profile-channels" />
          </section>
          <section className="panel profile-grid" aria-label="Products and KYC">
            <ProductsTable products={m.products} />
            <KycSteps steps={m.kyc_steps} />
          </section>
        </div>
      )}
      {m && m.known && <MerchantEvents merchant={merchant} filter={filter} />}
    </div>
  );
}
