/** The self-contained HTML report. */
export { htmlReportChunks, renderHtmlReport, contentSecurityPolicy, reportAssetsDir } from './render.js';
export type { HtmlReportOptions } from './render.js';
export { escapeJsonForScript, jsonForScript, visible } from './text.js';
