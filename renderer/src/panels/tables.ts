// Each metric as the table the analyst sees: the panels, the report and the tests all read these, so
// a number is formatted one way everywhere.
import type { MetricName } from '../../../shared/api';
import type { Metrics } from '../../../shared/metrics';
import type { FilterDimension } from '../../../shared/filter';
import { formatCount, formatMonth, formatNaira, formatPercent } from '../../../shared/format';
import { changeCells, continuedPercent, type ValueKind } from '../view/compare-format';
import { previousAdoption, previousFailureRates, previousKycSteps, previousMonths, previousTopVolumes } from '../../../shared/compare-pairs';

export interface Column {
  label: string;
  numeric: boolean;
}

export interface TableModel {
  columns: Column[];
  /** Cells as displayed. */
  rows: string[][];
  /** What clicking a row's first cell filters by: the dimension (or month), and each row's value. */
  click?: { dim: FilterDimension | 'month'; keys: string[] };
}

export interface ChartModel {
  labels: string[];
  values: number[];
}

const col = (label: string, numeric = false): Column => ({ label, numeric });

/** The comparison columns after a row's own: previous value, change, change in percent (rates: points). */
function withCompare(model: TableModel, prevs: (number | null | undefined)[] | null, currents: number[], kind: ValueKind, prevLabels?: (string | null)[]): TableModel {
  if (!prevs) return model;
  const columns = [...model.columns, col('Previous', true), col('Change', true)];
  if (kind !== 'rate') columns.push(col('Change %', true));
  const rows = model.rows.map((r, i) => {
    const c = changeCells(currents[i], prevs[i], kind);
    const previous = prevLabels?.[i] && c.previous !== '—' ? `${c.previous} (${prevLabels[i]})` : c.previous;
    return kind === 'rate' ? [...r, previous, c.change] : [...r, previous, c.change, c.percent];
  });
  return { ...model, columns, rows };
}

export function topMerchantsTable(m: Metrics, prev?: Metrics): TableModel {
  const model = {
    columns: [col('Rank', true), col('Merchant'), col('Successful volume', true)],
    rows: m.top_merchants.map((r, i) => [String(i + 1), r.merchant_id, formatNaira(r.total_volume)]),
  };
  // A merchant outside the previous period's top 10 shows "—".
  return withCompare(model, prev ? previousTopVolumes(m, prev) : null, m.top_merchants.map((r) => r.total_volume), 'money');
}

export function monthlyActiveTable(m: Metrics, prev?: Metrics): TableModel {
  const entries = Object.entries(m.monthly_active_merchants);
  const model: TableModel = {
    columns: [col('Month'), col('Active merchants', true)],
    rows: entries.map(([month, n]) => [formatMonth(month), formatCount(n)]),
    click: { dim: 'month', keys: entries.map(([k]) => k) },
  };
  if (!prev) return model;
  const before = previousMonths(m, prev);
  return withCompare(model, before.map((b) => b?.[1]), entries.map(([, n]) => n), 'count', before.map((b) => (b ? formatMonth(b[0]) : null)));
}

export function productAdoptionTable(m: Metrics, prev?: Metrics): TableModel {
  const entries = Object.entries(m.product_adoption);
  const model: TableModel = {
    columns: [col('Product'), col('Merchants', true)],
    rows: entries.map(([p, n]) => [p, formatCount(n)]),
    click: { dim: 'product', keys: entries.map(([p]) => p) },
  };
  // A product absent before had 0 merchants then: it reads "new".
  return withCompare(model, prev ? previousAdoption(m, prev) : null, entries.map(([, n]) => n), 'count');
}

export interface FunnelStep {
  label: string;
  value: number;
  /** Conversion from the step before, formatted; null for the first step. */
  conversion: string | null;
}

/** Conversion between steps; never 100.0% unless everyone continued (see continuedPercent). */
const conversion = (part: number, whole: number) => formatPercent(continuedPercent(part, whole));

export function kycSteps(m: Metrics): FunnelStep[] {
  const k = m.kyc_funnel;
  return [
    { label: 'Documents submitted', value: k.documents_submitted, conversion: null },
    { label: 'Verifications completed', value: k.verifications_completed, conversion: conversion(k.verifications_completed, k.documents_submitted) },
    { label: 'Tier upgrades', value: k.tier_upgrades, conversion: conversion(k.tier_upgrades, k.verifications_completed) },
  ];
}

export function kycTable(m: Metrics, prev?: Metrics): TableModel {
  const steps = kycSteps(m);
  const model = {
    columns: [col('Step'), col('Merchants', true), col('Conversion', true)],
    rows: steps.map((s) => [s.label, formatCount(s.value), s.conversion ?? '—']),
  };
  return withCompare(model, prev ? previousKycSteps(prev) : null, steps.map((s) => s.value), 'count');
}

export function failureRatesTable(m: Metrics, prev?: Metrics): TableModel {
  const model: TableModel = {
    columns: [col('Product'), col('Failure rate', true)],
    rows: m.failure_rates.map((r) => [r.product, formatPercent(r.failure_rate)]),
    click: { dim: 'product', keys: m.failure_rates.map((r) => r.product) },
  };
  return withCompare(model, prev ? previousFailureRates(m, prev) : null, m.failure_rates.map((r) => r.failure_rate), 'rate');
}

/** A metric's table; with `prev` (the comparison period's metrics) the comparison columns too. */
export function tableFor(name: MetricName, m: Metrics, prev?: Metrics): TableModel {
  switch (name) {
    case 'top_merchants':
      return topMerchantsTable(m, prev);
    case 'monthly_active_merchants':
      return monthlyActiveTable(m, prev);
    case 'product_adoption':
      return productAdoptionTable(m, prev);
    case 'kyc_funnel':
      return kycTable(m, prev);
    case 'failure_rates':
      return failureRatesTable(m, prev);
  }
}

/** Whether a metric has anything to show. */
export function hasData(name: MetricName, m: Metrics): boolean {
  switch (name) {
    case 'top_merchants':
      return m.top_merchants.length > 0;
    case 'monthly_active_merchants':
      return Object.keys(m.monthly_active_merchants).length > 0;
    case 'product_adoption':
      return Object.keys(m.product_adoption).length > 0;
    case 'kyc_funnel':
      return m.kyc_funnel.documents_submitted + m.kyc_funnel.verifications_completed + m.kyc_funnel.tier_upgrades > 0;
    case 'failure_rates':
      return m.failure_rates.length > 0;
  }
}

export const EMPTY_TEXT: Record<MetricName, string> = {
  top_merchants: 'No successful events with an amount yet.',
  monthly_active_merchants: 'No successful events with a valid date yet.',
  product_adoption: 'No events yet.',
  kyc_funnel: 'No successful KYC events yet.',
  failure_rates: 'No successful or failed events yet.',
};
