// Your account's mail settings, the "since you last looked" list and "your turn"
// (GET /api/me itself is with the session routes).
import {
  AttentionItemSchema,
  MailSettingsSchema,
  MarkSeenBodySchema,
  NoContentSchema,
  NotificationPageSchema,
  PageQuerySchema,
  UpdateMeBodySchema,
  WRITE_SECURITY,
} from '@dust/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttention } from '../../domain/list-attention';
import { listNotifications, markNotificationsSeen } from '../../domain/mail/list-notifications';
import { mailSettings, setMailNotifications } from '../../domain/mail/mail-settings';
import { setLinkHeader } from '../../lib/paginate';
import { iso } from '../../lib/present';
import { presentProposalSummary } from '../../lib/present-proposal';
import { currentUser } from '../../plugins/app/auth';

const tags = ['accounts'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const mailOn = () => app.config.mail !== undefined;

  app.get(
    '/api/me/settings',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Your email and whether you get notification mail',
        security: WRITE_SECURITY,
        response: { 200: MailSettingsSchema },
      },
    },
    async (request) => mailSettings(app.prisma, currentUser(request).id, mailOn()),
  );

  app.patch(
    '/api/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Change your settings: {mailNotifications}',
        security: WRITE_SECURITY,
        body: UpdateMeBodySchema,
        response: { 200: MailSettingsSchema },
      },
    },
    async (request) => {
      const { id } = currentUser(request);
      if (request.body.mailNotifications !== undefined) {
        await setMailNotifications(app.prisma, id, request.body.mailNotifications, 'account');
      }
      return mailSettings(app.prisma, id, mailOn());
    },
  );

  app.get(
    '/api/me/notifications',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary:
          'What happened on proposals you took part in, newest first; unread = since you last looked',
        security: WRITE_SECURITY,
        querystring: PageQuerySchema,
        response: {
          200: NotificationPageSchema,
        },
      },
    },
    async (request, reply) => {
      const page = await listNotifications(app.prisma, currentUser(request).id, request.query);
      setLinkHeader(request, reply, page.nextCursor);
      return page;
    },
  );

  app.get(
    '/api/me/attention',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Your turn: open proposals waiting for you, with why and since when, oldest first',
        security: WRITE_SECURITY,
        response: {
          200: z.object({ items: z.array(AttentionItemSchema), count: z.number().int() }),
        },
      },
    },
    async (request) => {
      const items = await listAttention(app.prisma, currentUser(request));
      return {
        items: items.map((i) => ({
          proposal: presentProposalSummary(i.proposal),
          reason: i.reason,
          since: iso(i.since),
        })),
        count: items.length,
      };
    },
  );

  app.post(
    '/api/me/notifications/seen',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Mark notifications up to an id as seen',
        security: WRITE_SECURITY,
        body: MarkSeenBodySchema,
        response: { 204: NoContentSchema },
      },
    },
    async (request, reply) => {
      await markNotificationsSeen(app.prisma, currentUser(request).id, request.body.upTo);
      return reply.code(204).send(null);
    },
  );
};

export default routes;
