// Mail in and out of Dust (docs/design.md, "Mail"): POST /api/mail takes one
// message from the list (an MTA pipe, `dust mail ingest`), GET /api/mail says
// whether mail is on, and the List-Unsubscribe endpoints of notifications.
import {
  IngestResultSchema,
  MailInfoSchema,
  OneClickUnsubscribeBodySchema,
  ProblemSchema,
  RawMailBodySchema,
  UnsubscribedSchema,
  UnsubscribeParamsSchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ingestMail } from '../../domain/mail/ingest-mail';
import { unsubscribe } from '../../domain/mail/mail-settings';
import { badRequest, notFound, ProblemError } from '../../lib/problem';
import { BadMailError } from '../../mail/parse-mail';

const routes: FastifyPluginAsyncZod = async (app) => {
  // A whole message, bytes as received: the MIME parser decodes it.
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  // RFC 8058 one-click unsubscribe POSTs "List-Unsubscribe=One-Click" form-encoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, String(body)),
  );

  app.get(
    '/api/mail',
    {
      schema: {
        tags: ['mail'],
        summary: 'Whether this Dust sends mail, to which list, and which archive it follows',
        response: { 200: MailInfoSchema },
      },
    },
    async () => ({
      sending: app.config.mail !== undefined,
      list: app.config.mail?.listAddress ?? null,
      lore: app.config.mail?.loreUrl ?? null,
    }),
  );

  app.post(
    '/api/mail',
    {
      onRequest: app.requireRole('maintainer'),
      // Only whole messages: a JSON body here is a client mistake worth naming.
      preParsing: async (request) => {
        const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        if (type !== 'message/rfc822') {
          throw new ProblemError(
            415,
            'Unsupported Media Type',
            'Send the message as content-type: message/rfc822 (one message; `dust mail ingest` splits an mbox).',
            { type: 'unsupported-media-type' },
          );
        }
      },
      bodyLimit: app.config.mailMaxBytes,
      schema: {
        tags: ['mail'],
        summary:
          'Take in one message from the list (content-type message/rfc822; maintainer or admin)',
        description:
          'A reply to a series or RFC Dust posted becomes a comment (and its trailers reviews). The same Message-Id twice changes nothing (200 duplicate). Bad mail is a 400 and stores nothing.',
        security: WRITE_SECURITY,
        consumes: ['message/rfc822'],
        body: RawMailBodySchema,
        response: {
          200: IngestResultSchema,
          201: IngestResultSchema,
          400: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.body.length === 0) throw badRequest('The message is empty.');
      let result: Awaited<ReturnType<typeof ingestMail>>;
      try {
        result = await ingestMail(app.prisma, request.body, 'api');
      } catch (error) {
        if (error instanceof BadMailError)
          throw badRequest(`Not a message Dust can take in: ${error.message}.`);
        throw error;
      }
      return reply.code(result.status === 'ingested' ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/unsubscribe/:token',
    {
      schema: {
        tags: ['mail'],
        summary:
          'The List-Unsubscribe link opened in a browser: redirects to the web page that asks',
        params: UnsubscribeParamsSchema,
        response: { 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!app.config.mail) throw notFound('This unsubscribe link');
      return reply.redirect(
        `${app.config.mail.publicUrl}/unsubscribe/${request.params.token}`,
        303,
      );
    },
  );

  app.post(
    '/api/unsubscribe/:token',
    {
      schema: {
        tags: ['mail'],
        summary: 'One-click unsubscribe (RFC 8058): turns off this account’s notification mail',
        params: UnsubscribeParamsSchema,
        body: OneClickUnsubscribeBodySchema,
        response: {
          200: UnsubscribedSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => unsubscribe(app.prisma, request.params.token),
  );
};

export default routes;
