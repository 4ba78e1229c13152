// The report for a clinic visit: a chunk of its own.
export { ReportPage } from './ReportPage';
