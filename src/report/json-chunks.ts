/**
 * `JSON.stringify` in pieces, for documents too large to hold as one string (V8 caps a string at
 * about 512 MiB, and building one costs twice its size in heap).
 *
 * `stringifyChunks(value, { depth, space })` yields strings whose concatenation is exactly
 * `JSON.stringify(value, null, space)`. It walks objects and arrays itself down to `depth` levels
 * and hands anything deeper to `JSON.stringify` whole, indented to its nesting level. So with
 * `depth: 2`, a results document comes out one finding (saving, coverage row…) at a time.
 *
 * Same semantics as `JSON.stringify`: `toJSON` is called (with the property name or index), object
 * properties that are undefined, functions or symbols are left out, array elements that are become
 * `null`, boxed primitives are written as their value, and an empty object or array is `{}`/`[]`.
 * Nothing is yielded for a top-level value that `JSON.stringify` maps to `undefined`.
 *
 * `LazyArray` is an array whose elements are made only when they are written (SARIF results from
 * findings): `JSON.stringify` sees the mapped array through `toJSON`, and this walker maps one
 * element at a time, so the mapped array never exists whole.
 */
import { types } from 'node:util';

export interface StringifyChunksOptions {
  /** Levels of objects and arrays to walk before handing values to `JSON.stringify` whole. */
  depth: number;
  /** Indentation, as `JSON.stringify`'s third argument (a number of spaces, at most 10); default 0. */
  space?: number;
}

/** `items` mapped by `map`, one element at a time when streamed (see the module comment). */
export class LazyArray<T, U> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => U,
  ) {}

  /** What `JSON.stringify` writes: the whole mapped array. */
  toJSON(): U[] {
    return this.items.map((item) => this.map(item));
  }
}

/** Where a value sits: its indentation, and the text between tokens that `space` implies. */
interface Layout {
  /** One level of indentation (`''` for compact output). */
  gap: string;
  /** Indentation of the current value's own lines. */
  indent: string;
}

export function* stringifyChunks(value: unknown, options: StringifyChunksOptions): Generator<string, void, undefined> {
  const gap = ' '.repeat(Math.max(0, Math.min(10, Math.floor(options.space ?? 0))));
  const resolved = applyToJson(value, '');
  if (!isWritable(resolved)) return;
  yield* valueChunks('', resolved, options.depth, { gap, indent: '' });
}

function hasToJson(value: unknown): boolean {
  const isObject = (typeof value === 'object' && value !== null) || typeof value === 'bigint';
  return isObject && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** `value.toJSON(key)` when there is one, as `JSON.stringify` does before anything else. */
function applyToJson(value: unknown, key: string): unknown {
  // A LazyArray is walked element by element instead (same text, without the whole mapped array).
  if (!hasToJson(value) || value instanceof LazyArray) return value;
  return (value as { toJSON: (key: string) => unknown }).toJSON(key);
}

/** Whether `JSON.stringify` writes the value at all (it drops undefined, functions and symbols). */
function isWritable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Objects and arrays we walk ourselves; everything else (primitives, boxed primitives) is a leaf. */
function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !types.isBoxedPrimitive(value);
}

/** Whether the value is written whole by `JSON.stringify` rather than walked. */
function isLeaf(value: unknown, depth: number): boolean {
  return depth <= 0 || !isContainer(value);
}

/**
 * A value, written whole or walked; `before` (the punctuation and key ahead of it) in its first
 * piece, so a leaf and what precedes it are one piece (most pieces are leaves; fewer is faster).
 */
function* valueChunks(before: string, value: unknown, depth: number, layout: Layout): Generator<string, void, undefined> {
  if (isLeaf(value, depth)) yield before + leaf(value, layout);
  else yield* containerChunks(before, value as object, depth, layout);
}

function* containerChunks(before: string, value: object, depth: number, layout: Layout): Generator<string, void, undefined> {
  if (before !== '') yield before;
  if (value instanceof LazyArray) yield* arrayChunks(value.items as readonly unknown[], (item: unknown) => value.map(item), depth, layout);
  else if (Array.isArray(value)) yield* arrayChunks(value as readonly unknown[], (item) => item, depth, layout);
  else yield* objectChunks(value as Record<string, unknown>, depth, layout);
}

/**
 * A value written whole by `JSON.stringify`, indented to where it sits. Rather than re-indenting
 * the text (a copy and a scan of every leaf), the value is nested in as many one-element arrays
 * as it has levels of indentation, so `JSON.stringify` indents it, and the brackets around are
 * sliced off (`slice` does not copy a long string).
 */
function leaf(value: unknown, layout: Layout): string {
  // `value` has had its own toJSON applied already (a LazyArray excepted); should that result have a
  // toJSON too, JSON.stringify would call it again, so it is handed over as a toJSON result, which
  // is written as it is (only then: the wrapper makes JSON.stringify slower).
  let wrapped: unknown = hasToJson(value) && !(value instanceof LazyArray) ? { toJSON: () => value } : value;
  const levels = layout.gap === '' ? 0 : layout.indent.length / layout.gap.length;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, layout.gap);
  if (levels === 0) return text;
  // Level i (1-based) adds "[\n" and i gaps before the value, and "\n", i - 1 gaps and "]" after it.
  const g = layout.gap.length;
  const head = 2 * levels + (g * levels * (levels + 1)) / 2;
  const tail = 2 * levels + (g * levels * (levels - 1)) / 2;
  return text.slice(head, text.length - tail);
}

function* arrayChunks(items: readonly unknown[], map: (item: unknown) => unknown, depth: number, layout: Layout): Generator<string, void, undefined> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  const inner: Layout = { gap: layout.gap, indent: layout.indent + layout.gap };
  const { open, separator, close } = punctuation('[', ']', layout, inner);
  for (let i = 0; i < items.length; i++) {
    const before = i === 0 ? open : separator;
    const element = applyToJson(map(items[i]), String(i));
    if (isWritable(element)) yield* valueChunks(before, element, depth - 1, inner);
    else yield `${before}null`;
  }
  yield close;
}

function* objectChunks(object: Record<string, unknown>, depth: number, layout: Layout): Generator<string, void, undefined> {
  const inner: Layout = { gap: layout.gap, indent: layout.indent + layout.gap };
  const { open, separator, close } = punctuation('{', '}', layout, inner);
  const colon = layout.gap === '' ? ':' : ': ';
  let written = 0;
  for (const key of Object.keys(object)) {
    const property = applyToJson(object[key], key);
    if (!isWritable(property)) continue;
    yield* valueChunks(`${written === 0 ? open : separator}${JSON.stringify(key)}${colon}`, property, depth - 1, inner);
    written++;
  }
  // Whether anything was written is known only at the end (skipped properties).
  yield written === 0 ? '{}' : close;
}

/** Opening bracket, separator between elements and closing bracket of a non-empty container. */
function punctuation(openBracket: string, closeBracket: string, outer: Layout, inner: Layout): { open: string; separator: string; close: string } {
  if (outer.gap === '') return { open: openBracket, separator: ',', close: closeBracket };
  return { open: `${openBracket}\n${inner.indent}`, separator: `,\n${inner.indent}`, close: `\n${outer.indent}${closeBracket}` };
}
