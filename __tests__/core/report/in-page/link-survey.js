// Runs inside the page: its links (as written and as resolved), element ids, and anything it would load.
(() => ({
  links: Array.from(document.querySelectorAll('a[href]')).map((a) => ({
    raw: a.getAttribute('href'),
    resolved: a.href,
  })),
  ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
  external: Array.from(document.querySelectorAll('[src], link[href], iframe, object, embed')).map((e) => e.outerHTML),
}))();
