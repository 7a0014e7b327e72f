// Runs inside the page: what has the keyboard focus and how its focus indicator looks.
(() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    text: element.textContent,
    outline: style.outlineStyle,
    width: style.outlineWidth,
    top: element.getBoundingClientRect().top,
  };
})();
