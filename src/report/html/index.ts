/** The self-contained HTML report. */
export { renderHtmlReport, contentSecurityPolicy, reportAssetsDir } from './render.js';
export type { HtmlReportOptions } from './render.js';
export { jsonForScript, visible } from './text.js';
