/**
 * Where the desktop app puts the station connection for the renderer: the preload exposes a
 * StationConnection under this name on window, and the renderer looks for it there (it is
 * absent in a plain browser, where the renderer connects over WebSocket instead).
 */
export const WARD_STATION_GLOBAL = 'wardStation';
