/**
 * A streaming scanner for one top-level JSON object whose large members are arrays.
 *
 * It is fed text chunks and finds the boundaries of each member value and, for the members named
 * as streamed, of each array element; each piece is then parsed with `JSON.parse`. So a file of a
 * million nodes never exists as one string or one parse tree, whatever its layout (one element per
 * line as cloudwarden writes, pretty-printed, or minified). Errors carry line and column.
 */

export interface ScanLocation {
  line: number;
  column: number;
}

export interface ScanHandlers {
  /** A member that is not streamed, parsed whole. */
  onMember(key: string, value: unknown, at: ScanLocation): void;
  /** A member that is streamed starts (its value is an array). */
  onArrayStart?(key: string, at: ScanLocation): void;
  /** One element of a streamed array. */
  onArrayItem(key: string, item: unknown, index: number, at: ScanLocation): void;
  /** A streamed array ended. */
  onArrayEnd?(key: string, count: number): void;
}

export class JsonScanError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    /** Where in the document: `nodes[12]`, `scope`, or '' at top level. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'JsonScanError';
  }
}

const enum State {
  ObjectStart,
  KeyOrEnd,
  Key,
  Colon,
  Value,
  ArrayFirst,
  ArrayItem,
  ArraySeparator,
  MemberSeparator,
  Done,
}

// Character codes.
const QUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const COMMA = 44;
const COLON = 58;
const NEWLINE = 10;

/** Longest line tried as one element before deciding the layout is not one element per line. */
const MAX_LINE_ELEMENT = 4 << 20;

/** Characters that matter outside strings, and inside strings. */
const STRUCTURE_STOP = /["{}[\]\n]/g;
const STRING_STOP = /["\\]/g;

function isWhitespace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Resumable state of the value being captured. */
interface Capture {
  start: number;
  line: number;
  column: number;
  depth: number;
  inString: boolean;
  escaped: boolean;
  /** Primitive (number, true, false, null) rather than string/object/array. */
  primitive: boolean;
  /** Captured value is a key string. */
  isKey: boolean;
}

export class JsonStreamScanner {
  private buf = '';
  private pos = 0;
  private line = 1;
  /** Index in `buf` where the current line starts (may be negative after trimming). */
  private lineStart = 0;
  private state: State = State.ObjectStart;
  private key = '';
  private itemIndex = 0;
  private capture: Capture | null = null;
  private readonly seenKeys = new Set<string>();
  /** Whether elements are still being read one line at a time (see tryLineElement). */
  private lineFastPath = true;

  constructor(
    private readonly streamed: ReadonlySet<string>,
    private readonly handlers: ScanHandlers,
  ) {}

  /** Feeds the next chunk of text. */
  write(chunk: string): void {
    // Drop what has been consumed, keeping any capture in progress.
    const keepFrom = this.capture ? this.capture.start : this.pos;
    if (keepFrom > 0) {
      this.buf = this.buf.slice(keepFrom);
      this.pos -= keepFrom;
      this.lineStart -= keepFrom;
      if (this.capture) this.capture.start = 0;
    }
    this.buf += chunk;
    this.scan();
  }

  /** Signals the end of input; throws if the document is incomplete. */
  end(): void {
    this.scan(true);
    if (this.state !== State.Done) {
      throw this.error(`unexpected end of file: ${this.expectation()} (the file is truncated or incomplete)`);
    }
  }

  private where(): string {
    if (this.state === State.ArrayItem || this.state === State.ArraySeparator || this.state === State.ArrayFirst) {
      return `${this.key}[${this.itemIndex}]`;
    }
    if (this.state === State.Value || this.state === State.Colon) return this.key;
    return '';
  }

  private expectation(): string {
    switch (this.state) {
      case State.ObjectStart:
        return "expected '{' (a snapshot is a JSON object)";
      case State.KeyOrEnd:
      case State.Key:
        return 'expected a member name in double quotes';
      case State.Colon:
        return `expected ':' after "${this.key}"`;
      case State.Value:
        return `expected the value of "${this.key}"`;
      case State.ArrayFirst:
      case State.ArrayItem:
        return `expected an element of "${this.key}"`;
      case State.ArraySeparator:
        return `expected ',' or ']' after ${this.key}[${this.itemIndex - 1}]`;
      case State.MemberSeparator:
        return "expected ',' or '}' after a member";
      case State.Done:
        return 'expected nothing more';
    }
  }

  private error(message: string, line = this.line, column = this.pos - this.lineStart + 1, field = this.where()): JsonScanError {
    const prefix = field ? `${field}: ` : '';
    return new JsonScanError(`line ${line}, column ${column}: ${prefix}${message}`, line, column, field);
  }

  private skipWhitespace(): boolean {
    const buf = this.buf;
    while (this.pos < buf.length) {
      const c = buf.charCodeAt(this.pos);
      if (!isWhitespace(c)) return true;
      if (c === NEWLINE) {
        this.line++;
        this.lineStart = this.pos + 1;
      }
      this.pos++;
    }
    return false;
  }

  private startCapture(isKey: boolean): void {
    const c = this.buf.charCodeAt(this.pos);
    this.capture = {
      start: this.pos,
      line: this.line,
      column: this.pos - this.lineStart + 1,
      depth: 0,
      inString: false,
      escaped: false,
      primitive: !(c === QUOTE || c === LBRACE || c === LBRACKET),
      isKey,
    };
  }

  /** Advances the capture; returns the captured text when complete, or null when more input is needed. */
  private advanceCapture(atEnd: boolean): string | null {
    const cap = this.capture;
    if (!cap) return null;
    const buf = this.buf;
    let i = this.pos;
    const n = buf.length;
    if (cap.primitive) {
      while (i < n) {
        const c = buf.charCodeAt(i);
        if (isWhitespace(c) || c === COMMA || c === RBRACE || c === RBRACKET || c === COLON) break;
        i++;
      }
      this.pos = i;
      if (i === n && !atEnd) return null;
      return buf.slice(cap.start, i);
    }
    // Jump from one structural character to the next with native regex search instead of a
    // character loop: most of a snapshot is string content.
    if (cap.escaped && i < n) {
      cap.escaped = false;
      i++;
    }
    while (i < n) {
      if (cap.inString) {
        STRING_STOP.lastIndex = i;
        const m = STRING_STOP.exec(buf);
        if (!m) {
          i = n;
          break;
        }
        const j = m.index;
        if (buf.charCodeAt(j) === BACKSLASH) {
          if (j + 1 >= n) {
            cap.escaped = true;
            i = n;
            break;
          }
          i = j + 2;
          continue;
        }
        cap.inString = false;
        i = j + 1;
        if (cap.depth === 0) {
          this.pos = i;
          return buf.slice(cap.start, i);
        }
        continue;
      }
      STRUCTURE_STOP.lastIndex = i;
      const m = STRUCTURE_STOP.exec(buf);
      if (!m) {
        i = n;
        break;
      }
      const j = m.index;
      const c = buf.charCodeAt(j);
      i = j + 1;
      if (c === QUOTE) {
        cap.inString = true;
      } else if (c === LBRACE || c === LBRACKET) {
        cap.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        cap.depth--;
        if (cap.depth === 0) {
          this.pos = i;
          return buf.slice(cap.start, i);
        }
        if (cap.depth < 0) {
          this.pos = j;
          throw this.error(`unbalanced '${String.fromCharCode(c)}'`);
        }
      } else {
        // Newline between tokens.
        this.line++;
        this.lineStart = i;
      }
    }
    this.pos = i;
    return null;
  }

  /**
   * Fast path for the layout cloudwarden writes (one element per line): if the rest of the line
   * parses as one JSON value, that value is the element (a complete JSON value cannot continue on
   * the next line). Otherwise the general scanner takes over for the rest of the file.
   */
  private tryLineElement(atEnd: boolean): 'done' | 'need-more' | 'fallback' {
    const start = this.pos;
    const nl = this.buf.indexOf('\n', start);
    if (nl === -1) {
      // Minified or one very long line: this is not the one-element-per-line layout.
      if (atEnd || this.buf.length - start > MAX_LINE_ELEMENT) {
        this.lineFastPath = false;
        return 'fallback';
      }
      return 'need-more';
    }
    let end = nl;
    if (end > start && this.buf.charCodeAt(end - 1) === 13) end--;
    if (end > start && this.buf.charCodeAt(end - 1) === COMMA) end--;
    let item: unknown;
    try {
      item = JSON.parse(this.buf.slice(start, end));
    } catch {
      this.lineFastPath = false;
      return 'fallback';
    }
    const at = { line: this.line, column: start - this.lineStart + 1 };
    this.pos = end;
    this.handlers.onArrayItem(this.key, item, this.itemIndex, at);
    this.itemIndex++;
    this.state = State.ArraySeparator;
    return 'done';
  }

  private parse(text: string, cap: Capture, field: string): unknown {
    try {
      return JSON.parse(text);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      const m = /position (\d+)/.exec(msg);
      let line = cap.line;
      let column = cap.column;
      if (m) {
        const offset = Number(m[1]);
        for (let k = 0; k < offset && k < text.length; k++) {
          if (text.charCodeAt(k) === NEWLINE) {
            line++;
            column = 1;
          } else column++;
        }
      }
      const clean = msg.replace(/^(Unexpected token|Expected)/, (s) => s.toLowerCase()).replace(/ in JSON at position \d+.*$/s, '');
      throw this.error(`invalid JSON: ${clean}`, line, column, field);
    }
  }

  private scan(atEnd = false): void {
    for (;;) {
      switch (this.state) {
        case State.ObjectStart: {
          if (!this.skipWhitespace()) return;
          if (this.buf.charCodeAt(this.pos) !== LBRACE) throw this.error("expected '{' (a snapshot is a JSON object)");
          this.pos++;
          this.state = State.KeyOrEnd;
          break;
        }
        case State.KeyOrEnd:
        case State.Key: {
          if (!this.capture) {
            if (!this.skipWhitespace()) return;
            const c = this.buf.charCodeAt(this.pos);
            if (c === RBRACE && this.state === State.KeyOrEnd) {
              this.pos++;
              this.state = State.Done;
              break;
            }
            if (c !== QUOTE) throw this.error('expected a member name in double quotes');
            this.startCapture(true);
          }
          const cap = this.capture;
          const text = this.advanceCapture(atEnd);
          if (text === null || !cap) return;
          this.capture = null;
          this.key = this.parse(text, cap, '') as string;
          if (this.seenKeys.has(this.key)) throw this.error(`duplicate member "${this.key}"`, cap.line, cap.column, '');
          this.seenKeys.add(this.key);
          this.state = State.Colon;
          break;
        }
        case State.Colon: {
          if (!this.skipWhitespace()) return;
          if (this.buf.charCodeAt(this.pos) !== COLON) throw this.error(`expected ':' after "${this.key}"`);
          this.pos++;
          this.state = State.Value;
          break;
        }
        case State.Value: {
          if (!this.capture) {
            if (!this.skipWhitespace()) return;
            if (this.streamed.has(this.key) && this.buf.charCodeAt(this.pos) === LBRACKET) {
              this.handlers.onArrayStart?.(this.key, { line: this.line, column: this.pos - this.lineStart + 1 });
              this.pos++;
              this.itemIndex = 0;
              this.state = State.ArrayFirst;
              break;
            }
            this.startCapture(false);
          }
          const cap = this.capture;
          const text = this.advanceCapture(atEnd);
          if (text === null || !cap) return;
          this.capture = null;
          const value = this.parse(text, cap, this.key);
          this.handlers.onMember(this.key, value, { line: cap.line, column: cap.column });
          this.state = State.MemberSeparator;
          break;
        }
        case State.ArrayFirst:
        case State.ArrayItem: {
          if (!this.capture) {
            if (!this.skipWhitespace()) return;
            const c = this.buf.charCodeAt(this.pos);
            if (c === RBRACKET && this.state === State.ArrayFirst) {
              this.pos++;
              this.handlers.onArrayEnd?.(this.key, 0);
              this.state = State.MemberSeparator;
              break;
            }
            if (c === RBRACKET) throw this.error(`trailing ',' before ']' in "${this.key}"`);
            if (this.lineFastPath) {
              const handled = this.tryLineElement(atEnd);
              if (handled === 'need-more') return;
              if (handled === 'done') break;
            }
            this.startCapture(false);
          }
          const cap = this.capture;
          const text = this.advanceCapture(atEnd);
          if (text === null || !cap) return;
          this.capture = null;
          const field = `${this.key}[${this.itemIndex}]`;
          const item = this.parse(text, cap, field);
          this.handlers.onArrayItem(this.key, item, this.itemIndex, { line: cap.line, column: cap.column });
          this.itemIndex++;
          this.state = State.ArraySeparator;
          break;
        }
        case State.ArraySeparator: {
          if (!this.skipWhitespace()) return;
          const c = this.buf.charCodeAt(this.pos);
          this.pos++;
          if (c === COMMA) this.state = State.ArrayItem;
          else if (c === RBRACKET) {
            this.handlers.onArrayEnd?.(this.key, this.itemIndex);
            this.state = State.MemberSeparator;
          } else {
            this.pos--;
            throw this.error(`expected ',' or ']' after ${this.key}[${this.itemIndex - 1}]`);
          }
          break;
        }
        case State.MemberSeparator: {
          if (!this.skipWhitespace()) return;
          const c = this.buf.charCodeAt(this.pos);
          this.pos++;
          if (c === COMMA) this.state = State.Key;
          else if (c === RBRACE) this.state = State.Done;
          else {
            this.pos--;
            throw this.error(`expected ',' or '}' after the value of "${this.key}"`);
          }
          break;
        }
        case State.Done: {
          if (!this.skipWhitespace()) return;
          throw this.error('unexpected content after the end of the document', this.line, this.pos - this.lineStart + 1, '');
        }
      }
    }
  }
}
