// Registers only the chart.js pieces the five panels use (keeps the bundle and startup small).
import { BarController, BarElement, CategoryScale, Chart, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';
import { fitBeforeUpdate } from './fit-before-update';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, fitBeforeUpdate);
