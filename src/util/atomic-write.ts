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

/**
 * Streams into `target` atomically. `produce` writes into the given stream (respecting backpressure
 * through `writeChunk`); `transform`, when given, sits between (e.g. gzip).
 */
export async function writeFileAtomic(
  target: string,
  produce: (sink: ChunkSink) => Promise<void>,
  options: { transform?: () => NodeJS.ReadWriteStream } = {},
): Promise<void> {
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
    await rename(temp, target);
  } catch (error) {
    head.destroy();
    file.destroy();
    await rm(temp, { force: true });
    throw error;
  }
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
