import { useEffect, useRef } from 'react';
import { useSweepRenderer } from './SweepRendererContext.js';

export interface WaveSlotProps {
  bedId: string;
  code: number;
  label: string;
  colour: string;
}

/** The place in a tile where the sweep renderer draws one live wave. */
export function WaveSlot({ bedId, code, label, colour }: WaveSlotProps) {
  const renderer = useSweepRenderer();
  const slot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (slot.current === null) return;
    return renderer.registerSlot(bedId, code, slot.current);
  }, [renderer, bedId, code]);
  return (
    <div ref={slot} className="wave-slot" data-testid={`wave-slot-${bedId}-${code}`}>
      <span className="wave-slot__label" style={{ color: colour }}>
        {label}
      </span>
    </div>
  );
}
