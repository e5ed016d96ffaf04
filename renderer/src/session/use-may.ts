import type { MethodName } from '../../../shared/contract';
import { useDesk } from '../state/desk-context';
import { mayCall } from './may-call';

/** Whether the signed-in user may call a method (see mayCall), following the session. */
export function useMay(method: MethodName): boolean {
  return useDesk((s) => mayCall(s.session, method));
}
