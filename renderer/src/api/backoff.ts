// Shared with the core's sync retries; the bridge reconnect uses the defaults (0.5 s … 10 s).
export { backoffDelay } from '../../../shared/logic/backoff';
