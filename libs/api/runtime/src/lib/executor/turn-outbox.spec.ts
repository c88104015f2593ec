import { TurnOutbox } from './turn-outbox';

describe('TurnOutbox', () => {
  it('sends the messages of one turn together, in order, once the turn ends', () => {
    const sent: number[][] = [];
    const turnEnds: (() => void)[] = [];
    const outbox = new TurnOutbox<number>(
      (m) => sent.push(m),
      (flush) => turnEnds.push(flush),
    );
    outbox.add(1);
    outbox.add(2);
    expect(sent).toEqual([]);
    expect(turnEnds).toHaveLength(1);
    turnEnds.splice(0).forEach((f) => f());
    outbox.add(3);
    outbox.flush();
    turnEnds.splice(0).forEach((f) => f());
    expect(sent).toEqual([[1, 2], [3]]);
  });
});
