import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { EncryptionAlgorithm, generateEncryptionKeys, type EncryptionKeyPair } from '../trust/carrier-keys';
import { generateSigningKeys, publicKeyOf, SIGNATURE_ALGORITHMS, type KeyPair, type SignatureAlgorithm } from '../trust/signing';

/**
 * The centre's key file (mode 0600, never leaves the receiver host): the signing key, and the
 * encryption key stations seal carried bags for (X25519 beside Ed25519, SM2 beside SM2). A key
 * file made before carried bags were sealed has no encryption key: such a centre publishes none,
 * and its stations carry bags in the clear.
 */
const KeyFile = z.object({
  format: z.literal('hpf-desk/signing-key'),
  algorithm: z.enum(SIGNATURE_ALGORITHMS as ['ed25519', 'sm2']),
  privateKey: z.string().min(1),
  encryption: z.object({ algorithm: EncryptionAlgorithm, publicKey: z.string().min(1), privateKey: z.string().min(1) }).optional(),
});

export interface CentreKeys extends KeyPair {
  readonly encryption: EncryptionKeyPair | null;
}

export async function writeNewKeyFile(file: string, algorithm: SignatureAlgorithm): Promise<CentreKeys> {
  const keys = generateSigningKeys(algorithm);
  const encryption = generateEncryptionKeys(algorithm === 'sm2' ? 'sm2' : 'x25519');
  // 'wx': an existing key is never overwritten; every station was provisioned with it.
  await writeFile(file, `${JSON.stringify({ format: 'hpf-desk/signing-key', algorithm, privateKey: keys.privateKey, encryption }, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  return { ...keys, encryption };
}

export async function readKeyFile(file: string): Promise<CentreKeys> {
  const parsed = KeyFile.parse(JSON.parse(await readFile(file, 'utf8')));
  return { algorithm: parsed.algorithm, privateKey: parsed.privateKey, publicKey: publicKeyOf(parsed.algorithm, parsed.privateKey), encryption: parsed.encryption ?? null };
}
