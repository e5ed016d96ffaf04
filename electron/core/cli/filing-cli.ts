import { DeskError } from '../errors';
import { filingService, type FilingService } from '../filing/filing-service';
import type { CoreContext } from '../open-core';
import { UsageError, type CliIo } from './cli-io';
import type { CommandInput } from './command';

/**
 * Run a filing command on an opened store. A refusal (invalid value, missing material, unknown
 * item) did nothing: it is printed with its reason, as the JSON error document with --json, and
 * the command exits 1.
 */
export async function withFiling(input: CommandInput, body: (ctx: CoreContext, filing: FilingService) => Promise<number> | number): Promise<number> {
  const ctx = await input.open({ workers: 1 });
  try {
    return await body(ctx, filingService(ctx));
  } catch (err) {
    if (!(err instanceof DeskError)) throw err;
    reportRefusal(input.io, err);
    return 1;
  } finally {
    await ctx.close();
  }
}

export function reportRefusal(io: CliIo, err: DeskError): void {
  io.note(err.message);
  if (io.json) io.result({ error: { code: err.code, message: err.message, details: err.details } }, () => '');
}

/** `--field KEY=VALUE` options (repeatable) as metadata; KEY is the element's name (证件号码…). */
export function fieldOptions(values: CommandInput['values']): Record<string, string> {
  const raw = values.field;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const fields: Record<string, string> = {};
  for (const pair of list) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--field 应写作 KEY=VALUE / --field takes KEY=VALUE: ${pair}`);
    fields[pair.slice(0, at).trim()] = pair.slice(at + 1);
  }
  return fields;
}

export const stringOption = (values: CommandInput['values'], name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};
