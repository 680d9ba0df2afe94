// Sign-ins per day as a chart drawn on the server (SVG, no JavaScript) with the same
// numbers as a table beside it, which is what screen readers and keyboard users read: the
// picture is marked as one image with a text alternative.
import type { SignInDay } from "@/lib/auth/security-overview";

const WIDTH = 600;
const HEIGHT = 200;
const PAD = { top: 10, right: 8, bottom: 24, left: 36 };

export function SignInChart({ days }: { days: SignInDay[] }) {
  const max = Math.max(1, ...days.flatMap((day) => [day.failed, day.succeeded]));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / days.length;
  const bar = Math.max(1, slot / 2 - 1);
  const y = (value: number) => PAD.top + plotH - (value / max) * plotH;
  const totalFailed = days.reduce((sum, day) => sum + day.failed, 0);
  const totalSucceeded = days.reduce((sum, day) => sum + day.succeeded, 0);
  const first = days[0]?.day ?? "";
  const last = days.at(-1)?.day ?? "";
  return (
    <div className="sign-in-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Sign-ins per day, last ${days.length} days`} aria-describedby="sign-in-chart-desc" preserveAspectRatio="none">
        <desc id="sign-in-chart-desc">
          {totalSucceeded} successful and {totalFailed} failed sign-ins from {first} to {last}; the table gives each day.
        </desc>
        <line x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} className="axis" />
        <text x={PAD.left - 4} y={PAD.top + 10} textAnchor="end" className="label">
          {max}
        </text>
        <text x={PAD.left - 4} y={PAD.top + plotH} textAnchor="end" className="label">
          0
        </text>
        <text x={PAD.left} y={HEIGHT - 6} className="label">
          {first}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="label">
          {last}
        </text>
        {days.map((day, i) => {
          const x = PAD.left + i * slot;
          return (
            <g key={day.day}>
              <rect x={x} y={y(day.succeeded)} width={bar} height={PAD.top + plotH - y(day.succeeded)} className="succeeded" />
              <rect x={x + bar + 1} y={y(day.failed)} width={bar} height={PAD.top + plotH - y(day.failed)} className="failed" />
            </g>
          );
        })}
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="key succeeded" /> successful <span className="key failed" /> failed
      </p>
    </div>
  );
}

export function SignInTable({ days }: { days: SignInDay[] }) {
  return (
    <table className="sign-in-table">
      <caption>Sign-ins per day (UTC), newest first</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          <th scope="col">Successful</th>
          <th scope="col">Failed</th>
        </tr>
      </thead>
      <tbody>
        {[...days].reverse().map((day) => (
          <tr key={day.day}>
            <th scope="row">{day.day}</th>
            <td>{day.succeeded}</td>
            <td>{day.failed}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
