import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMPTY_GROUPING } from '@dust/model';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import {
  api,
  createTeam,
  SKIP_WITHOUT_CHROMIUM,
  screenshot,
  signedInPage,
  type TestUser,
} from './helpers';
import { CHROMIUM, CHROMIUM_ARGS, freePort, type Stack, startStack } from './stack';

// Mail in the browser, against the real API with mail on and a real SMTP server:
// the author posts a revision to the list with one click and sees it go out;
// the account page turns notification mail off.

describe('mail in Chromium', { skip: SKIP_WITHOUT_CHROMIUM, timeout: 10 * 60_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let smtp: SMTPServer;
  const subjects: string[] = [];
  let alice: TestUser;
  let proposal: number;

  before(async () => {
    const port = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (c: Buffer) => {
          raw += c.toString('utf8');
        });
        stream.on('end', () => {
          subjects.push(/^Subject: (.*)$/m.exec(raw)?.[1] ?? '');
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
    stack = await startStack({
      DUST_SMTP_URL: `smtp://127.0.0.1:${port}`,
      DUST_MAIL_FROM: 'Dust <dust@dust.example.org>',
      DUST_LIST_ADDRESS: 'seccomp-flags@lists.example.org',
      DUST_PUBLIC_URL: 'https://dust.example.org',
      DUST_MAIL_POLL_MS: '200',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
    });
    ({ alice } = await createTeam(stack));
    proposal = (
      await api<{ id: number }>(stack, alice.token, 'POST', '/api/proposals', {
        title: 'Clocks for everyone',
        rationale: 'Time.',
        grouping: {
          ...EMPTY_GROUPING,
          flags: [{ name: 'TIME', bit: 0, description: 'Clocks', syscalls: ['clock_gettime'] }],
        },
      })
    ).id;
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('posts a revision to the list and shows it sent; turns notification mail off', async () => {
    const a = await signedInPage(browser, stack, alice);
    await a.page.goto(`/proposals/${proposal}`);
    await a.page.getByRole('button', { name: 'Post to the list' }).click();
    await a.page.getByTestId('mail-status').waitFor();
    const deadline = Date.now() + 60_000;
    while (
      !((await a.page.getByTestId('mail-status').textContent()) ?? '').includes('on the list')
    ) {
      assert.ok(Date.now() < deadline, 'the RFC posting was not sent within a minute');
      await new Promise((r) => setTimeout(r, 500));
      await a.page.reload();
    }
    assert.equal(subjects.filter((s) => s.startsWith('[RFC PATCH v1 ')).length, 6);
    assert.equal(await a.page.getByRole('button', { name: 'Post to the list' }).count(), 0);
    await screenshot(a.page, 'mail-posted');

    await a.page.goto('/account');
    const settings = a.page.getByTestId('mail-settings');
    assert.match((await settings.textContent()) ?? '', /You get mail .* at alice@example\.org/);
    await a.page.getByRole('button', { name: 'Turn notification mail off' }).click();
    await a.page.getByRole('button', { name: 'Turn notification mail on' }).waitFor();
    assert.match((await settings.textContent()) ?? '', /You get no mail/);
    await screenshot(a.page, 'mail-account');
    await a.context.close();
  });
});
