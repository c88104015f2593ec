import { MAX_QUERY_INT } from './dto/query-int';
import { resumePoint } from './logs.controller';

describe('resumePoint', () => {
  it('takes ?after= over Last-Event-ID', () => {
    expect(resumePoint(7, '40')).toBe(7);
    expect(resumePoint(0, '40')).toBe(0);
  });

  it('reads Last-Event-ID when there is no ?after=', () => {
    expect(resumePoint(undefined, '40')).toBe(40);
  });

  it('starts from the beginning on a missing, unparsable or negative Last-Event-ID', () => {
    for (const header of [undefined, '', 'abc', '-5', '0']) expect(resumePoint(undefined, header)).toBe(0);
  });

  it('clamps a Last-Event-ID past any sequence number to one storage can compare', () => {
    expect(resumePoint(undefined, '99999999999999999999999')).toBe(MAX_QUERY_INT);
    expect(resumePoint(undefined, String(MAX_QUERY_INT + 1))).toBe(MAX_QUERY_INT);
  });
});
