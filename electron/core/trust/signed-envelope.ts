import { createHash } from 'node:crypto';
import { z } from 'zod';
import { signBytes, verifyBytes, type KeyPair, type PublicKeyRef } from './signing';

/**
 * Signed documents travel as DSSE envelopes (in-toto's Dead Simple Signing Envelope): the exact
 * payload bytes in base64, so nothing needs canonical JSON, and a signature over
 * PAE(payloadType, payload) so a signature made for one kind of document (an acknowledgement)
 * can never be passed off as another (reference data).
 */
export const Envelope = z.object({
  payloadType: z.string().min(1).max(200),
  payload: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  signatures: z.array(z.object({ keyid: z.string().max(200).default(''), sig: z.string().min(1).max(1000) })).min(1).max(8),
});
export type Envelope = z.infer<typeof Envelope>;

export const PAYLOAD_TYPES = {
  ack: 'application/vnd.hpf-desk.ack+json',
  reference: 'application/vnd.hpf-desk.reference-data+json',
  bag: 'application/vnd.hpf-desk.bag-seal+json',
} as const;

/** DSSE's pre-authentication encoding: "DSSEv1 <len> <type> <len> <payload>" (lengths in bytes). */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${payload.length} `), payload]);
}

/** A key's id in envelopes: the first 16 hex digits of SHA-256 over "<algorithm>:<public key>". */
export const keyIdOf = (key: PublicKeyRef): string => createHash('sha256').update(`${key.algorithm}:${key.publicKey}`).digest('hex').slice(0, 16);

export function sealEnvelope(keys: KeyPair, payloadType: string, payload: Buffer): Buffer {
  const envelope: Envelope = { payloadType, payload: payload.toString('base64'), signatures: [{ keyid: keyIdOf(keys), sig: signBytes(keys, pae(payloadType, payload)) }] };
  return Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`);
}

export type Opened =
  | { readonly ok: true; readonly payload: Buffer }
  /** `unsigned`: not an envelope at all (a plain document); `bad_signature`: an envelope no trusted key signed. */
  | { readonly ok: false; readonly code: 'unsigned' | 'wrong_type' | 'bad_signature'; readonly reason: string };

/** The payload, only when `key` signed it as `payloadType`. */
export function openEnvelope(bytes: Buffer, payloadType: string, key: PublicKeyRef): Opened {
  let envelope: Envelope;
  try {
    const parsed = Envelope.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return { ok: false, code: 'unsigned', reason: '未签名 / not a signed envelope' };
    envelope = parsed.data;
  } catch {
    return { ok: false, code: 'unsigned', reason: '未签名且不是 JSON / not a signed envelope (not JSON)' };
  }
  if (envelope.payloadType !== payloadType) return { ok: false, code: 'wrong_type', reason: `签名对象类型不符 / signed as ${envelope.payloadType}, expected ${payloadType}` };
  const payload = Buffer.from(envelope.payload, 'base64');
  const message = pae(payloadType, payload);
  if (!envelope.signatures.some((s) => verifyBytes(key, message, s.sig))) {
    return { ok: false, code: 'bad_signature', reason: `签名无效或非中心密钥所签 / no valid signature by the provisioned key ${keyIdOf(key)}` };
  }
  return { ok: true, payload };
}
