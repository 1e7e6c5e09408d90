// Whether poppler's pdftotext and pdfinfo are installed (Debian's poppler-utils), for the PDF tests.
import { execFileSync } from 'node:child_process';

export const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
