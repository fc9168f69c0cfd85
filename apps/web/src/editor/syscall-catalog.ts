import { ARCHES, type Arch, syscallArches, syscallNames } from '@dust/model';

// Every syscall name of a kernel with the arches that implement it, computed once per
// kernel and shared by every render of the picker.

export interface CatalogEntry {
  name: string;
  arches: ReadonlySet<Arch>;
}

const catalogs = new Map<string, readonly CatalogEntry[]>();

export function syscallCatalog(kernel: string): readonly CatalogEntry[] {
  let catalog = catalogs.get(kernel);
  if (!catalog) {
    catalog = [...syscallNames(kernel)]
      .sort()
      .map((name) => ({ name, arches: new Set(syscallArches(kernel, name)) }));
    catalogs.set(kernel, catalog);
  }
  return catalog;
}

export const ALL_ARCHES: readonly Arch[] = ARCHES;

/** Search by substring; several words (space or comma separated) match any of them. */
export function filterCatalog(
  catalog: readonly CatalogEntry[],
  query: string,
): readonly CatalogEntry[] {
  const words = query
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (words.length === 0) return catalog;
  return catalog.filter((entry) => words.some((w) => entry.name.includes(w)));
}
