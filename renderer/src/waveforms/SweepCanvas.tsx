import { useEffect, useRef } from 'react';
import { useSweepRenderer } from './SweepRendererContext.js';

/** The full-window canvas every live wave is drawn on; it lies over the tiles and takes no input. */
export function SweepCanvas() {
  const renderer = useSweepRenderer();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current === null) return;
    return renderer.attachCanvas(canvas.current);
  }, [renderer]);
  return <canvas ref={canvas} className="sweep-canvas" aria-hidden="true" />;
}
