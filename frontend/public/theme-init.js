// Applies a saved light/dark choice before the app loads, so the page does not flash.
// Without a saved choice the stylesheet follows the system setting (prefers-color-scheme).
(function () {
  try {
    var t = localStorage.getItem('kindred-theme');
    if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
  } catch (e) {
    /* storage unavailable: follow the system */
  }
})();
