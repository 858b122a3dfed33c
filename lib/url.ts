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
