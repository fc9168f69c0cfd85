import type { Diagnostic } from '@dust/model';

/** RFC 9457 problem details, as the API sends them (see docs/contracts.md). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  diagnostics?: Diagnostic[];
  conflicts?: unknown[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ApiError';
  }
}
