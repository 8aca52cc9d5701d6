/**
 * Atomic file output: everything is written to a temporary file beside the target, flushed to
 * disk, then renamed over the target. A failure at any point removes the temporary file, so a
 * reader never sees a half-written output and an existing file is never clobbered by a partial one.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** A complete, flushed temporary file beside its target, not yet in place. */
export interface StagedFile {
  /** Where `commit` puts it. */
  readonly target: string;
  /** Renames it over the target; if that fails, removes it and throws. */
  commit(): Promise<void>;
  /** Removes it and leaves the target as it was (harmless after `commit`). */
  discard(): Promise<void>;
}

/**
 * Streams into a temporary file beside `target`, flushes it to disk, and hands it back to be put
 * in place or thrown away, so several files can be written completely before any replaces its
 * predecessor. `produce` writes into the sink (awaiting its backpressure); `transform`, when
 * given, sits between (e.g. gzip). If producing or writing fails, the temporary file is removed.
 */
export async function stageFileAtomic(
  target: string,
  produce: (sink: ChunkSink) => Promise<void>,
  options: { transform?: () => NodeJS.ReadWriteStream } = {},
): Promise<StagedFile> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const file: WriteStream = createWriteStream(temp, { flags: 'wx', mode: 0o644 });
  const transform = options.transform?.();
  const head: Writable = (transform as unknown as Writable | undefined) ?? file;
  const done = transform ? pipeline(transform, file) : new Promise<void>((resolve, reject) => {
    file.on('finish', resolve);
    file.on('error', reject);
  });
  // Surface stream errors while producing, not only at the end.
  let streamError: unknown;
  done.catch((e: unknown) => {
    streamError = e;
  });
  const discard = (): Promise<void> => rm(temp, { force: true });
  try {
    const sink = new ChunkSink(head, () => streamError);
    await produce(sink);
    await sink.flush();
    head.end();
    await done;
    const fh = await open(temp, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (error) {
    head.destroy();
    file.destroy();
    await discard();
    throw error;
  }
  return {
    target,
    commit: async () => {
      try {
        await rename(temp, target);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    discard,
  };
}

/** Streams into `target` atomically: `stageFileAtomic`, then straight into place. */
export async function writeFileAtomic(
  target: string,
  produce: (sink: ChunkSink) => Promise<void>,
  options: { transform?: () => NodeJS.ReadWriteStream } = {},
): Promise<void> {
  const staged = await stageFileAtomic(target, produce, options);
  await staged.commit();
}

/** Writes a whole string or buffer atomically. */
export async function writeTextAtomic(target: string, content: string | Buffer): Promise<void> {
  await writeFileAtomic(target, async (sink) => {
    await sink.write(typeof content === 'string' ? content : content.toString('utf8'));
  });
}

/** Batches small string writes into large chunks and waits for the stream to drain. */
export class ChunkSink {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: Writable,
    private readonly failed: () => unknown,
    private readonly chunkSize = 1 << 20,
  ) {}

  /** Buffers `text`; returns a promise only when the buffer was flushed and the caller must wait. */
  write(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.chunkSize ? this.flush() : undefined;
  }

  /**
   * Writes every piece of `chunks`, awaiting only the flushes (the stream's backpressure): pieces
   * are made and buffered synchronously in between, so a generator is read as fast as the disk takes it.
   */
  async writeAll(chunks: Iterable<string>): Promise<void> {
    for (const chunk of chunks) {
      const wait = this.write(chunk);
      if (wait) await wait;
    }
  }

  async flush(): Promise<void> {
    const err = this.failed();
    if (err) throw err;
    if (this.size === 0) return;
    const data = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(data)) {
      await new Promise<void>((resolve, reject) => {
        const onDrain = (): void => {
          this.stream.off('error', onError);
          resolve();
        };
        const onError = (e: unknown): void => {
          this.stream.off('drain', onDrain);
          reject(e);
        };
        this.stream.once('drain', onDrain);
        this.stream.once('error', onError);
      });
    }
  }
}
