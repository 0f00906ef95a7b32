import { MessageChannelMain, type WebContents } from 'electron';
import type { Log } from '../station/log/StationLog.js';
import type { EngineProcess } from '../station/supervision/EngineLauncher.js';
import { ShellChannel } from '../preload/channels.js';
import { isTrustedUrl } from './trusted-origin.js';

/** The parts of an IpcMainEvent the broker checks and answers through. */
export interface PortRequest {
  sender: Pick<WebContents, 'id' | 'postMessage'>;
  senderFrame: { url: string; parent: unknown; detached: boolean } | null;
}

/**
 * Hands a renderer its own MessagePort to the engine, after making sure the request comes from
 * the station window's main frame on the station's own origin: a port is full access to the
 * station, so an iframe, another window or a page that navigated away must not get one.
 */
export class EnginePortBroker {
  constructor(
    private readonly window: Pick<WebContents, 'id'>,
    private readonly trustedOrigin: URL,
    private readonly engine: () => Pick<EngineProcess, 'send'> | null,
    private readonly log: Pick<Log, 'warn'>,
  ) {}

  /** Answers ShellChannel.connect; returns whether a port was handed out. */
  connect(request: PortRequest): boolean {
    const refusal = this.refusal(request);
    if (refusal) {
      this.log.warn('shell: engine port refused', {
        reason: refusal,
        url: request.senderFrame?.url ?? null,
      });
      return false;
    }
    const engine = this.engine();
    if (!engine) {
      // The renderer asks again when the restarted engine is ready.
      this.log.warn('shell: engine port requested while the engine is down');
      return false;
    }
    const { port1, port2 } = new MessageChannelMain();
    engine.send({ type: 'connect-client' }, [port1]);
    request.sender.postMessage(ShellChannel.port, null, [port2]);
    return true;
  }

  private refusal({ sender, senderFrame }: PortRequest): string | null {
    if (sender.id !== this.window.id) return 'not the station window';
    // A frame that has navigated or is being unloaded no longer speaks for the window.
    if (!senderFrame || senderFrame.detached) return 'sender frame gone';
    if (senderFrame.parent !== null) return 'not the main frame';
    if (!isTrustedUrl(senderFrame.url, this.trustedOrigin)) return 'untrusted origin';
    return null;
  }
}
