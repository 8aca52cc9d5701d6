/** `*` (any run of characters, `/` and `:` included) and `?` (one character) globs for ids. */
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = [...glob].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
    re = new RegExp(`^${body}$`, 's');
    cache.set(glob, re);
  }
  return re;
}

export function globMatch(glob: string, text: string): boolean {
  return glob === '*' || globToRegExp(glob).test(text);
}
