// Inline icons (nothing is loaded from the internet). Decorative: hidden from assistive tech.
import type { SVGProps } from 'react';

function Svg(props: SVGProps<SVGSVGElement>) {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    />
  );
}

export function LogoIcon() {
  return (
    <Svg viewBox="0 0 32 32" width="28" height="28" stroke="none">
      <rect width="32" height="32" rx="7" fill="var(--brand)" />
      <path
        d="M16 25s-8-5.1-8-10.6A4.4 4.4 0 0 1 16 12a4.4 4.4 0 0 1 8 2.4C24 19.9 16 25 16 25z"
        fill="var(--brand-contrast)"
      />
    </Svg>
  );
}

export function SunIcon() {
  return (
    <Svg>
      <circle cx="12" cy="12" r="4" />
      <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
    </Svg>
  );
}

export function MoonIcon() {
  return (
    <Svg>
      <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
    </Svg>
  );
}

export function AlertIcon() {
  return (
    <Svg width="16" height="16">
      <circle cx="12" cy="12" r="10" />
      <path d="M12 8v4M12 16h.01" />
    </Svg>
  );
}

export function CheckIcon() {
  return (
    <Svg width="16" height="16">
      <path d="M20 6 9 17l-5-5" />
    </Svg>
  );
}

export function EyeIcon() {
  return (
    <Svg width="18" height="18">
      <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7-10-7-10-7z" />
      <circle cx="12" cy="12" r="3" />
    </Svg>
  );
}
