import type { ParseArgsConfig } from 'node:util';
import type { CoreOptions } from '../core-api';
import type { CoreContext } from '../open-core';
import type { KekSource } from '../store/keys/kek-source';
import type { CliIo } from './cli-io';

export interface CommandInput {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly io: CliIo;
  readonly dataDir: string;
  /** The keys this command offers the store (the OS user's key file, the operator's passphrase). */
  readonly keys: readonly KekSource[];
  /** Open the store (and the media workers) on the command's data directory. */
  open(extra?: Partial<Omit<CoreOptions, 'dataDir'>>): Promise<CoreContext>;
}

export interface Command {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the exit code: 0 all done, 2 some inputs rejected, 1 failure. */
  run(input: CommandInput): Promise<number>;
}

/** Options that each take one value (`--name VALUE`), for a command's option table. */
export function valueOptions(...names: readonly string[]): Command['options'] {
  return Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
}
