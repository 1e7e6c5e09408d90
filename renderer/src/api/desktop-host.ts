// The desktop app: paths come straight from Electron (webUtils through the preload), nothing is uploaded.
import type { AnalyticsApi } from '../../../shared/api';
import type { Host } from './host';

export function createDesktopHost(api: AnalyticsApi): Host {
  return {
    mode: 'desktop',
    api,
    chooseLabel: 'Choose folders…',
    async resolveDrop(dt) {
      const paths = Array.from(dt.files)
        .map((f) => api.pathForFile(f))
        .filter((p) => p !== '');
      return { paths, noCsv: false, skipped: 0 };
    },
    onUploadProgress() {
      return () => {};
    },
  };
}
