/**
 * The Seccl-family addons: white-label platforms that run on Seccl, each with its own firm id and
 * credentials. An addon slug outside this list is unknown.
 */
export interface AddonInfo {
  slug: string;
  name: string;
}

export const secclAddons: readonly AddonInfo[] = [
  { slug: 'seccl', name: 'Seccl' },
  { slug: 'octopus_money', name: 'Octopus Money' },
];

export function findAddon(slug: string): AddonInfo | undefined {
  return secclAddons.find((addon) => addon.slug === slug);
}
