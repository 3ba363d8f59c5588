/**
 * What `bookshelf serve --hub` adds to the feed, every route but OPTIONS for stations only and
 * signed by them (./station-auth.ts): the tus endpoint (/uploads/…, ./signed-uploads.ts),
 * enrolment (POST /hub/stations, GET /hub/stations/<id>, ./station-routes.ts), the moderation
 * outcome of an upload (GET /hub/uploads/<id>, JSON, for the station that sent it), and the
 * stations' usage reports (POST /hub/usage, JSON, at most 256 KB, for the signing station only,
 * its days checked by ./usage-check.ts, its rows within the station's rows of the day,
 * ./quotas.ts).
 */
import type { Hono } from 'hono';
import type { Library } from '../library.js';
import { jsonResponse } from '../http/headers.js';
import { usageUploadSchema } from '../../shared/outbox.js';
import { moderationStatus } from './moderation.js';
import { checkStationRequest, refusalOf } from './station-auth.js';
import { senderOf } from './station-uploads.js';
import { mountStationRoutes } from './station-routes.js';
import { UPLOADS_ROUTE, createUploadEndpoint } from './uploads.js';
import type { UploadEndpointOptions } from './uploads.js';
import { usageProblem } from './usage-check.js';
import { recordStationUsage, usageRowsOf } from './usage.js';
import { usageRowsRefusal } from './quotas.js';

export const MAX_USAGE_BODY_BYTES = 256 * 1024;

export interface HubRouteOptions extends UploadEndpointOptions {
  /** Pending enrolment requests kept at most (catalog/hub/stations.ts). */
  maxPendingEnrolments?: number;
}

/** Mounts the hub's routes on `app`; returns the upload endpoint (for its clean-up). */
export function mountHubRoutes(app: Hono, library: Library, options: HubRouteOptions = {}) {
  const now = options.now ?? (() => new Date());
  // Every answer's Date is the clock the hub checks signatures and quota days by: a station whose clock is off signs by it.
  for (const route of [UPLOADS_ROUTE, `${UPLOADS_ROUTE}/*`, '/hub/*']) {
    app.use(route, async (c, next) => {
      await next();
      c.res.headers.set('Date', now().toUTCString());
    });
  }
  const uploads = createUploadEndpoint(library, { ...options, now });
  app.all(UPLOADS_ROUTE, (c) => uploads.handle(c.req.raw));
  app.all(`${UPLOADS_ROUTE}/*`, (c) => uploads.handle(c.req.raw));
  mountStationRoutes(app, library, { now, maxPendingEnrolments: options.maxPendingEnrolments });
  app.get('/hub/uploads/:id', async (c) => {
    const signed = await checkStationRequest(library, c.req.raw, { now, maxBodyBytes: 0 });
    if (signed instanceof Response) return signed;
    const id = c.req.param('id');
    // Only the station that sent an upload learns what became of it.
    const status = senderOf(library, id) === signed.station.station_id ? moderationStatus(library, id) : null;
    return status ? jsonResponse(status, 200) : refusalOf(c.req.raw, { status: 404, ref: { key: 'hub.noUpload' } });
  });
  app.post('/hub/usage', async (c) => {
    const signed = await checkStationRequest(library, c.req.raw, { now, maxBodyBytes: MAX_USAGE_BODY_BYTES, covers: ['content-type'] });
    if (signed instanceof Response) return signed;
    let report;
    try {
      report = usageUploadSchema.parse(JSON.parse(signed.body.toString('utf8')));
    } catch {
      return refusalOf(c.req.raw, { status: 400, ref: { key: 'hub.usageInvalid' } });
    }
    if (report.stationId !== signed.station.station_id) return refusalOf(c.req.raw, { status: 403, ref: { key: 'hub.notYourStation' } });
    const problem = usageProblem(report, now());
    if (problem) return refusalOf(c.req.raw, { status: 422, ref: problem });
    const tooMany = usageRowsRefusal(library.db, report.stationId, usageRowsOf(report), now());
    if (tooMany) return refusalOf(c.req.raw, tooMany);
    recordStationUsage(library, report, now());
    return jsonResponse({ ok: true, days: report.days.length }, 200);
  });
  return uploads;
}
