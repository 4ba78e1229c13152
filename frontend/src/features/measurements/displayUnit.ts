// The unit a member reads and enters each measurement type in (lb, °F, mmol/L). It belongs to
// the account (GET /me/display-units), so every browser they sign in on shows the same units;
// logging a reading in another unit makes that the member's unit ("last unit used").
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { MeasurementType } from '../../api/types';
import { hasUnitChoice } from './units';

export const displayUnitsKey = ['me', 'display-units'] as const;

type Units = Record<string, string>;

/** Where an older version of the app kept a choice per browser (moved to the account once). */
const LEGACY_PREFIX = 'kindred.unit.';

function legacyChoices(): Units {
  const found: Units = {};
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const key = window.localStorage.key(i);
      if (key?.startsWith(LEGACY_PREFIX)) found[key.slice(LEGACY_PREFIX.length)] = window.localStorage.getItem(key) ?? '';
    }
  } catch {
    // No storage (some private modes): nothing to move.
  }
  return found;
}

function forgetLegacy(slug: string): void {
  try {
    window.localStorage.removeItem(LEGACY_PREFIX + slug);
  } catch {
    // Nothing stored.
  }
}

async function putUnit(slug: string, unit: string): Promise<string> {
  const r = await unwrap(
    api.PUT('/api/v1/me/display-units/{type}', { params: { path: { type: slug } }, body: { unit } }),
  );
  return r.unit;
}

async function fetchUnits(): Promise<Units> {
  const { units } = await unwrap(api.GET('/api/v1/me/display-units'));
  // A choice this browser kept before units followed the account: keep it, on the account,
  // unless the account already has one for that type.
  const legacy = legacyChoices();
  for (const [slug, unit] of Object.entries(legacy)) {
    if (!units[slug] && unit) {
      try {
        units[slug] = await putUnit(slug, unit);
      } catch {
        // Not a unit the type accepts (any more): drop it.
      }
    }
    forgetLegacy(slug);
  }
  return units;
}

/** The member's units by type slug (types not listed are shown in their canonical unit). */
export function useDisplayUnitsQuery() {
  return useQuery({ queryKey: displayUnitsKey, queryFn: fetchUnits, staleTime: 5 * 60 * 1000 });
}

/** The unit readings of `type` are shown in: the member's choice, else the canonical unit. */
export function unitFor(type: MeasurementType | undefined, units: Units | undefined): string | undefined {
  if (!type) return undefined;
  const u = units?.[type.slug];
  return u && hasUnitChoice(type) && type.accepted_units.includes(u) ? u : type.unit;
}

/** The display unit of `type` (the canonical one until the member's units have loaded). */
export function useDisplayUnit(type: MeasurementType | undefined): string | undefined {
  const q = useDisplayUnitsQuery();
  return unitFor(type, q.data);
}

/** `unitFor` bound to the member's units: for a list of several types (the dashboard). */
export function useDisplayUnits(): (type: MeasurementType | undefined) => string | undefined {
  const q = useDisplayUnitsQuery();
  const units = q.data;
  return useCallback((type: MeasurementType | undefined) => unitFor(type, units), [units]);
}

/**
 * Makes `unit` the member's unit for a type: shown at once (the cache is updated first), then
 * stored on the account; put back if the server refuses.
 */
export function useSetDisplayUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ slug, unit }: { slug: string; unit: string }) => putUnit(slug, unit),
    onMutate: async ({ slug, unit }) => {
      await queryClient.cancelQueries({ queryKey: displayUnitsKey });
      const before = queryClient.getQueryData<Units>(displayUnitsKey);
      queryClient.setQueryData<Units>(displayUnitsKey, { ...before, [slug]: unit });
      return { before };
    },
    onError: (_err, _vars, context) => {
      queryClient.setQueryData(displayUnitsKey, context?.before);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: displayUnitsKey });
    },
  });
}
