import { Countdown } from './countdown';

describe('Countdown', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('expires after its time', () => {
    const expired = jest.fn();
    new Countdown(1000, expired);
    jest.advanceTimersByTime(999);
    expect(expired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('stands still while held and goes on with the time that was left', () => {
    const expired = jest.fn();
    const countdown = new Countdown(1000, expired);
    jest.advanceTimersByTime(600);
    countdown.hold();
    jest.advanceTimersByTime(5000);
    expect(expired).not.toHaveBeenCalled();
    countdown.run();
    jest.advanceTimersByTime(399);
    expect(expired).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('never expires once cleared', () => {
    const expired = jest.fn();
    new Countdown(1000, expired).clear();
    jest.advanceTimersByTime(2000);
    expect(expired).not.toHaveBeenCalled();
  });
});
