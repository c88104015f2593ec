import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { ApiError } from './api';
import { FilesService } from './files.service';
import { HistoryService } from './history.service';

describe('FilesService and HistoryService', () => {
  let files: FilesService;
  let history: HistoryService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    files = TestBed.inject(FilesService);
    history = TestBed.inject(HistoryService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('saves with PUT and encodes names with spaces', async () => {
    const saved = firstValueFrom(files.save('my notes.ch', 'x'));
    const req = http.expectOne('/api/files/my%20notes.ch');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ content: 'x' });
    req.flush(
      { result: 'OK', data: { name: 'my notes.ch', size: 1, created_at: '', updated_at: '' } },
      { status: 201, statusText: 'Created', headers: { 'X-File-Version': '1' } },
    );
    await expect(saved).resolves.toMatchObject({ file: { name: 'my notes.ch' }, version: 1 });
  });

  it('sends the version it replaces, and reads the version of what it gets', async () => {
    const saved = firstValueFrom(files.save('a.ch', 'y', 3));
    const put = http.expectOne('/api/files/a.ch');
    expect(put.request.body).toEqual({ content: 'y', version: 3 });
    put.flush(
      { result: 'ERROR', data: null, error: { code: 'FILE_CHANGED', message: 'saved elsewhere' } },
      { status: 409, statusText: 'Conflict' },
    );
    await expect(saved).rejects.toMatchObject({ body: { code: 'FILE_CHANGED' }, status: 409 });

    const got = firstValueFrom(files.get('a.ch'));
    http
      .expectOne('/api/files/a.ch')
      .flush(
        { result: 'OK', data: { name: 'a.ch', content: 'z', size: 1, created_at: '', updated_at: '' } },
        { headers: { 'X-File-Version': '4' } },
      );
    await expect(got).resolves.toMatchObject({ file: { content: 'z' }, version: 4 });
  });

  it('reports a rename onto an existing name as an ApiError with the code', async () => {
    const renamed = firstValueFrom(files.rename('a.ch', 'b.ch'));
    const req = http.expectOne('/api/files/a.ch/rename');
    expect(req.request.body).toEqual({ new_name: 'b.ch' });
    req.flush(
      { result: 'ERROR', data: null, error: { code: 'FILE_EXISTS', message: 'exists' } },
      { status: 409, statusText: 'Conflict' },
    );
    const error = await renamed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body.code).toBe('FILE_EXISTS');
    expect((error as ApiError).status).toBe(409);
  });

  it('reads every stored log page after a sequence number', async () => {
    const pages = lastValueFrom(history.logs('e1', 5).pipe(toArray()));
    const entry = (seq: number) => ({ seq, timestamp: '', level: 'INFO', message: String(seq) });
    const first = http.expectOne((r) => r.url === '/api/executions/e1/logs' && r.params.get('after') === '5');
    expect(first.request.params.get('limit')).toBe('10000');
    first.flush({ result: 'OK', data: { entries: [entry(6), entry(7)], next_after: 7, has_more: true } });
    http
      .expectOne((r) => r.url === '/api/executions/e1/logs' && r.params.get('after') === '7')
      .flush({ result: 'OK', data: { entries: [entry(8)], next_after: 8, has_more: false } });
    expect((await pages).map((page) => page.map((e) => e.seq))).toEqual([[6, 7], [8]]);
  });

  it('lists executions newest first with paging parameters', async () => {
    const page = firstValueFrom(history.list(20, 40));
    const req = http.expectOne((r) => r.url === '/api/executions');
    expect(req.request.params.get('limit')).toBe('20');
    expect(req.request.params.get('offset')).toBe('40');
    req.flush({ result: 'OK', data: { items: [], total: 0, limit: 20, offset: 40 } });
    await expect(page).resolves.toEqual({ items: [], total: 0, limit: 20, offset: 40 });
  });
});
