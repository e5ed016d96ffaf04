import { openFolderTarget } from './folder-target';
import { openS3Target, type S3TargetOptions } from './s3-target';
import type { SyncTarget } from './sync-target';
import type { TargetSpec } from './target-spec';

/** The one place that knows which kinds of target exist. */
export function openTarget(spec: TargetSpec, s3: S3TargetOptions = {}): SyncTarget {
  switch (spec.kind) {
    case 's3':
      return openS3Target(spec, s3);
    case 'folder':
      return openFolderTarget(spec);
  }
}
