import 'server-only';
import type { AttentionItem, AttentionReason } from '@dust/contract';
import { cache } from 'react';
import { apiGet } from './api-client';
import { getViewer } from './viewer';

/**
 * "Your turn" for the signed-in user of this request (empty when signed out), read
 * once per request: the navigation's count and the home page's list share it.
 */
export const getAttention = cache(async (): Promise<AttentionItem[]> => {
  if (!(await getViewer())) return [];
  return (await apiGet<{ items: AttentionItem[] }>('/api/me/attention')).items;
});

/** What each reason asks of the reader, in the words of the list. */
export const ATTENTION_WORDING: Record<AttentionReason, string> = {
  'review-on-your-proposal': 'New review or comments on your proposal',
  'stale-needs-rebase': 'The baseline moved: rebase your proposal',
  'concern-answered': 'A new revision answers your concern: resolve it or keep it',
  'ack-outdated': 'A new revision outdated your ack',
  'ready-to-approve': 'Ready to approve',
  'fcp-ending': 'Final comment period ends within a day',
};
