/**
 * What `bookshelf serve --hub` adds to the feed: the tus endpoint (/uploads/…), the moderation
 * outcome of one upload (GET /hub/uploads/<id>, JSON, for the station that knows the id), and
 * the stations' usage reports (POST /hub/usage, JSON, at most 256 KB).
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Library } from '../library.js';
import { usageUploadSchema } from '../../shared/outbox.js';
import { moderationStatus } from './moderation.js';
import { UPLOADS_ROUTE, createUploadEndpoint } from './uploads.js';
import type { UploadEndpointOptions } from './uploads.js';
import { recordStationUsage } from './usage.js';

export const MAX_USAGE_BODY_BYTES = 256 * 1024;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: JSON_HEADERS });

/** Mounts the hub's routes on `app`; returns the upload endpoint (for its clean-up). */
export function mountHubRoutes(app: Hono, library: Library, options: UploadEndpointOptions = {}) {
  const uploads = createUploadEndpoint(library, options);
  app.all(UPLOADS_ROUTE, (c) => uploads.handle(c.req.raw));
  app.all(`${UPLOADS_ROUTE}/*`, (c) => uploads.handle(c.req.raw));
  app.get('/hub/uploads/:id', (c) => {
    const status = moderationStatus(library, c.req.param('id'));
    return status ? json(status) : json({ error: 'not_found' }, 404);
  });
  app.post(
    '/hub/usage',
    bodyLimit({ maxSize: MAX_USAGE_BODY_BYTES, onError: () => json({ error: 'too_large' }, 413) }),
    async (c) => {
      let report;
      try {
        report = usageUploadSchema.parse(JSON.parse(await c.req.text()));
      } catch {
        return json({ error: 'bad_request' }, 400);
      }
      recordStationUsage(library, report);
      return json({ ok: true, days: report.days.length });
    },
  );
  return uploads;
}
