import type { LogEntry } from '@chariot/contract';
import { viewToArray } from '@chariot/charioteer-util';
import { RunOutput } from './run-output';

describe('RunOutput', () => {
  let frames: (() => void)[];
  let output: RunOutput;
  const entry = (seq: number, message = `m${seq}`): LogEntry => ({ seq, timestamp: 'T', level: 'INFO', message });
  const texts = () => viewToArray(output.lines()).map((line) => line.text);
  const nextFrame = () => frames.splice(0).forEach((flush) => flush());

  beforeEach(() => {
    frames = [];
    output = new RunOutput((flush) => frames.push(flush));
  });

  it('appends a burst of log entries in one update at the next frame, in order', () => {
    const before = output.lines();
    for (let seq = 1; seq <= 500; seq++) output.entry(entry(seq));
    expect(frames).toHaveLength(1); // one frame asked for, not 500
    expect(output.lines()).toBe(before);
    expect(output.logCount()).toBe(0);

    nextFrame();
    expect(output.lines().length).toBe(500);
    expect(texts()[0]).toBe('[INFO] T m1');
    expect(texts()[499]).toBe('[INFO] T m500');
    expect(output.logCount()).toBe(500);
  });

  it('says how many lines the run dropped past its cap, and nothing when it dropped none', () => {
    output.dropped(0);
    output.dropped(1);
    output.dropped(20);
    expect(texts()).toEqual([
      "1 line dropped (past the run's log limit)",
      "20 lines dropped (past the run's log limit)",
    ]);
    expect(output.lines().at(0).kind).toBe('notice');
  });

  it('shows a lifecycle line after the entries that arrived before it, at once', () => {
    output.status('Starting');
    output.entry(entry(1));
    output.entry(entry(2));
    output.separator('Execution Complete');
    output.result(3);
    expect(texts()).toEqual(['Starting', '[INFO] T m1', '[INFO] T m2', '--- Execution Complete ---', 'Result: 3']);
    nextFrame(); // the frame asked for by the entries finds nothing left to add
    expect(output.lines().length).toBe(5);
  });

  it('drops entries at or below the highest seq shown, and remembers that seq', () => {
    output.entry(entry(1));
    output.entry(entry(2));
    output.entry(entry(2, 'again'));
    output.entry(entry(1, 'again'));
    output.entry(entry(3));
    output.flush();
    expect(texts()).toEqual(['[INFO] T m1', '[INFO] T m2', '[INFO] T m3']);
    expect(output.lastSeq).toBe(3);
  });

  it('starts over empty on clear, and a frame scheduled before adds nothing of the old run', () => {
    output.error('boom');
    output.entry(entry(7));
    output.clear();
    nextFrame();
    expect(output.lines().length).toBe(0);
    expect(output.logCount()).toBe(0);
    expect(output.lastSeq).toBe(0);
    output.entry(entry(1));
    output.flush();
    expect(texts()).toEqual(['[INFO] T m1']);
    expect(output.lines().at(0).id).toBe(1); // row ids start again with the new run
  });
});
