import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe('the global styles', () => {
  const css = readFileSync(join(__dirname, 'styles.css'), 'utf8');
  const token = (name: string) => new RegExp(`--${name}:\\s*([^;]+);`).exec(css)?.[1];

  it('colour the log levels exactly as the design says', () => {
    expect(['debug', 'info', 'warn', 'error'].map((level) => token(`ch-level-${level}`))).toEqual([
      '#569cd6',
      '#4ec9b0',
      '#dcdcaa',
      '#f44747',
    ]);
  });
});
