// JSON bodies as Fastify parses them (prototype poisoning rejected), except that
// an empty body with a JSON content type is "no body" rather than a 400: clients
// commonly send that header on body-less POSTs (approve, rebase, resolve).
// The API speaks JSON only: other bodies (text/plain included) get 415.
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (String(body).trim() === '') return done(null, undefined);
      parseJson(request, String(body), done);
    });
  },
  { name: 'json-body' },
);
