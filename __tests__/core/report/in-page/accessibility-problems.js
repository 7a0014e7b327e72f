// Runs inside the page (plain JavaScript: evaluated as a string, so coverage instrumentation cannot break it).
// Landmarks, heading order, names of controls, links and table headers.
(() => {
  const problems = [];
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  if (document.documentElement.lang !== 'en') problems.push('<html> has no lang="en"');
  if (!document.title.trim()) problems.push('the page has no title');
  if (all('main').length !== 1) problems.push(`expected one <main>, found ${all('main').length}`);
  if (all('body > header').length !== 1) problems.push('expected one banner (<header> in <body>)');
  if (all('body > footer').length !== 1) problems.push('expected one contentinfo (<footer> in <body>)');
  for (const nav of all('nav')) {
    if (!nav.getAttribute('aria-label') && !nav.getAttribute('aria-labelledby')) problems.push('a <nav> has no name');
  }
  const headings = all('h1, h2, h3, h4, h5, h6').map((h) => Number(h.tagName[1]));
  if (headings[0] !== 1) problems.push(`the first heading is h${headings[0]}, not h1`);
  if (headings.filter((level) => level === 1).length !== 1) problems.push('expected exactly one h1');
  headings.forEach((level, i) => {
    if (i > 0 && level > headings[i - 1] + 1) problems.push(`heading h${level} follows h${headings[i - 1]}`);
  });
  for (const input of all('input, select, textarea')) {
    if (!input.labels || input.labels.length === 0) problems.push(`#${input.id || input.tagName} has no label`);
  }
  for (const button of all('button')) {
    if (!(button.getAttribute('aria-label') || button.textContent || '').trim()) problems.push('a button has no name');
  }
  for (const link of all('a')) {
    if (!(link.textContent || '').trim()) problems.push(`a link to ${link.getAttribute('href')} has no text`);
  }
  for (const th of all('th')) {
    if (!th.getAttribute('scope')) problems.push(`<th>${th.textContent}</th> has no scope`);
  }
  for (const table of all('table')) {
    if (!table.querySelector('caption')) problems.push('a table has no caption');
  }
  const ids = all('[id]').map((e) => e.id);
  if (new Set(ids).size !== ids.length) problems.push('element ids are not unique');
  return problems;
})();
