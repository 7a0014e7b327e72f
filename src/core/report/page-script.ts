/**
 * The one script inlined into every page (allowed by its hash in the page's Content-Security-Policy, so nothing
 * else can run even if markup were ever injected). Plain ES5 without modules: it must work from file://.
 * - Copy buttons (`<button data-copy="<id of the element holding the text>">`): the Clipboard API where the
 *   browser allows it, else select the text and try execCommand('copy'), leaving it selected for Ctrl+C.
 * - One filter box per page (`[data-filter]`): hides `[data-filter-item]`s and `[data-filter-group]`s that do not
 *   contain every typed word. A group matching by its own `data-filter-text` shows all of its items.
 * Both are hidden in the markup and revealed here, so without JavaScript no control sits there doing nothing.
 */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var live = document.getElementById('live-status');
  function announce(text) {
    if (live) live.textContent = text;
  }
  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }
  function selectContents(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    if (!selection) return;
    selection.removeAllRanges();
    selection.addRange(range);
  }
  each('button[data-copy]', function (button) {
    var label = button.textContent;
    var timer = null;
    function done(text) {
      button.textContent = text;
      announce(text);
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { button.textContent = label; }, 2000);
    }
    function fallback(target) {
      selectContents(target);
      var copied = false;
      try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
      done(copied ? 'Copied' : 'Selected: press Ctrl+C to copy');
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy'));
      if (!target) return;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(target.textContent).then(
          function () { done('Copied'); },
          function () { fallback(target); }
        );
      } else {
        fallback(target);
      }
    });
  });
  var box = document.querySelector('[data-filter]');
  if (!box) return;
  var input = box.querySelector('input');
  var status = box.querySelector('[data-filter-status]');
  var empty = document.querySelector('[data-filter-empty]');
  var countGroups = box.getAttribute('data-filter-count') === 'groups';
  var nouns = (box.getAttribute('data-filter-noun') || 'item|items').split('|');
  function textOf(element) {
    return (element.getAttribute('data-filter-text') || element.textContent || '').toLowerCase();
  }
  var groups = [];
  each('[data-filter-group]', function (group) {
    var items = [];
    Array.prototype.forEach.call(group.querySelectorAll('[data-filter-item]'), function (item) {
      items.push({ element: item, text: textOf(item) });
    });
    var own = group.getAttribute('data-filter-text');
    groups.push({ element: group, text: own === null ? null : own.toLowerCase(), items: items });
  });
  function matches(text, words) {
    for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    return true;
  }
  function apply() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shownGroups = 0, shownItems = 0, totalItems = 0;
    groups.forEach(function (group) {
      var groupMatches = words.length === 0 || (group.text !== null && matches(group.text, words));
      var anyItem = false;
      group.items.forEach(function (item) {
        var show = groupMatches || matches(item.text, words);
        item.element.hidden = !show;
        totalItems++;
        if (show) { anyItem = true; shownItems++; }
      });
      var showGroup = groupMatches || anyItem;
      group.element.hidden = !showGroup;
      if (showGroup) shownGroups++;
    });
    var shown = countGroups ? shownGroups : shownItems;
    var total = countGroups ? groups.length : totalItems;
    var noun = total === 1 ? nouns[0] : nouns[1];
    if (status) status.textContent = words.length ? 'Showing ' + shown + ' of ' + total + ' ' + noun : total + ' ' + noun;
    if (empty) empty.hidden = shown !== 0;
  }
  box.hidden = false;
  input.addEventListener('input', apply);
  apply();
})();
`.trim();
