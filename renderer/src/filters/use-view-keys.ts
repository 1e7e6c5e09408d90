// Keyboard shortcuts for the view: "/" or Ctrl+L moves focus to the filter bar (its first control);
// Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) step back and forward through filter changes. Inside a text
// box these keys keep their usual meaning, so typing a "/" or undoing typing still works.
import { useEffect } from 'react';
import { redoView, undoView } from '../view/url-sync';

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((el as HTMLInputElement).type);
}

export function focusFilterBar(): void {
  document.querySelector<HTMLElement>('#filter-date-range')?.focus();
}

export function useViewKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if ((e.key === '/' && !mod && !e.altKey && !typing(e.target)) || (mod && !e.altKey && e.key.toLowerCase() === 'l')) {
        e.preventDefault();
        focusFilterBar();
      } else if (mod && !e.altKey && !typing(e.target) && (e.key.toLowerCase() === 'z' || e.key.toLowerCase() === 'y')) {
        e.preventDefault();
        if (e.key.toLowerCase() === 'y' || e.shiftKey) redoView();
        else undoView();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
