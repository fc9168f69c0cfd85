import { splitMbox } from '@dust/model/mail/mbox';
import { CliError, UsageError } from '../cli-error';
import { SERVER_HELP, SERVER_OPTION } from '../client/connect';
import { resolveServer } from '../client/server-settings';
import type { Command } from '../command';
import { expectPositionals, parseCommandArgs } from '../parse-command-args';
import { terminalSafe } from '../terminal-text';

interface IngestAnswer {
  status?: string;
  messageId?: string;
  detail?: string;
  commentId?: number | null;
  reviews?: { verdict: string }[];
}

/** Posts one message to POST /api/mail; returns the answer, or a one-line problem. */
async function postMessage(
  token: string,
  url: string,
  message: Buffer,
): Promise<{ ok: true; answer: IngestAnswer } | { ok: false; status: number; detail: string }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${token}` },
      body: message,
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new CliError(`cannot reach ${terminalSafe(url)}: ${cause ?? (error as Error).message}`);
  }
  const text = await response.text();
  let body: { detail?: string } & IngestAnswer = {};
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: say what status it was
  }
  if (response.ok) return { ok: true, answer: body };
  return { ok: false, status: response.status, detail: body.detail ?? text.slice(0, 200) };
}

function describe(answer: IngestAnswer): string {
  const parts = [answer.status ?? 'done'];
  if (answer.commentId) parts.push(`comment ${answer.commentId}`);
  if (answer.reviews?.length) parts.push(answer.reviews.map((r) => r.verdict).join(', '));
  return `${parts.join(': ')} — ${answer.detail ?? ''}`.trim();
}

export const mailCommand: Command = {
  name: 'mail',
  help: `Usage: dust mail ingest [--server URL] < message-or-mbox

Reads one message (RFC 5322) or an mbox of several from standard input and
posts each to the Dust API (POST /api/mail), as an MTA pipe or a cron job over
an archive would. A reply to a series or RFC Dust posted becomes a comment,
its Acked-by:/Reviewed-by:/Tested-by:/NAKed-by: trailers and "Concern:" lines
reviews. A message taken in before is reported "duplicate" and changes nothing.

Needs a maintainer's or admin's API token (DUST_TOKEN, or saved by dust login).

Options:
${SERVER_HELP}
  --api URL        the same as --server (its older name)
  -h, --help       show this help

Exit status: 0 every message was taken (ingested, duplicate, Dust's own,
or about something else), 1 some message was refused as bad mail, 2 usage
error, missing token, or the API cannot be reached or refused the token.

Example:
  dust mail ingest < reply.eml   # with DUST_TOKEN set, or after dust login
  curl -s https://lore.example.org/list/<message-id>/t.mbox.gz | gunzip | dust mail ingest
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...SERVER_OPTION,
      api: { type: 'string' },
    });
    if (values.help) {
      io.out(this.help);
      return 0;
    }
    const [action, ...rest] = positionals;
    if (action !== 'ingest') {
      throw new UsageError(
        action === undefined
          ? 'missing action (ingest)'
          : `unknown action ${terminalSafe(action, 40)} (ingest)`,
      );
    }
    expectPositionals(rest, []);
    const { server, token } = await resolveServer(io, values.server ?? values.api);
    if (!token) {
      throw new UsageError(
        'no API token: set DUST_TOKEN or run dust login (a maintainer’s or admin’s)',
      );
    }
    const url = `${server}/api/mail`;
    // latin1 keeps every byte: messages are split as bytes and posted unchanged.
    const messages = splitMbox((await io.readStdinBytes()).toString('latin1'));
    if (messages.length === 0) throw new UsageError('standard input holds no message');
    let refused = 0;
    for (const [i, message] of messages.entries()) {
      const result = await postMessage(token, url, Buffer.from(message, 'latin1'));
      const label = `message ${i + 1}/${messages.length}`;
      if (result.ok) {
        io.out(
          `${label} <${terminalSafe(result.answer.messageId ?? '?', 120)}>: ${terminalSafe(describe(result.answer), 300)}\n`,
        );
        continue;
      }
      if (result.status === 401 || result.status === 403) {
        throw new CliError(
          `the API refused the token (${result.status}): ${terminalSafe(result.detail, 200)}`,
        );
      }
      if (result.status >= 500) {
        throw new CliError(
          `the API failed (${result.status}): ${terminalSafe(result.detail, 200)}`,
        );
      }
      refused += 1;
      io.err(`${label}: refused (${result.status}): ${terminalSafe(result.detail, 300)}\n`);
    }
    return refused > 0 ? 1 : 0;
  },
};
