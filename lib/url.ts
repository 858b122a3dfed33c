/**
 * A hash that routes (#/news/1, #!/a) names a page on hash-routed single-page sites; #section
 * only jumps within one. The watcher, the content script and the corpus's canonical URL all
 * decide "is this another article?" with this one rule, so they never disagree.
 */
export function isRouteHash(hash: string): boolean {
  return hash.startsWith('#/') || hash.startsWith('#!');
}

/** The URL without a plain in-page #anchor; a routing hash stays, since it names the article. */
export function withoutPlainHash(url: string): string {
  const at = url.indexOf('#');
  if (at < 0) return url;
  return isRouteHash(url.slice(at)) ? url : url.slice(0, at);
}

/**
 * The URL when it is http(s), else null: the one check for every place a stored URL becomes a
 * link (dashboard, exports) or is accepted into the library (imports, undo). A javascript: or
 * data: URL must never become clickable, whatever wrote it into the database.
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
