import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { ExecutionService } from './execution.service';

describe('ExecutionService', () => {
  let service: ExecutionService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(ExecutionService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('runs synchronously and returns the value', async () => {
    const outcome = firstValueFrom(service.execute('1+2'));
    const req = http.expectOne('/api/execute');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ program: '1+2' });
    req.flush({ result: 'OK', data: 3 });
    expect(await outcome).toEqual({ ok: true, value: 3 });
  });

  it('passes on the id the server stored a synchronous run under', async () => {
    const outcome = firstValueFrom(service.execute('1+2'));
    http.expectOne('/api/execute').flush({ result: 'OK', data: 3 }, { headers: { 'X-Execution-Id': 'e7' } });
    expect(await outcome).toEqual({ ok: true, value: 3, executionId: 'e7' });
  });

  it('returns a script error as an outcome with its position', async () => {
    const outcome = firstValueFrom(service.execute('add('));
    const error = { code: 'SYNTAX_ERROR', message: 'unexpected end', line: 1, column: 5 };
    http.expectOne('/api/execute').flush({ result: 'ERROR', data: null, error });
    expect(await outcome).toEqual({ ok: false, error });
  });

  it('returns a 400 validation failure as an outcome', async () => {
    const outcome = firstValueFrom(service.execute(''));
    const error = { code: 'VALIDATION_FAILED', message: 'program must not be empty' };
    http
      .expectOne('/api/execute')
      .flush({ result: 'ERROR', data: null, error }, { status: 400, statusText: 'Bad Request' });
    expect(await outcome).toEqual({ ok: false, error });
  });

  it('errors on 401 so the caller stops', async () => {
    const outcome = firstValueFrom(service.execute('1'));
    http.expectOne('/api/execute').flush({ result: 'ERROR', data: null }, { status: 401, statusText: 'Unauthorized' });
    await expect(outcome).rejects.toMatchObject({ name: 'ApiError', status: 401 });
  });

  it('starts an async run and emits its id', async () => {
    const id = firstValueFrom(service.start('x'));
    const start = http.expectOne('/api/execute-async');
    expect(start.request.body).toEqual({ program: 'x' });
    start.flush({ result: 'OK', data: { execution_id: 'e1' } }, { status: 202, statusText: 'Accepted' });
    expect(await id).toBe('e1');
  });

  it('names the saved file the program came from, when there is one', async () => {
    const id = firstValueFrom(service.start('x', undefined, 'report.ch'));
    const start = http.expectOne('/api/execute-async');
    expect(start.request.body).toEqual({ program: 'x', file: 'report.ch' });
    start.flush({ result: 'OK', data: { execution_id: 'e2' } }, { status: 202, statusText: 'Accepted' });
    expect(await id).toBe('e2');
  });

  it('starts a run under the debugger with its breakpoints, and sends it what to do when paused', async () => {
    const id = firstValueFrom(service.start('x', { breakpoints: [2, 5], stopOnEntry: true }));
    const start = http.expectOne('/api/execute-async');
    expect(start.request.body).toEqual({ program: 'x', debug: { breakpoints: [2, 5], stopOnEntry: true } });
    start.flush({ result: 'OK', data: { execution_id: 'd1' } }, { status: 202, statusText: 'Accepted' });
    expect(await id).toBe('d1');

    const stepped = firstValueFrom(service.debug('d1', 'step_over', { breakpoints: [7] }));
    const step = http.expectOne('/api/executions/d1/debug');
    expect(step.request.body).toEqual({ action: 'step_over', breakpoints: [7] });
    step.flush({ result: 'OK', data: { execution_id: 'd1', action: 'step_over' } });
    await expect(stepped).resolves.toBeUndefined();

    const late = firstValueFrom(service.debug('d1', 'continue'));
    http
      .expectOne('/api/executions/d1/debug')
      .flush(
        { result: 'ERROR', data: null, error: { code: 'NOT_PAUSED', message: 'not paused' } },
        { status: 409, statusText: 'Conflict' },
      );
    await expect(late).rejects.toMatchObject({ name: 'ApiError', status: 409 });
  });

  it('polls the result: pending while 202, then the outcome', async () => {
    const pending = firstValueFrom(service.result('e1'));
    http
      .expectOne('/api/result/e1')
      .flush(
        { result: 'PENDING', data: { execution_id: 'e1', status: 'running', started_at: 't' } },
        { status: 202, statusText: 'Accepted' },
      );
    expect(await pending).toEqual({
      state: 'pending',
      pending: { execution_id: 'e1', status: 'running', started_at: 't' },
    });

    const done = firstValueFrom(service.result('e1'));
    http.expectOne('/api/result/e1').flush({ result: 'OK', data: [1, 2] });
    expect(await done).toEqual({ state: 'done', outcome: { ok: true, value: [1, 2] } });
  });

  it('cancels and reports the status', async () => {
    const status = firstValueFrom(service.cancel('e1'));
    const req = http.expectOne('/api/executions/e1/cancel');
    expect(req.request.method).toBe('POST');
    req.flush({ result: 'OK', data: { execution_id: 'e1', status: 'cancelled' } });
    expect(await status).toBe('cancelled');
  });
});
