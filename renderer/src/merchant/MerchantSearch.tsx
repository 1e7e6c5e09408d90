// Ctrl+K: find a merchant by id. A combobox over a listbox of matches (searchMerchants, prefix matches
// first, by volume); arrows move, Enter opens the profile, Escape closes and focus goes back to where
// it was (the native dialog's own focus return).
import { useEffect, useRef, useState } from 'react';
import type { MerchantMatch } from '../../../shared/exploring';
import { formatNaira } from '../../../shared/format';
import { errorMessage, invoke } from '../api/invoke';
import { useModal } from '../components/use-modal';

const LIMIT = 10;

export function MerchantSearch({ onOpen, onClose }: { onOpen(id: string): void; onClose(): void }) {
  const ref = useModal();
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<MerchantMatch[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [settledFor, setSettledFor] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) {
      setMatches([]);
      setSettledFor('');
      return;
    }
    // Every keystroke asks; only the newest answer is shown, so fast typing never shows stale matches.
    invoke('searchMerchants', { query: q, limit: LIMIT }).then(
      (r) => {
        if (mine !== seq.current) return;
        setMatches(r.merchants);
        setActive(0);
        setError(null);
        setSettledFor(q);
      },
      (err) => mine === seq.current && (setError(errorMessage(err)), setSettledFor(q)),
    );
  }, [query]);

  const open = (i: number) => {
    const m = matches[i];
    if (m) onOpen(m.merchant_id);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (matches.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(active);
    }
  };
  const optionId = (i: number) => `merchant-option-${i}`;

  return (
    <dialog ref={ref} className="dialog merchant-search" aria-labelledby="merchant-search-title" data-testid="merchant-search" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="merchant-search-title">Find a merchant</h2>
      <input
        type="text"
        role="combobox"
        aria-label="Merchant id"
        aria-expanded={matches.length > 0}
        aria-controls="merchant-options"
        aria-autocomplete="list"
        aria-activedescendant={matches.length ? optionId(active) : undefined}
        className="input merchant-search-input"
        placeholder="Type part of a merchant id, e.g. MRC-0094"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
        data-autofocus
        autoComplete="off"
        spellCheck={false}
      />
      <ul id="merchant-options" role="listbox" aria-label="Matching merchants" className="merchant-options" data-testid="merchant-options" data-settled={settledFor === query.trim() ? 'true' : 'false'}>
        {matches.map((m, i) => (
          <li key={m.merchant_id} id={optionId(i)} role="option" aria-selected={i === active} className={i === active ? 'merchant-option active' : 'merchant-option'} onMouseDown={(e) => e.preventDefault()} onClick={() => open(i)}>
            <span>{m.merchant_id}</span>
            <span className="num">{formatNaira(m.volume)}</span>
          </li>
        ))}
      </ul>
      {error && <p className="panel-error" role="alert">{error}</p>}
      {!error && query.trim() && settledFor === query.trim() && matches.length === 0 && <p className="panel-empty">No merchant id contains “{query.trim()}”.</p>}
      <p className="panel-summary">↑ ↓ to choose, Enter to open the profile, Escape to close. Prefix matches come first, then by successful volume.</p>
    </dialog>
  );
}
