/**
 * ISO 8601 durations for `result.duration` (xAPI-Data §4.6: the LRS may truncate below 0.01 s,
 * so coursepack rounds to hundredths, as SCORM 1.2 CMITimespan does in ../scorm-time.ts).
 */

/** `PT1H2M3.45S` for a duration in milliseconds; `PT0S` for zero, negative or non-finite values. */
export function formatDuration(milliseconds: number): string {
  const total = Number.isFinite(milliseconds) && milliseconds > 0 ? Math.round(milliseconds / 10) : 0;
  if (total === 0) return 'PT0S';
  const hours = Math.floor(total / 360000);
  const minutes = Math.floor(total / 6000) % 60;
  const centiseconds = total % 6000;
  let out = 'PT';
  if (hours > 0) out += `${hours}H`;
  if (minutes > 0) out += `${minutes}M`;
  if (centiseconds > 0) {
    const whole = Math.floor(centiseconds / 100);
    const fraction = centiseconds % 100;
    out += fraction === 0 ? `${whole}S` : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}S`;
  }
  return out;
}
