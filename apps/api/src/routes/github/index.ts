// GitHub's way back in: the repository's workflow (or GitHub itself, for
// workflow_run events) posts the kernel-test verdict of a release branch here,
// signed with the shared secret (X-Hub-Signature-256). Without GitHub
// configured the route answers 404, like any route that does not exist.
import {
  KernelTestReportSchema,
  ProblemSchema,
  WebhookAckSchema,
  WorkflowRunSchema,
} from '@dust/contract';
import type { KernelVerdict } from '@dust/kernel';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recordGitHubVerdict } from '../../domain/releases/record-github-verdict';
import { releaseFromBranch } from '../../github/publish-series';
import { verifyWebhookSignature } from '../../github/verify-webhook-signature';
import { badRequest, ProblemError, unauthorized } from '../../lib/problem';

function conclusionVerdict(conclusion: string | null): KernelVerdict {
  const status =
    conclusion === 'success' ? 'passed' : conclusion === 'skipped' ? 'skipped' : 'failed';
  return {
    status,
    ...(status === 'passed'
      ? {}
      : { reason: `the GitHub workflow concluded "${conclusion ?? 'unknown'}"` }),
    stages: [],
    // GitHub's conclusion says nothing about checkpatch.
    checkpatch: null,
    flags: [],
    checks: [],
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const settings = app.config.github;

  // The signature covers the exact bytes GitHub sent: keep them (this plugin only).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    done(null, body);
  });

  app.post(
    '/api/github/webhook',
    {
      schema: {
        tags: ['builds'],
        summary: 'Kernel-test verdicts from the GitHub workflow (HMAC-signed)',
        description:
          "Events: `dust_kernel_test` (body: release, verdict as printed by `dust kernel-test --json`, log, run_url), `workflow_run` (GitHub's own; the conclusion of a dust/release-N branch), `ping`. Signed with X-Hub-Signature-256.",
        response: {
          200: WebhookAckSchema,
          202: WebhookAckSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      if (!settings) {
        throw new ProblemError(
          404,
          'Not Found',
          'GitHub integration is not configured on this server.',
          {
            type: 'not-found',
          },
        );
      }
      const raw = request.body;
      if (!Buffer.isBuffer(raw)) throw badRequest('Expected a JSON body.');
      const signature = request.headers['x-hub-signature-256'];
      if (
        !verifyWebhookSignature(
          settings.webhookSecret,
          raw,
          typeof signature === 'string' ? signature : undefined,
        )
      ) {
        throw unauthorized('Missing or wrong X-Hub-Signature-256.');
      }
      let payload: unknown;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        throw badRequest('The body is not valid JSON.');
      }
      const event = request.headers['x-github-event'];
      if (event === 'ping') return { status: 'ignored' as const, detail: 'pong' };

      if (event === 'dust_kernel_test') {
        const parsed = KernelTestReportSchema.safeParse(payload);
        if (!parsed.success)
          throw badRequest(`Invalid report: ${parsed.error.issues[0]?.message ?? 'schema'}`);
        const { release, verdict, log, run_url } = parsed.data;
        const result = await recordGitHubVerdict(app.prisma, release, verdict, {
          ...(log ? { log } : {}),
          ...(run_url ? { runUrl: run_url } : {}),
        });
        return acknowledge(reply, result, release);
      }
      if (event === 'workflow_run') {
        const parsed = WorkflowRunSchema.safeParse(payload);
        if (!parsed.success) throw badRequest('Invalid workflow_run payload.');
        const run = parsed.data.workflow_run;
        const release = releaseFromBranch(run.head_branch);
        if (parsed.data.action !== 'completed' || release === undefined) {
          return reply
            .code(202)
            .send({ status: 'ignored', detail: 'not a completed run of a Dust release branch' });
        }
        const result = await recordGitHubVerdict(
          app.prisma,
          release,
          conclusionVerdict(run.conclusion),
          {
            runUrl: run.html_url,
          },
        );
        return acknowledge(reply, result, release);
      }
      return reply
        .code(202)
        .send({ status: 'ignored', detail: `event ${String(event)} is not used` });
    },
  );
};

function acknowledge(
  reply: FastifyReply,
  result: Awaited<ReturnType<typeof recordGitHubVerdict>>,
  release: number,
) {
  if (result.kind === 'recorded') {
    return reply
      .code(200)
      .send({ status: 'recorded', detail: `verdict stored on build job ${result.jobId}` });
  }
  const detail =
    result.kind === 'no-job'
      ? `release ${release} has no build job waiting for GitHub`
      : `build job ${result.jobId} already has its verdict`;
  return reply.code(202).send({ status: 'ignored', detail });
}

export default routes;
