/**
 * Agency names: when two ways of writing a name mean one body. Shared by the in-batch grouping
 * of `nianbao check` (src/check.ts) and the corpus's agencies (src/store), so both join
 * `洪泽区人民政府` with `淮安市洪泽区人民政府` by one rule.
 */

/** A name in the form that compares: whitespace (also full-width and no-break) removed. */
export function agencyKey(name: string | null | undefined): string | null {
  const k = name?.replace(/[\s\u00a0\u3000]+/g, "");
  return k ? k : null;
}

/**
 * A zone's administrative committee (or its office) reports for the zone:
 * `…实验区管委会办公室`, `…开发区管理委员会` and `…实验区` are one body.
 */
const ZONE_OFFICE = /(区)(?:管理委员会|管委会)(?:办公室)?$/;

/** The key with the zone-office wording dropped: names with the same base are one body. */
export function agencyBase(key: string): string {
  return key.replace(ZONE_OFFICE, "$1");
}

/**
 * A name that says which body it is on its own: a place name of two or more characters before
 * the first level word (`洪泽区人民政府`), not `县机关事务局` or `市人民政府`.
 */
const SPECIFIC = /^[\u4e00-\u9fff]{2,}?(?:省|自治区|市|州|盟|地区|区|县|旗|镇|乡|街道)/;

export function isSpecificName(base: string): boolean {
  return SPECIFIC.test(base);
}

/**
 * Whether `short` is `long` with a leading higher level dropped (`洪泽区人民政府` in
 * `淮安市洪泽区人民政府`): only when the short base is specific on its own.
 */
export function dropsHigherLevel(long: string, short: string): boolean {
  return long !== short && long.endsWith(short) && isSpecificName(short);
}

/**
 * Groups names (keys) that mean one body: equal bases, and a short base with the one longer
 * base it is the tail of — when it fits exactly one, since `青山区人民政府` beside
 * `临江市青山区人民政府` and `云溪市青山区人民政府` cannot say which. Returns each key's group
 * representative (the longest base of the group).
 */
export function groupAgencyNames(keys: Iterable<string>): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const k of keys) {
    const b = agencyBase(k);
    byBase.set(b, [...(byBase.get(b) ?? []), k]);
  }
  const bases = [...byBase.keys()];
  const target = new Map<string, string>();
  for (const short of bases) {
    const longer = bases.filter((b) => dropsHigherLevel(b, short));
    if (longer.length === 1) target.set(short, longer[0]!);
  }
  const root = (b: string): string => {
    const seen = new Set<string>();
    while (target.has(b) && !seen.has(b)) {
      seen.add(b);
      b = target.get(b)!;
    }
    return b;
  };
  const out = new Map<string, string>();
  for (const [b, ks] of byBase) for (const k of ks) out.set(k, root(b));
  return out;
}
