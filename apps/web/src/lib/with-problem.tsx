import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ProblemView } from '../components/ProblemView';
import { ApiError } from './problem';

/**
 * Renders a page, turning the API's problem details into a visible error section
 * (a thrown error would reach error.tsx with its message redacted in production)
 * and a 404 into the not-found page.
 */
export async function withProblem(render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.problem.status === 404) notFound();
      return <ProblemView problem={error.problem} />;
    }
    throw error;
  }
}
