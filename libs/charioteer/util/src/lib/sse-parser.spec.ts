import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('cuts frames with their event, id, retry and data', () => {
    const parser = new SseParser();
    expect(parser.push('id: 1\nretry: 2000\ndata: {"a":1}\n\nevent: done\nid: 1\ndata: {}\n\n')).toEqual([
      { event: 'message', data: '{"a":1}', id: '1', retry: 2000 },
      { event: 'done', data: '{}', id: '1' },
    ]);
  });

  it('keeps a frame split across chunks (even inside a field) until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nda')).toEqual([]);
    expect(parser.push('ta: hel')).toEqual([]);
    expect(parser.push('lo\n')).toEqual([]);
    expect(parser.push('\nid: 8\n')).toEqual([{ event: 'message', data: 'hello', id: '7' }]);
    expect(parser.push('data: x\n\n')).toEqual([{ event: 'message', data: 'x', id: '8' }]);
  });

  it('ignores comments (heartbeats), joins data lines and accepts CR LF', () => {
    const parser = new SseParser();
    expect(parser.push(': heartbeat\n\ndata: a\r\ndata: b\r\n\r\n')).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('keeps a value as sent after the one space that follows the colon', () => {
    const parser = new SseParser();
    expect(parser.push('data:  <b>x</b>: y\n\n')).toEqual([{ event: 'message', data: ' <b>x</b>: y' }]);
  });
});
