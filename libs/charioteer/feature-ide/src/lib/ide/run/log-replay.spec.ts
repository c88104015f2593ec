import type { LogEntry } from '@chariot/contract';
import { Subject } from 'rxjs';
import { LogReplay, ReplayClock } from './log-replay';

/** A clock moved by hand: timers run when `advance` passes their time. */
class HandClock implements ReplayClock {
  private time = 0;
  private timers: { at: number; run: () => void; id: number }[] = [];
  private ids = 0;
  now = () => this.time;
  setTimeout = (run: () => void, ms: number) => {
    const id = ++this.ids;
    this.timers.push({ at: this.time + ms, run, id });
    return id;
  };
  clearTimeout = (id: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.run();
    }
    this.time = end;
  }
}

const at = (seq: number, ms: number): LogEntry => ({
  seq,
  timestamp: new Date(1_700_000_000_000 + ms).toISOString(),
  level: 'INFO',
  message: `m${seq}`,
});

describe('LogReplay', () => {
  let clock: HandClock;
  let shown: string[];
  let ended: number;
  let replay: LogReplay;
  let pages: Subject<LogEntry[]>;

  beforeEach(() => {
    clock = new HandClock();
    shown = [];
    ended = 0;
    replay = new LogReplay(
      (e) => shown.push(e.message),
      () => ended++,
      clock,
    );
    pages = new Subject();
  });

  it("shows each entry when its stored time has passed, at the run's pace", () => {
    replay.start(pages, 3, 1);
    pages.next([at(1, 0), at(2, 1000)]);
    pages.next([at(3, 1500)]);
    pages.complete();
    clock.advance(0);
    expect(shown).toEqual(['m1']);
    clock.advance(999);
    expect(shown).toEqual(['m1']);
    clock.advance(1);
    expect(shown).toEqual(['m1', 'm2']);
    clock.advance(500);
    expect([shown, replay.shown(), replay.total(), ended, replay.active()]).toEqual([
      ['m1', 'm2', 'm3'],
      3,
      3,
      1,
      false,
    ]);
  });

  it('scales the gaps by the speed, and a change of speed keeps the place', () => {
    replay.start(pages, 3, 4);
    pages.next([at(1, 0), at(2, 4000), at(3, 8000)]);
    pages.complete();
    clock.advance(1000);
    expect(shown).toEqual(['m1', 'm2']);
    replay.setSpeed(16);
    clock.advance(249);
    expect(shown).toEqual(['m1', 'm2']);
    clock.advance(1);
    expect(shown).toEqual(['m1', 'm2', 'm3']);
  });

  it('stops: nothing more is shown', () => {
    replay.start(pages, 2, 1);
    pages.next([at(1, 0), at(2, 100)]);
    clock.advance(0);
    replay.stop();
    clock.advance(1000);
    expect([shown, ended, pages.observed]).toEqual([['m1'], 0, false]);
  });
});
