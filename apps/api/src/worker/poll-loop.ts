// The loop every worker runs (builds, mail, final comment periods): do one step,
// and when it found nothing to do, sleep until the poll interval passes, wake()
// is called or stop() is. A failed step is logged and the loop goes on.

export interface PollLoopOptions {
  pollMs: number;
  /** One unit of work; true when it did something (then the next step runs at once). */
  step: () => Promise<boolean>;
  onError: (error: unknown) => void;
}

export class PollLoop {
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: PollLoopOptions) {}

  /** Aborted by stop(): work in progress (a kernel test) listens to it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  start(): void {
    if (!this.loop) this.loop = this.run();
  }

  /** Runs the next step now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(reason?: Error): Promise<void> {
    this.stopping.abort(reason);
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      let busy = false;
      try {
        busy = await this.options.step();
      } catch (error) {
        if (this.signal.aborted) break;
        this.options.onError(error);
      }
      if (!busy) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollMs);
      signal.addEventListener('abort', done, { once: true });
      this.wakeUp = done;
    });
  }
}
