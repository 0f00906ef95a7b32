import type { EngineConnection } from '../state/StationStore.js';
import { strings } from '../strings.js';

export interface ConnectionBannerProps {
  connection: EngineConnection;
  loadError: string | null;
}

/** Says so, prominently, whenever the screen is not live: a silent frozen station is unsafe. */
export function ConnectionBanner({ connection, loadError }: ConnectionBannerProps) {
  const text =
    connection === 'lost'
      ? strings.connection.lost
      : connection === 'connecting'
        ? strings.connection.connecting
        : loadError !== null
          ? strings.connection.loadFailed(loadError)
          : null;
  if (text === null) return null;
  return (
    <div
      className={`connection-banner connection-banner--${connection}`}
      data-testid="connection-banner"
      role="alert"
    >
      {text}
    </div>
  );
}
