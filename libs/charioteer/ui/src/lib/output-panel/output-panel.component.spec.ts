import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { LineBuffer, LineView, OutputLine, OutputLineFactory } from '@chariot/charioteer-util';
import { OutputPanelComponent, seqOfFragment, splitMatches, styleParts } from './output-panel.component';

@Component({
  imports: [OutputPanelComponent],
  template: `<ch-output-panel [lines]="lines()" style="display:block;height:400px" />`,
})
class HostComponent {
  readonly lines = signal<LineView<OutputLine>>(new LineBuffer<OutputLine>().snapshot());
}

describe('OutputPanelComponent', () => {
  const f = new OutputLineFactory();
  const ts = '2026-01-01T00:00:00.000Z';

  async function render(lines: OutputLine[]) {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(lines);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows a placeholder while empty', async () => {
    const el = await render([]);
    expect(el.textContent).toContain('Press Run');
  });

  it('renders each line with its test id and its level, which colours it', async () => {
    const el = await render([
      f.status('Starting execution...'),
      ...f.log({ seq: 1, timestamp: ts, level: 'INFO', message: 'hello' }),
      ...f.log({ seq: 2, timestamp: ts, level: 'ERROR', message: 'bad' }),
      f.result(3),
    ]);
    const logLines = el.querySelectorAll<HTMLElement>('[data-testid="log-line"]');
    expect(logLines).toHaveLength(2);
    expect(logLines[0].textContent).toContain('[INFO]');
    // The colour is the stylesheet's, per level (a browser spec checks the computed colours).
    expect([...logLines].map((line) => line.dataset['level'])).toEqual(['INFO', 'ERROR']);
    expect(el.querySelector('[data-testid="result"]')?.textContent).toBe('Result: 3');
    expect(el.querySelector('[data-testid="output"]')).not.toBeNull();
  });

  it('renders log text as text, never as HTML', async () => {
    const el = await render([
      ...f.log({ seq: 1, timestamp: ts, level: 'WARN', message: '<img src=x onerror=alert(1)>' }),
    ]);
    const line = el.querySelector('[data-testid="log-line"]') as HTMLElement;
    expect(line.querySelector('img')).toBeNull();
    expect(line.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  const click = (el: HTMLElement, id: string) => (el.querySelector(`[data-testid="${id}"]`) as HTMLElement).click();

  it('hides the rows of a level when its filter is switched off, and shows them again', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll([
      f.status('Starting execution...'),
      ...f.log({ seq: 1, timestamp: ts, level: 'DEBUG', message: 'd' }),
      ...f.log({ seq: 2, timestamp: ts, level: 'INFO', message: 'i' }),
    ]);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    click(el, 'level-DEBUG');
    await fixture.whenStable();
    const levels = () =>
      Array.from(el.querySelectorAll('[data-testid="log-line"]')).map((r) => r.getAttribute('data-level'));
    expect(levels()).toEqual(['INFO']);
    expect(el.querySelectorAll('.row')).toHaveLength(2); // the status row stays

    // Rows appended later are filtered too.
    buffer.pushAll(f.log({ seq: 3, timestamp: ts, level: 'DEBUG', message: 'd2' }));
    buffer.pushAll(f.log({ seq: 4, timestamp: ts, level: 'WARN', message: 'w' }));
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    expect(levels()).toEqual(['INFO', 'WARN']);
    click(el, 'level-DEBUG');
    await fixture.whenStable();
    expect(levels()).toEqual(['DEBUG', 'INFO', 'DEBUG', 'WARN']);
  });

  it('counts search matches, highlights them and steps through them', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    for (let seq = 1; seq <= 5; seq++)
      buffer.pushAll(f.log({ seq, timestamp: ts, level: 'INFO', message: seq % 2 ? `Apple ${seq}` : 'pear' }));
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const search = el.querySelector('[data-testid="search"]') as HTMLInputElement;
    search.value = 'apple';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    const count = () => el.querySelector('[data-testid="search-count"]')?.textContent?.trim();
    expect(count()).toBe('1/3');
    expect(Array.from(el.querySelectorAll('.hit')).map((h) => h.textContent)).toEqual(['Apple', 'Apple', 'Apple']);
    expect(el.querySelector('.row.current')?.textContent).toContain('Apple 1');
    click(el, 'search-next');
    await fixture.whenStable();
    expect(count()).toBe('2/3');
    expect(el.querySelector('.row.current')?.textContent).toContain('Apple 3');
    click(el, 'search-prev');
    click(el, 'search-prev');
    await fixture.whenStable();
    expect(count()).toBe('3/3');
  });
});

describe('OutputPanelComponent: long and multi-line rows', () => {
  const f = new OutputLineFactory();
  const ts = '2026-01-01T00:00:00.000Z';

  @Component({
    imports: [OutputPanelComponent],
    template: `<ch-output-panel
      [lines]="lines()"
      [(wrap)]="wrap"
      [linkLocations]="true"
      (locationRequested)="went.push($event)"
      style="display:block;height:400px"
    />`,
  })
  class WrapHost {
    readonly lines = signal<LineView<OutputLine>>(new LineBuffer<OutputLine>().snapshot());
    readonly wrap = signal(false);
    readonly went: unknown[] = [];
  }

  async function render(lines: OutputLine[]) {
    const fixture = TestBed.createComponent(WrapHost);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(lines);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows a multi-line entry as its first row and continuation rows under it', async () => {
    const { el } = await render(f.log({ seq: 1, timestamp: ts, level: 'WARN', message: 'first\nsecond' }));
    expect(el.querySelectorAll('[data-testid="log-line"]')).toHaveLength(1);
    const more = el.querySelector('[data-testid="continuation"]') as HTMLElement;
    expect(more.textContent?.trim()).toBe('second');
    expect(more.dataset['level']).toBe('WARN');
  });

  it('wraps long lines into rows of the width when asked (the toggle reports it), one row each otherwise', async () => {
    const long = 'x'.repeat(300);
    const { fixture, el } = await render([f.status(long)]);
    expect(el.querySelectorAll('.row')).toHaveLength(1);
    (el.querySelector('[data-testid="wrap"]') as HTMLElement).click();
    await fixture.whenStable();
    expect(fixture.componentInstance.wrap()).toBe(true);
    // No layout in jsdom: the fallback of 120 characters a row, less the gutter (3 + 1).
    expect(Array.from(el.querySelectorAll('.row')).map((r) => r.textContent?.length)).toEqual([116, 116, 68]);
    expect(el.querySelector('[data-testid="output"]')?.getAttribute('data-rows')).toBe('3');
  });

  it('links an error to its line and column in the script', async () => {
    const { fixture, el } = await render(f.error({ code: 'RUNTIME_ERROR', message: 'boom', line: 3, column: 7 }));
    const link = el.querySelector('[data-testid="error-location"]') as HTMLElement;
    expect(link.textContent).toBe('line 3:7');
    link.click();
    expect(fixture.componentInstance.went).toEqual([{ line: 3, column: 7 }]);
  });
});

describe('OutputPanelComponent: line numbers and permalinks', () => {
  const f = new OutputLineFactory();
  const ts = '2026-01-01T00:00:00.000Z';

  @Component({
    imports: [OutputPanelComponent],
    template: `<ch-output-panel
      [lines]="lines()"
      runId="run-1"
      [(highlight)]="highlight"
      style="display:block;height:400px"
    />`,
  })
  class LinkedHostComponent {
    readonly lines = signal<LineView<OutputLine>>(new LineBuffer<OutputLine>().snapshot());
    readonly highlight = signal<number | null>(null);
  }

  it('numbers each entry by its sequence number, links it to the run, and none of the other rows', async () => {
    const fixture = TestBed.createComponent(LinkedHostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll([
      f.status('Execution ID: run-1'),
      ...f.log({ seq: 41, timestamp: ts, level: 'INFO', message: 'a\nb' }),
      ...f.log({ seq: 42, timestamp: ts, level: 'WARN', message: 'c' }),
    ]);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const numbers = Array.from(el.querySelectorAll<HTMLAnchorElement>('[data-testid="line-number"]'));
    expect(numbers.map((a) => a.textContent)).toEqual(['41', '42']);
    expect(numbers[0].getAttribute('href')).toBe('/runs/run-1#L41');
    // The number is beside the row's text, not in it: search, copy and the row's text skip it.
    expect(el.querySelector('[data-testid="log-line"]')?.textContent?.startsWith('[INFO]')).toBe(true);
  });

  it('highlights the entry the address points at, once it arrives, and a clicked number copies its link', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const fixture = TestBed.createComponent(LinkedHostComponent);
    fixture.componentInstance.highlight.set(3);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(f.log({ seq: 1, timestamp: ts, level: 'INFO', message: 'one' }));
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('.row.linked')).toBeNull();

    buffer.pushAll([
      ...f.log({ seq: 2, timestamp: ts, level: 'INFO', message: 'two' }),
      ...f.log({ seq: 3, timestamp: ts, level: 'INFO', message: 'three' }),
    ]);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    expect(el.querySelector('.row.linked')?.textContent).toContain('three');

    (el.querySelector('[data-seq="1"]')?.previousElementSibling?.querySelector('a') as HTMLElement).click();
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith(`${location.origin}/runs/run-1#L1`);
    expect(fixture.componentInstance.highlight()).toBe(1);
    expect(el.querySelector('.row.linked')?.textContent).toContain('one');
  });
});

describe('OutputPanelComponent: ANSI colours', () => {
  const f = new OutputLineFactory();

  it('renders SGR styles as styled spans of text, the escape sequences gone, and search sees the plain text', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(f.log({ seq: 1, timestamp: 'T', level: 'INFO', message: 'ok \x1b[1;31m<b>red</b>\x1b[0m end' }));
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('[data-testid="log-line"]') as HTMLElement;
    expect(row.textContent).toBe('[INFO] T ok <b>red</b> end');
    expect(row.querySelector('b')).toBeNull();
    const red = Array.from(row.querySelectorAll('span')).find(
      (span) => span.textContent === '<b>red</b>',
    ) as HTMLElement;
    expect(red.classList.contains('ansi-bold')).toBe(true);
    expect(red.style.color).toBe('rgb(205, 49, 49)');
  });
});

describe('OutputPanelComponent: log groups', () => {
  const f = new OutputLineFactory();
  let seq = 0;
  const log = (message: string, level: 'INFO' | 'ERROR' = 'INFO') =>
    f.log({ seq: ++seq, timestamp: '2026-01-01T00:00:00.000Z', level, message });

  async function setup(lines: OutputLine[]) {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(lines);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const texts = () =>
      Array.from(el.querySelectorAll('.row')).map((row) =>
        (row.textContent ?? '').replace(/^.*\d{2}\.\d{3}Z? ?/, '').replace(/^\[INFO\] \S+ /, ''),
      );
    return { fixture, buffer, el, texts };
  }

  it('shows an open group whole, collapses it once it ends, and a click opens it again', async () => {
    const { fixture, buffer, el, texts } = await setup([...log('::group::build'), ...log('one'), ...log('two')]);
    expect(el.querySelectorAll('[data-testid="log-line"]')).toHaveLength(2);
    expect(el.querySelector('[data-testid="group-meta"]')?.textContent).toBe('2 lines …');

    buffer.pushAll([...log('::endgroup::'), ...log('after')]);
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="log-line"]')).toHaveLength(1); // "after"
    expect(el.querySelector('[data-testid="group-toggle"]')?.getAttribute('aria-expanded')).toBe('false');
    expect(el.querySelector('[data-testid="group-meta"]')?.textContent).toBe('2 lines · 0.0s');

    (el.querySelector('[data-testid="group-toggle"]') as HTMLElement).click();
    await fixture.whenStable();
    expect(el.querySelectorAll('[data-testid="log-line"]')).toHaveLength(3);
    expect(texts().some((t) => t.includes('::endgroup::'))).toBe(false);
  });

  it('keeps a group that holds an ERROR open, and search opens a collapsed one to show its match', async () => {
    const { fixture, el } = await setup([
      ...log('::group::bad'),
      ...log('boom', 'ERROR'),
      ...log('::endgroup::'),
      ...log('::group::quiet'),
      ...log('needle here'),
      ...log('::endgroup::'),
    ]);
    const toggles = () =>
      Array.from(el.querySelectorAll('[data-testid="group-toggle"]')).map((b) => b.getAttribute('aria-expanded'));
    expect(toggles()).toEqual(['true', 'false']);

    const search = el.querySelector('[data-testid="search"]') as HTMLInputElement;
    search.value = 'needle';
    search.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="search-count"]')?.textContent?.trim()).toBe('1/1');
    expect(toggles()).toEqual(['true', 'true']);
    expect(el.querySelector('.row.current')?.textContent).toContain('needle here');
  });
});

describe('OutputPanelComponent: time display', () => {
  const f = new OutputLineFactory();

  it('shows entry times as clock times, since the start, or not at all, with colours still in place', async () => {
    const fixture = TestBed.createComponent(HostComponent);
    const buffer = new LineBuffer<OutputLine>();
    buffer.pushAll(f.log({ seq: 1, timestamp: '2026-01-01T10:00:00.000Z', level: 'INFO', message: 'start' }));
    buffer.pushAll(
      f.log({ seq: 2, timestamp: '2026-01-01T10:00:01.500Z', level: 'INFO', message: '\x1b[31mred\x1b[0m' }),
    );
    fixture.componentInstance.lines.set(buffer.snapshot());
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const rows = () => Array.from(el.querySelectorAll('[data-testid="log-line"]')).map((r) => r.textContent);
    const choose = async (value: string) => {
      const select = el.querySelector('[data-testid="time-display"]') as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    await choose('relative');
    expect(rows()).toEqual(['[INFO] +00:00.000   start', '[INFO] +00:01.500   red']);
    await choose('hidden');
    expect(rows()).toEqual(['[INFO] start', '[INFO] red']);
    const red = Array.from(el.querySelectorAll('[data-testid="log-line"] span')).find(
      (span) => span.textContent === 'red',
    ) as HTMLElement;
    expect(red.style.color).toBe('rgb(205, 49, 49)');
  });
});

describe('styleParts', () => {
  it('cuts search pieces where ANSI runs start and end, keeping both the match and the style', () => {
    const bold = { bold: true };
    expect(styleParts(splitMatches('abcdef', 'cd'), [{ from: 3, to: 5, style: bold }])).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
      { text: 'd', match: true, style: bold },
      { text: 'e', match: false, style: bold },
      { text: 'f', match: false },
    ]);
    // A wrapped row's piece starts at `offset` in the line.
    expect(styleParts([{ text: 'xyz', match: false }], [{ from: 0, to: 11, style: bold }], 10)).toEqual([
      { text: 'x', match: false, style: bold },
      { text: 'yz', match: false },
    ]);
    expect(styleParts([{ text: 'plain', match: false }], undefined)).toEqual([{ text: 'plain', match: false }]);
  });
});

describe('seqOfFragment', () => {
  it('reads #L<seq> and nothing else', () => {
    expect(seqOfFragment('#L120')).toBe(120);
    expect(seqOfFragment('L7')).toBe(7);
    expect(seqOfFragment('#top')).toBeNull();
    expect(seqOfFragment('')).toBeNull();
    expect(seqOfFragment(null)).toBeNull();
  });
});

describe('splitMatches', () => {
  it('splits text around case-insensitive matches', () => {
    expect(splitMatches('a Foo b foo', 'foo')).toEqual([
      { text: 'a ', match: false },
      { text: 'Foo', match: true },
      { text: ' b ', match: false },
      { text: 'foo', match: true },
    ]);
    expect(splitMatches('plain', '')).toEqual([{ text: 'plain', match: false }]);
    expect(splitMatches('none', 'x')).toEqual([{ text: 'none', match: false }]);
  });
});
