import { z } from 'zod';

/**
 * The algorithms a station keeps its objects with, chosen once when the store is made
 * (`hpf-desk init --crypto sm`) and recorded in its key record:
 * - `standard`: AES-256-GCM chunks, HKDF/HMAC over SHA-256 (the default);
 * - `sm`: the national (国密) algorithms: SM4-CTR chunks each with an HMAC-SM3 tag, HKDF/HMAC
 *   over SM3 (GB/T 32907, GB/T 32905), as 等保 and the provident-fund centres may ask.
 * Fixity inside the station (what `verify` checks) is recorded as SM3 in both; bags keep their
 * SHA-256/SHA-512 manifests either way, which BagIt validators know.
 */
export const CryptoSuite = z.enum(['standard', 'sm']);
export type CryptoSuite = z.infer<typeof CryptoSuite>;

export const DEFAULT_SUITE: CryptoSuite = 'standard';

/**
 * A new store's suite asked for by HPF_DESK_CRYPTO (`sm`): how the app's first start and browser
 * mode are set up as `init --crypto sm` sets up the command line's. Undefined when not asked.
 */
export function suiteFromEnv(env: NodeJS.ProcessEnv = process.env): CryptoSuite | undefined {
  const asked = env.HPF_DESK_CRYPTO;
  if (asked === undefined || asked === '') return undefined;
  const parsed = CryptoSuite.safeParse(asked);
  if (!parsed.success) throw new Error(`HPF_DESK_CRYPTO 只能是 standard 或 sm / HPF_DESK_CRYPTO must be standard or sm, not ${asked}`);
  return parsed.data;
}
