// The Atom feeds, read back by a real feed parser (feedparser, strict XML):
// well-formed, with the entries and links a reader follows, and user text that
// stays text.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import FeedParser from 'feedparser';
import { renderAtom } from '../src/lib/atom';
import { createTestApp, type TestApp, type TestUser } from '../src/testing';
import { FILE_READ, grouping } from './fixtures';

interface Parsed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

function parseFeed(xml: string): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parser = new FeedParser({ strict: true, normalize: true, addmeta: false });
    const items: FeedParser.Item[] = [];
    parser.on('error', reject);
    parser.on('readable', () => {
      for (let item = parser.read(); item; item = parser.read()) items.push(item);
    });
    parser.on('end', () => resolve({ meta: parser.meta, items }));
    Readable.from([xml]).pipe(parser);
  });
}

/** The title as the XML holds it (feedparser's `title` strips what looks like HTML). */
const rawTitle = (node: object) =>
  (node as Record<string, { '#'?: string } | undefined>)['atom:title']?.['#'];

const HOSTILE = 'Files & <b>bold</b> ]]> "quoted" </title><script>x</script>';

describe('Atom feeds (PGlite)', () => {
  let t: TestApp;
  let alice: TestUser;
  let mia: TestUser;
  let proposal: number;

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  before(async () => {
    t = await createTestApp('pglite', { publicUrl: 'https://dust.example' });
    alice = await t.createUser('contributor', { name: 'alice', email: 'alice@example.org' });
    mia = await t.createUser('maintainer', { name: 'mia', email: 'mia@example.org' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/proposals',
      headers: alice.auth,
      payload: { title: HOSTILE, rationale: '', grouping: grouping([FILE_READ]) },
    });
    assert.equal(created.statusCode, 201, created.body);
    proposal = created.json().id;
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/proposals/${proposal}/revisions/1/approve`,
      headers: mia.auth,
    });
    assert.equal(approved.statusCode, 201, approved.body);
  });
  after(() => t.close());

  it('the event log: newest first, linked to pages, housekeeping left out', async () => {
    const res = await get('/api/events.atom');
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
    const { meta, items } = await parseFeed(res.body);
    assert.equal(meta.title, 'Dust: activity');
    assert.equal(meta.link, 'https://dust.example/');
    assert.equal(meta.xmlurl, 'https://dust.example/api/events.atom');
    assert.ok(items.length >= 3, String(items.length));
    const titles = items.map((i) => i.title);
    assert.ok(titles.includes(`alice proposed proposal #${proposal}`), titles.join('\n'));
    assert.ok(titles.includes('mia released release 1'), titles.join('\n'));
    assert.ok(!items.some((i) => i.categories.some((c) => /^(token|session|user)\./.test(c))));
    const dates = items.map((i) => i.date?.getTime() ?? 0);
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
    );
    const created = items.find((i) => i.title.startsWith('alice proposed'));
    assert.equal(created?.link, `https://dust.example/proposals/${proposal}`);
    assert.match(created?.guid ?? '', /^tag:dust\.example,2026:event\/\d+$/);
  });

  it('takes the filters of /api/events, and refuses bad ones with a problem', async () => {
    const reviews = await parseFeed((await get('/api/events.atom?type=release')).body);
    assert.ok(reviews.items.length > 0);
    assert.ok(reviews.items.every((i) => i.categories.every((c) => c.startsWith('release.'))));
    const bad = await get('/api/events.atom?limit=0');
    assert.equal(bad.statusCode, 400);
    assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
  });

  it('one proposal: its activity, its title as text, 404 for none', async () => {
    const res = await get(`/api/proposals/${proposal}/events.atom`);
    assert.equal(res.statusCode, 200);
    assert.ok(!res.body.includes('<script>'), 'user text is escaped');
    const { meta, items } = await parseFeed(res.body);
    // type="text": the markup-looking title is the text itself, not markup.
    assert.equal(rawTitle(meta), `Dust: proposal #${proposal}: ${HOSTILE}`);
    assert.equal(meta.link, `https://dust.example/proposals/${proposal}`);
    assert.ok(items.length > 0);
    assert.ok(items.every((i) => i.title.includes(`#${proposal}`) || /release/.test(i.title)));
    const missing = await get('/api/proposals/999999/events.atom');
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
  });

  it('releases: each entry links its page and encloses its mbox', async () => {
    const res = await get('/api/releases.atom');
    assert.equal(res.statusCode, 200);
    const { meta, items } = await parseFeed(res.body);
    assert.equal(meta.title, 'Dust: releases');
    const [newest] = items;
    assert.equal(newest && rawTitle(newest), `Release 1: ${HOSTILE}`);
    assert.equal(newest?.link, 'https://dust.example/releases/1');
    assert.deepEqual(
      newest?.enclosures.map((e) => [e.url, e.type]),
      [['https://dust.example/api/releases/1/series.mbox', 'application/mbox']],
    );
    const mbox = await get('/api/releases/1/series.mbox');
    assert.equal(mbox.statusCode, 200);
    assert.match(mbox.body, /^From [0-9a-f]{40} /);
  });
});

describe('renderAtom', () => {
  it('stays well-formed XML whatever a stored string holds', async () => {
    const nasty = 'a\u0001b\u0000c\ud800d\uffffe & < > \' "';
    const xml = renderAtom({
      id: 'tag:dust.example,2026:test',
      title: nasty,
      updated: new Date(0),
      links: [{ href: `https://dust.example/?q="${nasty}"`, rel: 'self' }],
      entries: [
        {
          id: 'tag:dust.example,2026:e',
          title: nasty,
          author: nasty,
          updated: new Date(0),
          links: [],
          categories: [nasty],
        },
      ],
    });
    const { meta, items } = await parseFeed(xml);
    assert.equal(rawTitle(meta), 'a\ufffdb\ufffdc\ufffdd\ufffde & < > \' "');
    assert.equal(items.length, 1);
  });
});
