import type { ReactNode } from 'react';
import { ProblemView } from '../../components/ProblemView';
import { ApiError } from '../shared/problem';

/**
 * Renders a page, turning the API's problem details into a visible error section
 * (a thrown error would reach error.tsx with its message redacted in production).
 * Pages call notFound() themselves when their own resource is missing.
 */
export async function withProblem(render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof ApiError) return <ProblemView problem={error.problem} />;
    throw error;
  }
}
