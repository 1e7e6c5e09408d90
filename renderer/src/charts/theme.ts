// Chart colours come from the same CSS variables as the rest of the window, so charts follow the
// system's light or dark theme and change when it changes.
import { useEffect, useState } from 'react';

export interface ChartTheme {
  bar: string;
  barStrong: string;
  text: string;
  grid: string;
  /** The panel's background and its heading colour, for a chart saved as a picture. */
  surface: string;
  title: string;
}

export function readChartTheme(): ChartTheme {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    bar: v('--chart-bar', '#4f7cc8'),
    barStrong: v('--chart-bar-strong', '#1f4f9f'),
    text: v('--text-muted', '#555'),
    grid: v('--chart-grid', '#ddd'),
    surface: v('--surface', '#fff'),
    title: v('--text', '#1b1f24'),
  };
}

export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState(readChartTheme);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setTheme(readChartTheme());
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return theme;
}
