/** The static HTML catalog (`image-manager report`) and the markdown summary for job summaries and MR comments. */
export { writeReport, type WriteReportResult } from './write-report';
export { loadReportData, type ReportOptions } from './load-report-data';
export { renderReportPages, type RenderedPage } from './render-report';
export { renderSummaryMarkdown, summaryMarkdown } from './summary-markdown';
export { escapeMarkdownCell } from './markdown-escape';
export type { ImageReport, PlatformReport, ReportData, TagReport } from './report-model';
