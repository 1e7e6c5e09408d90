// A chart whose box changed size with its new answer (a comparison turns the panels' charts full width)
// is sized before it draws that answer. Otherwise it drew at the old size, then chart.js's resize
// observer drew it again a frame later: four charts twice on every change into or out of a comparison.
import type { Chart, Plugin } from 'chart.js';

export const fitBeforeUpdate: Plugin = {
  id: 'fitBeforeUpdate',
  beforeUpdate(chart: Chart, { mode }) {
    // Fixed-size charts (the print report) keep their size; a resize's own update goes ahead.
    if (mode === 'resize' || !chart.options.responsive || !chart.attached) return;
    const { width, height } = chart;
    chart.resize();
    // Resized: that resize's update has drawn the new answer already (the observer then finds nothing to do).
    if (chart.width !== width || chart.height !== height) return false;
  },
};
