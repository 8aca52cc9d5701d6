/**
 * Errors the CLI turns into exit codes. Anything else is a bug and also exits 2, with a stack trace
 * under `--debug`.
 */

/** Bad input from the user: flags, config, files. Exit 2 with the message alone. */
export class InputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A graph that breaks the schema's invariants: a collector or importer bug. */
export class GraphIntegrityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GraphIntegrityError';
  }
}
