import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { generateSigningKeys, publicKeyOf, SIGNATURE_ALGORITHMS, type KeyPair, type SignatureAlgorithm } from '../trust/signing';

/** The centre's key file: the private key (mode 0600, never leaves the receiver host) and its public half. */
const KeyFile = z.object({
  format: z.literal('hpf-desk/signing-key'),
  algorithm: z.enum(SIGNATURE_ALGORITHMS as ['ed25519', 'sm2']),
  privateKey: z.string().min(1),
});

export async function writeNewKeyFile(file: string, algorithm: SignatureAlgorithm): Promise<KeyPair> {
  const keys = generateSigningKeys(algorithm);
  // 'wx': an existing key is never overwritten; every station was provisioned with it.
  await writeFile(file, `${JSON.stringify({ format: 'hpf-desk/signing-key', algorithm, privateKey: keys.privateKey }, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  return keys;
}

export async function readKeyFile(file: string): Promise<KeyPair> {
  const parsed = KeyFile.parse(JSON.parse(await readFile(file, 'utf8')));
  return { algorithm: parsed.algorithm, privateKey: parsed.privateKey, publicKey: publicKeyOf(parsed.algorithm, parsed.privateKey) };
}
