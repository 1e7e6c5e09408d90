// A merchant's products: events, successful volume, failure rate, first and last use.
import type { MerchantProduct } from '../../../shared/exploring';
import { formatCount, formatDate, formatNaira, formatPercent } from '../../../shared/format';

export function ProductsTable({ products }: { products: MerchantProduct[] }) {
  return (
    <div className="profile-block" data-testid="profile-products">
      <h3>Products</h3>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" className="num">Events</th>
            <th scope="col" className="num">Successful volume</th>
            <th scope="col" className="num">Failure rate</th>
            <th scope="col">First use</th>
            <th scope="col">Last use</th>
          </tr>
        </thead>
        <tbody>
          {products.map((p) => (
            <tr key={p.product}>
              <td>{p.product}</td>
              <td className="num">{formatCount(p.events)}</td>
              <td className="num">{formatNaira(p.volume)}</td>
              <td className="num">{p.failure_rate === null ? '—' : formatPercent(p.failure_rate)}</td>
              <td>{formatDate(p.first_date)}</td>
              <td>{formatDate(p.last_date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
