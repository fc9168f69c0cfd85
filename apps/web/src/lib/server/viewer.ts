import 'server-only';
import type { Viewer } from '@dust/contract';
import { cache } from 'react';
import { ApiError } from '../shared/problem';
import { apiGet } from './api-client';

/** The signed-in user of this request, or null (anonymous, or the API said 401). */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  try {
    return await apiGet<Viewer>('/api/me');
  } catch (error) {
    if (
      error instanceof ApiError &&
      (error.problem.status === 401 || error.problem.status === 404)
    ) {
      return null;
    }
    throw error;
  }
});
