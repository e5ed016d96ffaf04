import type { CarrierSeal } from '../transfer/sealed-bag';
import { openFolderTarget } from './folder-target';
import { openS3Target, type S3TargetOptions } from './s3-target';
import type { SyncTarget } from './sync-target';
import { TargetError, type TargetSpec } from './target-spec';
import { insecureEndpointProblem } from './endpoint-policy';

/**
 * The one place that knows which kinds of target exist, and so the one gate every target passes:
 * `httpExceptions` are the hosts an administrator allowed over plain http (endpoint-policy);
 * `carrier` seals bags written to a folder for the centre (null: in the clear).
 */
export function openTarget(spec: TargetSpec, s3: S3TargetOptions = {}, httpExceptions: readonly string[] = [], carrier: CarrierSeal | null = null): SyncTarget {
  const problem = insecureEndpointProblem(spec, httpExceptions);
  if (problem !== null) throw new TargetError(problem);
  switch (spec.kind) {
    case 's3':
      return openS3Target(spec, s3);
    case 'folder':
      // Only bags on a carrier are sealed: a bucket is the centre's own store, reached over TLS.
      return openFolderTarget(spec, carrier);
  }
}
