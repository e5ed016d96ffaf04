import { AsyncLocalStorage } from 'node:async_hooks';
import type { SignedInUser } from '../../../shared/contract/session-api';

/**
 * Who is acting, for everything a call sets off. The dispatcher runs each call inside `run`, so
 * audit events written anywhere below it — including scan sessions and imports that outlive the
 * call's reply — name the signed-in user. The command line acts as one user for its whole run.
 * Work nobody asked for (the background sender) keeps the station process's own name.
 */
export class CallerScope {
  private readonly calls = new AsyncLocalStorage<SignedInUser>();
  private processUser: SignedInUser | null = null;

  constructor(private readonly stationActor: string) {}

  run<T>(user: SignedInUser | null, fn: () => T): T {
    return user ? this.calls.run(user, fn) : fn();
  }

  /** The command line's acting user, once its password was checked. */
  actAs(user: SignedInUser): void {
    this.processUser = user;
  }

  current(): SignedInUser | null {
    return this.calls.getStore() ?? this.processUser;
  }

  actor(): string {
    return this.current()?.name ?? this.stationActor;
  }
}
