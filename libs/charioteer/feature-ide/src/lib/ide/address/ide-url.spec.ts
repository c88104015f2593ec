import { UrlSegment } from '@angular/router';
import { ideUrlMatcher } from './ide-url';

const segments = (...paths: string[]) => paths.map((path) => new UrlSegment(path, {}));

describe('ideUrlMatcher', () => {
  it('matches the IDE root, a run and a file, naming what the address holds', () => {
    expect(ideUrlMatcher(segments())).toEqual({ consumed: [] });
    expect(ideUrlMatcher(segments('runs', 'abc'))?.posParams?.['run'].path).toBe('abc');
    expect(ideUrlMatcher(segments('files', 'demo.ch'))?.posParams?.['file'].path).toBe('demo.ch');
  });

  it('leaves every other address alone', () => {
    for (const paths of [['runs'], ['runs', 'a', 'b'], ['other', 'x'], ['sign-in'], ['files', '']]) {
      expect(ideUrlMatcher(segments(...paths))).toBeNull();
    }
  });
});
