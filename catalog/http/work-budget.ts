/**
 * What one device on the LAN may ask of the station, counted in work rather than in requests:
 * its API calls run one at a time (a few more wait their turn, beyond that 429), and the time
 * they take is charged to a budget of milliseconds of work that refills at a steady rate (an
 * empty budget is 429 until it refills). A phone that floods searches or facet counts waits
 * on itself; the kiosk (the station's own calls) is never counted.
 */
export interface WorkBudgetLimits {
  /** Calls of one client waiting behind its running one; more are refused. */
  maxWaiting: number;
  /** Milliseconds of work a client's budget refills with per second. */
  msPerSecond: number;
  /** Milliseconds of work a client may use at once before the rate applies. */
  burstMs: number;
}

export const DEFAULT_WORK_BUDGET: WorkBudgetLimits = { maxWaiting: 4, msPerSecond: 150, burstMs: 3_000 };

/** Clients tracked at most; idle ones are dropped first. */
const MAX_CLIENTS = 10_000;

interface ClientState {
  /** The client's last call (running or waiting): the next one starts after it. */
  tail: Promise<unknown>;
  inFlight: number;
  budget: number;
  at: number;
}

export type Admission<T> = { ok: true; value: T } | { ok: false; retryAfterSeconds: number };

export class WorkBudget {
  private readonly clients = new Map<string, ClientState>();

  constructor(
    private readonly limits: WorkBudgetLimits = DEFAULT_WORK_BUDGET,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `work` for a client in its turn, or refuses it (too many waiting, or budget spent). */
  async run<T>(client: string, work: () => Promise<T>): Promise<Admission<T>> {
    const state = this.stateOf(client);
    this.refill(state);
    if (state.budget <= 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(-state.budget / this.limits.msPerSecond)) };
    if (state.inFlight > this.limits.maxWaiting) return { ok: false, retryAfterSeconds: 1 };
    state.inFlight += 1;
    const previous = state.tail;
    let release!: () => void;
    state.tail = new Promise<void>((resolve) => (release = resolve));
    try {
      await previous;
      const started = this.now();
      try {
        return { ok: true, value: await work() };
      } finally {
        this.refill(state);
        state.budget -= this.now() - started;
      }
    } finally {
      state.inFlight -= 1;
      release();
    }
  }

  get size(): number {
    return this.clients.size;
  }

  private stateOf(client: string): ClientState {
    let state = this.clients.get(client);
    if (!state) {
      if (this.clients.size >= MAX_CLIENTS) this.prune();
      state = { tail: Promise.resolve(), inFlight: 0, budget: this.limits.burstMs, at: this.now() };
      this.clients.set(client, state);
    }
    return state;
  }

  private refill(state: ClientState): void {
    const now = this.now();
    state.budget = Math.min(this.limits.burstMs, state.budget + ((now - state.at) / 1000) * this.limits.msPerSecond);
    state.at = now;
  }

  private prune(): void {
    for (const [key, state] of this.clients) {
      this.refill(state);
      if (state.inFlight === 0 && state.budget >= this.limits.burstMs) this.clients.delete(key);
    }
    if (this.clients.size >= MAX_CLIENTS) for (const [key, state] of this.clients) if (state.inFlight === 0) this.clients.delete(key);
  }
}
