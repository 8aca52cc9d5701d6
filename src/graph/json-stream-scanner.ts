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
    if (this.capture?.primitive && this.capture.depth === 0) {
      // A primitive at the very end of input is complete (only possible for malformed documents).
      this.scan(true);
    }
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
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (cap.inString) {
        if (cap.escaped) cap.escaped = false;
        else if (c === BACKSLASH) cap.escaped = true;
        else if (c === QUOTE) {
          cap.inString = false;
          if (cap.depth === 0) {
            this.pos = i + 1;
            return buf.slice(cap.start, i + 1);
          }
        } else if (c === NEWLINE) {
          // JSON strings cannot hold raw newlines; count it so the location of the parse error is right.
          this.line++;
          this.lineStart = i + 1;
        }
      } else if (c === QUOTE) {
        cap.inString = true;
      } else if (c === LBRACE || c === LBRACKET) {
        cap.depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        cap.depth--;
        if (cap.depth === 0) {
          this.pos = i + 1;
          return buf.slice(cap.start, i + 1);
        }
        if (cap.depth < 0) {
          this.pos = i;
          throw this.error(`unbalanced '${String.fromCharCode(c)}'`);
        }
      } else if (c === NEWLINE) {
        this.line++;
        this.lineStart = i + 1;
      }
      i++;
    }
    this.pos = i;
    return null;
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
