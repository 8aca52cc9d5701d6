/**
 * Everything the CLI prints. Results go to stdout; logs and progress to stderr, as text (coloured
 * on a terminal unless NO_COLOR is set) or as JSON lines (`--log-format json`) for CI.
 * Progress bars appear only on a terminal in text mode.
 */
import type { ProgressEvent } from '../collectors/types.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'text' | 'json';

export interface OutputOptions {
  format: LogFormat;
  quiet: boolean;
  debug: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream & { isTTY?: boolean };
  env?: NodeJS.ProcessEnv;
}

export class Output {
  readonly format: LogFormat;
  readonly color: boolean;
  private readonly quiet: boolean;
  private readonly showDebug: boolean;
  private readonly out: NodeJS.WritableStream;
  private readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  private readonly interactive: boolean;
  private barVisible = false;
  private lastRender = 0;
  private progressState = { targetsStarted: 0, targetsDone: 0, calls: 0, gaps: 0, retries: 0, current: '' };

  constructor(options: OutputOptions) {
    const env = options.env ?? process.env;
    this.format = options.format;
    this.quiet = options.quiet;
    this.showDebug = options.debug;
    this.out = options.stdout ?? process.stdout;
    this.err = options.stderr ?? process.stderr;
    const tty = Boolean(this.err.isTTY);
    const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
    const forceColor = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0';
    this.color = this.format === 'text' && !noColor && (forceColor || (tty && env.TERM !== 'dumb'));
    this.interactive = this.format === 'text' && tty && !this.quiet && env.CI !== 'true';
  }

  /** Prints a command's result on stdout. */
  result(text: string): void {
    this.clearBar();
    this.out.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  debug(msg: string, fields?: Record<string, unknown>): void {
    if (this.showDebug) this.log('debug', msg, fields);
  }
  info(msg: string, fields?: Record<string, unknown>): void {
    if (!this.quiet) this.log('info', msg, fields);
  }
  warn(msg: string, fields?: Record<string, unknown>): void {
    this.log('warn', msg, fields);
  }
  error(msg: string, fields?: Record<string, unknown>): void {
    this.log('error', msg, fields);
  }

  private log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void {
    this.clearBar();
    if (this.format === 'json') {
      this.err.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
      return;
    }
    const label = level === 'info' ? '' : `${this.paint(level === 'error' ? '31' : level === 'warn' ? '33' : '2', level)}: `;
    this.err.write(`${label}${msg}\n`);
  }

  paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  /** Feeds collector progress: a bar on a terminal, JSON lines for notable events in JSON mode. */
  progress(event: ProgressEvent): void {
    const s = this.progressState;
    switch (event.type) {
      case 'target-start':
        s.targetsStarted++;
        s.current = `${event.provider}:${event.account}`;
        if (this.format === 'json' && !this.quiet) this.log('info', 'collecting target', { provider: event.provider, account: event.account });
        break;
      case 'target-end':
        s.targetsDone++;
        if (this.format === 'json' && !this.quiet) this.log('info', 'collected target', { provider: event.provider, account: event.account, nodes: event.nodes, gaps: event.gaps });
        else if (!this.interactive && !this.quiet) this.log('info', `collected ${event.provider}:${event.account}: ${event.nodes} resources, ${event.gaps} coverage gaps`);
        break;
      case 'call':
        s.calls++;
        if (event.status !== 'ok' && event.status !== 'skipped') s.gaps++;
        s.current = `${event.service} ${event.operation}`;
        break;
      case 'retry':
        s.retries++;
        this.debug(`retrying ${event.service} ${event.operation} in ${event.delayMs} ms (attempt ${event.attempt}): ${event.reason}`);
        break;
    }
    this.renderBar();
  }

  private renderBar(force = false): void {
    if (!this.interactive) return;
    const now = Date.now();
    if (!force && now - this.lastRender < 80) return;
    this.lastRender = now;
    const s = this.progressState;
    const total = Math.max(s.targetsStarted, 1);
    const width = 20;
    const filled = Math.round((s.targetsDone / total) * width);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
    const line = `${this.paint('36', bar)} ${s.targetsDone}/${s.targetsStarted} targets, ${s.calls} calls, ${s.gaps} gaps${s.retries ? `, ${s.retries} retries` : ''}  ${s.current}`;
    const columns = (this.err as { columns?: number }).columns ?? 100;
    this.err.write(`\r\u001b[K${line.slice(0, columns + (this.color ? 9 : 0) - 1)}`);
    this.barVisible = true;
  }

  /** Removes the progress bar line before other output. */
  clearBar(): void {
    if (this.barVisible) {
      this.err.write('\r\u001b[K');
      this.barVisible = false;
    }
  }
}
