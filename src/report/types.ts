/** What every report writer receives besides the results document. */
import type { GateVerdict } from '../ci/gate.js';
import type { Results } from '../results/schema.js';

export interface ReportOptions {
  /** CSV: prefix a UTF-8 byte order mark so Excel opens the file as UTF-8. */
  bom?: boolean;
  /** The CI gate's verdict, when one was applied (Markdown summary). */
  gate?: GateVerdict | null;
  /** Expired and unused suppressions, one line each (Markdown summary). */
  suppressionWarnings?: readonly string[];
  /** Other problems of the run that the gate does not cover (e.g. an unusable history database). */
  runWarnings?: readonly string[];
  /** Markdown: how many open findings to list; default 10. */
  topFindings?: number;
}

/**
 * A writer: pure, results in, file content out as a sequence of strings whose concatenation is the
 * file. A large report never exists as one string (V8 caps strings at about 512 MiB); the pieces
 * are made as they are read, so a caller that writes each one out holds only a little at a time.
 */
export type ReportWriter = (results: Results, options: ReportOptions) => Iterable<string>;
