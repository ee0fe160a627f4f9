/**
 * The layers of Vedetta's modules, bottom first. A module may import a module of a LOWER layer
 * only (never one of its own layer or above), and only through that module's `index.ts`; so no
 * two modules can import each other, directly or around a circle. Files directly in `src/`
 * (`server/src/main.ts`, `web/src/main.tsx`) are the top and nothing imports them.
 * Read by scripts/module-graph.mjs and by the ESLint rule in scripts/eslint-module-boundaries.mjs.
 */
export const LAYERS = {
  'server/src': [
    // Foundation: configuration, errors, clock, logger, validation; the pure parsers and muxers.
    ['app', 'media'],
    // The database handle and migrations; the installation key; the access decision (pure);
    // RTSP ingest and fan-out; the camera simulator; the ONVIF client (discovery, probe, clock).
    ['db', 'keys', 'permissions', 'ingest', 'sim', 'onvif'],
    // The HTTP kit: context, OpenAPI helpers, error mapping, server.
    ['http'],
    // The audit trail.
    ['audit'],
    // People and sessions; the camera registry; PTZ control (sessions, priorities, presets).
    ['accounts', 'cameras', 'ptz'],
    // Who may see what (roles, agreements, agencies' administration); recording; legal holds;
    // the alarm console (fed by live and retention through the composition); the cameras' own
    // events (motion, tamper, inputs) as intervals for the timeline.
    ['access', 'recording', 'holds', 'alarms', 'camera-events'],
    // Privacy masks and the register; still images; live video; wall views.
    ['privacy', 'stills', 'live', 'views'],
    // Evidence export; playback; the operations room's map (camera states from ingest,
    // recording and masks); masks burned into the live video that leaves the owning agency;
    // the RTSP re-stream for partners' video systems (access, ingest).
    ['export', 'playback', 'map', 'masking', 'restream'],
    // Retention and deletion (purges export packages too); bookmarks on recordings; the
    // operations room's wall displays (views, live and replays pushed to a screen).
    ['retention', 'bookmarks', 'displays'],
    // The DPO's compliance report (retention, holds, agreements, register).
    ['compliance'],
    // The composition of the application.
    ['compose'],
    // The `vedetta` command.
    ['cli'],
  ],
  'web/src': [
    // Foundations: the interface's words, and wall-clock time text. No imports.
    ['i18n', 'time'],
    // The one HTTP client (ApiError's message keys come from i18n); the "coming soon" notice.
    ['api', 'coming-soon'],
    // The signed-in frame (header, navigation, section types), and the two pages outside it.
    ['layout', 'login', 'public'],
    // Section pages that need only what is below.
    ['admin', 'alarms', 'bookmarks', 'cameras', 'compliance', 'export', 'privacy'],
    // Pages and parts built on those: audit on admin, the live player on privacy's masks,
    // the recorded-video player (playback page and the wall's replay).
    ['audit', 'live-player', 'recorded-player', 'ptz'],
    // The map (cameras, the live player in its popup), its page and the panel beside the wall.
    ['map'],
    // The pages that compose the most: the wall (live player, cameras, masks, the map panel)
    // and the recordings (cameras, export panel, masks).
    ['playback', 'wall'],
    // The room's wall displays: the display's own screen and the operators' panel (wall tiles).
    ['displays'],
    // The composition: the session, the list of sections, the shell.
    ['app'],
  ],
};
