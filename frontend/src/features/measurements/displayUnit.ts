// The unit a member chose to see readings of each type in. A display preference, not health
// data, so it lives in localStorage (per browser), not on the server.
import { useSyncExternalStore } from 'react';
import type { MeasurementType } from '../../api/types';
import { hasUnitChoice } from './units';

const PREFIX = 'kindred.unit.';
const listeners = new Set<() => void>();
// Used only where localStorage throws (some private modes): the choice lasts for this page.
const memory = new Map<string, string>();
// Bumped on every change, so a component showing several types re-renders.
let version = 0;

function notify(): void {
  version += 1;
  listeners.forEach((l) => l());
}

function stored(slug: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + slug);
  } catch {
    return memory.get(slug) ?? null;
  }
}

/** The unit readings of `type` are shown in: the member's choice, else the canonical unit. */
export function displayUnitOf(type: MeasurementType | undefined): string | undefined {
  if (!type) return undefined;
  const u = stored(type.slug);
  return u && hasUnitChoice(type) && type.accepted_units.includes(u) ? u : type.unit;
}

/** Remembers the unit to show readings of `slug` in. */
export function setDisplayUnit(slug: string, unit: string): void {
  try {
    window.localStorage.setItem(PREFIX + slug, unit);
  } catch {
    memory.set(slug, unit);
  }
  notify();
}

const onStorage = (e: StorageEvent) => {
  if (e.key === null || e.key.startsWith(PREFIX)) notify();
};

function subscribe(l: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(l);
  return () => {
    listeners.delete(l);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

/** The display unit of `type`, re-rendering when it changes (in this tab or another). */
export function useDisplayUnit(type: MeasurementType | undefined): string | undefined {
  return useSyncExternalStore(subscribe, () => displayUnitOf(type));
}

/** `displayUnitOf`, re-rendering on any change: for a list of several types (the dashboard). */
export function useDisplayUnits(): (type: MeasurementType | undefined) => string | undefined {
  useSyncExternalStore(subscribe, () => version);
  return displayUnitOf;
}
