import { CLOCK_TICK_MS, RunClock } from './run-clock';

describe('RunClock', () => {
  let clock: RunClock;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    clock = new RunClock();
  });

  afterEach(() => {
    clock.reset();
    jest.useRealTimers();
  });

  it('has no elapsed time before a run, and ticks while one goes on', () => {
    expect(clock.elapsed()).toBeNull();
    clock.start();
    expect(clock.elapsed()).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(clock.elapsed()).toBe(1000);
  });

  it('stands still while the run is paused and goes on without counting the pause', () => {
    clock.start();
    jest.advanceTimersByTime(500);
    clock.pause();
    jest.advanceTimersByTime(3000);
    expect(clock.elapsed()).toBe(500);
    expect(jest.getTimerCount()).toBe(0); // no ticking while paused

    clock.resume();
    jest.advanceTimersByTime(200);
    expect(clock.elapsed()).toBe(700);
  });

  it('stops at the end and stays stopped', () => {
    clock.start();
    jest.advanceTimersByTime(1200);
    clock.stop();
    jest.advanceTimersByTime(5000);
    expect(clock.elapsed()).toBe(1200);
    clock.stop(); // a second end does not move it
    clock.resume();
    jest.advanceTimersByTime(CLOCK_TICK_MS * 3);
    expect(clock.elapsed()).toBe(1200);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('counts a reopened run from when it started on the server to when it ended there', () => {
    clock.start(Date.now() - 60_000);
    expect(clock.elapsed()).toBe(60_000);
    clock.stop(Date.now() - 58_000);
    expect(clock.elapsed()).toBe(2000);
  });

  it('ends a paused run at the pause', () => {
    clock.start();
    jest.advanceTimersByTime(300);
    clock.pause();
    jest.advanceTimersByTime(1000);
    clock.stop();
    expect(clock.elapsed()).toBe(300);
  });

  it('forgets the run on reset', () => {
    clock.start();
    jest.advanceTimersByTime(300);
    clock.reset();
    expect(clock.elapsed()).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });
});
