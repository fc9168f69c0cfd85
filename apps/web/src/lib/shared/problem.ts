// The API's problem details (ProblemSchema in @dust/contract) as a thrown error.
import type { Problem } from '@dust/contract';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ApiError';
  }
}
