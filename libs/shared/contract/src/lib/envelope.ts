/** Every JSON reply of the API is wrapped in this envelope (design section 3). */
export type EnvelopeResult = 'OK' | 'ERROR' | 'PENDING';

export interface ApiErrorBody {
  /** Stable machine-readable code, e.g. VALIDATION_FAILED, UNAUTHORIZED, SYNTAX_ERROR. */
  code: string;
  message: string;
  /** Script errors point at the offending source position (1-based). */
  line?: number;
  column?: number;
  function?: string;
  /** Validation failures list each rejected field. */
  details?: string[];
}

export interface ApiEnvelope<T = unknown> {
  result: EnvelopeResult;
  data: T | null;
  error?: ApiErrorBody;
}
