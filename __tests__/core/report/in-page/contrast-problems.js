// Runs inside the page. WCAG 2.x contrast: 4.5:1 for text, 3:1 for large text and for the borders of inputs.
(() => {
  const parse = (color) => {
    const parts = (color.match(/[\d.]+/g) || []).map(Number);
    return [parts[0] || 0, parts[1] || 0, parts[2] || 0, parts[3] === undefined ? 1 : parts[3]];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const color = parse(getComputedStyle(e).backgroundColor);
      if (color[3] > 0) layers.push(color);
      if (color[3] >= 1) break;
    }
    return layers.reduceRight((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => {
    const channel = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const problems = [];
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    const ownText = Array.from(element.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = element.getBoundingClientRect();
    if (!ownText || element.getClientRects().length === 0 || box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(element);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    const bg = background(element);
    const contrast = ratio(over(parse(style.color), bg), bg);
    if (contrast < (large ? 3 : 4.5)) {
      problems.push(
        `"${element.textContent.trim().slice(0, 40)}" (${element.tagName}): contrast ${contrast.toFixed(2)}`,
      );
    }
  }
  for (const input of Array.from(document.querySelectorAll('input'))) {
    if (input.getClientRects().length === 0) continue;
    const contrast = ratio(parse(getComputedStyle(input).borderTopColor), background(input.parentElement));
    if (contrast < 3) problems.push(`#${input.id} border: contrast ${contrast.toFixed(2)}`);
  }
  return problems;
})();
