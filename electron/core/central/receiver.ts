import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { Acknowledgement, ackPayload } from '../sync/acknowledgement';
import { openEnvelope, PAYLOAD_TYPES, sealEnvelope } from '../trust/signed-envelope';
import type { KeyPair } from '../trust/signing';
import { ackKey, markerKey, type CentreStore, type CommittedBag } from './centre-store';
import type { Catalogue } from './catalogue';
import { judgeBagChain, sealedRange } from './chain-receipt';
import type { EncryptionKeyPair } from '../trust/carrier-keys';
import { openCarrier, type OpenedCarrier } from './open-carrier';
import { checkReceivedBag, type ReceivedBag } from './receipt-checks';

export interface ReceiverOptions {
  /** The bucket or folder the stations' bags arrive in. */
  readonly store: CentreStore;
  readonly catalogue: Catalogue;
  readonly keys: KeyPair;
  /** Opens bags sealed for the centre on a carrier (transfer/sealed-bag.ts); without it such a bag is rejected as unreadable. */
  readonly carrierKeys?: EncryptionKeyPair | null;
  /** The archive's name in acknowledgements. */
  readonly archive: string;
  /** How long a claimed bag is this receiver's before others may take it over. */
  readonly leaseMs?: number;
  readonly owner?: string;
  readonly onReceipt?: (r: { bag: CommittedBag; status: 'accepted' | 'rejected'; reason: string | null; resumed: boolean }) => void;
  readonly onError?: (bag: CommittedBag, err: unknown) => void;
}

export interface PassReport {
  readonly acknowledged: number;
  readonly skipped: number;
}

/**
 * The reference receiver: list every committed bag of every station, and for each one nobody
 * has acknowledged (in this write of its marker) claim it, check it, and write the signed
 * acknowledgement (catalogue.ts has the lease protocol that keeps several receivers from
 * acknowledging a bag twice or missing one).
 */
export class Receiver {
  readonly owner: string;
  private readonly leaseMs: number;

  constructor(private readonly options: ReceiverOptions) {
    this.owner = options.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  async pass(signal?: AbortSignal): Promise<PassReport> {
    let acknowledged = 0;
    let skipped = 0;
    // Receivers started together would all try the same first bag: each starts at a random place.
    const listed = await this.options.store.committedBags();
    const seen = new Set(listed.map(keyOf));
    const bags = [...listed, ...(await this.options.catalogue.stranded()).filter((b) => !seen.has(keyOf(b)))];
    const start = bags.length === 0 ? 0 : Math.floor(Math.random() * bags.length);
    for (let i = 0; i < bags.length; i++) {
      signal?.throwIfAborted();
      const bag = bags[(start + i) % bags.length]!;
      try {
        if (await this.receive(bag)) acknowledged++;
        else skipped++;
      } catch (err) {
        // One bag that cannot be read now (store hiccup, busy catalogue) does not hold up the others;
        // its lease runs out and the next pass, here or elsewhere, takes it again.
        skipped++;
        this.options.onError?.(bag, err);
      }
    }
    return { acknowledged, skipped };
  }

  /** Receive one bag if it is ours to do; true when this receiver wrote its acknowledgement. */
  async receive(bag: CommittedBag): Promise<boolean> {
    const { catalogue, store } = this.options;
    const claim = await catalogue.claim(bag, this.owner, this.leaseMs);
    if (claim.kind === 'held' || claim.kind === 'done') return false;
    // Judged and retired by another receiver since this pass listed it: its lease goes back at once.
    if (claim.kind === 'claimed' && (await store.markerVersion(bag)) !== bag.version) {
      await catalogue.renew(bag, this.owner, 0);
      return false;
    }
    if (claim.kind === 'resume') {
      const delivered = await this.deliver(bag, claim.ack, claim.status, true);
      if (delivered) this.options.onReceipt?.({ bag, status: claim.status, reason: null, resumed: true });
      return delivered;
    }
    const renew = setInterval(() => catalogue.renew(bag, this.owner, this.leaseMs).catch(() => false), Math.max(250, this.leaseMs / 3));
    try {
      const carried = await openCarrier(bag.batchId, await store.bagFiles(bag), this.options.carrierKeys ?? null);
      const files = carried.files;
      const received = withCarrierCheck(checkReceivedBag(bag.batchId, files), carried);
      const range = sealedRange(files);
      const held = await catalogue.stationChain(received.stationId, range?.from ?? 0, range?.to ?? 0);
      const chain = judgeBagChain(bag.batchId, received.stationId, files, held);
      const failed = [...received.checks, chain.check].filter((c) => !c.ok);
      const status = failed.length === 0 ? 'accepted' : 'rejected';
      const reason = failed.length === 0 ? null : failed.map((c) => `${c.id}: ${c.problems.slice(0, 3).join('; ')}`).join(' | ');
      const receivedAt = new Date().toISOString();
      // The head is echoed only when the centre verified the chain up to it: the station builds its next extract, and verify, on it.
      const chainHead = chain.ok ? chain.seal.head : undefined;
      const payload = ackPayload({ batchId: bag.batchId, stationId: received.stationId, status, receivedAt, archive: this.options.archive, files: received.hashes, ...(reason === null ? {} : { reason }), ...(chainHead ? { chainHead } : {}) });
      const ack = sealEnvelope(this.options.keys, PAYLOAD_TYPES.ack, payload);
      const ackSha256 = createHash('sha256').update(ack).digest('hex');
      // Kept before it is written: whoever finishes after a kill writes these very bytes.
      const kept = chain.ok ? { key: chain.seal.stationKey, events: chain.events } : null;
      if (!(await catalogue.record(this.owner, { bag, received, status, reason, ack, ackSha256, receivedAt, chain: kept }))) return false;
      await this.deliver(bag, ack, status, false);
      this.options.onReceipt?.({ bag, status, reason, resumed: false });
      return true;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Write a recorded acknowledgement and finish the receipt; false when there was nothing left to
   * write. A rejection first removes the marker it judged: the station re-sends only once it reads
   * the acknowledgement, so its new marker is one that was not there, even in the same listed
   * second with the same ETag (`finish` frees the judged version's key). A resumed receipt's dead
   * holder may have written the acknowledgement already, and the station re-sent since: then
   * neither the marker nor the acknowledgement is touched.
   */
  private async deliver(bag: CommittedBag, ack: Buffer, status: 'accepted' | 'rejected', resumed: boolean): Promise<boolean> {
    const { store, catalogue } = this.options;
    if (resumed && (await this.alreadyDelivered(bag, ack))) {
      await catalogue.finish(bag, this.owner);
      return false;
    }
    if (status === 'rejected') await store.remove(markerKey(bag));
    await store.write(ackKey(bag), ack);
    await catalogue.finish(bag, this.owner);
    return true;
  }

  /** The store holds this acknowledgement, or one this centre made later (for a later write of the marker). */
  private async alreadyDelivered(bag: CommittedBag, ack: Buffer): Promise<boolean> {
    const current = await this.options.store.read(ackKey(bag));
    if (current === null) return false;
    if (current.equals(ack)) return true;
    const ours = receivedAt(ack, this.options.keys);
    const theirs = receivedAt(current, this.options.keys);
    return ours !== null && theirs !== null && theirs >= ours;
  }
}

/** A sealed bag's opening is the first of its receipt checks; its envelope names the station when nothing inside can. */
function withCarrierCheck(received: ReceivedBag, carried: OpenedCarrier): ReceivedBag {
  if (!carried.check) return received;
  return { ...received, stationId: received.stationId || carried.stationId, checks: [carried.check, ...received.checks], ok: received.ok && carried.check.ok };
}

const keyOf = (bag: CommittedBag): string => `${bag.prefix}\n${bag.batchId}\n${bag.version}`;

/** When an acknowledgement signed by this centre says the bag was received; null for anything else. */
function receivedAt(bytes: Buffer, keys: KeyPair): string | null {
  const opened = openEnvelope(bytes, PAYLOAD_TYPES.ack, keys);
  if (!opened.ok) return null;
  const parsed = Acknowledgement.safeParse(JSON.parse(opened.payload.toString('utf8')));
  return parsed.success ? parsed.data.receivedAt : null;
}
