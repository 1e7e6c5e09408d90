// The gesture that opens a drill, the same on every drillable element: Enter or a double-click.
// Elements get tabIndex 0 so the keyboard reaches them; Enter on a button inside (click to filter)
// keeps that button's meaning.
import type React from 'react';
import { useDrill } from './drill-store';
import type { DrillSpec } from './drill-spec';

export const DRILL_HINT = 'Double-click or press Enter to see the events behind this number';

export function drillProps(spec: DrillSpec | (() => DrillSpec)) {
  const open = (el: HTMLElement) => useDrill.getState().open(typeof spec === 'function' ? spec() : spec, el);
  return {
    tabIndex: 0,
    'data-drill': 'true',
    title: DRILL_HINT,
    onKeyDown(e: React.KeyboardEvent<HTMLElement>) {
      if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
      e.preventDefault();
      open(e.currentTarget);
    },
    onDoubleClick(e: React.MouseEvent<HTMLElement>) {
      e.preventDefault();
      e.currentTarget.focus();
      open(e.currentTarget);
    },
  };
}
