import { strings } from '../strings.js';

/** Marks data that is simulated, so it is never mistaken for a patient's. */
export function DemoBadge() {
  return (
    <span className="demo-badge" title={strings.bed.demoTitle}>
      {strings.bed.demo}
    </span>
  );
}
