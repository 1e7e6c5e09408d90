// The whole window accepts folders and files. Dragging shows an overlay; dropping starts an import.
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/app-store';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export function DropZone() {
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);
  const busy = useApp((s) => s.phase !== 'idle');

  useEffect(() => {
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth.current++;
      setDragging(true);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (e: DragEvent) => {
      // Always prevent the default, or the browser would navigate away to the dropped file.
      e.preventDefault();
      depth.current = 0;
      setDragging(false);
      if (e.dataTransfer) useApp.getState().importDrop(e.dataTransfer);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
      <div className="drop-target">
        {busy ? (
          <p>An import is running. Wait for it to finish before dropping more.</p>
        ) : (
          <>
            <p className="drop-title">Drop to import</p>
            <p>Folders and CSV files; folders are searched inside.</p>
          </>
        )}
      </div>
    </div>
  );
}
