import { createContext, useContext } from 'react';
import type { SweepRenderer } from './SweepRenderer.js';

/** The page's one sweep renderer, for the canvas and the wave slots that tiles render. */
export const SweepRendererContext = createContext<SweepRenderer | null>(null);

export function useSweepRenderer(): SweepRenderer {
  const renderer = useContext(SweepRendererContext);
  if (renderer === null) throw new Error('useSweepRenderer needs a SweepRendererContext above it');
  return renderer;
}
