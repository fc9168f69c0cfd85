import {
  ApprovalSchema,
  CreateRevisionBodySchema,
  DiffQuerySchema,
  IdParamsSchema,
  ProposalSchema,
  RevisionDiffSchema,
  RevisionParamsSchema,
  RevisionSchema,
  RevisionValidationSchema,
  StartFcpBodySchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { approveRevision } from '../../domain/approve-revision';
import { createRevision } from '../../domain/create-revision';
import { diffRevision } from '../../domain/diff-revision';
import { startFcp } from '../../domain/fcp/start-fcp';
import { findRevision } from '../../domain/find-proposal';
import { rebaseRevision } from '../../domain/rebase-revision';
import { validateRevision } from '../../domain/validate-revision';
import { presentProposal, presentRevision } from '../../lib/present-proposal';
import { currentUser } from '../../plugins/app/auth';

const tags = ['revisions'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/proposals/:id/revisions',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Add the next revision (author only); recorded against the current baseline',
        security: WRITE_SECURITY,
        params: IdParamsSchema,
        body: CreateRevisionBodySchema,
        response: { 201: RevisionSchema },
      },
    },
    async (request, reply) => {
      const revision = await createRevision(
        app.prisma,
        currentUser(request),
        request.params.id,
        request.body,
      );
      return reply
        .code(201)
        .header('location', `/api/proposals/${revision.proposalId}/revisions/${revision.number}`)
        .send(presentRevision(revision));
    },
  );

  app.get(
    '/api/proposals/:id/revisions/:n',
    {
      schema: {
        tags,
        summary: 'One revision',
        params: RevisionParamsSchema,
        response: { 200: RevisionSchema },
      },
    },
    async (request) =>
      presentRevision(await findRevision(app.prisma, request.params.id, request.params.n)),
  );

  app.get(
    '/api/proposals/:id/revisions/:n/validation',
    {
      schema: {
        tags,
        summary: 'Diagnostics now, including compatibility with the current baseline',
        params: RevisionParamsSchema,
        response: {
          200: RevisionValidationSchema,
        },
      },
    },
    async (request) => validateRevision(app.prisma, request.params.id, request.params.n),
  );

  app.get(
    '/api/proposals/:id/revisions/:n/diff',
    {
      schema: {
        tags,
        summary:
          'Semantic diff from the current baseline (default) or another revision to this one',
        params: RevisionParamsSchema,
        querystring: DiffQuerySchema,
        response: {
          200: RevisionDiffSchema,
        },
      },
    },
    async (request) =>
      diffRevision(app.prisma, request.params.id, request.params.n, request.query.against),
  );

  app.post(
    '/api/proposals/:id/revisions/:n/rebase',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Rebase onto the current baseline into a new revision, or 409 with the conflicts',
        security: WRITE_SECURITY,
        params: RevisionParamsSchema,
        response: { 201: RevisionSchema },
      },
    },
    async (request, reply) => {
      const revision = await rebaseRevision(
        app.prisma,
        currentUser(request),
        request.params.id,
        request.params.n,
      );
      return reply.code(201).send(presentRevision(revision));
    },
  );

  app.post(
    '/api/proposals/:id/revisions/:n/approve',
    {
      onRequest: app.requireRole('maintainer'),
      schema: {
        tags,
        summary: 'Approve (maintainer): creates release N+1, or 409 naming the reason',
        security: WRITE_SECURITY,
        params: RevisionParamsSchema,
        response: {
          201: ApprovalSchema,
        },
      },
    },
    async (request, reply) => {
      const { release, proposal } = await approveRevision(
        app.prisma,
        currentUser(request),
        request.params.id,
        request.params.n,
        { listAddress: app.config.mail?.listAddress, requireFcp: app.config.requireFcp },
      );
      app.mailWorker?.wake();
      return reply
        .code(201)
        .header('location', `/api/releases/${release.number}`)
        .send({
          release: release.number,
          trailers: release.trailers as string[],
          proposal: presentProposal(proposal),
        });
    },
  );

  app.post(
    '/api/proposals/:id/revisions/:n/fcp',
    {
      onRequest: app.requireRole('maintainer'),
      schema: {
        tags,
        summary:
          'Start a final comment period on the latest revision (maintainer), or 409 fcp-blocked naming the reason',
        security: WRITE_SECURITY,
        params: RevisionParamsSchema,
        body: StartFcpBodySchema,
        response: { 201: ProposalSchema },
      },
    },
    async (request, reply) => {
      const { id, n } = request.params;
      const proposal = await startFcp(app.prisma, currentUser(request), id, n, {
        disposition: request.body.disposition,
        hours: app.config.fcpHours,
      });
      return reply.code(201).send(presentProposal(proposal));
    },
  );
};

export default routes;
