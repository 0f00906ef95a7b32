import { APP_ENTRY_URL } from './app-protocol.js';

export interface RendererSource {
  /** What the window loads. */
  url: string;
  /** The only origin the window may show and the only one allowed to ask for an engine port. */
  origin: URL;
}

/**
 * The built renderer over app://, or the electron-vite dev server while developing. A packaged
 * station ignores ELECTRON_RENDERER_URL: an environment variable must not be able to point the
 * nurse station at another page.
 */
export function rendererSource(isPackaged: boolean, env: NodeJS.ProcessEnv): RendererSource {
  const devServer = env.ELECTRON_RENDERER_URL;
  const url = !isPackaged && devServer ? devServer : APP_ENTRY_URL;
  return { url, origin: new URL(url) };
}
