import {
  CreateProposalBodySchema,
  IdParamsSchema,
  ListProposalsQuerySchema,
  ProposalSchema,
  ProposalSummarySchema,
  pageOf,
  UpdateProposalBodySchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createProposal } from '../../domain/create-proposal';
import { cancelFcp } from '../../domain/fcp/cancel-fcp';
import { findProposal } from '../../domain/find-proposal';
import { listProposals } from '../../domain/list-proposals';
import { updateProposal } from '../../domain/update-proposal';
import { setLinkHeader } from '../../lib/paginate';
import { presentProposal, presentProposalSummary } from '../../lib/present-proposal';
import { renderJson, sendCachedJson } from '../../lib/read-cache';
import { currentUser } from '../../plugins/app/auth';

const tags = ['proposals'];
const ProposalPageSchema = pageOf(ProposalSummarySchema);

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Propose a grouping: creates the proposal and its revision 1',
        security: WRITE_SECURITY,
        body: CreateProposalBodySchema,
        response: { 201: ProposalSchema },
      },
    },
    async (request, reply) => {
      const proposal = await createProposal(app.prisma, currentUser(request).id, request.body);
      return reply
        .code(201)
        .header('location', `/api/proposals/${proposal.id}`)
        .send(presentProposal(proposal));
    },
  );

  app.get(
    '/api/proposals',
    {
      schema: {
        tags,
        summary: 'Proposals, newest first (cursor pagination, Link header)',
        querystring: ListProposalsQuerySchema,
        response: { 200: ProposalPageSchema },
      },
    },
    async (request, reply) => {
      // One cached page per (validated) query until the next committed write
      // (lib/read-cache.ts); the Link header depends on the request URL only.
      const entry = await app.readCache.get(
        `proposals?${JSON.stringify(request.query)}`,
        async () => {
          const page = await listProposals(app.prisma, request.query);
          const body = renderJson(ProposalPageSchema, {
            items: page.items.map(presentProposalSummary),
            nextCursor: page.nextCursor,
          });
          return { body, meta: page.nextCursor };
        },
      );
      setLinkHeader(request, reply, entry.meta);
      return sendCachedJson(request, reply, entry);
    },
  );

  app.get(
    '/api/proposals/:id',
    {
      schema: {
        tags,
        summary: 'A proposal with all its revisions',
        params: IdParamsSchema,
        response: { 200: ProposalSchema },
      },
    },
    async (request) => presentProposal(await findProposal(app.prisma, request.params.id)),
  );

  app.patch(
    '/api/proposals/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Edit title/rationale or withdraw (author); reject (maintainer)',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        body: UpdateProposalBodySchema,
        response: { 200: ProposalSchema },
      },
    },
    async (request) =>
      presentProposal(
        await updateProposal(app.prisma, currentUser(request), request.params.id, request.body),
      ),
  );

  app.delete(
    '/api/proposals/:id/fcp',
    {
      onRequest: app.requireRole('maintainer'),
      schema: {
        tags,
        summary: 'Cancel the running final comment period (maintainer)',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        response: { 200: ProposalSchema },
      },
    },
    async (request) =>
      presentProposal(await cancelFcp(app.prisma, currentUser(request), request.params.id)),
  );
};

export default routes;
