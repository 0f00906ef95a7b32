/**
 * The only IPC between Electron main and the preload. Station data never travels on these
 * channels: they only set up the MessagePort that carries the contract to the engine.
 */
export const ShellChannel = {
  /** preload → main: give this window a port to the engine. */
  connect: 'station:connect',
  /** main → preload: here is the port (in the message's ports). */
  port: 'station:port',
  /** main → preload: the engine was restarted; the old port is dead, ask again. */
  engineRestarted: 'station:engine-restarted',
} as const;
