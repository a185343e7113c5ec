import { EMAIL_DOMAINS, EMOJI, FIRST_NAMES, LAST_NAMES, NAME_SUFFIXES, NICKNAMES, slug } from "./names";
import { Permutation, hash32, rngAt } from "./random";

/*
 * People of the synthetic tree, addressed by a person index. Everything about a person is a pure
 * function of (seed, index), so nothing is stored per person: a 200,000-user tree costs only its
 * per-organization index arrays. The same index in two organizations is the same person (same
 * id, name and email), which is how users appear in several organizations.
 */

export interface Person {
  id: string;
  fullName: string;
  email: string;
}

const FIRST_SLUGS = FIRST_NAMES.map(slug);
const LAST_SLUGS = LAST_NAMES.map(slug);
const COMBINATIONS = FIRST_NAMES.length * LAST_NAMES.length;
const DOMAIN_NAMES = EMAIL_DOMAINS.map((d) => d.domain);
const DOMAIN_WEIGHTS = EMAIL_DOMAINS.map((d) => d.weight);

/*
 * Fixed person indices that always carry the awkward cases (they land in the first
 * organization of any tree with a few users), so CSV quoting, injection guards and case-folding
 * get exercised by small test trees too. Beyond them, the same cases recur rarely at random.
 */
const SUFFIXED = 1; // `Ada Lovelace, PhD`: a comma
const NICKNAMED = 2; // `Robert "Bob" Smith`: double quotes
const EMOJI_NAMED = new Set([3, 777]); // an emoji
const UPPERCASE_EMAIL = 4; // `Priya.Sharma@acme.com`
const FORMULA_NAMED = 6; // begins with `=`: the CSV-injection case

const capitalise = (s: string) => s.replace(/(^|[.-])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());

const BASE62_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `index` in five base-62 digits (up to 916 million people). */
function indexSuffix(index: number): string {
  let s = "";
  for (let i = 0, n = index; i < 5; i++, n = Math.floor(n / 62)) s = BASE62_DIGITS[n % 62] + s;
  return s;
}

export class People {
  private readonly names: Permutation;
  private readonly base: number;
  constructor(seed: string) {
    this.names = new Permutation(COMBINATIONS, `${seed}\u0000names`);
    this.base = hash32(`${seed}\u0000person`);
  }

  at(index: number): Person {
    const rng = rngAt(this.base, index);
    // The random part comes from a 32-bit generator state, so two of 150,000 people could draw the
    // same one; the last five characters are the index itself, so ids are unique by construction.
    const id = `user_01${rng.base62(22).slice(0, 17)}${indexSuffix(index)}`;
    // A permutation of name combinations keeps emails unique without a registry: each index
    // gets its own (first, last) pair, and the n-th round through all pairs adds a number.
    const combo = this.names.at(index % COMBINATIONS);
    const round = Math.floor(index / COMBINATIONS);
    const fi = combo % FIRST_NAMES.length;
    const li = Math.floor(combo / FIRST_NAMES.length);
    const first = FIRST_NAMES[fi] as string;
    const last = LAST_NAMES[li] as string;

    let fullName = `${first} ${last}`;
    if (index === SUFFIXED || rng.chance(1 / 700)) fullName += rng.pick(NAME_SUFFIXES);
    else if (index === NICKNAMED || rng.chance(1 / 900)) fullName = `${first} "${rng.pick(NICKNAMES)}" ${last}`;
    else if (EMOJI_NAMED.has(index)) fullName = `${first} ${last} ${rng.pick(EMOJI)}`;
    else if (index === FORMULA_NAMED) fullName = `=HYPERLINK("https://example.com/x","${first} ${last}")`;

    let local = `${FIRST_SLUGS[fi]}.${LAST_SLUGS[li]}${round > 0 ? round + 1 : ""}`;
    if (index === UPPERCASE_EMAIL || rng.chance(1 / 250)) local = capitalise(local);
    const domain = rng.weighted(DOMAIN_NAMES, DOMAIN_WEIGHTS);
    return { id, fullName, email: `${local}@${domain}` };
  }
}
